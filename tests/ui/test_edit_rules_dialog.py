"""The edit rules dialog (Translate ▸ Edit rules…): rules kept in order, a bad regex refused with the reason
before anything is saved, each rule's effect on a sample shown, CSV in and out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from workbench.core.ops.edit_rule_store import NewRule, add_rule
from workbench.core.ops.edit_rules import project_rules
from workbench.ui.edit_rules_dialog import ENABLED_COLUMN, EditRulesDialog, RuleEditor


def open_dialog(qtbot, window) -> EditRulesDialog:  # type: ignore[no-untyped-def]
    action = window.translate.edit_rules_action
    assert action in window.menus["translate"].actions()
    action.trigger()
    dialog = window.translate.edit_rules_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def fill(editor: RuleEditor, stage: str, pattern: str, replacement: str, language: str = "") -> None:
    editor.stage.setCurrentIndex(editor.stage.findData(stage))
    editor.language.setCurrentIndex(editor.language.findData(language))
    editor.pattern.setText(pattern)
    editor.replacement.setText(replacement)


def save(qtbot, editor: RuleEditor) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def cells(dialog: EditRulesDialog, table: str = "table") -> list[list[str]]:
    widget = getattr(dialog, table)
    return [
        [widget.item(row, column).text() for column in range(widget.columnCount())] for row in range(widget.rowCount())
    ]


def test_rules_are_added_in_order_and_a_bad_regex_is_refused_with_the_reason(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    dialog = open_dialog(qtbot, window)
    editor = dialog.add_rule()
    fill(editor, "source", r"\bUBND\b", "Ủy ban nhân dân")
    save(qtbot, editor)
    assert not editor.isVisible()
    editor = dialog.add_rule()
    fill(editor, "target", r"People's Committee of (\w+ \w+) province", r"\1 Provincial People's Committee", "en")
    save(qtbot, editor)
    assert [row[:4] for row in cells(dialog)] == [
        ["source", "", r"\bUBND\b", "Ủy ban nhân dân"],
        [
            "output",
            window.names["en"],
            r"People's Committee of (\w+ \w+) province",
            r"\1 Provincial People's Committee",
        ],
    ]
    # A bad pattern: the reason is shown as it is typed and again on Save, and nothing is saved.
    editor = dialog.add_rule()
    fill(editor, "source", "(UBND", "x")
    assert "missing ) at position 5" in editor.problem.text()
    save(qtbot, editor)
    assert editor.isVisible() and "is not a valid regular expression: missing ) at position 5" in editor.problem.text()
    fill(editor, "source", "(UBND)", r"\2")
    save(qtbot, editor)
    assert editor.isVisible() and "refers to group 2" in editor.problem.text()
    editor.reject()
    assert len(project_rules(window.project)) == 2 and dialog.table.rowCount() == 2


def test_editing_moving_and_switching_off_go_to_the_project(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    first = add_rule(window.project, NewRule("source", "", "a", "b"))
    second = add_rule(window.project, NewRule("source", "", "c", "d"))
    dialog = open_dialog(qtbot, window)
    dialog.table.selectRow(1)
    assert not dialog.down_button.isEnabled()
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert [r.id for r in project_rules(window.project)] == [second.id, first.id]
    assert dialog.selected_rule() == project_rules(window.project)[0]  # the moved rule stays selected
    editor = dialog.edit_rule()
    assert editor is not None and editor.pattern.text() == "c"
    editor.replacement.setText("D")
    save(qtbot, editor)
    assert project_rules(window.project)[0].replacement == "D"
    dialog.table.item(1, ENABLED_COLUMN).setCheckState(Qt.CheckState.Unchecked)
    assert [r.enabled for r in project_rules(window.project)] == [True, False]
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [r.id for r in project_rules(window.project)] == [first.id]


def test_the_tester_shows_each_rules_effect(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    add_rule(window.project, NewRule("source", "", r"\bUBND\b", "Ủy ban nhân dân"))
    add_rule(window.project, NewRule("source", "", "tỉnh", "Tỉnh"))
    add_rule(window.project, NewRule("source", "", r"25/CT", "x"))
    committee = NewRule(
        "target", "en", r"People's Committee of (\w+ \w+) province", r"\1 Provincial People's Committee"
    )
    add_rule(window.project, committee)
    add_rule(window.project, NewRule("target", "km", "ក", "ខ"))
    dialog = open_dialog(qtbot, window)
    dialog.sample.setText("UBND tỉnh ban hành 25/CT-TTg.")
    dialog.test_language.setCurrentIndex(dialog.test_language.findData("en"))
    dialog.output_sample.setText("The People's Committee of An Giang province met.")
    rows = cells(dialog, "effects")
    assert [row[1:] for row in rows] == [
        ["UBND tỉnh ban hành 25/CT-TTg.", "Ủy ban nhân dân tỉnh ban hành 25/CT-TTg."],
        ["Ủy ban nhân dân tỉnh ban hành 25/CT-TTg.", "Ủy ban nhân dân Tỉnh ban hành 25/CT-TTg."],
        ["Ủy ban nhân dân Tỉnh ban hành 25/CT-TTg.",
         "skipped: edit rule 3 left a protected span alone: the code 25/CT-TTg"],
        ["The People's Committee of An Giang province met.", "The An Giang Provincial People's Committee met."],
    ]  # fmt: skip
    assert rows[0][0].startswith("1. ")
    assert dialog.source_result.text().endswith("Ủy ban nhân dân Tỉnh ban hành 25/CT-TTg.")
    assert dialog.output_result.text().endswith("The An Giang Provincial People's Committee met.")
    # Switching a rule off takes it out of the tester at once.
    dialog.table.item(0, ENABLED_COLUMN).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.source_result.text().endswith("UBND Tỉnh ban hành 25/CT-TTg.")


def test_csv_out_and_in_and_a_bad_file_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, open_window, tmp_path: Path, shown_errors: list[str]
) -> None:
    window = open_window()
    add_rule(window.project, NewRule("source", "", r"\bUBND\b", "Ủy ban nhân dân"))
    dialog = open_dialog(qtbot, window)
    out = tmp_path / "rules.csv"
    dialog.export_csv(out)
    assert "1 rules written" in dialog.status.text() and out.read_text("utf-8-sig").startswith("stage,language,")
    bad = tmp_path / "bad.csv"
    bad.write_text("stage,pattern,replacement\nsource,a,b\nsource,[x,y\n", encoding="utf-8")
    dialog.import_csv(bad)
    assert len(shown_errors) == 1 and "line 3: the pattern '[x' is not a valid regular expression" in shown_errors[0]
    assert len(project_rules(window.project)) == 1 and dialog.table.rowCount() == 1
    good = tmp_path / "good.csv"
    good.write_text("stage,language,pattern,replacement\ntarget,km,a,b\n", encoding="utf-8")
    dialog.import_csv(good)
    assert dialog.table.rowCount() == 2
    assert cells(dialog)[1][:4] == ["output", window.names["km"], "a", "b"]


def test_the_tester_shows_the_expansion_and_the_code_it_left_alone(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    add_rule(window.project, NewRule("source", "", r"\bUBND\b", "Ủy ban nhân dân"))
    dialog = open_dialog(qtbot, window)
    dialog.sample.setText("Công văn 123/UBND-KT của UBND tỉnh")
    assert [row[2] for row in cells(dialog, "effects")] == [
        "Công văn 123/UBND-KT của Ủy ban nhân dân tỉnh  (edit rule 1 left a protected span alone: the code 123/UBND-KT)"
    ]
    assert dialog.source_result.text().endswith("Công văn 123/UBND-KT của Ủy ban nhân dân tỉnh")
