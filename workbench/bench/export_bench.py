"""`python main.py bench export`: every export format, and a hand-off merged back, on one document of
50,000 approved segments (a year of a press office's output in one file, the worst case)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib
from lxml import etree

from workbench.bench.project_bench import build_big_project
from workbench.core.counted import counted
from workbench.core.exporting.export_formats import FORMATS, export, handoff
from workbench.core.exporting.xliff import NS
from workbench.core.language.language_rules import ENGLISH
from workbench.core.ops.merge_back import Outcome, apply_merge, plan_merge
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now


def run_export_benchmark(segments: int, out: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = build_big_project(folder / "export.wbp", segments)
        with Project.open(path) as project:
            stamp = now()
            with project.transaction() as db:
                db.execute(
                    """INSERT INTO translations(segment_id, language, text, status, origin, origin_detail, author,
                       score, updated_at) SELECT id, 'en', 'The province ' || substr(source, 1, 80) || '.',
                       'approved', 'human', '', 'bench', NULL, ? FROM segments""",
                    (stamp,),
                )
            document = project.documents()[0].id
            out(f"exports of one document with {segments} approved English segments (checks not included):")
            for fmt, (suffix, _one_document) in FORMATS.items():
                target = folder / f"out{suffix}"
                began = time.perf_counter()
                export(project, fmt, [ENGLISH], target, document, check=False)
                seconds = time.perf_counter() - began
                out(
                    f"  {fmt:5} {seconds:6.2f} s  {target.stat().st_size / 1e6:6.1f} MB  {segments / seconds:,.0f} segments/s"
                )
            began = time.perf_counter()
            report = export(project, "po", [ENGLISH], folder / "checked.po", document)
            out(f"  po with the quality checks of the exported text: {time.perf_counter() - began:.2f} s "
                f"({len(report.problems)} open problems listed)")  # fmt: skip
            for fmt in ("xliff", "po"):
                returned = folder / f"handoff{FORMATS[fmt][0]}"
                began = time.perf_counter()
                handoff(project, fmt, ENGLISH, returned, document)
                written = time.perf_counter()
                _edit_every_target(returned, fmt)  # what the translator elsewhere did, outside the timing
                edited = time.perf_counter()
                plan = plan_merge(project, returned, ENGLISH)
                planned = time.perf_counter()
                taken = [row.segment_id for row in plan.of(Outcome.CONFLICT) if row.segment_id is not None]
                written_back = apply_merge(project, plan, "bench", take=taken).segment_ids
                applied = time.perf_counter()
                counts = ", ".join(counted(n, outcome) for outcome, n in sorted(plan.counts().items()))
                out(f"  hand-off {fmt}: write {written - began:.2f} s; read and plan the merge {planned - edited:.2f} s "
                    f"({counts}); write back {len(written_back)} segments {applied - planned:.2f} s")  # fmt: skip


def _edit_every_target(path: Path, fmt: str) -> None:
    if fmt == "po":
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr += " (revised)"
        po.save(str(path))
        return
    tree = etree.parse(str(path))
    for target in tree.getroot().iter(f"{{{NS}}}target"):
        target.text = (target.text or "") + " (revised)"
    tree.write(str(path), encoding="UTF-8", xml_declaration=True)
