"""The records the core hands around: what an imported document is made of, and what a project holds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.tags.inline_tags import TagInfo


class Status(StrEnum):
    """Where a segment's translation into one language stands."""

    UNTRANSLATED = "untranslated"
    DRAFT = "draft"  # from MT or TM, or an earlier translation of a changed source: needs a human
    TRANSLATED = "translated"  # a human confirmed it
    APPROVED = "approved"  # an editor accepted it
    NEEDS_WORK = "needs-work"  # an editor sent it back


class Origin(StrEnum):
    """Where a translation's text came from (the model or file name goes in `origin_detail`)."""

    NONE = ""
    HUMAN = "human"
    MT = "mt"
    TM = "tm"
    IMPORT = "import"  # msgstr of an imported PO file
    PREVIOUS_VERSION = "previous-version"  # kept from before the source changed on re-import


class Role(StrEnum):
    """What a person does in a project (settings and `--as` keep the value as a string): only an editor approves."""

    TRANSLATOR = "translator"
    EDITOR = "editor"


#: the statuses whose text a person vouched for: it feeds the memories and counts as done
CONFIRMED = (Status.TRANSLATED, Status.APPROVED)

#: enum members by stored value, without Enum.__call__ (reading 100,000 records calls it 200,000 times)
STATUS_BY_VALUE = {status.value: status for status in Status}
ORIGIN_BY_VALUE = {origin.value: origin for origin in Origin}


class BlockKind(StrEnum):
    """The structural unit a segment belongs to, needed to rebuild the document on export."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    PO_ENTRY = "po-entry"


@dataclass(slots=True)
class SourceBlock:
    """One paragraph-like unit of a source document, before sentence segmentation."""

    kind: BlockKind
    text: str
    level: int = 0
    #: Format-specific facts for export: table/row/cell numbers, PO entry metadata, HTML tag, ...
    meta: dict[str, Any] = field(default_factory=dict)
    translatable: bool = True
    skip_reason: str = ""
    #: PO entries and table cells are never split into sentences.
    split_sentences: bool = True
    #: the inline tags whose markers `text` holds (number -> what it stands for); each sentence's
    #: segment gets the ones it uses. Handed over as objects, not JSON: a tagged document has one
    #: map per paragraph, and only the segments' maps are stored.
    tags: dict[int, TagInfo] = field(default_factory=dict)


@dataclass(slots=True)
class ImportedTranslation:
    """A translation that came inside the source file (a PO msgstr)."""

    language: str
    text: str
    status: Status
    author: str = ""


@dataclass(slots=True)
class PreparedSegment:
    paragraph: int
    source: str
    space_after: str = ""
    translatable: bool = True
    skip_reason: str = ""
    spans: list[ProtectedSpan] = field(default_factory=list)
    #: Stable identity inside the document (PO msgctxt+msgid); empty for prose, which is matched by text.
    context_key: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    translations: list[ImportedTranslation] = field(default_factory=list)


@dataclass(slots=True)
class PreparedDocument:
    """A parsed, segmented document ready to be written into a project in one transaction."""

    name: str
    format: str
    encoding: str
    source_path: str
    blocks: list[SourceBlock]
    segments: list[PreparedSegment]
    #: Document-level facts for export (PO header and metadata, HTML title, ...).
    properties: dict[str, Any] = field(default_factory=dict)
    #: What the user should check though the file was read, each naming it: bytes that were not valid
    #: in the encoding and were replaced by U+FFFD (with where), a declared encoding overruled.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: int
    name: str
    format: str
    encoding: str
    source_path: str
    imported_at: str
    updated_at: str
    segment_count: int


@dataclass(frozen=True, slots=True)
class Translation:
    language: str
    text: str
    status: Status
    origin: Origin
    origin_detail: str
    author: str
    score: float | None
    updated_at: str
    #: problems noticed when the text was made, e.g. "missing code: 25/CT-TTg" (stored one per line)
    flags: tuple[str, ...] = ()

    def state(self) -> TranslationState:
        """What this translation is set to, for writing it again with a change (a new status, author)."""
        return TranslationState(
            self.text, self.status, self.origin, self.origin_detail, self.author, self.score, self.flags
        )


@dataclass(frozen=True, slots=True)
class TranslationState:
    """What a translation is set to when it is written: one value instead of seven loose arguments."""

    text: str
    status: Status
    origin: Origin
    origin_detail: str = ""
    author: str = ""
    score: float | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    id: int
    document_id: int
    position: int
    paragraph: int
    source: str
    translatable: bool
    skip_reason: str
    spans: tuple[ProtectedSpan, ...]
    translations: dict[str, Translation]
    #: the inline tags its source's markers stand for (number -> TagInfo); empty for plain text
    tags: Mapping[int, TagInfo] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ParagraphRecord:
    index: int
    kind: BlockKind
    level: int
    meta: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    name: str
    source_language: str
    target_languages: tuple[str, ...]
    created_at: str
    schema_version: int
