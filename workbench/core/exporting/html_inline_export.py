"""A segment's text with tag markers, written as a web page's inline elements.

A pair becomes the element it came from (<strong> stays <strong>, the tag's extra "element"), else the
element for its formats (b, i, u, sup, sub, s: a Word file's bold run exported as a page); a link pair
becomes <a href> to its original target, unless that target is a script or inline data (javascript:,
vbscript:, data:), whose words are then written without the link. A line break is <br>, a tab a tab, a
footnote reference its number in <sup>, a field the text it showed. Text is escaped and attributes
quoted, so nothing in a translation or a stored target can open an element. Pairs a translator closed
out of order are closed and reopened around each other: the page is always well formed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from workbench.core.exporting.xml_characters import xml_text
from workbench.core.importing.html_inline import ELEMENT_FORMATS
from workbench.core.tags.inline_tags import PAIR_LETTERS, TagInfo, as_read, markers, safe_href

#: the element written for a format nothing else names, in the order they nest (outermost first): a
#: pair's letters are HTML's element names
DEFAULT_ELEMENTS = PAIR_LETTERS


def element_names(formats: Mapping[str, Any], named: Sequence[object] = ()) -> list[str]:
    """The elements that set `formats`, outermost first: the `named` ones (as the page had them) for the
    formats they stand for, the default element for the others. Unknown names are never written."""
    out: list[str] = []
    written: set[str] = set()
    for name in named:
        wanted = ELEMENT_FORMATS.get(str(name), "")
        if wanted and formats.get(wanted) and wanted not in written:
            out.append(str(name))
            written.add(wanted)
    out.extend(name for wanted, name in DEFAULT_ELEMENTS if formats.get(wanted) and wanted not in written)
    return out


def wrapping(formats: Mapping[str, Any], href: str = "", named: Sequence[object] = ()) -> tuple[str, str]:
    """The opening and closing html around text with `formats`, linked to `href`."""
    names = element_names(formats, named)
    link = safe_href(href) if href else ""
    opening = (f'<a href="{escape(link, quote=True)}">' if link else "") + "".join(f"<{n}>" for n in names)
    closing = "".join(f"</{n}>" for n in reversed(names)) + ("</a>" if link else "")
    return opening, closing


def _pair(info: TagInfo) -> tuple[str, str]:
    chain = info.extra.get("elements") or [info.extra.get("element", "")]
    return wrapping(info.formats, info.href if info.letter == "a" else "", chain if isinstance(chain, list) else [])


def _standalone(info: TagInfo) -> str:
    if info.kind == "break":
        return "<br>"
    if info.kind == "tab":
        return "\t"
    shown = escape(xml_text(info.text), quote=False)
    if info.kind in ("footnote", "endnote") and shown:
        return f"<sup>{shown}</sup>"
    return shown


def inline_html(text: str, tags: Mapping[int, TagInfo]) -> str:
    """`text` as html: its words escaped, its tags' markers as the elements they stand for."""
    out: list[str] = []
    open_pairs: list[tuple[int, str, str]] = []  # (number, opening, closing), outermost first
    at = 0
    for marker in markers(text, tags):
        out.append(escape(as_read(xml_text(text[at : marker.start])), quote=False))
        at = marker.end
        info = tags[marker.number]
        if marker.role == "standalone":
            out.append(_standalone(info))
        elif marker.role == "open":
            opening, closing = _pair(info)
            open_pairs.append((marker.number, opening, closing))
            out.append(opening)
        elif any(number == marker.number for number, _o, _c in open_pairs):
            reopen = []
            while open_pairs:  # close down to this pair, then reopen those it was closed across
                number, opening, closing = open_pairs.pop()
                out.append(closing)
                if number == marker.number:
                    break
                reopen.append((number, opening, closing))
            for pair in reversed(reopen):
                open_pairs.append(pair)
                out.append(pair[1])
    out.append(escape(as_read(xml_text(text[at:])), quote=False))
    out.extend(closing for _number, _opening, closing in reversed(open_pairs))
    return "".join(out)


def paragraph_wrapping(meta: Mapping[str, Any]) -> tuple[str, str]:
    """The opening and closing html for a block's own formatting (a bold heading, a paragraph that is
    one link), from its meta as the import stored it."""
    formats = meta.get("formats")
    href = meta.get("href")
    named = meta.get("format_elements")
    formats = formats if isinstance(formats, Mapping) else {}
    order = list(named.values()) if isinstance(named, Mapping) else []
    return wrapping(formats, href if isinstance(href, str) else "", order)
