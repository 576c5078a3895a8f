"""Text typed but not yet confirmed, kept in the project file so a crash or a kill loses at most seconds.

The editor saves here every few seconds while a translator types; confirming or cancelling removes
the row. Rows still present when a project opens are what the last session left unconfirmed, and
the window offers to keep them.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.ops.translation_edits import EditState, edited, write_state
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now


@dataclass(frozen=True, slots=True)
class UnconfirmedEdit:
    segment_id: int
    language: str
    text: str
    author: str
    saved_at: str


def save_unconfirmed(project: Project, segment_id: int, language: str, text: str, author: str) -> None:
    with project.transaction() as db:
        db.execute(
            """INSERT OR REPLACE INTO unconfirmed_edits(segment_id, language, text, author, saved_at)
               VALUES (?, ?, ?, ?, ?)""",
            (segment_id, language, text, author, now()),
        )


def discard_unconfirmed(project: Project, segment_id: int, language: str) -> None:
    with project.transaction() as db:
        db.execute("DELETE FROM unconfirmed_edits WHERE segment_id = ? AND language = ?", (segment_id, language))


def unconfirmed_edits(project: Project) -> list[UnconfirmedEdit]:
    """Edits left unconfirmed, oldest first (only for segments still in their documents)."""
    return [
        UnconfirmedEdit(r["segment_id"], r["language"], r["text"], r["author"], r["saved_at"])
        for r in project.connection.execute(
            """SELECT u.* FROM unconfirmed_edits u JOIN segments s ON s.id = u.segment_id
               WHERE s.position IS NOT NULL ORDER BY u.saved_at"""
        )
    ]


def keep_unconfirmed(project: Project, edits: list[UnconfirmedEdit], author: str) -> list[int]:
    """Make recovered text the segments' drafts (a person must still confirm it); returns the segment ids."""
    kept = []
    for edit in edits:
        current = EditState.of(project.segment(edit.segment_id).translations.get(edit.language))
        state = edited(current, edit.text, confirmed=False)
        if state != current:
            write_state(
                project, edit.segment_id, edit.language, state, edit.author or author, "recovered after a crash"
            )
        discard_unconfirmed(project, edit.segment_id, edit.language)
        kept.append(edit.segment_id)
    return kept


def discard_all_unconfirmed(project: Project) -> None:
    with project.transaction() as db:
        db.execute("DELETE FROM unconfirmed_edits")
