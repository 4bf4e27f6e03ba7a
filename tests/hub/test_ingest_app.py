"""The hub web app (`hub.web.create_app`) serves the device API beside the content repository."""

from __future__ import annotations

from pathlib import Path

import requests

from hub.settings import HubSettings
from hub.web import create_app
from tests.usage_support import hub_data_dir, running


def test_the_hub_app_serves_the_device_api_with_its_error_shape(tmp_path: Path) -> None:
    settings = HubSettings(data_dir=hub_data_dir(tmp_path), resign_timestamp_every_minutes=0)
    app = create_app(settings)
    with running(app) as url:
        refused = requests.post(f"{url}/api/v1/usage", json={}, timeout=10)
        enrol = requests.post(f"{url}/api/v1/enrol", json={"code": "AAAA-BBBB-CCCC"}, timeout=10)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "missing_token"
    assert enrol.status_code == 403 and enrol.json()["error"]["code"] == "invalid_code"
    assert app.state.hub_store.path == settings.database_path
