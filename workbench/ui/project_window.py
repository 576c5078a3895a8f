"""The project window: documents on the left, the segment grid in the centre, the side panel on the right.

The window is layout and wiring. It places the parts that each do one job (the segment grid, the
editing controller, the MT service, the side panel, the filter bar) and the features of ui/actions/
(grid commands, translation, checks, memory and glossary, review, recovery, the window's dialogs),
which see it only as a `WindowContext`, and it decides which menu each of their commands goes in.
Every change an operation reports comes back through `apply`, the one place the grid rows, the side
panel, the progress bars and the glossary highlights are refreshed.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QMainWindow, QSplitter, QVBoxLayout, QWidget

from workbench.context import AppContext
from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.memory.suggestions import glossary_suggestions
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.segment_checks import live_findings
from workbench.core.records import SegmentRecord
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.core.store.segment_filter import filter_segment_ids
from workbench.core.team.team_suggestions import TeamMemoryReader, suggestions_with_team
from workbench.mt.back_translation import NoBackTranslationModel, choose_back_model
from workbench.ui import window_state
from workbench.ui.actions.analysis import AnalysisActions
from workbench.ui.actions.concordance import ConcordanceActions
from workbench.ui.actions.grid_commands import GridCommands
from workbench.ui.actions.memory_glossary import MemoryGlossaryActions
from workbench.ui.actions.navigation import NavigationActions
from workbench.ui.actions.new_action import new_action
from workbench.ui.actions.project_dialogs import ProjectDialogs
from workbench.ui.actions.quality_checks import QualityCheckActions
from workbench.ui.actions.recovery import RecoveryBanner
from workbench.ui.actions.review import ReviewActions
from workbench.ui.actions.segment_structure import SegmentStructureActions
from workbench.ui.actions.spelling import SpellingActions
from workbench.ui.actions.team import TeamActions
from workbench.ui.actions.translate import TranslateActions
from workbench.ui.document_list import DocumentList
from workbench.ui.editing_controller import EditingController
from workbench.ui.editor_choice import EditorChoice
from workbench.ui.editor_pane import EditorPane
from workbench.ui.error_dialog import show_error
from workbench.ui.filter_bar import FilterBar
from workbench.ui.language_names import language_names
from workbench.ui.mt_jobs import Job, MtService
from workbench.ui.segment_editor import SegmentEditor
from workbench.ui.segment_grid import KhmerWrappingModel, SegmentGrid
from workbench.ui.segment_table_model import SegmentTableModel
from workbench.ui.side_panel import SidePanel
from workbench.ui.tag_editing import TagActions
from workbench.ui.window_menus import build_menus

log = logging.getLogger(__name__)
PROGRESS_REFRESH_MS = 500


class ProjectWindow(QMainWindow):
    closed = Signal()

    def __init__(self, project: Project, context: AppContext) -> None:
        super().__init__()
        self.project = project
        self.context = context
        self.setWindowTitle(f"{project.info.name} — {self.tr('Translation Workbench')}")
        window_state.fit_to_screen(self)
        self.names = language_names()
        self.memories = self.context.open_memories(project)
        self.editing = EditingController(project, lambda: self.settings.user_name, self, self.memories.shared)
        self.editing.propagation = lambda: self.settings.propagate_repetitions
        self.qa_context = QaContext.load(project)
        self.mt = MtService(project, self.settings, self.context.engines, self, self.memories)
        self._closing = False

        self.documents = DocumentList(project, self.names)
        self.filter_bar = FilterBar(list(project.info.target_languages), self.names)
        self.grid = SegmentGrid(project, self._editor_actions)
        self.delegate = self.grid.delegate
        self.side_panel = SidePanel(project, lambda: self.settings.user_name, self.names)
        self.pane = EditorPane(project, self.editing, self._editor_actions, self.names)
        self.team_memory = TeamMemoryReader(lambda: self.settings.team_server)  # the cache: never the server
        self.side_panel.providers.insert(0, lambda _p, segment, language: suggestions_with_team(
            self.memories, self.team_memory, segment, language))  # fmt: skip
        self.side_panel.glossary_providers.append(lambda _p, segment, language: glossary_suggestions(
            self.qa_context.finder, segment, language))  # fmt: skip
        self.side_panel.check_providers.append(lambda _p, segment, language: live_findings(
            segment, language, self.qa_context))  # fmt: skip
        self._back_models: dict[str, bool | None] = {}
        self.side_panel.draft_notes.can_back_translate = self.can_back_translate
        self.side_panel.draft_notes.back_translating = lambda: self.settings.back_translate

        self.commands = GridCommands(self, self)
        self.tag_actions = TagActions(self, self)
        self.translate = TranslateActions(self, self.mt, self)
        self.qa = QualityCheckActions(self, self.filter_bar, self)
        self.memory = MemoryGlossaryActions(self, self)
        self.review = ReviewActions(self, self)
        self.recovery = RecoveryBanner(self)
        self.concordance = ConcordanceActions(self, self)
        self.analysis = AnalysisActions(self, self)
        self.structure = SegmentStructureActions(self, self)
        self.navigation = NavigationActions(self, self)
        self.spelling = SpellingActions(self, self)
        self.team = TeamActions(self, self)
        self.dialogs = ProjectDialogs(
            self, self.filter_bar, self.documents, self.all_actions, self._settings_changed, self
        )
        self._build_window_actions()
        self._lay_out()
        self._build_menus()

        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.timeout.connect(self._refresh_progress)
        self._show_rows(self.grid.segments)
        self.apply_settings()
        self._wire()
        self.documents.select_document(None)
        window_state.restore(self, *self._remembered())
        self.recovery.offer()

    # --- building ------------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter_bar)
        column.addWidget(self.recovery)
        self.grid_and_pane = QSplitter(Qt.Orientation.Vertical)  # the pane under the grid, as in Poedit
        self.grid_and_pane.addWidget(self.grid)
        self.grid_and_pane.addWidget(self.pane)
        self.pane.hide()  # until View > Editor pane (or the settings) shows it
        self.grid_and_pane.setStretchFactor(0, 3)
        self.grid_and_pane.setSizes([480, 220])
        column.addWidget(self.grid_and_pane, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.documents)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.side_panel)
        self.splitter.setStretchFactor(1, 4)
        documents, side = self.documents.wanted_width(), max(300, self.side_panel.minimumWidth())
        self.splitter.setSizes([documents, self.width() - documents - side, side])
        self.setCentralWidget(self.splitter)
        for widget in [*self.team.status_widgets(), *self.translate.status_widgets()]:
            self.statusBar().addPermanentWidget(widget)
        self.job_label, self.job_progress, self.cancel_button = self.translate.status_widgets()

    def _build_window_actions(self) -> None:
        """The window's own commands: files, dialogs, undo, what is shown."""
        self.close_action = new_action(
            self, self.tr("&Close project"), self.close, QKeySequence(QKeySequence.StandardKey.Close)
        )
        self.undo_action = self.editing.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.editing.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.language_actions: dict[str, QAction] = {}
        for offset, code in enumerate(self.model.languages):
            action = QAction(self.tr("Show {0}").format(self.names.get(code, code)), self)
            action.setCheckable(True)
            action.setChecked(True)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{offset + 1}"))
            action.toggled.connect(lambda shown, code=code: self.grid.show_language(code, shown))
            self.language_actions[code] = action
        self.side_panel_action = QAction(self.tr("Show the side &panel"), self)
        self.side_panel_action.setCheckable(True)
        self.side_panel_action.setChecked(True)
        self.side_panel_action.setShortcut(QKeySequence("F9"))
        self.side_panel_action.toggled.connect(self.side_panel.setVisible)
        self.pane_action = QAction(self.tr("&Editor pane under the grid"), self)
        self.pane_action.setCheckable(True)
        self.pane_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.pane_action.toggled.connect(self._pane_toggled)
        self.editors = EditorChoice(self.grid, self.pane, self.editing, self.pane_action)

    def _build_menus(self) -> None:
        self.menus = build_menus(self.menuBar(), self)

    def view_actions(self) -> list[QAction]:
        return [self.pane_action]

    def _pane_toggled(self, shown: bool) -> None:
        """View > Editor pane: shown or hidden, remembered in the settings."""
        self.editors.switch(shown)
        self._current_changed(self.grid.currentIndex())
        if shown != self.settings.editor_pane:
            self.context.update_settings(replace(self.settings, editor_pane=shown))

    def _wire(self) -> None:
        self.documents.currentItemChanged.connect(lambda *_: self.reload_grid())
        self.filter_bar.changed.connect(self.reload_grid)
        self.editing.changed.connect(lambda ids: self.apply(SegmentChanges.of(ids)))
        self.editing.failed.connect(lambda message: show_error(self, self.tr("Cannot save"), message))
        self.editing.autosaved.connect(lambda *_: self.show_status(self.tr("Unconfirmed text kept"), 2000))
        self.editing.said.connect(lambda message: self.show_status(message, 6000))
        self.side_panel.insert_requested.connect(self.commands.insert_text)
        self.side_panel.translate_now_requested.connect(self.translate.translate_now)
        self.side_panel.failed.connect(lambda message: self.show_status(message, 8000))
        self.delegate.text_edited.connect(self._cell_typed)
        self.delegate.edit_left.connect(
            lambda editor, text: self.editing.set_text(editor.segment_id, editor.language, text, confirmed=False)
        )
        self.delegate.closeEditor.connect(self._editor_closed)
        self.pane.cancelled.connect(lambda: self.show_status(self.tr("Edit cancelled"), 2000))
        self.grid.current_cell_changed.connect(self._current_changed)
        self.delegate.editor_opened.connect(self.spelling.attach)
        self.spelling.attach(self.pane.editor)

    def _cell_typed(self, editor: SegmentEditor) -> None:
        if editor.segment_id:  # 0: closed (its text saved) or not showing a cell yet
            self.editing.typing(editor.segment_id, editor.language, editor.toPlainText())

    def _editor_actions(self) -> list[QAction]:
        """Actions whose keys reach the window even while a cell editor has focus."""
        commands = self.commands
        return [
            commands.confirm_action, commands.next_action, commands.previous_action, commands.copy_source_action,
            self.translate.translate_now_action, self.memory.add_term_action, *commands.suggestion_actions,
            *commands.term_actions, *self.language_actions.values(), self.concordance.concordance_action,
            self.navigation.go_to_action, self.structure.split_action, self.structure.join_action,
            self.tag_actions.insert_tag_action,
        ]  # fmt: skip

    def all_actions(self) -> list[QAction]:
        found = []
        for menu in self.menus.values():
            found += [a for a in menu.actions() if not a.isSeparator()]
        return found

    # --- settings ------------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.context.settings

    def _settings_changed(self) -> None:
        """The Settings dialog saved: everything that follows the settings, spell checking too."""
        self.apply_settings()
        self.spelling.settings_applied()

    def apply_settings(self) -> None:
        font = QFont(self.grid.font())
        if self.settings.font_family:
            font.setFamily(self.settings.font_family)
        if self.settings.font_size:
            font.setPointSize(self.settings.font_size)
        self.grid.setFont(font)
        self.review.apply_role()
        self.mt.settings = self.settings  # the next job decodes with them; a running one keeps its own
        self.mt.engines = self.context.engines  # a new pool when the models changed
        self._back_models.clear()
        self.grid.size_rows_soon()
        self.pane.editor.setFont(font)
        self.pane.source_view.setFont(font)
        self.pane_action.setChecked(self.settings.editor_pane)

    def can_back_translate(self, language: str) -> bool | None:
        """Whether an installed model translates `language` into the source language, for the side panel
        (asked once per language until the settings change; None: the models folder could not be read)."""
        if language not in self._back_models:
            try:
                choose_back_model(self.context.models, self.settings, language, self.project.info.source_language)
                self._back_models[language] = True
            except NoBackTranslationModel:
                self._back_models[language] = False
            except WorkbenchError as exc:
                log.error("back-translation models: %s", exc)
                self._back_models[language] = None
        return self._back_models[language]

    def _remembered(self) -> tuple[dict[str, QSplitter], dict[str, QAction]]:
        """The splitters and View toggles kept between sessions (window_state), by key."""
        splitters = {"splitter": self.splitter, "grid_and_pane": self.grid_and_pane}
        return splitters, {f"show_{code}": action for code, action in self.language_actions.items()}

    # --- the grid ------------------------------------------------------------------------------------

    @property
    def model(self) -> SegmentTableModel:
        """The grid's item model (a new one for each document or filter)."""
        return self.grid.segments

    def _show_rows(self, model: SegmentTableModel) -> None:
        self.grid.show_rows(model, self.qa_context.finder if self.qa_context.finder.by_key else None)
        rows = model.rowCount()
        self.show_status(self.tr("1 segment") if rows == 1 else self.tr("{0} segments").format(rows))

    def reload_grid(self) -> None:
        """Show the chosen document through the current filter, keeping the current segment if it is still there."""
        if self._closing:  # a late filter or search timer: the project is closed
            return
        current = self.current_segment_id()
        column = max(self.grid.currentIndex().column(), 2)
        document_id = self.documents.current_document()
        wanted = self.filter_bar.current()
        try:
            ids = None if wanted.is_empty() else filter_segment_ids(self.project, document_id, wanted)
        except WorkbenchError as exc:
            show_error(self, self.tr("Cannot filter"), str(exc))
            return
        self._show_rows(KhmerWrappingModel(self.project, document_id, parent=self.grid, ids=ids))
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.grid.setCurrentIndex(self.model.index(row, column))
        self._current_changed(self.grid.currentIndex())

    def _current_changed(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.side_panel.show_segment(None, "")
            self.pane.show_cell(None, "")
            return
        try:
            segment = self.model.record(current.row())
        except WorkbenchError as exc:
            log.error("cannot read the current segment: %s", exc)
            return
        language = self.model.language_of(current.column()) or ""
        self.side_panel.show_segment(segment, language)
        if self.editors.pane_in_use():
            self.pane.show_cell(segment, language)
        self.translate.segment_shown(segment, language)

    def apply(self, changes: SegmentChanges) -> None:
        """The one place a change is shown: exactly its rows (one dataChanged per range, never a reset),
        the side panel if it shows one of them, the progress bars, the glossary highlights, a reload when
        documents came or went."""
        if changes.documents:
            self.documents.reload()
            self.reload_grid()
        if changes.glossary:
            self.qa_context = QaContext.load(self.project)
            self.model.term_finder = self.qa_context.finder if self.qa_context.finder.by_key else None
            self.model.refresh_segments(self.model.ids)
        elif changes.segment_ids:
            self.model.refresh_segments(changes.segment_ids)
        pane = self.pane.segment
        if pane is not None and pane.id in changes.segment_ids and (row := self.model.row_of(pane.id)) is not None:
            self.pane.refresh(self.model.record(row))
        shown = self.side_panel.segment
        if shown is not None and shown.id in changes.segment_ids:
            row = self.model.row_of(shown.id)
            if row is not None:
                self.side_panel.show_segment(self.model.record(row), self.side_panel.language)
        elif shown is not None and (changes.glossary or changes.memory):
            self.side_panel.refresh()
        if changes.segment_ids or changes.documents:
            if not self._progress_timer.isActive():  # at most one recount per interval, even while drafts pour in
                self._progress_timer.start(PROGRESS_REFRESH_MS * (4 if self.mt.busy else 1))
            self.grid.size_rows_soon()
        self.team.changes_shown(changes)

    def _refresh_progress(self) -> None:
        try:
            self.documents.refresh_progress()
        except WorkbenchError as exc:
            log.error("progress: %s", exc)

    # --- what the features ask (WindowContext) -------------------------------------------------------

    @property
    def is_closing(self) -> bool:
        return self._closing

    def dialog_parent(self) -> QWidget:
        return self

    def show_status(self, message: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def grid_font(self) -> QFont:
        return self.grid.font()

    def current_document(self) -> int | None:
        return self.documents.current_document()

    def grid_document(self) -> int | None:
        return self.model.document_id

    def grid_ids(self) -> list[int]:
        return self.model.ids

    def current_segment_id(self) -> int | None:
        return self.grid.current_segment_id()

    def shown_languages(self) -> list[str]:
        return [code for code, action in self.language_actions.items() if action.isChecked()] or self.model.languages

    def work_language(self) -> str:
        language = self.model.language_of(self.grid.currentIndex().column())
        return language or self.shown_languages()[0]

    def selected_segment_ids(self) -> list[int]:
        return self.grid.selected_segment_ids()

    def target_cell(self) -> QModelIndex | None:
        return self.grid.target_cell(self.work_language())

    def language_of(self, index: QModelIndex) -> str:
        return self.model.language_of(index.column()) or self.work_language()

    def segment_at(self, index: QModelIndex) -> SegmentRecord:
        return self.model.record(index.row())

    def row_count(self) -> int:
        return self.model.rowCount()

    def suggestion_text(self, number: int) -> str | None:
        return self.side_panel.suggestion_text(number)

    def term_text(self, number: int) -> str | None:
        return self.side_panel.term_text(number)

    def selected_source_text(self) -> str:
        return self.pane.selected_source_text() or self.side_panel.source_view.textCursor().selectedText()

    def open_editor(self) -> SegmentEditor | None:
        """The pane's editor on the target cell while the pane is shown, else the cell's editor (EditorChoice)."""
        return self.editors.open(self.target_cell())

    def current_editor(self) -> SegmentEditor | None:
        return self.editors.current()

    def close_editor(self, editor: SegmentEditor) -> None:
        self.editors.close(editor)

    def move_to(self, row: int, column: int, edit: bool) -> None:
        self.editors.move_to(row, column, edit)

    def focus_grid(self) -> None:
        self.grid.setFocus()

    def go_to(self, segment_id: int, language: str) -> None:
        row = self.model.row_of(segment_id)
        if row is None:
            self.filter_bar.search.clear()
            self.documents.select_document(None)
            self.reload_grid()
            row = self.model.row_of(segment_id)
        if row is not None:
            self.move_to(row, self.model.column_of(language), edit=False)

    def _editor_closed(self, editor: object, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if (
            isinstance(editor, SegmentEditor)
            and editor.segment_id
            and hint == QAbstractItemDelegate.EndEditHint.RevertModelCache
        ):
            self.editing.cancel_typing(editor.segment_id, editor.language)  # Esc
            self.show_status(self.tr("Edit cancelled"), 2000)

    def open_model_manager(self) -> None:
        self.dialogs.open_model_manager()

    def start_pretranslation(self, document_id: int | None, segment_ids: list[int] | None) -> Job | None:
        """Pre-translate a document (None: the project), or only `segment_ids` of it, in the shown languages."""
        return self.translate.start_pretranslation(document_id, segment_ids)

    # --- closing -------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        editor = self.delegate.open_editor
        if editor is not None and editor.segment_id:
            if not self.editing.set_text(editor.segment_id, editor.language, editor.toPlainText(), confirmed=False):
                event.ignore()  # the text could not be saved: keep the window open with it
                return
            self.close_editor(editor)
        if not self.pane.leave():
            event.ignore()
            return
        self._closing = True
        self._progress_timer.stop()
        self.documents.stop()
        self.editing.save_typing()
        self.side_panel.save_comment()
        self.mt.shutdown()
        self.team.shutdown()
        self.qa.checks.shutdown()
        QCoreApplication.processEvents()  # save the batches the workers finished before stopping
        self.memories.close()
        self.team_memory.close()
        window_state.save(self, *self._remembered())
        self.grid.stop()
        self.project.close()
        super().closeEvent(event)
        self.closed.emit()
