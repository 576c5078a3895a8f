"""The quality-check report of a document or the project: every finding, a double-click goes to the
segment, and a finding that is fine can be ignored with a reason (kept for the editor)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.qa.checks import Problem, Severity
from workbench.core.qa.project_run import ignore_problem
from workbench.core.store.project_store import Project
from workbench.ui.rows_model import RowsModel


class CheckReportDialog(QDialog):
    """`labels` name each finding's segment as everything else does ("le-hoi.docx #8", segment_numbers)."""

    def __init__(
        self, project: Project, problems: list[Problem], labels: dict[int, str], author: str,
        go_to: Callable[[int, str], None], parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.project, self.problems, self.author, self.go_to = project, problems, author, go_to
        self.setWindowTitle(self.tr("Quality checks"))
        self.resize(900, 560)
        counts = Counter(p.severity for p in problems)
        self.summary = QLabel(
            self.tr("{0} errors, {1} warnings, {2} notes").format(
                counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
            )
        )
        self.model = RowsModel(
            [self.tr("Segment"), self.tr("Language"), self.tr("Severity"), self.tr("Check"), self.tr("Problem")],
            [[labels.get(p.segment_id, ""), p.language, p.severity, p.check_id, p.message] for p in problems],
            parent=self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._go(index.row()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.ignore_button = buttons.addButton(
            self.tr("&Ignore with a reason…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.ignore_button.clicked.connect(self.ignore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _go(self, row: int) -> None:
        problem = self.problems[row]
        self.go_to(problem.segment_id, problem.language)

    def ignore_selected(self, reason: str | None = None) -> bool:
        row = self.table.currentIndex().row()
        if row < 0:
            return False
        problem = self.problems[row]
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Ignore this finding"), self.tr("Why is it fine?"))
            if not ok:
                return False
        try:
            ignore_problem(self.project, problem.segment_id, problem.language, problem.check_id, reason, self.author)
        except WorkbenchError as exc:
            self.summary.setText(str(exc))
            return False
        self.model.remove_row(row)
        del self.problems[row]
        return True
