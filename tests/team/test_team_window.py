"""The project window of a team project: the team status in the status bar, the background sync started from
Team > Sync now, the texts another desktop pushed shown in the grid, and the conflicts view an editor settles.

Each desktop is a real project file whose team link holds the address without its password (the password is
in the pgpass file, as `settings --team` keeps it); the window runs on one of them with the real AppContext,
the others are synced by the core directly. The server is the team tests' real one (a cluster of its own for
the offline test, stopped under the window)."""

from __future__ import annotations

import re
import socket
from pathlib import Path

from PySide6.QtCore import Qt

from tests.team.conftest import TeamServer
from tests.team.pg_cluster import start_cluster
from tests.team.project_desktops import Desktop, make_project, server_count
from tests.ui.conftest import dialogs, no_leftover_background_work, private_qsettings, shown_errors  # noqa: F401
from workbench.context import AppContext
from workbench.core.memory.glossary import Term, terms, write_term
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.core.team.project_publish import get_project, publish
from workbench.core.team.server_connection import connect
from workbench.core.team.team_credentials import save_password
from workbench.core.team.team_glossary import push_terms
from workbench.core.team.team_setup import initialise, remove_user
from workbench.ui.project_window import ProjectWindow

TIMEOUT = 30000  # generous: a sync is a few queries, a loaded CI machine may still be slow


def _address(server: TeamServer, desktop_login: str, password: str) -> str:
    """The address a desktop keeps (no password in it), its password saved in the pgpass file."""
    address = server.url(desktop_login, tcp=True)
    save_password(address, password)
    return address


def team_desktops(server: TeamServer, folder: Path, translators: int) -> tuple[Desktop, list[Desktop], list[int]]:
    """An editor publishes the article; each translator gets a copy; every link names the real server."""
    path, ids = make_project(folder)
    editor = server.add_login("editor", prefix="ed")
    editor_desktop = Desktop(path, editor, server.login_url(editor))
    with Project.open(path) as project, editor_desktop.connect() as conn:
        publish(project, conn, editor.name, _address(server, editor.name, editor.password))
    others = []
    for number in range(translators):
        login = server.add_login("translator", project="angiang", prefix="tr")
        desktop = Desktop(folder / f"angiang-{number}.wbp", login, server.login_url(login))
        with desktop.connect() as conn:
            get_project(conn, login.name, _address(server, login.name, login.password), "angiang", desktop.path)
        others.append(desktop)
    return editor_desktop, others, ids


def status_text(window: ProjectWindow) -> str:
    return window.team.label.text()


def idle_and_saying(qtbot, window: ProjectWindow, words: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.team.sync.busy and words in status_text(window), timeout=TIMEOUT)


def english_cell(window: ProjectWindow, segment: int) -> str:
    model = window.model
    row = model.row_of(segment)
    assert row is not None
    return str(model.data(model.index(row, model.column_of("en"))))


def test_the_status_bar_counts_waiting_changes_and_says_synced_after_sync_now(
    qtbot, team_server: TeamServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _, (lan,), ids = team_desktops(team_server, tmp_path, translators=1)
    window = open_team_window_for(qtbot, lan)
    assert status_text(window) == "Team: synced just now"
    window.editing.set_text(ids[0], "en", "The Ooc Om Boc festival.", confirmed=True)
    window.editing.set_text(ids[1], "en", "People race boats.", confirmed=True)
    qtbot.waitUntil(lambda: "2 changes waiting" in status_text(window), timeout=TIMEOUT)
    assert server_count(team_server, "SELECT count(*) FROM wb.revisions WHERE text = 'People race boats.'") == 0
    window.team.sync_action.trigger()  # Team > Sync now (F5)
    idle_and_saying(qtbot, window, "synced just now")
    assert status_text(window) == "Team: synced just now"  # nothing waits any more
    assert server_count(team_server, "SELECT count(*) FROM wb.revisions WHERE text = 'People race boats.'") == 1
    assert window.team.sync_action.shortcut().toString() == "F5"


def test_a_sync_from_the_menu_shows_in_the_grid_what_another_desktop_pushed(
    qtbot, team_server: TeamServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    editor, (lan,), ids = team_desktops(team_server, tmp_path, translators=1)
    window = open_team_window_for(qtbot, lan)
    assert "People race ngo boats" not in english_cell(window, ids[1])
    editor.confirm(ids[1], "People race ngo boats on the river.")
    editor.sync()
    window.team.sync_action.trigger()
    qtbot.waitUntil(lambda: english_cell(window, ids[1]) == "People race ngo boats on the river.", timeout=TIMEOUT)
    idle_and_saying(qtbot, window, "synced just now")
    window.close()


def test_a_server_out_of_reach_marks_offline_without_a_dialog_and_the_changes_wait(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cluster = start_cluster()
    try:
        cluster.create_database("workbench")
        with connect(cluster.superuser_url("workbench")) as conn:
            initialise(conn, "workbench")
        _, (lan,), ids = team_desktops(TeamServer(cluster, "workbench"), tmp_path, translators=1)
        window = open_team_window_for(qtbot, lan)
        cluster.stop()
        window.editing.set_text(ids[0], "en", "The festival.", confirmed=True)
        window.team.sync_action.trigger()
        idle_and_saying(qtbot, window, "offline since")
        window.team.sync_action.trigger()  # again: still no dialog (the `dialogs` fixture fails on one)
        idle_and_saying(qtbot, window, "offline since")
        assert "1 change waiting" in status_text(window)
        assert "refused the connection" in window.team.label.toolTip()
        window.close()
    finally:
        cluster.stop()


def test_the_conflicts_view_lists_a_conflict_of_two_desktops_and_an_editor_settles_it(
    qtbot, team_server: TeamServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    editor, (lan, minh), ids = team_desktops(team_server, tmp_path, translators=2)
    lan.confirm(ids[2], "Many visitors come to watch.")
    minh.confirm(ids[2], "Crowds of tourists come to see it.")
    lan.sync()
    minh.sync()
    window = open_team_window_for(qtbot, editor)
    assert "1 conflict" in status_text(window)
    window.team.conflicts_action.trigger()  # Team > Conflicts…
    dialog = window.team.dialog
    assert dialog is not None and dialog.isVisible()
    assert [dialog.list.item(row).text() for row in range(dialog.list.count())] == ["le-hoi.txt #3 (English)"]
    assert dialog.kept_text.toPlainText() == "Many visitors come to watch."
    assert dialog.other_text.toPlainText() == "Crowds of tourists come to see it."
    assert lan.login.name in dialog.kept_title.text() and minh.login.name in dialog.other_title.text()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=TIMEOUT)
    assert dialog.list.hasFocus()  # the keyboard starts on the list
    qtbot.keyClick(dialog.list, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Keep the &other text
    qtbot.waitUntil(lambda: dialog.list.count() == 0 and not window.team.sync.busy, timeout=TIMEOUT)
    assert server_count(team_server, "SELECT count(*) FROM wb.conflicts WHERE resolved_at IS NULL") == 0
    assert english_cell(window, ids[2]) == "Crowds of tourists come to see it."
    idle_and_saying(qtbot, window, "synced just now")
    assert "conflict" not in status_text(window)
    window.close()


def test_a_translator_sees_the_conflicts_and_the_servers_refusal_in_words(
    qtbot,
    team_server: TeamServer,
    tmp_path: Path,
    shown_errors: list[str],  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    _, (lan, minh), ids = team_desktops(team_server, tmp_path, translators=2)
    lan.confirm(ids[2], "Many visitors come to watch.")
    minh.confirm(ids[2], "Crowds of tourists come to see it.")
    lan.sync()
    minh.sync()
    window = open_team_window_for(qtbot, minh)
    window.team.conflicts_action.trigger()
    dialog = window.team.dialog
    assert dialog is not None and dialog.list.count() == 1
    dialog.edited.setPlainText("Mine wins.")
    dialog.use_edited.click()
    qtbot.waitUntil(lambda: bool(shown_errors) and not window.team.sync.busy, timeout=TIMEOUT)
    (said,) = shown_errors  # once, naming the server and the login
    assert minh.login.name in said and re.search(r"not allowed|only an editor", said), said
    assert dialog.list.count() == 1  # still open
    assert server_count(team_server, "SELECT count(*) FROM wb.conflicts WHERE resolved_at IS NULL") == 1
    assert server_count(team_server, "SELECT count(*) FROM wb.revisions WHERE text = 'Mine wins.'") == 0
    window.close()


def open_team_window_for(qtbot, desktop: Desktop) -> ProjectWindow:  # type: ignore[no-untyped-def]
    window = ProjectWindow(Project.open(desktop.path), AppContext.load())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.team.sync.ended, timeout=TIMEOUT):  # the sync the window starts as it opens
        window.show()
        qtbot.waitExposed(window)
    return window


def test_a_refusal_is_said_once_naming_the_server_however_often_the_sync_runs(
    qtbot,
    team_server: TeamServer,
    tmp_path: Path,
    shown_errors: list[str],  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    _, (lan,), ids = team_desktops(team_server, tmp_path, translators=1)
    window = open_team_window_for(qtbot, lan)
    with connect(team_server.admin_url) as conn:
        remove_user(conn, team_server.name, lan.login.name, project="angiang")  # an editor took lan off it
    window.editing.set_text(ids[0], "en", "The festival.", confirmed=True)
    for _ in range(3):  # Sync now, and the timer's syncs after it
        with qtbot.waitSignal(window.team.sync.ended, timeout=TIMEOUT):
            window.team.sync_action.trigger()
    (said,) = shown_errors
    assert f"team server {lan.login.name}@127.0.0.1" in said and "not a member of the team project angiang" in said
    assert "sync refused since" in status_text(window) and "1 change waiting" in status_text(window)  # kept here
    window.close()


def test_a_confirmation_in_the_window_reaches_the_team_memory_with_the_next_sync(
    qtbot, team_server: TeamServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _, (lan,), ids = team_desktops(team_server, tmp_path, translators=1)
    settings = Settings.load()
    settings.team_server = team_server.url(lan.login.name, tcp=True)  # as `settings --team` keeps it
    settings.save()
    window = open_team_window_for(qtbot, lan)
    window.editing.set_text(ids[1], "en", "People race ngo boats on the river.", confirmed=True)
    units = "SELECT count(*) FROM wb.memory_units WHERE target = 'People race ngo boats on the river.'"
    assert server_count(team_server, units) == 0  # queued on the desktop: the confirmation asked no server
    with qtbot.waitSignal(window.team.sync.ended, timeout=TIMEOUT):
        window.team.sync_action.trigger()
    assert server_count(team_server, units) == 1
    window.close()


def test_typing_goes_on_while_a_sync_waits_for_a_server_that_never_answers(
    qtbot, team_server: TeamServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A half-dead office server (it accepts and says nothing): the sync waits in its worker until the
    bounded timeout, while the window takes a confirmation and counts it; then the desktop is offline."""
    path, ids = make_project(tmp_path)
    editor = team_server.add_login("editor", prefix="ed")
    with Project.open(path) as project, connect(team_server.login_url(editor)) as conn:
        publish(project, conn, editor.name, "postgresql://office/workbench")
    lan = team_server.add_login("translator", project="angiang", prefix="tr")
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        address = f"postgresql://{lan.name}@127.0.0.1:{silent.getsockname()[1]}/workbench?connect_timeout=5"
        copy = tmp_path / "lan.wbp"
        with connect(team_server.login_url(lan)) as conn:
            get_project(conn, lan.name, address, "angiang", copy)
        window = open_team_window_for(qtbot, Desktop(copy, lan, address))
        with qtbot.waitSignal(window.team.sync.ended, timeout=TIMEOUT):
            window.team.sync_action.trigger()
            assert window.team.sync.busy  # the menu came back at once: the sync is in its worker
            assert window.editing.set_text(ids[0], "en", "The festival.", confirmed=True)
            window.team.refresh_status()  # what the change's refresh shows, read now: the worker still waits
            assert window.team.sync.busy and "syncing…, 1 change waiting" in status_text(window)
        idle_and_saying(qtbot, window, "offline since")
        assert "no answer from the server within 5 s" in window.team.label.toolTip()
        window.close()


def test_the_window_syncs_by_itself_as_often_as_the_settings_say(
    qtbot, team_server: TeamServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _, (lan,), _ids = team_desktops(team_server, tmp_path, translators=1)
    settings = Settings.load()
    for minutes, running in ((10, True), (0, False)):
        settings.team_sync_minutes = minutes
        settings.save()
        window = open_team_window_for(qtbot, lan)
        assert window.team.sync.timer.isActive() is running  # 0: only on Sync now
        if running:
            assert window.team.sync.timer.interval() == 10 * 60 * 1000
        window.close()


def test_a_sync_brings_the_team_glossarys_terms_into_the_project_and_keeps_its_own(
    qtbot, team_server: TeamServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    editor, (lan,), _ids = team_desktops(team_server, tmp_path, translators=1)
    with editor.connect() as conn:
        push_terms(
            conn, editor.login.name, [Term("ghe ngo", {"en": "ngo boat"}), Term("Sóc Trăng", {"en": "Soc Trang"})]
        )
    with lan.open() as project, project.transaction() as db:
        write_term(db, Term("Sóc Trăng", {"en": "Soc Trang province"}), "2026-12-01T00:00:00+00:00")
    window = open_team_window_for(qtbot, lan)  # its opening sync reads the team glossary
    qtbot.waitUntil(lambda: len(terms(window.project)) == 2, timeout=TIMEOUT)
    highlighted = {term.source for term in window.qa_context.finder.by_key.values()}
    assert highlighted == {"ghe ngo", "Sóc Trăng"}  # the window's highlights and checks know the team's term
    mine = {t.source: t.targets for t in terms(window.project)}
    assert mine == {"ghe ngo": {"en": "ngo boat"}, "Sóc Trăng": {"en": "Soc Trang province"}}  # its own kept
    window.close()
