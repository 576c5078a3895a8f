"""Glossary terms highlighted in the grid, added from a selection in two keystrokes and inserted with
Alt+n; the quality-check report goes to a segment and keeps an ignored finding's reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from workbench.core.changes import SegmentChanges
from workbench.core.memory.glossary import Term, add_term, terms
from workbench.core.qa.project_run import check_project
from workbench.core.records import Origin, Status
from workbench.ui.segment_table_model import TERMS_ROLE
from workbench.ui.term_dialog import TermDialog


def test_terms_are_highlighted_in_the_source_column(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    add_term(window.project, Term("Núi Cấm", {"en": "Cam Mountain", "km": "ភ្នំកម្ពស់"}))
    window.apply(SegmentChanges(glossary=True))
    spans = window.model.data(window.model.index(0, 1), TERMS_ROLE)
    assert spans and spans[0][:2] == (0, 7) and "Cam Mountain" in spans[0][2]
    assert window.model.data(window.model.index(1, 1), TERMS_ROLE) == []
    assert not window.grid.grab().isNull()  # the highlighting delegate paints
    window.close()


def test_adding_a_term_from_the_selection_takes_two_keys(qtbot, open_window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    window.grid.setCurrentIndex(window.model.index(1, 2))  # "Hòa Bình có hồ lớn."
    cursor = window.side_panel.source_view.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(8, QTextCursor.MoveMode.KeepAnchor)
    window.side_panel.source_view.setTextCursor(cursor)
    editor = window.open_editor()
    editor.insertPlainText("Hoa Binh has a big lake.")
    selection = editor.textCursor()
    selection.setPosition(0)
    selection.setPosition(8, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(selection)
    shown: list[TermDialog] = []

    def press_enter(dialog: TermDialog) -> int:
        shown.append(dialog)
        return 1

    monkeypatch.setattr(TermDialog, "exec", press_enter)
    qtbot.keyClick(editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert shown[0].source.text() == "Hòa Bình" and shown[0].targets["en"].text() == "Hoa Binh"
    assert [(t.source, t.targets) for t in terms(window.project)] == [("Hòa Bình", {"en": "Hoa Binh"})]
    assert window.model.data(window.model.index(1, 1), TERMS_ROLE)  # highlighted at once
    window.close()


def test_alt_number_inserts_the_glossary_term_at_the_cursor(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    add_term(window.project, Term("Chợ nổi", {"en": "floating market"}))
    window.apply(SegmentChanges(glossary=True))
    window.grid.setCurrentIndex(window.model.index(2, 2))
    editor = window.open_editor()
    qtbot.keyClicks(editor, "The ")
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert editor.toPlainText() == "The floating market"
    window.close()


def test_the_check_report_goes_to_a_segment_and_keeps_the_reason_for_an_ignored_finding(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    ids = window.model.ids
    window.project.save_translation(ids[2], "en", "Long Xuyen market opens early", Status.TRANSLATED, Origin.HUMAN, "a")
    with qtbot.waitSignal(window.qa.checks.finished, timeout=10_000):
        window.qa.show_check_report(None)  # checked in the background, the report opens when done
    report = window.qa.check_report
    qtbot.addWidget(report)
    checks = [row[3] for row in report.model.rows]
    assert "end-punctuation" in checks and "untranslated" not in checks
    row = checks.index("end-punctuation")
    window.grid.setCurrentIndex(window.model.index(0, 1))
    report.table.doubleClicked.emit(report.model.index(row, 0))
    assert window.current_segment_id() == ids[2] and window.grid.currentIndex().column() == 2
    report.table.setCurrentIndex(report.model.index(row, 0))
    assert report.ignore_selected("a headline style, no full stop")
    ignored = window.project.connection.execute("SELECT check_id, reason FROM qa_ignored").fetchall()
    assert [tuple(r) for r in ignored] == [("end-punctuation", "a headline style, no full stop")]
    with qtbot.waitSignal(window.qa.checks.finished, timeout=10_000):
        window.qa.show_check_report(None)
    assert "end-punctuation" not in [row[3] for row in window.qa.check_report.model.rows]
    window.qa.check_report.close()
    window.project.save_translation(ids[1], "en", "Hoa Binh has a big lake", Status.TRANSLATED, Origin.HUMAN, "a")
    with qtbot.waitSignal(window.qa.checks.finished, timeout=10_000):
        window.filter_bar.qa.setChecked(True)  # the grid's QA filter is fed by the same background check
    expected = {p.segment_id for p in check_project(window.project, ["en", "km"]) if p.check_id != "untranslated"}
    assert expected == {ids[1]} and window.model.ids == [ids[1]]  # only segments with findings
    window.close()


def test_the_history_shows_what_the_translator_changed_in_the_machine_draft(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    from workbench.core.review.post_edit_diff import word_diff

    assert word_diff("The market opens early", "The floating market opens at dawn") == [
        ("=", "The"), ("+", "floating"), ("=", "market opens"), ("-", "early"), ("+", "at dawn"),
    ]  # fmt: skip
    window = open_window()
    ids = window.model.ids
    window.project.save_translation(
        ids[2], "en", "The market opens early", Status.DRAFT, Origin.MT, "", origin_detail="opus-mt-vi-en"
    )
    window.project.save_translation(
        ids[2], "en", "The floating market opens at dawn", Status.TRANSLATED, Origin.HUMAN, "Lan"
    )
    window.apply(SegmentChanges.of([ids[2]], "en"))  # as the editing controller reports a change
    window.grid.setCurrentIndex(window.model.index(2, 2))
    shown = window.side_panel.post_edit
    assert shown.isVisible() and "opus-mt-vi-en" in shown.text()
    assert 'line-through;">early</span>' in shown.text() and 'bold;">floating</span>' in shown.text()
    window.grid.setCurrentIndex(window.model.index(0, 2))
    assert not shown.isVisible()  # no machine draft there
    window.close()
