"""`python main.py bench trust`: what back-translation (and the quality estimate after it) costs on an article,
and that "this segment now" is not delayed behind back-translations; random weights of the real architectures.

For each architecture a random-weight model is converted to int8: opus-mt-vi-en drafts vi->en and a second
random Marian of the same architecture, installed as opus-mt-en-vi, back-translates; nllb-200-distilled-600M
drafts vi->km and back-translates km->vi itself (the drafting model goes back: no second model). The article
is about 2,500 words of real Vietnamese press prose (the Sóc Trăng article and the prose sample, segmented by
the project's segmenter) in a real project file. Runs alternate on fresh copies of it (A B A B):
  A  pre-translation alone (the CLI's path, beam 4);
  B  pre-translation, then the back-translation of every draft (greedy) with the quality estimate refreshed
     after each saved batch (core/quality).
Then back-translation alone at beam 1 and beam 4, alternating, which is why back-translations decode greedily;
and "this segment now": a few requests, spaced, answered with nothing else running, during the drafting
(the window's urgent lane), and during the back-translation pass (its drafting lanes), request to answer.
Random weights never stop by themselves, so every output is capped at the same number of tokens; and their
drafts are no text to back-translate (a random Marian's tokens are mostly vocabulary fillers, which detokenize
to nothing), so between drafting and back-translation, off the clock, every draft is set to its source
sentence: the back-translation then decodes inputs of a real draft's length (the random models' tokenizers
are trained on Vietnamese).
Figures are printed, never asserted; the machine's other load shows in the spread.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.bench.mt_bench import build_int8_model, require_convert_extra
from workbench.core.importing.file_import import import_files
from workbench.core.ops.back_translation import BackPlan, plan_back_translation, save_back_translations
from workbench.core.ops.pretranslation import Draft, Unit, plan_pretranslation, run_pretranslation, save_batch
from workbench.core.resources import resource_path
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.back_translation import (
    DraftingLane,
    back_translate_options,
    choose_back_model,
    run_back_translations,
)
from workbench.mt.model_choice import EnginePool
from workbench.mt.model_store import ModelStore
from workbench.mt.pipeline import EngineDrafter, TranslateOptions, UrgentRequests, translate_one, translate_options
from workbench.mt.random_models import build_random_model
from workbench.mt.speed_stats import seconds_spread
from workbench.mt.speed_workloads import bench_target

Out = Callable[[str], None]

#: the architectures measured when none is named, with how many A/B pairs and greedy/beam-4 pairs each gets
#: (nllb is slow on 2 cores: the default run takes about 13 minutes there, 10 of them nllb's)
PAIRS = {"opus-mt-vi-en": (3, 2), "nllb-200-distilled-600M": (2, 1)}
#: the name the random back-translation Marian is installed under (its direction is read from the name)
BACK_MARIAN = "opus-mt-en-vi"
ARTICLE_WORDS = 2500
OUTPUT_TOKENS = 24
BEAM_SIZE = 4
URGENT_REQUESTS = 4
SOC_TRANG = Path(__file__).resolve().parents[2] / "tests" / "data" / "soc-trang-article-vi.txt"


def article_text(words: int = ARTICLE_WORDS) -> str:
    """About `words` words of Vietnamese press prose, in paragraphs: the Sóc Trăng article (when the checkout
    has its tests) and the prose sample's lines."""
    paragraphs: list[str] = []
    if SOC_TRANG.is_file():
        paragraphs += [p.strip() for p in SOC_TRANG.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    sample = resource_path("samples", "segmentation-reference-prose-vi.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in sample.splitlines() if line.strip() and not line.startswith("#")]
    chosen: list[str] = []
    count = 0
    for paragraph in paragraphs + lines:
        if count >= words:
            break
        chosen.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(chosen)


@dataclass(frozen=True, slots=True)
class Timed:
    kind: str
    wall: float
    cpu: float


@dataclass(frozen=True, slots=True)
class Setup:
    pool: EnginePool
    target: str
    model: str
    back_model: str
    drafting: TranslateOptions
    back: TranslateOptions
    template: Path
    work: Path


def _capped(options: TranslateOptions, forced: int) -> TranslateOptions:
    return replace(options, decoding=replace(options.decoding, max_output_tokens=OUTPUT_TOKENS + forced))


def _draft(project: Project, setup: Setup, urgent: UrgentRequests | None = None) -> None:
    engine = setup.pool.for_model(setup.model).engine
    plan = plan_pretranslation(project, setup.target, setup.model, setup.drafting.cache_key())
    drafter = EngineDrafter(engine, project.info.source_language, setup.drafting, urgent)
    run_pretranslation(plan, drafter, lambda p, name, batch: save_batch(project, p, name, batch))


def _back_translate(
    project: Project, setup: Setup, options: TranslateOptions, lanes: Sequence[DraftingLane] = ()
) -> BackPlan:
    plan = plan_back_translation(project, setup.target, setup.back_model, options.cache_key())

    def save(_index: int, p: BackPlan, model: str, batch: list[Draft]) -> list[int]:
        return save_back_translations(project, p, model, batch)

    run_back_translations([plan], setup.pool, options, save, lanes=lanes)
    return plan


def _timed(kind: str, work: Callable[[], object]) -> Timed:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return Timed(kind, time.perf_counter() - wall, time.process_time() - cpu)


def _readable_drafts(project: Project, language: str) -> None:
    """Every machine draft (and the notes about it) set to its source sentence: text to back-translate of a
    real draft's length, where random weights write none (see the module's note)."""
    with project.transaction() as db:
        db.execute(
            """UPDATE translations SET text = (SELECT source FROM segments s WHERE s.id = translations.segment_id)
               WHERE language = ? AND origin = 'mt'""",
            (language,),
        )
        db.execute(
            """UPDATE draft_notes SET draft = (SELECT source FROM segments s WHERE s.id = draft_notes.segment_id)
               WHERE language = ?""",
            (language,),
        )


def _fresh(setup: Setup, name: str, source: Path | None = None) -> Path:
    path = setup.work / name
    shutil.copy(source or setup.template, path)
    return path


def _pair(setup: Setup) -> tuple[Timed, Timed]:
    a_path, b_path = _fresh(setup, "a.wbp"), _fresh(setup, "b.wbp")
    with Project.open(a_path) as project:
        a = _timed("A", lambda: _draft(project, setup))
    with Project.open(b_path) as project:
        drafting = _timed("B", lambda: _draft(project, setup))
        _readable_drafts(project, setup.target)  # off the clock
        backing = _timed("B", lambda: _back_translate(project, setup, setup.back))
        b = Timed("B", drafting.wall + backing.wall, drafting.cpu + backing.cpu)
    a_path.unlink()
    shutil.copy(b_path, setup.work / "drafted.wbp")  # the drafts (and back-translations) of the last B run
    b_path.unlink()
    return a, b


def _back_alone(setup: Setup, beam: int) -> Timed:
    """Back-translation of the drafted copy's drafts, none cached (its back-translations and cache emptied)."""
    path = _fresh(setup, f"beam{beam}.wbp", setup.work / "drafted.wbp")
    options = replace(setup.back, decoding=replace(setup.back.decoding, beam_size=beam))
    with Project.open(path) as project:
        with project.transaction() as db:
            db.execute("UPDATE draft_notes SET back_translation = NULL, back_model = ''")
            db.execute("DELETE FROM back_translations")
        timed = _timed(f"beam {beam}", lambda: _back_translate(project, setup, options))
    path.unlink()
    return timed


class _Asker:
    """Submits "this segment now" requests at spaced moments from a thread of its own; records each wait."""

    def __init__(self, requests: UrgentRequests, units: list[Unit], moments: list[float]) -> None:
        self.waits: list[float] = []
        self._requests, self._units, self._moments = requests, units, moments
        self._thread = threading.Thread(target=self._run, name="bench-asker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        started = time.perf_counter()
        for unit, moment in zip(self._units, self._moments, strict=False):
            time.sleep(max(0.0, started + moment - time.perf_counter()))
            asked = time.perf_counter()
            future = self._requests.submit(unit)
            try:
                future.result(timeout=600)
            except Exception:  # refused: the phase ended before this moment
                continue
            self.waits.append(time.perf_counter() - asked)

    def join(self) -> None:
        self._thread.join()


def _urgent(setup: Setup, drafting_seconds: float, back_seconds: float) -> tuple[list[float], ...]:
    """The waits of "this segment now" (greedy, as the window asks): with nothing else running, during the
    drafting (the window's urgent lane), during the back-translation pass (its drafting lane)."""
    path = _fresh(setup, "urgent.wbp")
    with Project.open(path) as project:
        source = project.info.source_language
        segments = project.segments()
        step = max(1, len(segments) // (3 * URGENT_REQUESTS))
        units = [Unit(s.source, (s.id,), s.spans) for s in segments[::step]]
        quick = setup.drafting.for_urgent()
        engine = setup.pool.for_model(setup.model).engine
        alone = []
        for unit in units[:URGENT_REQUESTS]:
            started = time.perf_counter()
            translate_one(unit, engine, source, setup.target, quick)
            alone.append(time.perf_counter() - started)
        requests = UrgentRequests()
        requests._set_serving(True)  # accepted from the start (translate_units serves them once it runs)
        spaced = [drafting_seconds * (i + 0.5) / (URGENT_REQUESTS + 1) for i in range(URGENT_REQUESTS)]
        drafting = _Asker(requests, units[URGENT_REQUESTS : 2 * URGENT_REQUESTS], spaced)
        drafting.start()
        _draft(project, setup, requests)
        drafting.join()
        _readable_drafts(project, setup.target)
        lane = DraftingLane.open(setup.pool, setup.model, source, setup.target, quick)
        spaced = [back_seconds * (i + 0.5) / (URGENT_REQUESTS + 1) for i in range(URGENT_REQUESTS)]
        backing = _Asker(lane.requests, units[2 * URGENT_REQUESTS :], spaced)
        backing.start()
        _back_translate(project, setup, setup.back, [lane])
        backing.join()
    path.unlink()
    return alone, drafting.waits, backing.waits


def _setup(architecture: str, threads: int, work: Path, out: Out) -> Setup:
    from workbench.mt.families import family

    random_model = build_int8_model(architecture, work)
    store: ModelStore = random_model.store
    built = random_model.build_seconds + random_model.convert_seconds
    pool = EnginePool(store, Settings(), threads=threads)
    loaded = pool.for_model(architecture)
    target, forced = bench_target(loaded.engine)
    if family(loaded.engine.family).fixed_directions:  # Marian: a second model of the architecture goes back
        started = time.perf_counter()
        folder = build_random_model(architecture, work / BACK_MARIAN)
        store.install(folder, name=BACK_MARIAN)
        store.convert(BACK_MARIAN, "int8")
        shutil.rmtree(folder, ignore_errors=True)
        built += time.perf_counter() - started
    back_model = choose_back_model(store, Settings(mt_models={target: architecture}), target, "vi")
    back_forced = 1 if family(pool.for_model(back_model).engine.family).forced_target_token("vi") else 0
    settings = Settings(beam_size=BEAM_SIZE)
    drafting = _capped(translate_options(settings), forced)
    back = back_translate_options(max_output_tokens=OUTPUT_TOKENS + back_forced)
    article = work / "article.txt"
    article.write_text(article_text(), encoding="utf-8")
    template = work / "template.wbp"
    with Project.create(template, "bench", "vi", [target]) as project:
        import_files(project, [article])
        segments = len(project.segment_ids())
        distinct = len(plan_pretranslation(project, target, loaded.model.name, drafting.cache_key()).units)
    words = len(article.read_text(encoding="utf-8").split())
    out(
        f"{architecture}: vi->{target} drafts, {target}->vi back-translations by {back_model}; random weights, int8, "
        f"{pool.threads or os.cpu_count()} threads (built and converted in {built:.0f} s)"
    )
    out(
        f"  article: {words} words, {segments} segments ({distinct} distinct); drafts beam {BEAM_SIZE}, "
        f"back-translations beam {back.decoding.beam_size}; every output {OUTPUT_TOKENS} tokens"
    )
    return Setup(pool, target, loaded.model.name, back_model, drafting, back, template, work)


def _line(label: str, runs: Sequence[Timed]) -> str:
    return (
        f"  {label:44} wall {seconds_spread([r.wall for r in runs])}; CPU {seconds_spread([r.cpu for r in runs])}"
        f" ({len(runs)} runs)"
    )


def _waits(values: Sequence[float]) -> str:
    return f"median {statistics.median(values):.2f} s, max {max(values):.2f} s" if values else "none answered"


def _measure(architecture: str, pairs: int, beam_pairs: int, threads: int, work: Path, out: Out) -> None:
    setup = _setup(architecture, threads, work, out)
    runs: list[Timed] = []
    for _pair_number in range(pairs):  # interleaved: the machine's drift falls on both alike
        runs += _pair(setup)
    a = [r for r in runs if r.kind == "A"]
    b = [r for r in runs if r.kind == "B"]
    out(_line("A pre-translation alone", a))
    out(_line("B + back-translation + quality estimate", b))
    ratio = statistics.median(r.wall for r in b) / statistics.median(r.wall for r in a)
    cpu_ratio = statistics.median(r.cpu for r in b) / statistics.median(r.cpu for r in a)
    out(f"  overhead B/A: wall {ratio:.2f}x, CPU {cpu_ratio:.2f}x")
    beams: list[Timed] = []
    for _pair_number in range(beam_pairs):
        beams += [_back_alone(setup, 1), _back_alone(setup, 4)]
    greedy = [r for r in beams if r.kind == "beam 1"]
    wide = [r for r in beams if r.kind == "beam 4"]
    out(_line("back-translation alone, greedy", greedy))
    out(_line("back-translation alone, beam 4", wide))
    out(
        f"  beam 4 / greedy: wall {statistics.median(r.wall for r in wide) / statistics.median(r.wall for r in greedy):.2f}x"
    )
    back_seconds = statistics.median(r.wall for r in b) - statistics.median(r.wall for r in a)
    alone, drafting, backing = _urgent(setup, statistics.median(r.wall for r in a), max(back_seconds, 1.0))
    out(f"  'this segment now' alone:                {_waits(alone)} ({len(alone)} requests)")
    out(f"  'this segment now' during drafting:      {_waits(drafting)} ({len(drafting)} requests)")
    out(f"  'this segment now' during back-translation: {_waits(backing)} ({len(backing)} requests)")


def run_trust_benchmark(architectures: tuple[str, ...], threads: int, out: Out) -> None:
    """For each architecture: A (pre-translation) and B (+ back-translation + quality estimate), wall and CPU,
    `overhead B/A`, greedy against beam 4 for back-translations, and the waits of "this segment now"."""
    require_convert_extra("the trust benchmark")
    for architecture in architectures or tuple(PAIRS):
        work = Path(tempfile.mkdtemp(prefix="wb-trust-"))
        try:
            _measure(architecture, *PAIRS.get(architecture, (2, 1)), threads, work, out)
        finally:
            shutil.rmtree(work, ignore_errors=True)
