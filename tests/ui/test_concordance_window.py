"""A translator selects words, presses Ctrl+K and sees every occurrence in the project and the memories, the
words highlighted and the translations beside; a phrase of a result goes in at the editor's cursor."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from workbench.core.memory.translation_memory import MemoryUnit
from workbench.ui.concordance_dialog import BLIND_KEY, ConcordanceDialog
from workbench.ui.segment_table_model import TERMS_ROLE

EN = 2


def _window_with_memory(open_window):  # type: ignore[no-untyped-def]
    window = open_window()
    window.memories.shared.add(
        [MemoryUnit("Chợ nổi Cái Răng rất đông.", "The Cai Rang floating market is crowded.", "en")],
        "2026-01-01T00:00:00+00:00",
    )
    return window


def _select_source(window, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    cursor = window.side_panel.source_view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    window.side_panel.source_view.setTextCursor(cursor)


def _dialog(window) -> ConcordanceDialog:  # type: ignore[no-untyped-def]
    dialog = window.concordance.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_ctrl_k_searches_the_selected_source_words_and_highlights_them(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _window_with_memory(open_window)
    window.grid.setCurrentIndex(window.model.index(2, EN))  # "Chợ nổi Long Xuyên họp từ sáng sớm."
    _select_source(window, 0, 7)
    qtbot.keyClick(window.grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(window)
    assert dialog.query.text() == "Chợ nổi"
    model = dialog.model
    rows = {model.text(r, 0): r for r in range(model.rowCount())}
    assert set(rows) == {"ngan.txt #3", "shared memory"}
    shared = rows["shared memory"]
    assert model.text(shared, 1) == "Chợ nổi Cái Răng rất đông."
    assert model.text(shared, EN) == "The Cai Rang floating market is crowded."  # English beside it
    assert model.data(model.index(shared, 1), TERMS_ROLE) == [(0, 7, "")]  # the words highlighted
    assert not dialog.table.grab().isNull()  # the highlighting delegate paints
    # newest first: the project's segment (imported today) above the memory's unit of January
    assert rows["ngan.txt #3"] < shared
    dialog.close()
    window.close()


def test_typing_searches_after_a_pause_and_diacritic_blind_is_remembered(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _window_with_memory(open_window)
    window.concordance.concordance_action.trigger()
    dialog = _dialog(window)
    qtbot.keyClicks(dialog.query, "cho noi")
    assert dialog.timer.isActive()  # not on every key: after a pause
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=3000)
    assert dialog.model.rowCount() == 0  # diacritics count unless asked
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter searches, it does not close the window
    dialog.blind.setChecked(True)
    assert {dialog.model.text(r, 0) for r in range(dialog.model.rowCount())} == {"ngan.txt #3", "shared memory"}
    assert QSettings().value(BLIND_KEY, False, type=bool)
    dialog.query.setText("?*")
    qtbot.waitUntil(lambda: "no letters or digits" in dialog.summary.text(), timeout=3000)
    assert dialog.model.rowCount() == 0
    dialog.close()
    window.concordance.dialog = None
    window.concordance.concordance_action.trigger()
    assert _dialog(window).blind.isChecked()  # a new window remembers the choice
    _dialog(window).close()
    window.close()


def test_a_selected_phrase_of_a_result_goes_in_at_the_editors_cursor(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _window_with_memory(open_window)
    window.grid.setCurrentIndex(window.model.index(2, EN))
    editor = window.open_editor()
    editor.setPlainText("The  of Long Xuyen.")
    cursor = editor.textCursor()
    cursor.setPosition(4)  # between the two spaces
    editor.setTextCursor(cursor)
    _select_source(window, 0, 7)
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # from inside the cell editor
    dialog = _dialog(window)
    shared = next(r for r in range(dialog.model.rowCount()) if dialog.model.text(r, 0) == "shared memory")
    dialog.table.selectRow(shared)
    found = dialog.detail.document().find("floating market")
    assert not found.isNull()
    dialog.detail.setTextCursor(found)
    qtbot.mouseClick(dialog.insert_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    now_open = window.current_editor()
    assert now_open is not None and now_open.segment_id == window.model.segment_id(2)
    assert now_open.toPlainText() == "The floating market of Long Xuyen."
    # nothing selected: the whole translation into the work language goes in
    dialog.detail.moveCursor(QTextCursor.MoveOperation.Start)
    now_open.setPlainText("")
    dialog.insert_selected()
    assert window.current_editor().toPlainText() == "The Cai Rang floating market is crowded."
    dialog.close()
    window.close()


def test_with_the_editor_pane_the_phrase_goes_into_the_panes_editor(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _window_with_memory(open_window)
    window.pane_action.trigger()
    window.grid.setCurrentIndex(window.model.index(2, EN))
    qtbot.waitUntil(lambda: window.pane.editor.segment_id == window.model.segment_id(2))
    pane_editor = window.pane.editor
    pane_editor.setPlainText("A busy .")
    cursor = pane_editor.textCursor()
    cursor.setPosition(7)
    pane_editor.setTextCursor(cursor)
    _select_source(window, 0, 7)
    window.concordance.concordance_action.trigger()
    dialog = _dialog(window)
    shared = next(r for r in range(dialog.model.rowCount()) if dialog.model.text(r, 0) == "shared memory")
    dialog.table.selectRow(shared)
    dialog.detail.setTextCursor(dialog.detail.document().find("floating market"))
    dialog.insert_selected()
    assert pane_editor.toPlainText() == "A busy floating market."
    dialog.close()
    window.close()
