"""Fixtures of the team tests: one real PostgreSQL cluster per session, a fresh database per test.

    def test_something(team_database: TeamDatabase) -> None:
        with psycopg.connect(team_database.admin_url) as conn: ...

`pg_cluster` is the running server (tests/team/pg_cluster.py: `url()`, `psql()`, `admin()`);
`team_database` is an empty database of its own, dropped after the test. Roles (logins) belong to the whole
cluster, not to one database: a test that makes a login gives it a name of its own (`unique_name`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.team.pg_cluster import PgCluster, start_cluster

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
