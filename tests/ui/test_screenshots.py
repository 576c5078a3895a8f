"""The screenshot script renders the real window on a real X server (Xvfb, started by the script)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import REPO
from tests.screenshots import SMALL_SCREENS


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_screenshots_of_the_real_window_under_xvfb(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "tests.screenshots", "--out", str(tmp_path)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pictures = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in pictures] == [
        "workbench-1280x720.png", "workbench-1366x768.png", "workbench-editing-khmer.png",
        "workbench-editor-pane.png", "workbench-grid.png", "workbench-review-khmer.png",
        "workbench-vietnamese-interface.png",
    ]  # fmt: skip
    sizes = {"workbench-grid.png": (1500, 900), "workbench-editor-pane.png": (1500, 900), **SMALL_SCREENS}
    for name, (width, height) in sizes.items():
        image = QImage(str(tmp_path / name))
        assert (image.width(), image.height()) == (width, height), name  # the window kept the screen's size
        colours = {image.pixel(x, y) for x in range(0, width, 25) for y in range(0, height, 25)}
        assert len(colours) > 20, name  # a drawn window, not a blank frame
        status_bar = {image.pixel(x, height - 3) for x in range(0, width, 5)}
        assert len(status_bar) > 1, name  # the status bar is drawn at the bottom, not cut off
