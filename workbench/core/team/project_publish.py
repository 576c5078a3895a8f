"""`team publish` and `team get`: a project put on the team server, and a desktop's copy made from it.

The structure goes up as ONE snapshot (wb.project_snapshots), not as rows: it is the project file itself,
copied with SQLite's backup and emptied of translations, revisions, drafts' notes, caches and comments. A
project file's structure is rich (paragraph kinds and meta for rebuilding Word and HTML, tag maps, protected
spans, context keys, removed segments kept as history, the glossary and edit rules): as server rows it would
be a second schema in a second engine, to migrate in step with project_schema. As a snapshot, `team get`
opens it with the same code (and upgrades an older one with the same migrations), the segment ids are the
same on every desktop, and a segment's key (document name # id) is stable. The price: the structure is
fixed once published: split, join, import and re-import are refused on a team project (SQLite triggers of
schema V7, for every front end), for editors too, for now.

The current translations go up as revisions (base: none) in the same server transaction, so a `team get`
right after sees every text with its status, origin and author.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from workbench.core.errors import ProjectError, TeamServerError
from workbench.core.store.project_schema import LATEST_VERSION
from workbench.core.store.project_store import Project
from workbench.core.team.project_sync import PullBatch, PushResult, ServerText, apply_sync, open_conflicts
from workbench.core.team.server_connection import server_faults
from workbench.core.team.snapshot_check import check_snapshot
from workbench.core.team.team_link import read_link, segment_keys, write_link

#: what a snapshot leaves out: this desktop's texts and what hangs on them (the server holds the texts)
_NOT_IN_SNAPSHOT = (
    "translations", "revisions", "mt_cache", "draft_notes", "unconfirmed_edits", "comments", "qa_ignored",
    "back_translations", "team_synced", "team_pulled", "team_conflicts", "team_assignments", "team_link",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Published:
    project_id: int
    name: str
    texts: int
    snapshot_bytes: int


def structure_snapshot(project: Project) -> bytes:
    """The project file without its texts, as bytes: what every desktop's copy starts from."""
    handle, name = tempfile.mkstemp(prefix="wb-snapshot-", suffix=".wbp")
    os.close(handle)
    path = Path(name)
    try:
        copy = sqlite3.connect(path)
        try:
            project.connection.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            with copy:
                for table in _NOT_IN_SNAPSHOT:
                    copy.execute(f"DELETE FROM {table}")
            copy.execute("VACUUM")
        finally:
            copy.close()
        return path.read_bytes()
    finally:
        path.unlink(missing_ok=True)


def publish(project: Project, conn: psycopg.Connection[Any], server: str, address: str) -> Published:
    """Put the project on the server (editors only: the server's policies say so) and link the file to it."""
    if read_link(project.connection) is not None:
        raise ProjectError(f"{project.path.name} is already a team project: team sync exchanges its changes")
    db = project.connection
    snapshot = structure_snapshot(project)
    client_id = str(uuid.uuid4())
    keys = segment_keys(db)
    rows = db.execute(
        "SELECT segment_id, language, text, status, origin, origin_detail FROM translations WHERE status != ''"
        " ORDER BY segment_id, language"
    ).fetchall()
    info = project.info
    with server_faults(server, f"publishing {info.name}"), conn.transaction():
        found = conn.execute(
            "INSERT INTO wb.projects (name, source_language, target_languages) VALUES (%s, %s, %s)"
            " ON CONFLICT (name) DO NOTHING RETURNING id",
            (info.name, info.source_language, list(info.target_languages)),
        ).fetchone()
        if found is None:
            raise TeamServerError(server, f"a project named {info.name} is already on the server (team get fetches it)")
        project_id = int(found[0])
        conn.execute("SELECT wb.lock_project_texts(%s)", (project_id,))
        conn.execute(
            "INSERT INTO wb.project_snapshots (project_id, snapshot, format_version) VALUES (%s, %s, %s)",
            (project_id, snapshot, LATEST_VERSION),
        )
        with conn.cursor() as cursor:
            cursor.executemany(
                """INSERT INTO wb.revisions (project_id, segment_key, language, text, status, origin, origin_detail,
                   client_id, client_revision_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)""",
                [
                    (project_id, keys[r[0]], r[1], r[2], r[3], r[4], r[5], client_id, -number)
                    for number, r in enumerate(rows, start=1)
                ],
            )
        login = str((conn.execute("SELECT current_user").fetchone() or ("",))[0])
        texts = _current_texts(conn, project_id, 0)
        top = max([0, *(t.seq for t in texts)])
    with project.transaction() as local:
        write_link(local, address, project_id, info.name, client_id, login)
    link = read_link(project.connection)
    assert link is not None
    pushed_up_to = int(db.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0])
    # only an editor (or an administrator) may publish: the server refused anyone else above
    apply_sync(project, link, PushResult(pushed_up_to), PullBatch(top, texts, editor=True))
    return Published(project_id, info.name, len(rows), len(snapshot))


def _current_texts(conn: psycopg.Connection[Any], project_id: int, after: int) -> list[ServerText]:
    return [
        ServerText(*values)
        for values in conn.execute(
            """SELECT c.segment_key, c.language, c.seq, c.text, c.status, r.origin, r.origin_detail, c.author,
                      r.client_id FROM wb.current_texts c JOIN wb.revisions r ON r.seq = c.seq
               WHERE c.project_id = %s AND c.seq > %s ORDER BY c.seq""",
            (project_id, after),
        )
    ]


def get_project(conn: psycopg.Connection[Any], server: str, address: str, name: str, destination: Path) -> Path:
    """Make `destination` a new local copy of the team project `name` (members only: the server says so)."""
    destination = Path(destination)
    if destination.exists():
        raise ProjectError(f"{destination} already exists: choose another name")
    if not destination.parent.is_dir():
        raise ProjectError(f"cannot create {destination}: the folder {destination.parent} does not exist")
    with server_faults(server, f"getting the project {name}"), conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        found = conn.execute(
            "SELECT p.id, s.snapshot, s.format_version, current_user FROM wb.projects p"
            " LEFT JOIN wb.project_snapshots s ON s.project_id = p.id WHERE p.name = %s",
            (name,),
        ).fetchone()
        if found is None:
            raise TeamServerError(server, f"no project {name} this login is a member of")
        project_id, snapshot, version, login = found
        if snapshot is None:
            raise TeamServerError(server, f"the project {name} has no published structure (team publish it)")
        if int(version) > LATEST_VERSION:
            raise TeamServerError(server, f"{name} was published by a newer workbench (format {version}): update")
        top = int((conn.execute("SELECT coalesce(max(seq), 0) FROM wb.revisions WHERE project_id = %s",
                                (project_id,)).fetchone() or (0,))[0])  # fmt: skip
        editor = bool((conn.execute("SELECT coalesce(wb.member_role(%s) = 'editor', false) OR wb.is_admin()",
                                    (project_id,)).fetchone() or (False,))[0])  # fmt: skip
        batch = PullBatch(
            top, _current_texts(conn, int(project_id), 0), open_conflicts(conn, int(project_id)), editor=editor
        )
    partial = destination.with_name(destination.name + ".getting")
    partial.unlink(missing_ok=True)
    partial.write_bytes(bytes(snapshot))
    try:
        check_snapshot(partial, server, name)  # the uploader's file: no trigger or view of its own
        with Project.open(partial) as project:
            with project.transaction() as db:
                write_link(db, address, int(project_id), name, str(uuid.uuid4()), str(login))
            link = read_link(project.connection)
            assert link is not None
            apply_sync(project, link, PushResult(0), batch)
            with project.transaction() as db:  # the texts written from the server are not this desktop's changes
                db.execute("UPDATE team_link SET pushed_revision = (SELECT coalesce(max(id), 0) FROM revisions)")
        for suffix in ("-wal", "-shm", ".lock"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(partial) + suffix).unlink()
        partial.replace(destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination
