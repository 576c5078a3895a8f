"""Tools > Analysis: words, repetitions and memory match bands per document, to plan a job.

The window closing stops a running analysis first (an event filter sees the window's close before the
window waits for the thread pool), so a long analysis never holds the window open."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from workbench.ui.actions.new_action import new_action
from workbench.ui.analysis_dialog import AnalysisDialog
from workbench.ui.window_context import WindowContext


class AnalysisActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.analysis_action = new_action(self, self.tr("&Analysis…"), self.show_analysis)
        self.dialog: AnalysisDialog | None = None
        window.dialog_parent().installEventFilter(self)

    def show_analysis(self) -> AnalysisDialog:
        """Open the analysis window and start counting (again, if it is already open: the project changed)."""
        if self.dialog is None:
            self.dialog = AnalysisDialog(self.window.project, self.window.context, self.window.dialog_parent())
        self.dialog.show()
        self.dialog.raise_()
        if not self.dialog.tasks.busy:
            self.dialog.start()
        return self.dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self.dialog is not None:
            self.dialog.stop()
        return False
