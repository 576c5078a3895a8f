"""(Filled in by its work.)"""

from __future__ import annotations

from collections.abc import Callable


def run_trust_benchmark(architectures: tuple[str, ...], threads: int, out: Callable[[str], None]) -> None:
    out("not written yet")
