"""A translator edits in the grid with the keyboard: confirm and move on, cancel, undo across segments,
and text being typed is on disk within seconds."""

from __future__ import annotations

from contextlib import closing

import pytest
from PySide6.QtCore import Qt

from workbench.core.errors import ProjectDiskFull
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.unconfirmed_edits import unconfirmed_edits
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.ui.editing_controller import EditingController
from workbench.ui.segment_editor import SegmentEditor

EN = 2


def _edit(qtbot, window, row: int, column: int = EN) -> SegmentEditor:  # type: ignore[no-untyped-def]
    index = window.model.index(row, column)
    window.grid.setCurrentIndex(index)
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    editor = window.delegate.open_editor
    assert isinstance(editor, SegmentEditor)
    return editor


def _translation(window, row: int, language: str = "en"):  # type: ignore[no-untyped-def]
    return window.project.segment(window.model.segment_id(row)).translations.get(language)


def _untranslated(window, row: int, language: str = "en") -> bool:  # type: ignore[no-untyped-def]
    found = _translation(window, row, language)
    return found is None or (found.status is Status.UNTRANSLATED and found.text == "")


def test_ctrl_enter_confirms_and_moves_to_the_next_segment_needing_work(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    window.model.project.save_translation(
        window.model.segment_id(1), "en", "Done.", Status.TRANSLATED, Origin.HUMAN, "x"
    )
    editor = _edit(qtbot, window, 0)
    qtbot.keyClicks(editor, "Mount Cam is a famous destination.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    saved = _translation(window, 0)
    assert (saved.text, saved.status, saved.origin) == (
        "Mount Cam is a famous destination.",
        Status.TRANSLATED,
        Origin.HUMAN,
    )
    assert window.grid.currentIndex().row() == 2  # row 1 is already translated: skipped
    assert (
        window.delegate.open_editor is not None and window.delegate.open_editor.segment_id == window.model.segment_id(2)
    )
    assert window.model.data(window.model.index(0, EN)) == "Mount Cam is a famous destination."
    assert unconfirmed_edits(window.project) == []
    window.close()


def test_undo_and_redo_work_across_segments(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    editor = _edit(qtbot, window, 0)
    qtbot.keyClicks(editor, "First.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor = window.delegate.open_editor
    qtbot.keyClicks(editor, "Second.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Escape)
    assert [_translation(window, r).text for r in (0, 1)] == ["First.", "Second."]

    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _translation(window, 1).status is Status.UNTRANSLATED and _translation(window, 0).text == "First."
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _translation(window, 0).status is Status.UNTRANSLATED
    assert window.model.data(window.model.index(0, EN)) == ""
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _translation(window, 0).text == "First." and _translation(window, 0).status is Status.TRANSLATED
    window.close()


def test_escape_cancels_and_forgets_the_typed_text(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    editor = _edit(qtbot, window, 0)
    qtbot.keyClicks(editor, "half a senten")
    qtbot.waitUntil(lambda: len(unconfirmed_edits(window.project)) == 1, timeout=5000)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert _untranslated(window, 0)
    assert unconfirmed_edits(window.project) == []
    window.close()


def test_typed_text_is_on_disk_within_seconds_without_confirming(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    editor = _edit(qtbot, window, 1, EN + 1)
    editor.insertPlainText("ភ្នំ")  # Khmer comes from an input method, not key by key
    qtbot.waitUntil(lambda: [e.text for e in unconfirmed_edits(window.project)] == ["ភ្នំ"], timeout=5000)
    assert _untranslated(window, 1, "km")  # not a translation until confirmed or left
    window.close()


def test_moving_with_ctrl_down_keeps_the_text_as_a_draft_and_keeps_editing(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    editor = _edit(qtbot, window, 0)
    qtbot.keyClicks(editor, "Not sure yet")
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    left = _translation(window, 0)
    assert (left.text, left.status, left.origin) == ("Not sure yet", Status.DRAFT, Origin.HUMAN)
    assert window.grid.currentIndex().row() == 1 and window.delegate.open_editor is not None
    qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.grid.currentIndex().row() == 0
    assert window.delegate.open_editor.toPlainText() == "Not sure yet"
    window.close()


def test_copy_source_puts_the_vietnamese_into_the_editor(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    editor = _edit(qtbot, window, 0)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "Núi Cấm là điểm du lịch nổi tiếng."
    window.close()


def test_a_failed_save_says_why_and_keeps_the_text_in_the_editor(
    qtbot, open_window, shown_errors, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    editor = _edit(qtbot, window, 0)
    qtbot.keyClicks(editor, "Precious words")

    def disk_full(*_args: object, **_kwargs: object) -> None:
        # what the store raises for SQLITE_FULL: a ProjectFault naming the file (never a raw sqlite3 error)
        raise ProjectDiskFull("p.wbp: the disk is full; what was being saved was not written")

    monkeypatch.setattr("workbench.ui.editing_controller.write_state", disk_full)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert any("disk is full" in message for message in shown_errors)
    assert window.delegate.open_editor is editor and editor.toPlainText() == "Precious words"
    assert _untranslated(window, 0)
    monkeypatch.undo()
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _translation(window, 0).text == "Precious words"
    window.close()


def test_the_document_list_shows_progress_per_language(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    bar = window.documents.bars[(window.project.documents()[0].id, "en")]
    assert (bar.value(), bar.maximum()) == (0, 3)
    editor = _edit(qtbot, window, 0)
    qtbot.keyClicks(editor, "Done.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bar.value() == 1, timeout=3000)
    assert window.documents.bars[(window.project.documents()[0].id, "km")].value() == 0
    window.close()


def test_every_shortcut_is_listed_in_the_help_dialog(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.shortcuts_dialog import ShortcutsDialog

    window = open_window()
    dialog = ShortcutsDialog(window.all_actions(), window)
    qtbot.addWidget(dialog)
    listed = {row[1] for row in dialog.model.rows}
    assert {"Ctrl+Return, Ctrl+Enter", "Ctrl+Z", "Ctrl+M", "Ctrl+1", "Ctrl+B", "Ctrl+Down", "Esc"} <= listed
    window.close()


def test_a_confirmed_edit_teaches_the_shared_memory_and_text_left_unconfirmed_does_not(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "a.txt"
    source.write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    with (
        Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project,
        closing(SharedMemory(tmp_path / "shared.sqlite")) as shared,
    ):
        project.store_document(prepare_import(source))
        first, second = project.segment_ids()
        editing = EditingController(project, lambda: "Lan", memory=shared)
        assert editing.set_text(first, "en", "Sentence one.", confirmed=True)
        assert editing.set_text(second, "en", "Sentence two?", confirmed=False)  # left as a draft
        learnt = {
            s: [m.unit.target for m in shared.lookup(s, "en") if m.score == 100] for s in ("Câu một.", "Câu hai.")
        }
        assert learnt == {"Câu một.": ["Sentence one."], "Câu hai.": []}
