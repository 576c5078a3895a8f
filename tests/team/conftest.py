"""Fixtures of the team tests: one real PostgreSQL cluster per session, a fresh database per test.

    def test_something(team_database: TeamDatabase) -> None:
        with psycopg.connect(team_database.admin_url) as conn: ...

`pg_cluster` is the running server (tests/team/pg_cluster.py: `url()`, `psql()`, `admin()`);
`team_database` is an empty database of its own, dropped after the test; `team_server` is one on which
`team init` has run, with `add_project(name)` and `add_login(role, project)` to set up a team. Roles (logins) belong to the whole
cluster, not to one database: a test that makes a login gives it a name of its own (`unique_name`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.team.pg_cluster import PgCluster, start_cluster
from workbench.core.team.server_connection import connect
from workbench.core.team.team_setup import add_user, initialise

_numbers = itertools.count(1)


def unique_name(prefix: str) -> str:
    """A database or login name no other test of this session uses."""
    return f"{prefix}_{next(_numbers)}"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@dataclass(frozen=True)
class TeamDatabase:
    cluster: PgCluster
    name: str

    @property
    def admin_url(self) -> str:
        """The cluster's superuser on this database, password in the URL: the administrator of `team init`."""
        return self.cluster.superuser_url(self.name)

    def url(self, user: str, password: str | None = None, *, tcp: bool = False) -> str:
        return self.cluster.url(self.name, user, password, tcp=tcp)


@pytest.fixture
def team_database(pg_cluster: PgCluster) -> Iterator[TeamDatabase]:
    name = unique_name("wb_test")
    pg_cluster.create_database(name)
    try:
        yield TeamDatabase(pg_cluster, name)
    finally:
        pg_cluster.drop_database(name)


@dataclass(frozen=True)
class TeamLogin:
    name: str
    password: str


@dataclass(frozen=True)
class TeamServer(TeamDatabase):
    """A database on which `team init` has run (copied from a session template: fast)."""

    def add_login(self, role: str, project: str | None = None, prefix: str = "user") -> TeamLogin:
        """A new login of `role` (translator/editor) through team_setup.add_user, a member of `project`."""
        name = unique_name(prefix)
        with connect(self.admin_url) as conn:
            made = add_user(conn, self.name, name, role, project=project)
        return TeamLogin(made.login, made.password)

    def add_project(self, name: str, source: str = "vi", targets: tuple[str, ...] = ("en", "km")) -> int:
        """A project row as the administrator makes it (team publish, in the sync's part, does it for real)."""
        with connect(self.admin_url) as conn:
            row = conn.execute(
                "INSERT INTO wb.projects (name, source_language, target_languages) VALUES (%s, %s, %s) RETURNING id",
                (name, source, list(targets)),
            ).fetchone()
        assert row is not None
        return int(row[0])

    def login_url(self, login: TeamLogin, *, tcp: bool = False) -> str:
        return self.url(login.name, login.password, tcp=tcp)


TEMPLATE = "wb_team_template"


@pytest.fixture(scope="session")
def team_template(pg_cluster: PgCluster) -> str:
    """A database with every schema part applied, copied for each test that asks for `team_server`."""
    pg_cluster.create_database(TEMPLATE)
    with connect(pg_cluster.superuser_url(TEMPLATE)) as conn:
        initialise(conn, TEMPLATE)
    return TEMPLATE


@pytest.fixture
def team_server(pg_cluster: PgCluster, team_template: str) -> Iterator[TeamServer]:
    name = unique_name("wb_team")
    pg_cluster.create_database(name, template=team_template)
    try:
        yield TeamServer(pg_cluster, name)
    finally:
        pg_cluster.drop_database(name)
