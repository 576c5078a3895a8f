"""Ctrl+C and `kill` stop a long command cleanly, whatever the shell did to the signals.

A process started in the background (`cmd &`, some job runners) inherits SIGINT as ignored, and Python
then never raises KeyboardInterrupt; SIGTERM kills without cleanup by default. Long commands take both
signals in a thread of their own (`sigtimedwait`, the signals blocked everywhere else): the first asks the
work to stop after the current step, and a second ends the process at once even while the main thread is
inside a long C++ call (a beam search), where a Python signal handler would only run when it returns.
Ending at once loses nothing committed: every finished batch is in SQLite, which a kill cannot corrupt.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_SIGNALS = {signal.SIGINT, signal.SIGTERM}


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


def _watch(stop: StopRequest, done: threading.Event) -> None:
    while not done.is_set():
        received = signal.sigtimedwait(_SIGNALS, 0.2)
        if received is None:
            continue
        if stop.requested:  # the second: the user means now
            sys.stderr.write("\nstopped at once: every finished batch is saved; run the same command to continue\n")
            sys.stderr.flush()
            os._exit(128 + received.si_signo)
        stop.signal_number = received.si_signo


@contextmanager
def stop_on_signals() -> Iterator[StopRequest]:
    """Catch SIGINT and SIGTERM for the duration (from the main thread; elsewhere nothing is installed)."""
    stop = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)  # threads started from now on inherit it
    # An ignored signal is discarded even while blocked: take it back from SIG_IGN so it waits for us.
    handlers = {number: signal.signal(number, signal.SIG_DFL) for number in _SIGNALS}
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(stop, done), name="stop-signals", daemon=True)
    watcher.start()
    try:
        yield stop
    finally:
        done.set()
        watcher.join()
        for number, handler in handlers.items():
            signal.signal(number, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
