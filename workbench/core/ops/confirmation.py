"""A person's edit or confirmation made from a script (`edit`, `confirm`), by the rules the window follows.

The status rules are `translation_edits.edited`'s, as for typing in the grid and Ctrl+Enter: a confirmed
text is *translated*; a machine or memory draft confirmed unchanged keeps its origin; editing approved text
returns it to translated (an editor approves it again). A segment that does not exist, was removed (by a
re-import or a join) or is not for translation is refused with a message naming it, before anything is written.
An empty text (spaces only too) clears the segment: it is untranslated again, as when a person empties a cell
in the window and leaves it; an empty text cannot be confirmed. After a confirmation its repetitions are filled as the settings say (`repetitions.fill_repetitions`), in
the same transaction: the project never holds the confirmation without its repetitions; the repetitions
left because a person's different text is there are counted, so the caller can say so. `confirm` of many
segments groups the project's sources once (`RepetitionIndex`) instead of scanning it for each one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.memory_learning import learned
from workbench.core.ops.repetitions import MODES, RepetitionIndex, fill_repetitions, kept_repetitions
from workbench.core.ops.translation_edits import EditState, edited, stored_state
from workbench.core.records import SegmentRecord, Status
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import how_removed, label_of
from workbench.core.store.translations import write_translation
from workbench.core.timestamps import now


@dataclass(frozen=True, slots=True)
class EditOutcome:
    """What `edit_segment` did: the state before and after, the repetitions it filled and those it left."""

    segment_id: int
    label: str
    before: EditState
    after: EditState
    propagated: tuple[int, ...] = ()
    #: repetitions left as they are: a person's different text is there
    kept: tuple[int, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class ConfirmOutcome:
    """What `confirm_drafts` did: the drafts confirmed, the empty ones left, and the repetitions filled."""

    confirmed: tuple[int, ...]
    empty: tuple[int, ...]
    propagated: tuple[int, ...]
    #: segments asked for by id that were not drafts: (id, their status)
    not_drafts: tuple[tuple[int, Status], ...] = ()
    #: repetitions left as they are: a person's different text is there
    kept: tuple[int, ...] = ()


def editable_segment(project: Project, segment_id: int, language: str) -> SegmentRecord:
    """The segment, if a person may write its `language` translation; else a WorkbenchError saying why."""
    _check_language(project, language)
    segment = project.segment(segment_id)  # no such segment: ProjectError naming it
    label = label_of(project, segment_id)
    if segment.position < 0:
        raise WorkbenchError(f"segment {segment_id} was {how_removed(project, segment_id)}: it cannot be edited")
    if not segment.translatable:
        raise WorkbenchError(
            f"{label} is not for translation ({segment.skip_reason or 'marked so'}); "
            f"`mark {project.path.name} {segment_id} --translate` makes it one to translate"
        )
    return segment


def _check_mode(propagate: str) -> None:
    if propagate not in MODES:
        raise WorkbenchError(f"unknown way to propagate repetitions {propagate!r}: choose {', '.join(MODES)}")


def _check_language(project: Project, language: str) -> None:
    if language not in project.info.target_languages:
        raise WorkbenchError(
            f"{language!r} is not a target language of {project.path.name}"
            f" (its targets: {', '.join(project.info.target_languages)})"
        )


def edit_segment(
    project: Project, segment_id: int, language: str, text: str, author: str, confirm: bool,
    propagate: str = "off", memory: SharedMemory | None = None,
) -> EditOutcome:  # fmt: skip
    """Set the segment's `language` text to `text` as `author` typed it (and confirmed it with `confirm`), in
    one transaction with its revision; a confirmed text fills its repetitions (`propagate`: "translated",
    "draft" or "off") and teaches the shared memory."""
    segment = editable_segment(project, segment_id, language)
    if confirm and not text.strip():
        raise WorkbenchError(f"{label_of(project, segment_id)}: an empty translation cannot be confirmed")
    _check_mode(propagate)
    before = EditState.of(segment.translations.get(language))
    after = edited(before, text, confirm)
    propagated: list[int] = []
    kept: list[int] = []
    with project.transaction() as db:
        if after != before:
            write_translation(db, segment_id, language, stored_state(after, author), now(), note="edited by a script")
        # what a crashed window left unconfirmed here is older than this edit
        db.execute("DELETE FROM unconfirmed_edits WHERE segment_id = ? AND language = ?", (segment_id, language))
        if confirm and MODES[propagate] is not None:
            propagated = fill_repetitions(db, project, segment_id, language, author, propagate)
            kept = kept_repetitions(db, segment_id, language)
    if confirm:
        learned(project, SegmentChanges.of([segment_id, *propagated], language), memory)
    return EditOutcome(segment_id, label_of(project, segment_id), before, after, tuple(propagated), tuple(kept))


def confirm_drafts(
    project: Project, language: str, author: str, document_id: int | None = None,
    segment_ids: Sequence[int] | None = None, propagate: str = "off", memory: SharedMemory | None = None,
) -> ConfirmOutcome:  # fmt: skip
    """Confirm the drafts with text (of a document, the segments named, or the project) as Ctrl+Enter does,
    in one transaction: each becomes translated. Empty drafts are left and counted; named segments that
    are not drafts are listed with their status. Each confirmed segment's repetitions are filled in the same
    transaction, in the order confirmed (all the confirmations first, as before)."""
    _check_mode(propagate)
    if segment_ids is not None:
        for segment_id in segment_ids:
            editable_segment(project, segment_id, language)
        segments = project.segments_by_ids(list(segment_ids))
    else:
        _check_language(project, language)
        segments = [s for s in project.segments(document_id, Status.DRAFT, language) if s.translatable]
    confirmed: list[int] = []
    empty: list[int] = []
    not_drafts: list[tuple[int, Status]] = []
    stamp = now()
    with project.transaction() as db:
        for segment in segments:
            current = segment.translations[language]
            if current.status is not Status.DRAFT:
                not_drafts.append((segment.id, current.status))
                continue
            if not current.text.strip():
                empty.append(segment.id)
                continue
            after = edited(EditState.of(current), current.text, confirmed=True)
            write_translation(
                db, segment.id, language, stored_state(after, author), stamp, note="confirmed by a script"
            )
            confirmed.append(segment.id)
        propagated: list[int] = []
        kept: dict[int, None] = {}  # in order, each once
        if confirmed and MODES[propagate] is not None:
            index = RepetitionIndex(db, language)
            texts = {segment.id: segment.translations[language].text for segment in segments}
            for segment_id in confirmed:
                propagated += fill_repetitions(db, project, segment_id, language, author, propagate, index)
                kept.update(dict.fromkeys(index.kept(segment_id, texts[segment_id])))
    learned(project, SegmentChanges.of([*confirmed, *propagated], language), memory)
    done = set(confirmed)
    kept_ids = tuple(i for i in kept if i not in done)
    return ConfirmOutcome(tuple(confirmed), tuple(empty), tuple(propagated), tuple(not_drafts), kept_ids)
