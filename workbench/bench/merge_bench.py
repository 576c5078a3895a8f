"""`python main.py bench merge`: a returned hand-off whose every unit is a conflict, all taken (`--take all`),
on projects of 5,000 and 50,000 approved segments: the time to plan the merge and to write it back.

Planning and applying are linear in the units (the taken ids are a set); before, 50,000 taken conflicts
took about 12 s to write back, against 0.3 s for 5,000.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from lxml import etree

from workbench.bench.project_bench import build_big_project
from workbench.core.exporting.export_formats import handoff
from workbench.core.exporting.xliff import NS
from workbench.core.language.language_rules import ENGLISH
from workbench.core.ops.merge_back import Outcome, apply_merge, plan_merge
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now


def run_merge_benchmark(sizes: Sequence[int], out: Callable[[str], None]) -> None:
    out("a returned XLIFF hand-off, every segment approved here and changed there, every conflict taken:")
    for segments in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            with Project.open(build_big_project(folder / "merge.wbp", segments)) as project:
                with project.transaction() as db:
                    db.execute(
                        """INSERT INTO translations(segment_id, language, text, status, origin, origin_detail,
                           author, score, updated_at) SELECT id, 'en', 'The province ' || substr(source, 1, 80)
                           || '.', 'approved', 'human', '', 'bench', NULL, ? FROM segments""",
                        (now(),),
                    )
                returned = folder / "handoff.xlf"
                handoff(project, "xliff", ENGLISH, returned)
                _revise_every_target(returned)  # what the translator elsewhere did, outside the timing
                began = time.perf_counter()
                plan = plan_merge(project, returned, ENGLISH)
                planned = time.perf_counter()
                take = [row.segment_id for row in plan.of(Outcome.CONFLICT) if row.segment_id is not None]
                written = apply_merge(project, plan, "bench", take).segment_ids
                applied = time.perf_counter()
        out(f"  {segments:>7,} segments: plan {planned - began:5.2f} s; write back {len(written):,} taken "
            f"conflicts {applied - planned:5.2f} s")  # fmt: skip


def _revise_every_target(path: Path) -> None:
    tree = etree.parse(str(path))
    for target in tree.getroot().iter(f"{{{NS}}}target"):
        target.text = (target.text or "") + " (revised)"
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
