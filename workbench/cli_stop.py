"""Ctrl+C and `kill` stop a long command cleanly, whatever the shell did to the signals.

A process started in the background (`cmd &`, some job runners) inherits SIGINT as ignored, and Python
then never raises KeyboardInterrupt; SIGTERM kills without cleanup by default. Long commands install
these handlers so both signals ask the work to stop after the current step; a second signal while the
first is being honoured interrupts at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class StopRequest:
    """Set by SIGINT/SIGTERM; long work polls `requested` between steps."""

    def __init__(self) -> None:
        self.signal_number: int | None = None

    @property
    def requested(self) -> bool:
        return self.signal_number is not None

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal's number (130 for Ctrl+C, 143 for SIGTERM)."""
        return 128 + (self.signal_number or signal.SIGINT)

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.signal_number = number


@contextmanager
def stop_on_signals() -> Iterator[StopRequest]:
    """Catch SIGINT and SIGTERM for the duration (main thread only; elsewhere nothing is installed)."""
    stop = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {number: signal.signal(number, stop._handle) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
