"""Segment > Split and Join: change where a segment ends, within its paragraph, as one undo step.

The core does the work (core/ops/segment_structure) in one transaction and returns what its undo needs;
this group asks where to split, confirms a join that merges translations, and puts each on the window's
undo stack (Ctrl+Z) beside the translation edits. It also hands the editing controller the setting for
repetitions, so a confirmation fills them (core/ops/repetitions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.importing.segmentation_exceptions import SegmentationException, add_exception
from workbench.core.ops.segment_structure import (
    JoinResult,
    SplitResult,
    join_segments,
    next_segment,
    split_segment,
    undo_join,
    undo_split,
)
from workbench.core.store.segment_numbers import label_of
from workbench.ui.actions.new_action import new_action
from workbench.ui.error_dialog import show_error
from workbench.ui.segment_structure_dialogs import JoinDialog, SplitDialog
from workbench.ui.window_context import WindowContext

T = TypeVar("T")
SPLIT_KEYS = "Ctrl+Shift+T"
JOIN_KEYS = "Ctrl+Shift+J"


class StructureEdit(QUndoCommand):
    """A split or a join, already made when pushed; undo and redo go through the core again. When the core
    refuses (the segments were edited since: undoing would lose that work) the message is shown and the
    step is made obsolete, so the stack drops it instead of believing it done or undone: the project and
    the stack stay in step, and the next Ctrl+Z goes on to the edit before it."""

    def __init__(self, actions: SegmentStructureActions, result: SplitResult | JoinResult, label: str) -> None:
        super().__init__(label)
        self._actions = actions
        self.result = result
        self._made = True

    def redo(self) -> None:
        if self._made:
            self._made = False  # pushing calls redo once: the change is already in the project
            return
        actions, old = self._actions, self.result
        found: SplitResult | JoinResult | None
        if isinstance(old, SplitResult):
            found = actions.run(lambda: split_segment(actions.project, old.segment_id, old.at, actions.author(),
                                                      new_id=old.new_segment_id))  # fmt: skip
        else:
            found = actions.run(lambda: join_segments(actions.project, old.segment_id, actions.author()))
        if found is None:
            self.setObsolete(True)
            return
        self.result = found
        actions.show(found.changes, old.segment_id)

    def undo(self) -> None:
        actions, old = self._actions, self.result
        if isinstance(old, SplitResult):
            changes = actions.run(lambda: undo_split(actions.project, old, actions.author()))
        else:
            changes = actions.run(lambda: undo_join(actions.project, old, actions.author()))
        if changes is None:
            self.setObsolete(True)
            return
        actions.show(changes, old.segment_id)


class SegmentStructureActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.project = window.project
        self.split_action = new_action(self, self.tr("S&plit the segment…"), self.split, SPLIT_KEYS)
        self.join_action = new_action(self, self.tr("&Join with the next segment"), self.join, JOIN_KEYS)

    def author(self) -> str:
        return self.window.settings.user_name

    def split(self) -> None:
        """Ctrl+Shift+T: the split dialog on the current segment, its cursor where the source view's selection is."""
        segment_id = self._prepare()
        if segment_id is None:
            return
        window = self.window
        segment = window.project.segment(segment_id)
        dialog = SplitDialog(segment, label_of(self.project, segment_id), window.selected_source_text(),
                             window.dialog_parent())  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        at, exception = dialog.place(), dialog.exception()
        result = self.run(lambda: split_segment(self.project, segment_id, at, self.author()))
        if result is None:
            return
        label = self.tr("Split {0}").format(label_of(self.project, segment_id))
        window.editing.undo_stack.push(StructureEdit(self, result, label))
        self.show(result.changes, segment_id)
        if exception is not None:
            self._remember(exception)

    def join(self) -> None:
        """Ctrl+Shift+J: the current segment with the next one of its paragraph, after a look at what the two
        become (Enter joins)."""
        segment_id = self._prepare()
        if segment_id is None:
            return
        label = label_of(self.project, segment_id)
        following = next_segment(self.project, segment_id)
        exception: SegmentationException | None = None
        first, second = self.project.segments_by_ids([segment_id, following]) if following else (None, None)
        if first is not None and second is not None and first.paragraph == second.paragraph:
            merged = [
                self.window.names.get(lang, lang)
                for lang in self.project.info.target_languages
                if first.translations[lang].text and second.translations[lang].text
            ]
            dialog = JoinDialog(first, second, label, merged, self.window.dialog_parent())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            exception = dialog.exception()
        # the last of its document, or the next one starts another paragraph: refused, saying why
        result = self.run(lambda: join_segments(self.project, segment_id, self.author()))
        if result is None:
            return
        self.window.editing.undo_stack.push(StructureEdit(self, result, self.tr("Join {0}").format(label)))
        self.show(result.changes, segment_id)
        if exception is not None:
            self._remember(exception)

    def _remember(self, exception: SegmentationException) -> None:
        """The place as an exception for the next imports, said in the status bar."""
        added = self.run(lambda: add_exception(self.project, exception))
        if added is not None:
            self.window.show_status(self.tr("Next imports: {0}").format(exception.describe()), 8000)

    def _prepare(self) -> int | None:
        """The current segment, with text typed in its open editor kept first (as a draft, as leaving the cell does)."""
        window = self.window
        segment_id = window.current_segment_id()
        if segment_id is None:
            window.show_status(self.tr("Choose a segment first"), 4000)
            return None
        editor = window.current_editor()
        if editor is not None:
            if not window.editing.set_text(editor.segment_id, editor.language, editor.toPlainText(), confirmed=False):
                return None
            window.close_editor(editor)
        return segment_id

    def run(self, change: Callable[[], T]) -> T | None:
        """The core's change, its refusal shown in words (nothing was changed then)."""
        try:
            return change()
        except WorkbenchError as exc:
            show_error(self.window.dialog_parent(), self.tr("Cannot change the segments"), str(exc))
            return None

    def show(self, changes: SegmentChanges, segment_id: int) -> None:
        """The grid reloads (rows came or went), stays on the segment (the first part of a split) and has the
        keys again, wherever they were when the change was asked for (the dialog, the menu, the list)."""
        window = self.window
        language = window.work_language()
        window.apply(changes)
        window.go_to(segment_id, language)
        window.focus_grid()
