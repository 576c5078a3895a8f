"""Tools > Check: the quality checks of a document or the project in the background, the report they
open, and the grid's "Has QA issue" filter fed by the same checks.

A large project is checked by worker processes started without forking this one (it runs Qt threads);
Tools > Cancel the checks, or closing the window, ends them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from workbench.core.qa.checks import Problem
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.parallel_run import window_start_method
from workbench.core.qa.project_run import check_project
from workbench.core.store.segment_numbers import labels_for
from workbench.ui.actions.new_action import new_action
from workbench.ui.check_report_dialog import CheckReportDialog
from workbench.ui.error_dialog import show_error
from workbench.ui.filter_bar import FilterBar
from workbench.ui.tasks import TaskRunner, watched_on_read_only_copy
from workbench.ui.window_context import WindowContext


@dataclass(frozen=True, slots=True)
class FilterRun:
    """Checks run to bring the grid's QA filter up to date."""


@dataclass(frozen=True, slots=True)
class ReportRun:
    """Checks run for the report of a document (None: the whole project)."""

    document_id: int | None


CheckRun = FilterRun | ReportRun


class QualityCheckActions(QObject):
    def __init__(self, window: WindowContext, filter_bar: FilterBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window, self.filter_bar = window, filter_bar
        self.check_document_action = new_action(
            self, self.tr("&Check this document"), lambda: self.show_check_report(window.current_document()), "F7"
        )
        self.check_project_action = new_action(
            self, self.tr("Check the whole &project"), lambda: self.show_check_report(None), "Shift+F7"
        )
        self.cancel_checks_action = new_action(self, self.tr("Cancel the chec&ks"), self.cancel_checks)
        self.cancel_checks_action.setEnabled(False)
        self.checks: TaskRunner[CheckRun] = TaskRunner(self)
        self.checks.finished.connect(self._checks_done)
        self.checks.failed.connect(self._checks_failed)
        self.checks.cancelled.connect(self._checks_cancelled)
        self.checks.progressed.connect(
            lambda _task, done, total, _message: window.show_status(
                self.tr("Checking… {0} of {1} parts done").format(done, total)
            )
        )
        self.check_report: CheckReportDialog | None = None
        self.qa_ids: frozenset[int] = frozenset()
        filter_bar.set_qa_provider(lambda: self.qa_ids)
        filter_bar.qa.toggled.connect(self._qa_filter_toggled)

    def _qa_filter_toggled(self, on: bool) -> None:
        """The filter shows the last result at once and is brought up to date by a background check."""
        if on:
            self.run_checks(self.window.current_document(), FilterRun())

    def show_check_report(self, document_id: int | None) -> int:
        """F7 / Shift+F7: the checks run in the background; the report opens when they are done."""
        return self.run_checks(document_id, ReportRun(document_id))

    def run_checks(self, document_id: int | None, purpose: CheckRun) -> int:
        self.window.show_status(self.tr("Checking…"))
        languages = self.window.shown_languages()
        method = window_start_method()  # never "fork": this process runs Qt threads
        work = watched_on_read_only_copy(
            self.window.project.path,
            lambda project, state: check_project(project, languages, document_id, method=method, progress=state),
        )
        task_id = self.checks.start(work, purpose)
        self.cancel_checks_action.setEnabled(True)
        return task_id

    def cancel_checks(self) -> None:
        """Stop every running check (its worker processes end at once); the grid and reports stay as they were."""
        self.checks.cancel()

    def _check_ended(self) -> None:
        self.cancel_checks_action.setEnabled(self.checks.busy)

    def _checks_failed(self, _task_id: int, message: str) -> None:
        self._check_ended()
        if not self.window.is_closing:
            show_error(self.window.dialog_parent(), self.tr("Checks failed"), message)

    def _checks_cancelled(self, _task_id: int) -> None:
        self._check_ended()
        if not self.window.is_closing:
            self.window.show_status(self.tr("Checks cancelled"), 4000)

    def _checks_done(self, task_id: int, problems: list[Problem]) -> None:
        purpose = self.checks.purpose(task_id)  # still known: `finished` is emitted before it is forgotten
        self._check_ended()
        if self.window.is_closing:
            return
        found = [p for p in problems if p.check_id != "untranslated"]
        self.window.show_status(self.tr("{0} findings").format(len(found)), 4000)
        if isinstance(purpose, FilterRun):
            self.qa_ids = frozenset(p.segment_id for p in found)
            if self.filter_bar.qa.isChecked():
                self.window.reload_grid()
        elif isinstance(purpose, ReportRun):
            self._show_report(found, purpose.document_id)

    def _show_report(self, problems: list[Problem], document_id: int | None) -> None:
        window = self.window
        window.qa_context = QaContext.load(window.project)
        labels = labels_for(window.project, (p.segment_id for p in problems))
        dialog = CheckReportDialog(
            window.project, problems, labels, window.settings.user_name, window.go_to, window.dialog_parent()
        )
        self.check_report = dialog
        dialog.show()
