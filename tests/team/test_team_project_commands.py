"""The shared-project commands as an editor and a translator type them, on the real test server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.team.conftest import TeamServer
from tests.team.project_desktops import make_project
from workbench.commands.main import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_publish_get_sync_assign_conflicts_and_resolve_from_the_command_line(
    team_server: TeamServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    editor_file, ids = make_project(tmp_path)
    editor = team_server.add_login("editor", prefix="ed")
    lan = team_server.add_login("translator", prefix="tr")
    lan_file = tmp_path / "lan.wbp"
    assert _run(capsys, "settings", "--team", team_server.login_url(lan))[0] == 0
    assert _run(capsys, "settings", "--team", team_server.login_url(editor))[0] == 0  # pgpass keeps both
    code, out = _run(capsys, "team", "publish", str(editor_file))
    assert code == 0 and "published angiang" in out and "is now a team project" in out
    code, out = _run(capsys, "team", "get", "angiang", str(lan_file), "--server", team_server.url(lan.name))
    assert code == 2 and "no project angiang" in out and not lan_file.exists()  # not a member yet
    with team_server.cluster.admin(team_server.name) as conn:
        conn.execute(
            "INSERT INTO wb.project_members (project_id, login, role) SELECT id, %s, 'translator' FROM wb.projects",
            (lan.name,),
        )
    assert _run(capsys, "team", "get", "angiang", str(lan_file), "--server", team_server.url(lan.name))[0] == 0

    assert (
        _run(capsys, "edit", str(lan_file), str(ids[0]), "--to", "en", "--text", "The festival.", "--confirm")[0] == 0
    )
    assert "1 local change(s) waiting" in _run(capsys, "team", "status", str(lan_file))[1]
    code, out = _run(capsys, "team", "sync", str(lan_file))
    assert code == 0 and "sent 1 change(s)" in out and "synced" in out
    code, out = _run(capsys, "team", "sync", str(editor_file))
    assert code == 0 and "received 1" in out

    code, out = _run(capsys, "team", "assign", str(lan_file), "le-hoi.txt", lan.name)
    assert code == 2 and "not allowed" in out
    assert _run(capsys, "team", "assign", str(editor_file), "le-hoi.txt", lan.name)[0] == 0
    _run(capsys, "team", "sync", str(lan_file))
    assert f"le-hoi.txt: {lan.name}" in _run(capsys, "team", "status", str(lan_file))[1]

    _run(capsys, "edit", str(editor_file), str(ids[1]), "--to", "en", "--text", "Boat races.", "--confirm")
    _run(capsys, "edit", str(lan_file), str(ids[1]), "--to", "en", "--text", "Ngo boat racing.", "--confirm")
    for path in (editor_file, lan_file, editor_file):
        assert _run(capsys, "team", "sync", str(path))[0] == 0
    code, out = _run(capsys, "team", "conflicts", str(editor_file))
    assert code == 0 and "Boat races." in out and "Ngo boat racing." in out and lan.name in out
    number = re.search(r"conflict (\d+):", out)
    assert number is not None
    code, out = _run(capsys, "team", "resolve", str(lan_file), number.group(1), "--keep", "mine")
    assert code == 2 and "not allowed" in out
    code, out = _run(capsys, "team", "resolve", str(editor_file), number.group(1), "--keep", "theirs")
    assert code == 0 and "Ngo boat racing." in out
    _run(capsys, "team", "sync", str(lan_file))
    assert "no open conflicts" in _run(capsys, "team", "conflicts", str(lan_file))[1]


def test_sync_of_a_project_that_is_not_shared_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = make_project(tmp_path)
    code, out = _run(capsys, "team", "sync", str(path))
    assert code == 2 and "is not a team project" in out
