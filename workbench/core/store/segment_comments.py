"""One free-text comment per segment and target language (a question for the editor, a note on a name)."""

from __future__ import annotations

import sqlite3

from workbench.core.store.project_store import Project
from workbench.core.timestamps import now


def comment(project: Project, segment_id: int, language: str) -> str:
    row = project.connection.execute(
        "SELECT text FROM comments WHERE segment_id = ? AND language = ?", (segment_id, language)
    ).fetchone()
    return str(row["text"]) if row else ""


def set_comment(project: Project, segment_id: int, language: str, text: str, author: str) -> None:
    """Store the comment in its own transaction; an empty one removes it."""
    with project.transaction() as db:
        write_comment(db, segment_id, language, text, author, now())


def write_comment(db: sqlite3.Connection, segment_id: int, language: str, text: str, author: str, stamp: str) -> None:
    """Store the comment (an empty one removes it); the caller holds the transaction, so a comment can be
    written together with the status it explains."""
    if text.strip():
        db.execute(
            """INSERT OR REPLACE INTO comments(segment_id, language, text, author, updated_at)
               VALUES (?, ?, ?, ?, ?)""",
            (segment_id, language, text, author, stamp),
        )
    else:
        db.execute("DELETE FROM comments WHERE segment_id = ? AND language = ?", (segment_id, language))
