"""`bench concordance` (being built)."""

from __future__ import annotations

from collections.abc import Callable


def run_concordance_benchmark(units: int, out: Callable[[str], None]) -> None:
    out(f"concordance on {units:,} units: not built yet")
