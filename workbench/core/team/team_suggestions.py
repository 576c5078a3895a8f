"""The memory suggestions of a segment with the team memory's beside the local ones.

The team's matches come from the desktop's cache of the team memory (team_memory_cache), never from the
server: the side panel asks on every cell the translator moves to, and typing must never wait for a
district office's line. The background sync keeps the cache fresh. The cache is a memory of the local
kind, so its scores are the local memory's; a team unit whose target the project's or the shared memory
already offers is left out (one suggestion per text), and the team's are marked with who wrote them.

psycopg (which the cache module needs) is loaded only when a desktop has a team server and a cache file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.errors import WorkbenchError
from workbench.core.memory.match_normalization import score_with_tags
from workbench.core.memory.suggestions import Suggestion, memory_suggestions
from workbench.core.records import SegmentRecord
from workbench.core.settings import config_dir

if TYPE_CHECKING:
    from workbench.core.memory.project_memory import Memories
    from workbench.core.team.team_memory import TeamMatch
    from workbench.core.team.team_memory_cache import TeamMemoryCache

log = logging.getLogger(__name__)

#: team suggestions offered at most, as many as the local memories offer
TEAM_LIMIT = 5


class TeamMemoryReader:
    """The cache of the team memory as the window reads it: nothing while the settings name no team server
    or no pull has made the file yet; opened on first use (on the caller's thread), then kept open."""

    def __init__(self, team_server: Callable[[], str], path: Path | None = None) -> None:
        self.team_server = team_server
        self.path = path
        self._cache: TeamMemoryCache | None = None

    def _opened(self) -> TeamMemoryCache | None:
        if self._cache is not None:
            return self._cache
        from workbench.core.team.team_memory_cache import CACHE_NAME, TeamMemoryCache  # psycopg: when used

        path = self.path or config_dir() / CACHE_NAME
        if not path.is_file():  # never pulled: nothing to offer, and no empty file made here
            return None
        self._cache = TeamMemoryCache(path)
        return self._cache

    def lookup(self, source: str, target_language: str) -> list[TeamMatch]:
        if not self.team_server():
            return []
        cache = self._opened()
        return cache.lookup(source, target_language) if cache is not None else []

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None


def team_origin(match: TeamMatch) -> str:
    """ "team · lan · 2026-12-01", and who approved it when someone did."""
    unit = match.match.unit
    parts = ["team", unit.author or "?", unit.created_at[:10]]
    if match.approved_by:
        parts.append(f"approved by {match.approved_by}")
    return " · ".join(part for part in parts if part)


def team_suggestions(matches: list[TeamMatch], segment: SegmentRecord, offered: set[str]) -> list[Suggestion]:
    """The team matches as suggestions, best first, leaving out a target already `offered`."""
    found: list[Suggestion] = []
    for match in sorted(matches, key=lambda m: -m.match.score):
        unit = match.match.unit
        if unit.target in offered:
            continue
        offered.add(unit.target)
        score = score_with_tags(float(match.match.score), unit.source, segment.source)
        found.append(Suggestion(unit.target, "tm", team_origin(match), score, match.match.describe_differences()))
    return found[:TEAM_LIMIT]


def suggestions_with_team(
    memories: Memories, team: TeamMemoryReader | None, segment: SegmentRecord, language: str
) -> list[Suggestion]:
    """The project's, the shared and the team memory's matches in one list, best first (the local one first
    at the same score). A cache that cannot be read leaves the local matches alone, said in the log."""
    local = memory_suggestions(memories, segment, language)
    if team is None:
        return local
    try:
        matches = team.lookup(segment.source, language)
    except WorkbenchError as exc:
        log.warning("team memory cache not read: %s", exc)
        return local
    found = local + team_suggestions(matches, segment, {s.text for s in local})
    return sorted(found, key=lambda s: -(s.score or 0.0))
