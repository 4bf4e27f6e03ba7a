"""A wrong config value gives a clear error naming the key, and the kiosk still starts with its
content: the wrong key falls back to its default, every other key keeps its value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deploy.conftest import run_device


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_kiosk_value_is_named_and_falls_back_alone(tmp_path: Path) -> None:
    from kiosk.config import ConfigError, load_config
    from kiosk.config_fallback import load_config_or_defaults

    config = _write(
        tmp_path / "kiosk.toml",
        f'[kiosk]\ndata_dir = "{tmp_path}"\nidle_timeout_s = 5\nscreen_dpi = 160\n',
    )
    with pytest.raises(ConfigError, match="idle_timeout_s"):
        load_config(config)
    settings, problems = load_config_or_defaults(config)
    assert settings.idle_timeout_s == 60  # the default
    assert settings.screen_dpi == 160 and settings.data_dir == tmp_path  # kept
    assert len(problems) == 1
    assert "[kiosk] idle_timeout_s = 5" in problems[0]
    assert "greater than or equal to 10" in problems[0] and "using the default 60" in problems[0]


def test_a_line_that_is_not_toml_is_named_by_number_and_skipped(tmp_path: Path) -> None:
    from kiosk.config_fallback import load_config_or_defaults

    config = _write(
        tmp_path / "kiosk.toml",
        f'[kiosk]\ndata_dir = "{tmp_path}"\norientation = sideways\nunknown_key = 1\n',
    )
    settings, problems = load_config_or_defaults(config)
    assert settings.data_dir == tmp_path and settings.orientation == "auto"
    assert any("line 3" in problem and "orientation = sideways" in problem for problem in problems)
    assert any("[kiosk] unknown_key" in problem for problem in problems)


def test_a_wrong_sync_value_stops_sync_with_the_key_named(tmp_path: Path) -> None:
    config = _write(tmp_path / "kiosk.toml", '[sync]\ninterval_minutes = "often"\n')
    result = run_device("sync", "once", env={"KIOSK_CONFIG": str(config)})
    assert result.returncode == 2
    assert "[sync] interval_minutes" in result.stderr


@pytest.mark.slow
def test_the_kiosk_starts_and_shows_content_with_a_wrong_value(tmp_path: Path) -> None:
    data = tmp_path / "data"
    config = _write(
        tmp_path / "kiosk.toml",
        f'[kiosk]\ndata_dir = "{data}"\nfullscreen = false\nidle_timeout_s = "soon"\n',
    )
    catalog = _embedded_catalog(tmp_path)
    frame = tmp_path / "frame"
    result = run_device(
        "run",
        "--config",
        str(config),
        "--embedded",
        str(catalog),
        env={"KIOSK_FIRST_FRAME_FILE": str(frame)},
    )
    assert frame.exists(), result.stderr[-3000:]  # it drew its first frame
    assert "[kiosk] idle_timeout_s = 'soon'" in result.stderr
    assert (data / "content.db").exists()  # content came from the embedded catalog


def _embedded_catalog(tmp_path: Path) -> Path:
    from bundle.build import build_catalog

    target = tmp_path / "catalog.json"
    build_catalog(target, "mong-cai")
    return target
