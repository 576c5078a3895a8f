"""Inline tags shown as chips: a `<b1>` in a grid cell reads as a small shaded "1", a `</b1>` as "/1", a line
break as "⏎", so the translator sees where formatting goes without reading markup.

Only markers that are tags of the segment's map become chips (inline_tags.markers); a cell without such
markers paints exactly as before, so long plain projects pay nothing. The editors draw the same chips over
their markers, which stay the text (tag_chip_editor), and tag_editing keeps them whole.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from workbench.core.tags.inline_tags import Marker, TagInfo, TagMap, markers
from workbench.ui.segment_table_model import TERMS_ROLE

Index = QModelIndex | QPersistentModelIndex
CHIP_BACKGROUND = "#dbe4f3"
CHIP_FOREGROUND = "#1f4e8c"
#: as the source column shades a glossary term (source_delegate.TERM_STYLE)
TERM_STYLE = "background-color:#fff0b3;border-bottom:1px solid #c99a00;"
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


def chip_html(text: str, tags: TagMap, terms: Sequence[tuple[int, int, str]] = ()) -> str | None:
    """`text` as rich text with each tag a chip and the glossary `terms` (start, end, tip) shaded as the
    source column shades them; None when it has no tags (paint it as plain text)."""
    found = markers(text, tags)
    if not found:
        return None
    parts, at = [], 0
    for marker in found:
        parts.append(_shaded(text, at, marker.start, terms))
        label = html.escape(chip_label(marker, tags.get(marker.number)))
        written = html.escape(text[marker.start : marker.end])
        parts.append(f'<span style="{CHIP_STYLE}" title="{written}">&#8239;{label}&#8239;</span>')
        at = marker.end
    parts.append(_shaded(text, at, len(text), terms))
    return "".join(parts).replace("\n", "<br>")


def _shaded(text: str, start: int, end: int, terms: Sequence[tuple[int, int, str]]) -> str:
    """text[start:end] escaped, with the parts of glossary terms inside it shaded."""
    parts, at = [], start
    for left, right, tip in sorted(terms):
        left, right = max(left, at), min(right, end)
        if left >= right:
            continue
        parts.append(html.escape(text[at:left]))
        parts.append(f'<span style="{TERM_STYLE}" title="{html.escape(tip)}">{html.escape(text[left:right])}</span>')
        at = right
    parts.append(html.escape(text[at:end]))
    return "".join(parts)


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
    markup = chip_html(text, cell_tags(index), index.data(TERMS_ROLE) or ())
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
