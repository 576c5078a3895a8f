"""Find & replace in one target language, planned first so the translator sees every change before it is made."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.store.project_store import Project
from workbench.core.store.segment_filter import fold


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
            after, count = _replace(translation.text, needle, replace, match_case, ignore_diacritics)
            if count:
                plans.append(Replacement(segment.id, language, translation.text, after, count))
    return plans


def _replace(text: str, needle: str, replacement: str, match_case: bool, ignore_diacritics: bool) -> tuple[str, int]:
    text = unicodedata.normalize("NFC", text)
    folded = fold(text, match_case, ignore_diacritics)
    pieces = []
    count = 0
    position = 0
    while True:
        found = folded.find(needle, position)
        if found < 0:
            break
        pieces.append(text[position:found])
        pieces.append(replacement)
        position = found + len(needle)
        count += 1
    pieces.append(text[position:])
    return "".join(pieces), count
