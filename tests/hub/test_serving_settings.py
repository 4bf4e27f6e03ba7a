"""The settings each worker reads from HUB_SETTINGS, and serving options that cannot work."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.__main__ import main
from hub.serving.factory import ServingSettingsError, settings_from_text, settings_to_text
from hub.settings import HubSettings


@pytest.mark.parametrize("root", [None, Path("/srv/hub/root.json")])
def test_a_worker_gets_the_settings_the_command_was_given(root):
    settings = HubSettings(Path("/srv/hub"), prune_every_minutes=0.5, trusted_root_path=root)
    assert settings_from_text(settings_to_text(settings)) == settings


@pytest.mark.parametrize(
    "text", ["", "not json", "[1, 2]", '{"data_dir": "/x", "workers": 3}', '{"port": 1}']
)
def test_settings_that_are_not_the_hubs_are_refused(text):
    with pytest.raises(ServingSettingsError):
        settings_from_text(text)


def test_serve_refuses_fewer_than_one_worker(tmp_path, capsys):
    assert main(["serve", "--data-dir", str(tmp_path), "--workers", "0"]) == 1
    assert "--workers must be 1 or more" in capsys.readouterr().err
