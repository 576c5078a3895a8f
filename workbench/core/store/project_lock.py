"""One writer per project file: an OS file lock on `<project>.lock`, released by the OS if the process dies.

The lock file is removed while it is still locked, and a new holder checks after locking that the
name still leads to the file it locked (else it locked a file already removed and tries again): so two
processes can never both hold the lock, one on the old file and one on a new one. The name is opened
without following a symbolic link, and only a plain file with one name is written: a link planted at
`<project>.lock` cannot make the user overwrite another file.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import os
import socket
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path

from workbench.core.errors import ProjectError, ProjectLocked, ProjectReadOnly

_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
#: Attempts when the lock file is removed under us between our open and our lock (each one a race lost).
_ATTEMPTS = 50


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class ProjectLock:
    """Held while a window or a command may write the project."""

    def __init__(self, project_path: Path) -> None:
        self.project_path = project_path
        self.path = project_path.with_name(project_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        for _attempt in range(_ATTEMPTS):
            fd = self._open()
            if not _try_lock(fd):
                owner = ""
                with contextlib.suppress(OSError):  # Windows locks are mandatory: the holder's text may be unreadable
                    owner = os.read(fd, 500).decode("utf-8", "replace").strip()
                owner = owner or "another program"
                os.close(fd)
                raise ProjectLocked(
                    f"{self.project_path} is open in another window or command ({owner}); close it there first"
                )
            if self._still_named(fd):
                self._write_owner(fd)
                self._fd = fd
                return
            os.close(fd)  # the holder before us removed this file after we opened it: lock the new one
        raise ProjectLocked(f"{self.project_path} is being opened and closed by other programs; try again")

    def _open(self) -> int:
        try:
            fd = os.open(self.path, _OPEN_FLAGS, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP or os.path.islink(self.path):
                raise ProjectError(
                    f"{self.path} is a symbolic link, not a lock the workbench made: remove it, then open "
                    f"{self.project_path} again"
                ) from None
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise ProjectReadOnly(
                    f"{self.project_path} cannot be opened for changes: its folder is read-only (the lock file "
                    f"{self.path.name} cannot be made there)"
                ) from None
            if exc.errno == errno.EISDIR:
                raise ProjectError(
                    f"cannot lock {self.project_path}: {self.path} is a folder; remove or rename it "
                    "(it is where the lock file goes)"
                ) from None
            raise ProjectError(f"cannot lock {self.project_path} with {self.path} ({exc.strerror or exc})") from None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
            os.close(fd)
            raise ProjectError(
                f"{self.path} is not a lock file the workbench made (a special file or a second name of another "
                f"file): remove it, then open {self.project_path} again"
            )
        return fd

    def _still_named(self, fd: int) -> bool:
        try:
            named = os.lstat(self.path)
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    @staticmethod
    def _write_owner(fd: int) -> None:
        since = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        text = f"{getpass.getuser()} on {socket.gethostname()}, process {os.getpid()}, since {since}"
        with contextlib.suppress(OSError):  # who holds it is a courtesy for the message above; the lock is held
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, text.encode("utf-8"))

    def release(self) -> None:
        if self._fd is None:
            return
        # removed while still locked: whoever opened this file meanwhile finds it gone once it gets the lock
        with contextlib.suppress(OSError):
            if self._still_named(self._fd):
                self.path.unlink()
        os.close(self._fd)
        self._fd = None
