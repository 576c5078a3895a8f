"""Details a new user noticed in the window: what the editor pane's empty editor says, which segment the
side panel shows in the all-documents view, where a document starts there, status rings at the top of a
tall row, the Go to example naming this project's documents, the analysis table's width, and the keys
going back to the grid after a split or a join."""

from __future__ import annotations

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
