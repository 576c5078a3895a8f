"""In the window: split a segment at a place in its source, join it back, undo each with Ctrl+Z, and a
confirmation that fills the repetitions is one undo step with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.ui import segment_structure_dialogs as split_dialog
from workbench.ui.actions import segment_structure
from workbench.ui.segment_editor import SegmentEditor

EN = 2
REPEATED = "Lễ hội Dâng Y ngày 24/11/2024. Người dân đến rất đông.\n\nNgười dân đến rất đông.\n\nChợ họp sớm.\n"


@pytest.fixture
def repeated(tmp_path: Path) -> Path:
    path = tmp_path / "le-hoi.txt"
    path.write_text(REPEATED, encoding="utf-8")
    return path


def _sources(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [window.project.segment(i).source for i in window.model.ids]


def _split_at(monkeypatch: pytest.MonkeyPatch, words: str) -> None:
    """The translator puts the dialog's cursor before `words` and presses Split."""

    def exec_dialog(dialog: split_dialog.SplitDialog) -> int:
        dialog.set_place(dialog.segment.source.index(words))
        assert dialog.split_button.isEnabled()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(split_dialog.SplitDialog, "exec", exec_dialog)


def _undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_split_then_undo_and_redo(qtbot, open_window, repeated, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(repeated)
    first = window.model.ids[0]
    window.project.save_translation(
        first, "en", "The Dang Y festival. Many came.", Status.TRANSLATED, Origin.HUMAN, "x"
    )
    before = _sources(window)
    window.grid.setCurrentIndex(window.model.index(0, EN))
    _split_at(monkeypatch, "ngày")
    qtbot.keyClick(window.grid, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _sources(window)[:3] == ["Lễ hội Dâng Y", "ngày 24/11/2024.", "Người dân đến rất đông."]
    assert window.model.rowCount() == len(before) + 1
    kept = window.project.segment(first).translations["en"]
    assert (kept.text, kept.status) == ("The Dang Y festival. Many came.", Status.DRAFT)
    assert window.current_segment_id() == first
    _undo(qtbot, window)
    assert _sources(window) == before
    assert window.project.segment(first).translations["en"].status is Status.TRANSLATED
    window.editing.undo_stack.redo()
    assert _sources(window)[1] == "ngày 24/11/2024."
    window.close()


def test_a_split_inside_a_protected_date_is_refused_in_the_dialog(qtbot, open_window, repeated) -> None:  # type: ignore[no-untyped-def]
    window = open_window(repeated)
    segment = window.project.segment(window.model.ids[0])
    dialog = split_dialog.SplitDialog(segment, "le-hoi.txt #1", "", window)
    qtbot.addWidget(dialog)
    dialog.set_place(segment.source.index("/11"))
    assert not dialog.split_button.isEnabled()
    assert "'24/11/2024'" in dialog.preview.text() and "must stay whole" in dialog.preview.text()
    dialog.set_place(segment.source.index("ngày"))
    assert dialog.split_button.isEnabled() and "Second part: ngày 24/11/2024." in dialog.preview.text()


def test_join_shows_what_it_makes_and_undo_gives_both_back(qtbot, open_window, repeated, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(repeated)
    first, second = window.model.ids[:2]
    window.project.save_translation(
        first, "en", "The Dang Y festival on 24/11/2024.", Status.TRANSLATED, Origin.HUMAN, "x"
    )
    window.project.save_translation(second, "en", "Many people came.", Status.TRANSLATED, Origin.HUMAN, "x")
    before = _sources(window)
    shown: list[str] = []

    def exec_dialog(dialog: split_dialog.JoinDialog) -> int:
        shown.append(dialog.windowTitle())
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(split_dialog.JoinDialog, "exec", exec_dialog)
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.keyClick(window.grid, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert shown == ["Join le-hoi.txt #1"]
    assert _sources(window)[0] == "Lễ hội Dâng Y ngày 24/11/2024. Người dân đến rất đông."
    assert window.model.rowCount() == len(before) - 1
    joined = window.project.segment(first).translations["en"]
    assert (joined.text, joined.status) == ("The Dang Y festival on 24/11/2024. Many people came.", Status.TRANSLATED)
    _undo(qtbot, window)
    assert _sources(window) == before and window.model.ids[1] == second
    assert window.project.segment(second).translations["en"].text == "Many people came."
    window.close()


def test_a_split_kept_as_an_exception_survives_a_reimport(qtbot, open_window, repeated, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(repeated)
    _split_at(monkeypatch, "ngày")
    real_exception = split_dialog.SplitDialog.exception

    def ticked(dialog: split_dialog.SplitDialog):  # type: ignore[no-untyped-def]
        dialog.remember.setChecked(True)
        return real_exception(dialog)

    monkeypatch.setattr(split_dialog.SplitDialog, "exception", ticked)
    window.grid.setCurrentIndex(window.model.index(0, EN))
    window.structure.split_action.trigger()
    first, second = window.model.ids[:2]
    window.project.save_translation(first, "en", "The Dang Y festival", Status.TRANSLATED, Origin.HUMAN, "x")
    window.project.save_translation(second, "en", "on 24/11/2024.", Status.TRANSLATED, Origin.HUMAN, "x")
    import_files(window.project, [repeated])  # the same file again: the split is how it segments now
    assert window.project.segment_ids()[:2] == [first, second]
    assert window.project.segment(second).translations["en"].text == "on 24/11/2024."
    window.close()


def test_a_join_across_paragraphs_says_why_and_changes_nothing(qtbot, open_window, repeated, shown_errors) -> None:  # type: ignore[no-untyped-def]
    window = open_window(repeated)
    before = _sources(window)
    window.grid.setCurrentIndex(window.model.index(1, EN))
    window.structure.join_action.trigger()
    assert shown_errors and "another paragraph" in shown_errors[0] and "le-hoi.txt #2" in shown_errors[0]
    assert _sources(window) == before
    assert window.editing.undo_stack.count() == 0
    window.close()


def _confirm(qtbot, window, row: int, text: str) -> None:  # type: ignore[no-untyped-def]
    window.grid.setCurrentIndex(window.model.index(row, EN))
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    editor = window.delegate.open_editor
    assert isinstance(editor, SegmentEditor)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_confirming_fills_the_repetitions_and_one_undo_takes_all_back(qtbot, open_window, repeated) -> None:  # type: ignore[no-untyped-def]
    window = open_window(repeated)
    ids = window.model.ids
    again = ids[2]  # "Người dân đến rất đông." in its own paragraph
    assert window.project.segment(again).source == window.project.segment(ids[1]).source
    _confirm(qtbot, window, 1, "Many people came.")
    filled = window.project.segment(again).translations["en"]
    assert (filled.text, filled.status, filled.origin) == ("Many people came.", Status.TRANSLATED, Origin.TM)
    assert window.model.data(window.model.index(2, EN)) == "Many people came."  # the grid shows it at once
    if window.delegate.open_editor is not None:
        qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Escape)
    _undo(qtbot, window)
    for segment_id in (ids[1], again):
        assert window.project.segment(segment_id).translations["en"].status is Status.UNTRANSLATED
    assert window.model.data(window.model.index(2, EN)) == ""
    window.close()


def test_draft_propagation_and_off(qtbot, open_window, repeated) -> None:  # type: ignore[no-untyped-def]
    settings = Settings.load()
    settings.propagate_repetitions = "off"
    window = open_window(repeated, settings=settings)
    ids = window.model.ids
    _confirm(qtbot, window, 1, "Many people came.")
    assert window.project.segment(ids[2]).translations["en"].status is Status.UNTRANSLATED
    window.context.settings.propagate_repetitions = "draft"
    if window.delegate.open_editor is not None:
        qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Escape)
    _confirm(qtbot, window, 1, " Really.")
    filled = window.project.segment(ids[2]).translations["en"]
    assert (filled.text, filled.status) == ("Many people came. Really.", Status.DRAFT)
    window.close()


def test_a_correction_reaches_the_filled_copies_but_not_a_persons_text(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dong.txt"
    path.write_text(
        "Người dân đến rất đông.\n\nChợ họp sớm.\n\nNgười dân đến rất đông.\n\nHợp tác.\n\nNgười dân đến rất đông.\n"
    )
    window = open_window(path)  # the default: repetitions filled as translated
    ids = window.model.ids
    _confirm(qtbot, window, 0, "Many people came.")
    assert window.statusBar().currentMessage() == "2 repetitions filled"
    if window.delegate.open_editor is not None:
        qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Escape)
    assert window.editing.set_text(ids[4], "en", "Crowds came.", confirmed=False)  # a person's text, left as a draft
    _confirm(qtbot, window, 0, " Indeed.")
    follows = window.project.segment(ids[2]).translations["en"]
    assert (follows.text, follows.status, follows.origin) == ("Many people came. Indeed.", Status.TRANSLATED, Origin.TM)
    assert window.model.data(window.model.index(2, EN)) == "Many people came. Indeed."
    assert window.project.segment(ids[4]).translations["en"].text == "Crowds came."
    assert window.statusBar().currentMessage() == "1 repetition filled, 1 left: a person's text"
    if window.delegate.open_editor is not None:
        qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Escape)
    _undo(qtbot, window)  # the correction and the copy it filled: one step
    for segment_id in (ids[0], ids[2]):
        assert window.project.segment(segment_id).translations["en"].text == "Many people came."
    window.close()


def test_the_keys_are_listed_and_do_not_clash(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    keys = [
        s.toString() for action in window.findChildren(type(window.structure.split_action)) for s in action.shortcuts()
    ]
    assert keys.count(segment_structure.SPLIT_KEYS) == 1 and keys.count(segment_structure.JOIN_KEYS) == 1
    window.close()


def test_the_settings_dialog_chooses_how_repetitions_fill(qtbot, open_window, repeated, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.settings_dialog import SettingsDialog

    window = open_window(repeated)

    def choose_drafts(dialog: SettingsDialog) -> int:
        assert dialog.propagate.currentData() == "translated"  # the default
        dialog.propagate.setCurrentIndex(dialog.propagate.findData("draft"))
        dialog.save()
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", choose_drafts)
    window.dialogs.open_settings()
    assert Settings.load().propagate_repetitions == "draft"
    _confirm(qtbot, window, 1, "Many people came.")
    assert window.project.segment(window.model.ids[2]).translations["en"].status is Status.DRAFT
    window.close()


def test_undo_of_a_split_whose_part_was_translated_since_says_why_and_keeps_the_work(
    qtbot, open_window, repeated, monkeypatch, shown_errors
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(repeated)
    window.grid.setCurrentIndex(window.model.index(0, EN))
    _split_at(monkeypatch, "ngày")
    window.structure.split_action.trigger()
    first, second = window.model.ids[:2]
    # another process (the CLI's `edit`) translates the second part
    window.project.save_translation(second, "en", "on 24/11/2024.", Status.TRANSLATED, Origin.HUMAN, "x")
    split_sources = _sources(window)
    stack = window.editing.undo_stack
    assert stack.canUndo()
    _undo(qtbot, window)
    assert shown_errors and "edited since" in shown_errors[-1] and "le-hoi.txt #1" in shown_errors[-1]
    assert _sources(window) == split_sources
    assert window.project.segment(second).translations["en"].text == "on 24/11/2024."
    # the step is dropped: the stack neither offers to undo it again nor to redo a split that is still there
    assert stack.count() == 0 and not stack.canUndo() and not stack.canRedo()
    assert window.model.ids[:2] == [first, second]
    window.close()


def test_an_edit_undone_in_the_window_then_the_split_undone(
    qtbot, open_window, repeated, monkeypatch, shown_errors
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(repeated)
    before = _sources(window)
    window.grid.setCurrentIndex(window.model.index(0, EN))
    _split_at(monkeypatch, "ngày")
    window.structure.split_action.trigger()
    _confirm(qtbot, window, 1, "on 24/11/2024.")
    if window.delegate.open_editor is not None:
        qtbot.keyClick(window.delegate.open_editor, Qt.Key.Key_Escape)
    _undo(qtbot, window)  # the translation
    _undo(qtbot, window)  # the split
    assert _sources(window) == before and not shown_errors
    window.close()
