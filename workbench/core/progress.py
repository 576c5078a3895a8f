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
