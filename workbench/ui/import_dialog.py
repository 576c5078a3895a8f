"""Import dialog: pick files, see each one's detected encoding and its segments before anything is stored.

Page furniture (menus, captions, contact lines) arrives unticked with the reason; the translator can
tick or untick any line, and the choice is kept as the user's (re-imports respect it). Files are read
and segmented in a worker; storing happens in the GUI thread, one transaction per file, so a bad file
changes nothing and the others still go in. Reading runs on the task runner (ui/tasks.py); a file read
again in another encoding drops the earlier reading. A file that was read but asks to be checked (bytes that
were not valid in its encoding, a declared charset overruled) shows the core's warning above its preview.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.importing.file_import import FORMATS, prepare_import
from workbench.core.importing.segmentation_exceptions import project_segmenter
from workbench.core.language.segmenter import Segmenter
from workbench.core.records import PreparedDocument
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.ui.rows_model import RowsModel
from workbench.ui.tasks import TaskRunner, TaskState

log = logging.getLogger(__name__)
ENCODINGS = ["", "utf-8", "utf-16", "cp1258", "tcvn3", "vni"]
TEXT_FORMATS = (".txt", ".md", ".html", ".htm")
ROWS_SIZED_AT_ONCE = 2000


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a reading task is for: one file, read in one encoding ("" = as detected)."""

    key: str
    encoding: str


def _reading(
    path: Path, encoding: str, segmenter: Segmenter | None
) -> Callable[[TaskState], PreparedDocument | ImportProblem]:
    """A task that reads and segments one file (with the project's segmentation exceptions); a file that cannot
    be read is its ImportProblem, not an error."""

    def read(_state: TaskState) -> PreparedDocument | ImportProblem:
        try:
            return prepare_import(path, encoding or None, segmenter=segmenter)
        except WorkbenchError as exc:
            return exc if isinstance(exc, ImportProblem) else ImportProblem(str(path), str(exc))
        except Exception as exc:  # a worker reports, never raises
            log.exception("reading %s failed", path)
            return ImportProblem(str(path), f"could not be read ({type(exc).__name__}: {exc})")

    return read


class ImportDialog(QDialog):
    def __init__(self, project: Project, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.settings = project, settings
        self.setWindowTitle(self.tr("Import files"))
        self.resize(980, 620)
        self.prepared: dict[str, PreparedDocument] = {}
        self.problems: dict[str, str] = {}
        self.encodings: dict[str, str] = {}
        self.pending: set[str] = set()
        self.imported: list[int] = []
        self.report: list[str] = []
        self._readings: dict[str, int] = {}  # file -> the task reading it now
        self._reader: TaskRunner[_Reading] = TaskRunner(self)
        #: the project's segmentation exceptions (made on the GUI thread: the reading tasks only use it)
        self._segmenter = project_segmenter(project)
        self._reader.finished.connect(self._file_read)

        self.files = QListWidget()
        add = QPushButton(self.tr("&Add files…"))
        add.clicked.connect(self.choose_files)
        remove = QPushButton(self.tr("&Remove"))
        remove.clicked.connect(self.remove_current)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.files, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        left_layout.addLayout(row)

        self.detected = QLabel()
        self.detected.setWordWrap(True)  # a warning (bytes replaced, a declaration overruled) is a sentence
        self.encoding = QComboBox()
        self.encoding.addItem(self.tr("as detected"), "")
        for name in ENCODINGS[1:]:
            self.encoding.addItem(name, name)
        self.encoding.setToolTip(self.tr("Force an encoding if the preview shows broken Vietnamese letters"))
        self.preview_model = RowsModel([self.tr("Translate"), self.tr("Segment")], [], parent=self)
        self.preview_model.grey_unchecked = True
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setWordWrap(True)
        self.preview.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.detected, 1)
        row.addWidget(QLabel(self.tr("Encoding:")))
        row.addWidget(self.encoding)
        right_layout.addLayout(row)
        right_layout.addWidget(self.preview, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([280, 700])
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.store)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.files.currentItemChanged.connect(lambda *_: self.show_current())
        self.encoding.activated.connect(lambda _i: self.reread_current())
        self.preview_model.toggled.connect(self._toggled)

    # --- choosing and reading ------------------------------------------------------------------------

    def choose_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in sorted(FORMATS))
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Import files"), "", f"{self.tr('Texts')} ({patterns})")
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            key = str(path)
            if any(self.files.item(i).data(Qt.ItemDataRole.UserRole) == key for i in range(self.files.count())):
                continue
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.files.addItem(item)
            self._read(key, "")
        if self.files.currentRow() < 0 and self.files.count():
            self.files.setCurrentRow(0)

    def _read(self, key: str, encoding: str) -> None:
        self.pending.add(key)
        self.encodings[key] = encoding
        self.prepared.pop(key, None)
        self.problems.pop(key, None)
        self._update_state()
        if key in self._readings:  # read again with another encoding: the earlier result is stale
            self._reader.drop(self._readings[key])
        self._readings[key] = self._reader.start(
            _reading(Path(key), encoding, self._segmenter), _Reading(key, encoding)
        )

    def _file_read(self, task_id: int, result: object) -> None:
        reading = self._reader.purpose(task_id)
        if reading is None or self._readings.get(reading.key) != task_id:
            return  # removed, or read again with another encoding meanwhile
        key = reading.key
        del self._readings[key]
        self.pending.discard(key)
        if isinstance(result, PreparedDocument):
            self.prepared[key] = result
        else:
            self.problems[key] = str(result)
        for i in range(self.files.count()):
            item = self.files.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                warnings = self.prepared[key].warnings if key in self.prepared else ()
                colour = Qt.GlobalColor.red if key in self.problems else Qt.GlobalColor.black
                item.setForeground(Qt.GlobalColor.darkYellow if warnings else colour)
                item.setToolTip(self.problems.get(key) or "\n".join(warnings))
        self._update_state()
        if self.current_key() == key:
            self.show_current()

    def current_key(self) -> str | None:
        item = self.files.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def remove_current(self) -> None:
        key = self.current_key()
        if key is None:
            return
        self.files.takeItem(self.files.currentRow())
        for table in (self.prepared, self.problems, self.encodings):
            table.pop(key, None)
        self.pending.discard(key)
        if key in self._readings:
            self._reader.drop(self._readings.pop(key))
        self._update_state()
        self.show_current()

    def reread_current(self) -> None:
        key = self.current_key()
        if key is not None:
            self._read(key, self.encoding.currentData())
            self.show_current()

    # --- preview -------------------------------------------------------------------------------------

    def show_current(self) -> None:
        key = self.current_key()
        self.preview_model.set_rows([])
        self.encoding.setEnabled(key is not None and key.lower().endswith(TEXT_FORMATS))
        self.encoding.setCurrentIndex(max(0, self.encoding.findData(self.encodings.get(key or "", ""))))
        if key is None:
            self.detected.setText("")
        elif key in self.pending:
            self.detected.setText(self.tr("Reading {0}…").format(Path(key).name))
        elif key in self.problems:
            self.detected.setText(self.problems[key])
        else:
            document = self.prepared[key]
            segments = document.segments
            skipped = sum(1 for s in segments if not s.translatable)
            summary = self.tr("{0}: {1}, encoding {2}; {3} segments, {4} not for translation").format(
                document.name, document.format, document.encoding, len(segments), skipped
            )
            self.detected.setText("\n".join([summary, *(f"⚠ {warning}" for warning in document.warnings)]))
            self.preview_model.set_rows(
                [["", segment.source] for segment in segments],
                checkable=[True] * len(segments),
                checked=[segment.translatable for segment in segments],
                tooltips=[
                    "" if s.translatable else self.tr("Not for translation: {0}").format(s.skip_reason)
                    for s in segments
                ],
            )
            if len(segments) <= ROWS_SIZED_AT_ONCE:  # sizing every row of a huge file would take seconds
                self.preview.resizeRowsToContents()

    def _toggled(self, row: int, wanted: bool) -> None:
        key = self.current_key()
        if key not in self.prepared:
            return
        segment = self.prepared[key].segments[row]
        if wanted != segment.translatable:
            segment.translatable = wanted
            segment.skip_reason = "" if wanted else "marked by the user at import"
            segment.meta["user_choice"] = True

    def _update_state(self) -> None:
        ready = len(self.prepared)
        lines = [self.tr("{0} files ready, {1} being read").format(ready, len(self.pending))]
        lines += [f"✗ {problem}" for problem in self.problems.values()]
        lines += [f"⚠ {warning}" for document in self.prepared.values() for warning in document.warnings]
        self.status.setText("\n".join(lines))
        self.import_button.setEnabled(ready > 0 and not self.pending)

    # --- storing -------------------------------------------------------------------------------------

    def store(self) -> None:
        """Store every readable file (one transaction each); the user's ticks become user choices."""
        for key, document in self.prepared.items():
            chosen = [i for i, s in enumerate(document.segments) if s.meta.pop("user_choice", False)]
            try:
                result = self.project.store_document(document, self.settings.user_name)
                ids = self.project.segment_ids(result.document_id)
                for position in chosen:
                    segment = document.segments[position]
                    if position < len(ids):
                        self.project.set_translatable(ids[position], segment.translatable, segment.skip_reason)
            except (WorkbenchError, OSError) as exc:
                self.problems[key] = f"{document.name}: {exc}"
                continue
            self.imported.append(result.document_id)
            self.report.append(f"{document.name}: {len(document.segments)} segments")
        if self.problems:
            self._update_state()
        self.accept()
