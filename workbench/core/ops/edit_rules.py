"""Per-project edit rules: regular expressions applied to the source before MT and to the output after.

As OPUS-CAT has them: a source rule expands "UBND" to "Ủy ban nhân dân" before the model sees it; a target
rule per language rewrites the model's "People's Committee of An Giang province" into the office's
"An Giang Provincial People's Committee". Rules run in the order the user keeps, each on what the rule
before it left. A rule never breaks a draft: on a segment where it runs past its time limit (nested
quantifiers on a long text) or would leave the text empty, it is skipped there with a flag and the draft is
still made. A match that would change a protected span (a code, a date, a number) is left as it is, with a
flag, and the rule's other matches in the segment still apply: `\bUBND\b` -> "Ủy ban nhân dân" expands
"UBND tỉnh" even in a letter whose code is "123/UBND-KT", which official letters carry everywhere. A bad
pattern or replacement is refused when the rule is written (`rule_problem`), so a job never meets one.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.language.protected_spans import ProtectedSpan, find_protected_spans

if TYPE_CHECKING:
    from workbench.core.store.project_store import Project

STAGES = ("source", "target")
#: seconds one rule may take on one segment; past it the rule is skipped there and flagged
RULE_TIME_LIMIT = 0.2
#: seconds all of a segment's rules may take together: past it, the rules still to run are skipped there and flagged,
#: so a list of slow rules (each under its own limit) cannot hold a segment for minutes
SEGMENT_TIME_LIMIT = 1.0
#: a pattern or replacement longer than this is refused (a rule is a line a person writes)
MAX_RULE_CHARS = 2000
#: a rule may not make a text longer than this many times (plus a little), so rules cannot blow a text up
MAX_GROWTH = 4


@dataclass(frozen=True, slots=True)
class EditRule:
    id: int
    position: int
    stage: str  # "source" or "target"
    #: "" for a source rule; a target rule's language ("en", "km"), or "" for every target language
    language: str
    pattern: str
    replacement: str
    note: str = ""
    enabled: bool = True

    def describe(self) -> str:
        """How the rule is recorded on a draft and shown in lists."""
        return f"rule {self.id}: {self.pattern} -> {self.replacement}"

    def applies_to(self, stage: str, language: str) -> bool:
        return self.enabled and self.stage == stage and (stage == "source" or self.language in ("", language))


@dataclass(frozen=True, slots=True)
class RuleResult:
    text: str
    #: the rules that changed the text, as recorded on the draft (each "rule N: pattern -> replacement")
    applied: tuple[str, ...] = ()
    #: rules that could not apply to this text and why (timed out, would empty it, touched a protected span)
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleEffect:
    """What one rule did to a sample, for the tester: the text before and after, or why it was skipped."""

    rule: EditRule
    before: str
    after: str
    #: "" when the rule ran in full; else the flag it raised: the text is then unchanged, except when the flag
    #: says the rule left a protected span alone (its other matches applied: see `changed`)
    flag: str = ""

    @property
    def changed(self) -> bool:
        return self.after != self.before


def rule_problem(stage: str, language: str, pattern: str, replacement: str) -> str:
    """Why this rule cannot be kept ("" when it can): an unknown stage or language, a pattern that does not
    compile (regex's own message and position), a replacement with a bad escape or group reference."""
    if stage not in STAGES:
        return f"the stage is 'source' or 'target', not {stage!r}"
    if stage == "source" and language:
        return "a source rule has no language (it runs on the Vietnamese text)"
    if stage == "target" and language not in ("", *TARGET_LANGUAGES):
        return f"a target rule's language is one of {', '.join(TARGET_LANGUAGES)} (or none for all), not {language!r}"
    if not pattern:
        return "the pattern is empty"
    if len(pattern) > MAX_RULE_CHARS or len(replacement) > MAX_RULE_CHARS:
        return f"a pattern or replacement has at most {MAX_RULE_CHARS} characters"
    try:
        compiled = _compiled(pattern)
    except regex.error as exc:
        # quoted as typed (repr doubles every backslash, and the position would not match what is shown)
        return f"the pattern '{pattern}' is not a valid regular expression: {_regex_message(exc)}"
    return _template_problem(compiled, replacement)


def _regex_message(exc: regex.error) -> str:
    message = str(getattr(exc, "msg", "") or exc)
    position = getattr(exc, "pos", None)
    return f"{message} at position {position}" if position is not None and "position" not in message else message


def _template_problem(compiled: regex.Pattern[str], replacement: str) -> str:
    """A replacement is checked now, not when a match first meets it: `\\3` with two groups, `\\g<name>`
    with no such group, a stray backslash. The regex module compiles a template into literals and group
    numbers; its compiler is internal, so a missing one falls back to a match against a dummy text."""
    helper = getattr(sys.modules.get(regex.compile.__module__), "_compile_replacement_helper", None)
    try:
        if helper is None:  # pragma: no cover - only with a regex module that renamed its internals
            compiled.sub(replacement, "")
            return ""
        parts = helper(compiled, replacement)
    except (regex.error, IndexError) as exc:
        why = _regex_message(exc) if isinstance(exc, regex.error) else str(exc)
        return f"the replacement '{replacement}' is not valid: {why}"
    for part in parts:
        if isinstance(part, int) and part > compiled.groups:
            groups = {0: "no groups", 1: "only 1 group"}.get(compiled.groups, f"only {compiled.groups} groups")
            return f"the replacement '{replacement}' refers to group {part}, but the pattern has {groups}"
    return ""


#: more than a project may hold (edit_rule_files.MAX_PROJECT_RULES): past the cache, every rule was compiled again
#: on every segment (1,000 rules: 54 ms a segment against 2.4 ms for 500)
@lru_cache(maxsize=8192)
def _compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


@dataclass(frozen=True, slots=True)
class _Region:
    """Where a protected span's text sits in the text being rewritten."""

    start: int
    end: int
    span: ProtectedSpan


def _source_regions(text: str, spans: Sequence[ProtectedSpan]) -> list[_Region]:
    """The segment's spans where they are; a span whose offsets no longer fit the text is looked for."""
    regions = []
    for span in spans:
        if text[span.start : span.end] == span.text:
            regions.append(_Region(span.start, span.end, span))
        else:
            regions.extend(_occurrences(text, span))
    return regions


def _occurrences(text: str, span: ProtectedSpan) -> list[_Region]:
    found, at = [], text.find(span.text) if span.text else -1
    while at >= 0:
        found.append(_Region(at, at + len(span.text), span))
        at = text.find(span.text, at + len(span.text))
    return found


def _disjoint(regions: Sequence[_Region]) -> list[_Region]:
    """The regions in order, overlapping ones merged (the first span names the merge): a sweep can then
    find the one region a match could touch, so a rule costs time linear in the matches and spans."""
    merged: list[_Region] = []
    for region in sorted(regions, key=lambda r: (r.start, -r.end)):
        if merged and region.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = _Region(last.start, max(last.end, region.end), last.span)
        else:
            merged.append(region)
    return merged


def _apply_rule(
    rule: EditRule, text: str, regions: list[_Region], limit: float = RULE_TIME_LIMIT
) -> tuple[str, list[_Region], str]:
    """`text` after one rule, the protected regions (disjoint, in order) moved with it, and a flag ("" when
    it ran in full). A match that would change a protected region is left as it is; the others apply. A rule
    refused when written can still come from the project file (another tool, a regex module of another version):
    it is skipped with the reason, as the draft must still be made."""
    try:
        compiled = _compiled(rule.pattern)
    except regex.error:
        return text, regions, f"edit rule {rule.id} not applied: {rule_problem('source', '', rule.pattern, '')}"
    changes: list[tuple[int, int, int]] = []  # start, end, length of what replaced it; in order
    left_alone: list[ProtectedSpan] = []
    at = 0  # the first region that ends after the current match starts

    def replace(match: regex.Match[str]) -> str:
        nonlocal at
        out = match.expand(rule.replacement)
        start, end = match.span()
        if out != match.group(0):
            while at < len(regions) and regions[at].end <= start:
                at += 1
            if at < len(regions):
                region = regions[at]
                if (region.start < start) if start == end else (region.start < end):
                    left_alone.append(region.span)
                    return match.group(0)
            changes.append((start, end, len(out)))
        return out

    try:
        result = compiled.sub(replace, text, timeout=limit)
    except TimeoutError:
        return text, regions, f"edit rule {rule.id} not applied: it took longer than {limit:.2g} s on this text"
    except (regex.error, IndexError):  # a replacement with a group the pattern lacks, met at the first match
        why = _template_problem(compiled, rule.replacement) or "its replacement is not valid"
        return text, regions, f"edit rule {rule.id} not applied: {why}"
    flag = ""
    if left_alone:
        first = left_alone[0]
        more = f" (and {len(left_alone) - 1} more)" if len(left_alone) > 1 else ""
        flag = f"edit rule {rule.id} left a protected span alone: the {first.kind} {first.text}{more}"
    if result == text:
        return text, regions, flag
    if not result.strip():
        return text, regions, f"edit rule {rule.id} not applied: it would leave the text empty"
    if len(result) > MAX_GROWTH * len(text) + 200:
        times = len(result) // max(1, len(text))
        return text, regions, f"edit rule {rule.id} not applied: it would make the text {times} times longer"
    return result, _moved(regions, changes), flag


def _moved(regions: Sequence[_Region], changes: Sequence[tuple[int, int, int]]) -> list[_Region]:
    """The regions where they are after the changes (none of which overlaps one), in one sweep."""
    moved, shift, at = [], 0, 0
    for region in regions:
        while at < len(changes) and changes[at][1] <= region.start:
            start, end, length = changes[at]
            shift += length - (end - start)
            at += 1
        moved.append(_Region(region.start + shift, region.end + shift, region.span))
    return moved


def run_rules(rules: Sequence[EditRule], text: str, regions: list[_Region]) -> list[RuleEffect]:
    """Each rule's effect, in order, each on what the one before left."""
    effects = []
    regions = _disjoint(regions)
    deadline = time.monotonic() + SEGMENT_TIME_LIMIT
    late = ""  # the one flag of every rule past the segment's limit (the pipeline drops repeated flags)
    for rule in rules:
        left = deadline - time.monotonic()
        if late or left <= 0:
            late = late or (
                f"edit rule {rule.id} and those after it not applied: this segment's rules took longer than "
                f"{SEGMENT_TIME_LIMIT:g} s together"
            )
            effects.append(RuleEffect(rule, text, text, late))
            continue
        after, regions, flag = _apply_rule(rule, text, regions, min(RULE_TIME_LIMIT, left))
        effects.append(RuleEffect(rule, text, after, flag))
        text = after
    return effects


def _result(text: str, effects: Sequence[RuleEffect]) -> RuleResult:
    return RuleResult(
        effects[-1].after if effects else text,
        tuple(e.rule.describe() for e in effects if e.changed),
        tuple(dict.fromkeys(e.flag for e in effects if e.flag)),  # the rules past the time limit share one
    )


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The project's enabled rules, in order, fixed when a job starts (hashable: it is part of the options)."""

    rules: tuple[EditRule, ...] = ()

    @classmethod
    def from_project(cls, project: Project) -> RuleSet | None:
        """The project's, or None when it has none."""
        enabled = tuple(rule for rule in project_rules(project) if rule.enabled)
        return cls(enabled) if enabled else None

    @property
    def key(self) -> str:
        """For the draft cache key: changes whenever a rule that could change a draft changes (its note does
        not count; its order does)."""
        enabled = [[r.stage, r.language, r.pattern, r.replacement] for r in self.rules if r.enabled]
        if not enabled:
            return ""
        return hashlib.sha256(json.dumps(enabled, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]

    def only(self, stage: str) -> RuleSet | None:
        """The rules of one stage (a route runs the source rules on its first hop, the target rules after its
        last), or None when there are none."""
        rules = tuple(r for r in self.rules if r.stage == stage)
        return RuleSet(rules) if rules else None

    def source_rules(self) -> list[EditRule]:
        return [r for r in self.rules if r.applies_to("source", "")]

    def target_rules(self, language: str) -> list[EditRule]:
        return [r for r in self.rules if r.applies_to("target", language)]

    def apply_source(self, text: str, spans: Sequence[ProtectedSpan]) -> RuleResult:
        return _result(text, run_rules(self.source_rules(), text, _source_regions(text, spans)))

    def apply_target(self, language: str, text: str, spans: Sequence[ProtectedSpan]) -> RuleResult:
        """The spans are the source segment's: their text, where the output has it, stays as it is."""
        regions = [region for span in spans for region in _occurrences(text, span)]
        return _result(text, run_rules(self.target_rules(language), text, regions))


def try_rules(rules: Sequence[EditRule], sample: str, stage: str, language: str = "") -> list[RuleEffect]:
    """Each enabled rule of `stage` (and, for the target, of `language`) on a sample sentence, in order: the
    tester of the window and of `rules P test`. The sample's own protected spans are kept as a draft's are."""
    chosen = [r for r in rules if r.applies_to(stage, language)]
    spans = find_protected_spans(sample)
    return run_rules(chosen, sample, [_Region(s.start, s.end, s) for s in spans])


_COLUMNS = "id, position, stage, language, pattern, replacement, note, enabled"


def project_rules(project: Project) -> list[EditRule]:
    """Every rule of the project, enabled or not, in order."""
    rows = project.connection.execute(f"SELECT {_COLUMNS} FROM edit_rules ORDER BY position, id").fetchall()
    return [EditRule(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows]
