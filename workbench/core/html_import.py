"""Saved web pages: the article's text without scripts, styles, menus and footers.

Page furniture that can be recognised by its markup (nav, header, footer, aside, forms, elements
whose class or id says menu/footer/sidebar...) is dropped here; what only the words give away
(a contact block, a copyright line inside the article) is left for `boilerplate` to mark.
"""

from __future__ import annotations

import regex
from lxml import etree, html

from workbench.core.errors import ImportProblem
from workbench.core.language_rules import clean_text
from workbench.core.records import BlockKind, SourceBlock
from workbench.core.text_decoding import DecodedText, decode_text, normalize

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


def _decode_page(data: bytes, source: str, encoding: str | None) -> DecodedText:
    if not encoding:
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            name = declared.group(1).decode("ascii", "replace").lower()
            try:
                return DecodedText(normalize(data.decode(name)), name)
            except (LookupError, UnicodeDecodeError):
                pass  # the page lies about its charset: detect it instead
    return decode_text(data, source, encoding)


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


class _PageReader:
    def __init__(self) -> None:
        self.blocks: list[SourceBlock] = []
        self.tables = 0

    def emit(self, text: str, tag: str, extra: dict[str, object] | None = None) -> None:
        for line in text.split("\n"):
            line = clean_text(line)
            if not line:
                continue
            meta: dict[str, object] = {"tag": tag, **(extra or {})}
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.blocks.append(SourceBlock(BlockKind.HEADING, line, level=int(tag[1]), meta=meta))
            elif tag == "li":
                self.blocks.append(SourceBlock(BlockKind.LIST_ITEM, line, meta=meta))
            elif tag in ("td", "th"):
                self.blocks.append(SourceBlock(BlockKind.TABLE_CELL, line, meta=meta, split_sentences=False))
            else:
                self.blocks.append(SourceBlock(BlockKind.PARAGRAPH, line, meta=meta))

    def inline_text(self, el: etree._Element) -> str:
        parts = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str) and not _is_furniture(child, True):
                parts.append("\n" if child.tag == "br" else self.inline_text(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(self, el: etree._Element, inside_article: bool, cell: dict[str, object] | None = None) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or _is_furniture(el, inside_article):
            return
        inside_article = inside_article or tag in ("article", "main")
        if tag == "table":
            self.walk_table(el, inside_article)
            return
        if not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el.iterdescendants()):
            self.emit(self.inline_text(el), tag, cell)
            return
        own_tag = tag if tag in ("li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6") else "p"
        buffer = [el.text or ""]
        for child in el:
            child_tag = child.tag if isinstance(child.tag, str) else ""
            if child_tag in _BLOCK_TAGS:
                self.emit("".join(buffer), own_tag, cell)
                buffer = []
                self.walk(child, inside_article, cell)
            elif child_tag == "br":
                buffer.append("\n")
            elif child_tag and not _is_furniture(child, inside_article):
                buffer.append(self.inline_text(child))
            buffer.append(child.tail or "")
        self.emit("".join(buffer), own_tag, cell)

    def walk_table(self, table: etree._Element, inside_article: bool) -> None:
        index = self.tables
        self.tables += 1
        rows = [r for r in table.iter("tr") if next(r.iterancestors("table")) is table]
        for r, row in enumerate(rows):
            for c, tc in enumerate(x for x in row if x.tag in ("td", "th")):
                self.walk(tc, inside_article, {"table": index, "row": r, "cell": c})


def html_blocks(data: bytes, source: str, encoding: str | None = None) -> tuple[list[SourceBlock], str, str]:
    """(blocks, encoding, page title) of a saved web page."""
    decoded = _decode_page(data, source, encoding)
    if not decoded.text.strip():
        raise ImportProblem(source, "is empty")
    try:
        root = html.document_fromstring(decoded.text)
    except (etree.ParserError, ValueError) as exc:
        raise ImportProblem(source, f"cannot be read as a web page ({exc})") from exc
    title = clean_text(root.findtext(".//title") or "")
    body = root.find("body")
    if body is None:
        body = root
    reader = _PageReader()
    reader.walk(body, inside_article=False)
    return reader.blocks, decoded.encoding, title
