"""Putting a source's inline tags back into a machine draft of its plain text.

No placeholders are sent to the model: the tiny and the real NLLB and Marian models do not copy unknown
tokens like `<b1>` reliably (they drop, translate or multiply them). So the model sees the plain text and
each tag is placed afterwards by its content: a pair whose words (or a code/number of them) appear in the
draft wraps that occurrence; a pair around the whole sentence wraps the whole draft; standalones at the
very start/end go to the start/end; a standalone between words goes after the draft word at the same
relative position. A pair that cannot be placed goes at the end and the draft gets a flag, so the
translator knows to move it. The result always carries exactly the source's tags, well nested.
"""

from __future__ import annotations

import re

from workbench.core.tags.inline_tags import TagMap, markers, nesting_problems, plain_text

_TOKEN = re.compile(r"[0-9A-Za-zĐđ][0-9A-Za-zĐđ./\-]*[0-9A-Za-zĐđ]|[0-9]")


def transfer_tags(source: str, draft: str, tags: TagMap) -> tuple[str, tuple[str, ...]]:
    """`draft` with the source's tags put back, and flags for tags placed at the end."""
    found = markers(source, tags)
    if not found:
        return draft, ()
    inserts: list[tuple[int, int, str]] = []  # (offset in draft, source order, marker)
    flags: list[str] = []
    at_end: list[tuple[int, str]] = []  # (source order, "<b1></b1>") pairs with no place in the draft
    plain = plain_text(source, tags)
    plain_len = len(plain.strip()) or 1
    used_end = 0
    order = 0
    opened: dict[int, tuple[int, int]] = {}  # number -> (index in found, plain offset)
    plain_at = 0
    offsets: list[int] = []
    at = 0
    for m in found:
        plain_at += len(source[at : m.start])
        offsets.append(plain_at)
        at = m.end
    lead = len(plain) - len(plain.lstrip())
    for index, m in enumerate(found):
        written = source[m.start : m.end]
        order += 1
        if m.role == "open":
            opened[m.number] = (index, offsets[index])
            continue
        if m.role == "standalone":
            where = _standalone_place(offsets[index] - lead, plain_len, draft)
            inserts.append((where, order, written))
            continue
        first, start = opened.pop(m.number, (index, offsets[index]))
        inner = plain[start : offsets[index]]
        open_written = source[found[first].start : found[first].end]
        span = _find_span(inner, draft, used_end, whole=inner.strip() == plain.strip())
        if span is None:
            at_end.append((first, open_written + written))
            continue
        used_end = span[1]
        inserts.append((span[0], first * 2 + 10_000, open_written))
        inserts.append((span[1], -(first * 2 + 10_000), written))
    placed = _apply(draft, inserts)
    if nesting_problems(placed, tags):  # pairs found where they cross each other: all go to the end
        at_end += [(i, source[m.start : m.end]) for i, m in enumerate(found) if m.role == "open"]
        at_end = [(i, w + _closing_of(w)) if not w.endswith(">") or "/" not in w else (i, w) for i, w in at_end]
        placed = _apply(draft, [i for i in inserts if not _is_pair_marker(i[2], tags)])
    at_end = sorted(dict(at_end).items())
    flags += [f"tag placed at the end: {w.replace('></', '>…</')}" for _i, w in at_end]
    return placed.rstrip() + "".join(w for _i, w in at_end) if at_end else placed, tuple(flags)


def _closing_of(opening: str) -> str:
    return "</" + opening[1:] if not opening.startswith("</") else ""


def _is_pair_marker(written: str, tags: TagMap) -> bool:
    return any(m.role != "standalone" for m in markers(written, tags))


def _find_span(inner: str, draft: str, after: int, whole: bool) -> tuple[int, int] | None:
    stripped = inner.strip()
    if not stripped:
        return None
    if whole:
        lead = len(draft) - len(draft.lstrip())
        return lead, len(draft.rstrip())
    at = draft.find(stripped, after)
    if at < 0:
        at = draft.find(stripped)
    if at >= 0:
        return at, at + len(stripped)
    pieces = [m for m in _TOKEN.finditer(stripped) if any(c.isdigit() for c in m.group()) or m.group().isupper()]
    for piece in pieces:
        at = draft.find(piece.group())
        if at >= 0:
            return at, at + len(piece.group())
    return None


def _standalone_place(offset: int, length: int, draft: str) -> int:
    if offset <= 0:
        return len(draft) - len(draft.lstrip())
    if offset >= length:
        return len(draft.rstrip())
    wanted = round(len(draft) * offset / length)
    ends = [m.end() for m in re.finditer(r"\S+", draft)]
    return min(ends, key=lambda end: abs(end - wanted)) if ends else len(draft)


def _apply(draft: str, inserts: list[tuple[int, int, str]]) -> str:
    """Insert markers; at one offset closings (negative keys, inner first) before openings (outer first)."""

    def key(item: tuple[int, int, str]) -> tuple[int, int, int]:
        offset, order, _ = item
        if order < 0:  # a closing: the later-opened pair closes first
            return offset, 0, order
        return offset, 1, order

    out, at = [], 0
    for offset, _order, written in sorted(inserts, key=key):
        out.append(draft[at:offset])
        out.append(written)
        at = offset
    out.append(draft[at:])
    return "".join(out)
