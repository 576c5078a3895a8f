"""A translator selects words, presses Ctrl+K and sees every occurrence in the project and the memories, the
words highlighted and the translations beside; a phrase of a result goes in at the editor's cursor."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit
from workbench.core.store.project_store import Project
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


def _dialog(window, qtbot) -> ConcordanceDialog:  # type: ignore[no-untyped-def]
    """The window's concordance once its search (in the thread pool) has shown its results."""
    dialog = window.concordance.dialog
    assert dialog is not None and dialog.isVisible()
    _searched(qtbot, dialog)
    return dialog


def _searched(qtbot, dialog: ConcordanceDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dialog.timer.isActive() and not dialog.searching, timeout=5000)


def test_ctrl_k_searches_the_selected_source_words_and_highlights_them(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _window_with_memory(open_window)
    window.grid.setCurrentIndex(window.model.index(2, EN))  # "Chợ nổi Long Xuyên họp từ sáng sớm."
    _select_source(window, 0, 7)
    qtbot.keyClick(window.grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(window, qtbot)
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
    dialog = _dialog(window, qtbot)
    qtbot.keyClicks(dialog.query, "cho noi")
    assert dialog.timer.isActive()  # not on every key: after a pause
    _searched(qtbot, dialog)
    assert dialog.model.rowCount() == 0  # diacritics count unless asked
    assert "Found nowhere" in dialog.summary.text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter searches, it does not close the window
    dialog.blind.setChecked(True)
    _searched(qtbot, dialog)
    assert {dialog.model.text(r, 0) for r in range(dialog.model.rowCount())} == {"ngan.txt #3", "shared memory"}
    assert QSettings().value(BLIND_KEY, False, type=bool)
    dialog.query.setText("?*")
    qtbot.waitUntil(lambda: "no letters or digits" in dialog.summary.text(), timeout=3000)
    assert dialog.model.rowCount() == 0
    dialog.close()
    window.concordance.dialog = None
    window.concordance.concordance_action.trigger()
    assert _dialog(window, qtbot).blind.isChecked()  # a new window remembers the choice
    _dialog(window, qtbot).close()
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
    dialog = _dialog(window, qtbot)
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
    dialog = _dialog(window, qtbot)
    shared = next(r for r in range(dialog.model.rowCount()) if dialog.model.text(r, 0) == "shared memory")
    dialog.table.selectRow(shared)
    dialog.detail.setTextCursor(dialog.detail.document().find("floating market"))
    dialog.insert_selected()
    assert pane_editor.toPlainText() == "A busy floating market."
    dialog.close()
    window.close()


def test_the_search_runs_off_the_gui_thread_and_an_older_searchs_results_are_dropped(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = _window_with_memory(open_window)
    first_started, first_may_finish = threading.Event(), threading.Event()
    threads: list[int] = []

    def open_memories(project: Project) -> Memories:
        """The window's memories, the first search held until the test lets it go (a slow search)."""
        threads.append(threading.get_ident())
        if len(threads) == 1:
            first_started.set()
            first_may_finish.wait(10)
        return window.context.open_memories(project)

    dialog = ConcordanceDialog(
        window.project.path, open_memories, ["en", "km"], window.names, lambda: "en", lambda _t, _g: False, window
    )
    qtbot.addWidget(dialog)
    shown: list[list[str]] = []
    dialog.model.modelReset.connect(lambda: shown.append([h.source for h in dialog.model.hits]))
    for query in ("Cái Răng", "họp từ", "Long Xuyên"):  # the translator types on while the first one runs
        dialog.query.setText(query)
        dialog.search()  # returns at once: the window goes on while it runs
        assert dialog.searching
        assert first_started.wait(10)
    first_may_finish.set()
    qtbot.waitUntil(lambda: not dialog.searching, timeout=5000)
    assert QThreadPool.globalInstance().waitForDone(10000) and dialog.pool.waitForDone(10000)
    QApplication.processEvents()  # anything an older search would still deliver
    assert shown == [["Chợ nổi Long Xuyên họp từ sáng sớm."]]  # the last query's hits only, shown once
    assert [dialog.model.text(r, 0) for r in range(dialog.model.rowCount())] == ["ngan.txt #3"]
    # the first ran in a worker; the second, superseded before it started, never ran
    assert len(threads) == 2 and threading.main_thread().ident not in threads
    dialog.close()
    window.close()


def test_a_search_stopped_at_its_scan_limit_says_so(qtbot, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import workbench.core.memory.concordance as concordance_module

    window = _window_with_memory(open_window)
    words = ["hòa", "thỏa", "khỏe", "thủy", "xòe"]  # 32 spellings (tone placements): words in any order
    window.memories.shared.add(
        [
            MemoryUnit(f"Câu {n}: " + " và ".join(words[n % 5 :] + words[: n % 5]) + ".", f"S {n}.", "en")
            for n in range(300)
        ],
        "2026-02-01T00:00:00+00:00",
    )
    monkeypatch.setattr(concordance_module, "SCAN_LIMIT", 40)  # the 20,000 of a large memory, reached by 300
    window.concordance.concordance_action.trigger()
    dialog = _dialog(window, qtbot)
    dialog.query.setText(" ".join(words))
    dialog.search()
    _searched(qtbot, dialog)
    assert (
        "Found nowhere" in dialog.summary.text()
        and "Scan limit reached: older hits not searched." in dialog.summary.text()
    )
    dialog.query.setText("Cái Răng")
    dialog.search()
    _searched(qtbot, dialog)
    assert dialog.model.rowCount() == 1 and "Scan limit" not in dialog.summary.text()
    dialog.close()
    window.close()
