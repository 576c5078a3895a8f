"""The list of recent projects (Settings.recent_projects): the start page and File > Recent projects share it."""

from __future__ import annotations

from pathlib import Path

#: how many projects the list keeps
KEPT = 10


def remembered(recent: list[str], path: Path) -> list[str]:
    """`recent` with `path` (made absolute) at the top, once, and at most KEPT entries."""
    first = str(path.resolve())
    return [first, *[p for p in recent if p != first]][:KEPT]


def forgotten(recent: list[str], path: str) -> list[str]:
    """`recent` without `path` (a project file that is no longer there)."""
    return [p for p in recent if p != path]
