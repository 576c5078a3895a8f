"""A translator empties a cell and leaves it: the segment is untranslated again (not an empty "draft"
that `check` would no longer list and `approve` would count as begun), as `edit --text ""` does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workbench.core.records import Status
from workbench.ui.segment_editor import SegmentEditor

EN = 2


def test_emptying_a_cell_and_leaving_it_makes_it_untranslated_and_undo_gives_it_back(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    first = window.model.ids[0]
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    editor = window.delegate.open_editor
    assert isinstance(editor, SegmentEditor)
    qtbot.keyClicks(editor, "Not sure yet")
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # left: a draft
    assert window.project.segment(first).translations["en"].status is Status.DRAFT

    qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    editor = window.delegate.open_editor
    assert isinstance(editor, SegmentEditor) and editor.toPlainText() == "Not sure yet"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, "  ")  # spaces only: still nothing written
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    cleared = window.project.segment(first).translations["en"]
    assert (cleared.text, cleared.status) == ("", Status.UNTRANSLATED)

    if window.delegate.open_editor is not None:
        qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Escape)
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = window.project.segment(first).translations["en"]
    assert (back.text, back.status) == ("Not sure yet", Status.DRAFT)
    window.close()
