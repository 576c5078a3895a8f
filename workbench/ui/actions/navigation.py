"""Go to segment (Ctrl+J) by its number in the document, and File > Recent projects (being built)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from workbench.ui.actions.new_action import new_action
from workbench.ui.window_context import WindowContext


class NavigationActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.go_to_action = new_action(self, self.tr("&Go to segment…"), self.go_to_segment, "Ctrl+J")
        self.recent_menu = QMenu(self.tr("&Recent projects"))

    def go_to_segment(self) -> None:
        self.window.show_status("go to: not built yet", 3000)
