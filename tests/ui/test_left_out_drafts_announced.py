"""A poor draft left out of its cell (Settings.leave_poor_drafts_out) marks the empty cell at once: the job
announces those segments as it does the drafted ones, so the poor icon and its tooltip appear without the
page being read again; both the drafts planning takes from the cache and those the model decodes."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import Qt

from workbench.core.quality.model import FEATURES, QualityModel
from workbench.core.settings import Settings
from workbench.core.timestamps import now
from workbench.ui.status_look import band_icon

JOB_TIMEOUT_MS = 120_000
#: an office's fitted model that finds every draft poor (a real stored model, as `quality fit` keeps it)
ALL_POOR = QualityModel((0.0,) * len(FEATURES), -8.0, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES),
                        (0.0,) * len(FEATURES), fitted_at="2026-12-01T00:00:00+00:00")  # fmt: skip


def test_left_out_cells_show_the_poor_icon_as_the_job_goes(qtbot, open_window, tiny_models: Settings) -> None:  # type: ignore[no-untyped-def]
    settings = replace(tiny_models, leave_poor_drafts_out=True)
    window = open_window(settings=settings)
    project = window.project
    ids = [window.model.segment_id(row) for row in range(window.model.rowCount())]
    first = project.segment(ids[0])
    options = window.mt.options_for(settings).cache_key()
    with project.transaction() as db:
        for language in ("en", "km"):
            db.execute(
                "INSERT INTO project(key, value) VALUES (?, ?)",
                (f"quality_model:{language}", json.dumps(ALL_POOR.to_json())),
            )
        db.execute(  # the first segment's English draft is in the cache already: planning takes it
            """INSERT INTO mt_cache(model, options, language, source, text, score, flags, meta, created_at)
               VALUES ('tiny-nllb', ?, 'en', ?, 'a cached draft', -0.5, '', '{}', ?)""",
            (options, first.source, now()),
        )
    en = window.model.column_of("en")
    for row in range(len(ids)):  # the page is read before the job: empty cells with nothing left out
        assert window.model.data(window.model.index(row, en), Qt.ItemDataRole.DecorationRole).cacheKey() != (
            band_icon("poor").cacheKey()
        )
    announced: list[int] = []
    window.mt.saved.connect(announced.extend)
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        job = window.start_pretranslation(window.documents.current_document(), None)
        assert job is not None and job.plan_for("en").left_out == (ids[0],)  # type: ignore[union-attr]
        assert ids[0] in announced  # at once, with what planning drafted
    assert ended.args[1] == "done", ended.args
    assert sorted(set(announced)) == sorted(ids)  # every segment: each one's draft was left out, in each language
    for row in range(len(ids)):
        for language in ("en", "km"):
            cell = window.model.index(row, window.model.column_of(language))
            assert project.segment(ids[row]).translations.get(language) is None or not window.model.data(cell)
            assert window.model.data(cell, Qt.ItemDataRole.DecorationRole).cacheKey() == band_icon("poor").cacheKey()
            assert "left out of this cell" in window.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    window.close()
