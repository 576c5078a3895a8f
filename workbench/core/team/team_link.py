"""A local project's link to its team project: the sync state kept in the project file (schema V7).

The link says which server and project the file belongs to, this desktop's client id (the revisions it pushes
are named by it and by their local revision id, so a retried push is recognised), and two cursors: the last
local revision pushed, and the highest server seq pulled. Each moves only in the transaction that applies
what it describes. A segment's key on the server is its document's name and its id in the published file,
the same on every desktop since `team get` copies the published file (structure changes are refused).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from workbench.core.errors import ProjectError
from workbench.core.store.project_store import Project


@dataclass(frozen=True, slots=True)
class TeamLink:
    server: str  # the address without its password, as the settings keep it
    project_id: int
    project_name: str
    client_id: str
    login: str
    pushed_revision: int
    pulled_seq: int
    last_sync_at: str
    offline_since: str
    last_problem: str


_COLUMNS = (
    "server, project_id, project_name, client_id, login, pushed_revision, pulled_seq, last_sync_at, "
    "offline_since, last_problem"
)


def read_link(db: sqlite3.Connection) -> TeamLink | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM team_link WHERE id = 1").fetchone()
    return None if row is None else TeamLink(*tuple(row))


def team_link(project: Project) -> TeamLink:
    """The project's link; a project that is not shared is said so."""
    link = read_link(project.connection)
    if link is None:
        raise ProjectError(f"{project.path.name} is not a team project (team publish shares it, team get fetches one)")
    return link


def write_link(db: sqlite3.Connection, server: str, project_id: int, name: str, client_id: str, login: str) -> None:
    """Make the file a team project; the caller holds the transaction."""
    db.execute(
        "INSERT INTO team_link(id, server, project_id, project_name, client_id, login) VALUES (1, ?, ?, ?, ?, ?)",
        (server, project_id, name, client_id, login),
    )


def segment_key(document: str, segment_id: int) -> str:
    return f"{document}#{segment_id}"


def segment_keys(db: sqlite3.Connection) -> dict[int, str]:
    """Every segment's key by its id (removed ones too: their history was published with them)."""
    rows = db.execute("SELECT s.id, d.name FROM segments s JOIN documents d ON d.id = s.document_id")
    return {int(sid): segment_key(name, int(sid)) for sid, name in rows}


def segment_ids(db: sqlite3.Connection) -> dict[str, int]:
    return {key: sid for sid, key in segment_keys(db).items()}


def pending_revisions(db: sqlite3.Connection, after: int) -> list[sqlite3.Row]:
    """Local revisions not yet pushed: made here after the push cursor, not copies of the server's."""
    return list(
        db.execute(
            """SELECT r.id, r.segment_id, r.language, r.text, r.status, r.origin, r.origin_detail, r.created_at
               FROM revisions r WHERE r.id > ? AND r.id NOT IN (SELECT revision_id FROM team_pulled)
               ORDER BY r.id""",
            (after,),
        )
    )


def pending_count(db: sqlite3.Connection, after: int) -> int:
    row = db.execute(
        "SELECT count(*) FROM revisions WHERE id > ? AND id NOT IN (SELECT revision_id FROM team_pulled)", (after,)
    ).fetchone()
    return int(row[0])


def synced_seqs(db: sqlite3.Connection) -> dict[tuple[int, str], int]:
    """The server seq each (segment, language) was last synced from: the base of its next pushed revision."""
    return {(int(s), str(lang)): int(seq) for s, lang, seq in db.execute("SELECT * FROM team_synced")}


#: the project table's key for what the team server last said of this login: may it approve here?
_EDITOR_KEY = "team_editor"


def record_server_role(db: sqlite3.Connection, editor: bool) -> None:
    """Keep what the server said at the last get or sync: whether this login is an editor of the project."""
    db.execute(
        "INSERT INTO project(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_EDITOR_KEY, "1" if editor else "0"),
    )


def server_says_editor(db: sqlite3.Connection) -> bool | None:
    """For a team project, whether the server last said this login is an editor of it (approves, sends
    back); None for a project that is not shared, or that no get or sync has asked about yet."""
    if read_link(db) is None:
        return None
    row = db.execute("SELECT value FROM project WHERE key = ?", (_EDITOR_KEY,)).fetchone()
    return None if row is None else row[0] == "1"
