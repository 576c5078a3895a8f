"""Saved web pages: the article's text without scripts, styles, menus and footers.

Page furniture that can be recognised by its markup (nav, header, footer, aside, forms, elements
whose class or id says menu/footer/sidebar...) is dropped here; what only the words give away
(a contact block, a copyright line inside the article) is left for `boilerplate` to mark.

XHTML is read the same way (LibreOffice's export among others): the encoding named by its XML
declaration is used, a paragraph inside a list item or table cell is that item or cell, and the
bullet or number LibreOffice writes as a floating span becomes the item's marker, not its text.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
from lxml import etree, html

from workbench.core.errors import ImportProblem
from workbench.core.importing.html_inline import inline_lines
from workbench.core.importing.text_decoding import DecodedText, decode_text, normalize, vietnamese_score
from workbench.core.language.language_rules import clean_text
from workbench.core.records import BlockKind, SourceBlock
from workbench.core.tags.inline_tags import TagInfo

_DROP_TAGS = {
    "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select", "textarea",
    "nav", "aside", "menu", "object", "embed", "canvas", "video", "audio", "map", "head",
}  # fmt: skip
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
_DROP_CLASS = regex.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|breadcrumbs?|banner|social|share|sharing|comments?|"
    r"related|advert|ads|cookie|widget|toolbar|pagination|pager|login|search|tags?|copyright)(?:$|[\s_-])",
    regex.IGNORECASE,
)
_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dd", "dt", "figcaption", "blockquote",
    "caption", "pre", "address", "div", "section", "article", "main", "ul", "ol", "dl", "table", "tr",
    "tbody", "thead", "tfoot", "figure", "header", "footer", "body", "html", "center",
}  # fmt: skip
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", regex.IGNORECASE)
#: `<?xml version="1.0" encoding="..."?>` at the very start (XHTML, LibreOffice's export); a byte order
#: mark outranks it, so it is looked for only in files without one
_XML_ENCODING = regex.compile(rb"""\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']""", regex.IGNORECASE)
_XML_DECLARATION = regex.compile(r"^[\ufeff\s]*<\?xml\s[^>]*\?>")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_DECLARATION_BYTES = 8192
#: a declaration, as it reads in the text it decoded: one that cannot read itself back is a lie
_DECLARED_TEXT = regex.compile(r"""(?:charset|encoding)\s*=\s*["']?[\w.:-]""", regex.IGNORECASE)
#: how much more Vietnamese detection must read than a declaration for the declaration to lose
_CLEARLY_BETTER = 0.3
#: LibreOffice writes a list item's bullet or number as a floating span before the item's text
_LIST_LABEL_STYLE = regex.compile(r"display\s*:\s*block.*float\s*:\s*left|float\s*:\s*left.*display\s*:\s*block")
_LABEL_CHARS = 12
#: blocks nested deeper than this are read as lines of one block (the walk recurses; Python's stack is finite)
_WALK_DEPTH = 200
#: libxml2's limit with XML_PARSE_HUGE (256 without): a page nested deeper loses its end
_PARSER_DEPTH = 2047
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CONTAINERS = {"li", "td", "th"}


def _decode_page(data: bytes, source: str, encoding: str | None) -> DecodedText:
    """The page's text in the encoding it declares (XML declaration, then <meta charset>) when that
    reads it well, else as detected; the XML declaration is removed, since lxml refuses decoded text
    that still declares an encoding and the text is no longer in that encoding anyway."""
    if encoding or data.startswith(_BOMS):
        decoded = decode_text(data, source, encoding)
    else:
        decoded = _decode_as_declared(data, source)
    return DecodedText(_XML_DECLARATION.sub("", decoded.text, count=1), decoded.encoding, decoded.warnings)


def _decode_as_declared(data: bytes, source: str) -> DecodedText:
    """A declaration is believed only when it decodes the page, can still be read in what it decoded
    (ASCII bytes read as UTF-16 or EBCDIC cannot) and reads about as well as detection does; a
    declaration that loses says so in a warning."""
    head = data[:_DECLARATION_BYTES]
    declarations = (_XML_ENCODING.match(head), _META_CHARSET.search(head))
    detected: DecodedText | None = None
    refused: list[tuple[str, str]] = []
    for declared in (d for d in declarations if d):
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            text = normalize(data.decode(name))
        except UnicodeDecodeError as exc:
            refused.append((name, f"does not decode it (bad byte at offset {exc.start:,})"))
            continue
        except (LookupError, UnicodeError):
            refused.append((name, "is not a text encoding we know"))
            continue
        if not _DECLARED_TEXT.search(text[:_DECLARATION_BYTES]):
            refused.append((name, "turns it into garbage"))
            continue
        try:
            detected = detected or decode_text(data, source)
        except ImportProblem:  # detection alone would refuse it (control characters): the declaration stands
            return DecodedText(text, name, _overruled(source, refused, name))
        if vietnamese_score(detected.text) > vietnamese_score(text) + _CLEARLY_BETTER:
            refused.append((name, "garbles its Vietnamese letters"))
            continue
        return DecodedText(text, name, _overruled(source, refused, name))
    detected = detected or decode_text(data, source)
    return DecodedText(
        detected.text, detected.encoding, (*detected.warnings, *_overruled(source, refused, detected.encoding))
    )


def _overruled(source: str, refused: list[tuple[str, str]], used: str) -> tuple[str, ...]:
    """A warning for each declaration not followed, unless the encoding used is the one it names
    (a UTF-8 page with one bad byte is still read as UTF-8: that warning says where the byte is)."""
    return tuple(
        f"{source}: declares the encoding {name!r}, which {why}; read as {used} instead"
        for name, why in refused
        if _codec_name(name) != _codec_name(used)
    )


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _is_furniture(el: etree._Element, inside_article: bool) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _DROP_TAGS:
        return True
    if tag in ("header", "footer") and not inside_article:
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES:
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(marks.strip()) and bool(_DROP_CLASS.search(marks)) and tag not in ("body", "html", "main")


def _list_label(el: etree._Element) -> str | None:
    """A list item's label written as LibreOffice's floating span at its start ("•", "1.", "a)"):
    taken out of the item's text and returned ("" for an empty one), or None when there is none."""
    if (el.text or "").strip() or not len(el):
        return None
    first = el[0]
    if first.tag != "span" or not _LIST_LABEL_STYLE.search(first.get("style") or ""):
        return None
    label = "".join(t for t in first.itertext() if isinstance(t, str)).strip()
    if len(label) > _LABEL_CHARS:
        return None
    el.text = (el.text or "") + (first.tail or "")  # its tail, the item's first words, stays
    el.remove(first)
    return label


class _PageReader:
    def __init__(self) -> None:
        self.blocks: list[SourceBlock] = []
        self.tables = 0

    def emit(self, text: str, tag: str, extra: dict[str, object] | None = None) -> None:
        for line in text.split("\n"):
            line = clean_text(line)
            if line:
                self.add_block(line, tag, {"tag": tag, **(extra or {})})

    def emit_inline(
        self, text: str | None, nodes: Iterable[etree._Element], tag: str, extra: dict[str, object] | None = None
    ) -> None:
        """`text` and the inline `nodes` after it as blocks, one a line, their formatting as tags; a line
        without tags is emitted as `emit` does, with the formats it has as a whole in its meta."""
        for line in inline_lines(text, nodes, lambda child: _is_furniture(child, True), clean_text):
            finished = line.finished
            formatting: dict[str, object] = {}
            if finished.paragraph_formats:
                formatting["formats"] = finished.paragraph_formats
                if line.format_elements:
                    formatting["format_elements"] = line.format_elements
            if finished.paragraph_href:
                formatting["href"] = finished.paragraph_href
            if not finished.tags:
                self.emit(line.plain, tag, {**(extra or {}), **formatting})
            elif finished.text:
                self.add_block(finished.text, tag, {"tag": tag, **(extra or {}), **formatting}, finished.tags)

    def add_block(self, line: str, tag: str, meta: dict[str, object], tags: dict[int, TagInfo] | None = None) -> None:
        tags = tags or {}
        if tag in _HEADINGS:
            self.blocks.append(SourceBlock(BlockKind.HEADING, line, level=int(tag[1]), meta=meta, tags=tags))
        elif tag == "li":
            self.blocks.append(SourceBlock(BlockKind.LIST_ITEM, line, meta=meta, tags=tags))
        elif tag in ("td", "th"):
            self.blocks.append(SourceBlock(BlockKind.TABLE_CELL, line, meta=meta, split_sentences=False, tags=tags))
        else:
            self.blocks.append(SourceBlock(BlockKind.PARAGRAPH, line, meta=meta, tags=tags))

    def inline_text(self, el: etree._Element, blocks_break: bool = False) -> str:
        """`el`'s text with its children's, furniture left out. A loop, not recursion, so no nesting is
        too deep; with `blocks_break` a block inside starts a line (below the walk's depth limit)."""
        parts = [el.text or ""]
        stack: list[tuple[etree._Element, Iterator[etree._Element]]] = [(el, iter(el))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if stack:  # a child finished: its tail follows it
                    parts.append("\n" if blocks_break and node.tag in _BLOCK_TAGS else "")
                    parts.append(node.tail or "")
                continue
            if isinstance(child.tag, str) and not _is_furniture(child, True):
                if child.tag != "br":
                    parts.append("\n" if blocks_break and child.tag in _BLOCK_TAGS else "")
                    parts.append(child.text or "")
                    stack.append((child, iter(child)))
                    continue
                parts.append("\n")
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(
        self,
        el: etree._Element,
        inside_article: bool,
        cell: dict[str, object] | None = None,
        container: str = "",
        depth: int = 0,
    ) -> None:
        """Emit `el`'s text as blocks; `container` is the list item or table cell around it, whose kind
        the paragraphs inside take (LibreOffice and Word put every item's and cell's text in a <p>).
        Blocks nested deeper than `_WALK_DEPTH` are read as lines of their container's text."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or _is_furniture(el, inside_article):
            return
        if depth > _WALK_DEPTH:
            self.emit(self.inline_text(el, blocks_break=True), container or "p", cell)
            return
        inside_article = inside_article or tag in ("article", "main")
        if tag == "table":
            self.walk_table(el, inside_article, depth)
            return
        if tag in _CONTAINERS:
            container = tag
        if not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el.iterdescendants()):
            extra = cell
            label = _list_label(el) if container == "li" else None
            if label:
                extra = {**(cell or {}), "marker": label + " "}
            self.emit_inline(el.text, list(el), tag if tag in _HEADINGS else container or tag, extra)
            return
        own_tag = tag if tag in _HEADINGS else container or "p"
        text = el.text
        inline: list[etree._Element] = []  # the inline elements since the last block inside
        for child in el:
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                self.emit_inline(text, inline, own_tag, cell)
                self.walk(child, inside_article, cell, container, depth + 1)
                text, inline = child.tail, []
            else:
                inline.append(child)
        self.emit_inline(text, inline, own_tag, cell)

    def walk_table(self, table: etree._Element, inside_article: bool, depth: int) -> None:
        index = self.tables
        self.tables += 1
        rows = [r for r in table.iter("tr") if next(r.iterancestors("table")) is table]
        for r, row in enumerate(rows):
            for c, tc in enumerate(x for x in row if x.tag in ("td", "th")):
                self.walk(tc, inside_article, {"table": index, "row": r, "cell": c}, depth=depth + 1)


#: an internal DTD subset that declares entities: <!DOCTYPE html [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
_ENTITY_DECLARATION = regex.compile(r"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", regex.IGNORECASE)
#: where a DOCTYPE may stand: before the page's first element, after an XML declaration and comments
_DOCTYPE_SCAN = 64 * 1024


@dataclass(frozen=True, slots=True)
class PageBlocks:
    """What a saved web page gives the import: its blocks, how it was decoded, its title."""

    blocks: list[SourceBlock]
    encoding: str
    title: str
    #: what the user should check (bytes replaced, a declared encoding overruled), naming the file
    warnings: tuple[str, ...] = ()


def html_blocks(data: bytes, source: str, encoding: str | None = None) -> PageBlocks:
    """The blocks of a saved web page, nested up to libxml2's deepest (2,047 elements; the input's size
    limit bounds what `huge_tree` lets it hold)."""
    decoded = _decode_page(data, source, encoding)
    if not decoded.text.strip():
        raise ImportProblem(source, "is empty")
    if _ENTITY_DECLARATION.search(decoded.text[:_DOCTYPE_SCAN]):
        # The HTML parser would leave "&x;" and the declarations' "]>" in the text; refused like a docx with them.
        raise ImportProblem(
            source, "is refused: it declares XML entities in its DOCTYPE (an 'entity bomb' or a file-reading attack)"
        )
    parser = html.HTMLParser(huge_tree=True)  # one per call: lxml parsers are not shared between threads
    try:
        root = html.document_fromstring(decoded.text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ImportProblem(source, f"cannot be read as a web page ({exc})") from exc
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log):
        # libxml2 stops at its depth limit and drops the rest of the page: refused, not half read
        raise ImportProblem(
            source,
            f"is nested too deeply to read (more than {_PARSER_DEPTH:,} elements inside one another); "
            "save the page again from a browser or as plain text",
        )
    title = clean_text(root.findtext(".//title") or "")
    body = root.find("body")
    if body is None:
        body = root
    reader = _PageReader()
    reader.walk(body, inside_article=False)
    return PageBlocks(reader.blocks, decoded.encoding, title, decoded.warnings)
