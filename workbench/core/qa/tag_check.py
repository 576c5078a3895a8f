"""The `tags` check: a translation must carry its source's formatting tags, in order and well nested.

Apart from checks.py because it reads only the tag map (core/tags), not the language rules the others use.
Besides the source's tags, it looks at text in the translation that is shaped like a marker but is no tag
of this segment (`<b2>` where the source has only `<a1>`, `<b1>` where its tag 1 is now `<i1>`): export
would write it as literal text, so a translator who typed it expecting formatting must hear of it. The
source's own marker-looking text is escaped on import (a word joiner after its `<`), so it is not
marker-shaped and never counts here.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from workbench.core.tags.inline_tags import (
    MARKER,
    TagMap,
    markers,
    multiset_minus,
    nesting_problems,
    tag_sequence,
    words_only,
)

if TYPE_CHECKING:
    from workbench.core.qa.checks import Subject

_TIMES = {2: "twice", 3: "three times"}


def tags_check(s: Subject) -> str | None:
    """The source's formatting tags missing, added, repeated, reordered or badly nested in the translation,
    and marker-shaped text that is not one of its tags."""
    if not s.tags:
        return None
    problems = translation_tag_problems(s.source, s.target, s.tags)
    return "; ".join(problems) if problems else None


def translation_tag_problems(source: str, target: str, tags: TagMap) -> list[str]:
    """What is wrong with the target's tags against the source's, each problem said with its markers.
    Empty when the target carries exactly the source's tags, well formed, and no marker-shaped text the
    source does not have."""
    wanted = tag_sequence(source, tags)
    have = tag_sequence(target, tags)
    problems: list[str] = []
    missing = multiset_minus(wanted, have)
    if missing:
        problems.append("missing tag" + ("s" if len(missing) > 1 else "") + ": " + " ".join(missing))
    in_source = Counter(wanted)
    added = multiset_minus(have, wanted)
    unknown = [m for m in added if not in_source[m]]  # a tag of the map the source text does not use
    if unknown:
        problems.append("tag" + ("s" if len(unknown) > 1 else "") + " not in the source: " + " ".join(unknown))
    counts = Counter(have)
    repeated = list(dict.fromkeys(m for m in added if in_source[m]))
    problems.extend(f"{shown} {_times(counts[marker])}" for shown, marker in _joined_pairs(repeated, counts))
    strays = multiset_minus(_lookalikes(target, tags), _lookalikes(source, tags))
    if strays:
        problems.append("not a tag of the source: " + ", ".join(_described(strays, tags)))
    nesting = nesting_problems(target, tags)
    problems.extend(nesting)
    if not missing and not added and not nesting and have != wanted:
        problems.append("tags in a different order: " + " ".join(have))
    return problems


def _lookalikes(text: str, tags: TagMap) -> list[str]:
    """Marker-shaped pieces of `text` that are not tags of `tags`, as written, in order."""
    if "<" not in text:
        return []
    tag_starts = {m.start for m in markers(text, tags)}
    return [m.group() for m in MARKER.finditer(text) if m.start() not in tag_starts]


def _described(strays: list[str], tags: TagMap) -> list[str]:
    """Each stray marker, an opening and its closing shown as one `<b2>…</b2>`, and with the tag its
    number stands for in this segment when it has one (another letter, or the wrong shape)."""
    out: list[str] = []
    used: set[int] = set()
    for index, written in enumerate(strays):
        if index in used:
            continue
        used.add(index)
        shown = written
        match = MARKER.fullmatch(written)
        assert match is not None  # found by MARKER
        slash, letter, number_text, self_closing = match.groups()
        if not slash and not self_closing:
            closing = f"</{letter}{number_text}>"
            pair = next((j for j in range(index + 1, len(strays)) if j not in used and strays[j] == closing), None)
            if pair is not None:
                used.add(pair)
                shown = f"{written}…{closing}"
        info = tags.get(int(number_text))
        if info is not None:
            own = f"{info.opening()}…{info.closing()}" if info.paired else info.opening()
            shown += f" (tag {info.number} is {own})"
        out.append(shown)
    return out


def _joined_pairs(written: list[str], counts: Counter[str]) -> list[tuple[str, str]]:
    """(as shown, the marker) of each repeated marker, a pair's opening and closing repeated as often
    shown as one `<b1>…</b1>`."""
    out: list[tuple[str, str]] = []
    for marker in written:
        if marker.startswith("</"):
            opening = "<" + marker[2:]
            if opening in written and counts[opening] == counts[marker]:
                continue  # shown with its opening
        closing = "</" + marker[1:]
        if not marker.startswith("</") and closing in written and counts[closing] == counts[marker]:
            out.append((f"{marker}…{closing}", marker))
        else:
            out.append((marker, marker))
    return out


def _times(count: int) -> str:
    return _TIMES.get(count, f"{count} times")


def text_for_numbers(text: str, tags: TagMap | None) -> str:
    """`text` as the number, code and date checks read it: in a tagged segment without anything shaped
    like a marker, its tags and the ones a translator typed that are no tag (the "2" of a stray `<b2>` is
    no number; the `tags` check reports the marker). The source's own marker-looking text has a word
    joiner after its `<` and stays; a segment without tags is plain text, markers and all."""
    return words_only(text) if tags else text
