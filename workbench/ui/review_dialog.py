"""Review mode: an editor steps through the translated segments of one language, sees the source, the
machine draft and the translator's text with the words changed, and approves (Ctrl+Enter) or sends the
segment back with a comment (Ctrl+Shift+Enter). Under the machine draft: its quality band and its machine
back-translation into Vietnamese, the words that differ from the source highlighted; "Step in band order"
puts the poor drafts first (a remembered choice). A small correction can be made in place before
approving; the history then records the editor as its author.

The dialog writes through the core (`approval.py`, which also decides whether Approve takes the text as
it is or as the editor's correction) on the window's connection, teaching the shared memory it is given,
and tells the window which segments changed, so the grid and the progress bars follow at once.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.language.khmer_breaks import for_display
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.approval import approve_reviewed, awaiting_approval, send_back
from workbench.core.quality.estimate import band_order
from workbench.core.records import SegmentRecord, Status
from workbench.core.review.post_edit_diff import diff_html, last_machine_draft, word_diff
from workbench.core.store.draft_notes import DraftNote, notes_for
from workbench.core.store.project_store import Project
from workbench.core.store.segment_comments import comment
from workbench.ui.draft_notes_view import back_translation_html
from workbench.ui.editing_controller import EditingController
from workbench.ui.error_dialog import show_error
from workbench.ui.language_names import language_names
from workbench.ui.status_look import quality_line

#: QSettings key of the "Step in band order" choice
BAND_ORDER_KEY = "review/band_order"


class ReviewDialog(QDialog):
    #: segment ids the review changed
    changed = Signal(list)

    def __init__(
        self, project: Project, language: str, document_id: int | None, author: str, role: str,
        language_name: str, font: QFont | None = None, editing: EditingController | None = None,
        parent: QWidget | None = None, memory: SharedMemory | None = None,
        can_back_translate: Callable[[str], bool | None] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.project, self.language, self.author, self.role = project, language, author, role
        self.memory = memory  # the shared memory each approval teaches (the window's)
        self.editing = editing  # the window's undo stack takes each decision as a step
        self.setWindowTitle(self.tr("Review — {0}").format(language_name))
        self.resize(900, 600)
        self.language_name = language_name
        #: whether an installed model can translate a language into the source language (None: not known)
        self.can_back_translate = can_back_translate
        self.document_order = [s.id for s in awaiting_approval(project, language, document_id)]
        self.ids = list(self.document_order)
        self.names = {d.id: d.name for d in project.documents()}
        self.position = 0
        self.approved = self.sent_back = 0
        self.segment: SegmentRecord | None = None

        self.place = QLabel()
        self.source = QTextBrowser()
        self.draft = QTextBrowser()
        self.back_translation = QTextBrowser()
        self.changes = QTextBrowser()
        self.translation = QPlainTextEdit()
        self.translation.setWordWrapMode(self.translation.wordWrapMode().WrapAtWordBoundaryOrAnywhere)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("What needs work (required to send back)"))
        for view in (self.source, self.draft, self.back_translation, self.changes):
            view.setMaximumHeight(100)
        self.translation.setMinimumHeight(90)
        if font is not None:
            for widget in (self.source, self.draft, self.back_translation, self.changes, self.translation):
                widget.setFont(font)
        form = QFormLayout()
        form.addRow(self.tr("Source"), self.source)
        form.addRow(self.tr("Machine draft"), self.draft)
        form.addRow(self.tr("Back-translation"), self.back_translation)
        form.addRow(self.tr("Changes"), self.changes)
        form.addRow(self.tr("Translation"), self.translation)
        form.addRow(self.tr("Comment"), self.comment)

        self.previous_button = QPushButton(self.tr("Previous"))
        self.skip_button = QPushButton(self.tr("Skip"))
        self.send_back_button = QPushButton(self.tr("Send back"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setDefault(True)
        close = QPushButton(self.tr("Close"))
        self.previous_button.setToolTip("Ctrl+Up")
        self.skip_button.setToolTip("Ctrl+Down")
        self.send_back_button.setToolTip("Ctrl+Shift+Enter")
        self.approve_button.setToolTip("Ctrl+Enter")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.skip_button.clicked.connect(lambda: self.step(1))
        self.send_back_button.clicked.connect(self.send_back_current)
        self.approve_button.clicked.connect(self.approve_current)
        close.clicked.connect(self.accept)
        self.in_band_order = QCheckBox(self.tr("Step in band order (poor drafts first)"))
        self.in_band_order.setToolTip(self.tr("Poor machine drafts first, then those to check, good, the rest last"))
        self.in_band_order.setChecked(bool(QSettings().value(BAND_ORDER_KEY, False, type=bool)))
        self.in_band_order.toggled.connect(self.set_band_order)
        buttons = QHBoxLayout()
        for button in (self.previous_button, self.skip_button):
            buttons.addWidget(button)
        buttons.addWidget(self.in_band_order)
        buttons.addStretch(1)
        for button in (self.send_back_button, self.approve_button, close):
            buttons.addWidget(button)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.place)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        for keys, slot in (
            (("Ctrl+Return", "Ctrl+Enter"), self.approve_current),
            (("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), self.send_back_current),
            (("Ctrl+Down",), lambda: self.step(1)),
            (("Ctrl+Up",), lambda: self.step(-1)),
        ):
            for key in keys:
                QShortcut(QKeySequence(key), self, slot)
        if self.in_band_order.isChecked():
            self.ids = band_order(project, language, self.document_order)
        self.show_current()

    def set_band_order(self, on: bool) -> None:
        """Step poor drafts first (or in document order again), staying on the segment shown; remembered."""
        QSettings().setValue(BAND_ORDER_KEY, on)
        shown = self.segment.id if self.segment is not None else None
        try:
            self.ids = band_order(self.project, self.language, self.document_order) if on else list(self.document_order)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot read the quality estimates"), str(exc))
            return
        if shown is not None and shown in self.ids:
            self.position = self.ids.index(shown)
        self.show_current()

    # --- showing -----------------------------------------------------------------------------------

    def show_current(self) -> None:
        done = self.position >= len(self.ids)
        for widget in (self.approve_button, self.send_back_button, self.skip_button, self.translation, self.comment):
            widget.setEnabled(not done)
        self.previous_button.setEnabled(self.position > 0)
        self.summary.setText(
            self.tr("{0} approved, {1} sent back in this review").format(self.approved, self.sent_back)
        )
        if done:
            self.segment = None
            self.place.setText(
                self.tr("Nothing left to review: every translated segment here has been seen.")
                if self.ids else self.tr("There are no translated segments to review here.")
            )  # fmt: skip
            for view in (self.source, self.draft, self.back_translation, self.changes):
                view.clear()
            self.translation.clear()
            return
        try:
            segment = self.project.segment(self.ids[self.position])
            revisions = self.project.revisions(segment.id, self.language)
            note = comment(self.project, segment.id, self.language)
            draft_note = notes_for(self.project, self.language, [segment.id]).get(segment.id)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot read the segment"), str(exc))
            return
        self.segment = segment
        current = segment.translations.get(self.language)
        text = current.text if current else ""
        status = current.status if current else Status.UNTRANSLATED
        self.place.setText(
            self.tr("Segment {0} of {1} — {2}, #{3} ({4})").format(
                self.position + 1, len(self.ids), self.names.get(segment.document_id, ""), segment.position + 1,
                status,
            )
        )  # fmt: skip
        self.source.setPlainText(segment.source)
        draft = last_machine_draft(revisions)
        if draft is None:
            self.draft.setPlainText(self.tr("(no machine draft: translated by hand)"))
            self.back_translation.clear()
            self.changes.clear()
        else:
            self.draft.setHtml(
                f"<i>{escape(draft[1])}{self._quality(draft_note)}</i><br>"
                + escape(for_display(draft[0])).replace("\n", "<br>")
            )
            self._show_back_translation(segment, draft_note)
            self.changes.setHtml(
                diff_html(word_diff(draft[0], text)) if draft[0] != text else self.tr("Accepted unchanged.")
            )
        self.translation.setPlainText(text)
        self.comment.setText(note)
        self.translation.setFocus()

    def _quality(self, note: DraftNote | None) -> str:
        return " · " + escape(quality_line(note.band, note.quality)) if note is not None and note.band else ""

    def _show_back_translation(self, segment: SegmentRecord, note: DraftNote | None) -> None:
        possible = self.can_back_translate(self.language) if self.can_back_translate is not None else None
        source_language = self.project.info.source_language
        source_name = language_names().get(source_language, source_language)
        self.back_translation.setHtml(
            back_translation_html(segment.source, note, source_name, self.language_name, possible)
        )

    def step(self, by: int) -> None:
        self.position = min(max(self.position + by, 0), len(self.ids))
        self.show_current()

    # --- deciding ----------------------------------------------------------------------------------

    def approve_current(self) -> None:
        segment = self.segment
        if segment is None:
            return
        text = self.translation.toPlainText()

        def write() -> None:
            approve_reviewed(self.project, segment.id, self.language, text, self.author, self.role, self.memory)

        if self._decide(segment, write, self.tr("Approve"), self.tr("Cannot approve")):
            self.approved += 1
            self.step(1)

    def send_back_current(self) -> None:
        segment = self.segment
        if segment is None:
            return
        if not self.comment.text().strip():
            self.comment.setFocus()
            self.summary.setText(self.tr("Write what needs work in the comment, then send it back."))
            return
        note = self.comment.text()

        def write() -> None:
            send_back(self.project, segment.id, self.language, note, self.author, self.role)

        if self._decide(segment, write, self.tr("Send back"), self.tr("Cannot send back")):
            self.sent_back += 1
            self.step(1)

    def _decide(self, segment: SegmentRecord, write: Callable[[], None], label: str, failure: str) -> bool:
        """Write a decision through the core; the window's undo stack takes it as one step."""
        try:
            if self.editing is not None:
                self.editing.recorded(label, self.language, [segment.id], write)
            else:
                write()
        except WorkbenchError as exc:
            show_error(self, failure, str(exc))
            return False
        self.changed.emit([segment.id])
        return True
