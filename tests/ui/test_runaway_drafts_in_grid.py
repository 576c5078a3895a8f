"""A draft whose output ran away is marked weak in the grid, and its tooltip says why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from workbench.core.importing.file_import import import_files
from workbench.core.ops.draft_confidence import RUNAWAY_FLAG
from workbench.core.ops.pretranslation import plan_pretranslation, run_pretranslation, save_batch
from workbench.core.store.project_store import Project
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.pipeline import EngineDrafter, TranslateOptions
from workbench.ui.segment_table_model import WEAK_DRAFT_ROLE, SegmentTableModel


def test_a_babbling_draft_is_weak_and_its_tooltip_gives_the_reason(
    qtbot, tiny, project: Project, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "bai.txt"
    source.write_text("Núi Cấm là điểm du lịch nổi tiếng.", encoding="utf-8")
    import_files(project, [source])
    engine = load_engine(tiny.nllb_ct2_int8, "tiny-nllb")
    options = TranslateOptions(decoding=DecodingOptions(beam_size=1))
    plan = plan_pretranslation(project, "en", engine.model_name, options.cache_key())
    drafter = EngineDrafter(engine, "vi", options)
    run_pretranslation(plan, drafter, lambda p, model, batch: save_batch(project, p, model, batch))

    model = SegmentTableModel(project)
    cell = model.index(0, 2)
    assert model.data(cell)  # the draft is there
    assert model.data(cell, WEAK_DRAFT_ROLE) is True
    tooltip = model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert "ran away" in tooltip
    assert f"{RUNAWAY_FLAG} stopped at the length cap" in tooltip
