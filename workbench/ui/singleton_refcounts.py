"""Keeps None, True and False alive under a PySide6 that drops references to them (issue 14).

PySide6 6.12.0 (its abi3 wheel) returns None from every void method (`resize`, `setValue`,
`processEvents`, ...) and True from every `Signal.emit` without giving the caller a reference. From
Python 3.12 on these objects are immortal and nothing happens; on Python 3.11 each call takes one
count off the object, and once a session has made more such calls than there are real references
(about 5,000 for None in a small process, a few hundred for True) the interpreter aborts with "Fatal
Python error: none_dealloc" or "bool_dealloc", most often at exit, when the last real references go.
A 50,000-segment grid session came within a few hundred of it; a long pre-translation, which emits
per batch and per progress step, reaches it.

`protect()` measures whether the loaded PySide6 does this and, if so, gives the three objects a
reserve of counts no session can use up: what Python 3.12 does for every program. It is called when
`workbench.ui` is imported, before any of our Qt code runs.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from dataclasses import dataclass

log = logging.getLogger(__name__)

#: calls made to measure a drop: enough that the interpreter's own traffic cannot look like one
_PROBE_CALLS = 64
#: counts given to each object: a reference count can never fall to zero from here in a session
_RESERVE = sys.maxsize // 4


@dataclass(frozen=True, slots=True)
class Drops:
    """References the loaded PySide6 took from each object over `_PROBE_CALLS` calls."""

    none: int
    true: int

    @property
    def any(self) -> bool:
        return self.none >= _PROBE_CALLS // 2 or self.true >= _PROBE_CALLS // 2


def measure_drops() -> Drops:
    """How many references to None (void calls) and True (signal emits) PySide6 loses, measured now."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")  # a void method: returns None
    none = before - sys.getrefcount(None)
    before = sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.ping.emit()  # returns True
    true = before - sys.getrefcount(True)
    return Drops(none=max(none, 0), true=max(true, 0))


_protected = False


def protect() -> bool:
    """Make None, True and False impossible to free if PySide6 drops references to them; True if it did."""
    global _protected
    if _protected or sys.version_info >= (3, 12):
        return _protected  # immortal from 3.12 on: nothing to do
    drops = measure_drops()
    if not drops.any:
        return False
    counts = [ctypes.c_ssize_t.from_address(id(singleton)) for singleton in (None, True, False)]
    if any(count.value != sys.getrefcount(s) - 1 for count, s in zip(counts, (None, True, False), strict=True)):
        log.warning("PySide6 drops references to None and True, and this interpreter's objects are laid out "
                    "differently (a debug build?): left unprotected")  # fmt: skip
        return False
    for count in counts:
        count.value += _RESERVE
    _protected = True
    log.info(
        "PySide6 %s drops references to None (%d in %d calls) and True (%d): protected them",
        _pyside_version(),
        drops.none,
        _PROBE_CALLS,
        drops.true,
    )
    return True


def _pyside_version() -> str:
    import PySide6

    return str(PySide6.__version__)
