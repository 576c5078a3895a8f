"""`python main.py` opens a window from which a project is created or opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.ui.new_project_dialog import NewProjectDialog
from workbench.ui.start_window import StartWindow


def test_new_project_from_the_window_is_remembered(qtbot, tmp_path: Path, monkeypatch, app_context) -> None:  # type: ignore[no-untyped-def]
    window = StartWindow(app_context)
    qtbot.addWidget(window)
    window.show()

    def fill_in(dialog: NewProjectDialog) -> int:
        dialog.name.setText("Tin An Giang")
        dialog.location.setText(str(tmp_path))
        dialog.english.setChecked(False)  # a Khmer-only project
        return 1

    monkeypatch.setattr(NewProjectDialog, "exec", fill_in)
    window.new_button.click()
    path = tmp_path / "Tin An Giang.wbp"
    assert path.exists()
    assert Settings.load().recent_projects == [str(path.resolve())]
    assert window.recent.count() == 1
    assert window.project_window is not None and window.project_window.isVisible()
    assert "Tin An Giang" in window.project_window.windowTitle()
    assert window.project_window.project.info.target_languages == ("km",)
    assert not window.isVisible()
    window.project_window.close()
    assert window.isVisible()  # back to the start page


def test_opening_shows_the_project_and_a_locked_one_gets_a_dialog(
    qtbot, tmp_path: Path, monkeypatch, article_path: Path, app_context
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.wbp"
    with Project.create(path, "Tin An Giang", "vi", ["en", "km"]) as project:
        import_files(project, [article_path])
    window = StartWindow(app_context)
    qtbot.addWidget(window)
    window.open_project(path)
    assert window.status.text() == "Tin An Giang: 1 document, 37 segments"

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    second = StartWindow(AppContext.load())  # another start of the program
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


def test_a_project_opened_from_the_start_page_works_with_the_context_it_was_given(
    qtbot, tmp_path: Path, article_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.wbp"
    with Project.create(path, "Tin An Giang", "vi", ["en", "km"]) as project:
        import_files(project, [article_path])
    context = AppContext(Settings(user_name="Chị Lan", role="editor", font_size=15))  # no settings file
    window = StartWindow(context)
    qtbot.addWidget(window)
    window.open_project(path)
    project_window = window.project_window
    assert project_window is not None and project_window.context is context
    assert project_window.settings.user_name == "Chị Lan"  # what edits are recorded under
    assert project_window.grid.font().pointSize() == 15
    assert Settings.load().recent_projects == [str(path.resolve())]  # remembered through the context
    assert context.settings.user_name == "Chị Lan"  # and nothing else of it was replaced by the file's
    project_window.close()
