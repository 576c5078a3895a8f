"""Labels that never widen their window: a word-wrapped QLabel asks for the width of its longest word, so
one long unbroken string (a 2,000-character URL in a draft, a history entry, a back-translation) would push
the side panel, and the window with it, past the screen's edge."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy


def narrow_wrapping(label: QLabel) -> QLabel:
    """Make `label` word-wrapped and content with the width its layout gives it; a word longer than that is
    clipped at the edge (its full text stays where it came from: the list, the cell, the tooltip)."""
    label.setWordWrap(True)
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    label.setMinimumWidth(1)
    return label
