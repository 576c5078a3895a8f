"""`python main.py bench pretranslate`: the window's pre-translation against the CLI's, on random weights.

Placeholder until the measurement lands: it names what it will print.
"""

from __future__ import annotations

from collections.abc import Callable


def run_pretranslate_benchmark(architectures: tuple[str, ...], threads: int, out: Callable[[str], None]) -> None:
    """For each architecture: `window/cli throughput: X.XX; urgent median: Y.YY s`."""
    out("bench pretranslate: not measured yet")
