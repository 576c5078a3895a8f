"""`python main.py` opens a window from which a project is created or opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from workbench.core.importing import import_files
from workbench.core.project_store import Project
from workbench.core.settings import Settings
from workbench.ui.start_window import PROJECT_FILTER, StartWindow


def test_new_project_from_the_window_is_remembered(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = StartWindow()
    qtbot.addWidget(window)
    window.show()
    target = tmp_path / "angiang"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), PROJECT_FILTER))
    window.new_button.click()
    assert (tmp_path / "angiang.wbp").exists()
    assert Settings.load().recent_projects == [str((tmp_path / "angiang.wbp").resolve())]
    assert window.recent.count() == 1
    assert window.project_window is not None and window.project_window.isVisible()
    assert "angiang" in window.project_window.windowTitle()
    window.project_window.close()


def test_opening_shows_the_project_and_a_locked_one_gets_a_dialog(
    qtbot, tmp_path: Path, monkeypatch, article_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.wbp"
    with Project.create(path, "Tin An Giang", "vi", ["en", "km"]) as project:
        import_files(project, [article_path])
    window = StartWindow()
    qtbot.addWidget(window)
    window.open_project(path)
    assert window.status.text() == "Tin An Giang: 1 documents, 36 segments"

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    second = StartWindow()
    qtbot.addWidget(second)
    second.open_project(path)  # the first window holds the project
    assert len(warnings) == 1 and "open in another window" in warnings[0]
    assert second.project is None
    assert window.project_window is not None
    window.project_window.close()
    second.open_project(path)  # closing the first project window released it
    assert second.project is not None
    assert second.project_window is not None
    second.project_window.close()
