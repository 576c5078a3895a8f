"""Making a pivot route in the window (vi->en by one model, then en->km by another), and how a choice is shown.

A route is only a text (`vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M`, workbench/mt/routes.py), kept in
the settings like a model's name. The dialog offers, for each hop, the installed models that serve it,
shows both hops' licences as they are picked, and checks the whole route (`check_route`) before it
accepts, so a route it hands back can draft. Everything here reads manifests: nothing is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import LANGUAGES
from workbench.mt.model_store import InstalledModel, ModelStore
from workbench.mt.routes import Route, check_route, is_route, label, licences, route_from, serves


def licence_text(choice: str, store: ModelStore) -> str:
    """ "Apache-2.0" for a model, "Apache-2.0 + CC-BY-NC-4.0" for a route (one per hop, in order)."""
    return " + ".join(licence for _model, licence in licences(choice, store))


def choice_label(choice: str, store: ModelStore) -> str:
    """ "vi-en-km: opus-mt-vi-en → nllb-200-distilled-600M (Apache-2.0 + CC-BY-NC-4.0)": what it is, and
    under which licences its drafts may be published."""
    return f"{label(choice)} ({licence_text(choice, store)})"


def choosable_models(store: ModelStore) -> list[InstalledModel]:
    """The installed models a person picks from: a converted copy runs in place of its original, so only
    the original is listed (a model installed already converted is listed as it is)."""
    return [m for m in store.installed() if not (m.format == "ct2" and "-ct2-" in m.name)]


def route_target(choice: str) -> str:
    """The language a route ends in ("" for a model name)."""
    return choice.rsplit(":", 1)[0].rsplit("-", 1)[-1] if is_route(choice) else ""


class RouteDialog(QDialog):
    """One pivot language, a model for each of the two hops; `route` is the checked route once accepted."""

    def __init__(
        self, store: ModelStore, targets: Sequence[str], target: str = "", source: str = "vi",
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.store, self.source = store, source
        self.route: Route | None = None
        self.models = choosable_models(store)
        self.setWindowTitle(self.tr("New route"))
        self.target = QComboBox()
        for code in targets:
            self.target.addItem(code, code)
        self.target.setCurrentIndex(max(0, self.target.findData(target)))
        self.pivot = QComboBox()
        self.first = QComboBox()
        self.second = QComboBox()
        self.licences = QLabel()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout()
        for text, widget in (
            (self.tr("&Into:"), self.target),
            (self.tr("&Through:"), self.pivot),
            (self.tr("&First hop:"), self.first),
            (self.tr("&Second hop:"), self.second),
            (self.tr("Licences:"), self.licences),
        ):
            form.addRow(text, widget)  # the label's mnemonic focuses its field
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.pivot.currentIndexChanged.connect(self._pivot_changed)
        self.first.currentIndexChanged.connect(self._show_licences)
        self.second.currentIndexChanged.connect(self._show_licences)
        self._target_changed()

    def _target_changed(self) -> None:
        """The languages a route into the target can go through: any the workbench knows but the ends."""
        target = str(self.target.currentData())
        self.pivot.blockSignals(True)
        self.pivot.clear()
        for code in LANGUAGES:
            if code not in (self.source, target):
                self.pivot.addItem(code, code)
        self.pivot.blockSignals(False)
        self._pivot_changed()

    def _fill(self, combo: QComboBox, source: str, target: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        for model in self.models:
            if serves(model, source, target):
                combo.addItem(f"{model.name} ({model.licence or self.tr('licence unknown')})", model.name)
        combo.blockSignals(False)

    def _pivot_changed(self) -> None:
        pivot, target = str(self.pivot.currentData()), str(self.target.currentData())
        self._fill(self.first, self.source, pivot)
        self._fill(self.second, pivot, target)
        if self.first.count() > 1 and self.first.currentData() == self.second.currentData():
            # a route through one model twice is rarely meant: start from another model for the first hop
            self.first.setCurrentIndex(1 if self.first.currentIndex() == 0 else 0)
        self._show_licences()

    def languages(self) -> str:
        return f"{self.source}-{self.pivot.currentData()}-{self.target.currentData()}"

    def _show_licences(self) -> None:
        first, second = self.first.currentData(), self.second.currentData()
        missing = [f"{a}->{b}" for a, b, m in self._hops() if not m]
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not missing)
        if missing:
            self.licences.setText("—")
            self.problem.setText(self.tr("No installed model serves {0}").format(", ".join(missing)))
            return
        text = route_from(self.languages(), {str(self.pivot.currentData()): first, self._target(): second}).text
        self.licences.setText(licence_text(text, self.store))
        self.problem.setText("")

    def _target(self) -> str:
        return str(self.target.currentData())

    def _hops(self) -> list[tuple[str, str, str]]:
        pivot = str(self.pivot.currentData())
        return [
            (self.source, pivot, str(self.first.currentData() or "")),
            (pivot, self._target(), str(self.second.currentData() or "")),
        ]

    def accept(self) -> None:
        """Accept only a route every hop of which is installed and serves its direction."""
        try:
            route = route_from(self.languages(), {b: m for _a, b, m in self._hops() if m})
            check_route(route, self.store, self.source, self._target(), option="")
        except WorkbenchError as exc:
            self.problem.setText(str(exc))
            return
        self.route = route
        super().accept()
