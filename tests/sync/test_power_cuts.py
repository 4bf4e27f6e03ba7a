"""Power cuts (SIGKILL) mid-download and mid-apply, many times over: the cache stays sound and
shows exactly one complete content version; media files are whole or absent."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cache import StateStore, open_content
from sync.outcome import Outcome
from tests.sync.hubkit import enrol_device, media_is_sound

ITERATIONS = 20
PATCH_ITERATIONS = int(os.environ.get("DELTA_SOAK_ITERATIONS", "10"))
"""Kills during a patch's apply: `make soak-delta` runs 100."""
ROOT = Path(__file__).resolve().parents[2]


def _start(config_path: Path, phase: str) -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.power_cut_driver", str(config_path), phase],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def _wait_for_phase(child: subprocess.Popen, timeout: float = 30) -> str:
    ready, _, _ = select.select([child.stdout], [], [], timeout)
    assert ready, "the child never reached the phase"
    return child.stdout.readline().decode().strip()


def _check_one_complete_version(config, expected: dict[int, tuple[int, set[str]]]) -> int:
    state = StateStore(config.usage_db)
    content = open_content(config.content_db, state)
    try:
        assert content.integrity_ok()
        version = content.content_version()
        assert version in expected
        articles, assets = expected[version]
        assert len(content.articles("entry-visa", "en")) == articles
        assert content.asset_ids() == assets
        assert media_is_sound(config.media_dir)
        for sha in assets:  # referenced media is never pruned early or missing after apply
            assert (config.media_dir / sha).exists() or version != state.high_water_mark()
        return version
    finally:
        content.close()
        state.close()


def _power_cut_loop(tmp_path, publisher, hub, phase: str, articles: int, window: float) -> None:
    from sync.config import load_device_config

    config_path = enrol_device(tmp_path / "kiosk", hub.url, publisher.repository.root_bytes())
    config = load_device_config(config_path)
    rng = random.Random(4)
    expected: dict[int, tuple[int, set[str]]] = {}
    killed_mid_phase = 0
    catalog = publisher.publish(articles=articles, assets=3, asset_size=300_000)
    expected[catalog.content_version] = (articles, {a.sha256 for a in catalog.assets})
    assert _start(config_path, "none").wait(60) == Outcome.UPDATED.exit_code
    for iteration in range(ITERATIONS):
        count = articles + iteration + 1
        catalog = publisher.publish(articles=count, assets=3, asset_size=300_000)
        expected[catalog.content_version] = (count, {a.sha256 for a in catalog.assets})
        child = _start(config_path, phase)
        line = _wait_for_phase(child)
        if line.startswith("PHASE"):
            time.sleep(rng.uniform(0, window))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                killed_mid_phase += 1
        child.wait(30)
        _check_one_complete_version(config, expected)
    assert killed_mid_phase >= ITERATIONS // 2
    _catch_up(config, config_path, expected)


def _catch_up(config, config_path: Path, expected: dict) -> None:
    child = _start(config_path, "none")
    child.wait(60)
    assert child.returncode == Outcome.UPDATED.exit_code
    assert _check_one_complete_version(config, expected) == max(expected)
    assert list(config.content_db.parent.glob("content.db.draft-*")) == []


@pytest.mark.slow
def test_sigkill_during_download_leaves_one_complete_version(tmp_path, publisher, hub):
    hub.throttle["/assets/"] = 0.02  # about 0.1 s per asset: the kill lands mid-file
    _power_cut_loop(tmp_path, publisher, hub, "download", articles=5, window=0.4)


@pytest.mark.slow
def test_sigkill_during_apply_leaves_one_complete_version(tmp_path, publisher, hub):
    _power_cut_loop(tmp_path, publisher, hub, "apply", articles=1000, window=0.1)


@pytest.mark.slow
def test_sigkill_during_patch_apply_leaves_one_complete_version(tmp_path, publisher, hub):
    """Each round: a new version, a kill at a random moment of rebuilding it from its patch,
    one complete version after it, then a refresh that catches up (by patch again)."""
    from sync.config import load_device_config

    config_path = enrol_device(tmp_path / "kiosk", hub.url, publisher.repository.root_bytes())
    config = load_device_config(config_path)
    rng = random.Random(13)
    expected: dict[int, tuple[int, set[str]]] = {}
    catalog = publisher.publish(articles=400, assets=1, asset_size=1000)
    expected[catalog.content_version] = (400, {a.sha256 for a in catalog.assets})
    assert _start(config_path, "none").wait(60) == Outcome.UPDATED.exit_code
    killed = 0
    for iteration in range(PATCH_ITERATIONS):
        count = 400 + iteration + 1
        catalog = publisher.publish(articles=count, assets=1, asset_size=1000)
        expected[catalog.content_version] = (count, {a.sha256 for a in catalog.assets})
        child = _start(config_path, "patch")
        line = _wait_for_phase(child)
        assert line == "PHASE patch", line  # a patch was there to apply
        time.sleep(rng.uniform(0, 0.15))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            killed += 1
        child.wait(30)
        _check_one_complete_version(config, expected)
        _catch_up(config, config_path, expected)
    assert killed >= PATCH_ITERATIONS // 2
