"""The glossary and the memories from the window: add a term from the selection (Ctrl+T), import and
export the glossary (CSV, TBX), import a TMX file into the shared memory, export the project memory.
(A confirmed translation teaches the shared memory in the editing controller, by the core's rule.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.exporting.text_exports import export_memory
from workbench.core.memory.glossary import add_term, terms
from workbench.core.memory.tmx import load_tmx
from workbench.core.ops.glossary_files import export_glossary, import_glossary
from workbench.core.timestamps import now
from workbench.ui.actions.new_action import new_action
from workbench.ui.error_dialog import show_error
from workbench.ui.term_dialog import TermDialog
from workbench.ui.window_context import WindowContext


class MemoryGlossaryActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.add_term_action = new_action(
            self, self.tr("Add a glossary &term from the selection"), self.add_term_from_selection, "Ctrl+T"
        )
        self.import_glossary_action = new_action(self, self.tr("&Import a glossary (CSV, TBX)…"), self.import_glossary)
        self.export_glossary_action = new_action(self, self.tr("&Export the glossary…"), self.export_glossary)
        self.import_tmx_action = new_action(
            self, self.tr("Import a &TMX file into the shared memory…"), self.import_tmx
        )
        self.export_tmx_action = new_action(self, self.tr("Export the project &memory as TMX…"), self.export_tmx)

    def add_term_from_selection(self) -> None:
        """Ctrl+T: a term from the words selected in the source (side panel) and in the translation (editor)."""
        window = self.window
        editor = window.current_editor()
        target = editor.textCursor().selectedText() if editor is not None else ""
        dialog = TermDialog(
            window.selected_source_text(),
            {window.work_language(): target},
            window.names,
            window.dialog_parent(),
            glossary=terms(window.project),
        )
        if not dialog.exec():
            return
        term = dialog.term()
        try:
            add_term(window.project, term)
        except WorkbenchError as exc:
            show_error(window.dialog_parent(), self.tr("Cannot add the term"), str(exc))
            return
        window.show_status(self.tr("Added to the glossary: {0}").format(term.source), 4000)
        window.apply(SegmentChanges(glossary=True))

    def import_glossary(self) -> None:
        window = self.window
        name, _ = QFileDialog.getOpenFileName(
            window.dialog_parent(), self.tr("Import a glossary"), "", self.tr("Glossaries") + " (*.csv *.tbx)"
        )
        if not name:
            return
        try:
            done = import_glossary(window.project, Path(name))  # one transaction, the format by its name
        except WorkbenchError as exc:
            show_error(window.dialog_parent(), self.tr("Cannot import the glossary"), str(exc))
            return
        window.show_status(self.tr("{0} terms imported").format(done.terms), 5000)
        window.apply(done.changes)

    def export_glossary(self) -> None:
        window = self.window
        name, _ = QFileDialog.getSaveFileName(
            window.dialog_parent(), self.tr("Export the glossary"), "glossary.csv", "CSV (*.csv);;TBX (*.tbx)"
        )
        if name:
            try:
                export_glossary(window.project, Path(name))
            except (WorkbenchError, OSError) as exc:
                show_error(window.dialog_parent(), self.tr("Cannot export the glossary"), str(exc))

    def import_tmx(self) -> None:
        window = self.window
        shared = window.memories.shared
        name, _ = QFileDialog.getOpenFileName(window.dialog_parent(), self.tr("Import a TMX file"), "", "TMX (*.tmx)")
        if not name or shared is None:
            return
        try:
            read = load_tmx(Path(name))
            added = shared.add(read.units, now())
        except WorkbenchError as exc:
            show_error(window.dialog_parent(), self.tr("Cannot import the TMX file"), str(exc))
            return
        done = (
            self.tr("1 new unit in the shared memory")
            if added == 1
            else self.tr("{0} new units in the shared memory").format(added)
        )
        window.show_status(done, 5000)
        decisions = read.summary()
        if decisions:  # what was read another way than the file says, or left out: the user must see it
            QMessageBox.information(
                window.dialog_parent(),
                self.tr("TMX file imported"),
                done + "\n\n" + "\n".join(f"• {line}" for line in decisions),
            )
        window.apply(SegmentChanges(memory=True))

    def export_tmx(self) -> None:
        window = self.window
        name, _ = QFileDialog.getSaveFileName(
            window.dialog_parent(), self.tr("Export the project memory"), "memory.tmx", "TMX (*.tmx)"
        )
        if name:
            try:
                export_memory(Path(name), window.project)
            except (WorkbenchError, OSError) as exc:
                show_error(window.dialog_parent(), self.tr("Cannot export the memory"), str(exc))
