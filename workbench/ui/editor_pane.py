"""The editor pane under the grid (Poedit's layout): the current segment's source and a roomy editor for its
translation, for segments too long to edit inside a grid cell (a 1,500-character sentence).

It edits the cell the grid's cursor is on. Typing is autosaved through the editing controller like the cell
editor's text; moving to another cell leaves the text (unconfirmed, as leaving a cell does) and shows the next
one; Ctrl+Enter and the other window keys reach their actions because the editor is a SegmentEditor. While the
pane is shown it is the one editor of the window: Enter, F2, a double click or a typed key on a target cell
come here instead of opening the editor inside the cell, so two editors never hold one cell's text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from workbench.core.errors import WorkbenchError
from workbench.core.records import SegmentRecord
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import segment_label
from workbench.ui.editing_controller import EditingController
from workbench.ui.khmer_wrap import wrap_between_syllables
from workbench.ui.narrow_label import narrow_wrapping
from workbench.ui.segment_editor import SegmentEditor
from workbench.ui.tag_chip_editor import ChipTextEdit

log = logging.getLogger(__name__)


class EditorPane(QWidget):
    #: Esc in the editor: the typed text was dropped (as Esc drops it in a cell); the grid takes the keys again
    cancelled = Signal()

    def __init__(
        self, project: Project, editing: EditingController, actions: Callable[[], list[QAction]],
        names: dict[str, str], parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.project = project
        self.editing = editing
        self.names = names
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        self.heading = narrow_wrapping(QLabel())
        layout.addWidget(self.heading)
        self.source_view = ChipTextEdit()  # the source's tags read as chips too
        self.source_view.setReadOnly(True)
        self.source_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.source_view.setToolTip(self.tr("The source; select words here, then Ctrl+T adds a glossary term"))
        self.editor = SegmentEditor(self, actions)
        wrap_between_syllables(self.editor)  # a long Khmer translation wraps between syllables only
        self.editor.textChanged.connect(self._typed)
        halves = QSplitter(Qt.Orientation.Vertical)
        halves.setChildrenCollapsible(False)
        halves.addWidget(self.source_view)
        halves.addWidget(self.editor)
        layout.addWidget(halves, 1)
        self.segment: SegmentRecord | None = None
        self.show_cell(None, "")

    def modified(self) -> bool:
        """The editor holds text of its cell that is not saved as that cell's translation yet."""
        return bool(self.editor.segment_id) and self.editor.toPlainText() != self.editor.original

    def leave(self) -> bool:
        """Save the cell's text as an unconfirmed edit (as leaving a grid cell does). False if it could not be."""
        if not self.modified():
            return True
        editor = self.editor
        if not self.editing.set_text(editor.segment_id, editor.language, editor.toPlainText(), confirmed=False):
            return False
        editor.original = editor.toPlainText()
        return True

    def show_cell(self, segment: SegmentRecord | None, language: str) -> None:
        """Edit `segment`'s `language` translation (None or no language: nothing to edit); the text of the
        cell shown before is saved first."""
        same = self.segment is not None and segment is not None and self.segment.id == segment.id
        if same and segment is not None and language == self.editor.language:
            self.refresh(segment)
            return
        self.leave()
        self.segment = segment
        editor = self.editor
        editable = segment is not None and bool(language)
        editor.segment_id = segment.id if segment is not None and editable else 0
        editor.language = language if editable else ""
        current = segment.translations.get(language) if segment is not None and editable else None
        editor.original = current.text if current is not None else ""
        editor.set_tags(segment.tags if segment is not None else {})
        self.source_view.set_tags(segment.tags if segment is not None else {})
        editor.blockSignals(True)  # showing a cell is not typing
        editor.setPlainText(editor.original)
        editor.blockSignals(False)
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        editor.setReadOnly(not editable)
        editor.setPlaceholderText(
            self.tr("Type the {0} translation").format(self.names.get(language, language))
            if editable
            else self.tr("Choose an English or Khmer cell to translate it here.")
        )  # the hint to choose a cell only while none is chosen
        self.source_view.setPlainText(segment.source if segment is not None else "")
        self.heading.setText(self._heading(segment, language if editable else ""))

    def refresh(self, segment: SegmentRecord) -> None:
        """The shown segment changed elsewhere (a draft arrived, undo, find & replace): show its new text,
        unless the translator has typed here, whose text wins until it is saved."""
        self.segment = segment
        self.editor.set_tags(segment.tags)
        self.source_view.set_tags(segment.tags)
        if segment.source != self.source_view.toPlainText():  # (split or joined); else the selection stays
            self.source_view.setPlainText(segment.source)
        if self.modified() or not self.editor.segment_id:
            return
        current = segment.translations.get(self.editor.language)
        text = current.text if current is not None else ""
        if text != self.editor.toPlainText():
            self.editor.original = text
            self.editor.blockSignals(True)
            self.editor.setPlainText(text)
            self.editor.blockSignals(False)

    def saved(self) -> None:
        """The editor's text was written (confirmed): it is no longer an edit of its own."""
        self.editor.original = self.editor.toPlainText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc, which the editor passes on: back to the cell's text, and nothing typed kept on disk."""
        if event.key() != Qt.Key.Key_Escape or not self.editor.segment_id:
            super().keyPressEvent(event)
            return
        editor = self.editor
        self.editing.cancel_typing(editor.segment_id, editor.language)
        editor.blockSignals(True)
        editor.setPlainText(editor.original)
        editor.blockSignals(False)
        self.cancelled.emit()

    def take_edit(self, event: QEvent | None) -> bool:
        """The grid was asked to edit the current cell (Enter, F2, a double click, a typed key): the editing
        happens here instead, the typed key with it."""
        self.editor.setFocus()
        if isinstance(event, QKeyEvent) and event.text() and event.text().isprintable():
            self.editor.insertPlainText(event.text())
        return True

    def selected_source_text(self) -> str:
        return self.source_view.textCursor().selectedText()

    def _typed(self) -> None:
        editor = self.editor
        if editor.segment_id:
            self.editing.typing(editor.segment_id, editor.language, editor.toPlainText())

    def _heading(self, segment: SegmentRecord | None, language: str) -> str:
        if segment is None:
            return self.tr("No segment chosen")
        try:
            names = {document.id: document.name for document in self.project.documents()}
        except WorkbenchError as exc:
            log.error("editor pane: %s", exc)
            names = {}
        label = segment_label(names.get(segment.document_id, "?"), segment.position)
        if not language:
            return self.tr("{0} · source").format(label)
        return self.tr("{0} · {1}").format(label, self.names.get(language, language))
