"""Machine translation from the window: pre-translate a document, the project or the selection, translate
one segment now, cancel; the job's progress in the status bar; the model manager offered when a
language has no model.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QPushButton, QWidget

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.records import SegmentRecord
from workbench.mt.model_choice import NoModel, choose
from workbench.ui.actions.new_action import new_action
from workbench.ui.edit_rules_dialog import EditRulesDialog
from workbench.ui.error_dialog import show_error
from workbench.ui.mt_jobs import Job, MtService
from workbench.ui.window_context import WindowContext


class TranslateActions(QObject):
    def __init__(self, window: WindowContext, mt: MtService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window, self.mt = window, mt
        self.job: Job | None = None
        self.translate_now_action = new_action(
            self, self.tr("&Machine-translate this segment now"), self.translate_now, "Ctrl+M"
        )
        self.pretranslate_document_action = new_action(
            self, self.tr("Pre-translate this &document"), self.pretranslate_document, "Ctrl+Shift+D"
        )
        self.pretranslate_selection_action = new_action(
            self, self.tr("Pre-translate the &selected segments"), self.pretranslate_selection, "Ctrl+Shift+S"
        )
        self.pretranslate_project_action = new_action(
            self, self.tr("Pre-translate the whole &project"), self.pretranslate_project
        )
        self.cancel_action = new_action(self, self.tr("&Cancel pre-translation"), self.cancel_pretranslation,
                                        "Ctrl+Shift+X")  # fmt: skip
        self.cancel_action.setEnabled(False)
        self.edit_rules_action = new_action(self, self.tr("&Edit rules…"), self.open_edit_rules)
        self.edit_rules_dialog: EditRulesDialog | None = None

        self.job_label = QLabel()
        self.job_progress = QProgressBar()
        self.job_progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_pretranslation)
        for widget in self.status_widgets():
            widget.hide()

        mt.saved.connect(lambda ids: window.apply(SegmentChanges.of(ids)))
        mt.progressed.connect(self._job_progressed)
        mt.model_loading.connect(lambda _job, name: self.job_label.setText(self.tr("Loading {0}…").format(name)))
        mt.job_ended.connect(self._job_ended)
        mt.segment_failed.connect(self._segment_failed)
        mt.back.started.connect(self._back_started)
        mt.back.progressed.connect(self._back_progressed)
        mt.back.ended.connect(self._back_ended)
        mt.back.unavailable.connect(lambda message: window.show_status(message, 15000))

    def status_widgets(self) -> list[QWidget]:
        """What the window puts in its status bar while a job runs."""
        return [self.job_label, self.job_progress, self.cancel_button]

    def pretranslate_document(self) -> None:
        self.start_pretranslation(self.window.current_document(), None)

    def pretranslate_project(self) -> None:
        self.start_pretranslation(None, None)

    def pretranslate_selection(self) -> None:
        self.start_pretranslation(self.window.grid_document(), self.window.selected_segment_ids())

    def start_pretranslation(self, document_id: int | None, segment_ids: list[int] | None) -> Job | None:
        window = self.window
        if self.mt.busy:
            window.show_status(self.tr("A pre-translation is already running"), 4000)
            return None
        try:
            job = self.mt.start(window.shown_languages(), document_id, segment_ids)
        except NoModel as exc:
            self.offer_model_manager(str(exc))
            return None
        except WorkbenchError as exc:
            show_error(window.dialog_parent(), self.tr("Cannot pre-translate"), str(exc))
            return None
        self.job = job
        if job.total == 0:
            window.show_status(
                self.tr("Nothing left to translate ({0} drafts from earlier runs)").format(job.from_cache), 6000
            )
        self.job_progress.setRange(0, max(job.total, 1))
        self.job_progress.setValue(0)
        self.job_label.setText(self.tr("Pre-translating {0} segments…").format(job.total))
        for widget in self.status_widgets():
            widget.show()
        self.cancel_action.setEnabled(True)
        return job

    def _job_progressed(self, job_id: int, done: int, total: int) -> None:
        job = self.mt.jobs.get(job_id)
        if job is None:
            return
        elapsed = time.monotonic() - job.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        self.job_progress.setRange(0, max(total, 1))
        self.job_progress.setValue(done)
        self.job_label.setText(
            self.tr("{0}/{1} segments · {2:.1f}/s · {3} left").format(done, total, rate, duration(left))
            if done
            else self.tr("Pre-translating {0} segments…").format(total)
        )

    def _job_ended(self, job_id: int, outcome: str, message: str) -> None:
        for widget in self.status_widgets():
            widget.hide()
        self.cancel_action.setEnabled(False)
        self.job = None
        if outcome == "done":
            self.window.show_status(self.tr("Pre-translation finished"), 8000)
        elif outcome == "cancelled":
            self.window.show_status(self.tr("Pre-translation cancelled; the drafts made so far are kept"), 8000)
        elif not self.window.is_closing:
            show_error(self.window.dialog_parent(), self.tr("Pre-translation stopped"), message)

    def _back_started(self, _pass_id: int, total: int) -> None:
        """A back-translation pass after the drafts: its progress where the job's was, the same cancel."""
        self.job_progress.setRange(0, max(total, 1))
        self.job_progress.setValue(0)
        self.job_label.setText(self.tr("Back-translating {0} drafts…").format(total))
        for widget in self.status_widgets():
            widget.show()
        self.cancel_action.setEnabled(True)

    def _back_progressed(self, _pass_id: int, done: int, total: int) -> None:
        if self.job is None:
            self.job_progress.setRange(0, max(total, 1))
            self.job_progress.setValue(done)
            self.job_label.setText(self.tr("Back-translating: {0}/{1} drafts").format(done, total))

    def _back_ended(self, _pass_id: int, outcome: str, message: str) -> None:
        if self.job is not None:  # it stopped to make way for a pre-translation, whose progress is showing
            return
        for widget in self.status_widgets():
            widget.hide()
        self.cancel_action.setEnabled(False)
        if outcome == "done":
            self.window.show_status(self.tr("Back-translations finished"), 6000)
        elif outcome == "cancelled":
            self.window.show_status(self.tr("Back-translation cancelled; those made so far are kept"), 6000)
        elif outcome == "failed":
            self.window.show_status(self.tr("Back-translation stopped: {0}").format(message), 15000)

    def cancel_pretranslation(self) -> None:
        self.mt.cancel()
        self.job_label.setText(self.tr("Cancelling…"))

    def translate_now(self) -> None:
        window = self.window
        index = window.target_cell()
        if index is None:
            return
        language, segment = window.language_of(index), window.segment_at(index)
        try:
            choose(self.mt.engines.store, window.settings, language, window.project.info.source_language)
        except NoModel as exc:
            self.offer_model_manager(str(exc))
            return
        except WorkbenchError as exc:  # a route or model in the settings that cannot serve this language
            show_error(window.dialog_parent(), self.tr("Machine translation failed"), str(exc))
            return
        if self.mt.translate_now(segment, language):
            window.show_status(self.tr("Translating segment {0}…").format(segment.position + 1), 4000)

    def segment_shown(self, segment: SegmentRecord, language: str) -> None:
        """The segment under the cursor jumps the queue of a running job if it has no translation yet."""
        translation = segment.translations.get(language)
        if language and self.mt.busy and segment.translatable and (translation is None or not translation.text):
            self.mt.translate_now(segment, language)

    def _segment_failed(self, segment_id: int, language: str, message: str) -> None:
        if not self.window.is_closing:
            show_error(self.window.dialog_parent(), self.tr("Machine translation failed"), message)

    def open_edit_rules(self) -> EditRulesDialog:
        """The project's edit rules (regular expressions before and after MT), with their tester."""
        self.edit_rules_dialog = EditRulesDialog(self.window.project, self.window.names, self.window.dialog_parent())
        self.edit_rules_dialog.open()
        return self.edit_rules_dialog

    def offer_model_manager(self, message: str) -> None:
        answer = QMessageBox.question(
            self.window.dialog_parent(),
            self.tr("No translation model"),
            message + "\n\n" + self.tr("Open the model manager?"),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            self.window.open_model_manager()


def duration(seconds: float) -> str:
    """'42 s' or '3:07': how long a job has left."""
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"
