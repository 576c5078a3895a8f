"""Spell checking as you type: the red underline, suggestions and "add to dictionary" (being built)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from workbench.ui.segment_editor import SegmentEditor
from workbench.ui.window_context import WindowContext


class SpellingActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.spell_check_action = QAction(self.tr("Check &spelling as you type"), self)
        self.spell_check_action.setCheckable(True)
        self.spell_check_action.setChecked(window.settings.spell_check)

    def attach(self, editor: SegmentEditor) -> None:
        """Check the spelling of `editor`'s text (a cell editor or the editor pane) in its language."""
