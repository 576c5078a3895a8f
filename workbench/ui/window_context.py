"""What a feature of the project window (ui/actions/) may ask of the window, and nothing more.

The features (grid commands, translation, checks, memory and glossary, review, recovery, dialogs) get a
`WindowContext` instead of the window: they read the project, the settings and where the translator
is, and hand back what they changed through `apply`. None of them imports the window or reaches into
its private members, and a test can run one against a small fake.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QWidget

    from workbench.context import AppContext
    from workbench.core.changes import SegmentChanges
    from workbench.core.memory.project_memory import Memories
    from workbench.core.qa.live_context import QaContext
    from workbench.core.records import SegmentRecord
    from workbench.core.settings import Settings
    from workbench.core.store.project_store import Project
    from workbench.ui.editing_controller import EditingController
    from workbench.ui.segment_editor import SegmentEditor


class WindowContext(Protocol):
    """The project window as its features see it (`ProjectWindow` is one; tests may build another)."""

    project: Project
    context: AppContext
    names: dict[str, str]
    editing: EditingController
    memories: Memories
    qa_context: QaContext

    @property
    def settings(self) -> Settings:
        """The current settings (from the AppContext)."""
        ...

    @property
    def is_closing(self) -> bool:
        """The window is closing: late results show no dialog."""
        ...

    def dialog_parent(self) -> QWidget:
        """The widget dialogs open over."""
        ...

    def show_status(self, message: str, timeout_ms: int = 0) -> None: ...

    def grid_font(self) -> QFont: ...

    # --- where the translator is ---------------------------------------------------------------------

    def current_document(self) -> int | None:
        """The document chosen on the left (None: the whole project)."""
        ...

    def grid_document(self) -> int | None:
        """The document the grid shows (None: every document)."""
        ...

    def grid_ids(self) -> list[int]:
        """The segment ids the grid shows, in its order."""
        ...

    def current_segment_id(self) -> int | None: ...

    def work_language(self) -> str:
        """The language of the current cell, or the first shown target language."""
        ...

    def shown_languages(self) -> list[str]: ...

    def selected_segment_ids(self) -> list[int]:
        """The segments of the selected cells (the current one when nothing is selected), in grid order."""
        ...

    def target_cell(self) -> QModelIndex | None:
        """The current cell if it is a target cell, else the work language's cell in the current row."""
        ...

    def language_of(self, index: QModelIndex) -> str:
        """The target language of a cell (the work language for a source cell)."""
        ...

    def segment_at(self, index: QModelIndex) -> SegmentRecord: ...

    # --- the grid and its editor ---------------------------------------------------------------------

    def open_editor(self) -> SegmentEditor | None:
        """The editor of the target cell, opened if it is not open yet (the editor pane's while it is shown)."""
        ...

    def current_editor(self) -> SegmentEditor | None:
        """The editor in use, if any: the editor pane's while it is shown, else the open cell editor."""
        ...

    def close_editor(self, editor: SegmentEditor) -> None:
        """Close without handing the text to the model: the caller has saved it."""
        ...

    def move_to(self, row: int, column: int, edit: bool) -> None:
        """Make a cell current (and scroll to it), opening its editor when `edit`."""
        ...

    def focus_grid(self) -> None:
        """The keys go to the grid again (after a change made through a dialog or a menu)."""
        ...

    def row_count(self) -> int: ...

    def go_to(self, segment_id: int, language: str) -> None:
        """Show a segment's cell, clearing the filter and the document choice if they hide it."""
        ...

    def suggestion_text(self, number: int) -> str | None: ...

    def term_text(self, number: int) -> str | None: ...

    def selected_source_text(self) -> str:
        """The words selected in the editor pane's source, else in the side panel's source view."""
        ...

    # --- what changed --------------------------------------------------------------------------------

    def apply(self, changes: SegmentChanges) -> None:
        """Refresh what an operation changed: its rows, the side panel, progress, glossary highlights."""
        ...

    def reload_grid(self) -> None: ...

    def open_model_manager(self) -> None: ...

    def can_back_translate(self, language: str) -> bool | None:
        """Whether an installed model translates `language` into the source language (None: cannot tell)."""
        ...
