"""A pivot route as the pre-translation use case's `Drafter`: vi->en by one model, then en->km by another.

Each hop is the ordinary pipeline (`translate_units`: batching, long-input splitting, protection), so a
route is never translated differently from a model. The first hop's drafts, their codes and numbers
already put back (`restore_spans`), are the second hop's input; every hop checks its output against the
protected spans of the ORIGINAL source, so a code or a year lost on either hop is flagged on the final
draft. A route's score is its weakest hop's mean log-probability (a draft is as sure as its least sure
step), its flags are every hop's (each said once, as written: the weak-draft rule reads a flag by how
it starts, core/ops/draft_confidence.py).

The project's edit rules and glossary are the route's, not each hop's: the source rules run on the
Vietnamese before the first hop only; no hop decodes with rules or glossary (a pivot is no target, and a
Vietnamese term is not found in English); after the last hop the final language's target rules run on the
tidied draft (as a direct model's run after its tidying, so nothing undoes them), and the glossary's
terms of that language are checked against the original source (the "glossary term not used" flag).
Fixed terms are enforced (placeholders, n-best choice) only on direct models; on a route they are checked,
not enforced: a placeholder would have to survive two models and be put back in the right language.

Batches stream as for one model: a batch of the first hop goes through the later hops at once and is
handed over, so progress (counting every hop's work) and cancel behave as for one model. "Translate this
segment now" is answered through the whole route, greedily, as for one model (mt/pipeline.py): at once in a
lane thread of its own when every hop's engine decodes two calls at once (CTranslate2's second replica),
the job starting no new hop batch meanwhile; else between hop batches (at most one batch of one hop away).
Both serve the pipeline's `UrgentRequests` through its serving protocol (`_set_serving`, `_next`, `_stop`),
the one the pipeline's own lane uses.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace

from workbench.core.errors import WorkbenchError
from workbench.core.ops.pretranslation import Draft, Unit
from workbench.core.progress import Cancelled, Progress
from workbench.mt.engine import TranslationEngine
from workbench.mt.pipeline import (
    TranslateOptions,
    UrgentLane,
    UrgentRequests,
    answer,
    decoding_lock,
    runs_in_parallel,
    translate_one,
    translate_units,
)
from workbench.mt.protection import finish_output


@dataclass(frozen=True, slots=True)
class HopEngine:
    """One hop of a route with its loaded engine (and the lock to hold while it decodes, if any)."""

    source: str
    target: str
    engine: TranslationEngine
    lock: AbstractContextManager[object] | None = None


def _combined(previous: Draft, later: Draft, unit: Unit, target: str, options: TranslateOptions) -> Draft:
    """The later hop's text for the original unit: the weaker hop's score, both hops' flags once each.
    The text is tidied again after the original source (a Khmer draft ends with a khan where the
    Vietnamese sentence ended, whatever the pivot did; the pipeline's tidying is idempotent)."""
    flags = tuple(dict.fromkeys(previous.flags + later.flags))
    text = finish_output(later.text, unit.source, target, options.khmer_digits, unit.spans)
    return Draft(unit, text, min(previous.score, later.score), flags, _combined_meta(previous, later))


def _combined_meta(previous: Draft, later: Draft) -> dict[str, object]:
    """The later hop's signals with the weaker hop's mean log-probability; every hop's terms and rules once."""
    meta: dict[str, object] = dict(later.meta)
    signals = dict(later.meta.get("signals", {}))
    first = previous.meta.get("signals", {})
    if signals and first:
        signals["mean_logprob"] = min(signals.get("mean_logprob", 0.0), first.get("mean_logprob", 0.0))
        lows = [v for v in (signals.get("min_logprob"), first.get("min_logprob")) if v is not None]
        signals["min_logprob"] = min(lows) if lows else None
        signals["spans_lost"] = max(signals.get("spans_lost", 0), first.get("spans_lost", 0))
        signals["runaway"] = bool(signals.get("runaway") or first.get("runaway"))
        meta["signals"] = signals
    for key in ("terms", "rules"):
        joined = list(dict.fromkeys([*previous.meta.get(key, []), *later.meta.get(key, [])]))
        if joined:
            meta[key] = joined
    return meta


def hop_options(options: TranslateOptions, index: int) -> TranslateOptions:
    """What hop `index` decodes with: the route's options without its glossary, and with only its source
    rules on the first hop and no rules on the others (the target rules run on the final draft)."""
    rules = options.rules.only("source") if index == 0 and options.rules is not None else None
    return replace(options, rules=rules, terms=None)


def _finished(draft: Draft, target: str, options: TranslateOptions) -> Draft:
    """The route's final draft as a direct model's ends: the final language's target rules on the tidied
    text, then that language's glossary terms checked against the original source."""
    text, flags, meta = draft.text, draft.flags, dict(draft.meta)
    if options.rules is not None:
        ruled = options.rules.apply_target(target, text, draft.unit.spans)
        text, flags = ruled.text, flags + ruled.flags
        if ruled.applied:
            meta["rules"] = list(dict.fromkeys([*meta.get("rules", []), *ruled.applied]))
    if options.terms is not None:
        flags += options.terms.missing(draft.unit.source, text, target)
    return replace(draft, text=text, flags=tuple(dict.fromkeys(flags)), meta=meta)


def pivot_unit(draft: Draft) -> Unit:
    """The next hop's input: the previous hop's restored text, checked against the original spans."""
    return Unit(draft.text, draft.unit.segment_ids, draft.unit.spans)


def translate_through(unit: Unit, hops: Sequence[HopEngine], options: TranslateOptions) -> Draft:
    """One unit through every hop (for "translate this segment now"), finished as the job's drafts are."""
    first = hops[0]
    with decoding_lock(first.engine, first.lock):
        draft = translate_one(unit, first.engine, first.source, first.target, hop_options(options, 0))
    for index, hop in enumerate(hops[1:], start=1):
        if not draft.text.strip():
            break
        with decoding_lock(hop.engine, hop.lock):
            later = translate_one(pivot_unit(draft), hop.engine, hop.source, hop.target, hop_options(options, index))
        draft = _combined(draft, later, unit, hop.target, options)
    return _finished(draft, hops[-1].target, options)


class _RouteProgress:
    """Every hop's work counted in one bar: a route of two hops over N segments is 2N steps."""

    def __init__(self, parent: Progress, segments: int, hops: int) -> None:
        self.parent = parent
        self.total = segments * hops
        #: per hop: segments of its finished calls (the first hop has one call for the whole job)
        self.finished = [0] * hops
        #: per hop: segments done by its call under way
        self.running = [0] * hops

    def hop(self, index: int) -> _HopProgress:
        return _HopProgress(self, index)

    def call_done(self, index: int, segments: int) -> None:
        self.finished[index] += segments
        self.running[index] = 0

    def done(self) -> int:
        return sum(self.finished) + sum(self.running)


class _HopProgress:
    def __init__(self, route: _RouteProgress, index: int) -> None:
        self.route, self.index = route, index

    def report(self, done: int, total: int, message: str = "") -> None:
        self.route.running[self.index] = done
        self.route.parent.report(self.route.done(), self.route.total, message)

    def is_cancelled(self) -> bool:
        return self.route.parent.is_cancelled()


class RouteDrafter:
    """Drafts through every hop of a route; `model` is the route's text, which the drafts record and the
    cache keys on."""

    def __init__(
        self,
        model: str,
        hops: Sequence[HopEngine],
        options: TranslateOptions,
        urgent: UrgentRequests | None = None,
    ) -> None:
        if len(hops) < 2:
            raise WorkbenchError(f"the route {model} needs two hops or more")
        self._model = model
        self.hops = tuple(hops)
        self.options = options
        self.urgent = urgent

    @property
    def model(self) -> str:
        return self._model

    def translate_one(self, unit: Unit, options: TranslateOptions | None = None) -> Draft:
        return translate_through(unit, self.hops, options or self.options)

    def drafts(self, units: Sequence[Unit], language: str, progress: Progress) -> Generator[list[Draft], None, None]:
        if language != self.hops[-1].target:
            raise WorkbenchError(f"the route {self._model} translates into {self.hops[-1].target}, not {language}")
        segments = sum(len(u.segment_ids) for u in units)
        counter = _RouteProgress(progress, segments, len(self.hops))
        progress.report(0, counter.total, "")
        first = self.hops[0]
        options = hop_options(self.options, 0)
        batches = translate_units(units, first.engine, first.source, first.target, options, counter.hop(0))
        lane: UrgentLane | None = None
        if self.urgent is not None:
            self.urgent._set_serving(True)
        if self.urgent is not None and all(runs_in_parallel(hop.engine) for hop in self.hops):
            urgent = self.options.for_urgent()
            lane = UrgentLane(self.urgent, lambda unit: self.translate_one(unit, urgent), "urgent-route-translation")
            before_batch: Callable[[], None] = lane.wait_until_answered
        else:
            before_batch = self._serve_urgent
        saved = 0
        try:
            while True:
                before_batch()
                with decoding_lock(first.engine, first.lock):
                    batch = next(batches, None)
                if batch is None:
                    return
                drafts = self._later_hops(batch, counter, before_batch)
                saved += sum(len(d.unit.segment_ids) for d in drafts)
                yield drafts
        except Cancelled:
            raise Cancelled(f"stopped after {saved} of {segments} segments") from None
        finally:
            batches.close()
            if lane is not None:
                lane.close()
            elif self.urgent is not None:
                self.urgent._set_serving(False)
                self._serve_urgent()

    def _later_hops(self, batch: list[Draft], counter: _RouteProgress, before_batch: Callable[[], None]) -> list[Draft]:
        """A first-hop batch through the other hops; the drafts come back for the original units.
        `before_batch` runs before each hop batch (an urgent request is answered or waited for)."""
        originals = {d.unit.segment_ids: d.unit for d in batch}
        drafts = batch
        for index, hop in enumerate(self.hops[1:], start=1):
            done: dict[tuple[int, ...], Draft] = {d.unit.segment_ids: d for d in drafts if not d.text.strip()}
            pivots = [pivot_unit(d) for d in drafts if d.text.strip()]
            previous = {d.unit.segment_ids: d for d in drafts}
            options = hop_options(self.options, index)
            calls = translate_units(pivots, hop.engine, hop.source, hop.target, options, counter.hop(index))
            try:
                while True:
                    before_batch()
                    with decoding_lock(hop.engine, hop.lock):
                        later = next(calls, None)
                    if later is None:
                        break
                    for draft in later:
                        ids = draft.unit.segment_ids
                        done[ids] = _combined(previous[ids], draft, originals[ids], hop.target, self.options)
            finally:
                calls.close()
            counter.call_done(index, sum(len(u.segment_ids) for u in pivots))
            drafts = [done[d.unit.segment_ids] for d in drafts]
        # every draft is for its original unit: the first hop's were decoded from it, a unit whose pivot came
        # out empty keeps its (empty) draft, and _combined gives the others their original unit
        return [_finished(d, self.hops[-1].target, self.options) for d in drafts]

    def _serve_urgent(self) -> None:
        """Between hop batches: answer the segments asked for now, through the whole route, greedily."""
        if self.urgent is None:
            return
        urgent = self.options.for_urgent()
        for unit, future in self.urgent.take():
            answer(unit, future, lambda u: self.translate_one(u, urgent))
