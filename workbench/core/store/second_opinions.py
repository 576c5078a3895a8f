"""A second model's drafts of sources that already have a machine draft: the quality estimate's `agreement`.

They live in the MT cache (table `mt_cache`) under that model's name and options, like any other draft, so
the estimate (core/quality/signals.other_drafts) and the side panel's suggestions find them; they are never
written into a cell, and a row the cache already has is never replaced.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.timestamps import now


@dataclass(frozen=True, slots=True)
class DraftedSource:
    """A segment's source text, its protected spans, and the model that made the draft in its notes."""

    segment_id: int
    source: str
    spans: tuple[ProtectedSpan, ...]
    model: str


@dataclass(frozen=True, slots=True)
class Opinion:
    """A second model's draft of `source` (cache only)."""

    source: str
    text: str
    score: float | None
    flags: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)


def drafted_sources(db: sqlite3.Connection, language: str, segment_ids: Iterable[int]) -> list[DraftedSource]:
    """The segments' sources with the model of their draft in `language` (from the notes), in id order."""
    ids = sorted(set(segment_ids))
    found: list[DraftedSource] = []
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        rows = db.execute(
            f"""SELECT s.id, s.source, s.spans, n.model FROM segments s
                JOIN draft_notes n ON n.segment_id = s.id AND n.language = ?
                WHERE s.id IN ({",".join("?" * len(chunk))}) ORDER BY s.id""",
            [language, *chunk],
        )
        for sid, source, spans, model in rows:
            decoded = () if spans == "[]" else tuple(ProtectedSpan.from_json(source, i) for i in json.loads(spans))
            found.append(DraftedSource(sid, source, decoded, model))
    return found


def sources_drafted_by(db: sqlite3.Connection, model: str, language: str, sources: Iterable[str]) -> set[str]:
    """Those of `sources` the cache holds a draft of by `model` in `language`, under any options."""
    wanted = list(dict.fromkeys(sources))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = db.execute(
            f"""SELECT DISTINCT source FROM mt_cache WHERE model = ? AND language = ?
                AND source IN ({",".join("?" * len(chunk))})""",
            [model, language, *chunk],
        )
        found.update(row[0] for row in rows)
    return found


def cache_opinions(db: sqlite3.Connection, model: str, options: str, language: str, opinions: Sequence[Opinion]) -> int:
    """Cache the drafts (the caller holds the transaction); says how many rows were new."""
    stamp = now()
    added = 0
    for item in opinions:
        cursor = db.execute(
            """INSERT OR IGNORE INTO mt_cache(model, options, language, source, text, score, flags, meta, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                model,
                options,
                language,
                item.source,
                item.text,
                item.score,
                "\n".join(item.flags),
                json.dumps(dict(item.meta), ensure_ascii=False),
                stamp,
            ),
        )
        added += cursor.rowcount
    return added
