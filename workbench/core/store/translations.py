"""Writing translations: each one with its revision, and into the project's memory once a person confirmed it."""

from __future__ import annotations

import sqlite3

from workbench.core.errors import ProjectError
from workbench.core.memory.translation_memory import MemoryUnit, add_unit
from workbench.core.records import CONFIRMED, Origin, SegmentRecord, Status, TranslationState
from workbench.core.store.segment_queries import SegmentQueries
from workbench.core.timestamps import now


def write_translation(
    db: sqlite3.Connection, segment_id: int, language: str, state: TranslationState, stamp: str, note: str = ""
) -> None:
    """Set a translation and append its revision; the caller holds the transaction."""
    text, status, origin, origin_detail, author, score = (
        state.text, state.status, state.origin, state.origin_detail, state.author, state.score
    )  # fmt: skip
    db.execute(
        """INSERT INTO translations(segment_id, language, text, status, origin, origin_detail, author, score,
           updated_at, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(segment_id, language) DO UPDATE SET text=excluded.text, status=excluded.status,
           origin=excluded.origin, origin_detail=excluded.origin_detail, author=excluded.author,
           score=excluded.score, updated_at=excluded.updated_at, flags=excluded.flags""",
        (
            segment_id,
            language,
            text,
            str(status),
            str(origin),
            origin_detail,
            author,
            score,
            stamp,
            "\n".join(state.flags),
        ),
    )
    db.execute(
        """INSERT INTO revisions(segment_id, language, text, status, origin, origin_detail, author, score, note,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (segment_id, language, text, str(status), str(origin), origin_detail, author, score, note, stamp),
    )
    if status in CONFIRMED and text.strip():
        # the project's memory: every text a person confirmed, kept even if the segment changes later
        row = db.execute("SELECT source FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is not None:
            add_unit(db, MemoryUnit(row[0], text, language, origin="project", author=author), stamp)


class TranslationWrites(SegmentQueries):
    """One segment's translation saved in its own transaction (the window's and the CLI's single edits)."""

    def save_translation(
        self,
        segment_id: int,
        language: str,
        text: str,
        status: Status,
        origin: Origin,
        author: str,
        origin_detail: str = "",
        score: float | None = None,
        note: str = "",
    ) -> SegmentRecord:
        """Set one segment's translation into one language and append the revision, in one transaction."""
        if language not in self.info.target_languages:
            raise ProjectError(f"{language!r} is not a target language of {self.path.name}")
        with self.transaction() as db:
            if (
                db.execute("SELECT 1 FROM segments WHERE id = ? AND position IS NOT NULL", (segment_id,)).fetchone()
                is None
            ):
                raise ProjectError(f"there is no segment {segment_id} in {self.path.name}")
            state = TranslationState(text, status, origin, origin_detail, author, score)
            write_translation(db, segment_id, language, state, now(), note)
        return self.segment(segment_id)
