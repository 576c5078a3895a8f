"""Wrapping Khmer in a plain-text editor between syllables, never inside one.

Measured in this Qt (6.12, offscreen and xcb alike): Qt has no Khmer dictionary or syllable line breaking.
With `WordWrap` a Khmer line never wraps at all; with `WrapAnywhere` (and `WrapAtWordBoundaryOrAnywhere`,
which falls back to it) it breaks at Qt's Khmer cluster boundaries, which keep a consonant with its
subscripts and vowels but cut a syllable from its final consonant (មួ|យ): 2 of 10 line breaks of a
300-character line fell inside a syllable. The grid shows Khmer with zero-width spaces between syllables
(core/language/khmer_breaks.for_display), but an editor cannot hold them: they would be saved, counted by
the checks and stop the cursor at invisible places.

So the editor's document keeps the real text and its layout decides where the lines end: Qt lays a block
out as usual, and a line that ends inside a Khmer syllable is laid out again ending at the last syllable
boundary before (QTextLine.setNumColumns). Only blocks with such a line are redone; the cursor, selection,
painting and scrolling all read the same lines.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLayout, QTextLine, QTextOption
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit

from workbench.core.language.khmer_breaks import ZERO_WIDTH_SPACE, for_display

log = logging.getLogger(__name__)


def _is_khmer(char: str) -> bool:
    """A letter or mark of a Khmer syllable (not the punctuation ។ ៕ and the like, after which a line may end)."""
    return "\u1780" <= char <= "\u17d3" or char == "\u17dd"


@lru_cache(maxsize=256)
def syllable_cuts(text: str) -> tuple[int, ...]:
    """Where a line may end between two Khmer characters of `text`, in order: the syllable boundaries the
    grid shows (and the end of the text)."""
    cuts, position = [], 0
    for piece in for_display(text).split(ZERO_WIDTH_SPACE):
        position += len(piece)
        cuts.append(position)
    return tuple(cuts)


def inside_syllable(text: str, position: int) -> bool:
    """A line ending at `position` would cut a Khmer syllable in two."""
    if not 0 < position < len(text) or not (_is_khmer(text[position - 1]) and _is_khmer(text[position])):
        return False
    cuts = syllable_cuts(text)
    at = bisect_left(cuts, position)
    return at == len(cuts) or cuts[at] != position


class SyllableLayout(QPlainTextDocumentLayout):
    """QPlainTextEdit's own layout, with Khmer lines ending only between syllables."""

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)  # lays the block out when it is not yet
        try:
            if self._relaid(block):
                rect = super().blockBoundingRect(block)
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("laying out Khmer lines failed")
        return rect

    def _relaid(self, block: QTextBlock) -> bool:
        layout = block.layout()
        text = block.text()
        if layout is None or layout.lineCount() < 2 or not any(map(_is_khmer, text)):
            return False
        ends = [layout.lineAt(i).textStart() + layout.lineAt(i).textLength() for i in range(layout.lineCount() - 1)]
        if not any(inside_syllable(text, end) for end in ends):
            return False
        self._lay_out(block, layout, text, layout.lineAt(0).width())
        return True

    def _lay_out(self, block: QTextBlock, layout: QTextLayout, text: str, width: float) -> None:
        """Lay the block out as QPlainTextDocumentLayout does, moving each line end that falls inside a
        syllable back to the syllable's start (a syllable wider than the line is left whole)."""
        document = self.document()
        margin = document.documentMargin()
        before = document.lineCount()
        height, per_char = 0.0, 1.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLeadingIncluded(True)
            line.setLineWidth(width)
            start, end = line.textStart(), line.textStart() + line.textLength()
            if end < len(text) and inside_syllable(text, end):
                cuts = syllable_cuts(text)
                for cut in reversed(cuts[bisect_right(cuts, start) : bisect_left(cuts, end)]):
                    columns = _end_line_at(line, cut, width, round(per_char * (cut - start)))
                    if columns:
                        per_char = columns / (cut - start)
                        break
                else:
                    line.setLineWidth(width)  # one syllable wider than the line: Qt's own break
            line.setPosition(QPointF(margin, height))
            height += line.height()
        layout.endLayout()
        block.setLineCount(layout.lineCount() if block.isVisible() else 0)
        if document.lineCount() != before:
            self.documentSizeChanged.emit(self.documentSize())


def _end_line_at(line: QTextLine, cut: int, width: float, guess: int) -> int:
    """Make `line` end at character `cut`; the count of columns that did (0: none does). setNumColumns
    counts Qt's glyph columns, not characters (a subscript may join its consonant, a split vowel takes two),
    so the count is searched for, starting at `guess` (what the line before needed per character)."""
    chars = cut - line.textStart()
    low, high = 1, 2 * chars + 2
    columns = min(max(guess, low), high)
    while low <= high:
        line.setNumColumns(columns, width)
        end = line.textStart() + line.textLength()
        if end == cut:
            return columns
        if end < cut:
            low = columns + 1
        else:
            high = columns - 1
        columns = (low + high) // 2
    return 0


def wrap_between_syllables(editor: QPlainTextEdit) -> None:
    """Give `editor` a document whose lines wrap at word boundaries, and in Khmer between syllables only."""
    document = QTextDocument(editor)
    document.setDocumentLayout(SyllableLayout(document))
    document.setDefaultFont(editor.font())
    blocked = editor.blockSignals(True)  # a new empty document is not the translator typing
    editor.setDocument(document)
    editor.blockSignals(blocked)
    editor.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
