"""Sentence segmentation driven by an SRX 2.0 rules file (resources/segmentation/rules.srx).

The rules live in data so that an office can add an abbreviation without touching code. A place in
a paragraph is a break candidate when some break rule matches there; at each candidate the rules
are tried in file order and the first that matches decides, as SRX prescribes. The rules see every
paired quotation mark as “ or ” (see `quotations_marked`), so a rule about quotations is written once
and a text segments the same whatever quotation marks it was typed with.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from lxml import etree

from workbench.core.errors import WorkbenchError
from workbench.core.language.break_finders import break_finders
from workbench.core.language.break_finders import gate as rule_gate
from workbench.core.language.language_rules import QUOTATION_MARKS
from workbench.core.resources import resource_path

log = logging.getLogger(__name__)

SRX_NS = "{http://www.lisa.org/srx20}"
DEFAULT_RULES = resource_path("segmentation", "rules.srx")


@dataclass(frozen=True, slots=True)
class SrxRule:
    breaks: bool
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class SrxRules:
    #: Rule sets by name, in file order.
    rule_sets: dict[str, list[SrxRule]]
    #: (language pattern, rule set name), in file order.
    language_map: list[tuple[str, str]]
    cascade: bool

    def rules_for(self, language: str) -> list[SrxRule]:
        chosen: list[SrxRule] = []
        for pattern, name in self.language_map:
            if regex.fullmatch(pattern, language, flags=regex.IGNORECASE):
                chosen.extend(self.rule_sets.get(name, []))
                if not self.cascade:
                    break
        return chosen


def load_rules(path: Path = DEFAULT_RULES) -> SrxRules:
    """Read an SRX file; raises WorkbenchError naming the file when it cannot be used."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise WorkbenchError(f"{path}: the segmentation rules cannot be read ({exc})") from exc
    header = root.find(f"{SRX_NS}header")
    cascade = header is None or header.get("cascade", "no") == "yes"
    rule_sets: dict[str, list[SrxRule]] = {}
    for rule_set in root.iter(f"{SRX_NS}languagerule"):
        rules = []
        for rule in rule_set.iter(f"{SRX_NS}rule"):
            before = rule.findtext(f"{SRX_NS}beforebreak") or ""
            after = rule.findtext(f"{SRX_NS}afterbreak") or ""
            for pattern in (before, after):
                try:
                    regex.compile(pattern)
                except regex.error as exc:
                    raise WorkbenchError(f"{path}: the rule pattern {pattern!r} is not valid ({exc})") from exc
            rules.append(SrxRule(rule.get("break", "yes") == "yes", before, after))
        rule_sets[rule_set.get("languagerulename", "")] = rules
    language_map = [
        (m.get("languagepattern", ""), m.get("languagerulename", "")) for m in root.iter(f"{SRX_NS}languagemap")
    ]
    return SrxRules(rule_sets, language_map, cascade)


_CLOSERS = {closer: opener for opener, closer in QUOTATION_MARKS.items() if opener != closer}
_ANY_MARK = regex.compile("[" + regex.escape("".join({*QUOTATION_MARKS, *QUOTATION_MARKS.values()})) + "]")
#: Before a straight quotation mark that opens: the start, a space, a bracket, a colon or a dash.
_OPENS_AFTER = "([{/:–—-"
#: After a straight quotation mark that closes: nothing, a space or punctuation.
_CLOSES_BEFORE = ".,;:!?…)]}–—-"


def _straight_quote_opens(text: str, at: int) -> bool:
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in _OPENS_AFTER) and not (after.isspace() or after in _CLOSES_BEFORE)


def quotations_marked(paragraph: str) -> str:
    """The paragraph with each paired quotation mark replaced by “ (opening) or ” (closing).

    Straight quotes, « » and ‘ ’ then protect a quotation exactly as “ ” do. The text keeps its length,
    so break positions found in it are positions in the paragraph. Unpaired marks (an apostrophe, a
    quotation running on into the next paragraph) are left alone.
    """
    found = _ANY_MARK.finditer(paragraph)
    first = next(found, None)
    if first is None:  # most sentences: nothing to pair
        return paragraph
    changed: dict[int, str] = {}  # position -> “ or ” (not a list of every character: a line may be 50 MB)
    open_marks: list[tuple[int, str]] = []  # (position, the mark that closes it), innermost last
    # where in open_marks each closing mark has its openers, innermost last: a closer finds its opener
    # at once instead of searching every open quotation (quadratic on a line of unclosed « and stray ”)
    depths: dict[str, list[int]] = {}
    for match in itertools.chain([first], found):
        at, mark = match.start(), match.group()
        if mark == '"':
            if _straight_quote_opens(paragraph, at):
                depths.setdefault('"', []).append(len(open_marks))
                open_marks.append((at, '"'))
                continue
            closes = '"'
        elif mark in _CLOSERS:
            closes = mark
        elif mark in QUOTATION_MARKS:
            depths.setdefault(QUOTATION_MARKS[mark], []).append(len(open_marks))
            open_marks.append((at, QUOTATION_MARKS[mark]))
            continue
        else:
            continue
        if depths.get(closes):
            depth = depths[closes][-1]
            changed[open_marks[depth][0]], changed[at] = "“", "”"
            for _position, inner in open_marks[depth:]:
                depths[inner].pop()
            del open_marks[depth:]
    if not changed:
        return paragraph
    pieces, start = [], 0
    for at in sorted(changed):
        pieces += [paragraph[start:at], changed[at]]
        start = at + 1
    pieces.append(paragraph[start:])
    return "".join(pieces)


def _combinable(deciders: list[regex.Pattern[str]]) -> bool:
    """Whether the rules can be tried as the alternatives of one pattern: not when a rule has groups or
    global flags of its own, which would change meaning inside a larger pattern."""
    plain_flags = regex.compile("", regex.MULTILINE).flags
    return not any(decider.groups or decider.flags != plain_flags for decider in deciders)


def _first_rule_pattern(rules: list[SrxRule], left_out: tuple[int, ...] = ()) -> regex.Pattern[str]:
    """One pattern that, matched at a place, names the first rule matching there (`_rule3`): the rules as
    alternatives in file order, each ending in an empty group named after it. The engine tries them in
    that order and stops at the first that matches, as SRX does, in one call instead of one per rule (about
    twice as fast). `left_out`: rules known not to match anywhere in the paragraph."""
    # the look-ahead first: both only look, so the order changes no answer, and most fail on what follows
    alternatives = [
        f"(?={rule.after})(?<={rule.before})(?P<_rule{i}>)" for i, rule in enumerate(rules) if i not in left_out
    ]
    return regex.compile("|".join(alternatives) or "(?!)", regex.MULTILINE)


@dataclass(frozen=True, slots=True)
class SentencePiece:
    """One sentence of a paragraph and the white space that followed it (kept to rebuild the paragraph)."""

    text: str
    space_after: str


class Segmenter:
    """Splits paragraphs of one language into sentences."""

    def __init__(self, rules: SrxRules, language: str) -> None:
        self.language = language
        rules_list = rules.rules_for(language)
        # At a candidate place: does this rule match on both sides?
        self._deciders = [
            (rule.breaks, regex.compile(f"(?<={rule.before})(?={rule.after})", regex.MULTILINE)) for rule in rules_list
        ]
        self._rules = rules_list
        self._combined = _combinable([decider for _breaks, decider in self._deciders])
        self._rule_breaks = {f"_rule{i}": rule.breaks for i, rule in enumerate(rules_list)}
        #: the combined pattern by the rules left out of it, each for a paragraph where it cannot match
        self._first_rule: dict[tuple[int, ...], regex.Pattern[str]] = {}
        self._rule_gates = [
            (i, gate)
            for i, rule in enumerate(rules_list)
            if (gate := rule_gate(rule.after) or rule_gate(rule.before, forward_only=True)) is not None
        ]
        # Where can a break happen at all? Forward scans are much faster than look-behinds everywhere.
        self._finders = break_finders([(rule.before, rule.after) for rule in rules_list if rule.breaks])

    def break_positions(self, paragraph: str) -> list[int]:
        paragraph = quotations_marked(paragraph)
        candidates: set[int] = set()
        for finder in self._finders:
            candidates.update(finder.ends(paragraph))
        candidates.discard(0)
        candidates.discard(len(paragraph))
        if not candidates:
            return []
        if self._combined:
            left_out = tuple(i for i, gate in self._rule_gates if gate.search(paragraph) is None)
            pattern = self._first_rule.get(left_out)
            if pattern is None:
                pattern = self._first_rule[left_out] = _first_rule_pattern(self._rules, left_out)
            first_rule, rule_breaks = pattern.match, self._rule_breaks
            return [
                pos
                for pos in sorted(candidates)
                if (decided := first_rule(paragraph, pos)) is not None and rule_breaks[str(decided.lastgroup)]
            ]
        breaks = []
        for pos in sorted(candidates):
            for breaks_here, decider in self._deciders:
                if decider.match(paragraph, pos):
                    if breaks_here:
                        breaks.append(pos)
                    break
        return breaks

    def split(self, paragraph: str) -> list[SentencePiece]:
        """Sentences of `paragraph`, trimmed, each with the white space that followed it."""
        return [SentencePiece(text, space_after) for text, space_after in self.sentences(paragraph)]

    def sentences(self, paragraph: str) -> list[tuple[str, str]]:
        """`split` as (text, space after) pairs: what an import stores, without a record per sentence."""
        texts: list[str] = []
        spaces: list[str] = []
        start = 0
        for end in [*self.break_positions(paragraph), len(paragraph)]:
            chunk = paragraph[start:end]
            start = end
            unled = chunk.lstrip()
            if texts and len(unled) < len(chunk):  # the white space it starts with follows the sentence before
                spaces[-1] += chunk[: len(chunk) - len(unled)]
            text = unled.rstrip()
            if text:
                texts.append(text)
                spaces.append(unled[len(text) :])
        return list(zip(texts, spaces, strict=True))


@lru_cache(maxsize=8)
def segmenter_for(language: str, rules_path: Path = DEFAULT_RULES) -> Segmenter:
    return Segmenter(load_rules(rules_path), language)
