"""One free-text comment per segment and target language (a question for the editor, a note on a name)."""

from __future__ import annotations

from workbench.core.store.project_store import Project, now


def comment(project: Project, segment_id: int, language: str) -> str:
    row = project.connection.execute(
        "SELECT text FROM comments WHERE segment_id = ? AND language = ?", (segment_id, language)
    ).fetchone()
    return str(row["text"]) if row else ""


def set_comment(project: Project, segment_id: int, language: str, text: str, author: str) -> None:
    """Store the comment; an empty one removes it."""
    with project.transaction() as db:
        if text.strip():
            db.execute(
                """INSERT OR REPLACE INTO comments(segment_id, language, text, author, updated_at)
                   VALUES (?, ?, ?, ?, ?)""",
                (segment_id, language, text, author, now()),
            )
        else:
            db.execute("DELETE FROM comments WHERE segment_id = ? AND language = ?", (segment_id, language))
