"""A web page's inline formatting (<strong>, <em>, <u>, <sup>, <a href>, a bold <span>) as a paragraph's tags.

Kept apart from html_import (which finds the blocks and their kinds) because reading an element's
formatting is its own job, as docx_runs is for Word. The block's content is cut into lines where the
reader has always cut it (at a <br> and at a new line in the text), each line a TaggedParagraph of its
own, so a page without formatting gives the very same blocks as before. The names of the elements that
set a pair's formats go with it (extra "element", and "elements" when nested), so export writes <strong>
back as <strong>, not as <b>. A loop, not recursion: no nesting of spans is too deep to read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex
from lxml import etree

from workbench.core.tags.tagged_paragraphs import FinishedParagraph, TaggedParagraph

#: the format each formatting element sets (export reads the same table back)
ELEMENT_FORMATS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "sup": "superscript",
    "sub": "subscript", "s": "strike", "strike": "strike", "del": "strike",
}  # fmt: skip
_BOLD_STYLE = regex.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", regex.IGNORECASE)
_ITALIC_STYLE = regex.compile(r"font-style\s*:\s*(?:italic|oblique)\b", regex.IGNORECASE)
_UNDERLINE_STYLE = regex.compile(r"text-decoration(?:-line)?\s*:[^;]*\bunderline\b", regex.IGNORECASE)

#: formats in force, the link's target, the names of the elements that set them (outermost first)
_State = tuple[dict[str, bool], str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class InlineLine:
    """One line of a block: its text as the reader has always joined it, and the same with tags."""

    plain: str
    finished: FinishedParagraph
    #: for each paragraph-wide format, the element that set it ({"bold": "strong"})
    format_elements: dict[str, str] = field(default_factory=dict)


def _span_formats(el: etree._Element) -> dict[str, bool]:
    style = el.get("style") or ""
    out = {}
    if _BOLD_STYLE.search(style):
        out["bold"] = True
    if _ITALIC_STYLE.search(style):
        out["italic"] = True
    if _UNDERLINE_STYLE.search(style):
        out["underline"] = True
    return out


def _inside(el: etree._Element, state: _State) -> _State:
    """The state inside `el`: its format or link added, and its name, when it sets one."""
    name = str(el.tag).lower()
    added = {ELEMENT_FORMATS[name]: True} if name in ELEMENT_FORMATS else _span_formats(el) if name == "span" else {}
    link = (el.get("href") or "").strip() if name == "a" else ""
    fresh = any(not state[0].get(k) for k in added)
    if not fresh and not link:
        return state
    grows = fresh or "a" not in state[2]  # a name only for what it adds: the chain stays short at any depth
    return {**state[0], **added}, link or state[1], (*state[2], name) if grows else state[2]


class _Lines:
    """The lines being built: raw text, the tagged paragraph, and the element names of its visible text."""

    def __init__(self, clean: Callable[[str], str]) -> None:
        self.clean = clean
        self.raw: list[list[str]] = []
        self.built: list[TaggedParagraph] = []
        self.chains: list[list[tuple[str, ...]]] = []
        self.new_line()

    def new_line(self) -> None:
        self.raw.append([])
        self.built.append(TaggedParagraph())
        self.chains.append([])

    def add(self, text: str | None, state: _State) -> None:
        if not text:
            return
        for index, part in enumerate(text.split("\n")):
            if index:
                self.new_line()
            if not part:
                continue
            self.raw[-1].append(part)
            formats, href, chain = state
            extra: dict[str, Any] | None = None
            if chain:
                extra = {"element": chain[-1], **({"elements": list(chain)} if len(chain) > 1 else {})}
            self.built[-1].add_text(part, formats, href, extra)
            if chain and self.clean(part):
                self.chains[-1].append(chain)

    def lines(self) -> list[InlineLine]:
        out = []
        for raw, built, chains in zip(self.raw, self.built, self.chains, strict=True):
            finished = built.finish(self.clean)
            elements = {}
            for name in chains[0] if chains else ():
                wanted = ELEMENT_FORMATS.get(name, "")
                if finished.paragraph_formats.get(wanted) and wanted not in elements:
                    elements[wanted] = name
            out.append(InlineLine("".join(raw), finished, elements))
        return out


def inline_lines(
    text: str | None,
    nodes: Iterable[etree._Element],
    skip: Callable[[etree._Element], bool],
    clean: Callable[[str], str],
) -> list[InlineLine]:
    """The lines of `text` followed by `nodes` (each with its tail), formatting as tags; `skip` says
    which elements are page furniture (left out, their tail kept)."""
    lines = _Lines(clean)
    start: _State = ({}, "", ())
    lines.add(text, start)
    stack: list[tuple[etree._Element | None, Iterator[etree._Element], _State]] = [(None, iter(nodes), start)]
    while stack:
        node, children, state = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if node is not None:  # an element finished: its tail follows it, outside its formatting
                lines.add(node.tail, stack[-1][2])
            continue
        if not isinstance(child.tag, str) or skip(child):
            lines.add(child.tail, state)
            continue
        if child.tag == "br":
            lines.new_line()
            lines.add(child.tail, state)
            continue
        inner = _inside(child, state)
        lines.add(child.text, inner)
        stack.append((child, iter(child), inner))
    return lines.lines()
