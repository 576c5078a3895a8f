"""A pivot route (vi->en->km) on the tiny real models: drafts through both hops, the route recorded and cached,
protection checked against the original source, and every route a user can get wrong refused before any work."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from tests.mt.test_pipeline import CountingEngine
from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import import_files
from workbench.core.language.protected_spans import find_protected_spans
from workbench.core.ops.pretranslation import Unit, plan_pretranslation, run_pretranslation, save_batch
from workbench.core.progress import Cancelled
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.engine import DecodingOptions
from workbench.mt.model_choice import EnginePool, NoModel, choose
from workbench.mt.model_store import ModelStore
from workbench.mt.pipeline import EngineDrafter, TranslateOptions, UrgentRequests, translate_units
from workbench.mt.route_drafter import RouteDrafter
from workbench.mt.routes import Hop, Route, drafter_for, is_route, licences, parse_route, route_from

FAST = TranslateOptions(decoding=DecodingOptions(beam_size=1, max_output_tokens=12), max_batch_segments=3)
ROUTE = "vi-en-km:opus-mt-vi-en-tiny+tiny-nllb"
SOURCES = [
    "Núi Cấm là điểm du lịch nổi tiếng.",
    "Chỉ thị 25/CT-TTg được triển khai.",
    "Năm 2023 tỉnh đón 9.889 lượt khách.",
    "Rừng tràm Trà Sư có nhiều loài chim quý.",
    "Chợ nổi Long Xuyên họp từ sáng sớm.",
    "Núi Cấm là điểm du lịch nổi tiếng.",  # the same sentence again
    "Du khách đến An Giang theo Kế hoạch số 12/KH-UBND.",
]


@pytest.fixture
def pool(tmp_path: Path, tiny) -> EnginePool:  # type: ignore[no-untyped-def]
    store = ModelStore(tmp_path / "models")
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb")
    return EnginePool(store, Settings(), threads=1)


def recording(pool: EnginePool, name: str, parallel_calls: int = 1) -> CountingEngine:
    """The pool's real engine of `name`, wrapped so the test sees every text it is asked to translate (and
    decoding two calls at once, as CTranslate2's engine does, with `parallel_calls=2`)."""
    loaded = pool.for_model(name)
    counting = CountingEngine(loaded.engine)
    counting.parallel_calls = parallel_calls  # type: ignore[attr-defined]
    pool._engines[loaded.model.name] = replace(loaded, engine=counting)  # type: ignore[arg-type]
    return counting


@pytest.fixture
def filled(project: Project, tmp_path: Path) -> Project:
    source = tmp_path / "bai.txt"
    source.write_text("\n\n".join(SOURCES), encoding="utf-8")
    import_files(project, [source])
    return project


def pretranslate(project: Project, pool: EnginePool, choice: str, language: str = "km"):  # type: ignore[no-untyped-def]
    drafter = drafter_for(choice, pool, project.info.source_language, language, FAST)
    plan = plan_pretranslation(project, language, drafter.model, FAST.cache_key())
    return run_pretranslation(plan, drafter, lambda p, model, batch: save_batch(project, p, model, batch))


def test_a_route_is_written_as_its_languages_and_the_model_of_each_hop() -> None:
    route = parse_route(ROUTE)
    assert route == Route((Hop("vi", "en", "opus-mt-vi-en-tiny"), Hop("en", "km", "tiny-nllb")))
    assert (route.languages, route.text) == ("vi-en-km", ROUTE)
    assert route_from("vi-en-km", {"en": "opus-mt-vi-en-tiny", "km": "tiny-nllb"}) == route
    assert is_route(ROUTE) and not is_route("opus-mt-vi-en")
    assert route.label == "vi-en-km: opus-mt-vi-en-tiny → tiny-nllb"


def test_a_route_drafts_through_both_hops_and_the_drafts_name_the_route(filled: Project, pool: EnginePool) -> None:
    first, second = recording(pool, "opus-mt-vi-en-tiny"), recording(pool, "tiny-nllb")
    drafter = drafter_for(ROUTE, pool, "vi", "km", FAST)
    assert isinstance(drafter, RouteDrafter) and drafter.model == ROUTE
    result = pretranslate(filled, pool, ROUTE)
    assert result.translated == len(SOURCES)
    # The first hop's drafts (protection restored, as the pipeline gives them) are what the second hop reads.
    units = [Unit(s, (i,), tuple(find_protected_spans(s))) for i, s in enumerate(dict.fromkeys(SOURCES))]
    alone = CountingEngine(pool.for_model("opus-mt-vi-en-tiny").engine.engine)  # type: ignore[attr-defined]
    pivots = [d.text for batch in translate_units(units, alone, "vi", "en", FAST) for d in batch]
    assert sorted(second.seen) == sorted(p for p in pivots if p.strip())
    assert sorted(first.seen) == sorted(dict.fromkeys(SOURCES))
    for segment in filled.segments():
        km = segment.translations["km"]
        assert (km.status, km.origin, km.origin_detail) == (Status.DRAFT, Origin.MT, ROUTE), segment.source
        assert segment.translations["en"].status is Status.UNTRANSLATED  # the pivot is not a translation


def test_a_route_drafts_are_cached_under_the_route(filled: Project, pool: EnginePool) -> None:
    first, second = recording(pool, "opus-mt-vi-en-tiny"), recording(pool, "tiny-nllb")
    pretranslate(filled, pool, ROUTE)
    calls = (len(first.seen), len(second.seen))
    for segment in filled.segments():
        filled.save_translation(segment.id, "km", "", Status.UNTRANSLATED, Origin.NONE, "test")
    again = pretranslate(filled, pool, ROUTE)
    assert len(again.plan.from_cache) == len(SOURCES) and again.translated == 0
    assert (len(first.seen), len(second.seen)) == calls
    # The second hop's model alone is another cache entry: it translates.
    for segment in filled.segments():
        filled.save_translation(segment.id, "km", "", Status.UNTRANSLATED, Origin.NONE, "test")
    direct = pretranslate(filled, pool, "tiny-nllb")
    assert direct.translated == len(SOURCES) and not direct.plan.from_cache


def test_a_code_in_the_source_survives_both_hops_or_is_flagged(filled: Project, pool: EnginePool) -> None:
    pretranslate(filled, pool, ROUTE)
    for segment in filled.segments():
        km = segment.translations["km"]
        for span in segment.spans:
            if span.kind == "code":
                assert span.text in km.text or f"missing code: {span.text}" in km.flags, (km.text, km.flags)


def test_a_model_name_is_drafted_by_the_pipeline_of_one_model(filled: Project, pool: EnginePool) -> None:
    drafter = drafter_for("tiny-nllb", pool, "vi", "km", FAST)
    assert isinstance(drafter, EngineDrafter) and drafter.model == "tiny-nllb"


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (
            "vi-en-km:opus-mt-vi-en-tiny+nllb-200-distilled-600M",
            "needs nllb-200-distilled-600M for en->km, which is not installed",
        ),
        ("vi-en-km:gone+tiny-nllb", "needs gone for vi->en, which is not installed"),
        ("vi-en-km:opus-mt-vi-en-tiny+opus-mt-vi-en-tiny", "cannot use opus-mt-vi-en-tiny for en->km"),
        ("en-vi-km:tiny-nllb+tiny-nllb", "starts from en, but the source language is vi"),
        ("vi-km-en:tiny-nllb+tiny-nllb", "ends in en, so it cannot translate into km"),
        ("vi-en-km:tiny-nllb", "needs one model per hop"),
        ("vi-en-km:tiny-nllb+", "needs one model per hop"),
        ("vi-km:tiny-nllb", "has one hop"),
        ("vi_en_km:tiny-nllb+tiny-nllb", "is not a route of languages"),
        ("vi-vi-km:tiny-nllb+tiny-nllb", "translates a language into itself"),
    ],
)
def test_a_bad_route_is_refused_before_anything_loads(pool: EnginePool, choice: str, message: str) -> None:
    with pytest.raises(WorkbenchError, match=message):
        drafter_for(choice, pool, "vi", "km", FAST)
    assert not pool._engines


def test_a_missing_hop_model_is_a_missing_model(pool: EnginePool) -> None:
    with pytest.raises(NoModel):
        drafter_for("vi-en-km:opus-mt-vi-en-tiny+nllb-200-distilled-600M", pool, "vi", "km", FAST)


def test_each_hop_brings_its_licence(pool: EnginePool) -> None:
    assert licences("vi-en-km:opus-mt-vi-en-tiny+nllb-200-distilled-600M", pool.store) == [
        ("opus-mt-vi-en-tiny", "unknown: check the model's own licence"),
        ("nllb-200-distilled-600M", "CC-BY-NC-4.0"),
    ]


class Recorder:
    """A progress that records every report and asks to stop once `stop_after` batches were saved."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.reports: list[tuple[int, int]] = []
        self.saved = 0
        self.stop_after = stop_after

    def report(self, done: int, total: int, message: str = "") -> None:
        self.reports.append((done, total))

    def is_cancelled(self) -> bool:
        return self.stop_after is not None and self.saved >= self.stop_after


def test_progress_counts_the_work_of_both_hops(filled: Project, pool: EnginePool) -> None:
    drafter = drafter_for(ROUTE, pool, "vi", "km", FAST)
    plan = plan_pretranslation(filled, "km", drafter.model, FAST.cache_key())
    progress = Recorder()
    run_pretranslation(plan, drafter, lambda p, model, batch: save_batch(filled, p, model, batch), progress)
    segments = len(SOURCES)
    assert progress.reports[0] == (0, 2 * segments) and progress.reports[-1] == (2 * segments, 2 * segments)
    done = [d for d, _total in progress.reports]
    assert done == sorted(done) and len(set(done)) > 3  # it moves batch by batch, on both hops
    assert {total for _done, total in progress.reports} == {2 * segments}


def test_a_cancelled_route_keeps_its_finished_batches_and_resumes(filled: Project, pool: EnginePool) -> None:
    drafter = drafter_for(ROUTE, pool, "vi", "km", FAST)
    plan = plan_pretranslation(filled, "km", drafter.model, FAST.cache_key())
    progress = Recorder(stop_after=1)

    def save(p, model, batch):  # type: ignore[no-untyped-def]
        progress.saved += 1
        return save_batch(filled, p, model, batch)

    with pytest.raises(Cancelled):
        run_pretranslation(plan, drafter, save, progress)
    drafted = [s.id for s in filled.segments() if s.translations["km"].status is Status.DRAFT]
    assert 0 < len(drafted) < len(SOURCES)
    rest = pretranslate(filled, pool, ROUTE)
    assert rest.translated == len(SOURCES) - len(drafted)
    assert all(s.translations["km"].origin_detail == ROUTE for s in filled.segments())


def test_a_segment_asked_for_now_during_a_route_goes_through_both_hops(pool: EnginePool) -> None:
    first, second = recording(pool, "opus-mt-vi-en-tiny"), recording(pool, "tiny-nllb")
    urgent = UrgentRequests()
    drafter = drafter_for(ROUTE, pool, "vi", "km", FAST, urgent)
    units = [Unit(s, (i,), tuple(find_protected_spans(s))) for i, s in enumerate(dict.fromkeys(SOURCES))]
    asked = Unit("Chỉ thị 25/CT-TTg được ban hành.", (99,), tuple(find_protected_spans("Chỉ thị 25/CT-TTg")))
    batches = drafter.drafts(units, "km", Recorder())
    next(batches)
    assert urgent.serving
    answer = urgent.submit(asked)
    seen_before = len(second.seen)
    rest = list(batches)
    assert answer.done() and rest and not urgent.serving
    draft = answer.result()
    assert draft.unit == asked
    # the first hop read the segment; the second hop read the first hop's draft of it
    assert asked.source in first.seen
    pivot = translate_units([asked], pool.for_model("opus-mt-vi-en-tiny").engine, "vi", "en", FAST.for_urgent())
    expected = next(pivot)[0].text
    assert expected in second.seen[seen_before:]


def test_with_engines_decoding_two_calls_at_once_a_segment_asked_for_now_is_answered_mid_job(
    pool: EnginePool,
) -> None:
    first, second = recording(pool, "opus-mt-vi-en-tiny", 2), recording(pool, "tiny-nllb", 2)
    threads: list[str] = []
    second.on_batch = lambda: threads.append(threading.current_thread().name)
    urgent = UrgentRequests()
    drafter = drafter_for(ROUTE, pool, "vi", "km", FAST, urgent)
    units = [Unit(s, (i,), tuple(find_protected_spans(s))) for i, s in enumerate(dict.fromkeys(SOURCES))]
    batches = drafter.drafts(units, "km", Recorder())
    next(batches)  # the job waits between two batches: only the lane can answer now
    answer = urgent.submit(Unit("Chợ nổi Cái Răng rất đông.", (99,), ()))
    draft = answer.result(timeout=60)
    assert draft.unit.segment_ids == (99,)
    assert "Chợ nổi Cái Răng rất đông." in first.seen and "urgent-route-translation" in threads
    assert len(list(batches)) >= 1 and not urgent.serving


def test_a_model_serving_a_language_and_a_route_hop_is_loaded_once(pool: EnginePool) -> None:
    english = drafter_for("opus-mt-vi-en-tiny", pool, "vi", "en", FAST)
    khmer = drafter_for(ROUTE, pool, "vi", "km", FAST)
    assert isinstance(english, EngineDrafter) and isinstance(khmer, RouteDrafter)
    assert khmer.hops[0].engine is english.engine
    assert khmer.hops[1].engine is drafter_for("tiny-nllb", pool, "vi", "km", FAST).engine  # type: ignore[attr-defined]
    assert len(pool._engines) == 2


def test_a_khmer_draft_ends_as_the_vietnamese_sentence_did_whatever_the_pivot_did(
    filled: Project, pool: EnginePool
) -> None:
    pretranslate(filled, pool, ROUTE)
    for segment in filled.segments():
        km = segment.translations["km"].text
        assert km and km.endswith("។"), (segment.source, km)  # every source here ends with a full stop


def test_the_choice_of_a_model_or_route_follows_the_command_line_then_the_settings(pool: EnginePool) -> None:
    store = pool.store
    settings = Settings(mt_models={"en": "opus-mt-vi-en-tiny", "km": ROUTE})
    assert choose(store, settings, "km", "vi") == ROUTE  # the settings' route
    assert choose(store, settings, "km", "vi", {"km": "tiny-nllb"}) == "tiny-nllb"  # --model km=NAME wins
    assert choose(store, settings, "km", "vi", every="tiny-nllb") == "tiny-nllb"  # so does a bare --model NAME
    # --route vi-en-km: the hop into English is the settings' choice for English, the hop into Khmer the
    # settings' route's last hop, unless the command line names them
    assert choose(store, settings, "km", "vi", route="vi-en-km") == ROUTE
    assert choose(store, Settings(), "km", "vi", {"en": "tiny-nllb", "km": "tiny-nllb"}, route="vi-en-km") == (
        "vi-en-km:tiny-nllb+tiny-nllb"
    )
    # no model named for en->km: the catalogue's default for the hop (MADLAD-400, freely licensed), named when missing
    with pytest.raises(NoModel, match="the route vi-en-km needs madlad400-3b-mt for en->km, which is not installed"):
        choose(store, Settings(), "km", "vi", {"en": "opus-mt-vi-en-tiny"}, route="vi-en-km")


def test_the_window_is_pointed_to_the_model_manager_not_to_a_command_line_option(pool: EnginePool) -> None:
    with pytest.raises(NoModel, match="choose another in the model manager") as raised:
        choose(pool.store, Settings(mt_models={"km": "vi-en-km:opus-mt-vi-en-tiny+gone"}), "km", "vi", option="")
    assert "--model" not in str(raised.value)
