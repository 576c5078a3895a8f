"""A published structure that carries code of its own (a trigger, a view) or is no project file at all is
refused by `team get`, and nothing is left on the desktop."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.team.conftest import TeamServer
from tests.team.project_desktops import published_team
from workbench.core.errors import TeamServerError
from workbench.core.team.project_publish import get_project
from workbench.core.team.server_connection import connect


def _replace_snapshot(team_server: TeamServer, tmp_path: Path, change: str | bytes) -> None:
    """As an administrator would see it done by a hostile editor: the project's snapshot swapped."""
    with connect(team_server.admin_url) as conn:
        (snapshot,) = conn.execute("SELECT snapshot FROM wb.project_snapshots").fetchone() or (b"",)
        if isinstance(change, bytes):
            crafted = change
        else:
            path = tmp_path / "crafted.wbp"
            path.write_bytes(bytes(snapshot))
            with sqlite3.connect(path) as db:
                db.executescript(change)
            crafted = path.read_bytes()
        conn.execute("UPDATE wb.project_snapshots SET snapshot = %s", (crafted,))
        conn.commit()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (
            "CREATE TRIGGER wipe AFTER INSERT ON revisions BEGIN DELETE FROM translations; END;",
            "trigger wipe",
        ),
        ("CREATE VIEW everything AS SELECT * FROM segments;", "view everything"),
        (b"MZ\x90\x00 not a database at all" * 100, "is not a project file"),
    ],
)
def test_a_snapshot_with_code_of_its_own_is_refused_and_leaves_nothing(
    team_server: TeamServer, tmp_path: Path, change: str | bytes, named: str
) -> None:
    _editor, (translator,), _ids = published_team(team_server, tmp_path)
    _replace_snapshot(team_server, tmp_path, change)
    copy = tmp_path / "second-copy.wbp"
    with translator.connect() as conn, pytest.raises(TeamServerError) as refused:
        get_project(conn, translator.login.name, "postgresql://office/workbench", "angiang", copy)
    assert named in str(refused.value) and "angiang" in str(refused.value)
    assert not copy.exists() and not list(tmp_path.glob("second-copy*"))


def test_a_trigger_of_the_workbench_rewritten_by_the_uploader_is_refused(
    team_server: TeamServer, tmp_path: Path
) -> None:
    """The same name with other SQL is someone else's code."""
    _editor, (translator,), _ids = published_team(team_server, tmp_path)
    _replace_snapshot(
        team_server,
        tmp_path,
        "DROP TRIGGER revisions_append_only; CREATE TRIGGER revisions_append_only BEFORE UPDATE ON revisions "
        "BEGIN SELECT 1; END;",
    )
    with translator.connect() as conn, pytest.raises(TeamServerError, match="trigger revisions_append_only"):
        get_project(conn, translator.login.name, "postgresql://office/workbench", "angiang", tmp_path / "x.wbp")
