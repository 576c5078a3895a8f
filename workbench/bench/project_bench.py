"""`python main.py bench project`: import+segmentation throughput, a 50 MB file of one line, and the time to
open a big project.

Figures are printed, never asserted: they depend on the machine. Each import figure gives wall time and the
process's CPU time (less disturbed by other work on the machine).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.core.counted import counted
from workbench.core.errors import ImportProblem
from workbench.core.importing.file_import import prepare_import
from workbench.core.language.language_rules import TARGET_LANGUAGES, VIETNAMESE
from workbench.core.records import PreparedDocument
from workbench.core.store.project_store import Project

_SUBJECTS = [
    "Ủy ban nhân dân tỉnh An Giang",
    "Sở Thông tin và Truyền thông",
    "TP. Long Xuyên",
    "Huyện Chợ Mới",
    "Ban Chấp hành Trung ương Đảng",
    "ThS. Nguyễn Văn Hòa",
    "Đồng bằng sông Cửu Long",
]
_VERBS = ["tiếp tục đẩy mạnh", "triển khai thực hiện", "tăng cường", "quảng bá", "tổ chức", "phát triển"]
_OBJECTS = [
    "công tác truyền thông văn hóa đối ngoại",
    "Chỉ thị 25/CT-TTg của Thủ tướng Chính phủ",
    "Kế hoạch số 720/KH-UBND ngày 24 tháng 11 năm 2021",
    "du lịch cộng đồng tại vùng biên giới",
    "hình ảnh miền đất, con người An Giang",
    "các lễ hội truyền thống của đồng bào Khmer",
]
_TAILS = [
    "trên địa bàn tỉnh giai đoạn 2022 – 2026.",
    "với tổng kinh phí 9.889 triệu đồng.",
    "theo Nghị quyết số 33-NQ/TW ngày 09/6/2014.",
    "nhằm thu hút đầu tư, thúc đẩy thương mại, v.v.",
    "(liên hệ: sotttt@angiang.gov.vn, điện thoại 0296.3.957.049).",
]


def generate_vietnamese_text(megabytes: float, seed: int = 7) -> str:
    """Plausible press-office prose: paragraphs of sentences full of abbreviations, codes and numbers."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    paragraphs: list[str] = []
    size = 0
    while size < target:
        sentences = [
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}"
            for _ in range(rng.randint(2, 6))
        ]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(paragraphs)


#: the size of the file of one line (issue 14: such a file once took hours)
SINGLE_LINE_MB = 50.0


def single_line_texts(megabytes: float) -> dict[str, str]:
    """One line of `megabytes` of press prose (no line break at all), with its sentence ends and without them
    (full stops between sentences made commas: one sentence of that size)."""
    prose = generate_vietnamese_text(megabytes).replace("\n\n", " ")
    return {"with sentence ends": prose, "without a sentence end": prose.replace(". ", ", ")}


def _timed_import(path: Path) -> tuple[PreparedDocument | ImportProblem, float, float]:
    """The prepared document (or the refusal) and the wall and CPU seconds it took."""
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        result: PreparedDocument | ImportProblem = prepare_import(path)
    except ImportProblem as problem:
        result = problem
    return result, time.perf_counter() - wall, time.process_time() - cpu


def run_single_line_benchmark(folder: Path, megabytes: float, out: Callable[[str], None]) -> None:
    for what, text in single_line_texts(megabytes).items():
        path = folder / "one-line.txt"
        path.write_text(text, encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        result, wall, cpu = _timed_import(path)
        if isinstance(result, ImportProblem):
            outcome = f"refused ({result})"
        else:
            spans = sum(len(segment.spans) for segment in result.segments)
            outcome = f"{counted(len(result.segments), 'segment')}, {counted(spans, 'protected span')}"
        out(f"one line of {size_mb:.1f} MB {what}: {outcome}")
        out(f"  decode+segment: {wall:.2f} s (cpu {cpu:.2f} s) = {size_mb / wall:.2f} MB/s")
        del result, text
        path.unlink()


def build_big_project(path: Path, segments: int, prepared: PreparedDocument | None = None) -> Path:
    """A project with one document of exactly `segments` segments of generated press prose."""
    if prepared is None:
        source = path.with_suffix(".txt")
        source.write_text(generate_vietnamese_text(segments * 160 / 1e6), encoding="utf-8")
        prepared = prepare_import(source)
    with Project.create(path, path.stem, VIETNAMESE, list(TARGET_LANGUAGES)) as project:
        prepared.segments = prepared.segments[:segments]
        while len(prepared.segments) < segments:
            prepared.segments += prepared.segments[: segments - len(prepared.segments)]
        project.store_document(prepared)
    return path


def run_project_benchmark(megabytes: float, segments: int, out: Callable[[str], None]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "generated.txt"
        source.write_text(generate_vietnamese_text(megabytes), encoding="utf-8")
        size_mb = source.stat().st_size / 1e6

        start, cpu_start = time.perf_counter(), time.process_time()
        prepared = prepare_import(source)
        parsed, cpu_parsed = time.perf_counter(), time.process_time()
        with Project.create(folder / "bench.wbp", "bench", VIETNAMESE, list(TARGET_LANGUAGES)) as project:
            project.store_document(prepared)
        stored = time.perf_counter()
        out(f"import {size_mb:.1f} MB of Vietnamese text: {len(prepared.segments)} segments")
        out(
            f"  decode+segment: {parsed - start:.2f} s (cpu {cpu_parsed - cpu_start:.2f} s) = "
            f"{size_mb / (parsed - start):.2f} MB/s"
        )
        out(f"  with storing:   {stored - start:.2f} s = {size_mb / (stored - start):.2f} MB/s")
        run_single_line_benchmark(folder, SINGLE_LINE_MB, out)

        big = build_big_project(folder / "big.wbp", segments, prepared)
        start = time.perf_counter()
        with Project.open(big) as project:
            opened = time.perf_counter()
            rows = project.segments(offset=segments // 2, limit=100)
            read = time.perf_counter()
        out(f"project of {segments} segments ({big.stat().st_size / 1e6:.1f} MB on disk):")
        out(
            f"  open: {(opened - start) * 1000:.1f} ms; read {len(rows)} segments from the middle: {(read - opened) * 1000:.1f} ms"
        )
        out(f"  open + read: {(read - start) * 1000:.1f} ms")
