"""Editing a translation that carries tags without breaking them: a marker goes whole or not at all.

Backspace or Delete next to (or inside) a marker removes the whole marker, a selection that cuts into a
marker grows to cover it, and typing inside a marker puts the text after it. Ctrl+Shift+G inserts the next
tag of the source the translation still lacks (inline_tags.missing_tags); with words selected, a missing
pair wraps them. A half-deleted `<b1` would otherwise be text the export cannot rebuild formatting from.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from workbench.core.tags.inline_tags import TagMap, markers, missing_tags
from workbench.ui.actions.new_action import new_action
from workbench.ui.text_positions import qt_position
from workbench.ui.window_context import WindowContext

INSERT_TAG_KEYS = "Ctrl+Shift+G"


def _spans(editor: QPlainTextEdit, tags: TagMap) -> list[tuple[int, int]]:
    """The editor's tag markers as (start, end) in Qt's positions (UTF-16 code units)."""
    text = editor.toPlainText()
    out = []
    for marker in markers(text, tags):
        out.append((qt_position(text, marker.start), qt_position(text, marker.end)))
    return out


def _grow(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """[start, end) widened so it never ends or starts inside a marker."""
    for left, right in spans:
        if left < start < right:
            start = left
        if left < end < right:
            end = right
    return start, end


def guard_key(editor: QPlainTextEdit, tags: TagMap, event: QKeyEvent) -> bool:
    """Handle a key that would break a marker; True when handled (the editor must not see it)."""
    if not tags:
        return False
    key = event.key()
    deleting = key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
    cutting = event.matches(QKeySequence.StandardKey.Cut)
    typing = bool(event.text()) and event.text().isprintable() and not deleting and not cutting
    if not (deleting or typing or cutting):
        return False
    spans = _spans(editor, tags)
    if not spans:
        return False
    cursor = editor.textCursor()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    if start == end and deleting and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        word = QTextCursor(cursor)  # Ctrl+Backspace/Delete: the word Qt would delete, grown over whole markers
        back = key == Qt.Key.Key_Backspace
        word.movePosition(
            QTextCursor.MoveOperation.PreviousWord if back else QTextCursor.MoveOperation.NextWord,
            QTextCursor.MoveMode.KeepAnchor,
        )
        start, end = _grow(spans, word.selectionStart(), word.selectionEnd())
        if start == end:
            return False
    elif start == end and deleting:
        touching = [
            (left, right)
            for left, right in spans
            if (left < start <= right if key == Qt.Key.Key_Backspace else left <= start < right)
        ]
        if not touching:
            return False
        start, end = touching[0]
    elif start == end:  # typing inside a marker: the text goes after it
        inside = [right for left, right in spans if left < start < right]
        if not inside:
            return False
        cursor.setPosition(inside[0])
        editor.setTextCursor(cursor)
        return False  # the editor types the key at its new place
    else:
        grown = _grow(spans, start, end)
        if grown == (start, end):
            return False
        start, end = grown
        if typing or cutting:  # the typed text replaces (or the cut takes) the selection over whole markers
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
            return False
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    editor.setTextCursor(cursor)
    return True


def insert_next_tag(editor: QPlainTextEdit, source: str, tags: TagMap) -> str | None:
    """Put the source's next missing tag at the cursor (a missing pair around the selection); the
    inserted markers, or None when nothing is missing."""
    missing = missing_tags(source, editor.toPlainText(), tags)
    if not missing:
        return None
    spans = _spans(editor, tags)
    cursor = editor.textCursor()
    start, end = _grow(spans, cursor.selectionStart(), cursor.selectionEnd())
    first = missing[0]
    info = next((tags[m.number] for m in markers(first, tags)), None)
    closing = info.closing() if info is not None and info.paired and first == info.opening() else ""
    cursor.beginEditBlock()
    if start != end and closing and closing in missing:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selected = cursor.selection().toPlainText()
        cursor.insertText(first + selected + closing)
        inserted = first + closing
    else:
        cursor.setPosition(end if start != end else start)
        cursor.insertText(first)
        inserted = first
    cursor.endEditBlock()
    editor.setTextCursor(cursor)
    return inserted


class TagActions(QObject):
    """Edit > Insert the next missing tag, on the window's target cell."""

    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.insert_tag_action: QAction = new_action(
            self, self.tr("Insert the next missing &tag"), self.insert_tag, INSERT_TAG_KEYS
        )

    def insert_tag(self) -> None:
        window = self.window
        index = window.target_cell()
        if index is None:
            return
        segment = window.segment_at(index)
        editor = window.open_editor()
        if editor is None:
            return
        if insert_next_tag(editor, segment.source, segment.tags) is None:
            window.show_status(self.tr("No tag of the source is missing here"), 3000)
        editor.setFocus()
