"""Telling page furniture from the article: what gets imported but marked not-for-translation.

Text saved or copied from a provincial web site carries its menus, a repeated title, photo captions,
a contact block, a copyright line, even CSS. Each such block keeps its text (the user can flip the
flag) and gets a reason a translator can read.
"""

from __future__ import annotations

import regex

from workbench.core.records import BlockKind, SourceBlock
from workbench.core.tags.inline_tags import words_only

REASON_CSS = "style sheet (CSS) code"
REASON_COPYRIGHT = "copyright line"
REASON_NO_WORDS = "no words to translate"
REASON_CONTACT = "contact details"
REASON_CONTACT_BLOCK = "part of a contact block"
REASON_CAPTION = "photo caption"
REASON_MENU = "menu or site banner (all lower case)"
REASON_DUPLICATE = "repeats the paragraph before it"
REASON_BYLINE = "author byline (kept as written)"
REASON_NAVIGATION = "navigation menu or breadcrumb (links separated by | › »)"
#: page furniture: around the article, not part of the document; a rebuilt document leaves it out and
#: the export report lists it. Every other reason (a photo caption, the byline, a reason the user gave
#: when marking a segment by hand) is part of the document, which keeps it as written.
PAGE_FURNITURE = frozenset(
    {
        REASON_CSS,
        REASON_COPYRIGHT,
        REASON_CONTACT,
        REASON_CONTACT_BLOCK,
        REASON_MENU,
        REASON_NAVIGATION,
        REASON_DUPLICATE,
    }
)


def is_page_furniture(reason: str, inside_article: bool) -> bool:
    """Whether a not-for-translation segment is page furniture rather than part of the document. Text
    without words is furniture around the article (the numbering of a contact block) and the
    document's own inside it (a figure in a table, a date line)."""
    return reason in PAGE_FURNITURE or (reason == REASON_NO_WORDS and not inside_article)


def reads_the_same_in_every_language(reason: str) -> bool:
    """Figures, dates in digits and other text without words: nothing a reader of another language
    would miss, so a document that leaves out not-for-translation text still keeps them."""
    return reason == REASON_NO_WORDS


_CSS = regex.compile(
    # "[^{}:]*:" rather than "[^{}]*:": the same rules, read in one pass (a brace followed by a paragraph
    # of semicolons took quadratic time)
    r"@media\b|@import\b|@font-face\b|^[\w.#:>*,\s\[\]=\"'()-]+\{[^{}:]*:[^{}]*\}|\{[^{};]*;[^{}]*\}\s*\}?\s*$",
    regex.IGNORECASE,
)
_COPYRIGHT = regex.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|bản quyền (?:thuộc|của)|giữ bản quyền",
    regex.IGNORECASE,
)
_CONTACT_LABEL = regex.compile(
    r"^(?:điện thoại|đt|đtdđ|tel|phone|fax|e-?mail|hotline|website|địa chỉ|address)\s*(?:\([^)]*\))?\s*[:：]",
    regex.IGNORECASE,
)
#: "Liên hệ: …" is a contact line only when an address or number follows (it may open a sentence too)
_CONTACT_INVITATION = regex.compile(r"^(?:liên hệ|liên lạc)\s*[:：]", regex.IGNORECASE)
_CONTACT_DETAIL = regex.compile(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+|(?:\+84|\b0)\d[\d .()-]{7,15}\d")
_DIGIT = regex.compile(r"\d")
_CAPTION = regex.compile(
    r"(?:^|[.!?]\s+|\(\s*)(?:ảnh|ảnh minh họa|ảnh minh hoạ|nguồn ảnh|photo)\s*:\s*[\p{L}\p{N}\s.,&/_-]{1,60}\)?\s*$",
    regex.IGNORECASE,
)
_LETTER = regex.compile(r"\p{L}")
_UPPER = regex.compile(r"\p{Lu}")
_SENTENCE_END = regex.compile(r"[.?!…]\s*$")
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_CONTACT_VALUE = regex.compile(
    r"^[\s,;/–-]*(?:(?:\+84|0)[\d .()-]{8,16}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+)(?:[\s,;/–-]+"
    r"(?:(?:\+84|0)[\d .()-]{8,16}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+))*[\s,;/–-]*$"
)
#: longer text is not a line of contact details (and would cost the search above quadratic time)
_CONTACT_MAX_CHARACTERS = 1000
#: the links of a menu or a breadcrumb as they arrive in copied text: "Trang chủ | Giới thiệu | Liên hệ"
_MENU_SEPARATOR = regex.compile(r"\s+(?:\||»|›|>|•|·)\s+")
_SHORT_WORDS = 10
_LONG_WORDS = 12


def _words(text: str) -> int:
    return len(text.split())


def _at_most_words(text: str, most: int) -> bool:
    """`_words(text) <= most` without splitting the whole of a long paragraph: the split stops after `most`."""
    return len(text.split(None, most)) <= most


#: the characters `_MENU_SEPARATOR` needs: a paragraph with none of them is no menu, and is not split
_MENU_MARKS = "|»›>•·"


def _line_reason(block: SourceBlock, folded: str, previous_folded: str | None) -> str:
    """Why `block` is page furniture ("" if it is not); `folded`: its text case-folded, `previous_folded`:
    the block before it's (None for the first), each folded once."""
    text = block.text
    if "{" in text and _CSS.search(text):
        return REASON_CSS
    if ("©" in text or "(c)" in folded or "copyright" in folded or "rights" in folded or "bản quyền" in folded) and (
        _COPYRIGHT.search(text)
    ):
        return REASON_COPYRIGHT
    if not _LETTER.search(text):
        return REASON_NO_WORDS
    if _CONTACT_LABEL.match(text) or (len(text) <= _CONTACT_MAX_CHARACTERS and _CONTACT_VALUE.match(text)):
        return REASON_CONTACT
    if _CONTACT_INVITATION.match(text) and _CONTACT_DETAIL.search(text):
        return REASON_CONTACT
    if ":" in text and _at_most_words(text, 40) and _CAPTION.search(text):
        return REASON_CAPTION
    if (
        not _UPPER.search(text)
        and _at_most_words(text, 20)
        and not _SENTENCE_END.search(text)
        and block.kind not in (BlockKind.TABLE_CELL, BlockKind.LIST_ITEM)  # "50.000 đồng" in a price table
        and not _DIGIT.search(text)
    ):
        return REASON_MENU
    if _is_menu_line(text):
        return REASON_NAVIGATION
    if previous_folded is not None and not _at_most_words(text, 2) and folded == previous_folded:
        return REASON_DUPLICATE
    return ""


def _is_menu_line(text: str) -> bool:
    """Three or more short links in a row, with no sentence around them."""
    if not any(mark in text for mark in _MENU_MARKS):  # `in` is a much faster test than a search
        return False
    items = _MENU_SEPARATOR.split(text.strip())
    return (
        len(items) >= 3
        and all(1 <= _words(item) <= 5 for item in items)
        and not _SENTENCE_END.search(text)
        and _at_most_words(text, 40)
    )


def _is_byline(blocks: list[SourceBlock], i: int, last_long: int) -> bool:
    """`last_long`: the index of the last translatable block of at least `_LONG_WORDS` words (-1 if none);
    a byline has no such block after it. Marking bylines cannot move it (a byline is short)."""
    text = blocks[i].text
    if not 1 <= text.count(" ") <= 4:  # two to five words joined by single spaces, or not a byline
        return False
    words = _WORD.findall(text)
    if not 2 <= len(words) <= 5 or blocks[i].text != " ".join(words):
        return False
    if not all(w[0].isupper() and not w.isupper() for w in words):
        return False
    if i == 0 or _at_most_words(blocks[i - 1].text, _LONG_WORDS - 1):
        return False
    return last_long <= i


def _mark_contact_blocks(blocks: list[SourceBlock]) -> None:
    """Short lines sitting between contact lines (names, offices, numbering) belong to the contact block."""

    def in_run(b: SourceBlock) -> bool:
        return not b.translatable or (_at_most_words(b.text, _SHORT_WORDS) and not _SENTENCE_END.search(b.text))

    i = 0
    while i < len(blocks):
        if not in_run(blocks[i]):
            i += 1
            continue
        j = i
        while j < len(blocks) and in_run(blocks[j]):
            j += 1
        run = range(i, j)
        if sum(blocks[k].skip_reason == REASON_CONTACT for k in run) >= 2:
            labelled = [k for k in run if not blocks[k].translatable]
            for k in range(labelled[0], labelled[-1] + 1):
                if blocks[k].translatable:
                    blocks[k].translatable = False
                    blocks[k].skip_reason = REASON_CONTACT_BLOCK
        i = j


def mark_boilerplate(blocks: list[SourceBlock]) -> None:
    """Set `translatable` and `skip_reason` on page furniture, in place. A block with inline tags is
    judged by its words: a menu of links is a menu, whatever markers its text holds (its text is the
    plain words while it is judged, and its own again after)."""
    tagged = [(block, block.text) for block in blocks if block.tags]
    for block, text in tagged:
        block.text = words_only(text)
    try:
        _mark(blocks)
    finally:
        for block, text in tagged:
            block.text = text


def _mark(blocks: list[SourceBlock]) -> None:
    previous_folded: str | None = None
    for block in blocks:
        folded = block.text.casefold()
        if block.translatable:
            reason = _line_reason(block, folded, previous_folded)
            if reason:
                block.translatable = False
                block.skip_reason = reason
        previous_folded = folded
    long_blocks = [i for i, b in enumerate(blocks) if b.translatable and not _at_most_words(b.text, _LONG_WORDS - 1)]
    last_long = long_blocks[-1] if long_blocks else -1
    for i, block in enumerate(blocks):
        if block.translatable and block.kind is BlockKind.PARAGRAPH and _is_byline(blocks, i, last_long):
            block.translatable = False
            block.skip_reason = REASON_BYLINE
    _mark_contact_blocks(blocks)
