"""`python main.py bench pretranslate`: the window's pre-translation against the CLI's, on random weights.

For each architecture a random-weight model (workbench.mt.random_models) is converted to int8 and one
generated article of about 2,500 Vietnamese words is imported into a real project, segmented, and
pre-translated from a fresh copy of that project, alternately by the CLI's path (`run_pretranslation`
with an `EngineDrafter` and no urgent queue) and by the window's job code (`MtService`, headless, on
a Qt event loop), while a few "this segment now" requests (`MtService.translate_now`) arrive at random
moments; their wait is measured from the request to `segment_ready`. Random weights never stop by
themselves, so every output is capped at the same number of tokens on both paths: both decode the
same tokens (the drafts the job made are checked against the CLI's). Both paths share one loaded
engine. Figures are printed, never asserted; the machine's other load shows in the spread.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.bench.mt_bench import build_int8_model, require_convert_extra
from workbench.bench.project_bench import generate_vietnamese_text
from workbench.core.importing.file_import import import_files
from workbench.core.language.language_rules import VIETNAMESE
from workbench.core.ops.pretranslation import plan_pretranslation, run_pretranslation, save_batch
from workbench.core.records import Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.engine import TranslationEngine
from workbench.mt.pipeline import EngineDrafter, TranslateOptions, translate_options
from workbench.mt.speed_stats import seconds_spread
from workbench.mt.speed_workloads import bench_target

if TYPE_CHECKING:
    from workbench.mt.model_choice import EnginePool

Out = Callable[[str], None]

#: the architectures measured when none is named, and how many CLI/window pairs each gets
PAIRS = {"opus-mt-vi-en": 3, "nllb-200-distilled-600M": 2}
#: the article: about 2,500 words of generated press prose
ARTICLE_MEGABYTES = 0.017
#: every output is this many tokens (random weights write until the cap), on both paths alike
OUTPUT_TOKENS = 24
#: "this segment now" requests per window run
URGENT_REQUESTS = 4
BEAM_SIZE = 4


@dataclass(frozen=True, slots=True)
class Run:
    path: str  # "cli" | "window"
    wall: float
    cpu: float
    #: segment id -> its draft
    drafts: dict[int, str]
    #: the waits for "this segment now", and the segments asked for (their drafts are greedy)
    urgent: tuple[float, ...] = ()
    asked: frozenset[int] = frozenset()


def _target(engine: TranslationEngine) -> str:
    """The model's own direction for a one-direction family (opus-mt: English), else Khmer."""
    return bench_target(engine)[0]


def _options(engine: TranslationEngine, target: str) -> Callable[[Settings], TranslateOptions]:
    """The window's options from its settings, with the benchmark's cap (the forced language token counts)."""
    forced = bench_target(engine)[1]

    def options_for(settings: Settings) -> TranslateOptions:
        options = translate_options(settings)
        return replace(options, decoding=replace(options.decoding, max_output_tokens=OUTPUT_TOKENS + forced))

    return options_for


def _drafts(project: Project, language: str) -> dict[int, str]:
    return {
        s.id: t.text
        for s in project.segments()
        if (t := s.translations.get(language)) is not None and t.status is Status.DRAFT
    }


def _cli_run(template: Path, work: Path, engine: TranslationEngine, model: str, options: TranslateOptions) -> Run:
    """What `python main.py translate` does for one language (no memory), on a fresh copy of the project."""
    path = shutil.copy(template, work / "cli.wbp")
    target = _target(engine)
    wall, cpu = time.perf_counter(), time.process_time()
    with Project.open(Path(path)) as project:
        plan = plan_pretranslation(project, target, model, options.cache_key())
        drafter = EngineDrafter(engine, project.info.source_language, options)
        run_pretranslation(plan, drafter, lambda p, name, batch: save_batch(project, p, name, batch))
        run = Run("cli", time.perf_counter() - wall, time.process_time() - cpu, _drafts(project, target))
    Path(path).unlink()
    return run


def _window_run(
    template: Path, work: Path, pool: EnginePool, engine: TranslationEngine, expected: float, seed: int
) -> Run:
    """The window's job on a fresh copy of the project, with "this segment now" at random moments."""
    from PySide6.QtCore import QEventLoop, QTimer

    from workbench.ui.mt_jobs import MtService

    path = shutil.copy(template, work / "window.wbp")
    target = _target(engine)
    rng = random.Random(seed)
    project = Project.open(Path(path))
    service = MtService(project, pool.settings, pool)
    service.options_for = _options(engine, target)
    loop = QEventLoop()
    asked: dict[int, float] = {}
    answered: dict[int, float] = {}
    lock = threading.Lock()
    drafted: set[int] = set()
    ended: list[str] = []

    def ready(segment_id: int, *_args: object) -> None:  # in the worker that answered: the time it answered
        with lock:
            answered[segment_id] = time.perf_counter()

    def ask() -> None:
        waiting = [i for i in project.segment_ids() if i not in drafted and i not in asked]
        if not waiting or ended:
            return
        segment = project.segment(rng.choice(waiting))
        with lock:
            asked[segment.id] = time.perf_counter()
        service.translate_now(segment, target)

    def maybe_quit() -> None:
        if ended and len(answered) == len(asked) and not service.segments_asked_for:
            loop.quit()

    def saved(ids: list[int]) -> None:
        drafted.update(ids)
        maybe_quit()

    def job_ended(_job: int, outcome: str, message: str) -> None:
        ended.append(outcome if outcome == "done" else f"{outcome} {message}")
        maybe_quit()

    def failed(_segment: int, _language: str, message: str) -> None:
        ended.append(f"a segment asked for now failed: {message}")
        loop.quit()

    service.segment_ready.connect(ready)
    service.saved.connect(saved)
    service.job_ended.connect(job_ended)
    service.segment_failed.connect(failed)
    wall, cpu = time.perf_counter(), time.process_time()
    service.start([target], None)
    timers = [QTimer() for _ in range(URGENT_REQUESTS + 1)]  # stopped after the run: none fires in the next
    moments = sorted(rng.uniform(0.1, 0.85) * expected for _ in range(URGENT_REQUESTS))
    moments.append(expected * 10 + 60)  # a stuck job cannot hang the benchmark
    for timer, moment in zip(timers, moments, strict=True):
        timer.setSingleShot(True)
        timer.timeout.connect(ask if timer is not timers[-1] else loop.quit)
        timer.start(int(moment * 1000))
    loop.exec()
    for timer in timers:
        timer.stop()
    run_wall, run_cpu = time.perf_counter() - wall, time.process_time() - cpu
    if ended[:1] != ["done"] or len(ended) > 1:
        raise RuntimeError(f"the window's pre-translation did not finish: {ended or 'timed out'}")
    drafts = _drafts(project, target)
    waits = tuple(answered[i] - asked[i] for i in asked)
    service.shutdown()
    project.close()
    Path(path).unlink()
    return Run("window", run_wall, run_cpu, drafts, waits, frozenset(asked))


def _measure(architecture: str, pairs: int, threads: int, work: Path, out: Out) -> None:
    from workbench.mt.model_choice import EnginePool

    random_model = build_int8_model(architecture, work)
    store = random_model.store
    built = random_model.build_seconds + random_model.convert_seconds
    article = work / "article.txt"
    article.write_text(generate_vietnamese_text(ARTICLE_MEGABYTES), encoding="utf-8")
    pool = EnginePool(store, Settings(back_translate=False), threads=threads)  # drafting alone: no pass after
    loaded = pool.for_model(architecture)
    engine, model = loaded.engine, loaded.model.name
    target = _target(engine)
    pool.settings.mt_models = {target: architecture}
    pool.settings.beam_size = BEAM_SIZE
    template = work / f"{architecture}.wbp"
    with Project.create(template, "bench", VIETNAMESE, [target]) as project:
        import_files(project, [article])
        segments = len(project.segment_ids())
    options = _options(engine, target)(pool.settings)
    with Project.open(template) as project:
        distinct = len(plan_pretranslation(project, target, model, options.cache_key()).units)
    words = len(article.read_text(encoding="utf-8").split())
    out(
        f"{architecture} -> {target}: random weights, int8, {pool.threads or os.cpu_count()} threads "
        f"(built and converted in {built:.0f} s)"
    )
    out(
        f"  article: {words} words, {segments} segments ({distinct} distinct), beam {BEAM_SIZE}, "
        f"every output {OUTPUT_TOKENS} tokens; {URGENT_REQUESTS} 'this segment now' requests per window run"
    )
    runs: list[Run] = []
    for pair in range(pairs):  # interleaved: the machine's drift falls on both paths alike
        cli = _cli_run(template, work, engine, model, options)
        runs += [cli, _window_run(template, work, pool, engine, cli.wall, pair)]
    for path in ("cli", "window"):
        mine = [r for r in runs if r.path == path]
        out(
            f"  {path:6}  wall {seconds_spread([r.wall for r in mine])}; CPU {seconds_spread([r.cpu for r in mine])}"
            f" ({len(mine)} runs)"
        )
    cli_runs = [r for r in runs if r.path == "cli"]
    window_runs = [r for r in runs if r.path == "window"]
    waits = sorted(w for r in window_runs for w in r.urgent)
    same = all(
        {i: t for i, t in r.drafts.items() if i not in r.asked}
        == {i: t for i, t in cli_runs[0].drafts.items() if i not in r.asked}
        for r in window_runs
    )
    out(
        f"  'this segment now' during the job: {len(waits)} requests, "
        + (f"{seconds_spread(waits)}" if waits else "none answered")
        + f"; the job's drafts {'are' if same else 'are NOT'} the CLI's"
    )
    ratio = statistics.median(r.wall for r in cli_runs) / statistics.median(r.wall for r in window_runs)
    urgent = statistics.median(waits) if waits else float("nan")
    out(f"  window/cli throughput: {ratio:.2f}; urgent median: {urgent:.2f} s")


def run_pretranslate_benchmark(architectures: tuple[str, ...], threads: int, out: Out) -> None:
    """For each architecture: wall and CPU time per path, the urgent waits, and
    `window/cli throughput: X.XX; urgent median: Y.YY s`."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    require_convert_extra("the pretranslate benchmark")
    app = QCoreApplication.instance() or QCoreApplication([])
    for architecture in architectures or tuple(PAIRS):
        work = Path(tempfile.mkdtemp(prefix="wb-pretranslate-"))
        try:
            _measure(architecture, PAIRS.get(architecture, 2), threads, work, out)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    del app
