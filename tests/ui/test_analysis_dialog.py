"""Tools > Analysis: the table a planner reads (a line per document and the total), counted in the background
against the project's and the user's memories, per target language and measure; Copy and Save as CSV."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool
from PySide6.QtGui import QGuiApplication

from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.memory.translation_memory import MemoryUnit
from workbench.core.ops.analysis_report import COLUMNS
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.ui.analysis_dialog import AnalysisDialog
from workbench.ui.project_window import ProjectWindow

KNOWN = "Núi Cấm là điểm du lịch nổi tiếng của tỉnh An Giang."
OTHER = "Chợ nổi Long Xuyên họp từ sáng sớm."


def _window(qtbot, tmp_path: Path) -> ProjectWindow:  # type: ignore[no-untyped-def]
    (tmp_path / "bai.txt").write_text("\n\n".join([KNOWN, OTHER, KNOWN]), encoding="utf-8")
    (tmp_path / "tin.txt").write_text(OTHER, encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "An Giang", "vi", ["en", "km"])
    import_files(project, [tmp_path / "bai.txt", tmp_path / "tin.txt"])
    project.save_translation(project.segments()[1].id, "km", "ផ្សារទឹក", Status.TRANSLATED, Origin.HUMAN, "Dara")
    context = AppContext.load()
    shared = context.open_shared_memory()
    shared.add([MemoryUnit(KNOWN, "Cam Mountain", "en")], "2026-01-01")
    shared.close()
    window = ProjectWindow(project, context)
    qtbot.addWidget(window)
    window.show()
    return window


def _cell(dialog: AnalysisDialog, row: int, column: str) -> object:
    return dialog.model.data(dialog.model.index(row, 1 + COLUMNS.index(column)))


def _analysed(qtbot, window: ProjectWindow) -> AnalysisDialog:  # type: ignore[no-untyped-def]
    """Tools > Analysis, as the menu runs it, once its background count is done."""
    window.analysis.analysis_action.trigger()
    dialog = window.analysis.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.analysis is not None, timeout=20000)
    return dialog


def test_the_table_shows_each_document_and_the_total(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, tmp_path)
    dialog = _analysed(qtbot, window)
    model = dialog.model
    assert model.rowCount() == 3
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["bai.txt", "tin.txt", "Total"]
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.measure.setCurrentIndex(dialog.measure.findData("words"))
    assert _cell(dialog, 2, "all") == 2 * len(KNOWN.split()) + 2 * len(OTHER.split())
    assert _cell(dialog, 2, "repetitions") == len(KNOWN.split()) + len(OTHER.split())
    assert _cell(dialog, 0, "100") == len(KNOWN.split())  # from the user's shared memory
    assert _cell(dialog, 2, "none") == len(OTHER.split())
    # Khmer: no memory, but the segment Dara translated is a 100 % match of itself in the project memory
    dialog.language.setCurrentIndex(dialog.language.findData("km"))
    dialog.measure.setCurrentIndex(dialog.measure.findData("segments"))
    assert (_cell(dialog, 2, "translated"), _cell(dialog, 2, "100"), _cell(dialog, 2, "none")) == (1, 1, 1)
    dialog.copy()
    pasted = QGuiApplication.clipboard().text().splitlines()
    assert pasted[0].split("\t")[0] == "Document" and pasted[-1].split("\t")[0] == "Total"
    assert len(pasted[-1].split("\t")) == 1 + len(COLUMNS)
    target = tmp_path / "analysis.csv"
    assert dialog.save_csv(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["language"] for r in rows} == {"", "en", "km"}
    dialog.close()
    window.close()


def test_saving_over_the_project_is_refused(qtbot, tmp_path: Path, shown_errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, tmp_path)
    dialog = _analysed(qtbot, window)
    before = window.project.path.read_bytes()
    assert not dialog.save_csv(window.project.path)
    assert shown_errors and "project file" in shown_errors[0]
    assert window.project.path.read_bytes() == before
    dialog.close()
    window.close()


def test_a_cancelled_analysis_says_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, tmp_path)
    dialog = AnalysisDialog(window.project, window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    pool = QThreadPool.globalInstance()
    threads, release = pool.maxThreadCount(), threading.Event()
    pool.setMaxThreadCount(1)
    pool.start(lambda: release.wait(20))  # the pool's one thread is busy: the analysis waits its turn
    try:
        with qtbot.waitSignal(dialog.tasks.cancelled, timeout=20000):
            dialog.start()
            assert dialog.cancel_button.isVisible() and dialog.progress.isVisible()
            dialog.cancel()  # asked before the analysis began: it stops at its first look
            release.set()
    finally:
        release.set()
        pool.setMaxThreadCount(threads)
    assert dialog.analysis is None and not dialog.save_button.isEnabled()
    assert "cancelled" in dialog.summary.text()
    dialog.close()
    window.close()


def test_closing_the_window_stops_a_running_analysis(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, tmp_path)
    pool = QThreadPool.globalInstance()
    threads, release = pool.maxThreadCount(), threading.Event()
    pool.setMaxThreadCount(1)
    pool.start(lambda: release.wait(20))  # the pool's one thread is busy: the analysis waits its turn
    freed = _ReleasedOnClose(release)
    window.installEventFilter(freed)  # the blocker ends as the window closes, before it waits for the pool
    try:
        window.analysis.analysis_action.trigger()
        dialog = window.analysis.dialog
        assert dialog is not None and dialog.tasks.busy
        window.close()  # the window waits for the pool: the analysis, asked to stop, ends at its first look
        assert release.is_set() and not dialog.tasks.busy
    finally:
        release.set()
        pool.waitForDone(20000)
        pool.setMaxThreadCount(threads)
    QCoreApplication.processEvents()  # what the workers posted is delivered now
    assert dialog.analysis is None  # nothing it counted landed on a window that had closed


class _ReleasedOnClose(QObject):
    """Sets an event when the window it watches is closed (a blocker in the pool waits for it)."""

    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.release.set()
        return False
