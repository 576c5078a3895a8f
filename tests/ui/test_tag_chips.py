"""A segment with inline formatting: its tags read as chips in the grid, a marker is never half deleted while
editing, Ctrl+Shift+G puts in the next tag the translation lacks, and Ctrl+B copies the source with its tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from workbench.context import AppContext
from workbench.core.records import BlockKind, PreparedDocument, PreparedSegment, SourceBlock
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo, tags_to_json
from workbench.ui.segment_editor import SegmentEditor
from workbench.ui.tag_chips import chip_html
from workbench.ui.tag_editing import guard_key, insert_next_tag

EN = 2
TAGS = {
    1: TagInfo(1, "b", True, formats={"bold": True}),
    2: TagInfo(2, "br", False, kind="break"),
}
SOURCE = "Núi <b1>Cấm</b1> đẹp.<br2/>Rất đẹp."


def _tagged_project(path: Path) -> None:
    """A document whose first segment has a bold word and a line break, and a plain second one."""
    with Project.create(path, "An Giang", "vi", ["en", "km"]) as project:
        block = SourceBlock(BlockKind.PARAGRAPH, SOURCE, tags=dict(TAGS))
        segment = PreparedSegment(paragraph=0, source=SOURCE, meta={"tags": tags_to_json(TAGS)})
        plain = PreparedSegment(paragraph=1, source="Chợ <b1> nổi.")
        project.store_document(
            PreparedDocument(
                name="a.html", format="html", encoding="utf-8", source_path=str(path.with_suffix(".html")),
                blocks=[block, SourceBlock(BlockKind.PARAGRAPH, "Chợ <b1> nổi.")], segments=[segment, plain],
            )
        )  # fmt: skip


@pytest.fixture
def tagged_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from workbench.ui.project_window import ProjectWindow

    path = tmp_path / "p.wbp"
    _tagged_project(path)
    window = ProjectWindow(Project.open(path), AppContext.load())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    yield window
    window.close()


def _edit(qtbot, window, row: int = 0) -> SegmentEditor:  # type: ignore[no-untyped-def]
    window.grid.setCurrentIndex(window.model.index(row, EN))
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    editor = window.delegate.open_editor
    assert isinstance(editor, SegmentEditor)
    return editor


def test_tags_read_as_numbered_chips_and_plain_text_stays_plain() -> None:
    shown = chip_html(SOURCE, TAGS)
    assert shown is not None
    assert "&lt;b1&gt;" not in shown.split('title="')[0]  # the marker itself is not shown as text
    assert ">&#8239;1&#8239;<" in shown and ">&#8239;/1&#8239;<" in shown and "⏎" in shown
    assert "Cấm" in shown and "Rất đẹp." in shown
    assert chip_html("Chợ <b1> nổi.", {}) is None  # no tag map: "<b1>" is text, painted as before
    assert chip_html("Chợ <i7> nổi.", TAGS) is None  # a marker the map does not have is text


def test_the_grid_paints_a_tagged_source_with_chips(qtbot, tagged_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui import tag_chips

    painted: list[str] = []
    real = tag_chips.paint_html
    monkeypatch.setattr(tag_chips, "paint_html", lambda *a: (painted.append(a[-1]), real(*a)))
    tagged_window.grid.viewport().repaint()
    assert any("/1" in html for html in painted)
    assert not any("nổi" in html for html in painted)  # the plain row painted as before


def test_backspace_after_a_marker_removes_the_whole_marker(qtbot, tagged_window) -> None:  # type: ignore[no-untyped-def]
    editor = _edit(qtbot, tagged_window)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Ctrl+B: the source, tags and all
    assert editor.toPlainText() == SOURCE
    cursor = editor.textCursor()
    cursor.setPosition(SOURCE.index("</b1>") + len("</b1>"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "Núi <b1>Cấm đẹp.<br2/>Rất đẹp."
    cursor.setPosition(editor.toPlainText().index("<br2/>"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == "Núi <b1>Cấm đẹp.Rất đẹp."


def test_typing_inside_a_marker_puts_the_text_after_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = SegmentEditor(None, list)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor.set_tags(TAGS)
    editor.setPlainText("A<b1>B</b1>")
    cursor = editor.textCursor()
    cursor.setPosition(3)  # inside "<b1>"
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "x")
    assert editor.toPlainText() == "A<b1>xB</b1>"
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(3, QTextCursor.MoveMode.KeepAnchor)  # "A<b" cuts into the marker
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.toPlainText() == "xB</b1>"
    assert not guard_key(editor, {}, None)  # type: ignore[arg-type]  # untagged text: the editor's own keys


def test_ctrl_shift_g_inserts_the_next_missing_tag_and_wraps_a_selection(qtbot, tagged_window) -> None:  # type: ignore[no-untyped-def]
    editor = _edit(qtbot, tagged_window)
    qtbot.keyClicks(editor, "Mount Cam")
    cursor = editor.textCursor()
    cursor.setPosition(6)
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "Mount <b1>Cam</b1>"
    qtbot.keyClick(editor, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "Mount <b1>Cam</b1><br2/>"
    assert insert_next_tag(editor, SOURCE, TAGS) is None  # nothing missing now
    edit_menu = [a.text() for a in tagged_window.menus["edit"].actions()]
    assert any("missing" in text for text in edit_menu)


def test_find_and_replace_never_alters_a_marker(tmp_path: Path) -> None:
    from workbench.core.ops.find_replace import plan_replacements
    from workbench.core.records import Origin, Status

    _tagged_project(tmp_path / "p.wbp")
    with Project.open(tmp_path / "p.wbp") as project:
        tagged, plain = project.segment_ids()
        project.save_translation(tagged, "en", "Mount <b1>b</b1> b", Status.TRANSLATED, Origin.HUMAN, "x")
        project.save_translation(plain, "en", "Market <b1> b", Status.TRANSLATED, Origin.HUMAN, "x")
        plans = {p.segment_id: p.after for p in plan_replacements(project, [tagged, plain], "en", "b", "B", True)}
    assert plans[tagged] == "Mount <b1>B</b1> B"  # the words changed, the tags kept
    assert plans[plain] == "Market <B1> B"  # no tags in this segment: "<b1>" is text like any other


def test_deleting_a_word_or_cutting_a_selection_takes_whole_markers(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = SegmentEditor(None, list)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor.set_tags(TAGS)
    editor.setPlainText("A <b1>B</b1>")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "A <b1>B"  # the closing marker went whole
    qtbot.keyClick(editor, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "A "
    editor.setPlainText("A <b1>B</b1> C")
    cursor = editor.textCursor()
    cursor.setPosition(4)  # from inside "<b1>" ...
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)  # ... to inside "</b1>"
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "A  C"


def test_a_glossary_term_in_a_tagged_source_is_still_shaded() -> None:
    start = SOURCE.index("đẹp")
    shown = chip_html(SOURCE, TAGS, [(start, start + len("đẹp"), "beautiful")])
    assert shown is not None and 'title="beautiful">đẹp</span>' in shown


def test_the_editor_pane_keeps_tags_whole_and_inserts_them_too(qtbot, tagged_window) -> None:  # type: ignore[no-untyped-def]
    window = tagged_window
    window.pane_action.trigger()
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.waitUntil(lambda: window.pane.editor.segment_id == window.model.segment_id(0))
    editor = window.pane.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Mount ")
    qtbot.keyClick(editor, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "Mount <b1>"
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.toPlainText() == "Mount "
    window.pane_action.trigger()  # the pane hidden again: the next test's window starts without it
