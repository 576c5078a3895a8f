"""How a translation status looks: a colour and a small drawn icon, the same in the grid and the panels;
and how a machine draft's quality band and the signals behind it look (icon, name, readable signals)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

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
#: a band's colour; each band also has its own shape (square, diamond, octagon) so colour is never the only cue
BAND_COLOURS = {"good": QColor("#1b7f3b"), "check": QColor("#c78a00"), "poor": QColor("#c5221f")}
_band_icons: dict[str, QIcon] = {}


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


def band_name(band: str) -> str:
    names = {
        "good": QCoreApplication.translate("band", "good"),
        "check": QCoreApplication.translate("band", "check"),
        "poor": QCoreApplication.translate("band", "poor"),
    }
    return names.get(band, band)


def quality_line(band: str, quality: float | None) -> str:
    """ "Quality estimate: check (0.54)"."""
    shown = band_name(band) + (f" ({quality:.2f})" if quality is not None else "")
    return QCoreApplication.translate("band", "Quality estimate: {0}").format(shown)


def signal_lines(signals: Mapping[str, Any]) -> list[str]:
    """The signals a quality estimate came from, in readable words (those not measured are left out)."""
    lines = []
    for name, value in signals.items():
        if value is None or (isinstance(value, bool) and not value):
            continue
        number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
        if name == "mean_logprob" and number is not None:
            text = QCoreApplication.translate("band", "model confidence {0:.0%}").format(confidence(number))
        elif name == "min_logprob" and number is not None:
            text = QCoreApplication.translate("band", "least sure word {0:.0%}").format(confidence(number))
        elif name == "length_ratio" and number is not None:
            text = QCoreApplication.translate("band", "length ×{0:.2f} of the source").format(number)
        elif name == "round_trip" and number is not None:
            text = QCoreApplication.translate("band", "round-trip similarity {0:.0%}").format(number)
        elif name == "agreement" and number is not None:
            text = QCoreApplication.translate("band", "agreement with a second model {0:.0%}").format(number)
        elif name == "spans_lost":
            if not value:
                continue
            text = QCoreApplication.translate("band", "protected numbers or codes lost: {0}").format(value)
        elif name == "runaway":
            text = QCoreApplication.translate("band", "the output ran away")
        elif name == "qa_findings":
            text = QCoreApplication.translate("band", "QA findings: {0}").format(value)
        else:  # a signal this window does not know yet: its name and value
            text = f"{name.replace('_', ' ')}: {number:.2f}" if number is not None else f"{name}: {value}"
        lines.append(text)
    return lines


def band_icon(band: str) -> QIcon:
    """Drawn once per band: a green square with a tick (good), an amber diamond (check), a red octagon with a bar
    (poor)."""
    if band not in _band_icons:
        _band_icons[band] = QIcon(_draw_band(band))
    return _band_icons[band]


def _draw_band(band: str) -> QPixmap:
    size = 14
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = BAND_COLOURS.get(band, QColor("#9e9e9e"))
    painter.setPen(QPen(colour, 1.2))
    painter.setBrush(colour)
    white = QPen(QColor("#ffffff"), 1.8)
    if band == "good":
        painter.drawRoundedRect(1, 1, 12, 12, 2.5, 2.5)
        painter.setPen(white)
        painter.drawPolyline(QPolygonF([QPointF(3.5, 7.5), QPointF(6, 10), QPointF(10.5, 4)]))
    elif band == "check":
        painter.drawPolygon(QPolygonF([QPointF(7, 0.5), QPointF(13.5, 7), QPointF(7, 13.5), QPointF(0.5, 7)]))
        painter.setPen(white)
        painter.drawPoint(QPointF(7, 7))
    else:
        corners = [
            QPointF(
                7 + 6.5 * math.cos(math.pi / 8 + k * math.pi / 4), 7 + 6.5 * math.sin(math.pi / 8 + k * math.pi / 4)
            )
            for k in range(8)
        ]
        painter.drawPolygon(QPolygonF(corners))
        painter.setPen(white)
        painter.drawLine(QPointF(3.5, 7), QPointF(10.5, 7))
    painter.end()
    return pixmap
