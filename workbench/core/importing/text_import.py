"""Plain text and Markdown: lines into paragraphs, headings and list items.

Text copied from a web page has one paragraph a line; text typed in an editor may wrap a paragraph
over several lines. A line joins the one before it only when that one has no closing punctuation
and this one starts in lower case: the sign of a wrapped sentence.
"""

from __future__ import annotations

import regex

from workbench.core.language.language_rules import clean_text
from workbench.core.records import BlockKind, SourceBlock

_MD_HEADING = regex.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LIST = regex.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_ENDS_CLAUSE = regex.compile(r"[.?!…:;”\"')\]]\s*$")
_STARTS_LOWER = regex.compile(r"^\p{Ll}")


def text_blocks(text: str, markdown: bool) -> list[SourceBlock]:
    blocks: list[SourceBlock] = []
    previous_line_blank = True
    # Cleaned whole, then trimmed line by line: the same lines as cleaning each (no step of `clean_text`
    # reaches across a line end) in a fraction of the time.
    for raw_line in clean_text(text).split("\n"):
        line = raw_line.strip()
        if not line:
            previous_line_blank = True
            continue
        block = _classify(line, markdown)
        last = blocks[-1] if blocks else None
        if (
            last is not None
            and not previous_line_blank
            and block.kind is BlockKind.PARAGRAPH
            and last.kind is BlockKind.PARAGRAPH
            and not _ENDS_CLAUSE.search(last.text)
            and _STARTS_LOWER.match(line)
        ):
            last.text = f"{last.text} {line}"
        else:
            blocks.append(block)
        previous_line_blank = False
    return blocks


def _classify(line: str, markdown: bool) -> SourceBlock:
    if markdown:
        heading = _MD_HEADING.match(line)
        if heading:
            return SourceBlock(BlockKind.HEADING, heading.group(2), level=len(heading.group(1)))
        item = _MD_LIST.match(line)
        if item:
            marker = line[: len(line) - len(item.group(1))]
            return SourceBlock(BlockKind.LIST_ITEM, item.group(1), meta={"marker": marker})
    return SourceBlock(BlockKind.PARAGRAPH, line)
