"""kiosk-renderer: cage draws in software when there is no GPU, or after failing with it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.deploy.conftest import ROOT

SCRIPT = ROOT / "deploy" / "kiosk-renderer"


def renderer(tmp_path: Path, action: str, **env: str) -> str:
    variables = {**os.environ, "RUNTIME": str(tmp_path / "run"), "DRI": str(tmp_path / "dri")}
    subprocess.run(["bash", str(SCRIPT), action], env={**variables, **env}, check=True)
    chosen = tmp_path / "run" / "renderer.env"
    return chosen.read_text() if chosen.exists() else ""


def with_gpu(tmp_path: Path) -> None:
    (tmp_path / "dri").mkdir()
    (tmp_path / "dri" / "renderD128").touch()


def test_no_render_node_means_software_rendering(tmp_path: Path) -> None:
    (tmp_path / "dri").mkdir()
    (tmp_path / "dri" / "card0").touch()  # a display without a GPU (bochs-drm in a VM)
    assert renderer(tmp_path, "pick") == "WLR_RENDERER=pixman\n"


def test_a_gpu_is_used_when_there_is_one(tmp_path: Path) -> None:
    with_gpu(tmp_path)
    assert renderer(tmp_path, "pick") == ""


def test_cage_failing_on_the_gpu_falls_back_to_software(tmp_path: Path) -> None:
    with_gpu(tmp_path)
    renderer(tmp_path, "pick")
    renderer(tmp_path, "failed", SERVICE_RESULT="exit-code")
    assert renderer(tmp_path, "pick") == "WLR_RENDERER=pixman\n"


def test_a_clean_stop_keeps_the_gpu(tmp_path: Path) -> None:
    with_gpu(tmp_path)
    renderer(tmp_path, "pick")
    renderer(tmp_path, "failed", SERVICE_RESULT="success")
    assert renderer(tmp_path, "pick") == ""
