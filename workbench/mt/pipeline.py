"""Pre-translation: everything around the model that makes its drafts usable and cheap.

`translate_units` is the long work, a plain function with a progress/cancel object that touches no
database (the UI runs it on a worker thread); `EngineDrafter` offers it to the pre-translation use
case (`core/ops/pretranslation.py`), which plans and saves for the CLI and the window alike.
Identical sources are translated once, sorted by length and batched by tokens; long inputs are cut
at clause boundaries; protected spans are checked and restored; Khmer output is normalised; an output
that stopped at its length cap or repeats a phrase is flagged (mt/runaway.py), which makes the draft weak.

"Translate this segment now" during a pre-translation: an engine that decodes two calls at once
(CTranslate2 with two replicas sharing one copy of the weights, `Ct2Engine.parallel_calls`) answers
the request the moment it arrives, in a lane thread of its own, while the job's batch goes on
decoding; the job keeps the CLI's batch sizes and starts no new batch while a request is answered.
Chosen by measuring on random-weight models of the real architectures, 2 shared cores, interleaved in
one process: served between batches, short batches made the window 1.5-2.2x slower than the CLI
and still left a request waiting (median 0.4-0.7 s for opus-mt-vi-en, 2.6 s for nllb-200-distilled-600M,
issue 14), the CLI's batches left it waiting 1.2-4.7 s (opus-mt-vi-en); a second
`ctranslate2.Translator` of one thread answered in 0.8-2.1 s and loads the weights twice
(peak 1681 MB instead of 1056 MB for nllb-200-distilled-600M, 270 instead of 184 MB for opus-mt-vi-en);
the second replica answered in 0.4-0.9 s, costs under 10 MB, and the job runs at the CLI's speed
(`bench pretranslate`). The request shares the CPU with the batch under way, so on 2 cores it takes
about twice as long as alone. An engine decoding one call at a time (the transformers reference
backend) serves requests between batches kept short instead.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace

from workbench.core.language.protected_spans import find_protected_spans
from workbench.core.memory.glossary import target_key
from workbench.core.ops.edit_rules import RuleSet
from workbench.core.ops.pretranslation import Draft, Unit
from workbench.core.progress import Cancelled, NullProgress, Progress
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import plain_text
from workbench.mt.engine import DecodingOptions, Hypothesis, TranslationEngine
from workbench.mt.long_inputs import split_for_model
from workbench.mt.protection import finish_output, restore_spans
from workbench.mt.runaway import runaway_flags
from workbench.mt.tag_transfer import transfer_tags
from workbench.mt.term_enforcement import ProtectedSource, TermPlan

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TranslateOptions:
    decoding: DecodingOptions = field(default_factory=DecodingOptions)
    khmer_digits: bool = False
    #: a batch holds at most this many source tokens (and `max_batch_segments` segments)
    max_batch_tokens: int = 2048
    max_batch_segments: int = 32
    #: with an engine that decodes one call at a time, batches are kept this short while a translator may
    #: ask for a segment now, so the request waits little (an engine with a second replica needs no such cut)
    responsive_batch_seconds: float = 0.15
    #: a segment the translator is waiting for is decoded greedily: several times faster than beam 4 on a
    #: CPU, and close in quality for these models; the draft stays a draft either way
    urgent_beam_size: int = 1
    #: the project's edit rules (applied to the source before MT and to the output after), None: none
    rules: RuleSet | None = None
    #: the project's glossary, enforced in the output (placeholders for fixed terms, n-best for the others)
    terms: TermPlan | None = None

    def for_urgent(self) -> TranslateOptions:
        return replace(self, decoding=replace(self.decoding, beam_size=self.urgent_beam_size))

    def cache_key(self) -> str:
        key = f"{self.decoding.cache_key()};khmer_digits={int(self.khmer_digits)}"
        if self.rules is not None and self.rules.key:
            key += f";rules={self.rules.key}"
        if self.terms is not None and self.terms.key:
            key += f";terms={self.terms.key}"
        return key


def translate_options(settings: Settings, project: Project | None = None) -> TranslateOptions:
    """The options the user's settings give a pre-translation (the window's, the CLI's, and what `models evaluate`
    measures); with a project, its edit rules and glossary too."""
    options = TranslateOptions(
        decoding=DecodingOptions(beam_size=settings.beam_size, token_scores=settings.word_scores),
        khmer_digits=settings.khmer_digits,
    )
    if project is None:
        return options
    return replace(options, rules=RuleSet.from_project(project), terms=TermPlan.from_project(project))


class UrgentRequests:
    """The translator is waiting for this segment: served during a running pre-translation, at once or before its
    next batch (`translate_units`)."""

    def __init__(self) -> None:
        #: requests in order; None marks the end of serving (`_stop`)
        self._queue: queue.Queue[tuple[Unit, Future[Draft]] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._serving = False

    @property
    def serving(self) -> bool:
        """Whether a pre-translation is running to serve requests; if not, translate the segment directly."""
        return self._serving

    def submit(self, unit: Unit) -> Future[Draft]:
        future: Future[Draft] = Future()
        with self._lock:
            if not self._serving:
                future.set_exception(RuntimeError("no pre-translation is running: translate the segment directly"))
                return future
            self._queue.put((unit, future))
        return future

    def _set_serving(self, serving: bool) -> None:
        with self._lock:
            self._serving = serving

    def take(self) -> list[tuple[Unit, Future[Draft]]]:
        taken: list[tuple[Unit, Future[Draft]]] = []
        while True:
            try:
                request = self._queue.get_nowait()
            except queue.Empty:
                return taken
            if request is not None:
                taken.append(request)

    def _next(self) -> tuple[Unit, Future[Draft]] | None:
        """The next request, waiting for one; None once serving has stopped and every request is answered."""
        return self._queue.get()

    def _stop(self) -> None:
        """No new requests; the ones already queued are still answered (they are ahead of the end mark)."""
        with self._lock:
            self._serving = False
            self._queue.put(None)  # after every accepted request


def runs_in_parallel(engine: TranslationEngine) -> bool:
    """Whether the engine decodes a second call while one runs (so a request need not wait for a batch)."""
    return getattr(engine, "parallel_calls", 1) >= 2


def decoding_lock(
    engine: TranslationEngine, lock: AbstractContextManager[object] | None
) -> AbstractContextManager[object]:
    """What to hold while the engine decodes: its lock, unless it decodes calls in parallel by itself."""
    return lock if lock is not None and not runs_in_parallel(engine) else nullcontext()


class UrgentLane:
    """A thread answering urgent requests as they arrive, on the engine's second replica, while the job's
    batch decodes on the first. The job starts no new batch while a request is being answered, so the
    request competes for the CPU with the rest of one batch at most. `serve` drafts one unit (a model's
    `translate_one`, or a whole route's); the caller has set the queue serving."""

    def __init__(
        self, urgent: UrgentRequests, serve: Callable[[Unit], Draft], name: str = "urgent-translation"
    ) -> None:
        self._urgent = urgent
        self._serve = serve
        self._answering = threading.Condition()
        self._busy = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (request := self._urgent._next()) is not None:
            with self._answering:
                self._busy = True
            try:
                answer(*request, self._serve)
            finally:
                with self._answering:
                    self._busy = False
                    self._answering.notify_all()

    def wait_until_answered(self) -> None:
        """Before the job's next batch: let the request being answered have the CPU to itself."""
        with self._answering:
            self._answering.wait_for(lambda: not self._busy, timeout=60)

    def close(self) -> None:
        """No new requests; those already queued are answered first."""
        self._urgent._stop()
        self._thread.join()


def translate_one(unit: Unit, engine: TranslationEngine, source: str, target: str, options: TranslateOptions) -> Draft:
    return _translate_batch([unit], engine, source, target, options)[0]


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One unit as it goes to the model: edit rules applied, fixed terms behind placeholders, split in pieces."""

    protected: ProtectedSource
    pieces: list[str]
    separators: list[str]
    rules: tuple[str, ...]
    flags: tuple[str, ...]


def _prepare(unit: Unit, engine: TranslationEngine, target: str, options: TranslateOptions) -> _Prepared:
    text = unit.source
    applied: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    if options.rules is not None:
        ruled = options.rules.apply_source(unit.source, unit.spans)
        text, applied, flags = ruled.text, ruled.applied, ruled.flags
    protected = options.terms.protect(text, target, unit.spans) if options.terms is not None else ProtectedSource(text)
    split = split_for_model(protected.text, engine.count_tokens, engine.max_input_tokens)
    return _Prepared(protected, [p for p, _sep in split], [sep for _p, sep in split], applied, flags)


def _decode(
    pieces: list[str], engine: TranslationEngine, source: str, target: str, options: TranslateOptions
) -> tuple[list[Hypothesis], list[tuple[str, ...]]]:
    """Every piece's hypothesis and the glossary terms enforced in it. Pieces with a term to enforce are decoded
    with several hypotheses and the one using the glossary is chosen; the others, as usual, in one call."""
    terms = options.terms
    wanted = [i for i, piece in enumerate(pieces) if terms is not None and terms.wants_hypotheses(piece, target)]
    if terms is None or not wanted:
        return engine.translate_batch(pieces, source, target, options.decoding), [()] * len(pieces)
    chosen: list[Hypothesis | None] = [None] * len(pieces)
    enforced: list[tuple[str, ...]] = [()] * len(pieces)
    asked = set(wanted)
    plain = [i for i in range(len(pieces)) if i not in asked]
    if plain:
        decoded = engine.translate_batch([pieces[i] for i in plain], source, target, options.decoding)
        for i, h in zip(plain, decoded, strict=True):
            chosen[i] = h
    wide = replace(options.decoding, num_hypotheses=max(options.decoding.num_hypotheses, terms.num_hypotheses))
    for i, h in zip(wanted, engine.translate_batch([pieces[i] for i in wanted], source, target, wide), strict=True):
        choice = terms.choose(pieces[i], h, target)
        chosen[i], enforced[i] = choice.hypothesis, choice.enforced
    return [h for h in chosen if h is not None], enforced


def _signals(parts: Sequence[Hypothesis], score: float, spans_lost: int, runaway: bool) -> dict[str, object]:
    """What the decoding itself says about a draft, for the quality estimate (core/quality)."""
    token_scores = [t for h in parts for t in h.token_scores]
    output_tokens = sum(len(h.tokens) for h in parts)
    input_tokens = sum(h.input_tokens for h in parts)
    return {
        "mean_logprob": round(score, 4),
        "min_logprob": round(min(token_scores), 4) if token_scores else None,
        "length_ratio": round(output_tokens / input_tokens, 4) if input_tokens else None,
        "spans_lost": spans_lost,
        "runaway": runaway,
    }


def _translate_batch(
    units: Sequence[Unit], engine: TranslationEngine, source: str, target: str, options: TranslateOptions
) -> list[Draft]:
    tagged = list(units)
    units = [_untagged(unit) for unit in units]  # the model sees plain text; the tags go back at the end
    prepared = [_prepare(unit, engine, target, options) for unit in units]
    pieces = [piece for p in prepared for piece in p.pieces]
    hypotheses, enforced = _decode(pieces, engine, source, target, options)
    drafts = []
    at = 0
    for unit, original, ready in zip(units, tagged, prepared, strict=True):
        count = len(ready.pieces)
        parts = hypotheses[at : at + count]
        terms_used = tuple(dict.fromkeys(t for e in enforced[at : at + count] for t in e))
        at += count
        joined = "".join(h.text + (" " if sep else "") for h, sep in zip(parts, ready.separators, strict=True))
        joined = joined.strip()
        term_flags: tuple[str, ...] = ()
        if options.terms is not None:
            joined, term_flags = options.terms.restore(ready.protected, joined)
            # a placeholder the model dropped is flagged by restore, not recorded as enforced
            terms_used += tuple(t for _ph, t in ready.protected.placeholders if target_key(t) in target_key(joined))
        checked = restore_spans(joined, unit.spans)
        text = finish_output(checked.text, unit.source, target, options.khmer_digits, unit.spans)
        rules, rule_flags = ready.rules, ready.flags
        if options.rules is not None:
            ruled = options.rules.apply_target(target, text, unit.spans)
            text, rules, rule_flags = ruled.text, rules + ruled.applied, rule_flags + ruled.flags
        missing = options.terms.missing(unit.source, text, target) if options.terms is not None else ()
        score = sum(h.score * max(1, len(h.tokens)) for h in parts) / max(1, sum(max(1, len(h.tokens)) for h in parts))
        runaway = [
            f
            for h, piece in zip(parts, ready.pieces, strict=True)
            for f in runaway_flags(h.tokens, h.cap, h.input_tokens, piece)
        ]
        flags = checked.flags + tuple(dict.fromkeys(runaway)) + term_flags + missing + rule_flags
        meta: dict[str, object] = {"signals": _signals(parts, score, len(checked.flags), bool(runaway))}
        if terms_used:
            meta["terms"] = list(dict.fromkeys(terms_used))
        if rules:
            meta["rules"] = list(rules)
        if original.tags:
            text, tag_flags = transfer_tags(original.source, text, original.tags)
            flags += tag_flags
        drafts.append(Draft(original, text, score, tuple(dict.fromkeys(flags)), meta))
    return drafts


def _untagged(unit: Unit) -> Unit:
    """`unit` as the model should see it: without tag markers (a line break a space), its protected spans
    found again in that text (their offsets were in the text with markers)."""
    if not unit.tags:
        return unit
    plain = plain_text(unit.source, unit.tags, " ")
    return Unit(plain, unit.segment_ids, tuple(find_protected_spans(plain)))


def _sorted_by_length(units: Sequence[Unit], engine: TranslationEngine) -> list[tuple[int, Unit]]:
    """Similar lengths batch together with less padding."""
    return sorted(((engine.count_tokens(u.source), u) for u in units), key=lambda pair: pair[0])


def _next_batch(sized: list[tuple[int, Unit]], start: int, options: TranslateOptions, max_segments: int) -> int:
    """End index of the batch starting at `start`, cut by token count and segment count."""
    end, tokens = start, 0
    while end < len(sized) and end - start < max_segments:
        if end > start and tokens + sized[end][0] > options.max_batch_tokens:
            break
        tokens += sized[end][0]
        end += 1
    return end


def translate_units(
    units: Sequence[Unit],
    engine: TranslationEngine,
    source: str,
    target: str,
    options: TranslateOptions,
    progress: Progress | None = None,
    urgent: UrgentRequests | None = None,
) -> Generator[list[Draft], None, None]:
    """Yield drafts batch by batch. Between batches, urgent requests are served and a cancel is honoured.

    Batches are as large as the options allow, for throughput. With `urgent` (the window, where a
    translator may ask for the segment under the cursor) a request is answered at once on the engine's
    second replica; an engine without one serves it between batches, each sized from the speed measured
    so far to take about `responsive_batch_seconds`, so the request never waits long.
    """
    progress = progress or NullProgress()
    total = sum(len(u.segment_ids) for u in units)
    progress.report(0, total, "")
    sized = _sorted_by_length(units, engine)
    if urgent is None:
        yield from _batches(sized, engine, source, target, options, progress, None, total, options.max_batch_segments)
    elif runs_in_parallel(engine):
        urgent._set_serving(True)
        lane = UrgentLane(urgent, lambda unit: translate_one(unit, engine, source, target, options.for_urgent()))
        try:
            yield from _batches(
                sized,
                engine,
                source,
                target,
                options,
                progress,
                None,
                total,
                options.max_batch_segments,
                lane.wait_until_answered,
            )
        finally:
            lane.close()
    else:
        urgent._set_serving(True)
        try:
            yield from _batches(sized, engine, source, target, options, progress, urgent, total, 2)
        finally:
            urgent._set_serving(False)
            _serve_urgent(urgent, engine, source, target, options)


def _batches(
    sized: list[tuple[int, Unit]],
    engine: TranslationEngine,
    source: str,
    target: str,
    options: TranslateOptions,
    progress: Progress,
    urgent: UrgentRequests | None,
    total: int,
    max_segments: int,
    before_batch: Callable[[], None] = lambda: None,
) -> Iterator[list[Draft]]:
    done = 0
    start = 0
    while start < len(sized):
        _serve_urgent(urgent, engine, source, target, options)
        before_batch()
        if progress.is_cancelled():
            raise Cancelled(f"stopped after {done} of {total} segments")
        end = _next_batch(sized, start, options, max_segments)
        batch = [unit for _size, unit in sized[start:end]]
        began = time.perf_counter()
        drafts = _translate_batch(batch, engine, source, target, options)
        if urgent is not None:
            per_segment = (time.perf_counter() - began) / len(batch)
            wanted = (
                int(options.responsive_batch_seconds / per_segment) if per_segment > 0 else options.max_batch_segments
            )
            max_segments = max(1, min(options.max_batch_segments, wanted))
        start = end
        done += sum(len(u.segment_ids) for u in batch)
        yield drafts
        progress.report(done, total, "")


def _serve_urgent(
    urgent: UrgentRequests | None, engine: TranslationEngine, source: str, target: str, options: TranslateOptions
) -> None:
    if urgent is None:
        return
    for unit, future in urgent.take():
        answer(unit, future, lambda u: translate_one(u, engine, source, target, options.for_urgent()))


def answer(unit: Unit, future: Future[Draft], translate: Callable[[Unit], Draft]) -> None:
    """Answer one request: its draft, or the error for the waiting caller (the pre-translation goes on)."""
    if future.set_running_or_notify_cancel():
        try:
            future.set_result(translate(unit))
        except Exception as exc:  # the waiting caller gets the error, the pre-translation goes on
            future.set_exception(exc)


@dataclass(frozen=True, slots=True)
class EngineDrafter:
    """The pipeline as the pre-translation use case's `Drafter`: one engine and the job's options.

    The window passes its urgent queue (a segment asked for now is served at once, or between batches)
    and the engine's lock, held while a batch decodes so "translate this segment now" of another
    language can use the engine in between; an engine that decodes in parallel needs no lock.
    """

    engine: TranslationEngine
    source: str
    options: TranslateOptions
    urgent: UrgentRequests | None = None
    lock: AbstractContextManager[object] | None = None

    @property
    def model(self) -> str:
        return self.engine.model_name

    def drafts(self, units: Sequence[Unit], language: str, progress: Progress) -> Generator[list[Draft], None, None]:
        batches = translate_units(units, self.engine, self.source, language, self.options, progress, self.urgent)
        try:
            while True:
                with decoding_lock(self.engine, self.lock):
                    batch = next(batches, None)
                if batch is None:
                    return
                yield batch
        finally:
            batches.close()
