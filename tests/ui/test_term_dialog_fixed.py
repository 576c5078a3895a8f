"""The term dialog's "Keep as is" box makes the term fixed (MT puts it in verbatim)."""

from __future__ import annotations

from workbench.ui.term_dialog import TermDialog


def test_the_keep_as_is_box_marks_the_term_fixed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = TermDialog("Núi Cấm", {"en": "Cam Mountain"}, {})
    qtbot.addWidget(dialog)
    assert not dialog.term().fixed
    dialog.fixed.click()
    term = dialog.term()
    assert term.fixed and term.targets == {"en": "Cam Mountain"} and term.source == "Núi Cấm"
