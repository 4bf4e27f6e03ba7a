"""CI builds the bundle once, starts it headless, renders the attract screen to PNG, draws a first
frame with `kiosk run`, and runs `kiosk doctor` in it. Building takes a few minutes: slow."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.hubkit import Publisher, StaticHub, enrol_device

pytestmark = pytest.mark.slow
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def device(tmp_path: Path) -> Iterator[Path]:
    """A config for a device that has not been enrolled yet; its data in a temporary folder."""
    config = tmp_path / "etc" / "kiosk.toml"
    config.parent.mkdir()
    config.write_text(
        f'[kiosk]\ndata_dir = "{tmp_path / "data"}"\n\n[sync]\ndata_dir = "{tmp_path / "data"}"\n'
    )
    yield config


def kiosk(bundle: Path, *arguments: str, env: dict[str, str] | None = None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KIVY_", "KIOSK_"))}
    return subprocess.run(
        [str(bundle / "kiosk"), *arguments],
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_bundle_carries_subset_fonts_catalog_and_technician_files(bundle: Path) -> None:
    internal = bundle / "_internal"
    fonts = {path.name: path.stat().st_size for path in (internal / "fonts").iterdir()}
    assert set(fonts) >= {"latn-regular.ttf", "khmr-bold.ttf", "laoo-regular.ttf", "hani-bold.otf"}
    assert fonts["hani-regular.otf"] < 4_000_000  # subset: the full face is over 16 MB
    catalog = json.loads((internal / "embedded" / "catalog.json").read_text())
    assert catalog["articles"]
    for name in ("deploy/install.sh", "deploy/systemd/kiosk.service", "deploy/kiosk.toml"):
        assert (bundle / name).exists(), name
    assert not any(internal.glob("hub")) and not any(internal.glob("fastapi"))


def test_the_bundle_knows_when_it_was_built(bundle: Path) -> None:
    """Clock sanity refuses device clocks earlier than the build: the bundle carries the stamp."""
    stamp = (bundle / "_internal" / "sync" / "build-time.txt").read_text().strip()
    newest_commit = subprocess.run(
        ["git", "log", "-1", "--format=%cI"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert stamp[:10] == newest_commit[:10]


def test_the_one_executable_has_every_subcommand(bundle: Path) -> None:
    result = kiosk(bundle, "--help")
    assert result.returncode == 0
    for command in ("run", "screenshots", "sync run", "sync once", "enrol", "doctor"):
        assert f"kiosk {command}" in result.stdout
    assert kiosk(bundle, "version").stdout.strip()
    assert kiosk(bundle, "sync", "--help").returncode == 0
    assert kiosk(bundle, "enrol", "--help").returncode == 0


def test_it_renders_the_attract_screen_headless(bundle: Path, device: Path, tmp_path: Path) -> None:
    out = tmp_path / "png"
    result = kiosk(
        bundle,
        "screenshots",
        "--config",
        str(device),
        "--out",
        str(out),
        "--lang",
        "vi",
        "--orientation",
        "portrait",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    attract = out / "portrait-vi-attract.png"
    data = attract.read_bytes()
    assert data.startswith(PNG_MAGIC)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1080, 1920)
    assert len(data) > 20_000  # a real picture, not a blank frame


def test_it_draws_a_first_frame_when_run(bundle: Path, device: Path, tmp_path: Path) -> None:
    frame = tmp_path / "frame"
    device.write_text(device.read_text().replace("[kiosk]\n", "[kiosk]\nfullscreen = false\n"))
    result = kiosk(
        bundle, "run", "--config", str(device), env={"KIOSK_FIRST_FRAME_FILE": str(frame)}
    )
    assert frame.exists(), result.stderr[-3000:]
    assert (device.parent.parent / "data" / "content.db").exists()


def test_doctor_runs_in_the_bundle(bundle: Path, device: Path, tmp_path: Path) -> None:
    kiosk(bundle, "screenshots", "--config", str(device), "--out", str(tmp_path / "png"),
          "--lang", "en", "--orientation", "landscape")  # fmt: skip
    result = kiosk(bundle, "doctor", "--config", str(device), "--json")
    lines = {line["check"]: line for line in json.loads(result.stdout)}
    assert result.returncode == 1  # no hub, not enrolled, no screen on a CI machine
    for passing in ("font Latin/Vietnamese", "font Khmer", "font Lao", "font Chinese", "config"):
        assert lines[passing]["ok"], lines[passing]
    assert lines["database content.db"]["ok"]
    assert not lines["trusted root"]["ok"] and "enrol" in lines["trusted root"]["fix"]
    expected = {"display", "touch", "disk", "clock", "hub", "last sync"}
    assert expected <= set(lines)
    text = kiosk(bundle, "doctor", "--config", str(device)).stdout
    assert text.splitlines()[-1].endswith("checks failed")


def test_the_bundle_syncs_signed_content_from_a_hub(bundle: Path, tmp_path: Path) -> None:
    publisher = Publisher(tmp_path / "hub")
    published = publisher.publish(articles=5, assets=2)
    with StaticHub(publisher.repository_dir) as hub:
        config = enrol_device(tmp_path / "etc", hub.url, publisher.repository.root_bytes())
        result = kiosk(bundle, "sync", "once", "--config", str(config))
        assert result.returncode == 0, result.stdout + result.stderr[-3000:]
        assert any(path.endswith(".content.db.zst") for path in hub.requests)
    assert f"content version {published.content_version} applied" in result.stdout
    for asset in published.assets:
        assert (tmp_path / "etc" / "data" / "media" / asset.sha256).exists()
