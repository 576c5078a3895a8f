"""The keys a translator moves and writes with: confirm and go on, next and previous segment, insert a
suggestion or a glossary term, copy the source, mark a segment (not) for translation.

Each works on the target cell the window reports (the current cell, or the work language's cell in the
current row) and writes through the editing controller, so every write is a step of the undo history.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.store.segment_filter import ids_needing_work
from workbench.ui.actions.new_action import new_action
from workbench.ui.error_dialog import show_error
from workbench.ui.window_context import WindowContext


class GridCommands(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.confirm_action = new_action(
            self, self.tr("&Confirm and go to the next segment needing work"), self.confirm_and_next,
            "Ctrl+Return", "Ctrl+Enter",
        )  # fmt: skip
        self.next_action = new_action(self, self.tr("&Next segment"), lambda: self.move_by(1), "Ctrl+Down")
        self.previous_action = new_action(self, self.tr("&Previous segment"), lambda: self.move_by(-1), "Ctrl+Up")
        self.copy_source_action = new_action(self, self.tr("Copy &source"), self.copy_source, "Ctrl+B")
        self.toggle_translatable_action = new_action(
            self, self.tr("Mark &not for translation / for translation"), self.toggle_translatable, "Ctrl+Shift+N"
        )
        self.suggestion_actions: list[QAction] = [
            new_action(
                self, self.tr("Insert suggestion {0}").format(n), partial(self.insert_suggestion, n), f"Ctrl+{n}"
            )
            for n in range(1, 10)
        ]
        self.term_actions: list[QAction] = [
            new_action(self, self.tr("Insert glossary term {0}").format(n), partial(self.insert_term, n), f"Alt+{n}")
            for n in range(1, 10)
        ]

    def confirm_and_next(self) -> None:
        """Ctrl+Enter: the text becomes the confirmed translation, then on to the next segment needing work."""
        window = self.window
        index = window.target_cell()
        if index is None:
            return
        language, segment = window.language_of(index), window.segment_at(index)
        editor = window.current_editor()
        editing = editor is not None and editor.segment_id == segment.id
        if editing and editor is not None:
            text = editor.toPlainText()
        else:
            current = segment.translations.get(language)
            text = current.text if current else ""
        if segment.translatable:
            if not text.strip():
                window.show_status(self.tr("Nothing to confirm: the translation is empty"), 4000)
                return
            if not window.editing.set_text(segment.id, language, text, confirmed=True):
                return  # not saved: the editor stays open with the text
        if editing and editor is not None:
            window.close_editor(editor)
        self._go_to_next_needing_work(index.row(), index.column(), language)

    def _go_to_next_needing_work(self, row: int, column: int, language: str) -> None:
        window = self.window
        needing = ids_needing_work(window.project, language, window.grid_document())
        ids = window.grid_ids()
        for candidate in [*range(row + 1, len(ids)), *range(0, row)]:
            if ids[candidate] in needing:
                window.move_to(candidate, column, edit=True)
                return
        window.show_status(self.tr("Every segment here is done in {0}").format(window.names.get(language)), 6000)

    def move_by(self, step: int) -> None:
        """Ctrl+Up/Down: leave the text (as a draft if changed) and edit the same language one row away."""
        window = self.window
        index = window.target_cell()
        if index is None:
            return
        editor = window.current_editor()
        was_editing = editor is not None and editor.segment_id == window.segment_at(index).id
        if was_editing and editor is not None:
            if not window.editing.set_text(editor.segment_id, editor.language, editor.toPlainText(), confirmed=False):
                return
            window.close_editor(editor)
        row = min(max(index.row() + step, 0), window.row_count() - 1)
        window.move_to(row, index.column(), edit=was_editing)

    def insert_text(self, text: str) -> None:
        """Replace the target cell's text (a suggestion, the source), in its editor."""
        editor = self.window.open_editor()
        if editor is not None:
            editor.replace_text(text)
            editor.setFocus()

    def insert_suggestion(self, number: int) -> None:
        text = self.window.suggestion_text(number)
        if text is None:
            self.window.show_status(self.tr("There is no suggestion {0}").format(number), 3000)
            return
        self.insert_text(text)

    def insert_term(self, number: int) -> None:
        """Alt+1..9: the glossary term's translation at the cursor (not replacing the text)."""
        text = self.window.term_text(number)
        if text is None:
            self.window.show_status(self.tr("There is no glossary term {0}").format(number), 3000)
            return
        editor = self.window.open_editor()
        if editor is not None:
            editor.insertPlainText(text)
            editor.setFocus()

    def copy_source(self) -> None:
        index = self.window.target_cell()
        if index is not None:
            self.insert_text(self.window.segment_at(index).source)

    def toggle_translatable(self) -> None:
        window = self.window
        index = window.target_cell()
        if index is None:
            return
        segment = window.segment_at(index)
        try:
            window.project.set_translatable(segment.id, not segment.translatable, self.tr("marked by the user"))
        except WorkbenchError as exc:
            show_error(window.dialog_parent(), self.tr("Cannot change the segment"), str(exc))
            return
        window.apply(SegmentChanges.of([segment.id]))
