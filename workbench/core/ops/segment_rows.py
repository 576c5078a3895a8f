"""A segment row and its translations as they were, so split and join can put them back exactly.

Split and join change a segment's source and translations in place; their undo needs the rows from
before, every column, not what a `SegmentRecord` shows. These are plain snapshots: taken inside the
operation's transaction and written back inside the undo's.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from workbench.core.errors import ProjectError
from workbench.core.records import ORIGIN_BY_VALUE, STATUS_BY_VALUE, Status, TranslationState

#: the segment columns a snapshot keeps (all of them: the id names the row)
COLUMNS = (
    "id", "document_id", "position", "paragraph", "source", "words", "space_after", "translatable",
    "translatable_by_user", "skip_reason", "spans", "context_key", "meta", "created_at", "removed_at",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoredSegment:
    """Every column of one `segments` row, as it was."""

    id: int
    document_id: int
    position: int | None
    paragraph: int
    source: str
    words: int
    space_after: str
    translatable: int
    translatable_by_user: int
    skip_reason: str
    spans: str
    context_key: str
    meta: str
    created_at: str
    removed_at: str | None

    def values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in COLUMNS)


def stored_segment(db: sqlite3.Connection, segment_id: int) -> StoredSegment | None:
    row = db.execute(f"SELECT {', '.join(COLUMNS)} FROM segments WHERE id = ?", (segment_id,)).fetchone()
    return None if row is None else StoredSegment(*row)


def restore_segment(db: sqlite3.Connection, stored: StoredSegment) -> None:
    """Put every column of the row back as it was (inserting it if it is gone)."""
    marks = ", ".join("?" * len(COLUMNS))
    updates = ", ".join(f"{name} = excluded.{name}" for name in COLUMNS[1:])
    db.execute(
        f"INSERT INTO segments({', '.join(COLUMNS)}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}",
        stored.values(),
    )


def stored_translations(db: sqlite3.Connection, segment_id: int) -> dict[str, TranslationState]:
    """The segment's translation rows by language (a language without a row is untranslated)."""
    found = {}
    with_values = db.execute(
        "SELECT language, text, status, origin, origin_detail, author, score, flags FROM translations"
        " WHERE segment_id = ?",
        (segment_id,),
    ).fetchall()
    for language, text, status, origin, detail, author, score, flags in with_values:
        if status not in STATUS_BY_VALUE or origin not in ORIGIN_BY_VALUE:
            raise ProjectError(f"segment {segment_id} has a translation the workbench cannot read ({status!r})")
        found[language] = TranslationState(
            text, STATUS_BY_VALUE[status], ORIGIN_BY_VALUE[origin], detail, author, score, tuple(flags.splitlines())
        )
    return found


def note_revision(db: sqlite3.Connection, segment_id: int, language: str, state: TranslationState | None,
                  note: str, stamp: str) -> None:  # fmt: skip
    """A revision saying what happened to a segment whose translation row did not change (or has none)."""
    if state is None:
        db.execute(
            """INSERT INTO revisions(segment_id, language, text, status, origin, note, created_at)
               VALUES (?, ?, '', 'untranslated', '', ?, ?)""",
            (segment_id, language, note, stamp),
        )
        return
    db.execute(
        """INSERT INTO revisions(segment_id, language, text, status, origin, origin_detail, author, score, note,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (segment_id, language, state.text, str(state.status), str(state.origin), state.origin_detail,
         state.author, state.score, note, stamp),
    )  # fmt: skip


def stored_comments(db: sqlite3.Connection, segment_id: int) -> dict[str, tuple[str, str, str]]:
    """The segment's comments by language: (text, author, updated_at)."""
    rows = db.execute("SELECT language, text, author, updated_at FROM comments WHERE segment_id = ?", (segment_id,))
    return {language: (text, author, stamp) for language, text, author, stamp in rows}


def restore_comments(db: sqlite3.Connection, segment_id: int, comments: dict[str, tuple[str, str, str]]) -> None:
    """The segment's comments exactly as `comments` (a language not in it has none)."""
    db.execute("DELETE FROM comments WHERE segment_id = ?", (segment_id,))
    db.executemany(
        "INSERT INTO comments(segment_id, language, text, author, updated_at) VALUES (?, ?, ?, ?, ?)",
        [(segment_id, language, *values) for language, values in comments.items()],
    )


@dataclass(frozen=True, slots=True)
class Trace:
    """What an operation left on its segments (rows, translations, comments), so its undo can tell whether
    anyone wrote on them since: an undo that put the old rows back would lose that work. An edit undone
    back to what the operation left loses nothing, so it does not count (an empty untranslated row, what the
    window's undo of a first translation leaves, is the same as no row)."""

    rows: tuple[StoredSegment | None, ...]
    translations: tuple[dict[str, TranslationState], ...]
    comments: tuple[dict[str, tuple[str, str, str]], ...]


def trace(db: sqlite3.Connection, segment_ids: tuple[int, ...]) -> Trace:
    """The segments as the operation left them, taken inside its transaction."""
    return Trace(
        tuple(stored_segment(db, i) for i in segment_ids),
        tuple(_worked(stored_translations(db, i)) for i in segment_ids),
        tuple(stored_comments(db, i) for i in segment_ids),
    )


def changed_since(db: sqlite3.Connection, segment_ids: tuple[int, ...], left: Trace) -> bool:
    """Whether the segments differ from `left` now (a translation, a comment, the row itself)."""
    return trace(db, segment_ids) != left


def _worked(translations: dict[str, TranslationState]) -> dict[str, TranslationState]:
    return {k: t for k, t in translations.items() if t.text or t.status is not Status.UNTRANSLATED}
