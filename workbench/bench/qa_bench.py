"""`python main.py bench qa`: every quality check over a project of 100,000 translated segments, in each
way the checks run: one process, the CLI's forked workers, the window's workers (started without forking
the Qt process), interleaved, with the findings checked identical; then smaller projects, for thresholds."""

from __future__ import annotations

import os
import re
import statistics
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.bench.project_bench import build_big_project
from workbench.core.language.language_rules import ENGLISH, KHMER
from workbench.core.language.protected_spans import find_protected_spans, number_values
from workbench.core.memory.glossary import Term, add_term
from workbench.core.qa import project_run
from workbench.core.qa.checks import CHECKS, Problem
from workbench.core.qa.parallel_run import window_start_method
from workbench.core.qa.project_run import check_project
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

GLOSSARY = [("Ủy ban nhân dân tỉnh", "Provincial People's Committee"), ("An Giang", "An Giang")]


def _translation_like(source: str) -> str:
    """An English stand-in that carries the source's codes, addresses and numbers, as a careful translation
    does, padded to a plausible length: the checks then work as hard as on real text, and find what they
    would find there (lengths, glossary terms, punctuation), not a flood of missing codes."""
    found = find_protected_spans(source)
    spans = [span.text for span in found if span.kind not in ("number", "date")]
    spans += [" ".join(number_values(span.text)) for span in found if span.kind == "date"]
    numbers = [n for n in re.findall(r"\d+(?:[.,]\d+)*", source) if not any(n in span for span in spans)]
    terms = [english for vietnamese, english in GLOSSARY if vietnamese.casefold() in source.casefold()]
    words = ["The province", "reported", *spans, *numbers, *terms, "as part of the plan for", "cultural diplomacy"]
    text = " ".join(words)
    while len(text) < len(source) * 0.8:
        text += " and its partners in the Mekong Delta"
    return text + source.rstrip()[-1:] if source.rstrip()[-1:] in ".!?:;" else text


def _with_faults(text: str, source: str) -> str:
    """Some segments carry the mistakes people make, so the findings' path (reporting, not only checking)
    is measured too: a number changed, a doubled space, a forbidden alternative of a glossary term. Chosen
    by the source, so repeated sources keep one translation (no flood of inconsistencies)."""
    index = zlib.crc32(source.encode("utf-8"))
    if index % 7 == 0:
        text = re.sub(r"\d", "9", text, count=1)
    if index % 11 == 0:
        text = text.replace(" ", "  ", 1)
    if index % 13 == 0:
        text += " with the People's Committee of the province"
    return text


def _filled_project(path: Path, segments: int) -> Path:
    """The generated project with its glossary and an English translation (some with faults) everywhere."""
    build_big_project(path, segments)
    with Project.open(path) as project:
        add_term(
            project,
            Term(
                "Ủy ban nhân dân tỉnh",
                {ENGLISH: "Provincial People's Committee"},
                {ENGLISH: ("People's Committee of the province",)},
            ),
        )
        add_term(project, Term("An Giang", {ENGLISH: "An Giang", KHMER: "អានយ៉ាង"}))
        stamp = now()
        with project.transaction() as db:
            rows = db.execute("SELECT id, source FROM segments").fetchall()
            db.executemany(
                """INSERT INTO translations(segment_id, language, text, status, origin, origin_detail, author,
                   score, updated_at) VALUES (?, 'en', ?, 'translated', 'human', '', 'bench', NULL, ?)""",
                [(r[0], _with_faults(_translation_like(r[1]), r[1]), stamp) for r in rows],
            )
    return path


@dataclass(frozen=True, slots=True)
class Way:
    """One way of running the checks: who uses it, and check_project's arguments for it."""

    label: str
    parallel: bool
    method: str


#: serial (a small project), the CLI's forked workers, the window's workers (no fork of a Qt process)
WAYS = (
    Way("serial (one process)", False, "fork"),
    Way("fork (the CLI)", True, "fork"),
    Way(f"{window_start_method()} (the window)", True, window_start_method()),
    *([Way("spawn (the window, frozen)", True, "spawn")] if window_start_method() != "spawn" else []),
)


@dataclass(slots=True)
class Timings:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # this process's own CPU time
    children: list[float] = field(default_factory=list)  # its workers' (not seen for a fork server's)


def _child_seconds() -> float:
    """CPU time of the workers this process has waited for (a fork server's children are not its own)."""
    times = os.times()
    return times.children_user + times.children_system


def _measure(project: Project, way: Way, timings: Timings) -> list[Problem]:
    wall, cpu, children = time.perf_counter(), time.process_time(), _child_seconds()
    problems = check_project(project, [ENGLISH], parallel=way.parallel, method=way.method)
    timings.wall.append(time.perf_counter() - wall)
    timings.cpu.append(time.process_time() - cpu)
    timings.children.append(_child_seconds() - children)
    return problems


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def _compare(project: Project, segments: int, rounds: int, out: Callable[[str], None]) -> list[Problem]:
    """Every way, interleaved (the order turns each round, so none always runs first), with its median."""
    timings = {way: Timings() for way in WAYS}
    first: dict[Way, float] = {}
    serial: list[Problem] = []
    for round_ in range(rounds):
        for way in WAYS[round_ % len(WAYS) :] + WAYS[: round_ % len(WAYS)]:
            problems = _measure(project, way, timings[way])
            first.setdefault(way, timings[way].wall[-1])
            serial = serial or (problems if not way.parallel else [])
            if serial and problems != serial:
                raise AssertionError(f"{way.label}: the findings differ from the serial run's")
    base = statistics.median(timings[WAYS[0]].wall)
    for way in WAYS:
        t = timings[way]
        children = f"{statistics.median(t.children):.2f} s" if way.method != "forkserver" else "not seen"
        out(
            f"  {way.label:<28} {segments:>7} segments: wall {_spread(t.wall)}, x{base / statistics.median(t.wall):.2f}"
            f"; CPU here {statistics.median(t.cpu):.2f} s, in workers {children}; first run {first[way]:.2f} s"
        )
    return serial


def run_qa_benchmark(segments: int, out: Callable[[str], None], rounds: int = 3) -> None:
    """The checks over `segments` segments in every way (identical findings, checked), then the same at the
    sizes around the thresholds where workers start to pay, each with its workers forced on."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _filled_project(Path(tmp) / "qa.wbp", segments)
        with Project.open(path) as project:
            out(f"quality checks ({len(CHECKS)} checks), English, {rounds} rounds interleaved, median (min, max):")
            problems = _compare(project, segments, rounds, out)
        thresholds = project_run.PARALLEL_FROM, project_run.SPAWN_FROM
        project_run.PARALLEL_FROM = project_run.SPAWN_FROM = 0  # workers at every size, to see where they pay
        try:
            for size in sorted({segments // 100, segments // 20, segments // 10, segments // 5} - {0}):
                with Project.open(_filled_project(Path(tmp) / f"qa{size}.wbp", size)) as small:
                    _compare(small, size, rounds, out)
        finally:
            project_run.PARALLEL_FROM, project_run.SPAWN_FROM = thresholds
    counts = Counter(p.check_id for p in problems)
    found = ", ".join(f"{k} {v}" for k, v in counts.most_common(6)) or "none"
    out(f"  {len(problems):,} findings (the same in every way): {found}")
    out(
        f"  workers from {thresholds[0]:,} segments (fork, forkserver), {thresholds[1]:,} (spawn); "
        f"{os.cpu_count()} cores"
    )
