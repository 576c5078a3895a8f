"""The grid's item model: correct by Qt's own tester, fetched on demand, refreshed by ranges."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.ui.segment_table_model import (
    NOT_FOR_TRANSLATION,
    PAGE_ROWS,
    STATUS_COLOURS,
    STATUS_ROLE,
    WEAK_DRAFT_ROLE,
    SegmentTableModel,
)


def test_the_model_passes_qts_tester_and_shows_the_article(qtbot, project: Project, article_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [article_path])
    model = SegmentTableModel(project)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 37 and model.columnCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["#", "Vietnamese", "English", "Khmer"]
    assert model.data(model.index(2, 1)).startswith("Sóc Trăng sẵn sàng")
    banner = model.index(0, 1)
    assert model.data(banner, Qt.ItemDataRole.ForegroundRole).color() == NOT_FOR_TRANSLATION
    assert "menu or site banner" in model.data(banner, Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(2, 3), STATUS_ROLE) == "untranslated"
    assert model.flags(model.index(2, 3)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(2, 1)) & Qt.ItemFlag.ItemIsEditable


def test_rows_are_fetched_a_page_at_a_time(qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "many.txt"
    source.write_text("\n".join(f"Câu số {i}." for i in range(3 * PAGE_ROWS)), encoding="utf-8")
    import_files(project, [source])
    model = SegmentTableModel(project)
    assert model.rowCount() == 3 * PAGE_ROWS and model.pages_fetched == 0
    assert model.data(model.index(PAGE_ROWS + 5, 1)) == f"Câu số {PAGE_ROWS + 5}."
    assert model.data(model.index(PAGE_ROWS + 9, 2)) == ""
    assert model.pages_fetched == 1


def test_a_change_refreshes_its_rows_with_one_signal_per_range(qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "few.txt"
    source.write_text("\n".join(f"Câu số {i}." for i in range(10)), encoding="utf-8")
    import_files(project, [source])
    model = SegmentTableModel(project)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    ids = [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole + 2) for r in range(10)]
    assert model.data(model.index(3, 2)) == ""
    changed = []
    for row in (2, 3, 4, 8):
        project.save_translation(ids[row], "en", f"Sentence {row}.", Status.DRAFT, Origin.MT, "", "tiny", -2.0)
        changed.append(ids[row])
    ranges: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=None: ranges.append((a.row(), a.column(), b.row(), b.column())))
    model.refresh_segments(changed)
    assert ranges == [(2, 0, 4, 3), (8, 0, 8, 3)]
    cell = model.index(3, 2)
    assert model.data(cell) == "Sentence 3."
    assert model.data(cell, STATUS_ROLE) == "draft"
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color() == STATUS_COLOURS[Status.DRAFT]
    assert model.data(cell, Qt.ItemDataRole.FontRole).italic()  # machine drafts look different
    assert model.data(cell, WEAK_DRAFT_ROLE) is True  # score -2.0 is a weak draft


def test_a_filtered_model_shows_only_its_rows_and_passes_the_tester(
    qtbot, project: Project, article_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [article_path])
    ids = project.segment_ids()
    chosen = [ids[1], ids[7], ids[20]]
    project.save_translation(ids[7], "en", "Draft.", Status.DRAFT, Origin.MT, "m", score=-3.0)
    model = SegmentTableModel(project, ids=chosen)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 3 and model.ids == chosen
    assert model.row_of(ids[7]) == 1 and model.row_of(ids[2]) is None
    assert model.data(model.index(1, 2), WEAK_DRAFT_ROLE) is True
    assert "Low confidence" in model.data(model.index(1, 2), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, 2), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(1, 2), Qt.ItemDataRole.SizeHintRole) is None  # roles it has no answer for


def test_a_machine_draft_confirmed_unchanged_is_named_by_its_model_not_its_confirmer(
    qtbot, project: Project, article_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [article_path])
    row, segment = next((i, s) for i, s in enumerate(project.segments()) if s.translatable)
    project.save_translation(
        segment.id, "en", "Accepted as drafted.", Status.TRANSLATED, Origin.MT, "Lan", "opus-mt-vi-en"
    )
    model = SegmentTableModel(project)
    tooltip = model.data(model.index(row, 2), Qt.ItemDataRole.ToolTipRole)
    assert "Machine translation by opus-mt-vi-en" in tooltip
    assert "By Lan" not in tooltip  # "By" names the author of a person's own text only, as before the bands
