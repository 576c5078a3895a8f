"""Tools > Analysis: words, repetitions and memory match bands per document, to plan a job (being built)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from workbench.ui.actions.new_action import new_action
from workbench.ui.window_context import WindowContext


class AnalysisActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.analysis_action = new_action(self, self.tr("&Analysis…"), self.show_analysis)

    def show_analysis(self) -> None:
        self.window.show_status("analysis: not built yet", 3000)
