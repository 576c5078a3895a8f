"""A translator who turns on the editor pane (View > Editor pane) writes long segments in a roomy editor
under the grid: the text is kept as it is typed, Ctrl+Enter confirms and goes on, moving to another cell
leaves the text and shows that cell, and the grid's Enter comes to the pane instead of a cell editor."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workbench.core.ops.unconfirmed_edits import unconfirmed_edits
from workbench.core.records import Status
from workbench.core.settings import Settings

EN = 2


def _with_pane(qtbot, open_window):  # type: ignore[no-untyped-def]
    window = open_window()
    window.pane_action.trigger()
    assert window.pane.isVisible()
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.waitUntil(lambda: window.pane.editor.segment_id == window.model.segment_id(0))
    return window


def _translation(window, row: int, language: str = "en"):  # type: ignore[no-untyped-def]
    return window.project.segment(window.model.segment_id(row)).translations.get(language)


def test_typing_in_the_pane_is_kept_on_disk_and_ctrl_enter_confirms_and_goes_on(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    editor = window.pane.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Mount Cam is famous.")
    qtbot.waitUntil(lambda: len(unconfirmed_edits(window.project)) == 1, timeout=8000)  # autosaved, unconfirmed

    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = _translation(window, 0)
    assert (saved.text, saved.status) == ("Mount Cam is famous.", Status.TRANSLATED)
    assert unconfirmed_edits(window.project) == []
    assert window.grid.currentIndex().row() == 1
    assert editor.segment_id == window.model.segment_id(1) and editor.toPlainText() == ""
    assert window.delegate.open_editor is None  # the pane edits; no editor opened in the cell
    assert window.model.data(window.model.index(0, EN)) == "Mount Cam is famous."
    window.close()


def test_moving_to_another_cell_leaves_the_text_and_shows_that_cell(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    document = window.project.documents()[0].name
    qtbot.keyClicks(window.pane.editor, "A draft of mine")
    window.grid.setCurrentIndex(window.model.index(1, EN))

    left = _translation(window, 0)
    assert left.text == "A draft of mine" and left.status is not Status.TRANSLATED
    pane = window.pane
    assert pane.editor.segment_id == window.model.segment_id(1)
    assert pane.source_view.toPlainText() == window.model.record(1).source
    assert f"{document} #{window.model.record(1).position + 1}" in pane.heading.text()
    window.grid.setCurrentIndex(window.model.index(0, EN))
    assert pane.editor.toPlainText() == "A draft of mine"
    window.close()


def test_enter_on_the_grid_edits_in_the_pane_and_ctrl_b_copies_the_source_there(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    assert window.delegate.open_editor is None
    assert window.pane.editor.hasFocus()
    assert window.current_editor() is window.pane.editor

    qtbot.keyClick(window.pane.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.pane.editor.toPlainText() == window.model.record(0).source
    window.close()


def test_the_pane_is_remembered_for_the_next_window(qtbot, open_window, app_context) -> None:  # type: ignore[no-untyped-def]
    window = _with_pane(qtbot, open_window)
    assert window.settings.editor_pane
    assert Settings.load().editor_pane  # saved, not only in memory
    window.close()
    again = open_window()
    assert again.pane.isVisible() and again.pane_action.isChecked()
    again.pane_action.trigger()
    assert not again.pane.isVisible() and not Settings.load().editor_pane
    again.grid.setCurrentIndex(again.model.index(0, EN))
    qtbot.keyClick(again.grid, Qt.Key.Key_F2)
    assert again.delegate.open_editor is not None  # without the pane, the cell's own editor again
    again.close()
