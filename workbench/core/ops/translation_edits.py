"""What a person's edit does to a translation, and writing a translation back exactly as it was.

The editing window, find & replace and undo all go through here, so the status rules are the same
everywhere: a confirmed edit is *translated*; text left without confirming is a *draft* that still
needs a person; confirming a machine or memory draft unchanged keeps its origin, so the post-editing
report can tell "accepted as is" from "rewritten"; emptying the text makes the segment untranslated again.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core import records
from workbench.core.records import Origin, Status, Translation
from workbench.core.store.project_store import Project
from workbench.core.store.translations import write_translation
from workbench.core.timestamps import now


@dataclass(frozen=True, slots=True)
class EditState:
    """A translation as an edit and its undo see it: no author (who edits is given when it is written)."""

    text: str = ""
    status: Status = Status.UNTRANSLATED
    origin: Origin = Origin.NONE
    origin_detail: str = ""
    score: float | None = None
    flags: tuple[str, ...] = ()

    @classmethod
    def of(cls, translation: Translation | None) -> EditState:
        if translation is None:
            return cls()
        return cls(
            translation.text,
            translation.status,
            translation.origin,
            translation.origin_detail,
            translation.score,
            translation.flags,
        )


def edited(current: EditState, text: str, confirmed: bool) -> EditState:
    """The state after a person typed `text` (and confirmed it, or moved on without confirming)."""
    if not text.strip():
        # a person emptied the cell: the segment is untranslated again, not an empty "draft" that `check`
        # and `approve` would count as begun
        return current if current.status is Status.UNTRANSLATED and not current.text else EditState()
    if not confirmed:
        if text == current.text:
            return current
        return EditState(text, Status.DRAFT, Origin.HUMAN)
    if text == current.text and current.origin in (Origin.MT, Origin.TM, Origin.IMPORT, Origin.PREVIOUS_VERSION):
        # accepted unchanged: the text is still the model's (or memory's); the person vouches for it
        return EditState(text, Status.TRANSLATED, current.origin, current.origin_detail, current.score)
    if text == current.text and current.status is Status.APPROVED:
        return current  # confirming an approved text unchanged keeps the approval
    return EditState(text, Status.TRANSLATED, Origin.HUMAN)


def write_state(project: Project, segment_id: int, language: str, state: EditState, author: str, note: str) -> None:
    """Set the translation to `state` in one transaction, with its revision."""
    with project.transaction() as db:
        write_translation(db, segment_id, language, stored_state(state, author), now(), note=note)


def stored_state(state: EditState, author: str) -> records.TranslationState:
    """What `write_translation` writes for `state` set by `author` (undo's record carries no author)."""
    return records.TranslationState(
        state.text, state.status, state.origin, state.origin_detail, author, state.score, state.flags
    )
