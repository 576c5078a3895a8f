"""Cleaning a text file whole, then trimming its lines, gives the paragraphs cleaning each line gave: the
same text, joins, headings and list items, on the repository's texts and on random strings full of what
cleaning changes (invisible characters, control codes, combining marks, non-breaking spaces, tabs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.importing.text_import import _ENDS_CLAUSE, _STARTS_LOWER, _classify, text_blocks
from workbench.core.language.language_rules import clean_text
from workbench.core.records import BlockKind, SourceBlock

REPO = Path(__file__).resolve().parents[2]


def _reference_text_blocks(text: str, markdown: bool) -> list[SourceBlock]:
    """text_blocks as it was before issue 14: each line cleaned on its own."""
    blocks: list[SourceBlock] = []
    previous_line_blank = True
    for raw_line in text.split("\n"):
        line = clean_text(raw_line)
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


@pytest.mark.parametrize("markdown", [False, True])
def test_the_repository_texts_give_the_same_paragraphs(markdown: bool) -> None:
    files = sorted((REPO / "tests" / "data").glob("*.txt")) + sorted((REPO / "resources" / "samples").glob("*.txt"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text_blocks(text, markdown) == _reference_text_blocks(text, markdown), path.name


_PIECES = [
    *"aAđ ờ.:;”)#-*+•1\n\t",
    "\n\n", "\r", "\u00a0", "\u202f", "\u200b", "\u00ad", "\ufeff", "\x0b", "\x0c", "\x01", "\x85", "\u2028",
    "\u0301", "\u0323", "e\u0302", "o\u031b", "  ", "# ", "## Mục ", "- ", "1. ", "tỉnh ", "Tỉnh ", "hết.",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), st.booleans())
def test_random_text_gives_the_same_paragraphs(text: str, markdown: bool) -> None:
    assert text_blocks(text, markdown) == _reference_text_blocks(text, markdown)
