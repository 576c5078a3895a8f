"""From a file on disk to a segmented document, ready to store: format dispatch, limits, segmentation.

`prepare_import` reads and checks everything before the project is touched, so a bad file can never
leave half a document behind; the import dialog uses it for its preview too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.core.cycle_collection import without_cycle_collection
from workbench.core.errors import ImportProblem, ProjectFault
from workbench.core.importing.boilerplate import mark_boilerplate
from workbench.core.importing.docx_import import docx_blocks
from workbench.core.importing.html_import import html_blocks
from workbench.core.importing.po_import import PLURAL_SEPARATOR, context_key, po_blocks
from workbench.core.importing.segmentation_exceptions import project_segmenter
from workbench.core.importing.text_decoding import decode_text
from workbench.core.importing.text_import import text_blocks
from workbench.core.language.protected_spans import find_protected_spans
from workbench.core.language.segmenter import Segmenter, segmenter_for
from workbench.core.progress import Cancelled, NullProgress, Progress
from workbench.core.records import (
    BlockKind,
    ImportedTranslation,
    PreparedDocument,
    PreparedSegment,
    SourceBlock,
)
from workbench.core.store.documents import StoreResult
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagMap, tags_to_json
from workbench.core.tags.tagged_paragraphs import split_tagged
from workbench.core.user_file import check_regular_file, read_regular_file

log = logging.getLogger(__name__)

#: Format name by file extension.
FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".po": "po",
    ".pot": "po",
}
MAX_FILE_BYTES = {
    "txt": 64_000_000,
    "md": 64_000_000,
    "html": 32_000_000,
    "po": 32_000_000,
    "docx": 64_000_000,
}


def supported_extensions() -> str:
    return " ".join(sorted(FORMATS))


def read_checked(path: Path) -> tuple[str, bytes]:
    """(format, bytes) of a file, or ImportProblem for what cannot be imported at all: a folder, a pipe
    or a device is refused as such before its name is looked at."""
    check_regular_file(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ImportProblem(
            str(path),
            f"has an unsupported format ({path.suffix or 'no extension'}); supported: {supported_extensions()}",
        )
    limit = MAX_FILE_BYTES[fmt]
    data = read_regular_file(
        path,
        limit,
        lambda size: (
            f"is too large ({size / 1e6:.0f} MB; the limit for {fmt} files is {limit / 1e6:.0f} MB): "
            "split it into smaller files"
        ),
    )
    if not data.strip():
        raise ImportProblem(str(path), "is empty")
    return fmt, data


def prepare_import(
    path: Path, encoding: str | None = None, name: str | None = None, segmenter: Segmenter | None = None
) -> PreparedDocument:
    """Parse, clean and segment one file (with `segmenter`: a project's, with its exceptions). Raises
    ImportProblem naming the file and the problem."""
    fmt, data = read_checked(path)
    with without_cycle_collection():
        return _prepared(path, fmt, data, encoding, name, segmenter)


def _prepared(
    path: Path, fmt: str, data: bytes, encoding: str | None, name: str | None, segmenter: Segmenter | None
) -> PreparedDocument:
    source = str(path)
    properties: dict[str, object] = {}
    warnings: tuple[str, ...] = ()
    if fmt in ("txt", "md"):
        decoded = decode_text(data, source, encoding)
        blocks = text_blocks(decoded.text, markdown=fmt == "md")
        used_encoding, warnings = decoded.encoding, decoded.warnings
    elif fmt == "html":
        page = html_blocks(data, source, encoding)
        blocks, used_encoding, warnings = page.blocks, page.encoding, page.warnings
        properties["title"] = page.title
    elif fmt == "docx":
        blocks = docx_blocks(data, source)
        used_encoding = "docx"
    else:
        blocks, po_properties, used_encoding, warnings = po_blocks(data, source)
        properties.update(po_properties)
    if fmt != "po":  # PO entries are interface strings, not a page with furniture
        mark_boilerplate(blocks)
    if not blocks:
        raise ImportProblem(source, "contains no text to translate")
    segments = segment_blocks(blocks, segmenter or segmenter_for("vi"))
    return PreparedDocument(
        name=name or path.name,
        format=fmt,
        encoding=used_encoding,
        source_path=str(path.resolve()),
        blocks=blocks,
        segments=segments,
        properties=properties,
        warnings=warnings,
    )


def segment_blocks(blocks: list[SourceBlock], segmenter: Segmenter) -> list[PreparedSegment]:
    segments: list[PreparedSegment] = []
    stored_maps: dict[tuple[object, ...], dict[str, Any]] = {}  # a document's tag maps repeat: see _stored_map
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.PO_ENTRY:
            segments.extend(_po_segments(index, block))
            continue
        translatable, skip_reason = block.translatable, block.skip_reason
        if block.tags:
            segments.extend(_tagged_segments(index, block, segmenter, stored_maps))
            continue
        pieces = segmenter.sentences(block.text) if block.split_sentences else []
        segments.extend(
            PreparedSegment(
                paragraph=index,
                source=text,
                space_after=space_after,
                translatable=translatable,
                skip_reason=skip_reason,
                spans=find_protected_spans(text),
            )
            for text, space_after in pieces or [(block.text, "")]
        )
    return segments


def _stored_map(tags: TagMap, seen: dict[tuple[object, ...], dict[str, Any]]) -> dict[str, Any]:
    """The tag map as stored (JSON-ready), one object for all the paragraphs whose maps are the same (a
    bold number then an italic name, paragraph after paragraph): the store then encodes it once. Maps
    with format-specific facts (`extra`) are each their own."""
    if any(info.extra for info in tags.values()):
        return tags_to_json(tags)
    key = tuple((n, i.letter, i.paired, tuple(i.formats.items()), i.href, i.text, i.kind) for n, i in tags.items())
    stored = seen.get(key)
    if stored is None:
        stored = seen[key] = tags_to_json(tags)
    return stored


def _tagged_segments(
    index: int, block: SourceBlock, segmenter: Segmenter, stored_maps: dict[tuple[object, ...], dict[str, Any]]
) -> list[PreparedSegment]:
    """Sentences of a paragraph with inline tags: each keeps the markers and the map of the tags it uses
    (a pair across two sentences is closed and reopened: see tagged_paragraphs)."""
    tags = block.tags
    stored = _stored_map(tags, stored_maps)  # each segment's map is its share of the paragraph's
    split = segmenter.sentences if block.split_sentences else (lambda text: [(text, "")])
    return [
        PreparedSegment(
            paragraph=index,
            source=text,
            space_after=space_after,
            translatable=block.translatable,
            skip_reason=block.skip_reason,
            spans=find_protected_spans(text),
            meta={"tags": stored if len(used) == len(tags) else {str(n): stored[str(n)] for n in sorted(used)}}
            if used
            else {},
        )
        for text, space_after, used in split_tagged(block.text, tags, split)
    ]


def _po_segments(index: int, block: SourceBlock) -> list[PreparedSegment]:
    meta = block.meta
    key = context_key(meta["msgctxt"], meta["msgid"])
    translations: list[ImportedTranslation | None] = meta.pop("translations", [])
    sources = [(meta["msgid"], key, False)]
    if meta.get("msgid_plural"):
        sources.append((meta["msgid_plural"], key + PLURAL_SEPARATOR, True))
    out = []
    for i, (text, seg_key, plural) in enumerate(sources):
        found = translations[i] if i < len(translations) else None
        out.append(
            PreparedSegment(
                paragraph=index,
                source=text,
                context_key=seg_key,
                spans=find_protected_spans(text),
                meta={"plural": plural},
                translations=[found] if found else [],
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    path: Path
    document: PreparedDocument | None = None
    result: StoreResult | None = None
    problem: ImportProblem | None = None


def import_files(
    project: Project,
    paths: Sequence[Path],
    encoding: str | None = None,
    author: str = "",
    progress: Progress | None = None,
) -> list[ImportOutcome]:
    """Import each file in its own transaction; a bad file is reported and the others still go in."""
    progress = progress or NullProgress()
    outcomes = []
    segmenter = project_segmenter(project)
    for done, path in enumerate(paths):
        if progress.is_cancelled():
            raise Cancelled(f"import stopped after {done} of {len(paths)} files")
        progress.report(done, len(paths), str(path))
        try:
            prepared = prepare_import(Path(path), encoding, segmenter=segmenter)
            result = project.store_document(prepared, author)
        except ImportProblem as problem:
            log.info("%s", problem)  # the outcome carries it to the CLI and the dialog, which show it once
            outcomes.append(ImportOutcome(Path(path), problem=problem))
            continue
        except ProjectFault as fault:  # a full disk, a damaged file: the files after it cannot go in either
            raise _stopped_by(fault, outcomes, paths[done:]) from fault
        outcomes.append(ImportOutcome(Path(path), prepared, result))
    progress.report(len(paths), len(paths), "")
    return outcomes


def _stopped_by(fault: ProjectFault, outcomes: Sequence[ImportOutcome], left: Sequence[Path]) -> ProjectFault:
    """The fault's message, plus which files are in the project and which are not (each file is whole or absent)."""
    imported = [o.path.name for o in outcomes if o.result is not None]
    done = f"; imported before it: {', '.join(imported)}" if imported else ""
    return type(fault)(f"{fault}{done}; not imported: {', '.join(Path(p).name for p in left)}")
