"""Find & replace in one target language, planned first so the translator sees every change before it is made.

Applying the plan is one transaction: every checked replacement is written, or (a full disk) none is. A
replacement is a person's edit, but not a confirmation: a draft stays a draft that still needs a person,
anything else becomes translated text by the person who replaced.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.ops.translation_edits import EditState, stored_state
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.store.segment_filter import fold
from workbench.core.store.translations import write_translation
from workbench.core.tags.inline_tags import TagMap, markers
from workbench.core.timestamps import now

#: the note on each revision a replacement writes
NOTE = "find & replace"


@dataclass(frozen=True, slots=True)
class Replacement:
    segment_id: int
    language: str
    before: str
    after: str
    count: int


def plan_replacements(
    project: Project,
    segment_ids: Sequence[int],
    language: str,
    find: str,
    replace: str,
    match_case: bool = False,
    ignore_diacritics: bool = False,
) -> list[Replacement]:
    """Every target text among `segment_ids` that contains `find`, with the text it would become."""
    if not find:
        return []
    needle = fold(find, match_case, ignore_diacritics)
    plans = []
    for start in range(0, len(segment_ids), 500):
        for segment in project.segments_by_ids(segment_ids[start : start + 500]):
            translation = segment.translations.get(language)
            if translation is None or not translation.text:
                continue
            after, count = _replace(translation.text, needle, replace, match_case, ignore_diacritics, segment.tags)
            if count:
                plans.append(Replacement(segment.id, language, translation.text, after, count))
    return plans


def replaced(before: EditState, text: str) -> EditState:
    """The state a replacement leaves: a draft (or nothing) stays a draft, anything else is translated; by a person."""
    status = Status.DRAFT if before.status in (Status.DRAFT, Status.UNTRANSLATED) else Status.TRANSLATED
    return EditState(text, status, Origin.HUMAN)


def apply_replacements(project: Project, plans: Sequence[Replacement], author: str) -> SegmentChanges:
    """Write the planned replacements in one transaction; a segment whose text changed since the plan was
    made is left alone. Says which segments were written."""
    languages = list(dict.fromkeys(plan.language for plan in plans))
    if len(languages) > 1:
        raise WorkbenchError(f"find & replace works in one language at a time, not {', '.join(languages)}")
    written: list[int] = []
    stamp = now()
    with project.transaction() as db:
        current = {
            segment.id: EditState.of(segment.translations.get(languages[0]))
            for start in range(0, len(plans), 500)
            for segment in project.segments_by_ids([p.segment_id for p in plans[start : start + 500]])
        }
        for plan in plans:
            before = current.get(plan.segment_id)
            if before is None or before.text != plan.before:
                continue  # changed since the preview: leave it
            after = stored_state(replaced(before, plan.after), author)
            write_translation(db, plan.segment_id, plan.language, after, stamp, note=NOTE)
            written.append(plan.segment_id)
    return SegmentChanges.of(written, *languages)


def _replace(
    text: str, needle: str, replacement: str, match_case: bool, ignore_diacritics: bool, tags: TagMap | None = None
) -> tuple[str, int]:
    """`text` with `needle` replaced; a match that touches a tag marker (`<b1>`) is left alone, so a
    replacement never breaks the formatting export rebuilds from the markers."""
    text = unicodedata.normalize("NFC", text)
    folded = fold(text, match_case, ignore_diacritics)
    kept = [(m.start, m.end) for m in markers(text, tags or {})]
    pieces = []
    count = 0
    position = search = 0
    while True:
        found = folded.find(needle, search)
        if found < 0:
            break
        end = found + len(needle)
        if any(start < end and found < stop for start, stop in kept):
            search = found + 1
            continue
        pieces.append(text[position:found])
        pieces.append(replacement)
        position = search = end
        count += 1
    pieces.append(text[position:])
    return "".join(pieces), count
