"""The side panel's memory suggestions with the team memory's cache beside the local memories: one list,
best first, a text the shared memory already offers shown once, the team's marked with who wrote them, and
a desktop without a team server or without a cache file offered only its own memories."""

from __future__ import annotations

from pathlib import Path

from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.records import PreparedDocument, PreparedSegment
from workbench.core.store.project_store import Project
from workbench.core.team.team_memory_cache import TeamMemoryCache
from workbench.core.team.team_suggestions import TeamMemoryReader, suggestions_with_team

SOURCE = "Người dân đua ghe ngo trên sông."
NEAR = "Người dân đua ghe ngo trên sông Hậu."  # a fuzzy match of SOURCE
OURS = "People race ngo boats on the river."
TEAMS = "Locals race ngo boats on the Hau river."
SERVER = "postgresql://lan@office/workbench"


def _project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    project.store_document(PreparedDocument("tin.txt", "txt", "utf-8", "", [], [PreparedSegment(0, SOURCE)]))
    return project


def _cache(tmp_path: Path, units: list[MemoryUnit]) -> Path:
    path = tmp_path / "team-memory-cache.sqlite"
    cache = TeamMemoryCache(path)
    cache.memory.add(units, "2026-12-01T08:00:00Z")
    cache.close()
    return path


def test_the_team_cache_units_join_the_local_matches_once_each_and_marked_as_the_teams(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([MemoryUnit(SOURCE, OURS, "en", author="an")], "2026-11-20T08:00:00Z")
    path = _cache(tmp_path, [
        MemoryUnit(SOURCE, OURS, "en", author="minh"),  # the same text the shared memory offers
        MemoryUnit(NEAR, TEAMS, "en", author="lan", created_at="2026-12-01T07:00:00Z"),
    ])  # fmt: skip
    team = TeamMemoryReader(lambda: SERVER, path)
    with _project(tmp_path) as project:
        memories = Memories(project, shared)
        segment = project.segment(project.segment_ids()[0])
        offered = suggestions_with_team(memories, team, segment, "en")
        alone = suggestions_with_team(memories, None, segment, "en")
        memories.close()
    team.close()
    assert [s.text for s in offered] == [OURS, TEAMS]  # best first; OURS once, from the shared memory
    assert offered[0].origin.startswith("shared memory") and offered[0].score == 100
    assert offered[1].origin == "team · lan · 2026-12-01"
    assert offered[1].kind == "tm" and offered[1].score is not None and 0 < offered[1].score < 100
    assert [s.text for s in alone] == [OURS]


def test_the_team_scores_are_the_local_memorys_for_the_same_unit(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([MemoryUnit(NEAR, TEAMS, "en")], "2026-11-20T08:00:00Z")
    path = _cache(tmp_path, [MemoryUnit(NEAR, "Another text for the same source.", "en", author="lan")])
    team = TeamMemoryReader(lambda: SERVER, path)
    with _project(tmp_path) as project:
        memories = Memories(project, shared)
        local, teams = suggestions_with_team(memories, team, project.segment(project.segment_ids()[0]), "en")
        memories.close()
    team.close()
    assert local.origin.startswith("shared memory") and teams.origin.startswith("team · lan")
    assert teams.score == local.score


def test_no_team_server_or_no_cache_file_offers_the_local_memories_and_makes_no_file(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([MemoryUnit(SOURCE, OURS, "en")], "2026-11-20T08:00:00Z")
    missing = tmp_path / "never-pulled.sqlite"
    filled = _cache(tmp_path, [MemoryUnit(NEAR, TEAMS, "en", author="lan")])
    with _project(tmp_path) as project:
        memories = Memories(project, shared)
        segment = project.segment(project.segment_ids()[0])
        for team in (TeamMemoryReader(lambda: SERVER, missing), TeamMemoryReader(lambda: "", filled)):
            assert [s.text for s in suggestions_with_team(memories, team, segment, "en")] == [OURS]
            team.close()
        memories.close()
    assert not missing.exists()
