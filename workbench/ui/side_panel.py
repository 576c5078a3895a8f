"""The side panel for the current segment: suggestions to insert (Ctrl+1..9), what is known about the
machine draft (quality band, terms, rules, back-translation), glossary terms, the segment's history and a
comment box. Reads the project; writes only the comment.

The panel fits a 1280×720 screen and never widens the window: its boxes scroll when the window is short,
and a label showing a long unbroken string (a URL in a draft or in the history) keeps the panel's width,
wrapping where it can and clipping the rest, instead of asking for the string's width."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.language.khmer_breaks import for_display
from workbench.core.memory.suggestions import Suggestion, SuggestionProvider, machine_suggestions
from workbench.core.records import SegmentRecord, Status
from workbench.core.review.post_edit_diff import diff_html, last_machine_draft, word_diff
from workbench.core.store.draft_notes import notes_for
from workbench.core.store.project_store import Project
from workbench.core.store.segment_comments import comment, set_comment
from workbench.core.store.segment_numbers import segment_label
from workbench.ui.draft_notes_view import DraftNotesView
from workbench.ui.narrow_label import narrow_wrapping
from workbench.ui.status_look import confidence, status_icon, status_name

log = logging.getLogger(__name__)
COMMENT_SAVE_MS = 800


class SidePanel(QWidget):
    insert_requested = Signal(str)  # the text of a suggestion or term
    translate_now_requested = Signal()
    failed = Signal(str)

    def __init__(
        self, project: Project, author: Callable[[], str], names: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.names = names
        self._author = author
        self.providers: list[SuggestionProvider] = [machine_suggestions]
        self.glossary_providers: list[SuggestionProvider] = []
        #: live quality checks of the current cell: messages to show
        self.check_providers: list[Callable[[Project, SegmentRecord, str], list[str]]] = []
        self.segment: SegmentRecord | None = None
        self.language = ""
        self._document_names: dict[int, str] = {}
        self.suggestions: list[Suggestion] = []
        self.terms: list[Suggestion] = []

        inside = QWidget()
        scroll = QScrollArea()  # a short window scrolls the boxes instead of growing taller than the screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inside)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(inside)
        layout.setContentsMargins(4, 0, 0, 0)
        self.heading = QLabel()
        narrow_wrapping(self.heading)
        layout.addWidget(self.heading)
        self.source_view = QPlainTextEdit()
        self.source_view.setReadOnly(True)
        self.source_view.setMaximumHeight(70)
        self.source_view.setToolTip(
            self.tr("Select words here and in the translation, then Ctrl+T adds a glossary term")
        )
        layout.addWidget(self.source_view)

        box = QGroupBox(self.tr("Suggestions (Ctrl+1…9 inserts)"))
        inner = QVBoxLayout(box)
        self.suggestion_list = QListWidget()
        self.suggestion_list.setWordWrap(True)
        self.suggestion_list.itemActivated.connect(self._insert_item)
        inner.addWidget(self.suggestion_list)
        self.translate_now = QPushButton(self.tr("Machine-translate this segment now (Ctrl+M)"))
        self.translate_now.clicked.connect(self.translate_now_requested)
        inner.addWidget(self.translate_now)
        layout.addWidget(box, 3)
        self.draft_notes = DraftNotesView(names, project.info.source_language)
        layout.addWidget(self.draft_notes, 2)

        box = QGroupBox(self.tr("Glossary (Alt+1…9 inserts at the cursor)"))
        inner = QVBoxLayout(box)
        self.glossary_list = QListWidget()
        self.glossary_list.setWordWrap(True)
        self.glossary_list.itemActivated.connect(self._insert_item)
        inner.addWidget(self.glossary_list)
        layout.addWidget(box, 1)

        box = QGroupBox(self.tr("Checks"))
        inner = QVBoxLayout(box)
        self.check_list = QListWidget()
        self.check_list.setWordWrap(True)
        inner.addWidget(self.check_list)
        layout.addWidget(box, 1)

        box = QGroupBox(self.tr("History"))
        inner = QVBoxLayout(box)
        self.post_edit = QLabel()
        narrow_wrapping(self.post_edit)
        self.post_edit.setTextFormat(Qt.TextFormat.RichText)
        inner.addWidget(self.post_edit)
        self.history_list = QListWidget()
        self.history_list.setWordWrap(True)
        inner.addWidget(self.history_list)
        layout.addWidget(box, 2)

        box = QGroupBox(self.tr("Comment"))
        inner = QVBoxLayout(box)
        self.comment_box = QPlainTextEdit()
        self.comment_box.setPlaceholderText(self.tr("A note for the editor or for yourself; saved as you type."))
        self.comment_box.setMaximumHeight(90)
        self.comment_box.textChanged.connect(self._comment_typed)
        inner.addWidget(self.comment_box)
        layout.addWidget(box)

        # as narrow as its content allows and no narrower: the scroll area clips, it must not hide the boxes' edges
        self.setMinimumWidth(inside.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())

        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.timeout.connect(self.save_comment)
        self.show_segment(None, "")

    def show_segment(self, segment: SegmentRecord | None, language: str) -> None:
        self.save_comment()
        self.segment, self.language = segment, language
        enabled = segment is not None and bool(language)
        for widget in (
            self.suggestion_list,
            self.glossary_list,
            self.history_list,
            self.comment_box,
            self.translate_now,
        ):
            widget.setEnabled(enabled)
        self.refresh()

    def refresh(self) -> None:
        segment, language = self.segment, self.language
        self.suggestion_list.clear()
        self.glossary_list.clear()
        self.terms = []
        self.history_list.clear()
        self.post_edit.clear()
        self.post_edit.hide()
        self.check_list.clear()
        self.suggestions = []
        self.comment_box.blockSignals(True)
        self.comment_box.setPlainText("")
        self.comment_box.blockSignals(False)
        self.source_view.setPlainText(segment.source if segment is not None else "")
        self.draft_notes.show_note("", "", None, None)
        if segment is None or not language:
            self.heading.setText(self.tr("Choose an English or Khmer cell to see its suggestions and history."))
            return
        self.heading.setText(self.tr("{0} · {1}").format(self._label(segment), self.names.get(language, language)))
        try:
            self._fill(segment, language)
        except WorkbenchError as exc:
            log.error("side panel: %s", exc)
            self.failed.emit(str(exc))

    def _label(self, segment: SegmentRecord) -> str:
        """ "le-hoi.txt #4", as the grid, QA reports and the CLI name it: in the all-documents view "#4" alone
        does not say which document. Names are read again only for a document not seen yet (an import)."""
        if segment.document_id not in self._document_names:
            try:
                self._document_names = {document.id: document.name for document in self.project.documents()}
            except WorkbenchError as exc:
                log.error("side panel: %s", exc)
        return segment_label(self._document_names.get(segment.document_id, "?"), segment.position)

    def _fill(self, segment: SegmentRecord, language: str) -> None:
        for provider in self.providers:
            self.suggestions += provider(self.project, segment, language)
        for number, suggestion in enumerate(self.suggestions[:9], start=1):
            item = QListWidgetItem(f"{number}. {for_display(suggestion.text)}\n    {self._describe(suggestion)}")
            item.setToolTip(suggestion.detail or suggestion.origin)
            item.setData(256, suggestion.text)
            self.suggestion_list.addItem(item)
        if not self.suggestions:
            self.suggestion_list.addItem(self.tr("No suggestion yet: pre-translate, or press Ctrl+M."))
        terms = [t for provider in self.glossary_providers for t in provider(self.project, segment, language)]
        self.terms = terms
        for number, term in enumerate(terms, start=1):
            item = QListWidgetItem(
                f"Alt+{number}  {term.detail} → {term.text}" if number <= 9 else f"{term.detail} → {term.text}"
            )
            item.setData(256, term.text)
            self.glossary_list.addItem(item)
        if not terms:
            self.glossary_list.addItem(self.tr("No glossary terms in this segment."))
        draft_note = notes_for(self.project, language, [segment.id]).get(segment.id)
        self.draft_notes.show_note(segment.source, language, segment.translations.get(language), draft_note)
        for check in self.check_providers:
            self.check_list.addItems(check(self.project, segment, language))
        revisions = self.project.revisions(segment.id, language)
        draft = last_machine_draft(revisions)
        current = segment.translations.get(language)
        if draft is not None and current is not None and current.text and current.text != draft[0]:
            self.post_edit.setText(
                self.tr("Changed from the draft of {0}:").format(draft[1]) + "<br>"
                + diff_html(word_diff(draft[0], current.text))
            )  # fmt: skip
            self.post_edit.show()
        for revision in reversed(revisions):
            who = revision["author"] or revision["origin_detail"] or revision["origin"]
            note = f" · {revision['note']}" if revision["note"] else ""
            item = QListWidgetItem(
                f"{revision['created_at'][:16].replace('T', ' ')} · {who} · {status_name(Status(revision['status']))}{note}\n"
                + for_display(revision["text"])
            )
            item.setIcon(status_icon(Status(revision["status"])))
            self.history_list.addItem(item)
        self.comment_box.blockSignals(True)
        self.comment_box.setPlainText(comment(self.project, segment.id, language))
        self.comment_box.blockSignals(False)

    def _describe(self, suggestion: Suggestion) -> str:
        if suggestion.kind == "mt":
            text = self.tr("machine translation · {0}").format(suggestion.origin)
            if suggestion.score is not None:
                text += " · " + self.tr("confidence {0:.0%}").format(confidence(suggestion.score))
            return text
        score = f" · {suggestion.score:.0f}%" if suggestion.score is not None else ""
        return self.tr("translation memory · {0}").format(suggestion.origin) + score

    def term_text(self, number: int) -> str | None:
        """The n-th glossary term's translation (1-based)."""
        return self.terms[number - 1].text if 1 <= number <= min(9, len(self.terms)) else None

    def suggestion_text(self, number: int) -> str | None:
        """The n-th suggestion (1-based), as numbered in the list."""
        return self.suggestions[number - 1].text if 1 <= number <= min(9, len(self.suggestions)) else None

    def _insert_item(self, item: QListWidgetItem) -> None:
        text = item.data(256)
        if text:
            self.insert_requested.emit(text)

    def _comment_typed(self) -> None:
        self._comment_timer.start(COMMENT_SAVE_MS)

    def save_comment(self) -> None:
        if not self._comment_timer.isActive() or self.segment is None:
            return
        self._comment_timer.stop()
        try:
            set_comment(self.project, self.segment.id, self.language, self.comment_box.toPlainText(), self._author())
        except (WorkbenchError, OSError) as exc:
            self.failed.emit(str(exc))
