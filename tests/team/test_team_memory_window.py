"""The window's side panel offers the team memory's matches beside the desktop's own, from the cache the
background sync refreshes (a real server, a real window): marked as the team's with who wrote them, a text
the shared memory already offers shown once, and a desktop whose cache holds nothing offered its own."""

from __future__ import annotations

from pathlib import Path

from tests.team.conftest import TeamServer
from tests.team.pg_cluster import start_cluster
from tests.team.project_desktops import ARTICLE
from tests.team.test_team_window import TIMEOUT, open_team_window_for, team_desktops
from tests.ui.conftest import dialogs, no_leftover_background_work, private_qsettings, shown_errors  # noqa: F401
from workbench.core.settings import Settings
from workbench.core.team.memory_outbox import TeamUnit
from workbench.core.team.server_connection import connect
from workbench.core.team.team_memory import push_units
from workbench.core.team.team_memory_cache import TeamMemoryCache
from workbench.core.team.team_memory_sync import cache_path
from workbench.core.team.team_setup import initialise
from workbench.ui.project_window import ProjectWindow

RIVER = ARTICLE.split(". ")[1] + "."  # "Người dân đua ghe ngo trên sông."
OURS = "People race ngo boats on the river."
THEIRS = "Locals race ngo boats on the river."


def _show_english(qtbot, window: ProjectWindow, segment: int) -> None:  # type: ignore[no-untyped-def]
    model = window.model
    row = model.row_of(segment)
    assert row is not None
    window.grid.setCurrentIndex(model.index(row, model.column_of("en")))
    qtbot.waitUntil(lambda: window.side_panel.segment is not None and window.side_panel.segment.id == segment)


def test_a_team_unit_in_the_cache_is_offered_as_the_teams_beside_the_shared_memory_once_each(
    qtbot,
    team_server: TeamServer,
    tmp_path: Path,
    shown_errors: list[str],  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    _, (lan, minh), ids = team_desktops(team_server, tmp_path, translators=2)
    with connect(team_server.login_url(minh.login)) as conn:  # another desktop's confirmations, already pushed
        push_units(conn, "office", [TeamUnit(RIVER, THEIRS, "en"), TeamUnit(RIVER, OURS, "en")])
    settings = Settings.load()
    settings.team_server = team_server.url(lan.login.name, tcp=True)
    settings.save()
    window = open_team_window_for(qtbot, lan)  # its first sync pulls the team memory into the cache
    cache = TeamMemoryCache(cache_path())
    assert cache.units() == 2
    cache.close()
    window.editing.set_text(ids[1], "en", OURS, confirmed=True)  # the shared memory learns OURS here too
    _show_english(qtbot, window, ids[1])
    offered = [(s.text, s.origin, s.score) for s in window.side_panel.suggestions if s.kind == "tm"]
    assert [text for text, _origin, _score in offered] == [OURS, THEIRS]  # OURS once: the shared memory's
    assert offered[0][1].startswith(("shared memory", "project memory"))
    assert offered[1][1].startswith(f"team · {minh.login.name} · ") and offered[1][2] == 100
    shown = [window.side_panel.suggestion_list.item(i).text() for i in range(window.side_panel.suggestion_list.count())]
    assert any(THEIRS in line and f"team · {minh.login.name}" in line for line in shown), shown
    assert shown_errors == []
    window.close()


def test_with_the_team_cache_empty_the_panel_offers_the_desktops_own_matches(
    qtbot,
    team_server: TeamServer,
    tmp_path: Path,
    shown_errors: list[str],  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    _, (lan,), ids = team_desktops(team_server, tmp_path, translators=1)
    settings = Settings.load()
    settings.team_server = team_server.url(lan.login.name, tcp=True)
    settings.save()
    window = open_team_window_for(qtbot, lan)
    cache = TeamMemoryCache(cache_path())
    assert cache.units() == 0  # pulled: the team memory is empty
    cache.close()
    window.editing.set_text(ids[1], "en", OURS, confirmed=True)
    _show_english(qtbot, window, ids[1])
    offered = [s for s in window.side_panel.suggestions if s.kind == "tm"]
    assert [s.text for s in offered] == [OURS] and not offered[0].origin.startswith("team")
    assert shown_errors == []
    window.close()


def test_with_the_server_stopped_the_team_suggestions_still_come_from_the_cache_without_a_dialog(
    qtbot,
    tmp_path: Path,
    shown_errors: list[str],  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    cluster = start_cluster()
    try:
        cluster.create_database("workbench")
        with connect(cluster.superuser_url("workbench")) as conn:
            initialise(conn, "workbench")
        server = TeamServer(cluster, "workbench")
        _, (lan, minh), ids = team_desktops(server, tmp_path, translators=2)
        with connect(server.login_url(minh.login)) as conn:
            push_units(conn, "office", [TeamUnit(RIVER, THEIRS, "en")])
        settings = Settings.load()
        settings.team_server = server.url(lan.login.name, tcp=True)
        settings.save()
        window = open_team_window_for(qtbot, lan)  # pulled as it opened
        cluster.stop()
        with qtbot.waitSignal(window.team.sync.ended, timeout=TIMEOUT):
            window.team.sync_action.trigger()  # the sync and its pull fail: the cache stays as it was
        assert "offline since" in window.team.label.text()
        _show_english(qtbot, window, ids[1])
        offered = [s for s in window.side_panel.suggestions if s.kind == "tm"]
        assert [s.text for s in offered] == [THEIRS] and offered[0].origin.startswith(f"team · {minh.login.name}")
        assert shown_errors == []
        window.close()
    finally:
        cluster.stop()
