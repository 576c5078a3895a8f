"""`bench evaluate`: the time `models evaluate` takes on a FLORES-sized reference set (random weights)."""

from __future__ import annotations

from collections.abc import Callable

from workbench.core.errors import WorkbenchError


def run_evaluate_benchmark(segments: int, threads: int, out: Callable[[str], None]) -> None:
    raise WorkbenchError("bench evaluate is not built yet")
