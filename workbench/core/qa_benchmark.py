"""`python main.py bench qa`: every quality check over a project of 100,000 translated segments."""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from workbench.core.glossary import Term, add_term
from workbench.core.project_benchmark import build_big_project
from workbench.core.project_store import Project, now
from workbench.core.protected_spans import number_values
from workbench.core.quality_checks import CHECKS, check_project


def run_qa_benchmark(segments: int, out: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_big_project(Path(tmp) / "qa.wbp", segments)
        with Project.open(path) as project:
            add_term(
                project,
                Term(
                    "Ủy ban nhân dân tỉnh",
                    {"en": "Provincial People's Committee"},
                    {"en": ("People's Committee of the province",)},
                ),
            )
            add_term(project, Term("An Giang", {"en": "An Giang", "km": "អានយ៉ាង"}))
            stamp = now()
            with project.transaction() as db:
                rows = db.execute("SELECT id, source FROM segments").fetchall()
                db.executemany(
                    """INSERT INTO translations(segment_id, language, text, status, origin, origin_detail, author,
                       score, updated_at) VALUES (?, 'en', ?, 'translated', 'human', '', 'bench', NULL, ?)""",
                    [
                        (
                            r[0],
                            f"The province reports {' and '.join(number_values(r[1])) or 'progress'} this year.",
                            stamp,
                        )
                        for r in rows
                    ],
                )
            began = time.perf_counter()
            problems = check_project(project, ["en"])
            seconds = time.perf_counter() - began
    counts = Counter(p.check_id for p in problems)
    out(f"quality checks ({len(CHECKS)} checks) over {segments} translated segments (English): {seconds:.2f} s")
    out(f"  {segments / seconds:,.0f} segments/s; findings: " + ", ".join(f"{k} {v}" for k, v in counts.most_common(6)))
