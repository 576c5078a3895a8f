"""`python main.py bench qa`: every quality check over a project of 100,000 translated segments."""

from __future__ import annotations

import re
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from workbench.bench.project_bench import build_big_project
from workbench.core.language.language_rules import ENGLISH, KHMER
from workbench.core.language.protected_spans import find_protected_spans, number_values
from workbench.core.memory.glossary import Term, add_term
from workbench.core.qa.checks import CHECKS
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


def run_qa_benchmark(segments: int, out: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_big_project(Path(tmp) / "qa.wbp", segments)
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
            began = time.perf_counter()
            problems = check_project(project, [ENGLISH])
            seconds = time.perf_counter() - began
    counts = Counter(p.check_id for p in problems)
    out(f"quality checks ({len(CHECKS)} checks) over {segments} translated segments (English): {seconds:.2f} s")
    found = ", ".join(f"{k} {v}" for k, v in counts.most_common(6)) or "none"
    out(f"  {segments / seconds:,.0f} segments/s; {len(problems):,} findings: {found}")
