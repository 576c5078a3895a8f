"""`team sync`: push this desktop's revisions, pull the others' current texts, one transaction per side.

Why the append-only revisions are enough (and not SQLite's session extension): every change of a translation
already appends a revision (translations.write_translation), never updated, with an id that only grows. So
"what changed here since the last push" is every revision above the push cursor that is not a copy of a
pulled one (team_pulled). A changeset from the session extension would record the same row changes again,
need APSW, and bring its own conflict handler where ours is the server's rule (server_sync_schema).

The push is one server transaction: the project's texts locked (wb.lock_project_texts), each revision sent
with its base (the seq its segment was last synced from) and named by (client id, local revision id), so a
push retried after a crash inserts nothing twice (ON CONFLICT DO NOTHING) and still learns the seqs it got.
A translator's text over an approved one is not sent as an INSERT the row-level security would refuse (and
fail the whole push with it): it goes through wb.propose_over_approved, queued for the editor. The pull is
one read-only snapshot: current texts above the pull cursor, open conflicts, assignments. Then ONE SQLite
transaction applies both: the push cursor, the synced seqs, the pulled texts (never over a local change not
yet pushed, never over this desktop's text that lost a conflict), the conflicts, the pull cursor. A server
lost in between leaves the project file as it was; the next sync pushes again (nothing doubled) and pulls.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from workbench.core.errors import TeamServerError
from workbench.core.records import ORIGIN_BY_VALUE, STATUS_BY_VALUE, Origin, Status, TranslationState
from workbench.core.store.project_store import Project
from workbench.core.store.translations import write_translation
from workbench.core.team.server_connection import server_faults, server_label
from workbench.core.team.team_link import (
    TeamLink,
    pending_revisions,
    record_server_role,
    segment_ids,
    segment_keys,
    synced_seqs,
    team_link,
)
from workbench.core.timestamps import now

#: what a translator's login may write; an approval or send-back made on its desktop goes as a translation
_TRANSLATOR_STATUSES = ("untranslated", "draft", "translated")

_INSERT = """INSERT INTO wb.revisions (project_id, segment_key, language, text, status, origin, origin_detail,
             client_id, client_revision_id, base_seq) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
             ON CONFLICT (client_id, client_revision_id) DO NOTHING"""
_PROPOSE = "SELECT wb.propose_over_approved(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"


@dataclass(frozen=True, slots=True)
class ServerText:
    segment_key: str
    language: str
    seq: int
    text: str
    status: str
    origin: str
    origin_detail: str
    author: str
    client_id: str


@dataclass(frozen=True, slots=True)
class ServerConflict:
    id: int
    segment_key: str
    language: str
    kept: tuple[str, str, str, str]  # text, status, author, time
    other: tuple[str, str, str, str]
    other_client_id: str
    created_at: str


@dataclass(slots=True)
class PushResult:
    pushed_up_to: int  # the highest local revision id the server now holds
    sent: int = 0
    proposed: int = 0  # over approved text: queued for an editor
    #: (segment id, language) -> the seq of this desktop's newest revision of it, and whether it is current
    outcomes: dict[tuple[int, str], tuple[int, bool]] = field(default_factory=dict)


@dataclass(slots=True)
class PullBatch:
    max_seq: int
    texts: list[ServerText] = field(default_factory=list)
    conflicts: list[ServerConflict] = field(default_factory=list)
    assignments: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: whether the server says this login is an editor of the project (None: not asked)
    editor: bool | None = None


@dataclass(frozen=True, slots=True)
class SyncReport:
    sent: int
    proposed: int
    applied: int  # others' texts written here
    kept_here: int  # others' texts not written: a local change not yet pushed, or ours lost a conflict
    open_conflicts: int


def check_member(conn: psycopg.Connection[Any], server: str, link: TeamLink) -> bool:
    """Whether the login edits over approved text (editor); a login that is not a member is refused."""
    role, admin = conn.execute("SELECT wb.member_role(%s), wb.is_admin()", (link.project_id,)).fetchone() or (
        None,
        False,
    )
    if role is None and not admin:
        raise TeamServerError(server, f"this login is not a member of the team project {link.project_name}")
    return bool(admin) or role == "editor"


def push(project: Project, conn: psycopg.Connection[Any], server: str, link: TeamLink) -> PushResult:
    """Send the revisions made here since the last push, in one server transaction; nothing local is written."""
    db = project.connection
    pending = pending_revisions(db, link.pushed_revision)
    result = PushResult(pushed_up_to=max([link.pushed_revision, *(int(r["id"]) for r in pending)]))
    if not pending:
        return result
    keys, bases = segment_keys(db), synced_seqs(db)
    with server_faults(server, f"pushing {len(pending)} change(s) of {link.project_name}"), conn.transaction():
        conn.execute("SELECT wb.lock_project_texts(%s)", (link.project_id,))
        editor = check_member(conn, server, link)
        approved: set[tuple[str, str]] = set()
        if not editor:
            approved = {
                (str(k), str(lang))
                for k, lang in conn.execute(
                    "SELECT segment_key, language FROM wb.current_texts WHERE project_id = %s AND status = 'approved'",
                    (link.project_id,),
                )
            }
        inserts: list[tuple[object, ...]] = []
        proposals: list[tuple[object, ...]] = []
        newest: dict[tuple[int, str], int] = {}
        for row in pending:
            segment, language = int(row["segment_id"]), str(row["language"])
            key = keys[segment]
            status, detail = str(row["status"]), str(row["origin_detail"])
            if not editor and status not in _TRANSLATOR_STATUSES:
                status, detail = "translated", f"{detail} ({row['status']} on a translator's desktop)".strip()
            values = (link.project_id, key, language, row["text"], status, row["origin"], detail,
                      link.client_id, int(row["id"]), bases.get((segment, language)))  # fmt: skip
            (proposals if (key, language) in approved else inserts).append(values)
            newest[(segment, language)] = int(row["id"])
        with conn.cursor() as cursor:
            if inserts:
                cursor.executemany(_INSERT, inserts)
            if proposals:
                cursor.executemany(_PROPOSE, proposals)
        seqs = dict(
            conn.execute(
                "SELECT client_revision_id, seq FROM wb.revisions WHERE client_id = %s AND client_revision_id = ANY(%s)",
                (link.client_id, list(newest.values())),
            ).fetchall()
        )
        current = {
            (str(k), str(lang)): int(seq)
            for k, lang, seq in conn.execute(
                "SELECT segment_key, language, seq FROM wb.current_texts WHERE project_id = %s"
                " AND segment_key = ANY(%s)",
                (link.project_id, sorted({keys[s] for s, _ in newest})),
            )
        }
    for (segment, language), revision in newest.items():
        seq = int(seqs[revision])
        result.outcomes[(segment, language)] = (seq, current.get((keys[segment], language)) == seq)
    result.sent, result.proposed = len(inserts), len(proposals)
    return result


def pull(conn: psycopg.Connection[Any], server: str, link: TeamLink) -> PullBatch:
    """The current texts changed since the pull cursor, the open conflicts and the assignments: one snapshot."""
    with server_faults(server, f"pulling the changes of {link.project_name}"), conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        editor = check_member(conn, server, link)
        row = conn.execute(
            "SELECT coalesce(max(seq), 0) FROM wb.revisions WHERE project_id = %s", (link.project_id,)
        ).fetchone()
        batch = PullBatch(max_seq=max(link.pulled_seq, int(row[0]) if row else 0), editor=editor)
        batch.texts = [
            ServerText(*values)
            for values in conn.execute(
                """SELECT c.segment_key, c.language, c.seq, c.text, c.status, r.origin, r.origin_detail, c.author,
                          r.client_id
                   FROM wb.current_texts c JOIN wb.revisions r ON r.seq = c.seq
                   WHERE c.project_id = %s AND c.seq > %s AND c.seq <= %s ORDER BY c.seq""",
                (link.project_id, link.pulled_seq, batch.max_seq),
            )
        ]
        batch.conflicts = open_conflicts(conn, link.project_id)
        batch.assignments = [
            (str(d), str(login or ""), str(by), str(at))
            for d, login, by, at in conn.execute(
                "SELECT document, login, assigned_by, assigned_at::text FROM wb.document_assignments"
                " WHERE project_id = %s ORDER BY document",
                (link.project_id,),
            )
        ]
    return batch


def open_conflicts(conn: psycopg.Connection[Any], project_id: int) -> list[ServerConflict]:
    rows = conn.execute(
        """SELECT f.id, f.segment_key, f.language, k.text, k.status, k.author, k.created_at::text,
                  o.text, o.status, o.author, o.created_at::text, o.client_id, f.created_at::text
           FROM wb.conflicts f JOIN wb.revisions k ON k.seq = f.kept_seq JOIN wb.revisions o ON o.seq = f.other_seq
           WHERE f.project_id = %s AND f.resolved_at IS NULL ORDER BY f.id""",
        (project_id,),
    )
    return [ServerConflict(r[0], r[1], r[2], tuple(r[3:7]), tuple(r[7:11]), r[11], r[12]) for r in rows]


def apply_sync(project: Project, link: TeamLink, pushed: PushResult, batch: PullBatch) -> SyncReport:
    """Write what the push and the pull learned in one SQLite transaction, cursors included."""
    applied = kept_here = 0
    with project.transaction() as db:
        for (segment, language), (seq, is_current) in pushed.outcomes.items():
            if is_current:
                _synced(db, segment, language, seq)
        changed_here = {(int(r["segment_id"]), str(r["language"])) for r in pending_revisions(db, pushed.pushed_up_to)}
        ids = segment_ids(db)
        lost_here = {(c.segment_key, c.language) for c in batch.conflicts if c.other_client_id == link.client_id}
        stamp = now()
        for text in batch.texts:
            found = ids.get(text.segment_key)
            if found is None or text.language not in project.info.target_languages:
                continue  # not of this file's structure: nothing to write it on
            segment = found
            if (segment, text.language) in changed_here or (
                text.client_id != link.client_id and (text.segment_key, text.language) in lost_here
            ):
                kept_here += 1
                continue
            if text.client_id != link.client_id and _write_pulled(db, segment, text, stamp):
                applied += 1
            _synced(db, segment, text.language, text.seq)
        _mirror(db, link, batch, ids, stamp)
        if batch.editor is not None:
            record_server_role(db, batch.editor)
        db.execute(
            "UPDATE team_link SET pushed_revision = ?, pulled_seq = max(pulled_seq, ?), last_sync_at = ?,"
            " offline_since = '', last_problem = '' WHERE id = 1",
            (pushed.pushed_up_to, batch.max_seq, stamp),
        )
    return SyncReport(pushed.sent, pushed.proposed, applied, kept_here, len(batch.conflicts))


def _synced(db: sqlite3.Connection, segment: int, language: str, seq: int) -> None:
    db.execute(
        "INSERT INTO team_synced(segment_id, language, server_seq) VALUES (?, ?, ?) ON CONFLICT(segment_id, language)"
        " DO UPDATE SET server_seq = excluded.server_seq",
        (segment, language, seq),
    )


def _write_pulled(db: sqlite3.Connection, segment: int, text: ServerText, stamp: str) -> bool:
    """The server's text as this segment's translation, its local revision marked as pulled (never pushed)."""
    row = db.execute(
        "SELECT text, status FROM translations WHERE segment_id = ? AND language = ?", (segment, text.language)
    ).fetchone()
    if row is not None and row[0] == text.text and row[1] == text.status:
        return False
    state = TranslationState(
        text.text,
        STATUS_BY_VALUE.get(text.status, Status.TRANSLATED),
        ORIGIN_BY_VALUE.get(text.origin, Origin.HUMAN),
        text.origin_detail,
        text.author,
        None,
    )
    write_translation(db, segment, text.language, state, stamp, note=f"team sync (server revision {text.seq})")
    revision = db.execute("SELECT max(id) FROM revisions").fetchone()[0]
    db.execute("INSERT INTO team_pulled(revision_id, server_seq) VALUES (?, ?)", (revision, text.seq))
    return True


def _mirror(db: sqlite3.Connection, link: TeamLink, batch: PullBatch, ids: dict[str, int], stamp: str) -> None:
    """The open conflicts and the assignments as the server has them now."""
    db.execute("DELETE FROM team_conflicts")
    db.executemany(
        """INSERT INTO team_conflicts(id, segment_id, segment_key, language, kept_text, kept_status, kept_author,
           kept_at, other_text, other_status, other_author, other_at, other_is_mine, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                c.id,
                ids.get(c.segment_key),
                c.segment_key,
                c.language,
                *c.kept,
                *c.other,
                int(c.other_client_id == link.client_id),
                c.created_at,
            )
            for c in batch.conflicts
        ],
    )
    db.execute("DELETE FROM team_assignments")
    db.executemany("INSERT INTO team_assignments(document, login, assigned_by, assigned_at) VALUES (?, ?, ?, ?)",
                   batch.assignments)  # fmt: skip


def record_problem(project: Project, problem: str) -> None:
    """A sync that failed: when the desktop went offline (kept from the first failure) and why."""
    with project.transaction() as db:
        db.execute(
            "UPDATE team_link SET offline_since = CASE WHEN offline_since = '' THEN ? ELSE offline_since END,"
            " last_problem = ? WHERE id = 1",
            (now(), problem),
        )


def sync(project: Project, conn: psycopg.Connection[Any], server: str, link: TeamLink) -> SyncReport:
    """Push, pull, then apply both locally; a server that fails is recorded (offline since) and re-raised."""
    try:
        pushed = push(project, conn, server, link)
        batch = pull(conn, server, link)
    except TeamServerError as exc:
        record_problem(project, exc.problem)
        raise
    return apply_sync(project, link, pushed, batch)


def sync_linked(project: Project, open_connection: Callable[[str], psycopg.Connection[Any]]) -> SyncReport:
    """Sync a team project with the server its link names (the CLI's `team sync`, the window's background
    sync): a server that cannot be reached is recorded as well (offline since) and re-raised."""
    link = team_link(project)
    try:
        conn = open_connection(link.server)
    except TeamServerError as exc:
        record_problem(project, exc.problem)
        raise
    with conn:
        return sync(project, conn, server_label(link.server), link)
