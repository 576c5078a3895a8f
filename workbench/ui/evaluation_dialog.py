"""Measuring models on the office's own texts: the window's `models evaluate`.

The user picks a reference set (two aligned files in the FLORES-200 layout, a TMX, or the open project's
approved segments), the target language and the candidates (installed models and the settings' routes),
and runs the evaluation on the task runner (ui/tasks.py): the work is mt/evaluation.py's plain function,
reading the reference set included, so nothing slow runs on the GUI thread; progress and Cancel as
everywhere else. Each finished candidate's result arrives as a partial result and joins the table
beside the catalogue's published score; results measured before are shown when the dialog opens.
"Use for LANG" makes the selected candidate the settings' choice for that language. The window's own
loaded engines are not borrowed: each candidate is loaded for the measurement and let go after it, so
its memory figure is its own (the process's peak, the window's memory included).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.reference_sets import (
    ReferenceSet,
    read_aligned_files,
    read_project_reference,
    read_tmx_reference,
)
from workbench.mt.evaluation import EvaluationRequest, default_candidates, evaluate_candidates, published_score
from workbench.mt.evaluation_store import EvaluationResult, latest_per_reference, load_results
from workbench.mt.routes import base_choice, is_route, label, resolve
from workbench.ui.error_dialog import show_error
from workbench.ui.rows_model import RowsModel
from workbench.ui.tasks import TaskRunner, TaskState

FILES, TMX, PROJECT = "files", "tmx", "project"


class EvaluationDialog(QDialog):
    #: an evaluation ended: "finished", "cancelled" or "failed"
    ended = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None, project: Path | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.project = project
        self.setWindowTitle(self.tr("Measure models on your texts"))
        self.resize(1000, 640)
        self.tasks: TaskRunner[str] = TaskRunner(self)
        self.tasks.progressed.connect(self._progressed)
        self.tasks.partial.connect(lambda _task, result: self._add_result(result))
        self.tasks.finished.connect(lambda _task, message: self._ended("finished", message))
        self.tasks.failed.connect(lambda _task, message: self._ended("failed", message))
        self.tasks.cancelled.connect(
            lambda _task: self._ended("cancelled", self.tr("Cancelled: the unfinished candidate was not kept"))
        )
        self.task_id: int | None = None
        self.results: list[EvaluationResult] = []

        self.kind = QComboBox()
        self.kind.addItem(self.tr("Two aligned files (FLORES-200 layout)"), FILES)
        self.kind.addItem(self.tr("A TMX file"), TMX)
        if project is not None:
            self.kind.addItem(self.tr("Approved segments of {0}").format(project.name), PROJECT)
        self.source_edit, source_row = self._file_row(self.tr("Vietnamese file, one segment per line"))
        self.reference_edit, reference_row = self._file_row(self.tr("Its translation, line by line"))
        self.tmx_edit, tmx_row = self._file_row(self.tr("TMX file"), "TMX (*.tmx)")
        self.language = QComboBox()
        for code in TARGET_LANGUAGES:
            self.language.addItem(code, code)
        self.limit = QSpinBox()
        self.limit.setRange(0, 10_000_000)
        self.limit.setSpecialValueText(self.tr("all"))
        self.candidates = QListWidget()
        self.candidates.setMaximumHeight(120)
        form = QFormLayout()
        form.addRow(self.tr("Reference:"), self.kind)
        form.addRow(self.tr("Sources:"), source_row)
        form.addRow(self.tr("References:"), reference_row)
        form.addRow(self.tr("TMX:"), tmx_row)
        form.addRow(self.tr("Target language:"), self.language)
        form.addRow(self.tr("Segments (first N):"), self.limit)
        form.addRow(self.tr("Candidates:"), self.candidates)
        self._rows = {FILES: (source_row, reference_row), TMX: (tmx_row,)}
        self._form = form

        self.run_button = QPushButton(self.tr("&Run"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.use_button = QPushButton()
        self.progress = QProgressBar()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.headers = [
            self.tr("Candidate"), self.tr("Licence"), self.tr("chrF"), self.tr("BLEU"), self.tr("Segments"),
            self.tr("tok/s"), self.tr("Peak MB"), self.tr("Published"), self.tr("Reference"), self.tr("Measured"),
        ]  # fmt: skip
        self.table_model = RowsModel(self.headers, [], parent=self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.run_button, self.cancel_button, self.use_button):
            buttons.addWidget(button)
        buttons.addWidget(self.progress, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)

        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button.clicked.connect(self.use_selected)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.language.currentIndexChanged.connect(self._language_changed)
        if project is not None:
            self.kind.setCurrentIndex(self.kind.findData(PROJECT))
        self._kind_changed()
        self._language_changed()

    def _file_row(self, placeholder: str, filter_text: str = "") -> tuple[QLineEdit, QWidget]:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(lambda: self._browse(edit, filter_text))
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        box.addWidget(browse)
        return edit, row

    def _browse(self, edit: QLineEdit, filter_text: str) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Reference file"), "", filter_text)
        if name:
            edit.setText(name)

    # --- choices -------------------------------------------------------------------------------------

    @property
    def target(self) -> str:
        return str(self.language.currentData())

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        for name, rows in self._rows.items():
            for row in rows:
                self._form.setRowVisible(row, name == kind)

    def _language_changed(self) -> None:
        """The candidates serving vi->LANG (ticked), and the results measured into it."""
        self.candidates.clear()
        store, settings = self.context.models, self.context.settings
        choices = default_candidates(store, settings, "vi", self.target)
        for choice in settings.mt_models.values():  # a route chosen for a language may serve this one
            if is_route(choice):  # compared as it runs: default_candidates names the copies that run
                try:
                    resolved = resolve(choice, store, "vi", self.target, option="")
                except WorkbenchError:
                    continue
                if resolved not in choices:
                    choices.append(resolved)
        for choice in choices:
            item = QListWidgetItem(label(choice))
            item.setData(Qt.ItemDataRole.UserRole, choice)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.candidates.addItem(item)
        self.use_button.setText(self.tr("&Use for {0}").format(self.target))
        self._load_previous()

    def chosen_candidates(self) -> list[str]:
        items = [self.candidates.item(i) for i in range(self.candidates.count())]
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]

    # --- results -------------------------------------------------------------------------------------

    def _load_previous(self) -> None:
        try:
            stored = load_results()
        except WorkbenchError as exc:
            stored = []
            self.state.setText(str(exc))
        self.results = sorted(latest_per_reference(stored, f"vi-{self.target}").values(), key=lambda r: r.date)
        self._show_results()

    def _add_result(self, result: object) -> None:
        assert isinstance(result, EvaluationResult)
        self.results = [
            r for r in self.results if (r.candidate, r.reference) != (result.candidate, result.reference)
        ] + [result]
        self._show_results()

    def _show_results(self) -> None:
        rows = []
        for r in reversed(self.results):  # the latest first
            published = published_score(r.candidate, self.context.models, r.direction)
            rows.append(
                (r.candidate, r.licence_text(), f"{r.chrf:.1f} {r.chrf_name}", f"{r.bleu:.1f} {r.bleu_name}",
                 str(r.segments), f"{r.tokens_per_second:.0f}", f"{r.peak_mb:.0f}",
                 published.shown() if published else "—", r.reference, r.date.replace("T", " "))
            )  # fmt: skip
        self.table_model.set_rows(rows, tooltips=[r.signature for r in reversed(self.results)])
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected_result(self) -> EvaluationResult | None:
        row = self.table.currentIndex().row()
        ordered = list(reversed(self.results))
        return ordered[row] if 0 <= row < len(ordered) else None

    def use_selected(self) -> None:
        """The selected candidate becomes the settings' choice for the target language."""
        result = self.selected_result()
        if result is None:
            return
        language = result.direction.split("-")[-1]
        settings = self.context.settings
        self.context.update_settings(
            replace(settings, mt_models={**settings.mt_models, language: base_choice(result.candidate)})
        )
        self.state.setText(self.tr("{0} now drafts {1}").format(label(result.candidate), language))

    # --- running -------------------------------------------------------------------------------------

    def _reader(self) -> tuple[str, Path, Path | None]:
        kind = str(self.kind.currentData())
        if kind == FILES:
            source, reference = self.source_edit.text().strip(), self.reference_edit.text().strip()
            if not source or not reference:
                raise WorkbenchError(self.tr("Choose the Vietnamese file and its translation"))
            return kind, Path(source), Path(reference)
        if kind == TMX:
            if not self.tmx_edit.text().strip():
                raise WorkbenchError(self.tr("Choose a TMX file"))
            return kind, Path(self.tmx_edit.text().strip()), None
        assert self.project is not None
        return kind, self.project, None

    def run(self) -> None:
        choices = self.chosen_candidates()
        try:
            kind, first, second = self._reader()
            if not choices:
                raise WorkbenchError(self.tr("Tick at least one candidate"))
        except WorkbenchError as exc:
            show_error(self, self.tr("Measure models"), str(exc))
            return
        target, limit = self.target, self.limit.value() or None
        request = EvaluationRequest(self.context.models, self.context.settings, self.context.backend)

        def work(state: TaskState) -> str:
            reference = _read(kind, first, second, target, limit)
            state.report(0, reference.size * len(choices), "")
            results = evaluate_candidates(reference, choices, request, state, state.partial)
            return f"{len(results)} measured on {reference.name} ({reference.size} segments)"

        self.state.setText(self.tr("Reading the reference set…"))
        self.progress.setValue(0)
        self.task_id = self.tasks.start(work, "evaluate")
        self._update_buttons()

    def cancel(self) -> None:
        if self.task_id is not None:
            self.tasks.cancel(self.task_id)
            self.state.setText(self.tr("Stopping after the current batch…"))

    def _progressed(self, _task: int, done: int, total: int, message: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        if message:
            self.state.setText(self.tr("Translating with {0}… {1}/{2}").format(label(message), done, total))

    def _ended(self, how: str, message: str) -> None:
        self.task_id = None
        self.state.setText(message if how != "failed" else self.tr("Failed: {0}").format(message))
        self._update_buttons()
        if how == "failed":
            show_error(self, self.tr("Measure models"), message)
        self.ended.emit(how)

    def _update_buttons(self) -> None:
        running = self.task_id is not None
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.use_button.setEnabled(not running and self.selected_result() is not None)

    def reject(self) -> None:
        if self.task_id is not None:
            self.state.setText(self.tr("Please wait: cancel the measurement first"))
            return
        super().reject()


def _read(kind: str, first: Path, second: Path | None, target: str, limit: int | None) -> ReferenceSet:
    """In the worker: the reference set the dialog names (reading a large file or project takes a moment)."""
    if kind == FILES:
        assert second is not None
        return read_aligned_files(first, second, target, limit)
    if kind == TMX:
        return read_tmx_reference(first, target, limit)
    return read_project_reference(first, target, limit)
