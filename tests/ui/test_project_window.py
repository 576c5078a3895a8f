"""The project window shows the documents and the grid; a target column can be hidden; Khmer wraps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.language.khmer_breaks import ZERO_WIDTH_SPACE
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.ui.project_window import ProjectWindow

KHMER = "ខេត្តអានយ៉ាងជាខេត្តព្រំដែននៅតំបន់ដីសណ្ដទន្លេមេគង្គ។"


def open_window(qtbot, tmp_path: Path, article_path: Path) -> ProjectWindow:  # type: ignore[no-untyped-def]
    project = Project.create(tmp_path / "p.wbp", "An Giang", "vi", ["en", "km"])
    second = tmp_path / "ngan.txt"
    second.write_text("Núi Cấm là điểm du lịch nổi tiếng.", encoding="utf-8")
    import_files(project, [article_path, second])
    first = project.segments()[1]
    project.save_translation(first.id, "km", KHMER, Status.TRANSLATED, Origin.HUMAN, "Dara")
    window = ProjectWindow(project, AppContext.load())
    qtbot.addWidget(window)
    window.show()
    return window


def test_documents_filter_the_grid(qtbot, tmp_path: Path, article_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, tmp_path, article_path)
    assert window.documents.topLevelItemCount() == 3  # all, the article, the short text
    assert window.model.rowCount() == 38
    window.documents.setCurrentItem(window.documents.topLevelItem(2))
    assert window.model.rowCount() == 1
    assert window.model.data(window.model.index(0, 1)) == "Núi Cấm là điểm du lịch nổi tiếng."
    assert window.statusBar().currentMessage() == "1 segment"
    window.close()


def test_a_target_column_can_be_hidden(qtbot, tmp_path: Path, article_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, tmp_path, article_path)
    window.language_actions["km"].trigger()
    assert window.grid.isColumnHidden(3) and not window.grid.isColumnHidden(2)
    window.documents.setCurrentItem(window.documents.topLevelItem(1))  # the choice survives changing document
    assert window.grid.isColumnHidden(3)
    window.close()


def test_khmer_is_shown_with_break_opportunities_and_stored_unchanged(
    qtbot, tmp_path: Path, article_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, tmp_path, article_path)
    shown = window.model.data(window.model.index(1, 3), Qt.ItemDataRole.DisplayRole)
    assert ZERO_WIDTH_SPACE in shown and shown.replace(ZERO_WIDTH_SPACE, "") == KHMER
    stored = window.project.segments()[1].translations["km"].text
    assert stored == KHMER
    window.close()
