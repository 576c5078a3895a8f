"""Word .docx files read from their XML: paragraphs, headings, list items and table cells in reading order.

The XML is parsed directly (not through python-docx) to see each run's font: older documents type
Vietnamese in legacy 8-bit fonts, .VnTime/.VnArial (TCVN3, the .Vn*H fonts for capitals) and VNI-*
(VNI-Windows), and those runs are converted to Unicode by their font. The zip and the XML are
checked for bombs before anything is expanded.
"""

from __future__ import annotations

import functools
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO

import regex
from lxml import etree

from workbench.core.errors import ImportProblem
from workbench.core.importing.docx_character_styles import character_style_formats
from workbench.core.importing.docx_runs import hyperlink_targets, tagged_paragraph
from workbench.core.language.language_rules import clean_text, is_clean_text
from workbench.core.language.legacy_encodings import decode_tcvn3, decode_vni, legacy_text_to_bytes
from workbench.core.records import BlockKind, SourceBlock
from workbench.core.tags.tagged_paragraphs import FinishedParagraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
)


#: what zipfile and zlib raise on a damaged or unusual archive: BadZipFile (a bad CRC, a truncated header),
#: zlib.error (deflate data that does not inflate), NotImplementedError (a compression method or zip
#: version it cannot unpack), RuntimeError (an encrypted member), UnicodeDecodeError (a member name that
#: says UTF-8 and is not), ValueError and OverflowError (offsets that point before the file or past any
#: size), EOFError and OSError (a file that ends early)
_ZIP_FAILURES = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    UnicodeDecodeError,
    ValueError,
    OverflowError,
    EOFError,
    OSError,
)
#: a level as Word writes it (w:outlineLvl, w:ilvl): a small whole number
_LEVEL = regex.compile(r"[0-9]{1,3}")

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: runs under these (inside the paragraph) are not the paragraph's own text
_NOT_PARAGRAPH_TEXT = {f"{W}del", f"{W}moveFrom", f"{W}txbxContent", _MC_FALLBACK}


def _between(element: etree._Element, top: etree._Element) -> set[str]:
    """Tags of the elements strictly between `element` and its ancestor `top`."""
    tags = set()
    for ancestor in element.iterancestors():
        if ancestor is top:
            break
        tags.add(ancestor.tag)
    return tags


@functools.lru_cache(maxsize=512)  # asked for every run; a document has a handful of fonts
def legacy_encoding_of_font(font: str) -> tuple[str, bool] | None:
    """("tcvn3" | "vni", upper-case font?) for a legacy Vietnamese font name, else None."""
    name = font.strip()
    if name.lower().startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.lower().startswith("vni-") or name.lower().startswith("vni "):
        return "vni", False
    return None


def convert_legacy_run(text: str, font: str) -> str:
    legacy = legacy_encoding_of_font(font) if font else None
    if legacy is None:
        return text
    raw = legacy_text_to_bytes(text)
    encoding, upper = legacy
    return decode_tcvn3(raw, upper=upper) if encoding == "tcvn3" else decode_vni(raw)


@dataclass(slots=True)
class _Styles:
    fonts: dict[str, str] = field(default_factory=dict)  # style id -> font of its runs (after basedOn)
    headings: dict[str, int] = field(default_factory=dict)  # paragraph style id -> heading level (0 = title)
    lists: set[str] = field(default_factory=set)  # paragraph styles that number their paragraphs
    default_font: str = ""
    default_paragraph_style: str = ""
    run_formats: dict[str, dict[str, bool]] = field(default_factory=dict)  # character style id -> its formats


def _zip_problem(exc: BaseException, name: str) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return f"is refused: its part {name} is encrypted (password-protected); save it again without a password"
    if isinstance(exc, NotImplementedError):
        return f"cannot be read: its part {name} is packed in a way Word does not write ({exc})"
    return f"is damaged: the part {name} cannot be read ({exc})"


def _archive_problem(exc: BaseException) -> str:
    if isinstance(exc, NotImplementedError):
        return f"cannot be read: it is packed in a way Word does not write ({exc})"
    if isinstance(exc, UnicodeDecodeError):
        return "is not a valid Word document: the name of a part inside says it is UTF-8 and is not"
    return f"is not a valid Word document: the file is damaged or truncated ({exc})"


def _read_part(archive: zipfile.ZipFile, name: str, source: str) -> etree._Element | None:
    try:
        data = archive.read(name)
    except KeyError:
        return None
    except _ZIP_FAILURES as exc:
        raise ImportProblem(source, _zip_problem(exc, name)) from exc
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ImportProblem(source, f"is refused: its part {name} declares XML entities (an 'entity bomb' attack)")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in str(exc):  # libxml2's limit of 256 nested elements: no Word writes that
            raise ImportProblem(
                source, f"is refused: its part {name} nests elements more than 256 deep (Word never does)"
            ) from exc
        raise ImportProblem(source, f"is damaged: the part {name} is not well-formed XML ({exc})") from exc


def _open_archive(data: bytes, source: str) -> zipfile.ZipFile:
    if data.startswith(_OLE_MAGIC):
        raise ImportProblem(
            source,
            "is password-protected or an old binary Word (.doc) file: open it in Word, remove the password "
            "and save it as .docx",
        )
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except _ZIP_FAILURES as exc:
        raise ImportProblem(source, _archive_problem(exc)) from exc
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNPACKED_BYTES or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ImportProblem(
            source,
            f"is refused: it would unpack to {total / 1e6:.0f} MB from {packed / 1e6:.1f} MB (a 'zip bomb')",
        )
    if "word/document.xml" not in archive.namelist():
        raise ImportProblem(source, "is not a Word document: it has no word/document.xml inside")
    return archive


def _fonts_of(rpr: etree._Element | None) -> str:
    if rpr is None:
        return ""
    fonts = rpr.find(f"{W}rFonts")
    if fonts is None:
        return ""
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi") or fonts.get(f"{W}cs") or ""


def _level(element: etree._Element, part: str, source: str) -> int:
    """The w:val of a w:outlineLvl or w:ilvl; ImportProblem for one that is not a small whole number."""
    value = element.get(f"{W}val", "0")
    if not _LEVEL.fullmatch(value):
        raise ImportProblem(
            source,
            f"is damaged: {part} gives the level {value[:40]!r} (line {element.sourceline}), which is not a whole number",
        )
    return int(value)


def _read_styles(root: etree._Element | None, source: str) -> _Styles:
    styles = _Styles()
    if root is None:
        return styles
    styles.default_font = _fonts_of(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    styles.run_formats = character_style_formats(root)
    raw: dict[str, tuple[str, str, str, bool, int | None]] = {}
    for style in root.iter(f"{W}style"):
        sid = style.get(f"{W}styleId", "")
        name_el = style.find(f"{W}name")
        name = (name_el.get(f"{W}val", "") if name_el is not None else "").lower()
        based = style.find(f"{W}basedOn")
        based_on = based.get(f"{W}val", "") if based is not None else ""
        has_num = style.find(f"{W}pPr/{W}numPr") is not None
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        level = _level(outline, "word/styles.xml", source) + 1 if outline is not None else None
        if name == "title":
            level = 0
        elif name.startswith("heading ") and _LEVEL.fullmatch(name[8:]):
            level = int(name[8:])
        raw[sid] = (name, based_on, _fonts_of(style.find(f"{W}rPr")), has_num, level)
        if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
            styles.default_paragraph_style = sid
    for sid in raw:
        seen: set[str] = set()
        current = sid
        while current in raw and current not in seen:
            seen.add(current)
            _name, based_on, font, has_num, level = raw[current]
            if font and sid not in styles.fonts:
                styles.fonts[sid] = font
            if has_num:
                styles.lists.add(sid)
            if level is not None and sid not in styles.headings:
                styles.headings[sid] = level
            current = based_on
    return styles


class _DocumentReader:
    def __init__(self, styles: _Styles, source: str, links: dict[str, str] | None = None) -> None:
        self.styles = styles
        self.links = links or {}
        self.source = source
        self.blocks: list[SourceBlock] = []
        self.tables = 0
        self.notes: dict[str, int] = {}  # footnotes and endnotes referenced so far

    def paragraph_text(self, p: etree._Element, style_id: str) -> FinishedParagraph:
        paragraph_font = self.styles.fonts.get(style_id, "") or self.styles.default_font

        def font_of(named: str, style: str) -> str:
            return named or (self.styles.fonts.get(style, "") if style else "") or paragraph_font

        return tagged_paragraph(
            p,
            _NOT_PARAGRAPH_TEXT,
            font_of,
            convert_legacy_run,
            self.links,
            clean_text,
            self.styles.run_formats,
            self.notes,
            is_clean_text,
        )

    def read_paragraph(self, p: etree._Element, cell: dict[str, int] | None) -> None:
        self.read_paragraph_text(p, cell)
        # Text boxes anchored in the paragraph come after it, each once: Word stores a modern copy
        # (mc:Choice) and a VML fallback (mc:Fallback) of every box.
        for box in p.iter(f"{W}txbxContent"):
            between = _between(box, p)
            if not between & {_MC_FALLBACK, f"{W}txbxContent"}:
                self.read_container(box, cell)

    def read_paragraph_text(self, p: etree._Element, cell: dict[str, int] | None) -> None:
        style_el = p.find(f"{W}pPr/{W}pStyle")
        style_id = style_el.get(f"{W}val", "") if style_el is not None else self.styles.default_paragraph_style
        finished = self.paragraph_text(p, style_id)
        text = finished.text
        if not text:
            return
        meta: dict[str, object] = {"style": style_id}
        if finished.paragraph_formats:
            meta["formats"] = finished.paragraph_formats
        if finished.paragraph_href:
            meta["href"] = finished.paragraph_href
        if cell is not None:
            meta.update(cell)
            self.blocks.append(
                SourceBlock(BlockKind.TABLE_CELL, text, meta=meta, split_sentences=False, tags=finished.tags)
            )
            return
        outline = p.find(f"{W}pPr/{W}outlineLvl")
        level = self.styles.headings.get(style_id)
        if outline is not None:
            level = _level(outline, "word/document.xml", self.source) + 1
        if level is not None and level < 9:
            kind = BlockKind.TITLE if level == 0 else BlockKind.HEADING
            self.blocks.append(SourceBlock(kind, text, level=level, meta=meta, tags=finished.tags))
            return
        num = p.find(f"{W}pPr/{W}numPr")
        if num is not None or style_id in self.styles.lists:
            ilvl = num.find(f"{W}ilvl") if num is not None else None
            depth = _level(ilvl, "word/document.xml", self.source) if ilvl is not None else 0
            self.blocks.append(SourceBlock(BlockKind.LIST_ITEM, text, level=depth, meta=meta, tags=finished.tags))
            return
        self.blocks.append(SourceBlock(BlockKind.PARAGRAPH, text, meta=meta, tags=finished.tags))

    def read_container(self, container: etree._Element, cell: dict[str, int] | None = None) -> None:
        for child in container:
            if child.tag == f"{W}p":
                self.read_paragraph(child, cell)
            elif child.tag == f"{W}tbl":
                self.read_table(child)
            elif child.tag in (f"{W}sdt", f"{W}customXml"):
                content = child.find(f"{W}sdtContent")
                self.read_container(content if content is not None else child, cell)

    def read_table(self, table: etree._Element) -> None:
        index = self.tables
        self.tables += 1
        for r, row in enumerate(table.iter(f"{W}tr")):
            if next(row.iterancestors(f"{W}tbl")) is not table:
                continue  # rows of a nested table are read with that table
            for c, tc in enumerate(row.findall(f"{W}tc")):
                self.read_container(tc, {"table": index, "row": r, "cell": c})


def docx_blocks(data: bytes, source: str) -> list[SourceBlock]:
    """Blocks of a .docx in reading order; raises ImportProblem for damaged, encrypted or hostile files."""
    with _open_archive(data, source) as archive:
        document = _read_part(archive, "word/document.xml", source)
        styles = _read_styles(_read_part(archive, "word/styles.xml", source), source)
        links = hyperlink_targets(_read_part(archive, "word/_rels/document.xml.rels", source))
    if document is None:
        raise ImportProblem(source, "is not a Word document: it has no word/document.xml inside")
    body = document.find(f"{W}body")
    if body is None:
        raise ImportProblem(source, "is damaged: word/document.xml has no body")
    reader = _DocumentReader(styles, source, links)
    reader.read_container(body)
    return reader.blocks
