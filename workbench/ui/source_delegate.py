"""The source column with glossary terms highlighted (the rest of the grid paints as usual)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from workbench.ui.segment_table_model import TERMS_ROLE
from workbench.ui.tag_chips import paint_chips

Index = QModelIndex | QPersistentModelIndex
TERM_STYLE = "background-color:#fff0b3;border-bottom:1px solid #c99a00;"


def highlighted_html(text: str, spans: list[tuple[int, int, str]]) -> str:
    parts, position = [], 0
    for start, end, tip in sorted(spans):
        if start < position:
            continue
        parts.append(html.escape(text[position:start]))
        parts.append(f'<span style="{TERM_STYLE}" title="{html.escape(tip)}">{html.escape(text[start:end])}</span>')
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


class SourceDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        try:
            if paint_chips(self, painter, option, index):  # the source's tags as chips, its terms shaded
                return
            spans = index.data(TERMS_ROLE)
            if not spans:
                super().paint(painter, option, index)
                return
            self._paint_rich(painter, option, index, spans)
        except Exception:  # never let an exception out of a Qt virtual
            super().paint(painter, option, index)

    def _paint_rich(self, painter: QPainter, option: QStyleOptionViewItem, index: Index, spans: Any) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        text = options.text
        options.text = ""
        style = options.widget.style() if options.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget)
        document = QTextDocument()
        document.setDocumentMargin(0)  # lay out like the plain text the row was sized for
        document.setDefaultFont(options.font)
        document.setHtml(highlighted_html(text, spans))
        rect = options.rect.adjusted(3, 1, -3, -1)
        document.setTextWidth(rect.width())
        painter.save()
        painter.setClipRect(options.rect)
        painter.translate(rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if options.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(QPalette.ColorRole.HighlightedText))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return super().sizeHint(option, index)
