"""Details a new user noticed in the window: what the editor pane's empty editor says, which segment the
side panel shows in the all-documents view, where a document starts there, status rings at the top of a
tall row, the Go to example naming this project's documents, the analysis table's width, and the keys
going back to the grid after a split or a join."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from tests.ui.test_analysis_dialog import _analysed
from tests.ui.test_analysis_dialog import _window as _analysis_window
from tests.ui.test_tall_rows import _long_sentence
from workbench.core.records import Status
from workbench.ui.segment_structure_dialogs import JoinDialog, SplitDialog
from workbench.ui.status_look import ICON_COLOURS

EN = 2


def test_the_pane_asks_to_choose_a_cell_only_while_none_is_chosen(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    window.pane_action.trigger()
    editor = window.pane.editor
    assert "Choose" in editor.placeholderText()  # nothing chosen yet
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.waitUntil(lambda: editor.segment_id == window.model.segment_id(0))
    assert "Choose" not in editor.placeholderText()
    assert "English" in editor.placeholderText()
    window.grid.setCurrentIndex(window.model.index(0, 1))  # the source: nothing to translate here
    assert "Choose" in editor.placeholderText()
    window.close()


def _le_hoi(tmp_path: Path) -> Path:
    path = tmp_path / "le-hoi.txt"
    path.write_text("Lễ hội mở màn.\n\nNgười dân đến xem.\n", encoding="utf-8")
    return path


def _shown_text(window, row: int, column: int) -> str:  # type: ignore[no-untyped-def]
    """The text the grid paints in a cell (what its delegate makes of the model's data)."""
    option = QStyleOptionViewItem()
    index = window.model.index(row, column)
    window.grid.itemDelegateForIndex(index).initStyleOption(option, index)
    return option.text


def test_all_documents_say_which_document_a_row_is_in(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(_le_hoi(tmp_path))  # le-hoi.txt (2 segments) then ngan.txt (3), all documents shown
    assert [_shown_text(window, r, 0) for r in range(5)] == ["le-hoi.txt #1", "2", "ngan.txt #1", "2", "3"]
    assert window.model.data(window.model.index(2, 0), Qt.ItemDataRole.FontRole).bold()
    assert window.model.data(window.model.index(3, 0), Qt.ItemDataRole.FontRole) is None

    window.grid.setCurrentIndex(window.model.index(3, EN))
    assert window.side_panel.heading.text() == "ngan.txt #2 · English"
    window.grid.setCurrentIndex(window.model.index(1, EN + 1))
    assert window.side_panel.heading.text() == "le-hoi.txt #2 · Khmer"

    ngan = next(d.id for d in window.project.documents() if d.name == "ngan.txt")
    window.documents.select_document(ngan)  # one document: plain numbers, the list says which document
    assert [_shown_text(window, r, 0) for r in range(3)] == ["1", "2", "3"]
    window.close()


def test_a_tall_rows_status_rings_are_at_its_top_with_its_text(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "an-giang.txt"
    article.write_text(f"Lễ hội An Giang.\n\n{_long_sentence()}\n\nHết.\n", encoding="utf-8")
    window = open_window(article)
    window.resize(QSize(1280, 648))
    window.documents.select_document(next(d.id for d in window.project.documents() if d.name == "an-giang.txt"))
    grid, model = window.grid, window.model
    row = next(r for r in range(model.rowCount()) if len(model.record(r).source) >= 1500)
    assert window.editing.set_text(model.segment_id(row), "en", "The province holds festivals.", confirmed=True)
    grid.setCurrentIndex(model.index(0, 1))  # no selection colour on the cell looked at
    grid.scrollTo(model.index(row, 1), grid.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: grid.rowHeight(row) > grid.viewport().height())

    ring = ICON_COLOURS[Status.TRANSLATED]

    def ring_beside_the_first_line() -> bool:
        grid.scrollTo(model.index(row, 1), grid.ScrollHint.PositionAtTop)  # (again, once the rows are sized)
        cell = grid.visualRect(model.index(row, EN))
        if not cell.top() <= 0 < cell.bottom() or cell.bottom() < 200:
            return False  # the row's top at the grid's top and its middle out of sight
        image = grid.viewport().grab().toImage()
        return any(
            _near(image.pixelColor(x, y), ring)
            for x in range(max(cell.left(), 0), min(cell.left() + 40, image.width()))
            for y in range(max(cell.top(), 0), min(cell.top() + 40, image.height()))
        )

    qtbot.waitUntil(ring_beside_the_first_line)  # the translated ring, where the text starts
    window.close()


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_go_to_gives_its_example_in_this_projects_documents(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(_le_hoi(tmp_path))
    window.grid.setCurrentIndex(window.model.index(3, 1))  # in ngan.txt
    qtbot.keyClick(window.grid, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    dialog = window.navigation.go_to_dialog
    assert dialog is not None and dialog.isVisible()
    assert "ngan.txt #8" in dialog.hint.text() and "docx" not in dialog.hint.text()
    dialog.reject()
    window.close()


def test_the_analysis_table_fills_the_dialogs_width(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _analysed(qtbot, _analysis_window(qtbot, tmp_path))
    dialog.resize(1100, 500)
    qtbot.waitUntil(lambda: dialog.table.viewport().width() > 900)
    table, header = dialog.table, dialog.table.horizontalHeader()
    assert header.length() >= table.viewport().width()  # no empty area right of the last column
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("bai.txt")
    assert table.columnWidth(0) > max(table.columnWidth(c) for c in range(1, dialog.model.columnCount()))
    dialog.close()


def _answer_the_dialog(qtbot, kind: type, answer) -> list[str]:  # type: ignore[no-untyped-def]
    """The real dialog opens (modal, as the translator sees it); `answer` is what they do in it."""
    seen: list[str] = []

    def when_shown() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, when_shown)
            return
        seen.append(dialog.windowTitle())
        answer(dialog)

    QTimer.singleShot(0, when_shown)
    return seen


def _split_before(words: str):  # type: ignore[no-untyped-def]
    def answer(dialog: SplitDialog) -> None:
        dialog.set_place(dialog.segment.source.index(words))
        dialog.accept()

    return answer


def test_the_keys_go_back_to_the_grid_after_a_split_a_join_and_their_undo(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "le-hoi.txt"
    article.write_text("Lễ hội mở màn. Người dân đến xem.\n", encoding="utf-8")  # one paragraph, two sentences
    window = open_window(article)
    grid, first = window.grid, window.model.ids[0]
    source = window.project.segment(first).source
    grid.setCurrentIndex(window.model.index(0, EN))

    def from_the_document_list(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
        """The translator chose the document in the list, then presses the keys (window shortcuts)."""
        window.documents.setFocus()
        qtbot.keyClick(window.documents, key, modifiers)

    def the_grid_has_the_keys() -> bool:
        window.activateWindow()  # back from the modal dialog (the desktop activates the window again)
        qtbot.waitUntil(window.isActiveWindow)
        focus = QApplication.focusWidget()
        assert focus is grid, f"the keys go to {type(focus).__name__}"
        return window.current_segment_id() == first

    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    seen = _answer_the_dialog(qtbot, JoinDialog, lambda dialog: dialog.accept())
    from_the_document_list(Qt.Key.Key_J, ctrl | shift)
    assert seen and window.project.segment(first).source == "Lễ hội mở màn. Người dân đến xem."
    assert the_grid_has_the_keys()
    from_the_document_list(Qt.Key.Key_Z, ctrl)
    assert window.project.segment(first).source == source
    assert the_grid_has_the_keys()

    seen = _answer_the_dialog(qtbot, SplitDialog, _split_before("mở màn"))
    from_the_document_list(Qt.Key.Key_T, ctrl | shift)
    assert seen and window.project.segment(first).source == "Lễ hội"
    assert the_grid_has_the_keys()
    from_the_document_list(Qt.Key.Key_Z, ctrl)
    assert window.project.segment(first).source == source
    assert the_grid_has_the_keys()
    window.close()


def test_a_long_document_name_keeps_the_number_column_narrow(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long_name = tmp_path / "bao-cao-tong-ket-hoat-dong-du-lich-tinh-an-giang-nam-2024.txt"
    long_name.write_text("Lễ hội mở màn.\n", encoding="utf-8")
    window = open_window(long_name)
    shown = _shown_text(window, 0, 0)
    assert shown.startswith("bao-cao") and shown.endswith(" #1") and "…" in shown  # the full label is the tooltip
    assert window.model.data(window.model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == f"{long_name.name} #1"
    window.close()
