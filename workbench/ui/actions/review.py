"""The Review menu and the export commands: approve the selection or a whole document, send a segment
back, open the review mode, the post-editing report; export, hand off and merge back (File menu).

Approval is for editors (the role in the settings): for a translator the actions are shown but
disabled, with a tip saying why, so nobody wonders where they went.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.ops.approval import approve, awaiting_approval, may_approve, send_back
from workbench.core.ops.merge_back import declared_language
from workbench.core.review.post_edit_report import format_report, post_edit_report
from workbench.ui.actions.new_action import new_action
from workbench.ui.error_dialog import show_error
from workbench.ui.window_context import WindowContext

if TYPE_CHECKING:
    from workbench.ui.export_dialog import ExportDialog
    from workbench.ui.merge_dialog import MergeDialog
    from workbench.ui.review_dialog import ReviewDialog


class ReviewActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.review_action = new_action(self, self.tr("&Review translations…"), self.open_review, "F8")
        self.approve_action = new_action(self, self.tr("&Approve the selected segments"), self.approve_selection,
                                         "Ctrl+Shift+A")  # fmt: skip
        self.approve_document_action = new_action(self, self.tr("Approve the whole &document…"), self.approve_document)
        self.send_back_action = new_action(self, self.tr("&Send back with a comment…"), self.send_back_current,
                                           "Ctrl+Shift+B")  # fmt: skip
        self.report_action = new_action(self, self.tr("Post-editing &report"), self.show_post_edit_report)
        self.editor_actions: list[QAction] = [
            self.review_action, self.approve_action, self.approve_document_action, self.send_back_action,
        ]  # fmt: skip
        self.export_action = new_action(self, self.tr("&Export…"), self.open_export, "Ctrl+E")
        self.handoff_action = new_action(
            self, self.tr("&Hand off to a translator elsewhere…"), lambda: self.open_export(True)
        )
        self.merge_back_action = new_action(self, self.tr("&Merge back a hand-off file…"), self.merge_back)
        self.review_dialog: ReviewDialog | None = None

    def apply_role(self) -> None:
        editor = may_approve(self.window.settings.role)
        tip = "" if editor else self.tr("Only an editor can approve or send back (Edit > Settings > Role)")
        for action in self.editor_actions:
            action.setEnabled(editor)
            action.setStatusTip(tip)
            action.setToolTip(tip or action.text().replace("&", ""))

    # --- approving -----------------------------------------------------------------------------------

    def _approve(self, language: str, document_id: int | None, ids: list[int]) -> list[int]:
        window = self.window
        settings, shared = window.settings, window.memories.shared
        try:
            changes = window.editing.recorded(
                lambda done: self.tr("Approve {0} segments").format(len(done.segment_ids)), language, ids,
                lambda: approve(window.project, language, settings.user_name, settings.role, document_id, ids, shared),
            )  # fmt: skip
        except WorkbenchError as exc:
            show_error(window.dialog_parent(), self.tr("Cannot approve"), str(exc))
            return []
        window.apply(changes)
        window.show_status(
            self.tr("{0} segments approved in {1}").format(
                len(changes.segment_ids), window.names.get(language, language)
            ),
            5000,
        )
        return list(changes.segment_ids)

    def approve_selection(self) -> list[int]:
        ids = self.window.selected_segment_ids()
        if not ids:
            return []
        return self._approve(self.window.work_language(), None, ids)

    def approve_document(self, confirm: bool = True) -> list[int]:
        window = self.window
        document_id = window.current_document()
        language = window.work_language()
        ready = [s.id for s in awaiting_approval(window.project, language, document_id)]
        if not ready:
            window.show_status(self.tr("Nothing translated is waiting for approval here"), 5000)
            return []
        if confirm:
            answer = QMessageBox.question(
                window.dialog_parent(), self.tr("Approve"),
                self.tr("Approve {0} translated segments in {1}? Review mode (F8) shows them one by one first.").format(
                    len(ready), window.names.get(language, language)
                ),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return []
        return self._approve(language, document_id, ready)

    def send_back_current(self, comment: str | None = None) -> bool:
        window = self.window
        index = window.target_cell()
        if index is None:
            return False
        language = window.language_of(index)
        segment_id = window.segment_at(index).id
        if comment is None:
            comment, ok = QInputDialog.getText(
                window.dialog_parent(), self.tr("Send back"), self.tr("What needs work? The translator reads this.")
            )
            if not ok:
                return False
        settings, note = window.settings, comment
        try:
            changes = window.editing.recorded(
                self.tr("Send back"), language, [segment_id],
                lambda: send_back(window.project, segment_id, language, note, settings.user_name, settings.role),
            )  # fmt: skip
        except WorkbenchError as exc:
            show_error(window.dialog_parent(), self.tr("Cannot send back"), str(exc))
            return False
        window.apply(changes)
        return True

    def open_review(self) -> ReviewDialog:
        from workbench.ui.review_dialog import ReviewDialog

        window = self.window
        language = window.work_language()
        dialog = ReviewDialog(
            window.project, language, window.current_document(), window.settings.user_name,
            window.settings.role, window.names.get(language, language), window.grid_font(), window.editing,
            window.dialog_parent(), window.memories.shared, window.can_back_translate,
        )  # fmt: skip
        dialog.changed.connect(lambda ids: window.apply(SegmentChanges.of(ids, language)))
        self.review_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()  # its keys (Ctrl+Enter, Ctrl+Shift+Enter) work only in the active window
        return dialog

    def show_post_edit_report(self) -> QDialog:
        """Per document and model: drafts left unchanged, approved unchanged, edit distance, pace."""
        window = self.window
        language = window.work_language()
        try:
            lines = format_report(post_edit_report(window.project, language))
        except WorkbenchError as exc:
            lines = [str(exc)]
        dialog = QDialog(window.dialog_parent())
        dialog.setWindowTitle(self.tr("Post-editing report — {0}").format(window.names.get(language, language)))
        dialog.resize(760, 420)
        text = QPlainTextEdit("\n".join(lines))
        text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.report_dialog = dialog
        dialog.show()
        return dialog

    # --- export, hand-off, merge ---------------------------------------------------------------------

    def open_export(self, handoff: bool = False) -> ExportDialog:
        from workbench.ui.export_dialog import ExportDialog

        window = self.window
        dialog = ExportDialog(
            window.project, window.names, window.current_document(), window.settings.user_name, handoff,
            window.dialog_parent(),
        )  # fmt: skip
        self.export_dialog = dialog
        dialog.show()
        return dialog

    def merge_back(self, path: Path | None = None) -> MergeDialog | None:
        from workbench.ui.merge_dialog import MergeDialog

        window = self.window
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                window.dialog_parent(), self.tr("Merge back a hand-off file"), "",
                self.tr("Hand-off files") + " (*.xlf *.xliff *.po)",
            )  # fmt: skip
            if not name:
                return None
            path = Path(name)
        declared = declared_language(path)  # start on the language the file says it holds
        language = declared if declared in window.project.info.target_languages else window.work_language()
        dialog = MergeDialog(
            window.project, path, language, window.names, window.settings.user_name, window.dialog_parent(),
            window.memories.shared,
        )  # fmt: skip
        dialog.merged.connect(lambda ids: self._merged(SegmentChanges.of(ids, dialog.language.currentData())))
        self.merge_dialog = dialog
        dialog.show()
        return dialog

    def _merged(self, changes: SegmentChanges) -> None:
        self.window.apply(changes)
        self.window.show_status(self.tr("{0} segments merged").format(len(changes.segment_ids)), 6000)
