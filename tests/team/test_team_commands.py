"""`team init`, `team add-user` and `settings --team` as the administrator and a translator type them."""

from __future__ import annotations

import io
import json
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from tests.team.conftest import TeamDatabase, TeamServer, unique_name
from tests.team.pg_cluster import start_cluster
from workbench.commands.main import main
from workbench.core.errors import TeamServerError
from workbench.core.settings import Settings
from workbench.core.team.schema_registry import SCHEMA_PARTS
from workbench.core.team.server_connection import connect
from workbench.core.team.team_credentials import connect_with_saved_password, pgpass_path
from workbench.core.team.team_setup import InitReport, initialise


def test_team_init_makes_the_schema_and_a_second_run_changes_nothing(
    team_database: TeamDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["team", "init", team_database.admin_url]) == 0
    first = capsys.readouterr().out
    assert "schema parts applied: projects-and-members, project-texts" in first
    assert "wb_super" in first and team_database.cluster.password not in first
    assert main(["team", "init", team_database.admin_url]) == 0
    assert f"the schema is up to date ({len(SCHEMA_PARTS)} parts), nothing changed" in capsys.readouterr().out
    with connect(team_database.admin_url) as conn:
        tables = conn.execute(
            "SELECT relname, relrowsecurity AND relforcerowsecurity FROM pg_class"
            " WHERE relnamespace = 'wb'::regnamespace AND relkind IN ('r', 'p') ORDER BY relname"
        ).fetchall()
    # every table of every part (the memory's and the sync's too) is under forced row-level security
    assert {name for name, forced in tables if not forced} == {"schema_parts"}
    assert {"conflicts", "current_texts", "document_assignments", "project_members", "projects", "revisions"} <= {
        name for name, _ in tables
    }


def test_team_init_refuses_a_login_that_may_not_make_roles(
    team_database: TeamDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    login = unique_name("plain")
    with psycopg.connect(team_database.admin_url, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'pw'").format(psycopg.sql.Identifier(login)))
    assert main(["team", "init", team_database.url(login, "pw", tcp=True)]) == 2
    error = capsys.readouterr().err
    assert f"team server {login}@127.0.0.1:{team_database.cluster.port}/{team_database.name}" in error
    assert "needs a login allowed to create roles" in error
    with connect(team_database.admin_url) as conn:
        assert conn.execute("SELECT to_regnamespace('wb')").fetchone() == (None,)


def test_an_administrator_who_is_not_a_superuser_can_init_and_the_rules_hold(
    team_database: TeamDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The office's `wb` login with CREATEROLE owns the schema; its triggers still keep the current texts."""
    admin = unique_name("office_admin")
    with psycopg.connect(team_database.admin_url, autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD 'pw'").format(psycopg.sql.Identifier(admin))
        )
        conn.execute(
            psycopg.sql.SQL("GRANT CREATE ON DATABASE {} TO {}").format(
                psycopg.sql.Identifier(team_database.name), psycopg.sql.Identifier(admin)
            )
        )
    admin_url = team_database.url(admin, "pw")
    with connect(admin_url) as conn:
        initialise(conn, "office")
        conn.execute("INSERT INTO wb.projects (name, source_language, target_languages) VALUES ('p', 'vi', '{en}')")
    lan = unique_name("lan")
    command = ["team", "add-user", lan, "--role", "translator", "--project", "p", "--password-stdin"]
    monkeypatch.setattr("sys.stdin", io.StringIO("pw-lan\n"))
    assert main([*command, "--server", admin_url]) == 0
    with connect(team_database.url(lan, "pw-lan")) as conn:
        conn.execute(
            "INSERT INTO wb.revisions (project_id, segment_key, language, text, status, client_id, client_revision_id)"
            " SELECT id, 's1', 'en', 'Hello', 'translated', 'pc-1', 1 FROM wb.projects"
        )
    with connect(admin_url) as conn:  # the trigger, running as this owner, kept the current text
        assert conn.execute("SELECT text, author FROM wb.current_texts").fetchall() == [("Hello", lan)]


def test_add_user_makes_a_login_that_connects_with_the_printed_password(
    team_server: TeamServer, capsys: pytest.CaptureFixture[str]
) -> None:
    team_server.add_project("angiang")
    name = unique_name("lan")
    assert (
        main(
            [
                "team",
                "add-user",
                name,
                "--role",
                "translator",
                "--project",
                "angiang",
                "--server",
                team_server.admin_url,
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"added login {name} (translator, member of angiang)" in out
    password = out.split("password (shown once, give it to " + name + "): ")[1].split()[0]
    with connect(team_server.url(name, password)) as conn:
        assert conn.execute("SELECT name FROM wb.projects").fetchall() == [("angiang",)]
        assert conn.execute("SELECT pg_has_role('wb_editor', 'MEMBER')").fetchone() == (False,)


def test_add_user_reads_the_password_from_stdin_and_can_make_an_editor(
    team_server: TeamServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name = unique_name("hoa")
    monkeypatch.setattr("sys.stdin", io.StringIO("m4t-kh4u\n"))
    command = ["team", "add-user", name, "--role", "editor", "--password-stdin", "--server", team_server.admin_url]
    assert main(command) == 0
    assert "m4t-kh4u" not in capsys.readouterr().out
    with connect(team_server.url(name, "m4t-kh4u")) as conn:
        assert conn.execute("SELECT pg_has_role('wb_editor', 'MEMBER')").fetchone() == (True,)


def test_add_user_refuses_a_name_that_is_not_a_login_and_a_project_that_is_not_there(
    team_server: TeamServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["team", "add-user", 'x"; DROP SCHEMA wb; --', "--role", "translator", "--server", team_server.admin_url])
        == 2
    )
    assert "is not a login name" in capsys.readouterr().err
    assert main(["team", "add-user", "wb_admin", "--role", "editor", "--server", team_server.admin_url]) == 2
    assert "the server's own roles" in capsys.readouterr().err
    assert (
        main(
            [
                "team",
                "add-user",
                unique_name("x"),
                "--role",
                "translator",
                "--project",
                "nowhere",
                "--server",
                team_server.admin_url,
            ]
        )
        == 2
    )
    assert "there is no project 'nowhere'" in capsys.readouterr().err


def test_settings_keep_the_team_server_without_its_password(
    team_server: TeamServer, private_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    translator = team_server.add_login("translator")
    url_with_password = team_server.login_url(translator)
    assert main(["settings", "--team", url_with_password]) == 0
    shown = capsys.readouterr().out
    assert f"team server: {team_server.url(translator.name)}" in shown and translator.password not in shown
    settings_file = (private_settings / "settings.json").read_text(encoding="utf-8")
    assert translator.password not in settings_file
    assert json.loads(settings_file)["team_server"] == team_server.url(translator.name)
    assert stat.S_IMODE(pgpass_path().stat().st_mode) == 0o600
    with connect_with_saved_password(Settings.load().team_server) as conn:  # the saved password is the one used
        assert conn.execute("SELECT current_user").fetchone() == (translator.name,)


def test_a_new_password_from_stdin_replaces_the_saved_one(
    team_server: TeamServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    translator = team_server.add_login("translator")
    url = team_server.url(translator.name)
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong-one\n"))
    assert main(["settings", "--team", url, "--team-password-stdin"]) == 0
    with pytest.raises(TeamServerError, match="password was refused"):
        connect_with_saved_password(url)
    monkeypatch.setattr("sys.stdin", io.StringIO(translator.password + "\n"))
    assert main(["settings", "--team-password-stdin"]) == 0
    assert pgpass_path().read_text().count("\n") == 1
    with connect_with_saved_password(url) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (translator.name,)


def test_team_init_against_a_closed_port_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["team", "init", "postgresql://wb@127.0.0.1:1/workbench"]) == 2
    assert "team server wb@127.0.0.1:1/workbench: the server refused the connection" in capsys.readouterr().err
    assert main(["team", "add-user", "lan", "--role", "translator"]) == 2
    assert "no team server" in capsys.readouterr().err


def test_team_check_shows_a_translator_its_own_projects_only(
    team_server: TeamServer, capsys: pytest.CaptureFixture[str]
) -> None:
    team_server.add_project("angiang")
    team_server.add_project("soctrang")
    translator = team_server.add_login("translator", "angiang")
    assert main(["settings", "--team", team_server.login_url(translator)]) == 0
    capsys.readouterr()
    assert main(["team", "check"]) == 0
    out = capsys.readouterr().out
    assert f"connected as {translator.name} (translator), without TLS" in out
    assert "angiang (translator)" in out and "soctrang" not in out


def test_team_check_says_when_team_init_has_not_run(
    team_database: TeamDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["team", "check", "--server", team_database.admin_url]) == 2
    assert "an administrator runs `team init` first" in capsys.readouterr().err


def test_adding_a_login_to_a_second_project_keeps_its_password(
    team_server: TeamServer, capsys: pytest.CaptureFixture[str]
) -> None:
    team_server.add_project("angiang")
    team_server.add_project("soctrang")
    lan = team_server.add_login("translator", "angiang")
    command = ["team", "add-user", lan.name, "--role", "translator", "--project", "soctrang"]
    assert main([*command, "--server", team_server.admin_url]) == 0
    out = capsys.readouterr().out
    assert f"updated login {lan.name} (translator, member of soctrang)" in out
    assert "password is unchanged" in out and "shown once" not in out
    with connect(team_server.login_url(lan)) as conn:
        assert conn.execute("SELECT name FROM wb.projects ORDER BY name").fetchall() == [("angiang",), ("soctrang",)]


def test_add_user_never_touches_a_login_that_is_not_a_team_login(
    team_server: TeamServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """`team add-user postgres` must not give the server's superuser a new password (nor any other login)."""
    root, other = unique_name("root"), unique_name("backup")
    with psycopg.connect(team_server.admin_url, autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("CREATE ROLE {} LOGIN SUPERUSER PASSWORD 'pw'").format(psycopg.sql.Identifier(root))
        )
        conn.execute(psycopg.sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'pw'").format(psycopg.sql.Identifier(other)))
    assert main(["team", "add-user", root, "--role", "translator", "--server", team_server.admin_url]) == 2
    assert f"the login {root} exists and is not a team login" in capsys.readouterr().err
    assert main(["team", "add-user", other, "--role", "editor", "--server", team_server.admin_url]) == 2
    assert "is not a team login" in capsys.readouterr().err
    with connect(team_server.url(other, "pw")) as conn:
        assert conn.execute("SELECT pg_has_role('wb_editor', 'MEMBER')").fetchone() == (False,)
    with connect(team_server.url(root, "pw")) as conn:  # the superuser's password still works
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_an_editor_made_a_translator_again_can_no_longer_approve(team_server: TeamServer) -> None:
    team_server.add_project("angiang")
    hoa = team_server.add_login("editor", "angiang")
    assert (
        main(
            [
                "team",
                "add-user",
                hoa.name,
                "--role",
                "translator",
                "--project",
                "angiang",
                "--server",
                team_server.admin_url,
            ]
        )
        == 0
    )
    with connect(team_server.login_url(hoa)) as conn:
        assert conn.execute("SELECT pg_has_role('wb_editor', 'MEMBER'), wb.is_editor(1)").fetchone() == (False, False)


def test_inits_at_the_same_moment_on_a_new_server_all_succeed() -> None:
    """Roles are the whole server's: two databases' `team init` at once must not trip over each other."""
    cluster = start_cluster()
    try:
        for name in ("office_a", "office_b"):
            cluster.create_database(name)
        targets = [cluster.superuser_url(name) for name in ("office_a", "office_b", "office_a", "office_b")]

        def init(url: str) -> InitReport:
            with connect(url) as conn:
                return initialise(conn, url)

        with ThreadPoolExecutor(len(targets)) as pool:
            reports = list(pool.map(init, targets))
        assert sorted(role for report in reports for role in report.roles_made) == [
            "wb_admin",
            "wb_editor",
            "wb_translator",
        ]
        assert sum(len(report.parts_applied) for report in reports) == 2 * len(SCHEMA_PARTS)
    finally:
        cluster.stop()


def test_settings_never_echo_a_password_a_hand_edited_file_holds(
    private_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (private_settings / "settings.json").write_text(
        json.dumps({"team_server": "postgresql://lan:h4nd-3dited@office-server/workbench"}), encoding="utf-8"
    )
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert "h4nd-3dited" not in out
    assert "team server: postgresql://lan@office-server/workbench (the settings file holds its password" in out


def test_remove_user_takes_a_translator_off_a_project_then_off_the_team(
    team_server: TeamServer, capsys: pytest.CaptureFixture[str]
) -> None:
    team_server.add_project("angiang")
    team_server.add_project("soctrang")
    lan = team_server.add_login("translator", "angiang")
    add = [
        "team",
        "add-user",
        lan.name,
        "--role",
        "translator",
        "--project",
        "soctrang",
        "--server",
        team_server.admin_url,
    ]
    assert main(add) == 0
    still_open = connect(team_server.login_url(lan))
    try:
        assert main(["team", "remove-user", lan.name, "--project", "angiang", "--server", team_server.admin_url]) == 0
        assert still_open.execute("SELECT name FROM wb.projects").fetchall() == [("soctrang",)]
        still_open.commit()
        assert main(["team", "remove-user", lan.name, "--server", team_server.admin_url]) == 0
        assert "off the team (1 project(s)) and can no longer log in" in capsys.readouterr().out
        with pytest.raises(psycopg.OperationalError):  # the session it had open was ended
            still_open.execute("SELECT 1")
    finally:
        still_open.close()
    with pytest.raises(TeamServerError, match="this login is disabled on the server"):
        connect(team_server.login_url(lan))
    assert main(["team", "remove-user", "nobody_here", "--server", team_server.admin_url]) == 2
    assert "nobody_here is not a team login" in capsys.readouterr().err
    assert main(add) == 0  # taken back: the same password works again
    with connect(team_server.login_url(lan)) as conn:
        assert conn.execute("SELECT name FROM wb.projects").fetchall() == [("soctrang",)]


def test_a_password_with_colons_and_backslashes_survives_the_pgpass_file(
    team_server: TeamServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, password = unique_name("lan"), r"a:b\c:d\\"
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert (
        main(["team", "add-user", name, "--role", "translator", "--password-stdin", "--server", team_server.admin_url])
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["settings", "--team", team_server.url(name), "--team-password-stdin"]) == 0
    with connect_with_saved_password(team_server.url(name)) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (name,)
    assert main(["settings", "--team", ""]) == 0
    assert Settings.load().team_server == ""


def test_team_init_by_a_login_that_may_not_create_a_schema_is_refused_in_words(
    team_database: TeamDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    login = unique_name("roles_only")
    with psycopg.connect(team_database.admin_url, autocommit=True) as conn:
        conn.execute(
            psycopg.sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD 'pw'").format(psycopg.sql.Identifier(login))
        )
    assert main(["team", "init", team_database.url(login, "pw")]) == 2
    error = capsys.readouterr().err
    assert "creating the roles and the schema: this login is not allowed to (permission denied for database" in error
    with connect(team_database.admin_url) as conn:
        assert conn.execute("SELECT to_regnamespace('wb')").fetchone() == (None,)


def test_a_pgpass_file_someone_made_readable_is_closed_again_and_still_used(team_server: TeamServer) -> None:
    """libpq ignores a pgpass file others can read; ours is put back to 0600 before it is handed over."""
    translator = team_server.add_login("translator")
    assert main(["settings", "--team", team_server.login_url(translator)]) == 0
    pgpass_path().chmod(0o644)
    with connect_with_saved_password(team_server.url(translator.name)) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (translator.name,)
    assert stat.S_IMODE(pgpass_path().stat().st_mode) == 0o600


def test_the_windows_sync_interval_is_a_remembered_setting(
    private_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "--team", "postgresql://lan@office-server/workbench", "--team-sync-minutes", "10"]) == 0
    assert "the window syncs a team project every 10 min" in capsys.readouterr().out
    assert Settings.load().team_sync_minutes == 10
    assert main(["settings", "--team-sync-minutes", "0"]) == 0
    assert "only on Sync now" in capsys.readouterr().out
    assert Settings.load().team_server == "postgresql://lan@office-server/workbench"  # the server stays
    assert main(["settings", "--team-sync-minutes", "100000"]) == 2
    assert "--team-sync-minutes: from 0" in capsys.readouterr().err
    assert Settings.load().team_sync_minutes == 0
