import json
import stat

import pytest

from sync.config import ConfigError, load_device_config, write_enrolment

ROOT = json.dumps({"signed": {"_type": "root"}, "signatures": []}).encode()


def _kiosk_toml(tmp_path, body="[sync]\ninterval_minutes = 5\n"):
    path = tmp_path / "kiosk.toml"
    path.write_text(body)
    return path


def test_enrolment_files_complete_the_config(tmp_path):
    path = _kiosk_toml(tmp_path, "[sync]\ndata_dir = 'data'\n[kiosk]\nother = 1\n")
    write_enrolment(tmp_path, "mc-01", "t" * 32, "mong-cai", "https://hub.example", ROOT)
    config = load_device_config(path)
    assert config.channel == "mong-cai"
    assert config.device_id == "mc-01"
    assert config.root_bytes == ROOT
    assert config.data_dir == (tmp_path / "data").resolve()
    assert config.content_db.name == "content.db"
    for name in ("device.toml", "root.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_an_invalid_value_names_its_key(tmp_path):
    path = _kiosk_toml(tmp_path, "[sync]\ninterval_minutes = -1\nhub_url='http://h'\nchannel='x'\n")
    (tmp_path / "root.json").write_bytes(ROOT)
    with pytest.raises(ConfigError, match="interval_minutes"):
        load_device_config(path)


def test_an_unknown_key_is_refused(tmp_path):
    path = _kiosk_toml(tmp_path, "[sync]\nintervall_minutes = 5\n")
    with pytest.raises(ConfigError, match="intervall_minutes"):
        load_device_config(path)


def test_missing_root_says_to_enrol(tmp_path):
    path = _kiosk_toml(tmp_path, "[sync]\nhub_url='http://h'\nchannel='x'\n")
    with pytest.raises(ConfigError, match="enrol"):
        load_device_config(path)


def test_enrolment_refuses_something_that_is_not_a_root(tmp_path):
    with pytest.raises(ConfigError, match="root"):
        write_enrolment(tmp_path, "mc-01", "t" * 32, "mong-cai", "https://h", b"{}")
    assert not (tmp_path / "device.toml").exists()
