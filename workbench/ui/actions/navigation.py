"""Go to segment (Ctrl+J) by its number in the document, and File > Recent projects.

Numbers are the segment's place in its document (core/store/segment_numbers), as the grid's # column shows
them whatever filter is on. Choosing a recent project asks whoever opened this window (the start page,
through `open_requested`) to open it: the current project window closes and the chosen one opens in its
place, as opening from the start page does; a project file that is gone is said and taken off the list.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QMessageBox

from workbench.core.recent_projects import forgotten
from workbench.core.store.segment_numbers import resolve_segment
from workbench.ui.actions.new_action import new_action
from workbench.ui.go_to_dialog import GoToDialog
from workbench.ui.window_context import WindowContext


class NavigationActions(QObject):
    #: the path of a recent project to open in place of this one
    open_requested = Signal(str)

    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.go_to_action = new_action(self, self.tr("&Go to segment…"), self.go_to_segment, "Ctrl+J")
        self.recent_menu = QMenu(self.tr("&Recent projects"))
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.go_to_dialog: GoToDialog | None = None
        self.fill_recent_menu()

    # --- go to ---------------------------------------------------------------------------------------

    def current_document_name(self) -> str | None:
        """The document a bare number is in: the current segment's, else the one the grid shows, else the
        project's only one."""
        project = self.window.project
        segment_id = self.window.current_segment_id()
        document_id = project.segment(segment_id).document_id if segment_id is not None else None
        if document_id is None:
            document_id = self.window.grid_document()
        if document_id is not None:
            found = project.document(document_id)
            return found.name if found is not None else None
        documents = project.documents()
        return documents[0].name if len(documents) == 1 else None

    def resolve(self, text: str) -> int:
        """The segment `text` names: "8" or "#8" in the current document, or "le-hoi.docx #8"."""
        ref = text.strip()
        if ref.lstrip("#").strip().isdecimal():
            return resolve_segment(self.window.project, "#" + ref.lstrip("#").strip(), self.current_document_name())
        return resolve_segment(self.window.project, ref)

    def go_to_segment(self) -> None:
        """Ctrl+J: ask for a segment number, then show its cell in the work language."""
        documents = self.window.project.documents()
        dialog = GoToDialog(
            self.resolve, self.current_document_name(), self.window.dialog_parent(),
            example_document=documents[0].name if documents else None,
        )  # fmt: skip
        dialog.accepted.connect(lambda: self._went(dialog))
        self.go_to_dialog = dialog
        dialog.open()

    def _went(self, dialog: GoToDialog) -> None:
        if dialog.chosen is None:
            return
        window = self.window
        editor = window.current_editor()
        if editor is not None and editor.segment_id:  # the text typed so far stays, as a draft, as Ctrl+Down leaves it
            if not window.editing.set_text(editor.segment_id, editor.language, editor.toPlainText(), confirmed=False):
                return
            window.close_editor(editor)
        window.go_to(dialog.chosen, window.work_language())
        if window.current_segment_id() != dialog.chosen:
            window.show_status(self.tr("That segment is hidden by the filter: clear the filter to see it"), 5000)
        elif editor is not None:
            window.open_editor()  # typing goes on in the segment gone to

    # --- recent projects -------------------------------------------------------------------------------

    def fill_recent_menu(self) -> None:
        """The recent projects, newest first; the open one is shown but cannot be chosen."""
        self.recent_menu.clear()
        here = str(self.window.project.path.resolve())
        for number, path in enumerate(self.window.settings.recent_projects, 1):
            action = self.recent_menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.setEnabled(path != here)
            action.triggered.connect(lambda _checked=False, chosen=path: self.open_recent(chosen))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def open_recent(self, path: str) -> None:
        """Open a recent project in place of this one; one that is gone is said and dropped from the list."""
        if not Path(path).is_file():
            context = self.window.context
            context.update_settings(
                replace(context.settings, recent_projects=forgotten(context.settings.recent_projects, path))
            )
            QMessageBox.warning(
                self.window.dialog_parent(),
                self.tr("Cannot open the project"),
                self.tr("{0} is not there any more (moved, renamed or deleted); it is taken off the list.").format(
                    path
                ),
            )
            self.fill_recent_menu()
            return
        self.open_requested.emit(path)  # the start page opens it, or says why it cannot
