"""Tools > Concordance (Ctrl+K): every occurrence of some words in the memories and the project (being built)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from workbench.ui.actions.new_action import new_action
from workbench.ui.window_context import WindowContext


class ConcordanceActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.concordance_action = new_action(self, self.tr("&Concordance…"), self.show_concordance, "Ctrl+K")

    def show_concordance(self) -> None:
        self.window.show_status("concordance: not built yet", 3000)
