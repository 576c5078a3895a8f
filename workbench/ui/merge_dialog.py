"""File > Merge back: a hand-off file returned by a translator working elsewhere.

The dialog shows the plan before anything is written (`merge_back.plan_merge`): what will be updated,
what is unchanged, and — first in the list — the conflicts (approved here, or changed here since the
hand-off) with a tick to take the file's text instead, and the units whose source is not the project's,
which are left out. Each row says how its unit was matched (by id, or by source text when another tool
renumbered the ids). Nothing is written until Merge is pressed, then all of it in one transaction, and
the shared memory the window passes learns the text the file says a person finished.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.language.khmer_breaks import for_display
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.merge_back import Match, MergePlan, Outcome, apply_merge, plan_merge
from workbench.core.store.project_store import Project
from workbench.ui.error_dialog import show_error
from workbench.ui.rows_model import RowsModel

ROWS_SIZED_AT_ONCE = 2000
#: the order rows are listed in: what needs a decision first
_ORDER = [
    Outcome.CONFLICT, Outcome.MISMATCH, Outcome.UPDATE, Outcome.UNKNOWN, Outcome.DUPLICATE, Outcome.SAME, Outcome.EMPTY,
]  # fmt: skip


class MergeDialog(QDialog):
    #: segment ids written by the merge
    merged = Signal(list)

    def __init__(
        self, project: Project, path: Path, language: str, names: dict[str, str], author: str,
        parent: QWidget | None = None, memory: SharedMemory | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.project, self.path, self.author = project, Path(path), author
        self.memory = memory  # the shared memory the merged text teaches (the window's)
        self.plan: MergePlan | None = None
        self.rows: list = []
        self.setWindowTitle(self.tr("Merge back {0}").format(self.path.name))
        self.resize(980, 600)
        self.language = QComboBox()
        for code in project.info.target_languages:
            self.language.addItem(names.get(code, code), code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.language.currentIndexChanged.connect(self.make_plan)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowsModel(
            [self.tr("Segment"), self.tr("Source"), self.tr("Here"), self.tr("In the file"), self.tr("What happens")],
            [], parent=self,
        )  # fmt: skip
        self.table = QTableView()
        self.table.setModel(self.model)
        for column in (1, 2, 3, 4):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.clicked.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Translation into")))
        top.addWidget(self.language)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.make_plan()

    def make_plan(self) -> bool:
        """Read the file against the chosen language; a file that cannot be merged is said so here."""
        self.plan = None
        self.merge_button.setEnabled(False)
        try:
            plan = plan_merge(self.project, self.path, self.language.currentData())
        except WorkbenchError as exc:
            self.summary.setText(self.tr("This file cannot be merged: {0}").format(exc))
            self.model.set_rows([])
            return False
        self.plan = plan
        self.rows = sorted(plan.rows, key=lambda row: _ORDER.index(row.outcome))
        what = {
            Outcome.CONFLICT: self.tr("conflict: tick to take the file's text"),
            Outcome.MISMATCH: self.tr("left out: the source differs"),
            Outcome.UPDATE: self.tr("will be updated"),
            Outcome.UNKNOWN: self.tr("left out: not in this project"),
            Outcome.SAME: self.tr("unchanged"),
            Outcome.EMPTY: self.tr("no translation in the file"),
            Outcome.DUPLICATE: self.tr("left out: another unit of the file is for this segment"),
        }
        rule = {
            Match.ID: self.tr("(matched by id)"),
            Match.SOURCE: self.tr("(matched by source text)"),
            Match.ORDER: self.tr("(matched by source text and order)"),
            Match.NONE: "",
        }
        self.model.set_rows(
            [
                [str(r.segment_id or ""), r.source, for_display(r.current_text), for_display(r.text),
                 " ".join(part for part in (what[r.outcome], r.why, rule[r.matched_by]) if part)]
                for r in self.rows
            ],
            checkable=[r.outcome is Outcome.CONFLICT for r in self.rows],
            tooltips=[f"{r.source}\n\n{r.current_text}\n→ {r.text}" for r in self.rows],
        )  # fmt: skip
        if len(self.rows) <= ROWS_SIZED_AT_ONCE:
            self.table.resizeRowsToContents()
        counts = plan.counts()
        self.summary.setText(
            self.tr(
                "{0} units: {1} to update, {2} unchanged, {3} conflicts, {4} with another source, "
                "{5} not in this project. Approved text changes only where you tick it."
            ).format(
                len(plan.rows), counts.get("update", 0), counts.get("same", 0), counts.get("conflict", 0),
                counts.get("mismatch", 0), counts.get("unknown", 0),
            )
        )  # fmt: skip
        if plan.notes:  # what the plan did not trust in the file (a date from the future, say)
            self.summary.setText(self.summary.text() + "\n" + "\n".join(f"• {note}" for note in plan.notes))
        self.merge_button.setEnabled(bool(counts.get("update", 0) or counts.get("conflict", 0)))
        return True

    def taken(self) -> list[int]:
        return [
            r.segment_id for r, ticked in zip(self.rows, self.model.checked, strict=True) if ticked and r.segment_id
        ]

    def merge(self) -> None:
        if self.plan is None:
            return
        try:
            changes = apply_merge(
                self.project, self.plan, self.author, self.taken(), skip_mismatched=True, memory=self.memory
            )
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot merge"), str(exc))
            return
        self.merged.emit(list(changes.segment_ids))
        self.accept()
