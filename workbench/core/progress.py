"""How long work reports progress and hears a cancel request, without knowing who listens.

The CLI prints a bar, the UI turns reports into signals, tests pass a recorder.
"""

from __future__ import annotations

from typing import Protocol

from workbench.core.errors import WorkbenchError


class Cancelled(WorkbenchError):
    """The user asked long work to stop; what was done before stays saved."""


class Progress(Protocol):
    def report(self, done: int, total: int, message: str = "") -> None: ...

    def is_cancelled(self) -> bool: ...


class NullProgress:
    def report(self, done: int, total: int, message: str = "") -> None:
        pass

    def is_cancelled(self) -> bool:
        return False


class Share:
    """A piece of work's own count shown as `size` steps of a bar of `total` steps, from `offset`.

    A drafter counts its own work (a pivot route counts every hop's, so N segments are 2N steps); the CLI's
    bar, the window's job and an evaluation of several candidates show it as its share of their segments.
    `message`, when given, replaces the work's own (the candidate being measured)."""

    def __init__(self, parent: Progress, offset: int, size: int, total: int, message: str | None = None) -> None:
        self.parent, self.offset, self.size, self.total, self.message = parent, offset, size, total, message

    def report(self, done: int, total: int, message: str = "") -> None:
        share = done * self.size // total if total else 0
        self.parent.report(self.offset + share, self.total, message if self.message is None else self.message)

    def is_cancelled(self) -> bool:
        return self.parent.is_cancelled()
