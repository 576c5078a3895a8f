"""The one way a feature makes a command: a QAction with its text, keys and slot.

Where it goes (which menu, in which order) is the window's layout; what it does is the feature's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def new_action(owner: QObject, text: str, slot: Callable[[], object], *shortcuts: QKeySequence | str) -> QAction:
    """A QAction owned by `owner` that calls `slot()` (never with Qt's `checked` argument)."""
    action = QAction(text, owner)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(lambda _checked=False: slot())
    return action
