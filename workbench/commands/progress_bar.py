"""A progress bar on stderr for long commands, which also tells the work when Ctrl+C asked it to stop."""

from __future__ import annotations

import sys
import time

from workbench.commands.stopping import StopRequest


class ProgressBar:
    """Meets `core.progress.Progress`: a bar with segments per second and the time left, on one line."""

    def __init__(self, label: str, stop: StopRequest) -> None:
        self.label = label
        self.stop = stop
        self.started = time.perf_counter()

    def report(self, done: int, total: int, message: str = "") -> None:
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed > 0 and done else 0.0
        eta = (total - done) / rate if rate else 0.0
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(
            f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} segments "
            f"{rate:.1f} seg/s ETA {int(eta // 60)}m{int(eta % 60):02d}s "
        )
        sys.stderr.flush()
        if total and done >= total:
            sys.stderr.write("\n")

    def is_cancelled(self) -> bool:
        return self.stop.requested
