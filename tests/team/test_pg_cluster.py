"""The tests' own PostgreSQL: found where Debian puts it, and a clear word when it is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.team.pg_cluster import ClusterProblem, find_server_programs


def test_without_postgresql_the_tests_say_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(ClusterProblem, match=r"install Debian's postgresql package \(apt-get install postgresql\)"):
        find_server_programs(path=str(tmp_path), debian_root=tmp_path / "none")


def test_the_newest_debian_version_is_taken_when_none_is_on_the_path(tmp_path: Path) -> None:
    for version in ("9.6", "15", "13"):
        folder = tmp_path / "lib" / version / "bin"
        folder.mkdir(parents=True)
        (folder / "initdb").touch()
    assert find_server_programs(path=str(tmp_path), debian_root=tmp_path / "lib") == tmp_path / "lib" / "15" / "bin"
