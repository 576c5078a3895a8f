"""Sentence segmentation driven by an SRX 2.0 rules file (resources/segmentation/rules.srx).

The rules live in data so that an office can add an abbreviation without touching code. A place in
a paragraph is a break candidate when some break rule matches there; at each candidate the rules
are tried in file order and the first that matches decides, as SRX prescribes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from lxml import etree

from workbench.core.errors import WorkbenchError
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
        # Where can a break happen at all? Forward scans are much faster than look-behinds everywhere.
        self._finders = [
            regex.compile(f"(?:{rule.before})(?={rule.after})", regex.MULTILINE) for rule in rules_list if rule.breaks
        ]

    def break_positions(self, paragraph: str) -> list[int]:
        candidates: set[int] = set()
        for finder in self._finders:
            candidates.update(m.end() for m in finder.finditer(paragraph))
        breaks = []
        for pos in sorted(candidates):
            if 0 < pos < len(paragraph):
                for breaks_here, decider in self._deciders:
                    if decider.match(paragraph, pos):
                        if breaks_here:
                            breaks.append(pos)
                        break
        return breaks

    def split(self, paragraph: str) -> list[SentencePiece]:
        """Sentences of `paragraph`, trimmed, each with the white space that followed it."""
        pieces: list[SentencePiece] = []
        start = 0
        for end in [*self.break_positions(paragraph), len(paragraph)]:
            chunk = paragraph[start:end]
            text = chunk.strip()
            leading = chunk[: len(chunk) - len(chunk.lstrip())]
            if pieces and leading:
                pieces[-1] = SentencePiece(pieces[-1].text, pieces[-1].space_after + leading)
            if text:
                pieces.append(SentencePiece(text, chunk[len(chunk.rstrip()) :]))
            start = end
        return pieces


@lru_cache(maxsize=8)
def segmenter_for(language: str, rules_path: Path = DEFAULT_RULES) -> Segmenter:
    return Segmenter(load_rules(rules_path), language)
