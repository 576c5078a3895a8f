"""Back-translation into Vietnamese on the tiny real models: the right model and direction, cached, only for
machine drafts still in their cell, and a clear refusal when no model can do it or the one named cannot."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import import_files
from workbench.core.ops.back_translation import (
    plan_back_translation,
    run_back_translation,
    save_back_translations,
    save_second_opinions,
)
from workbench.core.ops.pretranslation import plan_pretranslation, run_pretranslation, save_batch
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.draft_notes import notes_for
from workbench.core.store.draft_store import NewDraft, save_drafts
from workbench.core.store.project_store import Project
from workbench.mt.back_translation import (
    BackTranslator,
    NoBackTranslationModel,
    SecondOpinions,
    back_translate_options,
    choose_back_model,
    opinion_options,
    run_back_translations,
    second_opinion,
)
from workbench.mt.engine import DecodingOptions
from workbench.mt.model_choice import EnginePool
from workbench.mt.model_store import ModelStore
from workbench.mt.pipeline import EngineDrafter, TranslateOptions

FAST = TranslateOptions(decoding=DecodingOptions(beam_size=1, max_output_tokens=12), max_batch_segments=3)
BACK = back_translate_options(max_output_tokens=12)
SOURCES = [
    "Núi Cấm là điểm du lịch nổi tiếng.",
    "Chỉ thị 25/CT-TTg được triển khai.",
    "Năm 2023 tỉnh đón 9.889 lượt khách.",
    "Rừng tràm Trà Sư có nhiều loài chim quý.",
    "Núi Cấm là điểm du lịch nổi tiếng.",  # the same sentence again: one draft, one back-translation
]


class Recording:
    """A real engine that remembers every call's direction and texts."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.engine = engine
        self.model_name = engine.model_name
        self.family = engine.family
        self.max_input_tokens = engine.max_input_tokens
        self.calls: list[tuple[str, str, list[str]]] = []

    def count_tokens(self, text: str) -> int:
        return int(self.engine.count_tokens(text))

    def translate_batch(self, texts, source, target, options):  # type: ignore[no-untyped-def]
        self.calls.append((source, target, list(texts)))
        return list(self.engine.translate_batch(texts, source, target, options))


@pytest.fixture
def store(tmp_path: Path, tiny) -> ModelStore:  # type: ignore[no-untyped-def]
    store = ModelStore(tmp_path / "models")
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb")
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")
    return store


@pytest.fixture
def drafted(project: Project, store: ModelStore, tmp_path: Path) -> Project:
    """A project whose every segment has a machine draft in English and Khmer (tiny NLLB)."""
    path = tmp_path / "bai.txt"
    path.write_text("\n\n".join(SOURCES), encoding="utf-8")
    import_files(project, [path])
    pool = EnginePool(store, Settings(), threads=1)
    engine = pool.for_model("tiny-nllb").engine
    for language in ("en", "km"):
        plan = plan_pretranslation(project, language, "tiny-nllb", FAST.cache_key())
        drafter = EngineDrafter(engine, "vi", FAST)
        run_pretranslation(plan, drafter, lambda p, m, batch: save_batch(project, p, m, batch))
    return project


def back_translate(project: Project, store: ModelStore, language: str, model: str) -> tuple[Recording, list[int]]:
    pool = EnginePool(store, Settings(), threads=1)
    loaded = pool.for_model(model)
    recording = Recording(loaded.engine)
    pool._engines[loaded.model.name] = replace(loaded, engine=recording)  # type: ignore[arg-type]
    plan = plan_back_translation(project, language, model, BACK.cache_key())
    drafter = BackTranslator(model, language).drafter(pool, BACK)
    result = run_back_translation(plan, drafter, lambda p, m, batch: save_back_translations(project, p, m, batch))
    return recording, list(result.segment_ids)


def test_khmer_drafts_are_back_translated_into_vietnamese_by_the_drafting_model(drafted: Project, store) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(mt_models={"km": "tiny-nllb"})
    model = choose_back_model(store, settings, "km", "vi")
    assert model == "tiny-nllb"  # the drafting model goes back: no second model to load
    recording, noted = back_translate(drafted, store, "km", model)
    assert {(source, target) for source, target, _texts in recording.calls} == {("km", "vi")}
    drafts = {s.translations["km"].text for s in drafted.segments()}
    assert sorted(t for _s, _t, texts in recording.calls for t in texts) == sorted(drafts)  # each draft once
    assert len(noted) == len(SOURCES)
    notes = notes_for(drafted, "km")
    assert all(n.back_translation is not None and n.back_model == "tiny-nllb" for n in notes.values())
    rows = drafted.connection.execute("SELECT model, options, language, text FROM back_translations").fetchall()
    assert {(r["model"], r["options"], r["language"]) for r in rows} == {("tiny-nllb", BACK.cache_key(), "km")}
    assert {r["text"] for r in rows} == drafts
    assert notes_for(drafted, "en")[noted[0]].back_translation is None  # English is its own pass
    # the quality estimate is made again with the round trip the back-translation gives
    assert all(isinstance(n.signals.get("round_trip"), float) and n.band for n in notes.values())
    assert all(n.signals.get("round_trip") is None for n in notes_for(drafted, "en").values())


def test_a_second_run_translates_nothing_and_the_cache_serves_a_new_draft_of_the_same_text(
    drafted: Project, store
) -> None:  # type: ignore[no-untyped-def]
    back_translate(drafted, store, "en", "tiny-nllb")
    again, noted = back_translate(drafted, store, "en", "tiny-nllb")
    assert again.calls == [] and noted == []
    # the notes lose their back-translation (as a new draft's do): the cache gives it back without the model
    with drafted.transaction() as db:
        db.execute("UPDATE draft_notes SET back_translation = NULL WHERE language = 'en'")
    plan = plan_back_translation(drafted, "en", "tiny-nllb", BACK.cache_key())
    assert plan.units == () and len(plan.from_cache) == len(SOURCES)
    assert all(n.back_translation is not None for n in notes_for(drafted, "en").values())


def test_a_draft_a_person_edited_gets_no_back_translation(drafted: Project, store) -> None:  # type: ignore[no-untyped-def]
    first = drafted.segments()[1]
    drafted.save_translation(first.id, "en", "A directive is carried out.", Status.TRANSLATED, Origin.HUMAN, "me")
    recording, noted = back_translate(drafted, store, "en", "tiny-nllb")
    assert first.id not in noted and len(noted) == len(SOURCES) - 1
    assert all("A directive" not in t for _s, _t, texts in recording.calls for t in texts)
    assert notes_for(drafted, "en")[first.id].back_translation is None


def test_an_edit_while_the_pass_runs_keeps_the_back_translation_off_the_edited_cell(drafted: Project, store) -> None:  # type: ignore[no-untyped-def]
    plan = plan_back_translation(drafted, "en", "tiny-nllb", BACK.cache_key())
    edited = plan.units[0].segment_ids[0]
    drafted.save_translation(edited, "en", "Mine.", Status.TRANSLATED, Origin.HUMAN, "me")
    drafter = BackTranslator("tiny-nllb", "en").drafter(EnginePool(store, Settings(), threads=1), BACK)
    result = run_back_translation(plan, drafter, lambda p, m, batch: save_back_translations(drafted, p, m, batch))
    assert edited not in result.segment_ids
    assert notes_for(drafted, "en")[edited].back_translation is None


def test_no_model_into_vietnamese_is_one_clear_message(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    store = ModelStore(tmp_path / "models")
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")  # translates vi->en only
    with pytest.raises(NoBackTranslationModel) as raised:
        choose_back_model(store, Settings(), "en", "vi")
    message = str(raised.value)
    assert "no installed model translates en into vi" in message
    assert "nllb-200-distilled-600M" in message and "m2m100_418M" in message and "opus-mt-en-vi" in message


def test_a_model_named_for_the_wrong_direction_is_refused(store: ModelStore) -> None:
    with pytest.raises(WorkbenchError, match=r"opus-mt-vi-en-tiny cannot back-translate en into vi: .*vi-en only"):
        choose_back_model(store, Settings(), "en", "vi", explicit="opus-mt-vi-en-tiny")
    assert choose_back_model(store, Settings(), "en", "vi", explicit="tiny-nllb") == "tiny-nllb"


def test_a_marian_model_named_for_the_way_back_is_chosen_when_the_drafting_model_cannot_go_back(
    tmp_path: Path,
    tiny,  # type: ignore[no-untyped-def]
) -> None:
    store = ModelStore(tmp_path / "models")
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")
    store.install(tiny.marian_ct2, name="opus-mt-en-vi-tiny")  # the same tiny weights, named for en->vi
    settings = Settings(mt_models={"en": "opus-mt-vi-en-tiny"})
    assert choose_back_model(store, settings, "en", "vi") == "opus-mt-en-vi-tiny"
    with pytest.raises(NoBackTranslationModel, match="km into vi"):
        choose_back_model(store, settings, "km", "vi")


def test_a_batch_that_fails_to_save_is_rolled_back_whole_and_earlier_batches_stay(
    project: Project, store: ModelStore, tmp_path: Path
) -> None:
    path = tmp_path / "bai.txt"
    path.write_text("\n\n".join(SOURCES[:4]), encoding="utf-8")
    import_files(project, [path])
    # distinct machine drafts of distinct lengths (the tiny model writes one text for every sentence), one a batch
    texts = {s.id: "The province " + "welcomes many visitors " * (i + 1) for i, s in enumerate(project.segments())}
    drafts = [NewDraft(s.source, (s.id,), texts[s.id], -1.0, ()) for s in project.segments()]
    save_drafts(project, "tiny-nllb", FAST.cache_key(), "en", drafts)
    small = replace(BACK, max_batch_segments=1)
    plan = plan_back_translation(project, "en", "tiny-nllb", small.cache_key())
    doomed = sorted(texts.values(), key=len)[2]  # the third batch (the batches go shortest first)
    with project.transaction() as db:  # the disk refuses this draft's row, inside the batch's transaction
        quoted = doomed.replace("'", "''")
        db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON back_translations WHEN NEW.text = "
            f"'{quoted}' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    drafter = BackTranslator("tiny-nllb", "en").drafter(EnginePool(store, Settings(), threads=1), small)
    with pytest.raises(Exception, match="disk full"):
        run_back_translation(plan, drafter, lambda p, m, batch: save_back_translations(project, p, m, batch))
    notes = notes_for(project, "en")
    backed = sorted((n.draft for n in notes.values() if n.back_translation is not None), key=len)
    assert backed == sorted(texts.values(), key=len)[:2]  # the two batches before it stay, the failed one is gone
    cached = sorted((r[0] for r in project.connection.execute("SELECT text FROM back_translations")), key=len)
    assert cached == backed


def test_a_second_opinion_drafts_only_the_other_models_sources_and_is_cached_before_each_batch_is_saved(
    project: Project, store: ModelStore, tmp_path: Path
) -> None:
    path = tmp_path / "bai.txt"
    path.write_text("\n\n".join(SOURCES), encoding="utf-8")
    import_files(project, [path])
    segments = project.segments()
    by_nllb = [segments[1].id, segments[2].id]  # the NLLB drafted these itself: it has no second opinion on them
    pool = EnginePool(store, Settings(), threads=1)
    for model, ids in (("tiny-nllb", by_nllb), ("opus-mt-vi-en-tiny", None)):
        plan = plan_pretranslation(project, "en", model, FAST.cache_key(), segment_ids=ids)
        drafter = EngineDrafter(pool.for_model(model).engine, "vi", FAST)
        run_pretranslation(plan, drafter, lambda p, m, batch: save_batch(project, p, m, batch))
    small = replace(back_translate_options(max_output_tokens=10), max_batch_segments=1)  # a key of its own
    opinions = opinion_options(FAST, small)
    second = second_opinion(store, "tiny-nllb", "en", "vi", "opus-mt-vi-en-tiny", opinions.cache_key())
    assert second is not None and second.model == "tiny-nllb"
    plan = plan_back_translation(project, "en", "tiny-nllb", small.cache_key(), second=second)
    assert plan.second is not None
    marian_sources = {s.source for s in segments if s.id not in by_nllb}
    assert {u.source for u in plan.second.units} == marian_sources  # once each, the repeated sentence too

    def cached_nllb() -> set[str]:
        rows = project.connection.execute(
            "SELECT source FROM mt_cache WHERE model = 'tiny-nllb' AND options = ?", (opinions.cache_key(),)
        )
        return {r[0] for r in rows}

    seen_at_save: list[tuple[set[str], set[str]]] = []

    def save(_i: int, p, m: str, batch):  # type: ignore[no-untyped-def]
        batch_sources = {project.segment(i).source for d in batch for i in d.unit.segment_ids}
        seen_at_save.append((batch_sources & marian_sources, cached_nllb()))
        return save_back_translations(project, p, m, batch)

    saver = SecondOpinions(opinions, lambda _i, p, m, batch: save_second_opinions(project, p, m, batch))
    [result] = run_back_translations([plan], pool, small, save, opinions=saver)
    assert result.opinions == len(marian_sources)
    assert all(wanted <= cached for wanted, cached in seen_at_save)  # each batch's opinions were there first
    assert cached_nllb() == marian_sources
    assert [s.translations["en"].origin_detail for s in project.segments()] == [
        "tiny-nllb" if s.id in by_nllb else "opus-mt-vi-en-tiny" for s in segments
    ]  # no cell took the second opinion
    notes = notes_for(project, "en")
    assert all(isinstance(notes[s.id].signals.get("agreement"), float) for s in segments if s.id not in by_nllb)
    assert all(notes[i].signals.get("agreement") is None for i in by_nllb)


def test_no_second_opinion_from_the_drafting_model_or_one_that_cannot_draft_the_language(store: ModelStore) -> None:
    key = BACK.cache_key()
    assert second_opinion(store, "tiny-nllb", "en", "vi", "tiny-nllb", key) is None
    assert second_opinion(store, "opus-mt-vi-en-tiny", "km", "vi", "tiny-nllb", key) is None  # vi->km: not Marian's
    assert second_opinion(store, "tiny-nllb", "km", "vi", None, key) is not None
