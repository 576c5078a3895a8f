"""Inline tags shown as chips: a `<b1>` in a grid cell reads as a small shaded "1", a `</b1>` as "/1", a line
break as "⏎", so the translator sees where formatting goes without reading markup.

Only markers that are tags of the segment's map become chips (inline_tags.markers); a cell without such
markers paints exactly as before, so long plain projects pay nothing. In an editor the markers stay text
(what is saved) but are shaded the same way by a highlighter, and tag_editing keeps them whole.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPainter,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workbench.core.tags.inline_tags import Marker, TagInfo, TagMap, markers

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
CHIP_BACKGROUND = "#dbe4f3"
CHIP_FOREGROUND = "#1f4e8c"
CHIP_STYLE = f"background-color:{CHIP_BACKGROUND};color:{CHIP_FOREGROUND};font-size:small;font-weight:bold;"
#: what a standalone tag's chip shows by its kind (others show their number)
STANDALONE_LABELS = {"break": "⏎", "tab": "⇥"}


def chip_label(marker: Marker, info: TagInfo | None) -> str:
    """The chip's text: "1" opens pair 1, "/1" closes it, "⏎" a line break, "3" another standalone."""
    if marker.role == "close":
        return f"/{marker.number}"
    if marker.role == "standalone" and info is not None and info.kind in STANDALONE_LABELS:
        return STANDALONE_LABELS[info.kind]
    return str(marker.number)


def chip_html(text: str, tags: TagMap) -> str | None:
    """`text` as rich text with each tag a chip; None when it has no tags (paint it as plain text)."""
    found = markers(text, tags)
    if not found:
        return None
    parts, at = [], 0
    for marker in found:
        parts.append(html.escape(text[at : marker.start]))
        label = html.escape(chip_label(marker, tags.get(marker.number)))
        written = html.escape(text[marker.start : marker.end])
        parts.append(f'<span style="{CHIP_STYLE}" title="{written}">&#8239;{label}&#8239;</span>')
        at = marker.end
    parts.append(html.escape(text[at:]))
    return "".join(parts).replace("\n", "<br>")


def cell_tags(index: Index) -> TagMap:
    """The tag map of the segment on `index`'s row ({} when the model cannot say)."""
    record = getattr(index.model(), "record", None)
    if record is None:
        return {}
    try:
        return record(index.row()).tags
    except Exception:  # a row that cannot be read paints as plain text
        return {}


def paint_chips(delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> bool:
    """Paint the cell with its tags as chips; False (nothing painted) for a cell without tags."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or "<" not in text or index.column() == 0:
        return False
    markup = chip_html(text, cell_tags(index))
    if markup is None:
        return False
    paint_html(delegate, painter, option, index, markup)
    return True


def paint_html(
    delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem, index: Index, markup: str
) -> None:
    """The cell's background, selection and icon as Qt paints them, then `markup` where its text would be."""
    options = QStyleOptionViewItem(option)
    delegate.initStyleOption(options, index)
    options.text = ""
    style = options.widget.style() if options.widget else None
    if style is not None:
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, options, options.widget)
    else:
        rect = options.rect
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(options.font)
    document.setHtml(markup)
    rect = rect.adjusted(3, 1, -3, -1)
    document.setTextWidth(rect.width())
    painter.save()
    painter.setClipRect(options.rect)
    painter.translate(rect.topLeft())
    context = QAbstractTextDocumentLayout.PaintContext()
    colour = QPalette.ColorRole.HighlightedText if options.state & QStyle.StateFlag.State_Selected else None
    if colour is not None:
        context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(colour))
    else:
        context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(QPalette.ColorRole.Text))
    document.documentLayout().draw(painter, context)
    painter.restore()


class TagHighlighter(QSyntaxHighlighter):
    """Shades an editor's tag markers like the grid's chips (the text itself stays the markers)."""

    def __init__(self, document: QTextDocument, tags: TagMap | None = None) -> None:
        super().__init__(document)
        self.tags: TagMap = dict(tags or {})
        self._format = QTextCharFormat()
        self._format.setBackground(QColor(CHIP_BACKGROUND))
        self._format.setForeground(QColor(CHIP_FOREGROUND))

    def set_tags(self, tags: TagMap) -> None:
        if dict(tags) != self.tags:
            self.tags = dict(tags)
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        try:
            for marker in markers(text, self.tags):
                start = _utf16(text, marker.start)
                self.setFormat(start, _utf16(text, marker.end) - start, self._format)
        except Exception:  # never let an exception out of a Qt virtual
            log.exception("highlighting tags failed")


def _utf16(text: str, position: int) -> int:
    """A Python index in `text` as Qt counts it (UTF-16 code units)."""
    return len(text[:position].encode("utf-16-le")) // 2
