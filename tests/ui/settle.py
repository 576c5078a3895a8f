"""Waiting for the layouts without a clock: events are processed until no widget under the window moves or
changes size for two rounds in a row (a fixed point), so a test checks the settled window, however fast or
slow the machine is, instead of whatever state a fixed pause happened to catch."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtWidgets import QWidget

#: rounds of event processing before a layout that keeps moving counts as a failure
ROUNDS = 200


def _geometries(window: QWidget) -> list[tuple[int, bool, QRect]]:
    return [(id(child), child.isVisible(), child.geometry()) for child in [window, *window.findChildren(QWidget)]]


def settle(window: QWidget) -> None:
    """Process posted events (layout requests, queued signals, zero timers) until the geometry stays still."""
    before, still = _geometries(window), 0
    for _ in range(ROUNDS):
        QCoreApplication.processEvents()
        now = _geometries(window)
        still = still + 1 if now == before else 0
        if still == 2:  # two quiet rounds: what one round posted was handled in the next
            return
        before = now
    raise AssertionError(f"the layouts of {type(window).__name__} kept moving for {ROUNDS} rounds")
