"""Every change a person makes to a translation: written at once, undoable across segments, and
text being typed saved as an unconfirmed edit every few seconds so a crash loses nothing.

The grid, the side panel and find & replace all call this; none of them writes to the project itself.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.find_replace import Replacement, apply_replacements
from workbench.core.ops.memory_learning import learned
from workbench.core.ops.repetitions import propagate_confirmation, repetitions_kept, repetitions_of
from workbench.core.ops.translation_edits import EditState, edited, write_state
from workbench.core.ops.unconfirmed_edits import discard_unconfirmed, save_unconfirmed
from workbench.core.records import CONFIRMED
from workbench.core.store.project_store import Project

log = logging.getLogger(__name__)
T = TypeVar("T")

#: typed text is saved this long after the last key...
AUTOSAVE_IDLE_MS = 1500
#: ...and at the latest this long after the first unsaved key, even while typing goes on
AUTOSAVE_MAX_SECONDS = 5.0
WRITE_ERRORS = (WorkbenchError, OSError)


def describe_write_error(exc: BaseException) -> str:
    text = str(exc)
    if "disk is full" in text or "No space left" in text:
        return "the disk is full. Free some space; your text is still in the editor and nothing saved before is lost."
    if "readonly" in text or "read-only" in text:
        return "the project file cannot be written (read-only)."
    return text


class TranslationEdit(QUndoCommand):
    """One change of one translation; the change is already written when the command is pushed."""

    def __init__(
        self, controller: EditingController, segment_id: int, language: str, before: EditState,
        after: EditState, label: str,
    ) -> None:  # fmt: skip
        super().__init__(label)
        self._controller = controller
        self.segment_id = segment_id
        self.language = language
        self.before = before
        self.after = after
        self._written = True

    def redo(self) -> None:
        if self._written:
            self._written = False  # pushing calls redo once: the change is already in the project
            return
        self._controller._write(self.segment_id, self.language, self.after, "redo")

    def undo(self) -> None:
        self._controller._write(self.segment_id, self.language, self.before, "undo")


@dataclass(slots=True)
class _Typing:
    segment_id: int
    language: str
    text: str
    first_unsaved: float


class EditingController(QObject):
    changed = Signal(list)  # ids of segments whose translation changed
    confirmed = Signal(int, str, str)  # segment id, language, text: a person vouched for it (memory learns it)
    failed = Signal(str)  # what went wrong, for an error dialog
    autosaved = Signal(int, str)  # segment id, language
    said = Signal(str)  # what a confirmation did to its repetitions, for the status bar

    def __init__(
        self, project: Project, author: Callable[[], str], parent: QObject | None = None,
        memory: SharedMemory | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.project = project
        self._author = author
        #: the shared memory a confirmed text teaches (the same core rule as approvals and merges)
        self.memory = memory
        self.undo_stack = QUndoStack(self)
        #: how a confirmed text fills its repetitions ("translated", "draft", "off": Settings.propagate_repetitions)
        self.propagation: Callable[[], str] = lambda: "off"
        self._typing: _Typing | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.save_typing)

    # --- confirmed and left edits -----------------------------------------------------------------

    def current_state(self, segment_id: int, language: str) -> EditState:
        return EditState.of(self.project.segment(segment_id).translations.get(language))

    def set_text(self, segment_id: int, language: str, text: str, confirmed: bool) -> bool:
        """The translator confirmed `text` (Ctrl+Enter) or left the cell with it. False if it could not be saved."""
        try:
            before = self.current_state(segment_id, language)
            after = edited(before, text, confirmed)
            if after != before:
                write_state(self.project, segment_id, language, after, self._author(), "")
            discard_unconfirmed(self.project, segment_id, language)
        except WRITE_ERRORS as exc:
            log.error("cannot save segment %d/%s: %s", segment_id, language, exc)
            self.failed.emit(describe_write_error(exc))
            return False
        self._stop_typing(segment_id, language)
        if confirmed and text.strip():
            learned(self.project, SegmentChanges.of([segment_id], language), self.memory)
            self.confirmed.emit(segment_id, language, text)
        filled = self._propagate(segment_id, language) if confirmed and after.status in CONFIRMED else []
        if after != before or filled:
            label = self.tr("Confirm segment") if confirmed else self.tr("Edit segment")
            step = TranslationEdit(self, segment_id, language, before, after, label)
            if filled:  # the confirmation and its repetitions: one undo step
                self.undo_stack.beginMacro(self.tr("Confirm segment and {0} repetitions").format(len(filled)))
                if after != before:
                    self.undo_stack.push(step)
                for other_id, (old, new) in filled:
                    self.undo_stack.push(TranslationEdit(self, other_id, language, old, new, ""))
                self.undo_stack.endMacro()
            else:
                self.undo_stack.push(step)
            self.changed.emit([segment_id, *(other_id for other_id, _states in filled)])
        return True

    def _propagate(self, segment_id: int, language: str) -> list[tuple[int, tuple[EditState, EditState]]]:
        """Fill the repetitions of a confirmed segment per the setting; each filled one with its state before
        and after (for the undo step). A failure is reported: the confirmation itself stays made."""
        mode = self.propagation()
        if mode == "off":
            return []
        try:
            before = self._states(repetitions_of(self.project, segment_id, language), language)
            changed = propagate_confirmation(self.project, segment_id, language, self._author(), mode) if before else []
            after = self._states(changed, language)
            kept = len(repetitions_kept(self.project, segment_id, language))
        except WRITE_ERRORS as exc:
            log.error("cannot fill the repetitions of segment %d/%s: %s", segment_id, language, exc)
            self.failed.emit(describe_write_error(exc))
            return []
        filled = [(i, (before[i], after[i])) for i in changed if i in before and i in after]
        if filled or kept:
            self.said.emit(self._repetitions_said(len(filled), kept))
        return filled

    def _repetitions_said(self, filled: int, kept: int) -> str:
        """For the status bar: how many copies followed, and how many a person's text kept (never overwritten)."""
        said = self.tr("1 repetition filled") if filled == 1 else self.tr("{0} repetitions filled").format(filled)
        return self.tr("{0}, {1} left: a person's text").format(said, kept) if kept else said

    def apply_replacements(self, plans: Sequence[Replacement]) -> int:
        """Find & replace: written by the core in one transaction, one undo step for all of them. Returns how
        many segments changed."""
        if not plans:
            return 0
        label = self.tr("Replace in {0} segments").format(len(plans))
        try:
            changes = self.recorded(
                label, plans[0].language, [plan.segment_id for plan in plans],
                lambda: apply_replacements(self.project, plans, self._author()),
            )  # fmt: skip
        except WRITE_ERRORS as exc:
            self.failed.emit(describe_write_error(exc))
            return 0
        if changes.segment_ids:
            self.changed.emit(list(changes.segment_ids))
        return len(changes.segment_ids)

    def recorded(
        self, label: str | Callable[[T], str], language: str, segment_ids: Sequence[int], write: Callable[[], T]
    ) -> T:
        """Run `write` (a change made by the core: an approval, a segment sent back) and make what it
        changed in `segment_ids` one undo step; Ctrl+Z puts back each segment's state from before (as a new
        revision: the history keeps both). `label` may be made from what `write` returned. Errors of
        `write` reach the caller; nothing is recorded then."""
        before = self._states(segment_ids, language)
        result = write()
        try:
            after = self._states(before, language)
        except WRITE_ERRORS as exc:
            self.failed.emit(describe_write_error(exc))
            return result
        steps = [(i, state, after[i]) for i, state in before.items() if i in after and after[i] != state]
        if steps:
            self.undo_stack.beginMacro(label if isinstance(label, str) else label(result))
            for segment_id, state, new in steps:
                self.undo_stack.push(TranslationEdit(self, segment_id, language, state, new, ""))
            self.undo_stack.endMacro()
        return result

    def _states(self, segment_ids: Iterable[int], language: str) -> dict[int, EditState]:
        segments = self.project.segments_by_ids(list(segment_ids))
        return {s.id: EditState.of(s.translations.get(language)) for s in segments}

    def _write(self, segment_id: int, language: str, state: EditState, note: str) -> None:
        """Undo and redo: called from a Qt virtual, so errors are reported, never raised."""
        try:
            write_state(self.project, segment_id, language, state, self._author(), note)
        except WRITE_ERRORS as exc:
            log.error("cannot %s segment %d/%s: %s", note, segment_id, language, exc)
            self.failed.emit(describe_write_error(exc))
            return
        except Exception:
            log.exception("%s failed", note)
            return
        self.changed.emit([segment_id])

    # --- text being typed ----------------------------------------------------------------------------

    def typing(self, segment_id: int, language: str, text: str) -> None:
        """Called on every change in the editor; saving happens on a pause, or every few seconds at most."""
        now = time.monotonic()
        if self._typing and (self._typing.segment_id, self._typing.language) == (segment_id, language):
            self._typing.text = text
        else:
            self.save_typing()
            self._typing = _Typing(segment_id, language, text, now)
        overdue = now - self._typing.first_unsaved >= AUTOSAVE_MAX_SECONDS
        if overdue:
            self.save_typing()
        else:
            self._timer.start(AUTOSAVE_IDLE_MS)

    def save_typing(self) -> None:
        typing, self._typing = self._typing, None
        self._timer.stop()
        if typing is None:
            return
        try:
            save_unconfirmed(self.project, typing.segment_id, typing.language, typing.text, self._author())
        except WRITE_ERRORS as exc:
            log.error("cannot keep unconfirmed text: %s", exc)
            self.failed.emit(describe_write_error(exc))
            return
        self.autosaved.emit(typing.segment_id, typing.language)

    def cancel_typing(self, segment_id: int, language: str) -> None:
        """Esc: the typed text is dropped, also from the disk."""
        self._stop_typing(segment_id, language)
        try:
            discard_unconfirmed(self.project, segment_id, language)
        except WRITE_ERRORS as exc:
            log.error("cannot drop unconfirmed text: %s", exc)

    def _stop_typing(self, segment_id: int, language: str) -> None:
        if self._typing and (self._typing.segment_id, self._typing.language) == (segment_id, language):
            self._typing = None
            self._timer.stop()
