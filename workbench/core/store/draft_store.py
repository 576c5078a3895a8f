"""Machine-translation drafts in the project: the cache of model outputs and the writing of drafts.

A draft never overwrites work a person did meanwhile: only segments still untranslated in that
language receive one. Each batch is one transaction, so an interrupted pre-translation keeps every
batch it finished.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.core.records import Origin, Status, TranslationState
from workbench.core.store.draft_notes import meta_of, write_note
from workbench.core.store.project_store import Project
from workbench.core.store.translations import write_translation
from workbench.core.timestamps import now


@dataclass(frozen=True, slots=True)
class CachedDraft:
    text: str
    score: float | None
    flags: tuple[str, ...]
    #: what the pipeline recorded about the draft (signals, terms enforced, rules applied): `draft_notes`
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NewDraft:
    source: str
    segment_ids: tuple[int, ...]
    text: str
    score: float | None
    flags: tuple[str, ...]
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: the quality estimate made before saving (core/quality), stored in the notes; None: not estimated
    quality: float | None = None
    band: str = ""
    signals: Mapping[str, Any] = field(default_factory=dict)
    #: cached and noted but not written into the cell (a poor draft pre-translation leaves out)
    leave_out: bool = False


@dataclass(frozen=True, slots=True)
class SavedDrafts:
    #: the segments that received the draft in their cell
    written: list[int]
    #: the still-untranslated segments whose draft was left out of the cell (noted and cached only)
    left_out: list[int]


def cached_drafts(
    project: Project, model: str, options: str, language: str, sources: Iterable[str]
) -> dict[str, CachedDraft]:
    found: dict[str, CachedDraft] = {}
    wanted = list(dict.fromkeys(sources))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = project.connection.execute(
            f"""SELECT source, text, score, flags, meta FROM mt_cache WHERE model = ? AND options = ? AND language = ?
                AND source IN ({",".join("?" * len(chunk))})""",
            [model, options, language, *chunk],
        )
        for row in rows:
            found[row["source"]] = CachedDraft(
                row["text"], row["score"], tuple(row["flags"].splitlines()), meta_of(row["meta"])
            )
    return found


def save_drafts(
    project: Project, model: str, options: str, language: str, drafts: Sequence[NewDraft], cache: bool = True
) -> SavedDrafts:
    """Store drafts (and cache them) with their notes and estimates; says which segments received one and
    which had theirs left out of the cell."""
    stamp = now()
    changed: list[int] = []
    left_out: list[int] = []
    with project.transaction() as db:
        for draft in drafts:
            if cache:
                db.execute(
                    """INSERT OR REPLACE INTO mt_cache(model, options, language, source, text, score, flags, meta,
                       created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        model,
                        options,
                        language,
                        draft.source,
                        draft.text,
                        draft.score,
                        "\n".join(draft.flags),
                        json.dumps(dict(draft.meta), ensure_ascii=False),
                        stamp,
                    ),
                )
            for segment_id in draft.segment_ids:
                current = db.execute(
                    "SELECT status FROM translations WHERE segment_id = ? AND language = ?", (segment_id, language)
                ).fetchone()
                if current is not None and current["status"] != Status.UNTRANSLATED:
                    continue
                if draft.leave_out:
                    left_out.append(segment_id)
                else:
                    state = TranslationState(
                        draft.text, Status.DRAFT, Origin.MT, model, score=draft.score, flags=draft.flags
                    )
                    write_translation(db, segment_id, language, state, stamp, note="machine translation")
                    changed.append(segment_id)
                write_note(
                    db, segment_id, language, draft.text, model, draft.meta, draft.quality, draft.band, draft.signals
                )
    return SavedDrafts(changed, left_out)
