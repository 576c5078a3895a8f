"""Tools > Analysis: words, repetitions and memory match bands per document, to plan a job."""

from __future__ import annotations

from PySide6.QtCore import QObject

from workbench.ui.actions.new_action import new_action
from workbench.ui.analysis_dialog import AnalysisDialog
from workbench.ui.window_context import WindowContext


class AnalysisActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.analysis_action = new_action(self, self.tr("&Analysis…"), self.show_analysis)
        self.dialog: AnalysisDialog | None = None

    def show_analysis(self) -> AnalysisDialog:
        """Open the analysis window and start counting (again, if it is already open: the project changed)."""
        if self.dialog is None:
            self.dialog = AnalysisDialog(self.window.project, self.window.context, self.window.dialog_parent())
        self.dialog.show()
        self.dialog.raise_()
        if not self.dialog.tasks.busy:
            self.dialog.start()
        return self.dialog
