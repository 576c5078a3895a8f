"""`bench route`: a pivot route vi->en->km against direct vi->km on the same segments (random weights)."""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.errors import WorkbenchError


def run_route_benchmark(segments: int, threads: int, out: Callable[[str], None]) -> None:
    raise WorkbenchError("bench route is not built yet")
