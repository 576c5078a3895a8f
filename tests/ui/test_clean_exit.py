"""The program ends cleanly: no "Fatal Python error" (none_dealloc, bool_dealloc) when a session quits (issue 14).

Each session runs as its own process (tests/ui/exit_session.py) through the real exit path: the window's
start page, a project opened, edited, checked in the background, a long task and a long scroll, closed,
the program quitting, the interpreter shutting down; and the MT service headless. The sessions make more
calls into Qt than None and True have references, so a PySide6 that drops a reference per call aborts
them every time (the abort follows from a count, not from timing: one run of each is enough).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.ui.exit_session import EDIT
from workbench.core.importing.file_import import import_files
from workbench.core.records import CONFIRMED
from workbench.core.store.project_store import Project


def _session(mode: str, path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    qt_settings = tmp_path / "xdg-config"  # the window keeps its geometry there, never in the user's
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.ui.exit_session", mode, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(qt_settings)},
    )


@pytest.fixture
def project_path(tmp_path: Path, article_path: Path, short_text: Path) -> Path:
    path = tmp_path / "p.wbp"
    with Project.create(path, "An Giang", "vi", ["en", "km"]) as project:
        import_files(project, [article_path, short_text])
    return path


def test_closing_the_window_quits_the_program_cleanly_with_the_edit_saved(project_path: Path, tmp_path: Path) -> None:
    ended = _session("window", project_path, tmp_path)
    assert "Fatal Python error" not in ended.stderr, ended.stderr[-3000:]
    assert ended.returncode == 0, ended.stderr[-3000:]
    assert "project closed" in ended.stdout
    with Project.open(project_path, read_only=True) as project:
        first = project.segment(project.segment_ids()[0])
    assert first.translations["en"].text == EDIT
    assert first.translations["en"].status in CONFIRMED


def test_the_mt_service_without_a_window_shuts_down_and_exits_cleanly(project_path: Path, tmp_path: Path) -> None:
    ended = _session("headless", project_path, tmp_path)
    assert "Fatal Python error" not in ended.stderr, ended.stderr[-3000:]
    assert ended.returncode == 0, ended.stderr[-3000:]
    assert "service shut down" in ended.stdout
