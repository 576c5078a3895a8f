"""The model manager: known and installed MT models, their licences, sizes, published and measured scores;
install from a folder or archive, convert, benchmark, remove; pivot routes; measuring models on the
office's own texts (the evaluation dialog); and which model or route drafts each target language.

Beside each model, for vi-en and vi-km: the catalogue's published score (its metric named, where it was
published in the tooltip) and the latest measured one (`best_measured` of `models evaluate`'s stored
results; the tooltip says on what, how many segments, when), so an office picks its default by
measurement. A route (workbench/mt/routes.py) is chosen like a model and shows both hops' licences.

Installing, converting and benchmarking take seconds to minutes: they run on the task runner
(ui/tasks.py), their output lines arriving as partial results; the dialog stays responsive and says what is going on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
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

from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.settings import Settings
from workbench.mt.catalogue import HEADLINE_TEST_SET, CatalogueEntry
from workbench.mt.evaluation_store import EvaluationResult, best_measured, load_results
from workbench.mt.model_choice import default_choice
from workbench.mt.model_store import InstalledModel, ModelStore
from workbench.mt.routes import base_choice, is_route, label, models_of, parse_route, serves
from workbench.ui.evaluation_dialog import EvaluationDialog
from workbench.ui.route_editor import RouteDialog, choice_label, choosable_models, licence_text, route_target
from workbench.ui.rows_model import RowsModel
from workbench.ui.tasks import TaskRunner

#: the directions whose scores the table shows, published and measured
SCORED = ("vi-en", "vi-km")
#: the table's columns: name, directions, licence, (published, measured) per scored direction, size, installed, note
SCORE_COLUMN = 3
NOTE_COLUMN = SCORE_COLUMN + 2 * len(SCORED) + 2


def _well_formed(choice: str) -> bool:
    """A model's name, or a route text that parses (a settings file edited by hand may hold neither)."""
    try:
        parse_route(choice) if is_route(choice) else None
    except WorkbenchError:
        return False
    return True


class ScoresModel(RowsModel):
    """The table's rows, whose score cells each have a tooltip of their own (where the figure comes from)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(headers, [], parent=parent)
        self.cell_tips: dict[tuple[int, int], str] = {}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            tip = self.cell_tips.get((index.row(), index.column()))
            if tip:
                return tip
        return super().data(index, role)


class ModelManagerDialog(QDialog):
    #: a task ended: whether it went well, and what it said
    ended = Signal(bool, str)

    def __init__(
        self, store: ModelStore, settings: Settings, languages: list[str], parent: QWidget | None = None,
        update_settings: Callable[[Settings], None] = Settings.save, context: AppContext | None = None,
        project: Path | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.settings, self.languages = store, settings, languages
        #: takes the new settings a model choice makes (the window's AppContext.update_settings)
        self._update_settings = update_settings
        #: what the evaluation dialog measures with (the window's), and the open project it may measure on
        self.context, self.project = context, project
        #: routes made while the dialog is open, listed even after another choice replaced them
        self.made_routes: list[str] = []
        self.setWindowTitle(self.tr("Translation models"))
        self.resize(1180, 660)
        self.tasks: TaskRunner[str] = TaskRunner(self)  # one at a time: the buttons wait while one runs
        self.tasks.finished.connect(lambda _task, message: self._task_ended(True, message))
        self.tasks.failed.connect(lambda _task, message: self._task_ended(False, message))
        self.busy = False

        scores = [
            text.format(direction)
            for direction in SCORED
            for text in (self.tr("Published {0}"), self.tr("Measured {0}"))
        ]
        self.headers = [
            self.tr("Model"), self.tr("Directions"), self.tr("Licence"), *scores, self.tr("Size (int8)"),
            self.tr("Installed"), self.tr("Note"),
        ]  # fmt: skip
        self.model = ScoresModel(self.headers, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.buttons_row = QHBoxLayout()
        self.install_folder = QPushButton(self.tr("Install from &folder…"))
        self.install_archive = QPushButton(self.tr("Install from &archive…"))
        self.convert_button = QPushButton(self.tr("&Convert for speed"))
        self.bench_button = QPushButton(self.tr("&Benchmark"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.route_button = QPushButton(self.tr("&New route…"))
        self.route_button.setToolTip(self.tr("Translate through another language, a model for each hop"))
        self.evaluate_button = QPushButton(self.tr("&Evaluate…"))
        self.evaluate_button.setToolTip(self.tr("Measure models and routes on your own texts"))
        for button in (
            self.install_folder,
            self.install_archive,
            self.convert_button,
            self.bench_button,
            self.remove_button,
            self.route_button,
            self.evaluate_button,
        ):
            self.buttons_row.addWidget(button)
        self.install_folder.clicked.connect(self.choose_folder)
        self.install_archive.clicked.connect(self.choose_archive)
        self.convert_button.clicked.connect(self.convert_selected)
        self.bench_button.clicked.connect(self.bench_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.route_button.clicked.connect(self.new_route)
        self.evaluate_button.clicked.connect(self.evaluate)

        self.choices: dict[str, QComboBox] = {}
        choice_form = QFormLayout()
        for code in languages:
            combo = QComboBox()
            self.choices[code] = combo
            combo.activated.connect(lambda _i, code=code: self._choice_made(code))
            choice_form.addRow(self.tr("Model or route for {0}:").format(code), combo)
        self.state = QLabel()
        self.state.setWordWrap(True)
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

    def _measured(self) -> dict[str, dict[str, EvaluationResult]]:
        """Per scored direction, the measured result of each model or route by `base_choice`: of its
        converted and original copies' results, the one on the most segments, the later on a tie."""
        try:
            results = load_results()
        except WorkbenchError as exc:  # a damaged file is left alone and said so; the table still opens
            self.state.setText(str(exc))
            results = []
        measured: dict[str, dict[str, EvaluationResult]] = {}
        for direction in SCORED:
            found: dict[str, EvaluationResult] = {}
            for candidate, result in best_measured(results, direction).items():
                key = base_choice(candidate)
                held = found.get(key)
                if held is None or (result.segments, result.date) > (held.segments, held.date):
                    found[key] = result
            measured[direction] = found
        return measured

    def routes(self, measured: dict[str, dict[str, EvaluationResult]]) -> list[str]:
        """The routes to list: those the settings choose, those made here, those measured; each once."""
        found: dict[str, str] = {}
        candidates = [*self.settings.mt_models.values(), *self.made_routes]
        candidates += [c for results in measured.values() for c in results]
        for choice in candidates:
            if is_route(choice) and route_target(choice) in self.languages and _well_formed(choice):
                found.setdefault(base_choice(choice), choice)
        return list(found.values())

    def _score_cells(
        self, key: str, entry: CatalogueEntry | None, measured: dict[str, dict[str, EvaluationResult]]
    ) -> tuple[list[str], list[str]]:
        """The (published, measured) cells of each scored direction, and their tooltips."""
        cells, tips = [], []
        for direction in SCORED:
            published = entry.scores.headline(direction) if entry else None
            if published is None:  # no figure comparable across models; others may be published
                others = [s.describe() for s in (entry.scores if entry else ()) if s.direction == direction]
                cells.append("—")
                tips.append(self.tr("No published score for {0} on {1}").format(direction, HEADLINE_TEST_SET)
                            + "".join(f"; {other}" for other in others))  # fmt: skip
            else:
                cells.append(published.shown())
                note = f" ({published.note})" if published.note else ""
                tips.append(self.tr("{0}, published at {1}").format(published.describe(), published.source) + note)
            result = measured[direction].get(key)
            if result is None:
                cells.append("—")
                tips.append(self.tr("Not measured yet: Evaluate… measures it on your texts"))
            else:
                cells.append(f"{result.chrf:.1f} {result.chrf_name}")
                r = result
                shown = self.tr("{0} on {1}: {2} of {3} segments, {4}; {5:.1f} {6}")
                tips.append(
                    shown.format(r.candidate, r.reference, r.segments, r.reference_size, r.date.replace("T", " "),
                                 r.bleu, r.bleu_name)
                )  # fmt: skip
        return cells, tips

    def reload(self) -> None:
        installed = self.store.installed()
        measured = self._measured()
        by_base: dict[str, list[InstalledModel]] = {}
        for model in installed:
            by_base.setdefault(model.name.split("-ct2-")[0], []).append(model)
        rows: list[list[str]] = []
        tips: dict[tuple[int, int], str] = {}

        def add(key: str, entry: CatalogueEntry | None, first: list[str], last: list[str]) -> None:
            cells, cell_tips = self._score_cells(key, entry, measured)
            for column, tip in enumerate(cell_tips, SCORE_COLUMN):
                tips[(len(rows), column)] = tip
            rows.append([*first, *cells, *last])

        def have(models: list[InstalledModel]) -> str:
            return ", ".join(f"{m.name} ({m.format}, {m.family})" for m in models) or "—"

        for entry in self.store.catalogue.entries:
            models = by_base.pop(entry.name, [])
            add(entry.name, entry, [entry.name, ", ".join(entry.directions), entry.licence],
                [f"{entry.int8_size_mb} MB" if entry.int8_size_mb else "—", have(models),
                 entry.note if entry.supported else self.tr("not supported yet")])  # fmt: skip
        for base, models in by_base.items():
            add(base, None, [base, "", models[0].licence], ["", have(models), ""])
        names = {m.name for m in installed}
        routes = self.routes(measured)
        for choice in routes:
            route = parse_route(choice)
            missing = [m for m in models_of(choice) if m not in names]
            add(base_choice(choice), None,
                [label(choice), f"{route.hops[0].source}-{route.hops[-1].target}", licence_text(choice, self.store)],
                ["", self.tr("missing: {0}").format(", ".join(missing)) if missing else self.tr("every hop"),
                 self.tr("route through {0}").format(", ".join(h.target for h in route.hops[:-1]))])  # fmt: skip
        self.model.cell_tips = tips
        self.model.set_rows(rows, tooltips=[" · ".join(r) for r in rows])
        self.table.resizeColumnsToContents()
        self._fill_choices(routes)
        self._update_buttons()

    def _fill_choices(self, routes: list[str]) -> None:
        """Each language's combo: the catalogue default, the installed models, the `routes` into it; and
        the settings' choice even when it is no longer installed (said so), so what drafts is what is shown."""
        models = choosable_models(self.store)
        for code, combo in self.choices.items():
            combo.clear()
            default = default_choice(self.store, "vi", code)
            combo.addItem(self.tr("catalogue default ({0})").format(default or self.tr("none")), "")
            for model in models:
                if serves(model, "vi", code):  # opus-mt-vi-en is no choice for Khmer
                    combo.addItem(choice_label(model.name, self.store), model.name)
            for route in routes:
                if route_target(route) == code:
                    combo.addItem(choice_label(route, self.store), route)
            chosen = self.settings.mt_models.get(code, "")
            if chosen and combo.findData(chosen) < 0:
                if chosen in {m.name for m in models}:
                    combo.addItem(self.tr("{0} (does not translate into {1})").format(chosen, code), chosen)
                elif _well_formed(chosen):
                    combo.addItem(self.tr("{0} (not installed)").format(label(chosen)), chosen)
                else:
                    combo.addItem(self.tr("{0} (not a route that can be read)").format(chosen), chosen)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))

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
        self.route_button.setEnabled(not self.busy)
        self.evaluate_button.setEnabled(not self.busy and self.context is not None)

    def _choice_made(self, code: str) -> None:
        """New settings with this language's model or route (the ones shown are not edited in place)."""
        self.choose(code, str(self.choices[code].currentData() or ""))

    def choose(self, code: str, choice: str) -> None:
        """`choice` (a model's name, a route's text, "" for the catalogue's) drafts `code` from now on."""
        models = {c: m for c, m in self.settings.mt_models.items() if c != code}
        if choice:
            models[code] = choice
        self.settings = replace(self.settings, mt_models=models)
        self._update_settings(self.settings)

    # --- routes and measuring ------------------------------------------------------------------------

    def _current_language(self) -> str:
        focused = next((code for code, combo in self.choices.items() if combo.hasFocus()), "")
        return focused or ("km" if "km" in self.languages else (self.languages or [""])[0])

    def new_route(self) -> None:
        """Make a route in the route dialog; it becomes its language's choice."""
        dialog = RouteDialog(self.store, self.languages, self._current_language(), parent=self)
        if dialog.exec() and dialog.route is not None:
            text = dialog.route.text
            self.made_routes.append(text)
            self.choose(dialog.route.hops[-1].target, text)
            self.state.setText(self.tr("{0} now drafts {1}").format(label(text), dialog.route.hops[-1].target))
            self.reload()

    def evaluate(self) -> None:
        """The evaluation dialog over this one; its results and its "Use for" choice show here as it closes."""
        if self.context is None:
            return
        dialog = EvaluationDialog(self.context, self, self.project)
        dialog.ended.connect(lambda _how: self._after_evaluation())
        dialog.exec()
        self._after_evaluation()

    def _after_evaluation(self) -> None:
        """The new results, and the choice "Use for LANG" made (handed on, so the window applies it)."""
        if self.context is not None and self.context.settings.mt_models != self.settings.mt_models:
            self.settings = self.context.settings
            self._update_settings(self.settings)
        self.reload()

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
