"""The window's features work against a WindowContext, and every change reaches the screen through one
place: exactly the named rows are refreshed (one dataChanged per range, never a reset)."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItemModel

from workbench.context import AppContext
from workbench.core.changes import SegmentChanges
from workbench.core.importing.file_import import import_files
from workbench.core.memory.glossary import Term, add_term
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.ui.actions.grid_commands import GridCommands

ACTIONS = Path(__file__).resolve().parents[2] / "workbench" / "ui" / "actions"


def _watch(model) -> tuple[list[tuple[int, int]], list[str]]:  # type: ignore[no-untyped-def]
    ranges: list[tuple[int, int]] = []
    resets: list[str] = []
    model.dataChanged.connect(lambda first, last, *_: ranges.append((first.row(), last.row())))
    model.modelReset.connect(lambda: resets.append("reset"))
    model.layoutChanged.connect(lambda *_: resets.append("layout"))
    return ranges, resets


def test_a_change_refreshes_exactly_its_rows_and_the_side_panel_showing_one(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    ids = window.model.ids
    window.grid.setCurrentIndex(window.model.index(2, window.model.column_of("en")))
    window.project.save_translation(ids[2], "en", "The market opens early.", Status.TRANSLATED, Origin.HUMAN, "an")
    window.project.save_translation(ids[0], "en", "Cam Mountain is famous.", Status.TRANSLATED, Origin.HUMAN, "an")
    ranges, resets = _watch(window.model)
    window.apply(SegmentChanges.of([ids[2], ids[0]], "en"))
    assert sorted(ranges) == [(0, 0), (2, 2)] and resets == []  # row 1 untouched, no reset
    assert window.model.data(window.model.index(2, window.model.column_of("en"))) == "The market opens early."
    assert window.side_panel.segment is not None
    assert window.side_panel.segment.translations["en"].text == "The market opens early."  # the panel followed
    window.close()


def test_a_glossary_change_highlights_the_new_term_in_every_row_without_a_reset(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    assert window.model.term_finder is None  # no glossary yet
    add_term(window.project, Term("chợ nổi", {"en": "floating market"}))
    ranges, resets = _watch(window.model)
    window.apply(SegmentChanges(glossary=True))
    assert ranges == [(0, window.model.rowCount() - 1)] and resets == []
    assert window.model.term_finder is not None and window.qa_context.finder.by_key
    window.close()


class FakeWindow:
    """A WindowContext that is not a window: the project, one target cell, and a record of what was asked."""

    def __init__(self, project: Project, segment_id: int) -> None:
        self.project = project
        self.context = AppContext(Settings(user_name="Lan"))
        self.names = {"en": "English", "km": "Khmer"}
        self.segment_id = segment_id
        self.cells = QStandardItemModel(1, 3)
        self.applied: list[SegmentChanges] = []
        self.statuses: list[str] = []

    @property
    def settings(self) -> Settings:
        return self.context.settings

    def target_cell(self) -> QModelIndex:
        return self.cells.index(0, 2)

    def language_of(self, _index: QModelIndex) -> str:
        return "en"

    def segment_at(self, _index: QModelIndex):  # type: ignore[no-untyped-def]
        return self.project.segment(self.segment_id)

    def suggestion_text(self, _number: int) -> None:
        return None

    def show_status(self, message: str, _timeout_ms: int = 0) -> None:
        self.statuses.append(message)

    def apply(self, changes: SegmentChanges) -> None:
        self.applied.append(changes)


def test_grid_commands_work_on_a_window_context_that_is_not_the_window(qtbot, tmp_path: Path, short_text: Path) -> None:  # type: ignore[no-untyped-def]
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        import_files(project, [short_text])
        first = project.segment_ids()[0]
        fake = FakeWindow(project, first)
        commands = GridCommands(fake)  # type: ignore[arg-type]
        commands.toggle_translatable()
        assert not project.segment(first).translatable
        assert fake.applied == [SegmentChanges.of([first])]  # the change is handed back, not refreshed by hand
        commands.insert_suggestion(3)
        assert fake.statuses == ["There is no suggestion 3"]


def test_no_feature_imports_the_window_or_reaches_into_its_private_members() -> None:
    for module in sorted(ACTIONS.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "workbench.ui.project_window" not in imported, module.name
        private = [
            n.attr
            for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in ("window", "host")
            and n.attr.startswith("_")
        ]  # fmt: skip
        assert private == [], (module.name, private)
