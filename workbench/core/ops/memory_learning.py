"""The shared memory learns what people confirmed, whichever way the text became confirmed.

Typing and Ctrl+Enter, an approval, an approval with a correction, a merged hand-off: each use case
passes what it changed here after its transaction, and the confirmed text (translated or approved, not
empty) goes into the user's shared memory, so the next project finds it. Drafts and untranslated
segments never do. The caller opens the shared memory (the CLI through `AppContext`, the window holds
one) and passes it; the core never opens it from a global path itself.

The project's own memory needs nothing from here: `write_translation` feeds it in the same transaction.
"""

from __future__ import annotations

import logging

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.records import CONFIRMED, Status
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

log = logging.getLogger(__name__)

#: segments read at a time (SQLite's limit on bound parameters is far above, the memory use is not)
_PAGE = 500


def confirmed_units(project: Project, changes: SegmentChanges) -> list[MemoryUnit]:
    """The confirmed translations of the changed segments in the changed languages (every target language
    when the change names none), as memory units from this project by their authors."""
    return [unit for unit, _approved in _confirmed(project, changes)]


def _confirmed(project: Project, changes: SegmentChanges) -> list[tuple[MemoryUnit, bool]]:
    """`confirmed_units`, each with whether its text is approved (the team memory marks those)."""
    ids = list(changes.segment_ids)
    languages = changes.languages or project.info.target_languages
    units: list[tuple[MemoryUnit, bool]] = []
    for start in range(0, len(ids), _PAGE):
        for segment in project.segments_by_ids(ids[start : start + _PAGE]):
            for language in languages:
                translation = segment.translations.get(language)
                if translation is None or translation.status not in CONFIRMED or not translation.text.strip():
                    continue
                unit = MemoryUnit(
                    segment.source, translation.text, language, origin=project.info.name, author=translation.author
                )
                units.append((unit, translation.status == Status.APPROVED))
    return units


def learn_confirmed(project: Project, changes: SegmentChanges, shared: SharedMemory) -> int:
    """Add the confirmed text of the changed segments to the shared memory; returns how many units were new.
    With a team outbox on the shared memory, the same units are queued for the team memory (a local file:
    no server is asked, so an unreachable one never slows or fails a confirmation)."""
    learned = _confirmed(project, changes)
    added = shared.add([unit for unit, _approved in learned], now()) if learned else 0
    if learned and shared.team_outbox is not None:
        try:
            shared.team_outbox.queue_learned(learned)
        except WorkbenchError as exc:
            log.warning("%d units were not queued for the team memory: %s", len(learned), exc)
    return added


def learned(project: Project, changes: SegmentChanges, shared: SharedMemory | None) -> SegmentChanges:
    """`changes`, marked as changing a memory when the shared one learned from them. Called after the
    project's transaction: the project's change is made and stays made even when the shared memory
    cannot be written (a full disk, say), which is logged rather than reported as the change failing."""
    if shared is None or not changes.segment_ids:
        return changes
    try:
        added = learn_confirmed(project, changes, shared)
    except WorkbenchError as exc:
        log.warning("the shared memory did not learn %d segments: %s", len(changes.segment_ids), exc)
        return changes
    return (changes | SegmentChanges(memory=True)) if added else changes
