"""This process's memory as the benchmarks and `models evaluate` report it (Linux's /proc; elsewhere less).

Standard library only: `models evaluate`, which the window imports, must not pull in the speed benchmark's
CTranslate2 imports to measure memory.
"""

from __future__ import annotations

import contextlib
import resource
from pathlib import Path


def _status_mb(field: str) -> float | None:
    """A field of /proc/self/status in MB ("VmHWM", "VmRSS"), None where there is none."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return None


def peak_memory_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: the latter keeps the high-water mark of
    the (large) parent a worker was forked from."""
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_memory() -> None:
    """Start VmHWM afresh from the current resident size (Linux; elsewhere the peak keeps earlier work's)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def resident_mb() -> float:
    """This process's resident memory now (Linux; 0 elsewhere)."""
    now = _status_mb("VmRSS")
    return now if now is not None else 0.0
