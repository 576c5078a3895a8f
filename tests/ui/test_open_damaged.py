"""Opening a damaged or read-only project from the start page: the same message as the CLI, in a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.core.test_project_faults import PAGE, built_project, flip, read_only
from workbench.context import AppContext
from workbench.ui.start_window import StartWindow


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append((title, text)))
    return shown


def test_a_damaged_project_is_not_opened_and_the_dialog_says_how_to_recover(
    qtbot, tmp_path: Path, warnings: list[tuple[str, str]]
) -> None:  # type: ignore[no-untyped-def]
    path = built_project(tmp_path, 300)
    flip(path, path.stat().st_size - PAGE, b"\xff" * PAGE)
    before = path.read_bytes()
    window = StartWindow(AppContext.load())
    qtbot.addWidget(window)
    window.open_project(path)
    ((title, text),) = warnings
    assert title == "Cannot open the project"
    assert text.startswith(f"{path} is damaged (") and "the workbench will not write into it" in text
    assert ".recover" in text
    assert window.project is None and window.project_window is None
    assert path.read_bytes() == before


def test_a_read_only_project_is_not_opened_for_editing_and_the_dialog_says_why(
    qtbot, tmp_path: Path, warnings: list[tuple[str, str]]
) -> None:  # type: ignore[no-untyped-def]
    path = built_project(tmp_path, 20)
    window = StartWindow(AppContext.load())
    qtbot.addWidget(window)
    with read_only(path):
        window.open_project(path)
    ((title, text),) = warnings
    assert title == "Cannot open the project"
    assert text == (
        f"{path} is read-only: it can be read (stats, segments, export) but not changed; make the file writable "
        "(or copy it) to change it"
    )
    assert window.project_window is None
    window.open_project(path)  # writable again: it opens
    assert window.project_window is not None and window.project_window.isVisible()
    window.project_window.close()
