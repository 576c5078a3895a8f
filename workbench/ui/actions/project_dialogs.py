"""The window's dialogs: import files, find (the filter bar's search), find and replace, the settings,
the model manager, the list of keyboard shortcuts. New settings go through the AppContext, so every
holder of it sees them, and the window re-applies them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from workbench.core.changes import SegmentChanges
from workbench.core.settings import Settings
from workbench.ui.actions.new_action import new_action
from workbench.ui.document_list import DocumentList
from workbench.ui.filter_bar import FilterBar
from workbench.ui.window_context import WindowContext


class ProjectDialogs(QObject):
    def __init__(
        self, window: WindowContext, filter_bar: FilterBar, documents: DocumentList,
        all_actions: Callable[[], list[QAction]], settings_applied: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.window, self.filter_bar, self.documents = window, filter_bar, documents
        self._all_actions, self._settings_applied = all_actions, settings_applied
        self.import_action = new_action(self, self.tr("&Import files…"), self.import_files, "Ctrl+I")
        self.find_action = new_action(self, self.tr("&Find…"), self.focus_search, "Ctrl+F")
        self.replace_action = new_action(self, self.tr("Find and &replace…"), self.find_and_replace, "Ctrl+H")
        self.settings_action = new_action(self, self.tr("&Settings…"), self.open_settings, "Ctrl+,")
        self.shortcuts_action = new_action(self, self.tr("&Keyboard shortcuts"), self.show_shortcuts, "F1")
        self.models_action = new_action(self, self.tr("&Models…"), self.open_model_manager)

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def find_and_replace(self) -> None:
        from workbench.ui.find_replace_dialog import FindReplaceDialog

        window = self.window
        FindReplaceDialog(
            window.project, window.grid_ids(), window.work_language(), window.names, window.editing,
            window.dialog_parent(),
        ).exec()  # fmt: skip

    def import_files(self) -> None:
        from workbench.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.window.project, self.window.settings, self.window.dialog_parent())
        if dialog.exec() and dialog.imported:
            self.window.apply(SegmentChanges(documents=True))
            self.documents.select_document(dialog.imported[-1])

    def open_settings(self) -> None:
        from workbench.ui.settings_dialog import SettingsDialog

        window = self.window
        dialog = SettingsDialog(
            replace(window.settings), window.dialog_parent(), window.context.models,
            list(window.project.info.target_languages), lambda: self._model_manager(dialog),
        )  # fmt: skip
        if dialog.exec():
            self.settings_changed(dialog.settings)

    def open_model_manager(self) -> None:
        self._model_manager(self.window.dialog_parent())

    def _model_manager(self, parent: QWidget) -> Settings:
        """The model manager over `parent` (the window, or the settings dialog); the settings it leaves."""
        from workbench.ui.model_manager import ModelManagerDialog

        window = self.window
        ModelManagerDialog(
            window.context.models, window.settings, list(window.project.info.target_languages), parent,
            self.settings_changed, context=window.context, project=window.project.path,
        ).exec()  # fmt: skip
        return window.settings

    def settings_changed(self, settings: Settings) -> None:
        """New settings for everyone holding the AppContext (saved), then shown in this window."""
        self.window.context.update_settings(settings)
        self._settings_applied()

    def show_shortcuts(self) -> None:
        from workbench.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self._all_actions(), self.window.dialog_parent()).exec()
