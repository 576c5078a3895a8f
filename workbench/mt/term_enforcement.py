"""Glossary terms in the MT output: fixed terms through placeholders, the others by choosing among n-best.

Fixed terms (names of bodies, places, people; "do not translate": `Term.fixed`) are replaced in the source by
a placeholder, "XT1", "XT2" … (one per distinct term), and the term's target text is put back wherever the
model left the placeholder. That form was chosen on the families' own tokenizers: plain ASCII capitals and
digits are in every sentencepiece vocabulary (opus-mt's, NLLB/M2M100's, MADLAD's), so it reaches the model as
known pieces and comes back out of the decoder intact, where brackets, «guillemets» or ⟦marks⟧ become <unk>
in some of them; "XT" is no Vietnamese abbreviation (unlike "TX", thị xã), and digits are what these models
copy most faithfully (mt/protection.py). Whatever the model does with a placeholder, `restore` either brings
the term back or flags it: copied, respaced ("X T 1"), recased ("xt1"), in Khmer digits ("XT១") it is
found and replaced; with its number dropped ("XT") it is taken when exactly one placeholder is missing (and
the source has no bare "XT" of its own); dropped altogether, the term is not inserted at a guessed place (a wrong place is worse than a visible gap)
but flagged "fixed glossary term lost in MT", and `missing` flags it as the QA check does. Placeholder-shaped
strays the model invented are taken out. What the source already holds is kept: a term cutting into a
protected code ("UBND" in 123/UBND-KT) gets no placeholder, and a code that reads as one ("XT-1") makes
the placeholders take other numbers.

The other terms are enforced by choice: a source holding a term with a target text or forbidden alternatives
in the target language is decoded with `NUM_HYPOTHESES` hypotheses, and the one using the most of the glossary's target terms and
the fewest forbidden ones wins, provided its mean log-probability is within `SCORE_MARGIN` of the best's;
among equals the engine's ranking decides, so with no term to gain its best stays. A term counts as used as the QA
check counts it (`target_key` of the term in the output's). `missing` flags what still lacks, worded as the
term-not-used check words it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from workbench.core.language.language_rules import to_ascii_digits, to_khmer_digits
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.memory.glossary import TERM_NOT_USED, Term, TermFinder, target_key, terms
from workbench.mt.engine import Hypothesis

if TYPE_CHECKING:
    from workbench.core.store.project_store import Project

#: hypotheses asked for when a source has a term to enforce by choice (the beam is widened to match)
NUM_HYPOTHESES = 4
#: how much lower (nats of mean log-probability per token) a hypothesis that uses the glossary may score than
#: the best and still be chosen: the 4-best of a beam usually lie within a few tenths of each other, while a
#: hypothesis half a nat per token worse is a visibly worse sentence, so a term is not bought at that price
SCORE_MARGIN = 0.5
PLACEHOLDER_PREFIX = "XT"
_SEPARATORS = r"[\s\-_.]*"
_DIGIT = r"[0-9\u17e0-\u17e9]"
#: any placeholder-shaped string, number or not (Latin letters must not touch it on the left)
_ANY_PLACEHOLDER = regex.compile(
    rf"(?<![A-Za-z])X{_SEPARATORS}T(?:{_SEPARATORS}{_DIGIT}+)?(?!{_DIGIT}|[A-Za-z])", regex.I
)
_BARE = regex.compile(rf"(?<![A-Za-z])X{_SEPARATORS}T(?!{_SEPARATORS}{_DIGIT}|[A-Za-z])", regex.I)


@dataclass(frozen=True, slots=True)
class ProtectedSource:
    """A source with its fixed terms replaced by placeholders the model copies, and how to put them back."""

    text: str
    #: (placeholder, target term) pairs, in order
    placeholders: tuple[tuple[str, str], ...] = ()
    #: the source term each placeholder stands for (for the flag when one is lost)
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TermChoice:
    hypothesis: Hypothesis
    #: the glossary terms the chosen output uses because of enforcement, as recorded on the draft
    enforced: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Entry:
    """One glossary term, hashable (a Term holds dicts)."""

    source: str
    targets: tuple[tuple[str, str], ...]
    forbidden: tuple[tuple[str, tuple[str, ...]], ...]
    fixed: bool

    @classmethod
    def of(cls, term: Term) -> _Entry:
        return cls(
            term.source,
            tuple(sorted((k, v) for k, v in term.targets.items() if v)),
            tuple(sorted((k, tuple(v)) for k, v in term.forbidden.items() if v)),
            term.fixed,
        )

    def term(self) -> Term:
        return Term(self.source, dict(self.targets), dict(self.forbidden), fixed=self.fixed)


@dataclass(frozen=True, slots=True)
class TermPlan:
    """The project's glossary, fixed when a job starts (hashable: part of the options). It holds every target
    language's terms; each method is told the target."""

    entries: tuple[_Entry, ...] = ()
    #: the fixed terms' finder (for protection) and every term's, built once: hashing the entries for a cache
    #: at every call cost about 3 ms a segment with 5,000 terms
    _finders: tuple[TermFinder, TermFinder] = field(init=False, repr=False, compare=False, hash=False)
    _key: str = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        glossary = [e.term() for e in self.entries]
        finders = (TermFinder(t for t in glossary if t.fixed), TermFinder(glossary))
        object.__setattr__(self, "_finders", finders)
        data = [[e.source, e.targets, e.forbidden, e.fixed] for e in self.entries]
        digest = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()[:12]
        object.__setattr__(self, "_key", digest)

    @classmethod
    def from_project(cls, project: Project) -> TermPlan | None:
        """The project's, or None when it has no term that could be enforced."""
        return cls.of(terms(project))

    @classmethod
    def of(cls, glossary: list[Term]) -> TermPlan | None:
        entries = tuple(
            sorted((_Entry.of(t) for t in glossary if t.fixed or t.targets or t.forbidden), key=lambda e: e.source)
        )
        return _plan(entries) if entries else None

    @property
    def key(self) -> str:
        """A digest of what enforcement depends on (sources, targets, forbidden alternatives, fixed marks): a
        changed glossary makes new drafts rather than taking cached ones."""
        return self._key

    @property
    def num_hypotheses(self) -> int:
        """How many hypotheses to ask the engine for when a source has terms to enforce."""
        return NUM_HYPOTHESES

    def wants_hypotheses(self, source: str, target: str) -> bool:
        """Whether this source has a term to enforce by choosing among hypotheses: one with a target text or
        forbidden alternatives in `target` (a term with only a Khmer text costs an English segment nothing)."""
        return any(
            not f.term.fixed and (f.term.targets.get(target) or f.term.forbidden.get(target))
            for f in self._finders[1].find(source)
        )

    def protect(self, source: str, target: str, spans: Sequence[ProtectedSpan] = ()) -> ProtectedSource:
        """The source with every fixed term replaced by its placeholder (the same term twice, the same one).
        `spans` are the segment's protected spans (a code, a date): a term cutting into one is left alone
        ("UBND" in the code 123/UBND-KT), since the code must reach the draft as written; a term holding a
        whole span ("Quận 1") is still a term. Placeholder numbers the source already holds in any form the
        restore would read ("XT-1", "xt 1", "XT១") are not used, so the source's own code is never taken for
        a term."""
        found = self._finders[0].find_in_text(source)
        if found and spans:
            regions = _span_regions(source, spans)
            found = [f for f in found if not any(_cuts(f.start, f.end, start, end) for start, end in regions)]
        if not found:
            return ProtectedSource(source)
        taken = {_number(m.group()) for m in _ANY_PLACEHOLDER.finditer(source)}
        numbers = (n for n in range(1, 10_000) if str(n) not in taken)
        by_source: dict[str, str] = {}
        pairs: list[tuple[str, str]] = []
        sources: list[str] = []
        parts: list[str] = []
        at = 0
        for f in found:
            if f.term.source not in by_source:
                by_source[f.term.source] = f"{PLACEHOLDER_PREFIX}{next(numbers)}"
                pairs.append((by_source[f.term.source], f.term.fixed_target(target)))
                sources.append(f.term.source)
            parts += [source[at : f.start], by_source[f.term.source]]
            at = f.end
        parts.append(source[at:])
        return ProtectedSource("".join(parts), tuple(pairs), tuple(sources))

    def restore(self, protected: ProtectedSource, output: str) -> tuple[str, tuple[str, ...]]:
        """The output with every placeholder's term back (whatever the model did with it), and flags."""
        if not protected.placeholders:
            return output, ()
        text = output
        lost: list[int] = []
        for index, (placeholder, term) in enumerate(protected.placeholders):
            pattern = _loose(placeholder)
            if pattern.search(text):
                text = pattern.sub(_literal(term), text)
            else:
                lost.append(index)
        if len(lost) == 1 and len(_BARE.findall(text)) == 1 and not _BARE.search(protected.text):
            # the number dropped: only one it can be (unless the source has a bare "XT" of its own)
            text = _BARE.sub(_literal(protected.placeholders[lost[0]][1]), text)
            lost = []
        text = _drop_strays(text, protected.text)
        flags = []
        for index in lost:
            placeholder, term = protected.placeholders[index]
            if target_key(term) in target_key(text):
                continue  # the model wrote the term itself
            source = protected.sources[index] if index < len(protected.sources) else placeholder
            flags.append(f"fixed glossary term lost in MT: {source} → {term}")
        return text, tuple(flags)

    def choose(self, source: str, hypothesis: Hypothesis, target: str) -> TermChoice:
        """Among `hypothesis.alternatives` (or just it), the one that uses the glossary, within a score margin."""
        ranked = hypothesis.alternatives or (hypothesis,)
        found = [f.term for f in self._finders[1].find(source) if not f.term.fixed]
        wanted = list(dict.fromkeys(t.targets[target] for t in found if t.targets.get(target)))
        banned = list(dict.fromkeys(b for t in found for b in t.forbidden.get(target, ())))
        if not wanted and not banned:
            return TermChoice(ranked[0])
        best = ranked[0]

        def merit(h: Hypothesis) -> int:
            key = target_key(h.text)
            return sum(target_key(w) in key for w in wanted) - sum(target_key(b) in key for b in banned)

        eligible = [h for h in ranked if h.score >= best.score - SCORE_MARGIN]
        chosen = max(eligible, key=merit)  # max keeps the first of equals: the engine's own ranking
        had = target_key(best.text)
        now = target_key(chosen.text)
        enforced = tuple(w for w in wanted if target_key(w) in now and target_key(w) not in had)
        return TermChoice(chosen, enforced)

    def missing(self, source: str, output: str, target: str) -> tuple[str, ...]:
        """Flags for terms of the source the output still lacks (the term-not-used check's wording); a fixed term
        counts with its fixed target (the Vietnamese when it has none for the language)."""
        key = target_key(output)
        lacking = []
        for f in self._finders[1].find(source):
            wanted = f.term.fixed_target(target) if f.term.fixed else f.term.targets.get(target, "")
            if wanted and target_key(wanted) not in key:
                lacking.append(f"{f.term.source} → {wanted}")
        lacking = list(dict.fromkeys(lacking))
        return (f"{TERM_NOT_USED}: {'; '.join(lacking)}",) if lacking else ()


@lru_cache(maxsize=256)
def _loose(placeholder: str) -> regex.Pattern[str]:
    """The placeholder respaced, recased, with its number in Latin or Khmer digits; never part of a longer one."""
    number = placeholder[len(PLACEHOLDER_PREFIX) :]
    digits = f"(?:{regex.escape(number)}|{regex.escape(to_khmer_digits(number))})"
    return regex.compile(rf"(?<![A-Za-z])X{_SEPARATORS}T{_SEPARATORS}{digits}(?!{_DIGIT})", regex.I)


def _drop_strays(text: str, protected_text: str) -> str:
    """Placeholder-shaped strings the model made up (not in the source as written) are taken out."""
    own = {_compact(m.group()) for m in _ANY_PLACEHOLDER.finditer(protected_text)}
    stray = [m for m in _ANY_PLACEHOLDER.finditer(text) if _compact(m.group()) not in own and _has_digit(m.group())]
    if not stray:
        return text
    for m in reversed(stray):
        text = text[: m.start()] + text[m.end() :]
    return regex.sub(r"[ \t]{2,}", " ", regex.sub(r"\s+([,.;:!?។])", r"\1", text)).strip()


def _literal(term: str) -> Callable[[regex.Match[str]], str]:
    """A replacement that puts the term in as written (a backslash in it is no group reference)."""
    return lambda _match: term


def _compact(text: str) -> str:
    """A placeholder-shaped string as the restore reads it: no separators, one case, Latin digits."""
    return to_ascii_digits(regex.sub(r"[\s\-_.]", "", text)).casefold()


def _number(text: str) -> str:
    """The number of a placeholder-shaped string ("XT-១2" -> "12"; "" for a bare "XT")."""
    return _compact(text)[len(PLACEHOLDER_PREFIX) :]


def _span_regions(text: str, spans: Sequence[ProtectedSpan]) -> list[tuple[int, int]]:
    """Where each span's text occurs in `text` (the source after its rules, where offsets may have moved)."""
    regions = []
    for span in spans:
        at = text.find(span.text) if span.text else -1
        while at >= 0:
            regions.append((at, at + len(span.text)))
            at = text.find(span.text, at + len(span.text))
    return regions


def _cuts(start: int, end: int, span_start: int, span_end: int) -> bool:
    """Whether a term at start:end overlaps the span without holding it whole."""
    return start < span_end and span_start < end and not (start <= span_start and span_end <= end)


def _has_digit(text: str) -> bool:
    return regex.search(_DIGIT, text) is not None


@lru_cache(maxsize=4)
def _plan(entries: tuple[_Entry, ...]) -> TermPlan:
    """One compiled plan per glossary: its finders take about 0.8 s to build with 5,000 terms, and the window
    asks for the options at every job, pass and "this segment now"; an edited glossary has other entries."""
    return TermPlan(entries)
