"""Where a sentence break can happen at all: one forward scan per break rule, fewer where that is exact.

The segmenter takes every place a break rule's forward scan ends as a candidate and then lets the rules
decide there (segmenter.py). A scan costs a pass over the paragraph, so: a scan whose rule needs a
literal character the paragraph lacks is skipped (`gate`), and rules that share the part before the
break are scanned together where the merged scan provably ends at the same places (`_mergeable`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

_LEADING_RUN = regex.compile(r"\[(?:\\.|[^\]\\])+\]\+(?![+?])")
#: a pattern that starts with a literal character: searching for it is fast (the engine looks for that character)
_LITERAL_START = regex.compile(r"\\[^\w\s]|[^\\\[\](){}.*+?^$|\s]")
#: what can make a pattern match backwards (as a look-behind does) where it cannot forwards: atomic groups,
#: possessive quantifiers, recursion, fuzzy matching, reversed parts, \G; only inline flags and look-arounds
#: are left in a pattern whose forward search rules out its look-behind
_NOT_FORWARD_SAFE = regex.compile(r"\(\?(?![:=!]|<[=!]|[imsx-]+:)|[*+?}]\+|\\G|\{\s*[eisd]\s*[<=]")
#: a bracketed set of plain characters and its repetition, one of a run such as `[.?!…]+[”"’»)\]]*`
_CLASS_TOKEN = regex.compile(r"\[((?:\\[^\w\s]|[^\]\\^-])+)\]([+*?]|\{\d*,?\d*\})?")
_CLASS_MEMBER = regex.compile(r"\\([^\w\s])|([^\\])")
_WHITE_SPACE = regex.compile(r"\s")
#: a pattern that starts with at least one white-space character: `\s+...`, `\s...`
_STARTS_WITH_SPACE = regex.compile(r"\\s(?:\+|(?![*?{]))")


def run_start_guard(before: str) -> str:
    r"""A look-behind that starts a forward scan only where a rule's leading run of characters begins.

    A rule such as `[.?!…]+[”"’»)\]]*` before a break would otherwise be tried at every position of a
    long run of full stops, each try reading to the run's end: a line of 10,000 dots took 19 s. Starting
    inside the run can only find a match ending where the one from its start ends, because what follows
    the run in these rules (quotes, brackets) is not part of it, so the candidates are the same.
    """
    found = _LEADING_RUN.match(before)
    return f"(?<!{found.group()[:-1]})" if found else ""


def gate(pattern: str, forward_only: bool = False) -> regex.Pattern[str] | None:
    """A quick test that a rule's part occurs somewhere in a paragraph, for parts that start with a literal
    character: where it does not, the rule cannot match anywhere in it and is not tried. `forward_only`: the
    part is matched as a look-behind, which a forward search rules out only for plain patterns."""
    if not _LITERAL_START.match(pattern) or (forward_only and _NOT_FORWARD_SAFE.search(pattern)):
        return None
    return regex.compile(pattern, regex.MULTILINE)


@dataclass(frozen=True, slots=True)
class BreakFinder:
    """A forward scan whose match ends are candidate breaks, and the test that lets a paragraph skip it."""

    scan: regex.Pattern[str]
    gate: regex.Pattern[str] | None

    def ends(self, paragraph: str) -> list[int]:
        if self.gate is not None and self.gate.search(paragraph) is None:
            return []
        return [match.end() for match in self.scan.finditer(paragraph)]


def break_finders(break_rules: Sequence[tuple[str, str]]) -> list[BreakFinder]:
    """The scans that find every candidate break of the break rules, given as (before, after) patterns."""
    finders: list[BreakFinder] = []
    merged: dict[str, list[str]] = {}  # the part before the break -> the parts after it, of mergeable rules
    for before, after in break_rules:
        if _mergeable(before, after):
            merged.setdefault(before, []).append(after)
        else:
            finders.append(_finder(before, [after]))
    finders += [_finder(before, afters) for before, afters in merged.items()]
    return finders


def _finder(before: str, afters: list[str]) -> BreakFinder:
    after = afters[0] if len(afters) == 1 else "|".join(f"(?:{a})" for a in afters)
    scan = regex.compile(f"{run_start_guard(before)}(?:{before})(?={after})", regex.MULTILINE)
    return BreakFinder(scan, (gate(after) or gate(before)) if len(afters) == 1 else None)


def _mergeable(before: str, after: str) -> bool:
    """Whether the rule's scan may be merged with others that share its part before the break.

    It may when that part is a run of sets of characters none of which is white space (the first set
    required) and the part after starts with white space, without alternatives, groups or flags of its
    own. A match starting at some place can then end only at the first white space after it, for every
    such rule alike; so a merged scan that stops at a place for one rule ends exactly where that rule's
    own scan ends (where that scan skips the place, it is inside a match that ends at the same white
    space). The candidates are the same, in one pass instead of one per rule."""
    tokens, at = [], 0
    while at < len(before) and (token := _CLASS_TOKEN.match(before, at)) is not None:
        tokens.append(token)
        at = token.end()
    if not tokens or at != len(before) or tokens[0].group(2) not in (None, "+"):
        return False
    members = [a or b for token in tokens for a, b in _CLASS_MEMBER.findall(token.group(1))]
    if any(_WHITE_SPACE.match(member) for member in members):
        return False
    if not _STARTS_WITH_SPACE.match(after) or _has_top_level_alternative(after):
        return False
    plain = regex.compile("", regex.MULTILINE).flags
    alone = regex.compile(f"(?:{before})(?={after})", regex.MULTILINE)
    return alone.groups == 0 and alone.flags == plain


def _has_top_level_alternative(pattern: str) -> bool:
    depth, i, in_set = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a ] first in a set is a member
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False
