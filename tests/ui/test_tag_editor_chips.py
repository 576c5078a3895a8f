"""Tags in the editors read as numbered chips, the cursor steps over one as over a letter, and pasting or
dropping text can neither break a tag nor smuggle one in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication

from tests.ui.test_tag_chips import EN, _edit, tagged_window  # noqa: F401  # the window with a tagged segment
from workbench.core.tags.inline_tags import TagInfo, markers, tag_problems
from workbench.ui.khmer_wrap import inside_syllable, wrap_between_syllables
from workbench.ui.segment_editor import SegmentEditor
from workbench.ui.tag_chip_editor import chip_width
from workbench.ui.tag_chips import CHIP_BACKGROUND
from workbench.ui.tag_paste import WORD_JOINER, pasteable

TAGS = {
    1: TagInfo(1, "b", True, formats={"bold": True}),
    2: TagInfo(2, "br", False, kind="break"),
}
SOURCE = "Núi <b1>Cấm</b1> đẹp.<br2/>Rất đẹp."


def _editor(qtbot, text: str, tags=TAGS, width: int = 420) -> SegmentEditor:  # type: ignore[no-untyped-def]
    editor = SegmentEditor(None, list)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor.resize(width, 160)
    editor.set_tags(tags)
    editor.setPlainText(text)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _chip_pixels(editor: SegmentEditor) -> int:
    editor.viewport().repaint()
    image = editor.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    chip = QColor(CHIP_BACKGROUND).rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == chip)


def _set_cursor(editor: SegmentEditor, position: int, anchor: int | None = None) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position if anchor is None else anchor)
    if anchor is not None:
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def _paste(editor: SegmentEditor, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    editor.paste()


def test_the_editor_draws_chips_where_the_markers_are_and_keeps_the_markers_as_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    tagged = _editor(qtbot, SOURCE)
    plain = _editor(qtbot, SOURCE, tags={})
    assert _chip_pixels(tagged) > 50
    assert _chip_pixels(plain) == 0  # a segment without tags shows its "<b1>" as the letters it is
    assert tagged.toPlainText() == SOURCE  # what is saved is still the markers
    marker = QTextCursor(tagged.document())
    marker.setPosition(SOURCE.index("<b1>"))
    after = QTextCursor(tagged.document())
    after.setPosition(SOURCE.index("Cấm"))
    chip = tagged.cursorRect(after).left() - tagged.cursorRect(marker).left()
    written = plain.cursorRect(after).left() - plain.cursorRect(marker).left()
    assert 0 < chip < written  # a chip "1" is narrower than the letters "<b1>"
    image = tagged.viewport().grab().toImage()
    row = tagged.cursorRect(marker).center().y()
    colours = {
        image.pixelColor(x, row).rgb() for x in range(tagged.cursorRect(marker).left(), tagged.cursorRect(after).left())
    }
    assert QColor(CHIP_BACKGROUND).rgb() in colours  # the chip is drawn in the marker's room
    tagged.setPlainText("<br2/>")
    plain.setPlainText("x")
    height = tagged.document().firstBlock().layout().lineAt(0).height()
    assert height == plain.document().firstBlock().layout().lineAt(0).height()  # a line of only a tag: full height
    assert _chip_pixels(tagged) > 50


def test_khmer_around_chips_renders_and_wraps(qtbot) -> None:  # type: ignore[no-untyped-def]
    khmer = "ខេត្តអាន់យ៉ាងមានភ្នំ<b1>ស្អាត</b1>ណាស់" * 4 + "<br2/>ហើយមានទេសភាពល្អ"
    tags = {1: TAGS[1], 2: TAGS[2]}
    editor = _editor(qtbot, khmer, tags, width=220)
    wrap_between_syllables(editor)  # the editor pane's layout, lines ending between syllables
    editor.set_tags(tags)
    editor.setPlainText(khmer)
    editor.viewport().repaint()
    layout = editor.document().firstBlock().layout()
    assert layout.lineCount() > 1  # the long line wraps ...
    ends = [layout.lineAt(i).textStart() + layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
    assert not any(inside_syllable(khmer, end) for end in ends)  # ... between syllables, chips or not
    assert _chip_pixels(editor) > 50
    image = editor.viewport().grab().toImage()
    inked = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).value() < 80
    )
    assert inked > 100  # the Khmer letters themselves are drawn
    assert editor.toPlainText() == khmer


def test_arrow_keys_step_over_a_marker_in_one_step(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, "A<b1>B</b1>C")
    editor.setFocus()
    _set_cursor(editor, 1)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    assert editor.textCursor().position() == 5  # after "<b1>"
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    assert editor.textCursor().position() == 1  # before it again
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == "<b1>"
    _set_cursor(editor, 3)  # a click or a program putting the cursor inside: it goes after the marker
    assert editor.textCursor().position() == 5
    _set_cursor(editor, 4, anchor=2)  # a double click on "b1": the whole tag is selected
    assert editor.textCursor().selectedText() == "<b1>"
    _set_cursor(editor, 12, anchor=8)  # from inside "</b1>" to the end: the selection takes the marker in
    assert editor.textCursor().selectedText() == "</b1>C"


def test_a_pasted_tag_the_translation_lacks_stays_a_tag_and_undo_takes_the_paste_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, "Mount  is fine.")
    _set_cursor(editor, 6)
    _paste(editor, "<b1>Cam</b1>")
    assert editor.toPlainText() == "Mount <b1>Cam</b1> is fine."
    assert not tag_problems("Núi <b1>Cấm</b1> đẹp.", editor.toPlainText(), TAGS)
    editor.undo()
    assert editor.toPlainText() == "Mount  is fine."


def test_a_foreign_or_duplicate_marker_is_pasted_as_harmless_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    translation = "Mount <b1>Cam</b1> is fine.<br2/>Very fine."
    editor = _editor(qtbot, translation)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    _paste(editor, " <b1>again</b1> <i3>other</i3> <br2/>")  # tags it has already, and another segment's
    text = editor.toPlainText()
    assert text.replace(WORD_JOINER, "") == translation + " <b1>again</b1> <i3>other</i3> <br2/>"
    assert not tag_problems(SOURCE, text, TAGS)  # no second pair, no second line break
    editor.undo()
    assert editor.toPlainText() == translation
    _paste(editor, " <b1")  # half a marker: the ">" typed after it must not make a second tag
    qtbot.keyClicks(editor, ">")
    assert editor.toPlainText().replace(WORD_JOINER, "") == translation + " <b1>"
    assert not tag_problems(SOURCE, editor.toPlainText(), TAGS)


def test_pasting_into_the_middle_of_a_marker_does_not_break_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, "A<b1>B</b1>")
    editor.blockSignals(True)  # the cursor put inside "<b1>" as a drop's own cursor can be
    _set_cursor(editor, 3)
    editor.blockSignals(False)
    assert editor.textCursor().position() == 3
    _paste(editor, "xy")
    assert editor.toPlainText() == "A<b1>xyB</b1>"  # after the marker, as typed text goes
    editor.blockSignals(True)
    _set_cursor(editor, 9, anchor=2)  # from inside "<b1>" to inside "</b1>"
    editor.blockSignals(False)
    editor.insertFromMimeData(_mime("Z"))  # a drop replacing the selection takes whole markers
    assert editor.toPlainText() == "AZ"


def test_a_marker_is_never_made_across_the_edges_of_a_paste() -> None:
    assert pasteable("x <b", "1>y", "", TAGS) == WORD_JOINER + "1>y"  # "<b" before and "1>" pasted
    pasted = pasteable("", "y<b", "1> z", TAGS)
    assert pasted.replace(WORD_JOINER, "") == "y<b" and not markers(pasted + "1> z", TAGS)
    assert pasteable("", "<b1>y</b1>", "", TAGS) == "<b1>y</b1>"
    assert pasteable("", "<b1>y</b1>", " <b1>", TAGS) == "<" + WORD_JOINER + "b1>y</b1>"
    assert pasteable("", "a < b and <p>", "", TAGS) == "a < b and <p>"  # ordinary text left as it is


def _mime(text: str) -> QMimeData:
    data = QMimeData()
    data.setText(text)
    return data


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PySide's drag event constructors taking a QPoint
def test_text_dropped_on_a_chip_goes_beside_it_by_the_same_rules(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, "A<b1>B</b1> C")
    chip = QTextCursor(editor.document())
    chip.setPosition(1)
    left = editor.cursorRect(chip)
    chip.setPosition(5)
    right = editor.cursorRect(chip)
    point = QPoint((left.left() + 3 * right.left()) // 4, left.center().y())  # on the right half of "<b1>"'s chip
    data = _mime("<b1>x")  # that tag is there already: this one comes in as text
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    action = Qt.DropAction.CopyAction
    QApplication.sendEvent(editor.viewport(), QDragEnterEvent(point, action, data, buttons, keys))
    QApplication.sendEvent(editor.viewport(), QDragMoveEvent(point, action, data, buttons, keys))
    QApplication.sendEvent(editor.viewport(), QDropEvent(QPointF(point), action, data, buttons, keys))
    assert editor.toPlainText() == "A<b1><" + WORD_JOINER + "b1>xB</b1> C"  # after the chip, the marker whole
    assert not tag_problems("Núi <b1>Cấm</b1> đẹp.", editor.toPlainText(), TAGS)
    editor.undo()
    assert editor.toPlainText() == "A<b1>B</b1> C"


def _chip_room(editor: SegmentEditor, text: str, marker: str) -> float:
    """How wide `marker` (the first in `text`) shows in `editor`."""
    start = QTextCursor(editor.document())
    start.setPosition(text.index(marker))
    end = QTextCursor(editor.document())
    end.setPosition(text.index(marker) + len(marker))
    return editor.cursorRect(end).left() - editor.cursorRect(start).left()


def test_the_window_editors_show_chips_with_spell_checking_on(qtbot, tagged_window) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    window = tagged_window
    assert window.settings.spell_check
    editor = _edit(qtbot, window)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # the source with its tags
    assert editor.toPlainText() == SOURCE
    room = chip_width(editor.document().defaultFont(), "1")
    assert abs(_chip_room(editor, SOURCE, "<b1>") - room) <= 2  # the cell editor: a chip, not the letters
    assert _chip_pixels(editor) > 50
    window.pane_action.trigger()
    window.grid.setCurrentIndex(window.model.index(1, EN))
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.waitUntil(lambda: window.pane.editor.segment_id == window.model.segment_id(0))
    pane = window.pane.editor
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert pane.toPlainText() == SOURCE
    assert abs(_chip_room(pane, SOURCE, "<b1>") - room) <= 2  # the editor pane too
    source = window.pane.source_view
    assert abs(_chip_room(source, SOURCE, "<b1>") - chip_width(source.document().defaultFont(), "1")) <= 2
    window.pane_action.trigger()
