"""Tools > Analysis: the figures an office plans a job with, a line per document and the total.

The analysis (core/ops/analysis) runs in the thread pool on a read-only connection of its own, with its
own connection to the shared memory (SQLite connections stay in their thread); a progress bar and Cancel
show while it runs. The table shows one target language's bands and one measure at a time; Copy puts the
shown table on the clipboard as tab-separated text (it pastes as cells), Save as CSV writes every language
in the CSV the CLI writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.ops.analysis import Analysis, analyze
from workbench.core.ops.analysis_report import COLUMNS, MEASURES, counts_of, measure_of, save_csv
from workbench.core.store.project_store import Project
from workbench.ui.error_dialog import show_error
from workbench.ui.language_names import language_names
from workbench.ui.rows_model import HeadedTableModel, Index
from workbench.ui.tasks import TaskRunner, TaskState, watched_on_read_only_copy


class AnalysisTableModel(HeadedTableModel):
    """A line per document and the total; a column per category, counted in one measure for one language."""

    def __init__(self, headers: list[str], total_name: str) -> None:
        super().__init__(headers)  # the document column's, then one per COLUMNS entry
        self.total_name = total_name
        self.analysis: Analysis | None = None
        self.language = ""
        self.measure = "words"

    def show(self, analysis: Analysis | None, language: str, measure: str) -> None:
        self.beginResetModel()
        self.analysis, self.language, self.measure = analysis, language, measure
        self.endResetModel()

    def row_total(self) -> int:
        return 0 if self.analysis is None else len(self.analysis.rows())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if self.analysis is None or not index.isValid():
            return None
        row = self.analysis.rows()[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.document_id is None:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return self.total_name if row.document_id is None else row.name
        return measure_of(counts_of(row, self.language, COLUMNS[index.column() - 1]), self.measure)

    def as_tsv(self) -> str:
        """The shown table, headers first, tab-separated (a spreadsheet pastes it as cells)."""
        lines = ["\t".join(self.headers)]
        for r in range(self.rowCount()):
            lines.append("\t".join(str(self.data(self.index(r, c))) for c in range(self.columnCount())))
        return "\n".join(lines) + "\n"


class AnalysisDialog(QDialog):
    def __init__(self, project: Project, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.context = project, context
        self.setWindowTitle(self.tr("Analysis of {0}").format(project.info.name))
        self.analysis: Analysis | None = None
        self.task_id: int | None = None
        self.language = QComboBox()
        names = language_names()
        for code in project.info.target_languages:
            self.language.addItem(names.get(code, code), code)
        self.measure = QComboBox()
        measure_names = {
            "segments": self.tr("Segments"),
            "words": self.tr("Words"),
            "characters": self.tr("Characters"),
            "characters_no_spaces": self.tr("Characters without spaces"),
        }
        for measure in MEASURES:
            self.measure.addItem(measure_names[measure], measure)
        self.measure.setCurrentIndex(MEASURES.index("words"))
        self._restore()
        self.model = AnalysisTableModel(self._headers(), self.tr("Total"))
        self.table = QTableView()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the names take the room the figures leave
        self.table.verticalHeader().hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        choices = QHBoxLayout()
        choices.addWidget(QLabel(self.tr("Bands and progress in:")))
        choices.addWidget(self.language)
        choices.addWidget(QLabel(self.tr("Count:")))
        choices.addWidget(self.measure)
        choices.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton(self.tr("&Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton(self.tr("&Save as CSV…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(lambda: self.save_csv())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(running)
        layout.addWidget(self.buttons)
        self.tasks: TaskRunner[None] = TaskRunner(self)
        self.tasks.progressed.connect(self._progressed)
        self.tasks.finished.connect(self._done)
        self.tasks.failed.connect(self._failed)
        self.tasks.cancelled.connect(self._cancelled)
        self.language.currentIndexChanged.connect(self._show)
        self.measure.currentIndexChanged.connect(self._show)
        self.resize(1000, 360)
        self._set_running(False)

    def _headers(self) -> list[str]:
        names = {
            "all": self.tr("All"),
            "repetitions": self.tr("Repetitions"),
            "100": self.tr("100%"),
            "95-99": self.tr("95–99%"),
            "85-94": self.tr("85–94%"),
            "75-84": self.tr("75–84%"),
            "50-74": self.tr("50–74%"),
            "none": self.tr("No match"),
            "mt-drafts": self.tr("MT drafts"),
            "translated": self.tr("Translated"),
            "approved": self.tr("Approved"),
        }
        return [self.tr("Document"), *(names[column] for column in COLUMNS)]

    def _restore(self) -> None:
        stored = QSettings()
        for combo, key in ((self.language, "analysis/language"), (self.measure, "analysis/measure")):
            index = combo.findData(stored.value(key, ""))
            if index >= 0:
                combo.setCurrentIndex(index)

    # --- running -------------------------------------------------------------------------------------

    def start(self) -> int:
        """Analyse the whole project in the background (every target language: the choice only shows one)."""
        context = self.context

        def work(project: Project, state: TaskState) -> Analysis:
            memories = context.open_memories(project)  # this thread's own connection to the shared memory
            try:
                return analyze(project, memories, progress=state)
            finally:
                memories.close()

        self.summary.setText(self.tr("Counting words and looking up every sentence in the memories…"))
        self.progress.setRange(0, 0)
        self._set_running(True)
        self.task_id = self.tasks.start(watched_on_read_only_copy(self.project.path, work), None)
        return self.task_id

    def cancel(self) -> None:
        self.tasks.cancel()

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.copy_button.setEnabled(not running and self.analysis is not None)
        self.save_button.setEnabled(not running and self.analysis is not None)

    def _progressed(self, _task: int, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, _task: int, analysis: Analysis) -> None:
        self.analysis = analysis
        self._set_running(False)
        total = analysis.total
        self.summary.setText(
            self.tr(
                "{0} segments for translation ({1} words), {2} of them repetitions; {3} not for translation. A "
                "repetition is a sentence seen earlier in the project: it counts once, in the band of its first "
                "occurrence. Bands: the best match in the project's and the shared memory."
            ).format(total.all.segments, total.all.words, total.repetitions.segments, total.not_translatable)
        )
        self._show()

    def _failed(self, _task: int, message: str) -> None:
        self._set_running(False)
        self.summary.setText(self.tr("The analysis failed."))
        show_error(self, self.tr("Analysis failed"), message)

    def _cancelled(self, _task: int) -> None:
        self._set_running(False)
        self.summary.setText(self.tr("The analysis was cancelled."))

    def _show(self) -> None:
        language, measure = self.language.currentData(), self.measure.currentData()
        stored = QSettings()
        stored.setValue("analysis/language", language)
        stored.setValue("analysis/measure", measure)
        self.model.show(self.analysis, language, measure)

    # --- handing on ----------------------------------------------------------------------------------

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.model.as_tsv())

    def save_csv(self, path: Path | None = None) -> bool:
        """Every language's figures as CSV (UTF-8 with a BOM, for spreadsheets); False when nothing was saved."""
        if self.analysis is None:
            return False
        if path is None:
            suggested = self.project.path.with_name(f"{self.project.path.stem}.analysis.csv")
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the analysis"), str(suggested), self.tr("CSV files (*.csv)")
            )
            if not chosen:
                return False
            path = Path(chosen)
        try:
            save_csv(self.analysis, path, self.project)
        except WorkbenchError as exc:
            show_error(self, self.tr("The analysis was not saved"), str(exc))
            return False
        self.summary.setText(self.tr("Saved {0}").format(path.name))
        return True

    def stop(self) -> None:
        """Forget a running analysis: it stops at its next look at the state, and nothing it reports lands."""
        if self.task_id is not None:
            self.tasks.drop(self.task_id)
            self._set_running(False)

    def done(self, result: int) -> None:
        """Closing stops a running analysis: nothing it would report is wanted any more."""
        self.stop()
        super().done(result)
