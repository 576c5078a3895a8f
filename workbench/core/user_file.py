"""A file the user named, read safely: only a regular file, never past its size limit, one message per failure.

Every reader of a user-chosen file (imports, TMX, XLIFF, TBX, glossary CSV, merge-back) goes through
here, so a folder, a named pipe or a device given where a file belongs is refused by name instead of
hanging a command (a pipe blocks `open` until someone writes to it; /dev/zero never ends) or being
read as "a file with no extension". A symbolic link the user names is followed: choosing the link is
choosing its target, and the target must be a regular file like any other.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from workbench.core.errors import ImportProblem

#: opening never waits for a writer (a named pipe) and never gives a controlling terminal (a tty)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def kind_problem(mode: int) -> str | None:
    """Why a file of this mode cannot be read as a document, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "does not exist"
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied)"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({exc.strerror or exc})"


def check_regular_file(path: Path) -> os.stat_result:
    """The file's status when it is a regular file (through a link the user named), else ImportProblem.

    For callers that decide by the name's extension first: a folder is then refused as a folder, not
    as an unknown format."""
    try:
        status = os.stat(path)
    except OSError as exc:
        raise ImportProblem(str(path), _os_problem(exc)) from None
    except ValueError as exc:  # a NUL in the name
        raise ImportProblem(str(path), f"cannot be read ({exc})") from None
    problem = kind_problem(status.st_mode)
    if problem:
        raise ImportProblem(str(path), problem)
    return status


def read_regular_file(path: Path, max_bytes: int, too_large: Callable[[int], str] | None = None) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; `too_large(size)` words the refusal of a larger one.

    The kind is checked again on the opened file, so a file swapped for a pipe after the first look is
    still refused, and the read stops one byte past the limit whatever the file claims its size is."""
    words = too_large or (lambda size: f"is larger than {max_bytes // 2**20} MB")
    check_regular_file(path)
    source = str(path)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ImportProblem(source, _os_problem(exc)) from None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            problem = kind_problem(status.st_mode)
            if problem:
                raise ImportProblem(source, problem)
            if status.st_size > max_bytes:
                raise ImportProblem(source, words(status.st_size))
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ImportProblem(source, _os_problem(exc)) from None
    if len(data) > max_bytes:
        raise ImportProblem(source, words(len(data)))
    return data
