"""`python main.py bench tags`: import and export of a Word file of 50,000 segments where every segment has
two tag pairs (a bold decision number, an italic festival name), against the same file without tags.

The two files hold the same words; the tagged one only splits each paragraph into five runs. Runs are
interleaved (plain, tagged, plain, tagged, ... in one process) so machine noise hits both alike; each
figure is the median with the spread (min–max), wall and CPU time. Export writes every segment approved
with the source's text (markers included), which is what the docx rebuild of formatting costs.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from workbench.core.exporting.docx_export import export_docx
from workbench.core.importing.file_import import prepare_import
from workbench.core.language.language_rules import VIETNAMESE
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_PLACES = ("Sóc Trăng", "An Giang", "Trà Vinh", "Kiên Giang", "Bạc Liêu")


def _run(text: str, props: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def write_docx(path: Path, segments: int, tagged: bool) -> None:
    """A .docx of `segments` one-sentence paragraphs; `tagged`: each with a bold and an italic phrase."""
    paragraphs = []
    for n in range(segments):
        place = _PLACES[n % len(_PLACES)]
        parts = (
            ("Theo ", ""),
            (f"Quyết định số {n + 1}/QĐ-UBND", "<w:b/>"),
            (f" của UBND tỉnh {place}, lễ hội ", ""),
            ("Ok Om Bok", "<w:i/>"),
            (f" lần thứ {n % 40 + 1} diễn ra tại trung tâm văn hóa tỉnh.", ""),
        )
        runs = "".join(_run(t, p) for t, p in parts) if tagged else _run("".join(t for t, _p in parts))
        paragraphs.append(f"<w:p>{runs}</w:p>")
    body = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{"".join(paragraphs)}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", body)


def _one_round(folder: Path, source: Path, label: str) -> tuple[float, float, float, float, int]:
    """(import wall, import CPU, export wall, export CPU, tags) for one import into a new project and one
    export of the document with every segment approved."""
    began, cpu = time.perf_counter(), time.process_time()
    prepared = prepare_import(source)
    path = folder / f"{label}-{time.monotonic_ns()}.wbp"
    with Project.create(path, label, VIETNAMESE, ["en"]) as project:
        project.store_document(prepared)
        imported, imported_cpu = time.perf_counter() - began, time.process_time() - cpu
        tags = sum(1 for s in prepared.segments if s.meta.get("tags"))
        with project.transaction() as db:
            db.execute(
                """INSERT INTO translations(segment_id, language, text, status, origin, origin_detail, author,
                   score, updated_at) SELECT id, 'en', source, 'approved', 'human', '', 'bench', NULL, ? FROM segments""",
                (now(),),
            )
        document = project.documents()[0].id
        began, cpu = time.perf_counter(), time.process_time()
        export_docx(project, "en", folder / f"{label}-en.docx", document)
        exported, exported_cpu = time.perf_counter() - began, time.process_time() - cpu
    path.unlink()
    return imported, imported_cpu, exported, exported_cpu, tags


def run_tags_benchmark(segments: int, out: Callable[[str], None], rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {"plain": folder / "plain.docx", "tagged": folder / "tagged.docx"}
        for label, path in files.items():
            write_docx(path, segments, tagged=label == "tagged")
        figures: dict[str, list[tuple[float, float, float, float, int]]] = {label: [] for label in files}
        for _ in range(rounds):
            for label, path in files.items():  # interleaved: plain, tagged, plain, tagged, ...
                figures[label].append(_one_round(folder, path, label))
        out(f"a .docx of {segments:,} one-sentence paragraphs, {rounds} interleaved rounds, median (min–max):")
        medians: dict[str, tuple[float, float]] = {}
        for label, rows in figures.items():
            columns = list(zip(*rows, strict=True))
            text = []
            for name, wall, cpu in (("import", columns[0], columns[1]), ("export", columns[2], columns[3])):
                text.append(
                    f"{name} {statistics.median(wall):.2f} s ({min(wall):.2f}–{max(wall):.2f}), "
                    f"CPU {statistics.median(cpu):.2f} s"
                )
            medians[label] = (statistics.median(columns[0]), statistics.median(columns[2]))
            out(f"  {label:6} ({rows[0][4]:,} segments with tags): " + "; ".join(text))
        plain, tagged = medians["plain"], medians["tagged"]
        out(f"  tagged / plain: import ×{tagged[0] / plain[0]:.2f}, export ×{tagged[1] / plain[1]:.2f} (target ≤ 1.5)")
