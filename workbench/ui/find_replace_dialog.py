"""Find & replace in one target language: a preview of every change, each one switchable, applied as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.ops.find_replace import Replacement, plan_replacements
from workbench.core.store.project_store import Project
from workbench.ui.editing_controller import EditingController
from workbench.ui.rows_model import RowsModel


class FindReplaceDialog(QDialog):
    def __init__(
        self, project: Project, segment_ids: list[int], language: str, names: dict[str, str],
        editing: EditingController, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.project, self.segment_ids, self.editing = project, segment_ids, editing
        self.plans: list[Replacement] = []
        self.replaced = 0
        self.setWindowTitle(self.tr("Find and replace in translations"))
        self.resize(820, 520)
        form = QFormLayout()
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.language = QComboBox()
        for code in project.info.target_languages:
            self.language.addItem(names.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.match_case = QCheckBox(self.tr("Match case"))
        self.ignore_diacritics = QCheckBox(self.tr("Ignore diacritics"))
        form.addRow(self.tr("Find:"), self.find_edit)
        form.addRow(self.tr("Replace with:"), self.replace_edit)
        form.addRow(self.tr("In:"), self.language)
        form.addRow("", self.match_case)
        form.addRow("", self.ignore_diacritics)
        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.model = RowsModel(["#", self.tr("Now"), self.tr("After replacing")], [], parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        for column in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self.tr("Press Preview to see every change before it is made."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.replace_button = self.buttons.addButton(self.tr("&Replace checked"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.replace_button.setEnabled(False)
        self.replace_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def preview(self) -> None:
        self.plans = plan_replacements(
            self.project, self.segment_ids, self.language.currentData(), self.find_edit.text(), self.replace_edit.text(),
            self.match_case.isChecked(), self.ignore_diacritics.isChecked(),
        )  # fmt: skip
        positions = {s.id: s.position for s in self.project.segments_by_ids([p.segment_id for p in self.plans])}
        self.model.set_rows(
            [[str(positions.get(p.segment_id, 0) + 1), p.before, p.after] for p in self.plans],
            checkable=[True] * len(self.plans), checked=[True] * len(self.plans),
        )  # fmt: skip
        self.table.resizeRowsToContents()
        count = sum(p.count for p in self.plans)
        self.summary.setText(self.tr("{0} replacements in {1} segments").format(count, len(self.plans)))
        self.replace_button.setEnabled(bool(self.plans))

    def checked(self) -> list[Replacement]:
        return [p for p, ticked in zip(self.plans, self.model.checked, strict=True) if ticked]

    def apply(self) -> None:
        self.replaced = self.editing.apply_replacements(self.checked())
        self.summary.setText(self.tr("Replaced in {0} segments (Ctrl+Z undoes it)").format(self.replaced))
        self.plans = []
        self.model.set_rows([])
        self.replace_button.setEnabled(False)
