"""How a translation status looks: a colour and a small drawn icon, the same in the grid and the panels."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from workbench.core.records import Status

ICON_COLOURS = {
    Status.UNTRANSLATED: QColor("#9e9e9e"),
    Status.DRAFT: QColor("#e0a100"),
    Status.TRANSLATED: QColor("#1f6fd1"),
    Status.APPROVED: QColor("#2e9d3a"),
    Status.NEEDS_WORK: QColor("#d93025"),
}
_icons: dict[tuple[Status, bool], QIcon] = {}


def status_name(status: Status) -> str:
    names = {
        Status.UNTRANSLATED: QCoreApplication.translate("status", "untranslated"),
        Status.DRAFT: QCoreApplication.translate("status", "draft"),
        Status.TRANSLATED: QCoreApplication.translate("status", "translated"),
        Status.APPROVED: QCoreApplication.translate("status", "approved"),
        Status.NEEDS_WORK: QCoreApplication.translate("status", "needs work"),
    }
    return names[status]


def confidence(score: float) -> float:
    """A draft's mean token log-probability as the geometric-mean token probability, 0..1."""
    return math.exp(min(0.0, score))


def status_icon(status: Status, weak: bool = False) -> QIcon:
    """Drawn once per status: empty ring, half disc, disc, tick, or a red bar; weak drafts get a warning triangle."""
    key = (status, weak)
    if key not in _icons:
        _icons[key] = QIcon(_draw(status, weak))
    return _icons[key]


def _draw(status: Status, weak: bool) -> QPixmap:
    size = 14
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor("#e8710a") if weak else ICON_COLOURS[status]
    painter.setPen(QPen(colour, 1.6))
    if weak:
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([QPointF(7, 1.5), QPointF(13, 12.5), QPointF(1, 12.5)]))
    elif status is Status.UNTRANSLATED:
        painter.drawEllipse(2, 2, 10, 10)
    elif status is Status.DRAFT:
        painter.drawEllipse(2, 2, 10, 10)
        painter.setBrush(colour)
        painter.drawPie(2, 2, 10, 10, 90 * 16, 180 * 16)
    elif status is Status.TRANSLATED:
        painter.setBrush(colour)
        painter.drawEllipse(2, 2, 10, 10)
    elif status is Status.APPROVED:
        painter.setPen(QPen(colour, 2.4))
        painter.drawPolyline(QPolygonF([QPointF(2, 7.5), QPointF(5.5, 11), QPointF(12, 3)]))
    else:
        painter.setBrush(colour)
        painter.drawRect(5, 1, 4, 8)
        painter.drawRect(5, 11, 4, 2)
    painter.end()
    return pixmap
