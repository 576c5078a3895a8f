"""Reference sets for measuring a model: Vietnamese sources and the translations a model's output is scored against.

Three kinds, each read as untrusted input: two aligned plain-text files (the FLORES-200 layout, one
segment per line, UTF-8: `vie_Latn.devtest` and `khm_Khmr.devtest`), a TMX (read by the project's own
TMX reader, core/memory/tmx.py), or a project's approved segments (the office's own texts, opened
read-only, so a window may have it open). Files are read through core/user_file (a regular file only,
never past the size limit); a file's kind is decided by its bytes (a binary file, or a TMX given as a
plain-text file, is refused as such whatever its name). Every failure is one `ImportProblem` naming the
file and the problem; nothing is written anywhere while reading.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workbench.core.counted import counted
from workbench.core.errors import ImportProblem
from workbench.core.memory.tmx import load_tmx
from workbench.core.records import Status
from workbench.core.store.project_store import Project
from workbench.core.user_file import read_regular_file

#: FLORES-200 devtest files are about 200-400 KB; a set a hundred times larger is still read in seconds
MAX_REFERENCE_BYTES = 64 * 1024 * 1024
#: control bytes other than tab, line ends and form feed: more than a few means the file is not text
_TEXT_CONTROLS = frozenset({9, 10, 12, 13})


@dataclass(frozen=True, slots=True)
class ReferenceSet:
    """Aligned sources and references, in the order the set gives them (after `--limit`)."""

    #: what the user would call it: "vie_Latn.devtest + khm_Khmr.devtest", "memory.tmx", "project bao-cao.wbp"
    name: str
    source_language: str
    target_language: str
    sources: tuple[str, ...]
    references: tuple[str, ...]
    #: pairs the set holds before `--limit` cut it
    available: int
    #: pairs left out because their source or reference is blank
    blank: int = 0

    @property
    def size(self) -> int:
        return len(self.sources)

    @property
    def direction(self) -> str:
        return f"{self.source_language}-{self.target_language}"


def _limited(
    name: str, pairs: list[tuple[str, str]], source: str, target: str, limit: int | None, blank: int = 0
) -> ReferenceSet:
    taken = pairs if limit is None else pairs[: max(0, limit)]
    return ReferenceSet(
        name,
        source,
        target,
        tuple(s for s, _r in taken),
        tuple(r for _s, r in taken),
        len(pairs),
        blank,
    )


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls > max(4, len(sample) // 500)


def _utf16_as_utf8(source: str, data: bytes) -> bytes:
    """Windows Notepad's "Unicode" (UTF-16 with its byte-order mark) re-encoded, so the checks below see text."""
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            source, f"starts as UTF-16 text but byte {exc.start} cannot be read: save it as UTF-8, one segment per line"
        ) from None


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 (or UTF-16 with its mark) plain-text file of one segment per line, NFC, without
    their line ends.

    Only "\\n" (or "\\r\\n") ends a line: `str.splitlines` would also split at U+2028 or a form feed inside
    a segment and shift every later line against the other file."""
    source = str(path)
    data = read_regular_file(path, MAX_REFERENCE_BYTES, lambda size: f"is {size // 2**20} MB, larger than a reference "
                             f"file may be ({MAX_REFERENCE_BYTES // 2**20} MB)")  # fmt: skip
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = _utf16_as_utf8(source, data)
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise ImportProblem(source, "is empty: a reference file holds one segment per line")
    if _looks_binary(data):
        raise ImportProblem(source, "is a binary file, not plain text with one segment per line")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<?xml", b"<tmx")):
        raise ImportProblem(source, "is an XML (TMX) file, not plain text with one segment per line: give it as a TMX")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            source, f"is not UTF-8 text (byte {exc.start} cannot be read): save it as UTF-8, one segment per line"
        ) from None
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [unicodedata.normalize("NFC", line).strip() for line in lines]


def read_aligned_files(
    source_path: Path, reference_path: Path, target: str, limit: int | None = None, source_language: str = "vi"
) -> ReferenceSet:
    """Two files aligned line by line (FLORES-200): line i of the reference translates line i of the source."""
    sources = read_lines(source_path)
    references = read_lines(reference_path)
    if len(sources) != len(references):
        raise ImportProblem(
            str(reference_path),
            f"has {counted(len(references), 'line')} but {source_path} has {len(sources)}: the two files must be "
            "aligned line by line (is one of them from another set, or cut short?)",
        )
    pairs = [(s, r) for s, r in zip(sources, references, strict=True) if s and r]
    if not pairs:
        raise ImportProblem(str(reference_path), f"holds no line with text beside a line of text in {source_path}")
    name = f"{source_path.name} + {reference_path.name}"
    return _limited(name, pairs, source_language, target, limit, len(sources) - len(pairs))


def read_tmx_reference(path: Path, target: str, limit: int | None = None, source_language: str = "vi") -> ReferenceSet:
    """The TMX's Vietnamese texts and their `target` translations, one pair per distinct source (its first
    translation), in the file's order. A TMX without the target language is refused by the reader."""
    units = load_tmx(path, source_language, [target], inline_tags=False).units  # the words a model is scored on
    seen: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for unit in units:
        source, reference = unicodedata.normalize("NFC", unit.source), unicodedata.normalize("NFC", unit.target)
        if source not in seen and source.strip() and reference.strip():
            seen.add(source)
            pairs.append((source.strip(), reference.strip()))
    return _limited(path.name, pairs, source_language, target, limit)


def read_project_reference(path: Path, target: str, limit: int | None = None) -> ReferenceSet:
    """A project's approved `target` translations and their sources, in document order, one per distinct
    source. The project is opened read-only: nothing in it changes, and a window may hold it open."""
    with Project.open(path, read_only=True) as project:
        if target not in project.info.target_languages:
            raise ImportProblem(
                str(path),
                f"does not translate into {target} (its languages: {', '.join(project.info.target_languages)})",
            )
        source_language = project.info.source_language
        seen: set[str] = set()
        pairs: list[tuple[str, str]] = []
        for segment in project.segments(status=Status.APPROVED, language=target):
            translation = segment.translations[target]
            source, reference = segment.source.strip(), translation.text.strip()
            if segment.translatable and source and reference and source not in seen:
                seen.add(source)
                pairs.append((unicodedata.normalize("NFC", source), unicodedata.normalize("NFC", reference)))
    if not pairs:
        raise ImportProblem(
            str(path), f"has no approved segment in {target}: approve some translations first, or measure on files"
        )
    return _limited(f"project {path.name}", pairs, source_language, target, limit)
