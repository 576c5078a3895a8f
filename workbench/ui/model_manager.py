"""The model manager: known and installed MT models, their licences and sizes; install from a folder or
archive, convert, benchmark, remove; and which model drafts each target language.

Installing, converting and benchmarking take seconds to minutes: they run on the task runner
(ui/tasks.py), their output lines arriving as partial results; the dialog stays responsive and says what is going on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.settings import Settings
from workbench.mt.model_store import InstalledModel, ModelStore
from workbench.ui.rows_model import RowsModel
from workbench.ui.tasks import TaskRunner


class ModelManagerDialog(QDialog):
    #: a task ended: whether it went well, and what it said
    ended = Signal(bool, str)

    def __init__(
        self, store: ModelStore, settings: Settings, languages: list[str], parent: QWidget | None = None,
        update_settings: Callable[[Settings], None] = Settings.save,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.settings, self.languages = store, settings, languages
        #: takes the new settings a model choice makes (the window's AppContext.update_settings)
        self._update_settings = update_settings
        self.setWindowTitle(self.tr("Translation models"))
        self.resize(980, 620)
        self.tasks: TaskRunner[str] = TaskRunner(self)  # one at a time: the buttons wait while one runs
        self.tasks.finished.connect(lambda _task, message: self._task_ended(True, message))
        self.tasks.failed.connect(lambda _task, message: self._task_ended(False, message))
        self.busy = False

        self.headers = [
            self.tr("Model"), self.tr("Directions"), self.tr("Licence"), self.tr("Size (int8)"), self.tr("Installed"),
            self.tr("Note"),
        ]  # fmt: skip
        self.model = RowsModel(self.headers, [], parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.buttons_row = QHBoxLayout()
        self.install_folder = QPushButton(self.tr("Install from &folder…"))
        self.install_archive = QPushButton(self.tr("Install from &archive…"))
        self.convert_button = QPushButton(self.tr("&Convert for speed"))
        self.bench_button = QPushButton(self.tr("&Benchmark"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        for button in (
            self.install_folder,
            self.install_archive,
            self.convert_button,
            self.bench_button,
            self.remove_button,
        ):
            self.buttons_row.addWidget(button)
        self.install_folder.clicked.connect(self.choose_folder)
        self.install_archive.clicked.connect(self.choose_archive)
        self.convert_button.clicked.connect(self.convert_selected)
        self.bench_button.clicked.connect(self.bench_selected)
        self.remove_button.clicked.connect(self.remove_selected)

        self.choices: dict[str, QComboBox] = {}
        choice_form = QFormLayout()
        for code in languages:
            combo = QComboBox()
            self.choices[code] = combo
            combo.activated.connect(lambda _i, code=code: self._choice_made(code))
            choice_form.addRow(self.tr("Model for {0}:").format(code), combo)
        self.state = QLabel()
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setMaximumHeight(140)
        self.tasks.partial.connect(lambda _task, line: self.output.appendPlainText(line))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons_row)
        layout.addLayout(choice_form)
        layout.addWidget(self.state)
        layout.addWidget(self.output)
        layout.addWidget(close)
        self.reload()

    # --- listing -------------------------------------------------------------------------------------

    def reload(self) -> None:
        installed = self.store.installed()
        by_base: dict[str, list[InstalledModel]] = {}
        for model in installed:
            by_base.setdefault(model.name.split("-ct2-")[0], []).append(model)
        rows: list[tuple[str, str, str, str, str, str]] = []
        for entry in self.store.catalogue.entries:
            have = by_base.pop(entry.name, [])
            rows.append(
                (entry.name, ", ".join(entry.directions), entry.licence, f"{entry.int8_size_mb} MB",
                 ", ".join(f"{m.name} ({m.format})" for m in have) or "—",
                 entry.note if entry.supported else self.tr("not supported yet"))
            )  # fmt: skip
        for base, models in by_base.items():
            rows.append((base, "", models[0].licence, "", ", ".join(f"{m.name} ({m.format})" for m in models), ""))
        self.model.set_rows(rows, tooltips=[" · ".join(r) for r in rows])
        self.table.resizeColumnsToContents()
        for code, combo in self.choices.items():
            combo.clear()
            default = self.store.catalogue.default_for("vi", code)
            combo.addItem(self.tr("catalogue default ({0})").format(default or self.tr("none")), "")
            for model in installed:
                if model.format == "ct2" and "-ct2-" in model.name:
                    continue  # the converted copy runs in place of its original
                combo.addItem(model.name, model.name)
            combo.setCurrentIndex(max(0, combo.findData(self.settings.mt_models.get(code, ""))))
        self._update_buttons()

    def selected_installed(self) -> InstalledModel | None:
        row = self.table.currentIndex().row()
        if row < 0 or row >= len(self.model.rows):
            return None
        name = self.model.rows[row][0]
        return next((m for m in self.store.installed() if m.name == name), None)

    def _update_buttons(self) -> None:
        model = self.selected_installed()
        for button in (self.install_folder, self.install_archive):
            button.setEnabled(not self.busy)
        self.convert_button.setEnabled(not self.busy and model is not None and model.format == "transformers")
        self.bench_button.setEnabled(not self.busy and model is not None)
        self.remove_button.setEnabled(not self.busy and model is not None)

    def _choice_made(self, code: str) -> None:
        """New settings with this language's model (the ones shown are not edited in place)."""
        name = self.choices[code].currentData()
        models = {c: m for c, m in self.settings.mt_models.items() if c != code}
        if name:
            models[code] = name
        self.settings = replace(self.settings, mt_models=models)
        self._update_settings(self.settings)

    # --- tasks ---------------------------------------------------------------------------------------

    def run(self, what: str, work: Callable[[Callable[[str], None]], str]) -> None:
        self.busy = True
        self.state.setText(what)
        self._update_buttons()
        self.tasks.start(lambda state: work(state.partial), what)

    def _task_ended(self, ok: bool, message: str) -> None:
        self.busy = False
        self.state.setText(message if ok else self.tr("Failed: {0}").format(message))
        if message:
            self.output.appendPlainText(message)
        self.reload()
        if not ok:
            QMessageBox.warning(self, self.tr("Model manager"), message)
        self.ended.emit(ok, message)

    def install(self, path: Path) -> None:
        self.run(
            self.tr("Checking and installing {0}…").format(path.name),
            lambda _out: self.tr("Installed {0}").format(self.store.install(path).name),
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Model folder"))
        if folder:
            self.install(Path(folder))

    def choose_archive(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Model archive"), "", self.tr("Archives") + " (*.zip *.tar.gz *.tgz *.tar)"
        )
        if name:
            self.install(Path(name))

    def convert_selected(self) -> None:
        model = self.selected_installed()
        if model is not None:
            self.run(
                self.tr("Converting {0} (int8)…").format(model.name),
                lambda _out: self.tr("Converted: {0}").format(self.store.convert(model.name).name),
            )

    def bench_selected(self) -> None:
        model = self.selected_installed()
        if model is None:
            return
        runnable = self.store.runnable(model.name)

        def work(out: Callable[[str], None]) -> str:
            from workbench.mt.speed import measure_engines

            hf = model.path if model.format == "transformers" else None
            measure_engines(hf, runnable.path, out) if runnable.format == "ct2" else out(
                self.tr("Convert the model first to measure its CTranslate2 speed")
            )
            return self.tr("Benchmark of {0} finished").format(runnable.name)

        self.run(self.tr("Measuring {0} (random sentences, a few minutes)…").format(runnable.name), work)

    def remove_selected(self) -> None:
        model = self.selected_installed()
        if model is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove model"), self.tr("Remove {0} from this computer?").format(model.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.store.remove(model.name)
            except WorkbenchError as exc:
                QMessageBox.warning(self, self.tr("Model manager"), str(exc))
            self.reload()

    def reject(self) -> None:
        if self.busy:
            self.state.setText(self.tr("Please wait: a task is still running"))
            return
        super().reject()
