"""Every signal the quality estimate reads about one machine draft, from what the project stores.

- mean_logprob, min_logprob, length_ratio, spans_lost, runaway: what the MT pipeline recorded while
  decoding (meta["signals"]); mean_logprob falls back on the draft's score (the same number, kept on
  every draft before the notes existed); min_logprob is None while the engine gives no token scores.
- qa_findings, qa_errors: how many findings the QA checks (core/qa) make on the draft text, and how many
  of them are errors ("untranslated" does not apply; the findings a person ignored on that segment stay out).
- round_trip: chrF between the source and the draft's back-translation into the source language, 0-1;
  None with no back-translation.
- agreement: chrF between this draft and the drafts other models made of the same source in the same
  language (the MT cache; their mean when several), 0-1; None when only one model drafted it.

chrF is sacrebleu's, set per script as `models evaluate` sets it (mt/evaluation_metrics.py): chrF++ for a
spaced language, chrF without word bigrams for Khmer.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sacrebleu.metrics import CHRF

from workbench.core.language.language_rules import chrf_word_order
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.qa.checks import Severity, Subject, check_subject
from workbench.core.qa.live_context import QaContext
from workbench.core.records import Origin, Status

#: the decoding signals the pipeline records (meta["signals"])
DECODING = ("mean_logprob", "min_logprob", "length_ratio", "spans_lost", "runaway")


@lru_cache(maxsize=4)
def _chrf(word_order: int) -> CHRF:
    return CHRF(word_order=word_order)


def chrf(hypothesis: str, reference: str, language: str) -> float:
    """Sentence chrF (chrF++ for spaced scripts, chrF for Khmer), 0-1."""
    if not hypothesis.strip() or not reference.strip():
        return 0.0
    return round(_chrf(chrf_word_order(language)).sentence_score(hypothesis, [reference]).score / 100, 4)


@dataclass(frozen=True, slots=True)
class DraftFacts:
    """What is stored about one machine draft of one segment (the notes, the segment, the cache)."""

    segment_id: int
    source: str
    spans: tuple[ProtectedSpan, ...]
    draft: str
    model: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    score: float | None = None
    back_translation: str | None = None


def qa_counts(facts: DraftFacts, language: str, context: QaContext) -> tuple[int, int]:
    """(findings, errors) of the QA checks on the draft as if it were in the cell."""
    subject = Subject(
        facts.source, facts.draft, language, Status.DRAFT, Origin.MT, facts.spans,
        tuple(context.finder.find(facts.source)),
    )  # fmt: skip
    ignored = frozenset(context.ignored.get((facts.segment_id, language), ()))
    found = [p for p in check_subject(subject, facts.segment_id, ignored) if p.check_id != "untranslated"]
    return len(found), sum(1 for p in found if p.severity is Severity.ERROR)


def draft_signals(
    facts: DraftFacts, language: str, source_language: str, context: QaContext, others: Sequence[str] = ()
) -> dict[str, Any]:
    """The full signal set of one draft (`others`: other models' drafts of the same source)."""
    recorded = facts.meta.get("signals", {})
    recorded = recorded if isinstance(recorded, Mapping) else {}
    signals: dict[str, Any] = {name: recorded.get(name) for name in DECODING}
    if signals["mean_logprob"] is None and facts.score is not None:
        signals["mean_logprob"] = facts.score
    signals["spans_lost"] = signals["spans_lost"] or 0
    signals["runaway"] = bool(signals["runaway"])
    signals["qa_findings"], signals["qa_errors"] = qa_counts(facts, language, context)
    back = facts.back_translation
    signals["round_trip"] = chrf(back, facts.source, source_language) if back else None
    agreements = [chrf(facts.draft, other, language) for other in others]
    signals["agreement"] = round(sum(agreements) / len(agreements), 4) if agreements else None
    return signals


def _next_value(db: sqlite3.Connection, column: str, where: str, args: Sequence[object]) -> Iterable[str]:
    """The distinct values of an indexed column in ascending order, one index step each (a skip scan)."""
    value: str | None = ""
    while True:
        row = db.execute(
            f"SELECT min({column}) FROM mt_cache WHERE {where} AND {column} > ?", [*args, value]
        ).fetchone()
        value = row[0]
        if value is None:
            return
        yield value


def other_drafts(
    db: sqlite3.Connection, language: str, sources: Iterable[str], model: str | Mapping[str, str]
) -> dict[str, list[str]]:
    """Per source, the cached drafts in `language` of the models other than the draft's own (`model`: one
    name for every source, or the model per source), one per other model."""
    wanted = list(dict.fromkeys(sources))
    found: dict[str, dict[str, str]] = {}
    if not wanted:
        return {}
    for name in list(_next_value(db, "model", "1 = 1", ())):
        for options in list(_next_value(db, "options", "model = ?", (name,))):
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = db.execute(
                    f"""SELECT source, text FROM mt_cache WHERE model = ? AND options = ? AND language = ?
                        AND source IN ({",".join("?" * len(chunk))})""",
                    [name, options, language, *chunk],
                )
                for source, text in rows:
                    own = model if isinstance(model, str) else model.get(source, "")
                    if name != own:
                        found.setdefault(source, {}).setdefault(name, text)
    return {source: list(by_model.values()) for source, by_model in found.items()}
