"""A segment's tags as XLIFF 1.2 inline elements, and back.

Out: a pair is `<g id="N" ctype="bold">…</g>` (a link keeps its target in `wb:href`), a break
`<x id="N" ctype="lb"/>`, any other standalone `<x id="N"/>`: peers (OmegaT, Trados, Virtaal) show them as
placeables the translator moves around the words. In: `<g>`, `<x>`, `<bx>`/`<ex>`, `<bpt>`/`<ept>`, `<ph>`
and `<it>` become neutral codes in the read text (private-use characters no document has), which the merge
turns into the segment's own markers: by id when the ids are the segment's tag numbers, else by order.
"""

from __future__ import annotations

import re

from lxml import etree

from workbench.core.exporting.xml_characters import xml_text
from workbench.core.tags.inline_tags import TagInfo, TagMap, markers

WB_NS = "urn:workbench:inline:1"
#: XLIFF 1.2 ctype of a pair by its first format
CTYPES = (("bold", "bold"), ("italic", "italic"), ("underline", "underlined"), ("superscript", "x-sup"),
          ("subscript", "x-sub"), ("strike", "x-strike"))  # fmt: skip
#: a code in read text: \ue000, role (o open, c close, s standalone), the inline element's id, \ue001
CODE = re.compile("\ue000([ocs])([^\ue000\ue001]*)\ue001")


def ctype(info: TagInfo) -> str:
    if info.href or info.letter == "a":
        return "link"
    for name, value in CTYPES:
        if info.formats.get(name):
            return value
    return "x-" + (info.kind or "formatting")


def fill(element: etree._Element, text: str, tags: TagMap, ns: str) -> None:
    """Write `text` into `element`, its markers as <g> and <x> (nested as the markers are)."""
    found = markers(text, tags)
    element.text = xml_text(text[: found[0].start] if found else text)
    stack = [element]
    last: etree._Element | None = None  # the element whose tail the next text goes into
    at = found[0].end if found else len(text)
    for index, marker in enumerate(found):
        info = tags[marker.number]
        if marker.role == "close":
            if len(stack) > 1:
                last = stack.pop()
        else:
            attributes = {"id": str(marker.number), "ctype": ctype(info)}
            if marker.role == "standalone":
                attributes["ctype"] = "lb" if info.kind == "break" else attributes["ctype"]
            child = etree.SubElement(stack[-1], f"{{{ns}}}{'g' if marker.role == 'open' else 'x'}", attributes)
            if info.href:
                child.set(f"{{{WB_NS}}}href", info.href)
            if marker.role == "open":
                stack.append(child)
                last = None
            else:
                last = child
        at = marker.end
        piece = xml_text(text[at : found[index + 1].start] if index + 1 < len(found) else text[at:])
        if last is None:
            stack[-1].text = (stack[-1].text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


def code(role: str, ident: str) -> str:
    return f"\ue000{role}{ident}\ue001"


def strip_codes(text: str) -> str:
    return CODE.sub("", text) if "\ue000" in text else text


def to_markers(text: str, tags: TagMap) -> str:
    """Read codes as the segment's markers: by id when every id is one of its tags of the right kind,
    else the n-th pair (standalone) of the file is the n-th pair (standalone) of the segment; codes
    left over are dropped, their words kept."""
    found = list(CODE.finditer(text))
    if not found:
        return text
    pairs = [n for n, info in sorted(tags.items()) if info.paired]
    alone = [n for n, info in sorted(tags.items()) if not info.paired]
    by_id = all(
        m.group(2).isdigit() and int(m.group(2)) in tags and tags[int(m.group(2))].paired == (m.group(1) != "s")
        for m in found
    )
    chosen: dict[tuple[str, str], int] = {}
    opened: list[str] = []
    out, at = [], 0
    for match in found:
        out.append(text[at : match.start()])
        at = match.end()
        role, ident = match.group(1), match.group(2)
        if by_id:
            number: int | None = int(ident)
        elif role == "s":
            number = alone.pop(0) if alone else None
        elif role == "o":
            number = pairs.pop(0) if pairs else None
            if number is not None:
                chosen[("p", ident)] = number
                opened.append(ident)
        else:
            number = chosen.pop(("p", ident), None)
            if number is None and opened:  # a close with another id (<ept> with its own): the last open
                number = chosen.pop(("p", opened[-1]), None)
            if ident in opened:
                opened.remove(ident)
        if number is None:
            continue
        info = tags[number]
        out.append(info.opening() if role in ("o", "s") else info.closing())
    out.append(text[at:])
    return "".join(out)


def inline_text(element: etree._Element) -> str:
    """The text of a <source>/<target> with its inline elements as codes (<mrk> content kept)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            ident = child.get("rid") or child.get("id") or ""
            if name == "g":
                parts.append(code("o", ident) + inline_text(child) + code("c", ident))
            elif name in ("bx", "bpt"):
                parts.append(code("o", ident))
            elif name in ("ex", "ept"):
                parts.append(code("c", ident))
            elif name == "it":
                parts.append(code({"open": "o", "close": "c"}.get(child.get("pos", ""), "s"), ident))
            elif name in ("x", "ph"):
                parts.append(code("s", child.get("id") or ""))
            else:
                parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
