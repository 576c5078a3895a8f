"""Back-translations in the project: which machine drafts still lack one, the cache of them, and their writing.

The cache (table `back_translations`) is keyed like the drafts' own: the model, the decoding options' key,
the draft's language and the draft's text, so a draft repeated in many segments, or made again after a
re-import, is back-translated once. A back-translation is written into a draft's notes only while the cell
still holds that machine draft: a person's edit is no longer the model's output, and what the model said
about the old text is not shown under the new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.records import Origin, Status
from workbench.core.store.draft_notes import set_back_translation
from workbench.core.timestamps import now


@dataclass(frozen=True, slots=True)
class CachedBack:
    back: str
    score: float | None


@dataclass(frozen=True, slots=True)
class NewBack:
    """A back-translation of `draft` (the text of every one of `segment_ids`' cells) by a model."""

    draft: str
    segment_ids: tuple[int, ...]
    back: str
    score: float | None


def drafts_without_back(
    db: sqlite3.Connection, language: str, document_id: int | None = None, segment_ids: Iterable[int] | None = None
) -> list[tuple[int, str]]:
    """(segment id, draft) of the machine drafts still in their cell with no back-translation, in document order."""
    sql = """SELECT t.segment_id, t.text FROM translations t
             JOIN draft_notes n ON n.segment_id = t.segment_id AND n.language = t.language
             JOIN segments s ON s.id = t.segment_id
             WHERE t.language = ? AND t.status = ? AND t.origin = ? AND n.draft = t.text
             AND n.back_translation IS NULL AND s.position IS NOT NULL AND t.text != ''"""
    args: list[object] = [language, str(Status.DRAFT), str(Origin.MT)]
    if document_id is not None:
        sql += " AND s.document_id = ?"
        args.append(document_id)
    rows = [(r[0], r[1]) for r in db.execute(sql + " ORDER BY s.document_id, s.position", args)]
    if segment_ids is None:
        return rows
    wanted = set(segment_ids)
    return [row for row in rows if row[0] in wanted]


def cached_backs(
    db: sqlite3.Connection, model: str, options: str, language: str, drafts: Iterable[str]
) -> dict[str, CachedBack]:
    """The cached back-translations of these drafts by `model` under `options`, by draft."""
    found: dict[str, CachedBack] = {}
    wanted = list(dict.fromkeys(drafts))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = db.execute(
            f"""SELECT text, back, score FROM back_translations WHERE model = ? AND options = ? AND language = ?
                AND text IN ({",".join("?" * len(chunk))})""",
            [model, options, language, *chunk],
        )
        for row in rows:
            found[row["text"]] = CachedBack(row["back"], row["score"])
    return found


def _still_the_draft(db: sqlite3.Connection, segment_id: int, language: str, draft: str) -> bool:
    row = db.execute(
        "SELECT text, status, origin FROM translations WHERE segment_id = ? AND language = ?", (segment_id, language)
    ).fetchone()
    return row is not None and row["text"] == draft and row["status"] == Status.DRAFT and row["origin"] == Origin.MT


def write_backs(
    db: sqlite3.Connection, model: str, options: str, language: str, backs: Sequence[NewBack], cache: bool = True
) -> list[int]:
    """Cache the back-translations and note each on the segments still holding its draft (the caller holds the
    transaction); returns the ids of the segments noted."""
    stamp = now()
    noted: list[int] = []
    for item in backs:
        if cache:
            db.execute(
                """INSERT OR REPLACE INTO back_translations(model, options, language, text, back, score, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (model, options, language, item.draft, item.back, item.score, stamp),
            )
        for segment_id in item.segment_ids:
            if _still_the_draft(db, segment_id, language, item.draft) and set_back_translation(
                db, segment_id, language, item.draft, item.back, model
            ):
                noted.append(segment_id)
    return noted
