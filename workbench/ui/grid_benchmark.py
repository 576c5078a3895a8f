"""`python main.py bench grid`: how fast a big project opens in the grid and how long a page of data() takes."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

VISIBLE_ROWS = 40


def run_grid_benchmark(segments: int, out: Callable[[str], None]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from workbench.core.project_benchmark import build_big_project
    from workbench.core.project_store import Project
    from workbench.ui.segment_table_model import SegmentTableModel

    app = QGuiApplication.instance() or QGuiApplication([])
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]
    with tempfile.TemporaryDirectory() as tmp:
        path = build_big_project(Path(tmp) / "grid.wbp", segments)
        started = time.perf_counter()
        project = Project.open(path)
        model = SegmentTableModel(project)
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
        out(f"grid over {model.rowCount()} segments, {model.columnCount()} columns")
        out(f"  open project + build the model: {(opened - started) * 1000:.1f} ms")
        out(f"  first screen ({VISIBLE_ROWS} rows x {len(roles)} roles): {first * 1000:.1f} ms")
        out(
            f"  a screen in the middle, not yet fetched: {middle_cold * 1000:.1f} ms; again (cached): {middle_warm * 1000:.2f} ms"
        )
        project.close()
    del app
