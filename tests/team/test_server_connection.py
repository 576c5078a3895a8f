"""Connecting to the team server: every failure a person can meet is one message naming the server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.team.conftest import TeamDatabase
from tests.team.pg_cluster import SUPERUSER, PgCluster, start_cluster
from workbench.core.errors import TeamServerError, WorkbenchError
from workbench.core.team.server_connection import connect, server_faults, server_label
from workbench.ui.team_status_line import is_unreachable


def test_the_administrator_connects_with_the_url_password(team_database: TeamDatabase) -> None:
    with connect(team_database.admin_url) as conn:
        row = conn.execute("SELECT current_user, current_database()").fetchone()
    assert row == (SUPERUSER, team_database.name)


def test_a_wrong_password_names_the_server_and_never_the_password(team_database: TeamDatabase) -> None:
    url = team_database.url(SUPERUSER, "not-the-password", tcp=True)
    with pytest.raises(TeamServerError) as caught:
        connect(url)
    message = str(caught.value)
    assert f"{SUPERUSER}@127.0.0.1:{team_database.cluster.port}/{team_database.name}" in message
    assert "password was refused" in message
    assert "not-the-password" not in message
    assert isinstance(caught.value, WorkbenchError)


def test_a_database_that_is_not_there_is_said(pg_cluster: PgCluster) -> None:
    with pytest.raises(TeamServerError, match="no such database"):
        connect(pg_cluster.url("nowhere", SUPERUSER, pg_cluster.password, tcp=True))


def test_a_stopped_server_is_refused_with_its_address() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TeamServerError) as caught:
        connect(f"postgresql://lan:secret@127.0.0.1:{port}/workbench")
    assert str(caught.value).startswith(f"team server lan@127.0.0.1:{port}/workbench: the server refused")
    assert "secret" not in str(caught.value)


def test_tls_required_by_the_url_is_honoured(team_database: TeamDatabase) -> None:
    """The test server has no certificate: sslmode=require must refuse rather than fall back to plain text."""
    url = team_database.url(SUPERUSER, team_database.cluster.password, tcp=True) + "?sslmode=require"
    with pytest.raises(TeamServerError, match="requires TLS"):
        connect(url)
    with connect(team_database.url(SUPERUSER, team_database.cluster.password, tcp=True)) as conn:
        assert conn.pgconn.ssl_in_use is False  # the default `prefer`: TLS when offered, else plain


def test_a_service_name_that_is_not_defined_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pg_service.conf").write_text("[other]\nhost=127.0.0.1\n")
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "pg_service.conf"))
    with pytest.raises(TeamServerError, match="service office: there is no such service"):
        connect("office")


def test_a_refused_query_says_what_was_being_done(team_database: TeamDatabase) -> None:
    server = server_label(team_database.admin_url)
    with (
        connect(team_database.admin_url) as conn,
        pytest.raises(TeamServerError) as caught,
        server_faults(server, "reading the projects"),
    ):
        conn.execute("SELECT * FROM no_such_table")
    assert "reading the projects: the server refused" in str(caught.value)
    assert "no_such_table" in str(caught.value)


@pytest.fixture(scope="module")
def tls_cluster() -> Iterator[PgCluster]:
    """A second server with a certificate from a private authority; TCP logins without TLS are refused."""
    cluster = start_cluster(tls=True)
    try:
        yield cluster
    finally:
        cluster.stop()


def test_a_server_with_tls_is_reached_over_tls_by_default(tls_cluster: PgCluster) -> None:
    with connect(tls_cluster.url(password=tls_cluster.password, tcp=True)) as conn:
        assert conn.pgconn.ssl_in_use is True  # `prefer`: the server offers TLS, so it is used


def test_the_servers_certificate_is_verified_when_the_url_asks(tls_cluster: PgCluster) -> None:
    url = tls_cluster.url(password=tls_cluster.password, tcp=True)
    with connect(f"{url}?sslmode=verify-full&sslrootcert={tls_cluster.root / 'ca.crt'}") as conn:
        assert conn.pgconn.ssl_in_use is True
    with pytest.raises(TeamServerError, match="not signed by the authority you trust"):
        connect(f"{url}?sslmode=verify-full&sslrootcert={tls_cluster.root / 'other-ca.crt'}")
    with pytest.raises(TeamServerError, match=r"the authority's file \(sslrootcert\) is missing"):
        connect(f"{url}?sslmode=verify-ca&sslrootcert={tls_cluster.root / 'no-such.crt'}")


def test_a_server_that_requires_tls_refuses_sslmode_disable_in_words(tls_cluster: PgCluster) -> None:
    url = tls_cluster.url(password=tls_cluster.password, tcp=True)
    with pytest.raises(TeamServerError, match="accepts this login only over TLS") as caught:
        connect(f"{url}?sslmode=disable")
    assert tls_cluster.password not in str(caught.value)


def test_a_server_stopped_after_it_ran_is_refused_naming_it() -> None:
    cluster = start_cluster()
    url = cluster.url(password=cluster.password, tcp=True)
    connect(url).close()
    cluster.stop()
    with pytest.raises(TeamServerError) as caught:
        connect(url)
    assert f"{SUPERUSER}@127.0.0.1:{cluster.port}/postgres: the server refused the connection" in str(caught.value)


def test_a_server_that_never_answers_is_given_up_with_a_message() -> None:
    """A listener that accepts and says nothing (a half-dead office server): the bounded timeout ends it."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(TeamServerError) as caught:
            connect(f"postgresql://lan@127.0.0.1:{port}/workbench", timeout=2)
    assert str(caught.value) == f"team server lan@127.0.0.1:{port}/workbench: no answer from the server within 2 s"


def test_a_connection_the_server_drops_mid_query_is_said_as_lost(team_database: TeamDatabase) -> None:
    conn = connect(team_database.admin_url, autocommit=True)
    try:
        pid = conn.info.backend_pid
        with team_database.cluster.admin() as other:
            other.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with (
            pytest.raises(TeamServerError, match="sending the changes: the connection was lost"),
            server_faults(server_label(team_database.admin_url), "sending the changes"),
        ):
            conn.execute("SELECT 1")
    finally:
        conn.close()


@pytest.mark.parametrize("collision", [psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure])
def test_a_change_undone_for_meeting_another_desktops_is_not_said_as_a_lost_connection(
    collision: type[psycopg.Error],
) -> None:
    with pytest.raises(TeamServerError) as said, server_faults("lan@office/workbench", "adding units"):
        raise collision("deadlock detected")
    assert "met another desktop's change at the same moment" in str(said.value)
    assert not is_unreachable(said.value.problem)  # the status bar does not say offline for it
