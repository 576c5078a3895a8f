"""The project window: documents on the left, the segment grid in the centre, the side panel on the right.

The window wires parts that each do one job: the grid model (rows on demand), the editing controller
(writes, undo, autosave), the MT service (background drafts), the side panel and the filter bar. Every
key a translator uses is a QAction, so the menus, the shortcut list and the cell editor share them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.exporting.text_exports import export_memory
from workbench.core.language.khmer_breaks import for_display
from workbench.core.memory.glossary import add_term
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.suggestions import Suggestion
from workbench.core.memory.tmx import load_tmx
from workbench.core.ops.glossary_files import export_glossary, import_glossary
from workbench.core.qa.checks import Problem
from workbench.core.qa.live_context import QaContext, check_segment
from workbench.core.qa.project_run import check_project
from workbench.core.records import SegmentRecord
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.core.store.segment_filter import filter_segment_ids, ids_needing_work
from workbench.core.store.unconfirmed_edits import discard_all_unconfirmed, keep_unconfirmed, unconfirmed_edits
from workbench.core.timestamps import now
from workbench.mt.model_choice import EnginePool, NoModel, choose_model, model_store
from workbench.ui.document_list import DocumentList
from workbench.ui.editing_controller import EditingController
from workbench.ui.error_dialog import show_error
from workbench.ui.filter_bar import FilterBar
from workbench.ui.language_names import language_names
from workbench.ui.mt_jobs import Job, MtService
from workbench.ui.read_only_jobs import ReadOnlyJobs
from workbench.ui.review_actions import ReviewActions
from workbench.ui.segment_editor import SegmentDelegate, SegmentEditor
from workbench.ui.segment_table_model import SegmentTableModel
from workbench.ui.side_panel import SidePanel
from workbench.ui.source_delegate import SourceDelegate
from workbench.ui.term_dialog import TermDialog

log = logging.getLogger(__name__)
#: rows are sized to their text only when shown: sizing 50,000 rows up front would read them all
ROW_SIZING_DELAY_MS = 30
PROGRESS_REFRESH_MS = 500


_shown_khmer = lru_cache(maxsize=4096)(for_display)  # painting asks for the same cells again and again


class KhmerWrappingModel(SegmentTableModel):
    """Shows Khmer cells with break opportunities so long lines wrap; the stored text is untouched."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        value = super().data(index, role)
        if role == Qt.ItemDataRole.DisplayRole and isinstance(value, str):
            return _shown_khmer(value)
        return value


class ProjectWindow(QMainWindow):
    closed = Signal()

    def __init__(self, project: Project, settings: Settings | None = None) -> None:
        super().__init__()
        self.project = project
        self.settings = settings or Settings.load()
        self.setWindowTitle(f"{project.info.name} — {self.tr('Translation Workbench')}")
        self.resize(1280, 780)
        self.names = language_names()
        self.editing = EditingController(project, lambda: self.settings.user_name, self)
        self.memories = Memories.open(project)
        self.mt = MtService(
            project, self.settings, EnginePool(model_store(self.settings), self.settings), self, self.memories
        )
        self.job: Job | None = None
        self._closed = False

        self.documents = DocumentList(project, self.names)
        self.filter_bar = FilterBar(list(project.info.target_languages), self.names)
        self.banner = self._build_banner()
        self.grid = QTableView()
        self.grid.setWordWrap(True)
        self.grid.verticalHeader().setVisible(False)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.delegate = SegmentDelegate(self.grid, self._editor_actions, self.grid.font)
        self.grid.setItemDelegate(self.delegate)
        self.source_delegate = SourceDelegate(self.grid)
        self.grid.setItemDelegateForColumn(1, self.source_delegate)
        self.side_panel = SidePanel(project, lambda: self.settings.user_name, self.names)
        self.qa_context = QaContext.load(project)
        self.side_panel.providers.insert(0, self._memory_suggestions)
        self.side_panel.glossary_providers.append(self._glossary_terms)
        self.side_panel.check_providers.append(self._checks)

        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter_bar)
        column.addWidget(self.banner)
        column.addWidget(self.grid, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.documents)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.side_panel)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([230, 760, 290])
        self.setCentralWidget(self.splitter)
        self._build_status_bar()

        self._row_timer = QTimer(self)
        self._row_timer.setSingleShot(True)
        self._row_timer.timeout.connect(self._size_visible_rows)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.timeout.connect(self._refresh_progress)
        self.grid.verticalScrollBar().valueChanged.connect(lambda _v: self._row_timer.start(ROW_SIZING_DELAY_MS))

        self.model: SegmentTableModel = KhmerWrappingModel(project, parent=self)
        self._attach_model(self.model)
        self._build_actions()
        self.apply_settings()

        self.documents.currentItemChanged.connect(lambda *_: self.reload_grid())
        self.filter_bar.changed.connect(self.reload_grid)
        self.editing.changed.connect(self._segments_changed)
        self.editing.confirmed.connect(self._remember)
        self.checks = ReadOnlyJobs(self)
        self.checks.finished.connect(self._checks_done)
        self.checks.failed.connect(lambda _request, message: show_error(self, self.tr("Checks failed"), message))
        self._qa_ids: frozenset[int] = frozenset()
        self._check_requests: dict[int, str] = {}
        self.filter_bar.set_qa_provider(lambda: self._qa_ids)
        self.filter_bar.qa.toggled.connect(self._qa_filter_toggled)
        self.editing.failed.connect(lambda message: show_error(self, self.tr("Cannot save"), message))
        self.editing.autosaved.connect(lambda *_: self.statusBar().showMessage(self.tr("Unconfirmed text kept"), 2000))
        self.mt.saved.connect(self._segments_changed)
        self.mt.progressed.connect(self._job_progressed)
        self.mt.model_loading.connect(lambda _job, name: self.job_label.setText(self.tr("Loading {0}…").format(name)))
        self.mt.job_ended.connect(self._job_ended)
        self.mt.segment_failed.connect(self._segment_failed)
        self.side_panel.insert_requested.connect(self.insert_text)
        self.side_panel.translate_now_requested.connect(self.translate_now)
        self.side_panel.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.delegate.text_edited.connect(
            lambda editor: self.editing.typing(editor.segment_id, editor.language, editor.toPlainText())
        )
        self.delegate.edit_left.connect(self._edit_left)
        self.delegate.closeEditor.connect(self._editor_closed)
        self.documents.select_document(None)
        self._restore_geometry()
        self._offer_recovery()

    # --- building ------------------------------------------------------------------------------------

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setStyleSheet("QFrame { background: #fff4d6; border: 1px solid #e0a100; }")
        row = QHBoxLayout(banner)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        row.addWidget(self.banner_label, 1)
        self.keep_button = QPushButton(self.tr("Keep them as drafts"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.keep_button.clicked.connect(self.keep_recovered)
        self.discard_button.clicked.connect(self.discard_recovered)
        row.addWidget(self.keep_button)
        row.addWidget(self.discard_button)
        banner.hide()
        return banner

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.job_label = QLabel()
        self.job_progress = QProgressBar()
        self.job_progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_pretranslation)
        for widget in (self.job_label, self.job_progress, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()

    def _action(self, menu_name: str, text: str, slot: Callable[[], object], *shortcuts: QKeySequence | str) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        self.menus[menu_name].addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.menus = {
            "file": bar.addMenu(self.tr("&File")),
            "edit": bar.addMenu(self.tr("&Edit")),
            "segment": bar.addMenu(self.tr("&Segment")),
            "review": bar.addMenu(self.tr("Re&view")),
            "translate": bar.addMenu(self.tr("&Translate")),
            "tools": bar.addMenu(self.tr("T&ools")),
            "view": bar.addMenu(self.tr("&View")),
            "help": bar.addMenu(self.tr("&Help")),
        }
        self.import_action = self._action("file", self.tr("&Import files…"), self.import_files, "Ctrl+I")
        self.review = ReviewActions(self)
        self.export_action = self._action("file", self.tr("&Export…"), self.review.open_export, "Ctrl+E")
        self.menus["file"].addSeparator()
        self._action("file", self.tr("&Hand off to a translator elsewhere…"), lambda: self.review.open_export(True))
        self._action("file", self.tr("&Merge back a hand-off file…"), self.review.merge_back)
        self.menus["file"].addSeparator()
        self._action("file", self.tr("&Close project"), self.close, QKeySequence(QKeySequence.StandardKey.Close))

        undo = self.editing.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.editing.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action, self.redo_action = undo, redo
        self.menus["edit"].addActions([undo, redo])
        self.menus["edit"].addSeparator()
        self._action("edit", self.tr("&Find…"), self.focus_search, "Ctrl+F")
        self._action("edit", self.tr("Find and &replace…"), self.find_and_replace, "Ctrl+H")
        self.menus["edit"].addSeparator()
        self._action("edit", self.tr("&Settings…"), self.open_settings, "Ctrl+,")

        self.confirm_action = self._action(
            "segment", self.tr("&Confirm and go to the next segment needing work"), self.confirm_and_next,
            "Ctrl+Return", "Ctrl+Enter",
        )  # fmt: skip
        self.next_action = self._action("segment", self.tr("&Next segment"), lambda: self.move_by(1), "Ctrl+Down")
        self.previous_action = self._action(
            "segment", self.tr("&Previous segment"), lambda: self.move_by(-1), "Ctrl+Up"
        )
        self.copy_source_action = self._action("segment", self.tr("Copy &source"), self.copy_source, "Ctrl+B")
        self.translate_now_action = self._action(
            "segment", self.tr("&Machine-translate this segment now"), self.translate_now, "Ctrl+M"
        )
        self.add_term_action = self._action(
            "segment", self.tr("Add a glossary &term from the selection"), self.add_term_from_selection, "Ctrl+T"
        )
        self.toggle_translatable_action = self._action(
            "segment", self.tr("Mark &not for translation / for translation"), self.toggle_translatable, "Ctrl+Shift+N"
        )
        self.menus["segment"].addSeparator()
        self.suggestion_actions = [
            self._action(
                "segment",
                self.tr("Insert suggestion {0}").format(n),
                partial(self.insert_suggestion, n),
                f"Ctrl+{n}",
            )
            for n in range(1, 10)
        ]

        self.term_actions = [
            self._action(
                "segment",
                self.tr("Insert glossary term {0}").format(n),
                partial(self.insert_term, n),
                f"Alt+{n}",
            )
            for n in range(1, 10)
        ]

        self.pretranslate_document_action = self._action(
            "translate", self.tr("Pre-translate this &document"), self.pretranslate_document, "Ctrl+Shift+D"
        )
        self.pretranslate_selection_action = self._action(
            "translate", self.tr("Pre-translate the &selected segments"), self.pretranslate_selection, "Ctrl+Shift+S"
        )
        self.pretranslate_project_action = self._action(
            "translate", self.tr("Pre-translate the whole &project"), self.pretranslate_project
        )
        self.cancel_action = self._action(
            "translate", self.tr("&Cancel pre-translation"), self.cancel_pretranslation, "Ctrl+Shift+X"
        )
        self.cancel_action.setEnabled(False)
        self.menus["translate"].addSeparator()
        self._action("translate", self.tr("&Models…"), self.open_model_manager)

        self.check_document_action = self._action(
            "tools",
            self.tr("&Check this document"),
            lambda: self.show_check_report(self.documents.current_document()),
            "F7",
        )
        self._action("tools", self.tr("Check the whole &project"), lambda: self.show_check_report(None), "Shift+F7")
        self.menus["tools"].addSeparator()
        self._action("tools", self.tr("&Import a glossary (CSV, TBX)…"), self.import_glossary)
        self._action("tools", self.tr("&Export the glossary…"), self.export_glossary)
        self._action("tools", self.tr("Import a &TMX file into the shared memory…"), self.import_tmx)
        self._action("tools", self.tr("Export the project &memory as TMX…"), self.export_tmx)

        self.language_actions: dict[str, QAction] = {}
        for offset, code in enumerate(self.model.languages):
            action = QAction(self.tr("Show {0}").format(self.names.get(code, code)), self)
            action.setCheckable(True)
            action.setChecked(True)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{offset + 1}"))
            action.toggled.connect(lambda shown, code=code: self._show_language(code, shown))
            self.menus["view"].addAction(action)
            self.language_actions[code] = action
        self.side_panel_action = QAction(self.tr("Show the side &panel"), self)
        self.side_panel_action.setCheckable(True)
        self.side_panel_action.setChecked(True)
        self.side_panel_action.setShortcut(QKeySequence("F9"))
        self.side_panel_action.toggled.connect(self.side_panel.setVisible)
        self.menus["view"].addAction(self.side_panel_action)

        self._action("help", self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1")

    def _editor_actions(self) -> list[QAction]:
        """Actions whose keys reach the window even while a cell editor has focus."""
        return [
            self.confirm_action, self.next_action, self.previous_action, self.copy_source_action,
            self.translate_now_action, self.add_term_action, *self.suggestion_actions, *self.term_actions,
            *self.language_actions.values(),
        ]  # fmt: skip

    def all_actions(self) -> list[QAction]:
        found = []
        for menu in self.menus.values():
            found += [a for a in menu.actions() if not a.isSeparator()]
        return found

    # --- settings ------------------------------------------------------------------------------------

    def apply_settings(self) -> None:
        font = QFont(self.grid.font())
        if self.settings.font_family:
            font.setFamily(self.settings.font_family)
        if self.settings.font_size:
            font.setPointSize(self.settings.font_size)
        self.grid.setFont(font)
        self.review.apply_role()
        self._row_timer.start(ROW_SIZING_DELAY_MS)

    def _restore_geometry(self) -> None:
        stored = QSettings()
        geometry = stored.value("project_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = stored.value("project_window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        for code, action in self.language_actions.items():
            action.setChecked(bool(stored.value(f"project_window/show_{code}", True, type=bool)))

    # --- the grid ------------------------------------------------------------------------------------

    def _attach_model(self, model: SegmentTableModel) -> None:
        """Swap the grid's model; the old one (owned by the window, not Python) is deleted by Qt later,
        after the view has let go of it."""
        old = self.grid.model()
        self.model = model
        self.grid.setModel(model)
        if old is not None and old is not model:
            old.deleteLater()
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for code, action in getattr(self, "language_actions", {}).items():
            self.grid.setColumnHidden(model.column_of(code), not action.isChecked())
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        context = getattr(self, "qa_context", None)
        model.term_finder = context.finder if context is not None and context.finder.by_key else None
        rows = model.rowCount()
        self.statusBar().showMessage(self.tr("1 segment") if rows == 1 else self.tr("{0} segments").format(rows))
        self._row_timer.start(ROW_SIZING_DELAY_MS)

    def reload_grid(self) -> None:
        """Show the chosen document through the current filter, keeping the current segment if it is still there."""
        current = self.current_segment_id()
        column = max(self.grid.currentIndex().column(), 2)
        document_id = self.documents.current_document()
        wanted = self.filter_bar.current()
        try:
            ids = None if wanted.is_empty() else filter_segment_ids(self.project, document_id, wanted)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot filter"), str(exc))
            return
        self._attach_model(KhmerWrappingModel(self.project, document_id, parent=self, ids=ids))
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.grid.setCurrentIndex(self.model.index(row, column))
        self._current_changed(self.grid.currentIndex(), QModelIndex())

    def _size_visible_rows(self) -> None:
        if self.grid.model() is None or self.model.rowCount() == 0:
            return
        first = max(self.grid.rowAt(0), 0)
        last = self.grid.rowAt(self.grid.viewport().height())
        last = self.model.rowCount() - 1 if last < 0 else min(last + 5, self.model.rowCount() - 1)
        for row in range(first, last + 1):
            self.grid.resizeRowToContents(row)

    def _show_language(self, code: str, shown: bool) -> None:
        self.grid.setColumnHidden(self.model.column_of(code), not shown)
        self._row_timer.start(ROW_SIZING_DELAY_MS)

    def current_segment_id(self) -> int | None:
        index = self.grid.currentIndex()
        return self.model.segment_id(index.row()) if index.isValid() else None

    def work_language(self) -> str:
        """The language of the current cell, or the first shown target language."""
        language = self.model.language_of(self.grid.currentIndex().column())
        if language:
            return language
        shown = [c for c, a in self.language_actions.items() if a.isChecked()]
        return (shown or self.model.languages)[0]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.side_panel.show_segment(None, "")
            return
        try:
            segment = self.model.record(current.row())
        except WorkbenchError as exc:
            log.error("cannot read the current segment: %s", exc)
            return
        language = self.model.language_of(current.column()) or ""
        self.side_panel.show_segment(segment, language)
        translation = segment.translations.get(language)
        if language and self.mt.busy and segment.translatable and (translation is None or not translation.text):
            self.mt.translate_now(segment, language)  # the segment under the cursor jumps the queue

    def _segments_changed(self, ids: list[int]) -> None:
        self.model.refresh_segments(ids)
        if self.side_panel.segment is not None and self.side_panel.segment.id in ids:
            row = self.model.row_of(self.side_panel.segment.id)
            if row is not None:
                self.side_panel.show_segment(self.model.record(row), self.side_panel.language)
        if not self._progress_timer.isActive():  # at most one recount per interval, even while drafts pour in
            self._progress_timer.start(PROGRESS_REFRESH_MS * (4 if self.mt.busy else 1))
        self._row_timer.start(ROW_SIZING_DELAY_MS)

    def _refresh_progress(self) -> None:
        try:
            self.documents.refresh_progress()
        except WorkbenchError as exc:
            log.error("progress: %s", exc)

    # --- editing -------------------------------------------------------------------------------------

    def _target_index(self) -> QModelIndex | None:
        """The current cell if it is a target cell, else the work language's cell in the current row."""
        index = self.grid.currentIndex()
        if not index.isValid():
            if self.model.rowCount() == 0:
                return None
            index = self.model.index(0, 0)
        if self.model.language_of(index.column()):
            return index
        return self.model.index(index.row(), self.model.column_of(self.work_language()))

    def open_editor(self) -> SegmentEditor | None:
        index = self._target_index()
        if index is None:
            return None
        editor = self.delegate.open_editor
        if editor is not None and editor.segment_id == self.model.segment_id(index.row()):
            return editor
        self.grid.setCurrentIndex(index)
        self.grid.edit(index)
        return self.delegate.open_editor

    def _close_editor(self, editor: SegmentEditor) -> None:
        """Close without handing the text to the model: the caller has saved it."""
        editor.segment_id = 0
        self.grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.grid.setFocus()

    def _edit_left(self, editor: SegmentEditor, text: str) -> None:
        self.editing.set_text(editor.segment_id, editor.language, text, confirmed=False)

    def _editor_closed(self, editor: object, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if (
            isinstance(editor, SegmentEditor)
            and editor.segment_id
            and hint == QAbstractItemDelegate.EndEditHint.RevertModelCache
        ):
            self.editing.cancel_typing(editor.segment_id, editor.language)  # Esc
            self.statusBar().showMessage(self.tr("Edit cancelled"), 2000)

    def _target(self) -> tuple[QModelIndex, str, SegmentRecord] | None:
        """The target cell the keys act on, its language and its segment."""
        index = self._target_index()
        if index is None:
            return None
        return index, self.model.language_of(index.column()) or self.work_language(), self.model.record(index.row())

    def confirm_and_next(self) -> None:
        """Ctrl+Enter: the text becomes the confirmed translation, then on to the next segment needing work."""
        target = self._target()
        if target is None:
            return
        index, language, segment = target
        editor = self.delegate.open_editor
        editing = editor is not None and editor.segment_id == segment.id
        if editing and editor is not None:
            text = editor.toPlainText()
        else:
            current = segment.translations.get(language)
            text = current.text if current else ""
        if segment.translatable:
            if not text.strip():
                self.statusBar().showMessage(self.tr("Nothing to confirm: the translation is empty"), 4000)
                return
            if not self.editing.set_text(segment.id, language, text, confirmed=True):
                return  # not saved: the editor stays open with the text
        if editing and editor is not None:
            self._close_editor(editor)
        self._go_to_next_needing_work(index.row(), index.column(), language)

    def _go_to_next_needing_work(self, row: int, column: int, language: str) -> None:
        needing = ids_needing_work(self.project, language, self.model.document_id)
        ids = self.model.ids
        for candidate in [*range(row + 1, len(ids)), *range(0, row)]:
            if ids[candidate] in needing:
                target = self.model.index(candidate, column)
                self.grid.setCurrentIndex(target)
                self.grid.scrollTo(target)
                self.grid.edit(target)
                return
        self.statusBar().showMessage(
            self.tr("Every segment here is done in {0}").format(self.names.get(language)), 6000
        )

    def move_by(self, step: int) -> None:
        """Ctrl+Up/Down: leave the text (as a draft if changed) and edit the same language one row away."""
        index = self._target_index()
        if index is None:
            return
        editor = self.delegate.open_editor
        was_editing = editor is not None and editor.segment_id == self.model.segment_id(index.row())
        if was_editing and editor is not None:
            if not self.editing.set_text(editor.segment_id, editor.language, editor.toPlainText(), confirmed=False):
                return
            self._close_editor(editor)
        row = min(max(index.row() + step, 0), self.model.rowCount() - 1)
        target = self.model.index(row, index.column())
        self.grid.setCurrentIndex(target)
        self.grid.scrollTo(target)
        if was_editing:
            self.grid.edit(target)

    def insert_text(self, text: str) -> None:
        editor = self.open_editor()
        if editor is not None:
            editor.replace_text(text)
            editor.setFocus()

    def insert_suggestion(self, number: int) -> None:
        text = self.side_panel.suggestion_text(number)
        if text is None:
            self.statusBar().showMessage(self.tr("There is no suggestion {0}").format(number), 3000)
            return
        self.insert_text(text)

    def insert_term(self, number: int) -> None:
        """Alt+1..9: the glossary term's translation at the cursor (not replacing the text)."""
        text = self.side_panel.term_text(number)
        if text is None:
            self.statusBar().showMessage(self.tr("There is no glossary term {0}").format(number), 3000)
            return
        editor = self.open_editor()
        if editor is not None:
            editor.insertPlainText(text)
            editor.setFocus()

    def copy_source(self) -> None:
        index = self._target_index()
        if index is not None:
            self.insert_text(self.model.record(index.row()).source)

    def toggle_translatable(self) -> None:
        index = self._target_index()
        if index is None:
            return
        segment = self.model.record(index.row())
        try:
            self.project.set_translatable(segment.id, not segment.translatable, self.tr("marked by the user"))
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot change the segment"), str(exc))
            return
        self._segments_changed([segment.id])

    # --- memory, glossary, checks ---------------------------------------------------------------------

    def _memory_suggestions(self, project: Project, segment: SegmentRecord, language: str) -> list[Suggestion]:
        return [
            Suggestion(
                m.unit.target,
                "tm",
                f"{m.memory} memory, {m.unit.created_at[:10]}",
                float(m.score),
                m.describe_differences(),
            )
            for m in self.memories.lookup(segment.source, language)
        ]

    def _glossary_terms(self, project: Project, segment: SegmentRecord, language: str) -> list[Suggestion]:
        return [
            Suggestion(f.term.targets[language], "term", "glossary", None, f.term.source)
            for f in self.qa_context.finder.find(segment.source)
            if f.term.targets.get(language)
        ]

    def _checks(self, project: Project, segment: SegmentRecord, language: str) -> list[str]:
        return [
            f"{p.severity}: {p.message} [{p.check_id}]"
            for p in check_segment(segment, language, self.qa_context)
            if p.check_id != "untranslated"
        ]

    def _qa_filter_toggled(self, on: bool) -> None:
        """The filter shows the last result at once and is brought up to date by a background check."""
        if on:
            self.run_checks(self.documents.current_document(), "filter")

    def run_checks(self, document_id: int | None, purpose: str) -> int:
        self.statusBar().showMessage(self.tr("Checking…"))
        languages = self.shown_languages()
        request = self.checks.start(
            self.project.path, lambda project: check_project(project, languages, document_id, parallel=False)
        )
        self._check_requests[request] = purpose
        return request

    def _checks_done(self, request: int, problems: list[Problem]) -> None:
        purpose = self._check_requests.pop(request, "")
        if self._closed:
            return
        found = [p for p in problems if p.check_id != "untranslated"]
        self.statusBar().showMessage(self.tr("{0} findings").format(len(found)), 4000)
        if purpose == "filter":
            self._qa_ids = frozenset(p.segment_id for p in found)
            if self.filter_bar.qa.isChecked():
                self.reload_grid()
        elif purpose.startswith("report"):
            self._show_report(found, None if purpose == "report" else int(purpose.split(":")[1]))

    def add_term_from_selection(self) -> None:
        """Ctrl+T: a term from the words selected in the source (side panel) and in the translation (editor)."""
        source = self.side_panel.source_view.textCursor().selectedText()
        editor = self.delegate.open_editor
        target = editor.textCursor().selectedText() if editor is not None else ""
        dialog = TermDialog(source, {self.work_language(): target}, self.names, self)
        if not dialog.exec():
            return
        term = dialog.term()
        try:
            add_term(self.project, term)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot add the term"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Added to the glossary: {0}").format(term.source), 4000)
        self._glossary_changed()

    def _glossary_changed(self) -> None:
        self.qa_context = QaContext.load(self.project)
        self.model.term_finder = self.qa_context.finder if self.qa_context.finder.by_key else None
        self.model.refresh_segments(self.model.ids)
        self.side_panel.refresh()

    def show_check_report(self, document_id: int | None) -> int:
        """F7 / Shift+F7: the checks run in the background; the report opens when they are done."""
        return self.run_checks(document_id, "report" if document_id is None else f"report:{document_id}")

    def _show_report(self, problems: list[Problem], document_id: int | None) -> None:
        from workbench.ui.check_report_dialog import CheckReportDialog

        self.qa_context = QaContext.load(self.project)
        positions = {s.id: s.position + 1 for s in self.project.segments(document_id)}
        dialog = CheckReportDialog(self.project, problems, positions, self.settings.user_name, self.go_to, self)
        self.check_report = dialog
        dialog.show()

    def go_to(self, segment_id: int, language: str) -> None:
        row = self.model.row_of(segment_id)
        if row is None:
            self.filter_bar.search.clear()
            self.documents.select_document(None)
            self.reload_grid()
            row = self.model.row_of(segment_id)
        if row is not None:
            index = self.model.index(row, self.model.column_of(language))
            self.grid.setCurrentIndex(index)
            self.grid.scrollTo(index)

    def import_glossary(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a glossary"), "", self.tr("Glossaries") + " (*.csv *.tbx)"
        )
        if not name:
            return
        path = Path(name)
        try:
            found = import_glossary(self.project, path).terms  # one transaction, the format by its name
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot import the glossary"), str(exc))
            return
        self.statusBar().showMessage(self.tr("{0} terms imported").format(found), 5000)
        self._glossary_changed()

    def export_glossary(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the glossary"), "glossary.csv", "CSV (*.csv);;TBX (*.tbx)"
        )
        if name:
            try:
                export_glossary(self.project, Path(name))
            except (WorkbenchError, OSError) as exc:
                show_error(self, self.tr("Cannot export the glossary"), str(exc))

    def import_tmx(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a TMX file"), "", "TMX (*.tmx)")
        if not name or self.memories.shared is None:
            return
        try:
            read = load_tmx(Path(name))
            added = self.memories.shared.add(read.units, now())
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot import the TMX file"), str(exc))
            return
        done = (
            self.tr("1 new unit in the shared memory")
            if added == 1
            else self.tr("{0} new units in the shared memory").format(added)
        )
        self.statusBar().showMessage(done, 5000)
        decisions = read.summary()
        if decisions:  # what was read another way than the file says, or left out: the user must see it
            QMessageBox.information(
                self, self.tr("TMX file imported"), done + "\n\n" + "\n".join(f"• {line}" for line in decisions)
            )
        self.side_panel.refresh()

    def export_tmx(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the project memory"), "memory.tmx", "TMX (*.tmx)")
        if name:
            try:
                export_memory(Path(name), self.project)
            except (WorkbenchError, OSError) as exc:
                show_error(self, self.tr("Cannot export the memory"), str(exc))

    def _remember(self, segment_id: int, language: str, text: str) -> None:
        try:
            self.memories.remember(self.project.segment(segment_id).source, text, language, self.settings.user_name)
        except (WorkbenchError, OSError) as exc:
            log.error("shared memory: %s", exc)

    # --- recovery ------------------------------------------------------------------------------------

    def _offer_recovery(self) -> None:
        self.recovered = unconfirmed_edits(self.project)
        if not self.recovered:
            return
        self.banner_label.setText(
            self.tr(
                "An unconfirmed edit from your last session was kept when the program stopped. "
                "Keep it as a draft (you still confirm it), or discard it?"
            )
            if len(self.recovered) == 1
            else self.tr(
                "{0} unconfirmed edits from your last session were kept when the program stopped. "
                "Keep them as drafts (you still confirm each), or discard them?"
            ).format(len(self.recovered))
        )
        self.banner.show()

    def keep_recovered(self) -> None:
        try:
            ids = keep_unconfirmed(self.project, self.recovered, self.settings.user_name)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot keep the recovered text"), str(exc))
            return
        self.banner.hide()
        self._segments_changed(ids)
        if ids and (row := self.model.row_of(ids[0])) is not None:
            self.grid.setCurrentIndex(self.model.index(row, self.model.column_of(self.recovered[0].language)))
        self.recovered = []

    def discard_recovered(self) -> None:
        discard_all_unconfirmed(self.project)
        self.recovered = []
        self.banner.hide()

    # --- machine translation ---------------------------------------------------------------------------

    def shown_languages(self) -> list[str]:
        return [code for code, action in self.language_actions.items() if action.isChecked()] or self.model.languages

    def pretranslate_document(self) -> None:
        self.start_pretranslation(self.documents.current_document(), None)

    def pretranslate_project(self) -> None:
        self.start_pretranslation(None, None)

    def pretranslate_selection(self) -> None:
        rows = {index.row() for index in self.grid.selectionModel().selectedIndexes()}
        if not rows and self.grid.currentIndex().isValid():
            rows = {self.grid.currentIndex().row()}
        self.start_pretranslation(self.model.document_id, [self.model.segment_id(r) for r in sorted(rows)])

    def start_pretranslation(self, document_id: int | None, segment_ids: list[int] | None) -> Job | None:
        if self.mt.busy:
            self.statusBar().showMessage(self.tr("A pre-translation is already running"), 4000)
            return None
        try:
            job = self.mt.start(self.shown_languages(), document_id, segment_ids)
        except NoModel as exc:
            self._offer_model_manager(str(exc))
            return None
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot pre-translate"), str(exc))
            return None
        self.job = job
        if job.total == 0:
            self.statusBar().showMessage(
                self.tr("Nothing left to translate ({0} drafts from earlier runs)").format(job.from_cache), 6000
            )
        self.job_progress.setRange(0, max(job.total, 1))
        self.job_progress.setValue(0)
        self.job_label.setText(self.tr("Pre-translating {0} segments…").format(job.total))
        for widget in (self.job_label, self.job_progress, self.cancel_button):
            widget.show()
        self.cancel_action.setEnabled(True)
        return job

    def _job_progressed(self, job_id: int, done: int, total: int) -> None:
        job = self.mt.jobs.get(job_id)
        if job is None:
            return
        elapsed = time.monotonic() - job.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        self.job_progress.setRange(0, max(total, 1))
        self.job_progress.setValue(done)
        self.job_label.setText(
            self.tr("{0}/{1} segments · {2:.1f}/s · {3} left").format(done, total, rate, _duration(left))
            if done
            else self.tr("Pre-translating {0} segments…").format(total)
        )

    def _job_ended(self, job_id: int, outcome: str, message: str) -> None:
        for widget in (self.job_label, self.job_progress, self.cancel_button):
            widget.hide()
        self.cancel_action.setEnabled(False)
        self.job = None
        if outcome == "done":
            self.statusBar().showMessage(self.tr("Pre-translation finished"), 8000)
        elif outcome == "cancelled":
            self.statusBar().showMessage(self.tr("Pre-translation cancelled; the drafts made so far are kept"), 8000)
        elif not self._closed:
            show_error(self, self.tr("Pre-translation stopped"), message)

    def cancel_pretranslation(self) -> None:
        self.mt.cancel()
        self.job_label.setText(self.tr("Cancelling…"))

    def translate_now(self) -> None:
        target = self._target()
        if target is None:
            return
        _index, language, segment = target
        try:
            choose_model(self.mt.engines.store, self.settings, language, self.project.info.source_language, None)
        except NoModel as exc:
            self._offer_model_manager(str(exc))
            return
        if self.mt.translate_now(segment, language):
            self.statusBar().showMessage(self.tr("Translating segment {0}…").format(segment.position + 1), 4000)

    def _segment_failed(self, segment_id: int, language: str, message: str) -> None:
        if not self._closed:
            show_error(self, self.tr("Machine translation failed"), message)

    def _offer_model_manager(self, message: str) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("No translation model"),
            message + "\n\n" + self.tr("Open the model manager?"),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            self.open_model_manager()

    # --- dialogs -------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def find_and_replace(self) -> None:
        from workbench.ui.find_replace_dialog import FindReplaceDialog

        dialog = FindReplaceDialog(self.project, self.model.ids, self.work_language(), self.names, self.editing, self)
        dialog.exec()

    def import_files(self) -> None:
        from workbench.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.project, self.settings, self)
        if dialog.exec() and dialog.imported:
            self.documents.reload()
            self.documents.select_document(dialog.imported[-1])
            self.reload_grid()

    def open_settings(self) -> None:
        from workbench.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.apply_settings()

    def open_model_manager(self) -> None:
        from workbench.ui.model_manager import ModelManagerDialog

        ModelManagerDialog(self.mt.engines.store, self.settings, list(self.project.info.target_languages), self).exec()

    def show_shortcuts(self) -> None:
        from workbench.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self.all_actions(), self).exec()

    # --- closing -------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        editor = self.delegate.open_editor
        if editor is not None and editor.segment_id:
            if not self.editing.set_text(editor.segment_id, editor.language, editor.toPlainText(), confirmed=False):
                event.ignore()  # the text could not be saved: keep the window open with it
                return
            self._close_editor(editor)
        self._closed = True
        for timer in (self._row_timer, self._progress_timer):
            timer.stop()
        self.documents.stop()
        self.editing.save_typing()
        self.side_panel.save_comment()
        self.mt.shutdown()
        QCoreApplication.processEvents()  # save the batches the workers finished before stopping
        self.memories.close()
        stored = QSettings()
        stored.setValue("project_window/geometry", self.saveGeometry())
        stored.setValue("project_window/splitter", self.splitter.saveState())
        for code, action in self.language_actions.items():
            stored.setValue(f"project_window/show_{code}", action.isChecked())
        self.grid.setModel(None)  # the view must not ask a closed project for rows during its last repaint
        self.project.close()
        super().closeEvent(event)
        self.closed.emit()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"
