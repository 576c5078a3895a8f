"""A sync the server walks out of: nothing half-applied on the desktop, and the next sync completes.

A cluster of its own (never the session's), stopped between the push and the pull and started again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.team.conftest import TeamServer
from tests.team.pg_cluster import PgCluster, start_cluster
from tests.team.project_desktops import published_team, server_count
from workbench.core.errors import TeamServerError
from workbench.core.team.project_sync import apply_sync, pull, push
from workbench.core.team.server_connection import connect
from workbench.core.team.sync_status import team_status
from workbench.core.team.team_link import team_link
from workbench.core.team.team_setup import initialise


def _pg_ctl(cluster: PgCluster, *args: str) -> None:
    cluster._run([str(cluster.programs / "pg_ctl"), "-D", str(cluster.data_dir), "-w", *args])


def _restart(cluster: PgCluster) -> None:
    options = (
        f"-c listen_addresses=127.0.0.1 -c port={cluster.port} -c unix_socket_directories={cluster.socket_dir} "
        "-c fsync=off -c max_connections=200"
    )
    _pg_ctl(cluster, "-l", str(cluster.log_file), "-o", options, "start")


@pytest.fixture
def own_server() -> Iterator[TeamServer]:
    cluster = start_cluster()
    try:
        cluster.create_database("workbench")
        with connect(cluster.superuser_url("workbench")) as conn:
            initialise(conn, "workbench")
        yield TeamServer(cluster, "workbench")
    finally:
        cluster.stop()


def test_the_server_stopped_between_push_and_pull_leaves_the_desktop_as_it_was(
    own_server: TeamServer, tmp_path: Path
) -> None:
    editor, (lan,), ids = published_team(own_server, tmp_path)
    editor.confirm(ids[1], "People race boats.")
    editor.sync()
    lan.confirm(ids[0], "The festival.")
    with lan.open() as project, lan.connect() as conn:
        link = team_link(project)
        synced_at, pulled = link.last_sync_at, link.pulled_seq
        pushed = push(project, conn, lan.login.name, link)
        _pg_ctl(own_server.cluster, "-m", "fast", "stop")  # the test cluster runs without fsync: fast, not a crash
        with pytest.raises(TeamServerError, match="connection"):
            batch = pull(conn, lan.login.name, link)
            apply_sync(project, link, pushed, batch)
        status, after = team_status(project), team_link(project)
    assert status.waiting == 1 and (after.last_sync_at, after.pulled_seq) == (synced_at, pulled)
    assert lan.text(ids[1]) == ("", "untranslated")  # nothing pulled
    _restart(own_server.cluster)
    report = lan.sync()
    assert report.applied == 1 and lan.text(ids[1]) == ("People race boats.", "translated")
    with lan.open() as project:
        assert team_status(project).waiting == 0
    assert server_count(own_server, "SELECT count(*) FROM wb.revisions WHERE text = 'The festival.'") == 1


def test_an_unreachable_server_is_recorded_as_offline_and_the_changes_wait(
    own_server: TeamServer, tmp_path: Path
) -> None:
    _, (lan,), ids = published_team(own_server, tmp_path)
    lan.confirm(ids[0], "The festival.")
    _pg_ctl(own_server.cluster, "-m", "fast", "stop")
    with pytest.raises(TeamServerError):
        lan.sync()
    with lan.open() as project:
        status = team_status(project)
    assert status.waiting == 1 and "offline since" in status.line
    _restart(own_server.cluster)
    lan.sync()
    with lan.open() as project:
        status = team_status(project)
    assert status.line.startswith("synced") and "offline" not in status.line
