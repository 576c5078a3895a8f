"""What is known about each machine draft beyond its text: the signals and quality estimate, the glossary terms
enforced and edit rules applied when it was made, and its back-translation into the source language.

One row per segment and language (table `draft_notes`), about the draft named in it: once a person edits
the cell the notes still describe the machine draft (the post-editing history and the quality fit read them),
and `DraftNote.describes` says whether they describe the text now in the cell.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.core.records import Translation
from workbench.core.timestamps import now

if TYPE_CHECKING:
    from workbench.core.store.project_store import Project

#: the quality bands, best first (core/quality decides them)
BANDS = ("good", "check", "poor")
#: "poor drafts first": the bands in the order shown; anything else (not estimated, no machine draft) after
BAND_ORDER = tuple(reversed(BANDS))


def band_rank(band: str | None) -> int:
    """0 for poor, 1 check, 2 good, 3 for anything else (not estimated, no machine draft)."""
    return BAND_ORDER.index(band) if band in BAND_ORDER else len(BAND_ORDER)


@dataclass(frozen=True, slots=True)
class DraftNote:
    segment_id: int
    language: str
    #: the machine draft these notes are about
    draft: str
    model: str = ""
    #: {"signals": {name: value}, "terms": [...], "rules": [...]}, as the pipeline and the quality estimate wrote it
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: 0.0-1.0, the estimated chance that the draft is confirmed unchanged or nearly so; None: not estimated yet
    quality: float | None = None
    #: "good", "check", "poor", or "" when not estimated
    band: str = ""
    back_translation: str | None = None
    back_model: str = ""

    @property
    def signals(self) -> Mapping[str, Any]:
        value = self.meta.get("signals", {})
        return value if isinstance(value, Mapping) else {}

    def describes(self, translation: Translation | None) -> bool:
        """Whether these notes are about the text now in the cell (not edited since the model wrote it)."""
        return translation is not None and translation.text == self.draft


def meta_of(text: str | None) -> dict[str, Any]:
    """A stored meta JSON (draft_notes, mt_cache) as a dict; {} for one that does not parse to an object."""
    try:
        meta = json.loads(text or "{}")
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _note(row: sqlite3.Row) -> DraftNote:
    return DraftNote(
        row["segment_id"],
        row["language"],
        row["draft"],
        row["model"],
        meta_of(row["meta"]),
        row["quality"],
        row["band"],
        row["back_translation"],
        row["back_model"],
    )


def read_notes(db: sqlite3.Connection, language: str, segment_ids: Iterable[int] | None = None) -> dict[int, DraftNote]:
    """The notes of these segments (all of the language's with None), by segment id."""
    if segment_ids is None:
        rows = db.execute("SELECT * FROM draft_notes WHERE language = ?", (language,)).fetchall()
        return {r["segment_id"]: _note(r) for r in rows}
    ids = list(dict.fromkeys(segment_ids))
    found: dict[int, DraftNote] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for r in db.execute(
            f"SELECT * FROM draft_notes WHERE language = ? AND segment_id IN ({','.join('?' * len(chunk))})",
            [language, *chunk],
        ):
            found[r["segment_id"]] = _note(r)
    return found


def write_note(
    db: sqlite3.Connection,
    segment_id: int,
    language: str,
    draft: str,
    model: str,
    meta: Mapping[str, Any],
    quality: float | None = None,
    band: str = "",
    signals: Mapping[str, Any] | None = None,
) -> None:
    """A new machine draft's notes (the caller holds the transaction), with its estimate when one was made
    (`signals` then replace the meta's, as `set_quality` does); the back-translation starts empty."""
    stored = dict(meta)
    if quality is not None and signals is not None:
        stored["signals"] = dict(signals)
    db.execute(
        """INSERT OR REPLACE INTO draft_notes(segment_id, language, draft, model, meta, quality, band,
           back_translation, back_model, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, '', ?)""",
        (segment_id, language, draft, model, json.dumps(stored, ensure_ascii=False), quality,
         band if quality is not None else "", now()),
    )  # fmt: skip


def set_quality(
    db: sqlite3.Connection,
    segment_id: int,
    language: str,
    quality: float,
    band: str,
    signals: Mapping[str, Any],
) -> None:
    """Store a draft's quality estimate and the signals it came from (merged into its meta)."""
    row = db.execute(
        "SELECT meta FROM draft_notes WHERE segment_id = ? AND language = ?", (segment_id, language)
    ).fetchone()
    if row is None:
        return
    meta = meta_of(row["meta"])
    meta["signals"] = dict(signals)
    db.execute(
        "UPDATE draft_notes SET quality = ?, band = ?, meta = ?, updated_at = ? WHERE segment_id = ? AND language = ?",
        (quality, band, json.dumps(meta, ensure_ascii=False), now(), segment_id, language),
    )


def set_back_translation(
    db: sqlite3.Connection, segment_id: int, language: str, draft: str, back: str, model: str
) -> bool:
    """Store the back-translation of a segment's draft, if the notes are still about that draft."""
    cursor = db.execute(
        """UPDATE draft_notes SET back_translation = ?, back_model = ?, updated_at = ?
           WHERE segment_id = ? AND language = ? AND draft = ?""",
        (back, model, now(), segment_id, language, draft),
    )
    return cursor.rowcount > 0


def notes_for(project: Project, language: str, segment_ids: Iterable[int] | None = None) -> dict[int, DraftNote]:
    """`read_notes` on an open project (the window and the commands hold a Project, not a connection)."""
    return read_notes(project.connection, language, segment_ids)
