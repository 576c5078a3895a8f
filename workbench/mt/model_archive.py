"""Unpacking a model archive (.zip, .tar, .tar.gz/.bz2/.xz) carried from another machine, safely.

The kind of archive is decided by its bytes. Every member is checked before it is written: a link
(symbolic or hard), a device, a FIFO, an absolute path or a `..` is refused, naming the member, and
nothing in the archive can reach outside the folder it is unpacked into. Size is bounded three ways:
the members' declared sizes (before writing: the zip directory at once, each tar header before its
member), the bytes actually written (a header may lie), and the number of members; an archive that
would unpack to many times its own size (a "zip bomb" of zeros) or past the free disk space is
refused at once.
"""

from __future__ import annotations

import lzma
import os
import shutil
import stat
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from workbench.mt.model_files import ModelRefused

CHUNK = 1024**2


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    #: the largest model we support (NLLB-3.3B in safetensors) is under 18 GB
    max_bytes: int = 20 * 1024**3
    max_members: int = 10_000
    #: model weights barely compress (int8 or float: about 1.1 to 1); an archive that unpacks to 50 times
    #: its size is filled with something else
    max_ratio: int = 50
    #: small archives (a few JSON files) may compress well; the ratio is judged past this size
    ratio_floor: int = 64 * 1024**2


DEFAULT_LIMITS = ArchiveLimits()


class _Budget:
    """The bytes an archive may still declare and write; refuses past the limits."""

    def __init__(self, archive: Path, into: Path, limits: ArchiveLimits) -> None:
        self.archive = archive
        self.limits = limits
        packed = archive.stat().st_size
        ratio_cap = max(limits.ratio_floor, packed * limits.max_ratio)
        free = shutil.disk_usage(into).free
        self.reasons = [
            (limits.max_bytes, f"more than {_size(limits.max_bytes)}, the most a model takes"),
            (ratio_cap, f"more than {limits.max_ratio} times its own size ({_size(packed)}): not model weights"),
            (free, f"more than the {_size(free)} free on the disk of {into.parent}"),
        ]
        self.declared = 0
        self.written = 0
        self.members = 0

    def declare(self, name: str, size: int) -> None:
        self.members += 1
        if self.members > self.limits.max_members:
            raise ModelRefused(f"{self.archive} holds more than {self.limits.max_members} members: not a model")
        self.declared += max(size, 0)
        self._check(self.declared)

    def write(self, count: int) -> None:
        self.written += count
        self._check(self.written)

    def _check(self, total: int) -> None:
        for cap, reason in self.reasons:
            if total > cap:
                raise ModelRefused(f"{self.archive} would unpack to {reason}; nothing was installed")


def _size(count: int) -> str:
    return f"{count / 1024**3:.1f} GB" if count >= 1024**3 else f"{count / 1024**2:.1f} MB"


def _member_path(archive: Path, into: Path, name: str) -> Path:
    """Where a member goes under `into`; refuses absolute paths, drive letters and `..`."""
    parts = PurePosixPath(name.replace("\\", "/")).parts  # "./config.json" -> ("config.json",)
    if name.startswith(("/", "\\")) or (parts and ":" in parts[0]) or "\x00" in name:
        raise ModelRefused(f"{archive}: refused because the member {name!r} has an absolute path")
    if ".." in parts:
        raise ModelRefused(f"{archive}: refused because the member {name!r} climbs out of the archive (..)")
    return into.joinpath(*parts)


def _write_member(source: IO[bytes], target: Path, budget: _Budget, archive: Path, name: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags, 0o644)
    except FileExistsError:
        raise ModelRefused(f"{archive}: refused because the member {name!r} appears twice") from None
    with os.fdopen(fd, "wb") as out:
        while chunk := source.read(CHUNK):
            budget.write(len(chunk))
            out.write(chunk)


def _link_refused(archive: Path, name: str, kind: str) -> ModelRefused:
    return ModelRefused(
        f"{archive}: refused because the member {name!r} is {kind}; an archive of a model holds plain files only"
    )


def _unzip(archive: Path, into: Path, budget: _Budget) -> None:
    with zipfile.ZipFile(archive) as zipped:
        infos = zipped.infolist()
        if len(infos) > budget.limits.max_members:
            raise ModelRefused(f"{archive} holds more than {budget.limits.max_members} members: not a model")
        for info in infos:  # everything is checked before the first byte is written
            _member_path(archive, into, info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise _link_refused(archive, info.filename, "a link")
            if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                raise _link_refused(archive, info.filename, "a device or FIFO")
            if info.flag_bits & 0x1:
                raise ModelRefused(f"{archive}: the member {info.filename!r} is encrypted")
            budget.declare(info.filename, info.file_size)
        for info in infos:
            target = _member_path(archive, into, info.filename)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            with zipped.open(info) as source:
                _write_member(source, target, budget, archive, info.filename)


def _untar(archive: Path, into: Path, budget: _Budget) -> None:
    with tarfile.open(archive, "r:*") as tarred:
        for member in tarred:  # read lazily: a huge member is refused on its header, before it is decompressed
            target = _member_path(archive, into, member.name)
            if member.issym() or member.islnk():
                kind = "a hard link" if member.islnk() else "a link"
                raise _link_refused(archive, member.name, f"{kind} (to {member.linkname})")
            if not (member.isfile() or member.isdir()):
                raise _link_refused(archive, member.name, "a device or FIFO")
            budget.declare(member.name, member.size)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            source = tarred.extractfile(member)
            if source is None:
                raise _link_refused(archive, member.name, "not a plain file")
            with source:
                _write_member(source, target, budget, archive, member.name)


def unpack_model_archive(archive: Path, into: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> Path:
    """Extract a model archive into the empty folder `into`; return the folder in it that holds config.json."""
    budget = _Budget(archive, into, limits)
    try:
        if zipfile.is_zipfile(archive):
            _unzip(archive, into, budget)
        elif tarfile.is_tarfile(archive):
            _untar(archive, into, budget)
        else:
            raise ModelRefused(f"{archive} is neither a model folder nor a .zip or .tar archive")
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, NotImplementedError) as exc:
        raise ModelRefused(f"{archive} is damaged ({exc})") from exc
    except (NotADirectoryError, IsADirectoryError) as exc:
        raise ModelRefused(f"{archive}: a member is both a file and a folder ({exc.filename})") from exc
    except RuntimeError as exc:  # zipfile: a password is required
        raise ModelRefused(f"{archive} cannot be unpacked ({exc})") from exc
    except OSError as exc:  # a damaged gzip stream (BadGzipFile), or the disk filled up after all
        raise ModelRefused(f"{archive} cannot be unpacked ({exc.strerror or exc}); nothing was installed") from exc
    candidates = sorted((p.parent for p in into.rglob("config.json")), key=lambda p: (len(p.parts), str(p)))
    if not candidates:
        raise ModelRefused(f"{archive}: no model folder (with a config.json) inside")
    return candidates[0]
