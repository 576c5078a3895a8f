"""The project's edit rules in the window: a table in the order they run, add/edit/remove, move up and down,
CSV in and out, and a tester showing what each rule does to a sample sentence.

Every write goes through core/ops/edit_rule_store and edit_rule_files; a rule with a bad regex is refused in
the rule editor with the reason (regex's message and position) and nothing is saved. Rules are read when a
pre-translation starts, so a change applies to the next one; drafts already made stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.ops.edit_rule_files import export_rules, import_rules
from workbench.core.ops.edit_rule_store import NewRule, add_rule, move_by, remove_rule, set_enabled, update_rule
from workbench.core.ops.edit_rules import EditRule, RuleEffect, project_rules, try_rules
from workbench.core.store.project_store import Project
from workbench.ui.error_dialog import show_error

ENABLED_COLUMN = 5


class RuleEditor(QDialog):
    """One rule's fields; Save hands the rule to `save` and closes only when it was kept."""

    def __init__(
        self, save: Callable[[NewRule], None], names: dict[str, str], rule: EditRule | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.save = save
        self.setWindowTitle(self.tr("Edit rule") if rule else self.tr("Add an edit rule"))
        self.resize(560, 0)
        self.stage = QComboBox()
        self.stage.addItem(self.tr("Source, before MT"), "source")
        self.stage.addItem(self.tr("Output, after MT"), "target")
        self.language = QComboBox()
        self.language.addItem(self.tr("Every target language"), "")
        for code in TARGET_LANGUAGES:
            self.language.addItem(names.get(code, code), code)
        self.pattern = QLineEdit(rule.pattern if rule else "")
        self.pattern.setPlaceholderText(self.tr(r"a regular expression, e.g. \bUBND\b"))
        self.replacement = QLineEdit(rule.replacement if rule else "")
        self.replacement.setPlaceholderText(self.tr(r"the new text; \1 or \g<name> for a group"))
        self.note = QLineEdit(rule.note if rule else "")
        self.enabled = QCheckBox(self.tr("On"))
        self.enabled.setChecked(rule.enabled if rule else True)
        if rule:
            self.stage.setCurrentIndex(max(0, self.stage.findData(rule.stage)))
            self.language.setCurrentIndex(max(0, self.language.findData(rule.language)))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(self.tr("Applies to:"), self.stage)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Pattern:"), self.pattern)
        form.addRow(self.tr("Replacement:"), self.replacement)
        form.addRow(self.tr("Note:"), self.note)
        form.addRow("", self.enabled)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.stage.currentIndexChanged.connect(self._stage_changed)
        for field in (self.pattern, self.replacement):
            field.textChanged.connect(self._check)
        self._stage_changed()
        self.pattern.setFocus()

    def rule(self) -> NewRule:
        stage = str(self.stage.currentData())
        language = str(self.language.currentData()) if stage == "target" else ""
        return NewRule(
            stage,
            language,
            self.pattern.text(),
            self.replacement.text(),
            self.note.text().strip(),
            self.enabled.isChecked(),
        )

    def _stage_changed(self) -> None:
        self.language.setEnabled(self.stage.currentData() == "target")
        self._check()

    def _check(self) -> None:
        """The reason a rule cannot be kept, as it is typed (an empty pattern is not yet a mistake)."""
        rule = self.rule()
        self.problem.setText(rule.problem() if rule.pattern else "")

    def accept(self) -> None:
        rule = self.rule()
        problem = rule.problem()
        if not problem:
            try:
                self.save(rule)
            except WorkbenchError as exc:
                problem = str(exc)
        if problem:
            self.problem.setText(problem)
            return
        super().accept()


class EditRulesDialog(QDialog):
    """The rules table and the tester. `changed` says the rules were written (the next job reads them)."""

    changed = Signal()

    def __init__(self, project: Project, names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.names = project, names
        self.editor: RuleEditor | None = None
        self.setWindowTitle(self.tr("Edit rules"))
        self.resize(900, 640)
        about = QLabel(
            self.tr(
                "Regular expressions applied in this order: source rules to the Vietnamese before machine "
                "translation, output rules to the draft after it. A change applies to the next pre-translation; "
                "drafts already made stay as they are."
            )
        )
        about.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Stage"), self.tr("Language"), self.tr("Pattern"), self.tr("Replacement"), self.tr("Note"),
             self.tr("On")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(True)
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_rule())
        self.table.itemSelectionChanged.connect(self._selection_changed)

        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, self.tr("&Add…"), self.add_rule)
        self.edit_button = self._button(buttons, self.tr("&Edit…"), self.edit_rule)
        self.remove_button = self._button(buttons, self.tr("&Remove"), self.remove_rule)
        self.up_button = self._button(buttons, self.tr("Move &up"), lambda: self.move_selected(-1))
        self.down_button = self._button(buttons, self.tr("Move &down"), lambda: self.move_selected(1))
        buttons.addStretch()
        self.status = QLabel()
        buttons.addWidget(self.status)
        self._button(buttons, self.tr("&Import CSV…"), self.import_csv)
        self._button(buttons, self.tr("E&xport CSV…"), self.export_csv)

        tester = QGroupBox(self.tr("Test the rules on a sample"))
        form = QFormLayout()
        self.sample = QLineEdit()
        self.sample.setPlaceholderText(self.tr("a Vietnamese sentence, as the source rules see it"))
        self.output_sample = QLineEdit()
        self.output_sample.setPlaceholderText(self.tr("a draft in the chosen language, as the output rules see it"))
        self.test_language = QComboBox()
        for code in TARGET_LANGUAGES:
            self.test_language.addItem(names.get(code, code), code)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output_sample, 1)
        output_row.addWidget(self.test_language)
        form.addRow(self.tr("Source:"), self.sample)
        form.addRow(self.tr("Output:"), output_row)
        self.effects = QTableWidget(0, 3)
        self.effects.setHorizontalHeaderLabels([self.tr("Rule"), self.tr("Before"), self.tr("After")])
        self.effects.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.effects.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.effects.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.source_result = QLabel()
        self.output_result = QLabel()
        for label in (self.source_result, self.output_result):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tester_layout = QVBoxLayout(tester)
        tester_layout.addLayout(form)
        tester_layout.addWidget(self.effects)
        tester_layout.addWidget(self.source_result)
        tester_layout.addWidget(self.output_result)
        self.sample.textChanged.connect(self.run_tester)
        self.output_sample.textChanged.connect(self.run_tester)
        self.test_language.currentIndexChanged.connect(self.run_tester)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(tester, 2)
        layout.addWidget(close)
        self.rules: list[EditRule] = []
        self.reload()

    def _button(self, row: QHBoxLayout, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        return button

    # --- the table -----------------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """The rules as the project has them now; `select` (a rule id) is the selected row after."""
        self.rules = project_rules(self.project)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rules))
        for row, rule in enumerate(self.rules):
            stage = self.tr("source") if rule.stage == "source" else self.tr("output")
            language = "" if rule.stage == "source" else self.names.get(rule.language, rule.language) or self.tr("all")
            for column, text in enumerate((stage, language, rule.pattern, rule.replacement, rule.note)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            switch = QTableWidgetItem()
            switch.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            switch.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
            self.table.setItem(row, ENABLED_COLUMN, switch)
        self.table.blockSignals(False)
        ids = [r.id for r in self.rules]
        if select in ids:
            self.table.selectRow(ids.index(select))
        self._selection_changed()
        self.run_tester()

    def selected_rule(self) -> EditRule | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rules[rows[0].row()] if rows and rows[0].row() < len(self.rules) else None

    def _selection_changed(self) -> None:
        rule = self.selected_rule()
        at = self.rules.index(rule) if rule else -1
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(rule is not None)
        self.up_button.setEnabled(at > 0)
        self.down_button.setEnabled(0 <= at < len(self.rules) - 1)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != ENABLED_COLUMN or item.row() >= len(self.rules):
            return
        rule = self.rules[item.row()]
        try:
            switched = set_enabled(self.project, rule.id, item.checkState() == Qt.CheckState.Checked)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot change the edit rules"), str(exc))
            QTimer.singleShot(0, lambda: self.reload(rule.id))  # not while the table is emitting for this item
            return
        self.rules[item.row()] = switched  # the rows stay as they are: only a switch changed
        self.run_tester()
        self.changed.emit()

    def _write(self, change: Callable[[], object], select: int | None = None) -> bool:
        """One change through the core; a refusal is shown and the table shows what the project holds."""
        try:
            change()
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot change the edit rules"), str(exc))
            self.reload(select)
            return False
        self.reload(select)
        self.changed.emit()
        return True

    def add_rule(self) -> RuleEditor:
        """Opens the rule editor (window-modal); the rule is saved when the editor accepts it."""

        def save(rule: NewRule) -> None:
            added = add_rule(self.project, rule)
            self.reload(added.id)
            self.changed.emit()

        return self._open_editor(save, None)

    def edit_rule(self) -> RuleEditor | None:
        rule = self.selected_rule()
        if rule is None:
            return None

        def save(new: NewRule) -> None:
            update_rule(self.project, rule.id, new)
            self.reload(rule.id)
            self.changed.emit()

        return self._open_editor(save, rule)

    def _open_editor(self, save: Callable[[NewRule], None], rule: EditRule | None) -> RuleEditor:
        self.editor = RuleEditor(save, self.names, rule, self)
        self.editor.open()
        return self.editor

    def remove_rule(self) -> None:
        rule = self.selected_rule()
        if rule is not None:
            self._write(lambda: remove_rule(self.project, rule.id))

    def move_selected(self, step: int) -> None:
        rule = self.selected_rule()
        if rule is not None:
            self._write(lambda: move_by(self.project, rule.id, step), rule.id)

    def import_csv(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(self, self.tr("Import edit rules"), "", self.tr("CSV (*.csv)"))
            if not name:
                return
            path = Path(name)
        try:
            done = import_rules(self.project, path)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot import the edit rules"), str(exc))
            return
        self.reload()
        self.changed.emit()
        self.status.setText(self.tr("{0}: {1} rules read, {2} added").format(path.name, done.read, done.added))

    def export_csv(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export edit rules"), "rules.csv", self.tr("CSV (*.csv)")
            )
            if not name:
                return
            path = Path(name)
        try:
            written = export_rules(self.project, path)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot export the edit rules"), str(exc))
            return
        self.status.setText(self.tr("{0}: {1} rules written").format(path.name, written))

    # --- the tester ----------------------------------------------------------------------------------

    def run_tester(self) -> None:
        """Source rules on the source sample, then the chosen language's output rules on the output sample."""
        language = str(self.test_language.currentData())
        source, output = self.sample.text(), self.output_sample.text()
        source_effects = try_rules(self.rules, source, "source") if source else []
        output_effects = try_rules(self.rules, output, "target", language) if output else []
        shown: list[RuleEffect] = source_effects + output_effects
        self.effects.setRowCount(len(shown))
        for row, effect in enumerate(shown):
            rule = effect.rule
            after = effect.after if effect.changed else self.tr("(no match)")
            if effect.flag:  # skipped, or its other matches applied and a protected span left alone
                after = (
                    f"{effect.after}  ({effect.flag})"
                    if effect.changed
                    else self.tr("skipped: {0}").format(effect.flag)
                )
            cells = (f"{rule.position}. {rule.pattern} → {rule.replacement}", effect.before, after)
            for column, text in enumerate(cells):
                self.effects.setItem(row, column, QTableWidgetItem(text))
        self.source_result.setText(
            self.tr("Source after the rules: {0}").format(source_effects[-1].after if source_effects else source)
            if source
            else ""
        )
        self.output_result.setText(
            self.tr("Output after the rules: {0}").format(output_effects[-1].after if output_effects else output)
            if output
            else ""
        )
