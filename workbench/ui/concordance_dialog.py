"""The concordance window (Ctrl+K): every occurrence of some words in the project and the memories.

Results are searched as the query is typed (after a short pause) in a thread of the window's own, on a
read-only connection to the project and a connection to the shared memory of the search's own (SQLite
connections stay in their thread), so a slow search never holds the window, nor waits behind a
pre-translation in the shared pool; a newer search drops an older one's results (and one not yet started
is not run). Each hit is a row: where it is from, the
Vietnamese with the words highlighted, the translations side by side, when it was written; newest
first. The row chosen is shown below in full, where a phrase of a translation can be selected; Insert
(Ctrl+Enter) puts the selection, or the whole translation into the work language, at the editor's cursor.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.memory.concordance import ConcordanceHit, ConcordanceResult, read_query, search_concordance
from workbench.core.memory.project_memory import Memories
from workbench.core.store.project_store import Project
from workbench.ui.rows_model import HeadedTableModel, Index
from workbench.ui.segment_table_model import TERMS_ROLE
from workbench.ui.source_delegate import SourceDelegate, highlighted_html
from workbench.ui.tasks import TaskRunner, TaskState, on_read_only_copy

#: QSettings key of the diacritic-blind choice
BLIND_KEY = "concordance/diacritic_blind"
#: milliseconds of quiet typing before the search runs
DEBOUNCE_MS = 250
_SOURCE_COLUMN = 1


@dataclass(frozen=True, slots=True)
class InsertTarget:
    """Where an insert goes: the editor the translator was in, and its cursor when Ctrl+K was pressed."""

    segment_id: int
    language: str
    position: int


class ConcordanceModel(HeadedTableModel):
    """The hits as rows: where, the source (its matched spans under TERMS_ROLE), a column per language, when."""

    def __init__(self, languages: list[str], names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__([], parent)
        self.languages = languages
        self.headers = [self.tr("From"), self.tr("Vietnamese"), *(names.get(c, c) for c in languages), self.tr("When")]
        self.hits: list[ConcordanceHit] = []

    def set_hits(self, hits: list[ConcordanceHit]) -> None:
        self.beginResetModel()  # a new search: every row is new
        self.hits = hits
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.hits)

    def text(self, row: int, column: int) -> str:
        hit = self.hits[row]
        if column == 0:
            return hit.where
        if column == _SOURCE_COLUMN:
            return hit.source
        if column == len(self.headers) - 1:
            return hit.updated_at[:16].replace("T", " ")
        return hit.translations.get(self.languages[column - 2], "")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == TERMS_ROLE and index.column() == _SOURCE_COLUMN:
            return [(start, end, "") for start, end in self.hits[index.row()].spans]
        return None


class ConcordanceDialog(QDialog):
    """Non-modal: it stays open beside the grid while the translator works (one per window).

    `open_memories` gives the memories of a project opened in the search's thread (closed after)."""

    def __init__(
        self, project_path: Path, open_memories: Callable[[Project], Memories], languages: list[str],
        names: dict[str, str], work_language: Callable[[], str], insert: Callable[[str, InsertTarget | None], bool],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.project_path, self.open_memories = project_path, open_memories
        self.names, self.work_language, self._insert = names, work_language, insert
        self.target: InsertTarget | None = None
        # a pool of its own, one search at a time: never queued behind a pre-translation in the shared one
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.tasks: TaskRunner[str] = TaskRunner(self, self.pool)
        self.tasks.finished.connect(self._found)
        self.tasks.failed.connect(self._failed)
        #: the search whose results are awaited (an older one's are dropped)
        self.task_id: int | None = None
        self.setWindowTitle(self.tr("Concordance"))
        self.resize(1000, 600)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Words to find in the project and the memories"))
        self.query.setClearButtonEnabled(True)
        self.blind = QCheckBox(self.tr("Ignore &diacritics"))
        self.blind.setToolTip(self.tr("van hoa finds văn hóa, and d finds đ"))
        self.blind.setChecked(bool(QSettings().value(BLIND_KEY, False, type=bool)))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ConcordanceModel(languages, names, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(_SOURCE_COLUMN, SourceDelegate(self.table))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(1, self.model.columnCount() - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Choose a result: select a phrase of it here to insert it"))
        self.insert_button = QPushButton(self.tr("&Insert at the cursor"))
        self.insert_button.setToolTip(
            self.tr(
                "The text selected below, or the whole translation into the language you are working in (Ctrl+Enter)"
            )
        )
        self.insert_button.clicked.connect(self.insert_selected)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.insert_selected)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.insert_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for button in [self.insert_button, *(b for b in buttons.buttons() if isinstance(b, QPushButton))]:
            button.setAutoDefault(False)  # Enter in the query searches; it neither inserts nor closes
            button.setDefault(False)
        find_label = QLabel(self.tr("&Find:"))
        find_label.setBuddy(self.query)
        top = QHBoxLayout()
        top.addWidget(find_label)
        top.addWidget(self.query, 1)
        top.addWidget(self.blind)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([420, 140])
        bottom = QHBoxLayout()
        bottom.addWidget(self.insert_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _text: self.timer.start())
        self.query.returnPressed.connect(self.search)
        self.blind.toggled.connect(self._blind_toggled)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show(current.row()))

    def start(self, query: str, target: InsertTarget | None) -> None:
        """Ctrl+K again: the new selection (if any) searched at once, inserts going to the editor now in use."""
        self.target = target
        words = " ".join(query.split())
        if words:
            self.query.setText(words)
        self.search()
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus()
        self.query.selectAll()

    def _blind_toggled(self, checked: bool) -> None:
        QSettings().setValue(BLIND_KEY, checked)
        self.search()

    @property
    def searching(self) -> bool:
        return self.task_id is not None

    def search(self) -> None:
        """Search the query now, in the thread pool: a search still running is dropped (its results unwanted)."""
        self.timer.stop()
        self._drop_search()
        text = self.query.text()
        if not text.strip():
            self._show_nothing(self.tr("Type or select some words and press Ctrl+K."))
            return
        blind = self.blind.isChecked()
        try:
            read_query(text, blind)  # a bad query is said at once, nothing started
        except WorkbenchError as exc:
            self._show_nothing(str(exc))
            return
        open_memories = self.open_memories

        def work(project: Project) -> ConcordanceResult:
            memories = open_memories(project)  # this thread's own connection to the shared memory
            try:
                return search_concordance(memories, text, diacritic_blind=blind)
            finally:
                memories.close()

        searching = on_read_only_copy(self.project_path, work)

        def task(state: TaskState) -> ConcordanceResult:
            state.check_cancelled()  # superseded while it waited for the one before: not run at all
            return searching(state)

        self.task_id = self.tasks.start(task, text)

    def _drop_search(self) -> None:
        if self.task_id is not None:
            self.tasks.drop(self.task_id)
            self.task_id = None

    def _show_nothing(self, message: str) -> None:
        self.model.set_hits([])
        self.summary.setText(message)
        self._show(-1)

    def _found(self, task_id: int, result: ConcordanceResult) -> None:
        if task_id != self.task_id:
            return  # an older search's
        text = self.tasks.purpose(task_id) or ""
        self.task_id = None
        hits = result.hits
        self.model.set_hits(hits)
        self.table.resizeRowsToContents()
        note = (
            self.tr(" (punctuation and symbols are ignored: the words are searched)")
            if read_query(text).ignored_punctuation
            else ""
        )
        if result.scan_limit_reached:
            note += self.tr(" Scan limit reached: older hits not searched.")
        if not hits:
            self.summary.setText(self.tr("Found nowhere in the project or the memories.") + note)
        else:
            self.summary.setText(self.tr("{0} found, newest first.").format(len(hits)) + note)
            self.table.selectRow(0)
        self._show(0 if hits else -1)

    def _failed(self, task_id: int, message: str) -> None:
        if task_id == self.task_id:
            self.task_id = None
            self._show_nothing(message)

    def done(self, result: int) -> None:
        """Closing drops a search still running: nothing it finds is wanted any more."""
        self._drop_search()
        super().done(result)

    def current_hit(self) -> ConcordanceHit | None:
        row = self.table.currentIndex().row()
        return self.model.hits[row] if 0 <= row < len(self.model.hits) else None

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.model.hits):
            self.detail.clear()
            return
        hit = self.model.hits[row]
        parts = [
            f"<p><b>{html.escape(hit.where)}</b><br>{highlighted_html(hit.source, [(*s, '') for s in hit.spans])}</p>"
        ]
        for code in self.model.languages:
            text = hit.translations.get(code)
            if text:
                parts.append(f"<p><i>{html.escape(self.names.get(code, code))}</i><br>{html.escape(text)}</p>")
        self.detail.setHtml("".join(parts))

    def insert_selected(self) -> None:
        """The phrase selected below, else the chosen hit's translation into the work language, at the cursor."""
        text = self.detail.textCursor().selectedText().replace("\u2029", " ").strip()
        hit = self.current_hit()
        if not text and hit is not None:
            language = self.target.language if self.target is not None else self.work_language()
            text = hit.translations.get(language, "")
        if not text:
            self.summary.setText(self.tr("Choose a result with a translation, or select a phrase of it below."))
            return
        if not self._insert(text, self.target):
            self.summary.setText(self.tr("Open a translation cell to insert into it."))
