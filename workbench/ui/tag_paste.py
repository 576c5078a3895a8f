"""Pasting or dropping text into a tagged translation without breaking or inventing tags.

A marker counts as a tag only by the segment's map, so pasted text could otherwise bring in another
segment's `<b1>` that happens to be a tag here, a second copy of a tag already placed, or half a marker
that the next typed `>` completes; and a paste at a cursor inside a marker would split it. So the
selection first grows to whole markers, and in the pasted text only this segment's tags that the
translation does not have yet stay tags; any other marker-looking text gets a word joiner after its `<`
(as the readers escape look-alikes, inline_tags.escape_lookalikes): it reads the same and can never
become a tag. Where the pasted text meets the text around it, a marker that would form across the seam is
broken the same way.
"""

from __future__ import annotations

from collections import Counter

import regex
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from workbench.core.tags.inline_tags import TagMap, markers, tag_sequence
from workbench.ui.text_positions import python_index, qt_position

WORD_JOINER = "\u2060"
#: the start of something that reads as a marker, whole or cut short: `<b1>`, `</b1`, `<br2/`, `<fn3`
LOOKALIKE = regex.compile(r"<(?=/?[a-z]{1,4}[0-9])")


def pasteable(before: str, pasted: str, after: str, tags: TagMap) -> str:
    """`pasted` as it may go in between `before` and `after`: the tags it may bring kept, every other
    marker-looking `<` escaped, and no marker formed across its edges."""
    present = Counter(tag_sequence(before, tags) + tag_sequence(after, tags))
    kept: set[int] = set()  # where in `pasted` a marker that stays a tag starts
    for marker in markers(pasted, tags):
        written = pasted[marker.start : marker.end]
        if not present[written]:
            present[written] += 1
            kept.add(marker.start)
    out = LOOKALIKE.sub(lambda m: m.group(0) if m.start() in kept else "<" + WORD_JOINER, pasted)
    if _forms_marker(before, out, after, tags, len(before)):
        out = WORD_JOINER + out
    if _forms_marker(before, out, after, tags, len(before) + len(out)):
        out = out + WORD_JOINER
    return out


def _forms_marker(before: str, inserted: str, after: str, tags: TagMap, seam: int) -> bool:
    """A tag's marker would run across `seam` in the joined text."""
    joined = before + inserted + after
    return any(m.start < seam < m.end for m in markers(joined, tags))


def paste_keeping_tags(editor: QPlainTextEdit, tags: TagMap, pasted: str) -> None:
    """Put `pasted` in place of the editor's selection (grown over whole markers), as one undo step."""
    text = editor.toPlainText()
    cursor = editor.textCursor()
    start, end = python_index(text, cursor.selectionStart()), python_index(text, cursor.selectionEnd())
    for marker in markers(text, tags):
        if start == end and marker.start < start < marker.end:  # a bare cursor goes after it (as typing does)
            start = end = marker.end
        if marker.start < start < marker.end:
            start = marker.start
        if marker.start < end < marker.end:
            end = marker.end
    inserted = pasteable(text[:start], pasted, text[end:], tags)
    cursor.beginEditBlock()
    cursor.setPosition(qt_position(text, start))
    cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(inserted)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
