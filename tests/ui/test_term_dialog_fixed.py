"""The term dialog's "Keep as is" box makes the term fixed (MT puts it in verbatim); it starts as the glossary
has the term, so adding a translation to a fixed name from the window keeps the name fixed."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from workbench.core.memory.glossary import Term, add_term, terms
from workbench.ui.term_dialog import TermDialog


def test_the_keep_as_is_box_marks_the_term_fixed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = TermDialog("Núi Cấm", {"en": "Cam Mountain"}, {})
    qtbot.addWidget(dialog)
    assert not dialog.term().fixed
    dialog.fixed.click()
    term = dialog.term()
    assert term.fixed and term.targets == {"en": "Cam Mountain"} and term.source == "Núi Cấm"


def test_the_box_starts_as_the_glossary_has_the_term_so_adding_a_translation_keeps_a_name_fixed(qtbot) -> None:  # type: ignore[no-untyped-def]
    glossary = [Term("Núi Cấm", {"en": "Cam Mountain"}, fixed=True), Term("ghe Ngo", {"en": "Ngo boat"})]
    dialog = TermDialog("núi cấm ", {"km": "ភ្នំកម្ពស់"}, {}, glossary=glossary)
    qtbot.addWidget(dialog)
    assert dialog.fixed.isChecked() and dialog.term().fixed  # saving it as shown keeps the mark
    dialog.source.setText("ghe Ngo")
    assert not dialog.fixed.isChecked()  # follows the text to a term that is not fixed
    dialog.source.setText("Núi Cấm")
    dialog.fixed.click()  # the person's choice is what is saved, and the text no longer moves it
    dialog.source.setText("Núi Cấm.")
    dialog.source.setText("Núi Cấm")
    assert not dialog.term().fixed


def test_ctrl_t_on_a_fixed_name_keeps_it_fixed(qtbot, open_window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    add_term(window.project, Term("Hòa Bình", {"en": "Hoa Binh"}, fixed=True))
    window.grid.setCurrentIndex(window.model.index(1, 2))  # "Hòa Bình có hồ lớn."
    cursor = window.side_panel.source_view.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(8, QTextCursor.MoveMode.KeepAnchor)
    window.side_panel.source_view.setTextCursor(cursor)
    monkeypatch.setattr(TermDialog, "exec", lambda dialog: 1)  # Enter at once
    window.memory.add_term_from_selection()
    assert [(t.source, t.fixed) for t in terms(window.project)] == [("Hòa Bình", True)]
    window.close()
