"""An editor that shows a segment's tags as the grid's numbered chips while its text stays the markers.

How: the document keeps `<b1>` as text, so what is saved, copied, undone and checked is exactly what is
typed; nothing converts between two forms. A highlighter makes a marker's characters invisible and
without width (negative letter spacing; the font is kept, so a line of only tags keeps its height), its
last character alone taking the room of a chip, and paintEvent draws the chip (a small rounded box with
the tag's number, as tag_chips labels it) in that room, over the hidden glyphs (which a selection would
otherwise paint in its own colour). Inline objects
(QTextObjectInterface) were the other way: they would put one object character in the text for each
marker, so toPlainText, copy, undo, find and every check would need the markers put back, and a paste of
text with markers converted in; here only painting and the cursor know about chips.

The cursor treats a marker as one unit: a position inside one is moved to its edge (the side the arrow
key went, else after it), so Left/Right step over a chip and a click on it lands beside it. Only the
marker's last character holds the chip's width, so a line that wraps inside a marker (Khmer wraps
anywhere) still shows the chip whole, on the line where the marker ends.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QMimeData, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from workbench.core.tags.inline_tags import TagMap, markers
from workbench.ui.tag_chips import CHIP_BACKGROUND, CHIP_FOREGROUND, chip_label
from workbench.ui.tag_paste import paste_keeping_tags
from workbench.ui.text_positions import qt_position

log = logging.getLogger(__name__)

#: room around a chip's label, and between the chip and the letters beside it (pixels)
CHIP_PADDING = 3.0
CHIP_GAP = 2.0


def chip_font(font: QFont) -> QFont:
    """The chip label's font: the editor's, bold and a little smaller."""
    small = QFont(font)
    small.setBold(True)
    if font.pointSizeF() > 0:
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
    elif font.pixelSize() > 0:
        small.setPixelSize(max(8, round(font.pixelSize() * 0.8)))
    return small


def chip_width(font: QFont, label: str) -> float:
    """The room a chip with `label` takes in a line of text in `font`."""
    return QFontMetricsF(chip_font(font)).horizontalAdvance(label) + 2 * CHIP_PADDING + 2 * CHIP_GAP


def paint_chip(painter: QPainter, rect: QRectF, label: str, font: QFont, palette: QPalette, selected: bool) -> None:
    """One chip: a rounded box in `rect` (the room kept in the line) with its label centred; `selected`
    in the selection's colours."""
    box = rect.adjusted(CHIP_GAP, 1.0, -CHIP_GAP, -1.0)
    background = palette.color(QPalette.ColorRole.Highlight) if selected else QColor(CHIP_BACKGROUND)
    foreground = palette.color(QPalette.ColorRole.HighlightedText) if selected else QColor(CHIP_FOREGROUND)
    painter.save()
    if selected:  # the selection paints the hidden glyphs in its own colour: cover the whole room
        painter.fillRect(rect, background)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(foreground if selected else QColor(CHIP_FOREGROUND).lighter(170))
    painter.setBrush(background)
    painter.drawRoundedRect(box, 3.0, 3.0)
    painter.setFont(chip_font(font))
    painter.setPen(foreground)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


class ChipHighlighter(QSyntaxHighlighter):
    """Hides each tag marker's characters and keeps a chip's room on its last one. A subclass marking
    more (spelling) calls highlightBlock after its own formats, so a marker is never underlined."""

    def __init__(self, document: QTextDocument, tags: TagMap | None = None) -> None:
        super().__init__(document)
        self.tags: TagMap = dict(tags or {})

    def set_tags(self, tags: TagMap) -> None:
        if dict(tags) != self.tags:
            self.tags = dict(tags)
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        try:
            found = markers(text, self.tags)
            if not found:
                return
            font = self.document().defaultFont()
            metrics = QFontMetricsF(font)
            for marker in found:
                start, written = qt_position(text, marker.start), text[marker.start : marker.end]  # (ASCII)
                room = chip_width(font, chip_label(marker, self.tags.get(marker.number)))
                for offset, char in enumerate(written):
                    hidden = QTextCharFormat()
                    hidden.setForeground(QColor(0, 0, 0, 0))
                    hidden.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
                    last = offset == len(written) - 1
                    hidden.setFontLetterSpacing((room if last else 0.0) - metrics.horizontalAdvance(char))
                    self.setFormat(start + offset, 1, hidden)
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("laying out tag chips failed")


class ChipTextEdit(QPlainTextEdit):
    """A plain-text editor whose segment's tags read as chips, step as one character and paste safely."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tags: TagMap = {}
        self._highlighter: tuple[QTextDocument, ChipHighlighter] | None = None
        self._last_position = 0
        self._keying = False  # a key press is moving the cursor (it goes on the side the key went)
        self._snapping = False
        self.cursorPositionChanged.connect(self._step_over_marker)

    def set_tags(self, tags: TagMap) -> None:
        """The shown segment's tags; the chips follow a document swapped in later (khmer_wrap)."""
        self.tags = dict(tags)
        self.highlighter().set_tags(self.tags)
        self.viewport().update()

    def highlighter(self) -> ChipHighlighter:
        """The document's one highlighter (a second one on the same document would wipe its formats)."""
        document = self.document()  # (a document swapped out is deleted, its highlighter with it)
        if self._highlighter is None or self._highlighter[0] is not document:
            self._highlighter = (document, ChipHighlighter(document, self.tags))
        return self._highlighter[1]

    def use_highlighter(self, highlighter: ChipHighlighter) -> None:
        """Let `highlighter` (a ChipHighlighter that also marks other things: spelling) be the document's
        one highlighter: Qt keeps only the formats of the highlighter that ran last on a line."""
        own = self.highlighter()
        if own is not highlighter:
            own.setDocument(None)  # detached: it no longer clears the line's formats
            own.deleteLater()
        self._highlighter = (self.document(), highlighter)
        highlighter.tags = dict(self.tags)
        highlighter.rehighlight()

    def marker_spans(self) -> list[tuple[int, int, str]]:
        """The tags' markers as (start, end, chip label) in Qt positions."""
        text = self.toPlainText()
        return [
            (qt_position(text, m.start), qt_position(text, m.end), chip_label(m, self.tags.get(m.number)))
            for m in markers(text, self.tags)
        ]

    # painting

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.tags:
            return
        try:
            self._paint_chips(event)
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("painting tag chips failed")

    def _paint_chips(self, event: QPaintEvent) -> None:
        spans = self.marker_spans()
        if not spans:
            return
        self.highlighter()  # a swapped-in document gets its chips' room before they are drawn
        font = self.document().defaultFont()
        selection = self.textCursor()
        low, high = selection.selectionStart(), selection.selectionEnd()
        area = QRectF(event.rect())
        painter = QPainter(self.viewport())
        try:
            for start, end, label in spans:
                at = QTextCursor(self.document())
                at.setPosition(end - 1)  # the character holding the chip's room
                line = self.cursorRect(at)
                rect = QRectF(line.left(), line.top(), chip_width(font, label), line.height())
                if rect.intersects(area):
                    selected = low < high and low <= start and end <= high
                    paint_chip(painter, rect, label, font, self.palette(), selected)
        finally:
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.tags:
            self.highlighter().rehighlight()  # the chips' room follows the new font

    # the cursor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._keying = True
        try:
            super().keyPressEvent(event)
        finally:
            self._keying = False

    def _step_over_marker(self) -> None:
        """A cursor that lands inside a marker goes to its edge: back to its start when a key moved it
        leftwards from beyond it, else to its end. A selection's other end inside a marker takes the
        whole marker in (a double click on "b1" selects the tag)."""
        cursor = self.textCursor()
        position, anchor = cursor.position(), cursor.anchor()
        try:
            if self._snapping or not self.tags:
                return
            spans = [(s, e) for s, e, _ in self.marker_spans()]
            around = next(((s, e) for s, e in spans if s < position < e), None)
            held = next(((s, e) for s, e in spans if s < anchor < e), None) if anchor != position else None
            if around is None and held is None:
                return
            if around is not None:
                start, end = around
                position = start if self._keying and self._last_position >= end else end
            if held is not None and held == around:
                anchor, position = held
            elif held is not None:
                anchor = held[0] if position > anchor else held[1]
            elif anchor == cursor.position():
                anchor = position
            cursor.setPosition(anchor)
            cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            self._snapping = True
            try:
                self.setTextCursor(cursor)
            finally:
                self._snapping = False
        except Exception:  # never let an exception out of a Qt slot
            log.exception("moving the cursor over a tag failed")
        finally:
            self._last_position = position

    # paste and drop

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Pasted or dropped text goes in whole at a marker's edge; only this segment's tags the text does
        not have yet stay tags (tag_paste)."""
        try:
            if self.tags and source.hasText():
                paste_keeping_tags(self, self.tags, source.text())
                return
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("pasting with tags failed")
            return
        super().insertFromMimeData(source)
