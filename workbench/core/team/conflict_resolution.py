"""The conflicts an editor settles: listed as last pulled, resolved on the server by an editor's choice.

A conflict holds two texts of one segment and language that two desktops wrote since their last sync; the
server kept one current (the approved one, else the first to arrive) and queued both. `team resolve` writes
the chosen text (this desktop's, the other one, or a new text) as a revision based on the current one, so it
becomes current, and marks every open conflict of that segment and language resolved by this login. The
server's policies let only the project's editors mark a conflict resolved: for anyone else nothing is
written, and the refusal is said. The next sync brings the choice to every desktop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from workbench.core.errors import TeamServerError, WorkbenchError
from workbench.core.store.project_store import Project
from workbench.core.team.server_connection import server_faults
from workbench.core.team.team_link import TeamLink

KEEP_CHOICES = ("mine", "theirs")


@dataclass(frozen=True, slots=True)
class LocalConflict:
    id: int  # the server's conflict id
    segment_id: int | None
    segment_key: str
    language: str
    kept: tuple[str, str, str, str]  # text, status, author, time: the text the server keeps current
    other: tuple[str, str, str, str]  # the text that was not made current
    other_is_mine: bool  # the text this desktop sent is the one not made current


def local_conflicts(project: Project) -> list[LocalConflict]:
    """The open conflicts of the project as the last sync saw them."""
    rows = project.connection.execute(
        """SELECT id, segment_id, segment_key, language, kept_text, kept_status, kept_author, kept_at, other_text,
           other_status, other_author, other_at, other_is_mine FROM team_conflicts ORDER BY id"""
    ).fetchall()
    return [LocalConflict(r[0], r[1], r[2], r[3], tuple(r[4:8]), tuple(r[8:12]), bool(r[12])) for r in rows]


def chosen_text(project: Project, conflict: LocalConflict, keep: str | None, text: str | None) -> tuple[str, str]:
    """The text and status an editor's choice stands for: `mine` is this desktop's text of the segment."""
    if text is not None:
        return text, "translated"
    if keep not in KEEP_CHOICES:
        raise WorkbenchError("say which text to keep: --keep mine, --keep theirs, or --text")
    row = None
    if conflict.segment_id is not None:
        row = project.connection.execute(
            "SELECT text, status FROM translations WHERE segment_id = ? AND language = ?",
            (conflict.segment_id, conflict.language),
        ).fetchone()
    mine = (str(row[0]), str(row[1])) if row is not None else (conflict.other[0], conflict.other[1])
    sides = [(conflict.kept[0], conflict.kept[1]), (conflict.other[0], conflict.other[1])]
    if keep == "mine":
        return mine
    theirs = [side for side in sides if side[0] != mine[0]]
    return theirs[0] if theirs else mine


def resolve(
    conn: psycopg.Connection[Any], server: str, link: TeamLink, conflict: LocalConflict, text: str, status: str
) -> int:
    """Make `text` the segment's current text and settle its open conflicts; the new revision's seq."""
    with server_faults(server, f"resolving conflict {conflict.id}"), conn.transaction():
        conn.execute("SELECT wb.lock_project_texts(%s)", (link.project_id,))
        current = conn.execute(
            "SELECT c.seq FROM wb.conflicts f JOIN wb.current_texts c ON c.project_id = f.project_id"
            " AND c.segment_key = f.segment_key AND c.language = f.language"
            " WHERE f.id = %s AND f.project_id = %s AND f.resolved_at IS NULL",
            (conflict.id, link.project_id),
        ).fetchone()
        if current is None:
            raise TeamServerError(
                server, f"conflict {conflict.id} is not open any more (team sync shows the current ones)"
            )
        row = conn.execute(
            """INSERT INTO wb.revisions (project_id, segment_key, language, text, status, origin, origin_detail,
               client_id, client_revision_id, base_seq) VALUES (%s, %s, %s, %s, %s, 'human', %s, %s, %s, %s)
               RETURNING seq""",
            (link.project_id, conflict.segment_key, conflict.language, text, status,
             f"resolves conflict {conflict.id}", f"{link.client_id}:resolve", conflict.id, current[0]),
        ).fetchone()  # fmt: skip
        assert row is not None
        settled = conn.execute(
            "UPDATE wb.conflicts SET resolved_seq = %s, resolved_by = current_user, resolved_at = now()"
            " WHERE project_id = %s AND segment_key = %s AND language = %s AND resolved_at IS NULL",
            (row[0], link.project_id, conflict.segment_key, conflict.language),
        ).rowcount
        if settled == 0:  # the policies showed this login no conflict to change: not the project's editor
            raise TeamServerError(server, "only an editor of the project may resolve its conflicts")
    return int(row[0])
