"""The sync's server rules hold for a login typing SQL in psql, not only for the desktop's code."""

from __future__ import annotations

from pathlib import Path

from tests.team.conftest import TeamServer
from tests.team.project_desktops import published_team, server_count
from workbench.core.team.server_connection import connect

_PROPOSE = (
    "SELECT wb.propose_over_approved({pid}, 'le-hoi.txt#1', 'en', 'Mine.', '{status}', 'human', '', 'psql', 1, NULL)"
)


def _project_id(team_server: TeamServer) -> int:
    return server_count(team_server, "SELECT id FROM wb.projects WHERE name = 'angiang'")


def test_a_translator_cannot_publish_a_structure_nor_propose_an_approval(
    team_server: TeamServer, tmp_path: Path
) -> None:
    _, (lan,), _ = published_team(team_server, tmp_path)
    pid, url = _project_id(team_server), team_server.login_url(lan.login)
    psql = team_server.cluster.psql
    done = psql(url, f"INSERT INTO wb.project_snapshots (project_id, snapshot, format_version) VALUES ({pid}, 'x', 7)")
    assert done.returncode != 0 and "permission denied" in done.stderr
    done = psql(url, _PROPOSE.format(pid=pid, status="approved"))
    assert done.returncode != 0 and "drafts and translations only" in done.stderr
    assert server_count(team_server, "SELECT count(*) FROM wb.revisions WHERE client_id = 'psql'") == 0


def test_a_login_outside_the_project_cannot_read_its_structure_nor_propose_into_it(
    team_server: TeamServer, tmp_path: Path
) -> None:
    published_team(team_server, tmp_path)
    pid = _project_id(team_server)
    outsider = team_server.add_login("translator", prefix="out")
    url = team_server.login_url(outsider)
    psql = team_server.cluster.psql
    assert psql(url, "SELECT count(*) FROM wb.project_snapshots").stdout.strip() == "0"
    done = psql(url, _PROPOSE.format(pid=pid, status="translated"))
    assert done.returncode != 0 and "not a member" in done.stderr
    assert server_count(team_server, "SELECT count(*) FROM wb.revisions WHERE client_id = 'psql'") == 0


def test_an_approval_arriving_late_wins_and_the_translation_it_replaced_is_queued(
    team_server: TeamServer, tmp_path: Path
) -> None:
    editor, (lan,), ids = published_team(team_server, tmp_path)
    lan.confirm(ids[0], "Translator's text.")
    editor.approve(ids[0], "The editor's approved text.")  # offline, before the translator's reached the server
    lan.sync()
    editor.sync()
    with connect(team_server.admin_url) as conn:
        current = conn.execute("SELECT text, status FROM wb.current_texts WHERE segment_key LIKE %s", (f"%#{ids[0]}",))
        assert current.fetchall() == [("The editor's approved text.", "approved")]
        kept, other = conn.execute(
            "SELECT k.text, o.text FROM wb.conflicts f JOIN wb.revisions k ON k.seq = f.kept_seq"
            " JOIN wb.revisions o ON o.seq = f.other_seq"
        ).fetchone() or ("", "")
    assert (kept, other) == ("The editor's approved text.", "Translator's text.")
    lan.sync()
    assert lan.text(ids[0]) == ("Translator's text.", "translated")  # kept on its desktop until an editor chooses
