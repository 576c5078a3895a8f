"""Where an export may write, and how. Every file the workbench writes at a place the user chose (exports,
hand-offs, glossary and memory exports, from the CLI and the window) comes through here.

Where: never over the project file, its SQLite journal (-wal, -shm, -journal) or lock, any other SQLite
database (a second project, the shared memory) or an imported source file; never onto a folder; only to
the project's target languages. Each refusal is one message naming the path.

How: into a fresh folder with a random name beside the target, made by mkdir (exclusive, private to the
user, so no one can plant a symlink inside it), in a file created there with O_EXCL; then renamed over the
target. A crash, a kill or a full disk never leaves half a file at the target, and the previous file there
stays whole until the new one is complete. What a killed export left behind is removed by the next export
to the same target (unless that export is still running)."""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path

from lxml import etree

from workbench.core.errors import WorkbenchError
from workbench.core.store.project_store import Project
from workbench.core.user_file import kind_problem

try:
    import fcntl
except ImportError:  # Windows: a file held open cannot be deleted, which is the lock we need
    fcntl = None  # type: ignore[assignment]

SQLITE_HEADER = b"SQLite format 3\x00"
#: files SQLite and the project lock keep beside a database
SIDECARS = ("-wal", "-shm", "-journal", ".lock")
#: how much of the target's name the temporary folder's name keeps (file names end at 255 bytes)
NAME_KEPT = 80
REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EFBIG: "the file would be larger than this disk or account allows",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "there is no permission to write there",
    errno.EPERM: "there is no permission to write there",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the name is too long",
}


def check_target(project: Project, path: Path, languages: Sequence[str]) -> None:
    """Refuse, before any work, a language the project does not translate into or a target that must not
    be written (see `refuse_protected`)."""
    for language in languages:
        if language not in project.info.target_languages:
            raise WorkbenchError(f"{language!r} is not a target language of {project.path.name}")
    refuse_protected(path, project)


def refuse_protected(path: Path, project: Project | None = None) -> None:
    """The one check of a place to write: a folder that exists, not a folder itself, not a database or its
    journal, and with a project, not its file, its journal or lock, nor one of its imported sources."""
    if project is not None:
        target = Path(path).resolve()
        project_file = project.path.resolve()
        if _same(target, project_file):
            raise WorkbenchError(f"{path} is the project file; choose another name")
        if any(_same(target, project_file.with_name(project_file.name + end)) for end in SIDECARS):
            raise WorkbenchError(f"{path} belongs to the project file {project.path.name}; choose another name")
        if any(d.source_path and _same(target, Path(d.source_path)) for d in project.documents()):
            raise WorkbenchError(f"{path} is an imported source file; choose another name")
    _check_destination(Path(path))


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """`write(temporary_path)` (for libraries that save by name), then rename over `path`."""
    _replace(Path(path), lambda temporary, _handle: write(temporary))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """`data` into the file created with O_EXCL, then renamed over `path`."""

    def fill(_temporary: Path, handle: int) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]

    _replace(Path(path), fill)


def _replace(target: Path, fill: Callable[[Path, int], object]) -> None:
    _check_destination(target)
    existed = target.exists()
    _remove_leftovers(target)
    workspace = _make_workspace(target)
    temporary = workspace / target.name
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        shutil.rmtree(workspace, ignore_errors=True)
        raise WorkbenchError(_failure(target, exc, existed)) from exc
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # "still being written": see _remove_leftovers
        fill(temporary, handle)
        _flush(temporary)
        if fcntl is None:
            os.close(handle)  # Windows renames no open file
            handle = -1
        os.replace(temporary, target)
    except OSError as exc:
        raise WorkbenchError(_failure(target, exc, existed)) from exc
    except etree.SerialisationError as exc:  # lxml writing by name reports IO_ENOSPC, IO_EFBIG …
        number = getattr(errno, str(exc).removeprefix("IO_"), 0)
        failed = OSError(number, os.strerror(number)) if number else OSError(str(exc))
        raise WorkbenchError(_failure(target, failed, existed)) from exc
    finally:
        if handle >= 0:
            os.close(handle)
        shutil.rmtree(workspace, ignore_errors=True)


def _check_destination(target: Path) -> None:
    folder = target.parent
    if not folder.exists():
        raise WorkbenchError(f"cannot write {target}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise WorkbenchError(f"cannot write {target}: {folder} is not a folder")
    if target.is_dir():
        raise WorkbenchError(f"cannot write {target}: it is a folder; name a file to write")
    _check_regular_or_absent(target)
    for candidate in (target, *_bases_of(target)):
        if _is_database(candidate):
            what = (
                "is an SQLite database" if candidate == target else f"belongs to the SQLite database {candidate.name}"
            )
            raise WorkbenchError(f"{target} {what} (a project or a memory); choose another name")


def _check_regular_or_absent(target: Path) -> None:
    """A device, a pipe or a socket at the target would be replaced by the rename (as root, /dev/full or
    /dev/null for the whole machine); a link is replaced, not followed, so only one to a regular file may go."""
    try:
        status = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WorkbenchError(f"cannot write {target}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(status.st_mode):
        try:
            status = target.stat()
        except OSError:
            raise WorkbenchError(f"cannot write {target}: it is a link to nothing (a broken link)") from None
    problem = kind_problem(status.st_mode)
    if problem:
        raise WorkbenchError(f"cannot write {target}: it {problem}; name a file to write")


def _bases_of(target: Path) -> Iterable[Path]:
    """The database a journal or lock file would belong to."""
    for end in SIDECARS:
        if target.name.endswith(end) and len(target.name) > len(end):
            yield target.with_name(target.name[: -len(end)])


def _is_database(path: Path) -> bool:
    """An existing regular file (not through a symlink, which a rename replaces, not follows) that SQLite wrote."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    """The same file: the same resolved name, or (both existing) the same file on disk, which also catches
    another spelling on a case-insensitive disk."""
    if a == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _workspace_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(target.name[:NAME_KEPT])}\.[0-9a-f]{{16}}\.partial")


def _make_workspace(target: Path) -> Path:
    while True:
        workspace = target.with_name(f".{target.name[:NAME_KEPT]}.{secrets.token_hex(8)}.partial")
        try:
            os.mkdir(workspace, 0o700)  # fails on anything already there, a planted symlink included
            return workspace
        except FileExistsError:
            continue
        except OSError as exc:
            raise WorkbenchError(_failure(target, exc, target.exists())) from exc


def _remove_leftovers(target: Path) -> None:
    """Temporary folders a killed export to `target` left (not one still being written), and the
    `<target>.partial` file earlier versions wrote (a regular file only: a planted symlink is left alone)."""
    pattern = _workspace_pattern(target)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name == target.name + ".partial":
            if entry.is_file(follow_symlinks=False):
                with suppress(OSError):
                    os.unlink(entry.path)
        elif pattern.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False) and not _in_use(Path(entry.path)):
            shutil.rmtree(entry.path, ignore_errors=True)


def _in_use(workspace: Path) -> bool:
    if fcntl is None:
        return False  # the file another export holds open is not deleted; the folder stays with it
    try:
        inside = list(workspace.iterdir())
    except OSError:
        return True  # not ours to look into: not ours to remove
    for inner in inside:
        try:
            handle = os.open(inner, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(handle)
    return False


def _flush(temporary: Path) -> None:
    """On the disk before the rename, so a power cut cannot leave an empty file in place of the old one."""
    handle = os.open(temporary, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _failure(target: Path, exc: OSError, existed: bool) -> str:
    reason = REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    kept = "the file already there is unchanged" if existed else "nothing was written"
    return f"cannot write {target}: {reason}; {kept}"
