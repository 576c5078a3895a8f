"""Reading interleaved timings honestly: median and spread, and "equal within noise" when spreads overlap.

On a busy PC the same code times ±40 % apart from one run to the next, so one run of each kind says
nothing; runs of raw CTranslate2 and of the pipeline alternate, and a difference is claimed only when
their spreads (min..max) do not overlap.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Spread:
    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            return cls(float("nan"), float("nan"), float("nan"))
        return cls(statistics.median(values), min(values), max(values))

    def overlaps(self, other: Spread) -> bool:
        return self.low <= other.high and other.low <= self.high

    def __str__(self) -> str:
        return f"{self.median:.3f} ({self.low:.3f}-{self.high:.3f})"


@dataclass(frozen=True, slots=True)
class Series:
    """One kind's runs of one workload and mode: wall and CPU seconds, in the order they ran."""

    wall: tuple[float, ...]
    cpu: tuple[float, ...]


def seconds_spread(values: Sequence[float]) -> str:
    """How the benchmarks print a series of seconds: "median 1.23 s (1.10-1.40)"."""
    spread = Spread.of(values)
    return f"median {spread.median:.2f} s ({spread.low:.2f}-{spread.high:.2f})"


def verdict(ours: Spread, theirs: Spread, label: str = "pipeline") -> str:
    """Lower is better (seconds)."""
    if ours.overlaps(theirs):
        return "equal within noise"
    return f"{label} faster" if ours.high < theirs.low else f"{label} slower"


def ratio_line(label: str, ours: Series, raw: Series) -> str:
    """`label`/raw speed by wall and by CPU time: the ratio of medians, the spread of the pairs' own
    ratios (each pair ran back to back), and whether the two spreads of seconds overlap."""
    parts = []
    for clock, mine, theirs in (("wall", ours.wall, raw.wall), ("cpu", ours.cpu, raw.cpu)):
        speed = statistics.median(theirs) / statistics.median(mine)
        pairs = Spread.of([t / o for o, t in zip(mine, theirs, strict=True) if o > 0])
        parts.append(
            f"{clock} {speed:.2f} (pairs {pairs.low:.2f}-{pairs.high:.2f}, "
            f"{verdict(Spread.of(mine), Spread.of(theirs), label)})"
        )
    return f"{label}/raw speed: " + "; ".join(parts)


def series_line(label: str, series: Series, output_tokens: int) -> str:
    wall, cpu = Spread.of(series.wall), Spread.of(series.cpu)
    return f"{label:10} wall {wall} s  cpu {cpu} s  {output_tokens / wall.median:8.1f} tok/s (n={len(series.wall)})"


def summary_line(label: str, blocks: list[tuple[str, Series, Series]]) -> str:
    """One line for `label` over every (name, ours, raw) block: wall/CPU speed ratios and how many of them
    are equal within noise by each clock."""
    parts, by_wall, by_cpu = [], 0, 0
    for name, ours, raw in blocks:
        wall = statistics.median(raw.wall) / statistics.median(ours.wall)
        cpu = statistics.median(raw.cpu) / statistics.median(ours.cpu)
        parts.append(f"{name} {wall:.2f}/{cpu:.2f}")
        by_wall += Spread.of(ours.wall).overlaps(Spread.of(raw.wall))
        by_cpu += Spread.of(ours.cpu).overlaps(Spread.of(raw.cpu))
    return (
        f"{label}/raw speed (wall/cpu): {', '.join(parts)}; equal within noise in {by_wall} of {len(blocks)} "
        f"by wall, {by_cpu} of {len(blocks)} by cpu"
    )
