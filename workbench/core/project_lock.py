"""One writer per project file: an OS file lock on `<project>.lock`, released by the OS if the process dies."""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from workbench.core.errors import ProjectLocked


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class ProjectLock:
    """Held while a window or a command may write the project."""

    def __init__(self, project_path: Path) -> None:
        self.path = project_path.with_name(project_path.name + ".lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the lock's lifetime
        if not _try_lock(handle):
            handle.seek(0)
            owner = handle.read().strip() or "another program"
            handle.close()
            raise ProjectLocked(
                f"{self.path.with_suffix('')} is open in another window or command ({owner}); close it there first"
            )
        handle.seek(0)
        handle.truncate()
        since = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        handle.write(f"{getpass.getuser()} on {socket.gethostname()}, process {os.getpid()}, since {since}")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        self._handle.close()
        self._handle = None
        with contextlib.suppress(OSError):
            self.path.unlink()
