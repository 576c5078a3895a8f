"""A real pre-translation (tiny models) leaves every draft with its full quality signals, score and band; a
second model's drafts give the agreement signal, a back-translation the round-trip one."""

from __future__ import annotations

import math
from pathlib import Path

from workbench.core.importing.file_import import import_files
from workbench.core.ops.pretranslation import plan_pretranslation, run_pretranslation, save_batch
from workbench.core.quality.estimate import score_segments
from workbench.core.records import Origin, Status
from workbench.core.store.draft_notes import BANDS, notes_for, set_back_translation
from workbench.core.store.project_store import Project
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.pipeline import EngineDrafter, TranslateOptions

FAST = TranslateOptions(decoding=DecodingOptions(beam_size=1, max_output_tokens=12, token_scores=True))
SOURCES = ["Núi Cấm là điểm du lịch nổi tiếng.", "Năm 2023 tỉnh đón 9.889 lượt khách.", "Chợ nổi họp từ sáng sớm."]


def _pretranslate(project: Project, folder: Path, name: str) -> None:
    engine = load_engine(folder, name)
    plan = plan_pretranslation(project, "en", name, FAST.cache_key())
    drafter = EngineDrafter(engine, "vi", FAST)
    run_pretranslation(plan, drafter, lambda p, model, batch: save_batch(project, p, model, batch))


def test_signals_score_and_band_are_stored_with_every_draft(project: Project, tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bai.txt").write_text("\n\n".join(SOURCES), encoding="utf-8")
    import_files(project, [tmp_path / "bai.txt"])
    ids = project.segment_ids()
    _pretranslate(project, tiny.nllb_ct2_int8, "tiny-nllb")
    notes = notes_for(project, "en", ids)
    assert set(notes) == set(ids)
    for sid in ids:
        note = notes[sid]
        signals = note.signals
        assert note.describes(project.segment(sid).translations["en"])
        assert isinstance(signals["mean_logprob"], float) and signals["mean_logprob"] < 0
        assert signals["length_ratio"] > 0 and isinstance(signals["runaway"], bool)
        assert isinstance(signals["spans_lost"], int) and isinstance(signals["qa_findings"], int)
        assert signals["qa_errors"] <= signals["qa_findings"]
        assert signals["round_trip"] is None and signals["agreement"] is None  # no back-translation, one model
        assert note.quality is not None and 0 <= note.quality <= 1 and note.band in BANDS

    # the same sources drafted again by a second model: its drafts are compared with the first's
    for sid in ids:
        project.save_translation(sid, "en", "", Status.UNTRANSLATED, Origin.NONE, "lan")
    _pretranslate(project, tiny.m2m100_ct2, "tiny-m2m100")
    notes = notes_for(project, "en", ids)
    assert all(n.model == "tiny-m2m100" for n in notes.values())
    assert all(0 <= n.signals["agreement"] <= 1 for n in notes.values())

    # a back-translation that gives the source back exactly: round trip 1.0 (a random model's babble still
    # scores near 0: its decoder is unsure of every token)
    first = notes[ids[0]]
    with project.transaction() as db:
        assert set_back_translation(db, ids[0], "en", first.draft, SOURCES[0], "tiny-nllb")
    assert score_segments(project, "en", [ids[0]]) == 1
    again = notes_for(project, "en", [ids[0]])[ids[0]]
    assert again.signals["round_trip"] == 1.0
    assert again.quality is not None and not math.isnan(again.quality) and again.band in BANDS
