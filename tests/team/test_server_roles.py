"""The server, not the desktop, enforces the roles: a translator connecting directly with psql is refused.

Each test connects as a login `team add-user` made and types SQL at the server as someone bypassing the
workbench would; psql's exit status and the server's words show the refusal.
"""

from __future__ import annotations

import subprocess

from tests.team.conftest import TeamLogin, TeamServer

INSERT = (
    "INSERT INTO wb.revisions (project_id, segment_key, language, text, status, client_id, client_revision_id)"
    " VALUES ({project}, 's1', 'en', '{text}', '{status}', '{client}', {number})"
)


def _write(
    server: TeamServer, login: TeamLogin, project: int, status: str, number: int, text: str = "Hello"
) -> subprocess.CompletedProcess[str]:
    command = INSERT.format(project=project, text=text, status=status, client=login.name, number=number)
    return server.cluster.psql(server.login_url(login), command)


def _team(server: TeamServer) -> tuple[int, TeamLogin, TeamLogin]:
    project = server.add_project("angiang")
    return project, server.add_login("translator", "angiang", "lan"), server.add_login("editor", "angiang", "hoa")


def test_a_translator_writes_a_translation_but_cannot_approve(team_server: TeamServer) -> None:
    project, translator, _ = _team(team_server)
    assert _write(team_server, translator, project, "translated", 1).returncode == 0
    refused = _write(team_server, translator, project, "approved", 2)
    assert refused.returncode != 0
    assert "row-level security" in refused.stderr
    current = team_server.cluster.psql(team_server.login_url(translator), "SELECT status FROM wb.current_texts")
    assert current.stdout.split() == ["translated"]


def test_an_editor_approves_and_then_the_translator_cannot_change_the_text(team_server: TeamServer) -> None:
    project, translator, editor = _team(team_server)
    assert _write(team_server, translator, project, "translated", 1).returncode == 0
    assert _write(team_server, editor, project, "approved", 1).returncode == 0
    over = _write(team_server, translator, project, "translated", 2, text="Changed")
    assert over.returncode != 0 and "row-level security" in over.stderr
    direct = team_server.cluster.psql(
        team_server.login_url(translator), "UPDATE wb.current_texts SET text = 'Changed', status = 'translated'"
    )
    assert direct.returncode != 0 and "permission denied for table current_texts" in direct.stderr
    texts = team_server.cluster.psql(team_server.login_url(editor), "SELECT text, status, author FROM wb.current_texts")
    assert texts.stdout.strip() == f"Hello|approved|{editor.name}"


def test_revisions_are_never_deleted_or_rewritten_by_a_member(team_server: TeamServer) -> None:
    project, translator, editor = _team(team_server)
    assert _write(team_server, translator, project, "draft", 1).returncode == 0
    for login in (translator, editor):
        deleted = team_server.cluster.psql(team_server.login_url(login), "DELETE FROM wb.revisions")
        assert deleted.returncode != 0 and "permission denied for table revisions" in deleted.stderr
        updated = team_server.cluster.psql(team_server.login_url(login), "UPDATE wb.revisions SET text = 'x'")
        assert updated.returncode != 0 and "permission denied" in updated.stderr
    # not even the schema's owner rewrites history
    owner = team_server.cluster.psql(team_server.admin_url, "UPDATE wb.revisions SET text = 'x'")
    assert owner.returncode != 0 and "append-only" in owner.stderr


def test_a_translator_cannot_write_under_another_login(team_server: TeamServer) -> None:
    project, translator, editor = _team(team_server)
    command = (
        "INSERT INTO wb.revisions (project_id, segment_key, language, text, status, author, client_id,"
        f" client_revision_id) VALUES ({project}, 's1', 'en', 'x', 'draft', '{editor.name}', 'c', 1)"
    )
    refused = team_server.cluster.psql(team_server.login_url(translator), command)
    assert refused.returncode != 0 and "permission denied" in refused.stderr


def test_a_translator_reads_nothing_of_a_project_it_is_not_a_member_of(team_server: TeamServer) -> None:
    _project, translator, _editor = _team(team_server)
    other = team_server.add_project("soctrang")
    outsider_editor = team_server.add_login("editor", "soctrang", "minh")
    assert _write(team_server, outsider_editor, other, "approved", 1, text="Secret").returncode == 0
    url = team_server.login_url(translator)
    seen = team_server.cluster.psql(url, "SELECT name FROM wb.projects")
    assert seen.stdout.split() == ["angiang"]
    for table in ("revisions", "current_texts", "conflicts", "document_assignments"):
        rows = team_server.cluster.psql(url, f"SELECT count(*) FROM wb.{table} WHERE project_id = {other}")
        assert rows.returncode == 0 and rows.stdout.strip() == "0", table
    members = team_server.cluster.psql(url, "SELECT login FROM wb.project_members")
    assert members.stdout.split() == [translator.name]
    written = _write(team_server, translator, other, "draft", 9)
    assert written.returncode != 0 and "row-level security" in written.stderr


def test_a_retried_push_never_duplicates_a_revision(team_server: TeamServer) -> None:
    project, translator, _ = _team(team_server)
    assert _write(team_server, translator, project, "draft", 1).returncode == 0
    again = _write(team_server, translator, project, "draft", 1)
    assert again.returncode != 0 and "duplicate key" in again.stderr
    count = team_server.cluster.psql(team_server.login_url(translator), "SELECT count(*) FROM wb.revisions")
    assert count.stdout.strip() == "1"


def test_only_an_editor_assigns_documents(team_server: TeamServer) -> None:
    project, translator, editor = _team(team_server)
    command = f"INSERT INTO wb.document_assignments (project_id, document, login) VALUES ({project}, 'tin.docx', '{translator.name}')"
    refused = team_server.cluster.psql(team_server.login_url(translator), command)
    assert refused.returncode != 0 and "permission denied" in refused.stderr
    assert team_server.cluster.psql(team_server.login_url(editor), command).returncode == 0
    seen = team_server.cluster.psql(
        team_server.login_url(translator), "SELECT document, login FROM wb.document_assignments"
    )
    assert seen.stdout.strip() == f"tin.docx|{translator.name}"


def test_an_editor_of_another_project_cannot_approve_here(team_server: TeamServer) -> None:
    project, translator, _ = _team(team_server)
    team_server.add_project("soctrang")
    elsewhere = team_server.add_login("editor", "soctrang", "minh")
    assert _write(team_server, translator, project, "translated", 1).returncode == 0
    refused = _write(team_server, elsewhere, project, "approved", 1)
    assert refused.returncode != 0 and "row-level security" in refused.stderr


def test_an_editor_publishes_a_project_and_is_its_editor_and_a_translator_cannot(team_server: TeamServer) -> None:
    editor, translator = team_server.add_login("editor", prefix="hoa"), team_server.add_login("translator")
    publish = "INSERT INTO wb.projects (name, source_language, target_languages) VALUES ('{0}', 'vi', '{{en,km}}') RETURNING name"
    made = team_server.cluster.psql(team_server.login_url(editor), publish.format("camau"))
    assert made.returncode == 0 and made.stdout.split()[0] == "camau"
    role = team_server.cluster.psql(team_server.login_url(editor), "SELECT wb.member_role(id) FROM wb.projects")
    assert role.stdout.split() == ["editor"]
    refused = team_server.cluster.psql(team_server.login_url(translator), publish.format("baclieu"))
    assert refused.returncode != 0 and "permission denied for table projects" in refused.stderr
    spoofed = team_server.cluster.psql(
        team_server.login_url(editor),
        f"INSERT INTO wb.projects (name, source_language, target_languages, created_by) VALUES ('x', 'vi', '{{en}}', '{translator.name}')",
    )
    assert spoofed.returncode != 0 and "permission denied" in spoofed.stderr
