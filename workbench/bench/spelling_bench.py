"""`bench spelling` (being built)."""

from __future__ import annotations

from collections.abc import Callable


def run_spelling_benchmark(out: Callable[[str], None]) -> None:
    out("spelling: not built yet")
