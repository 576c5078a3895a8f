"""`python main.py bench grid`: how fast a big project opens in the window and scrolls.

Measures, on a generated project (a third of the segments with English and Khmer translations):
opening the project and building the grid model; one data() pass over a visible page (cold and
cached); the real project window from nothing to its first painted grid; and the paint time of
each page-down step through rows never fetched before (a stutter would show as a slow step).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

VISIBLE_ROWS = 40
SCROLL_STEPS = 25
KHMER_SAMPLE = "ខេត្តអានយ៉ាងជាខេត្តព្រំដែននៅតំបន់ដីសណ្ដទន្លេមេគង្គ ដែលមានប្រជាជនជាង ២ លាននាក់។"


def _add_translations(path: Path) -> None:
    from workbench.core.store.project_store import Project
    from workbench.core.timestamps import now

    with Project.open(path) as project, project.transaction() as db:
        stamp = now()
        ids = project.segment_ids()[::3]
        for language, text in (("en", "An Giang is a border province in the Mekong Delta."), ("km", KHMER_SAMPLE)):
            db.executemany(
                """INSERT INTO translations(segment_id, language, text, status, origin, origin_detail, author,
                   score, updated_at) VALUES (?, ?, ?, 'draft', 'mt', 'bench', '', -0.7, ?)""",
                [(i, language, text, stamp) for i in ids],
            )


def run_grid_benchmark(segments: int, out: Callable[[str], None]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    from workbench.bench.project_bench import build_big_project
    from workbench.context import AppContext
    from workbench.core.settings import Settings
    from workbench.core.store.project_store import Project
    from workbench.ui.project_window import ProjectWindow
    from workbench.ui.segment_grid import KhmerWrappingModel

    app = QApplication.instance() or QApplication([])
    roles = [
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = build_big_project(Path(tmp) / "grid.wbp", segments)
        _add_translations(path)
        started = time.perf_counter()
        project = Project.open(path)
        model = KhmerWrappingModel(project)
        opened = time.perf_counter()

        def page_pass(first_row: int) -> float:
            began = time.perf_counter()
            for row in range(first_row, first_row + VISIBLE_ROWS):
                for column in range(model.columnCount()):
                    index = model.index(row, column)
                    for role in roles:
                        model.data(index, role)
            return time.perf_counter() - began

        first = page_pass(0)
        middle_cold = page_pass(segments // 2)
        middle_warm = page_pass(segments // 2)
        out(f"grid over {model.rowCount()} segments, {model.columnCount()} columns (a third translated)")
        out(f"  open project + build the model: {(opened - started) * 1000:.1f} ms")
        out(
            f"  data() pass over a visible page ({VISIBLE_ROWS} rows x {len(roles)} roles): first {first * 1000:.1f} ms"
        )
        out(
            f"  a page in the middle, not yet fetched: {middle_cold * 1000:.1f} ms; again (cached): {middle_warm * 1000:.2f} ms"
        )
        project.close()

        began = time.perf_counter()
        window = ProjectWindow(Project.open(path), AppContext(Settings()))
        window.resize(1280, 780)
        window.show()
        QCoreApplication.processEvents()
        window.grid.viewport().repaint()
        shown = time.perf_counter() - began
        out(f"  project window open, first grid painted: {shown * 1000:.0f} ms")
        scrollbar = window.grid.verticalScrollBar()
        steps = []
        for step in range(SCROLL_STEPS):
            began = time.perf_counter()
            scrollbar.setValue(scrollbar.value() + scrollbar.pageStep() + step * 97)  # always into unread rows
            QCoreApplication.processEvents()
            window.grid.size_visible_rows()
            window.grid.viewport().repaint()
            steps.append(time.perf_counter() - began)
        out(
            f"  page-down through unread rows ({SCROLL_STEPS} steps, incl. row sizing and paint): "
            f"median {statistics.median(steps) * 1000:.0f} ms, worst {max(steps) * 1000:.0f} ms"
        )
        window.close()
    del app
