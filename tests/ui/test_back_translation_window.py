"""The window back-translates the drafts in the background after a pre-translation, shows the pass like the job
(progress, cancel), answers "this segment now" first while it runs, and says once when no model can do it."""

from __future__ import annotations

import threading
from dataclasses import replace

from PySide6.QtCore import QThreadPool

from workbench.core.settings import Settings
from workbench.core.store.draft_notes import notes_for
from workbench.mt.model_store import ModelStore

TIMEOUT_MS = 120_000


class GatedEngine:
    """The real engine; its back-translations (into vi) wait for the gate, its drafts do not."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.engine = engine
        self.model_name = engine.model_name
        self.family = engine.family
        self.max_input_tokens = engine.max_input_tokens
        self.parallel_calls = engine.parallel_calls
        self.gate = threading.Event()
        self.waiting = threading.Event()

    def count_tokens(self, text: str) -> int:
        return int(self.engine.count_tokens(text))

    def translate_batch(self, texts, source, target, options):  # type: ignore[no-untyped-def]
        if target == "vi":
            self.waiting.set()
            assert self.gate.wait(60)
        return list(self.engine.translate_batch(texts, source, target, options))


def test_after_a_pretranslation_every_draft_gets_its_back_translation(
    qtbot, open_window, tiny_models: Settings
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    with qtbot.waitSignal(window.mt.back.ended, timeout=TIMEOUT_MS) as ended:
        window.start_pretranslation(None, None)
        qtbot.waitUntil(lambda: window.mt.back.busy, timeout=TIMEOUT_MS)
        assert window.cancel_button.isVisible()  # the pass shows in the status bar as the job does
        assert "Back-translating" in window.translate.job_label.text()
    assert ended.args[1] == "done"
    for language in ("en", "km"):
        notes = notes_for(window.project, language)
        assert len(notes) == len(window.model.ids)
        assert all(n.back_translation is not None and n.back_model == "tiny-nllb" for n in notes.values())
    assert not window.cancel_button.isVisible()
    window.close()


def test_the_setting_off_means_no_back_translations(qtbot, open_window, tiny_models: Settings) -> None:  # type: ignore[no-untyped-def]
    tiny_models.back_translate = False
    window = open_window(settings=tiny_models)
    with qtbot.waitSignal(window.mt.job_ended, timeout=TIMEOUT_MS):
        window.start_pretranslation(None, None)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)
    assert not window.mt.back.busy
    assert all(n.back_translation is None for n in notes_for(window.project, "en").values())
    window.close()


def test_a_segment_asked_for_now_during_the_pass_is_answered_before_it_ends(
    qtbot, open_window, tiny_models: Settings
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    pool = window.mt.engines
    loaded = pool.for_model("tiny-nllb")
    gated = GatedEngine(loaded.engine)
    pool._engines[loaded.model.name] = replace(loaded, engine=gated)
    first, *others = window.model.ids
    with qtbot.waitSignal(window.mt.job_ended, timeout=TIMEOUT_MS):
        window.mt.start(["km"], None, others)  # the first segment is left untranslated
    qtbot.waitUntil(gated.waiting.is_set, timeout=TIMEOUT_MS)  # the pass is decoding a batch of back-translations
    assert window.mt.back.busy
    segment = window.project.segment(first)
    with qtbot.waitSignal(window.mt.segment_ready, timeout=TIMEOUT_MS) as answered:
        assert window.mt.translate_now(segment, "km")
    assert answered.args[:2] == [first, "km"]
    assert window.mt.back.busy  # answered while the back-translations were held
    assert window.project.segment(first).translations["km"].text
    with qtbot.waitSignal(window.mt.back.ended, timeout=TIMEOUT_MS) as ended:
        gated.gate.set()
    assert ended.args[1] == "done"
    # the segment drafted now gets its back-translation in a pass of its own, after
    qtbot.waitUntil(lambda: notes_for(window.project, "km")[first].back_translation is not None, timeout=TIMEOUT_MS)
    assert all(n.back_translation is not None for n in notes_for(window.project, "km").values())
    window.close()


def test_no_model_into_vietnamese_is_one_status_message_and_the_drafts_stay(
    qtbot, open_window, tiny, tmp_path_factory, monkeypatch, shown_errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("models")
    ModelStore(folder).install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")  # vi->en only: it cannot go back
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(folder))
    settings = Settings.load()
    settings.mt_models = {"en": "opus-mt-vi-en-tiny"}
    settings.beam_size = 1
    settings.save()
    window = open_window(settings=settings)
    with qtbot.waitSignal(window.mt.back.unavailable, timeout=TIMEOUT_MS) as said:
        window.mt.start(["en"], None)
    assert "no installed model translates en into vi" in said.args[0]
    assert "no installed model translates en into vi" in window.statusBar().currentMessage()
    assert shown_errors == []
    segments = window.project.segments()
    assert all(s.translations["en"].status == "draft" for s in segments)
    assert all(n.back_translation is None for n in notes_for(window.project, "en").values())
    window.close()


def test_a_back_translation_model_beside_the_drafting_one_gives_a_second_opinion_in_the_side_panel(
    qtbot, open_window, tiny, tmp_path_factory, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("models")
    store = ModelStore(folder)
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")  # drafts English, cannot go back
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb")  # back-translates, and drafts English too
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(folder))
    settings = Settings.load()
    settings.mt_models = {"en": "opus-mt-vi-en-tiny", "km": "tiny-nllb"}
    settings.beam_size = 1
    settings.save()
    window = open_window(settings=settings)
    with qtbot.waitSignal(window.mt.back.ended, timeout=TIMEOUT_MS) as ended:
        window.mt.start(["en"], None)
    assert ended.args[1] == "done"
    project = window.project
    sources = {s.source for s in project.segments() if s.translatable and s.source.strip()}
    rows = project.connection.execute("SELECT model, source, text FROM mt_cache WHERE language = 'en'").fetchall()
    assert {r["source"] for r in rows if r["model"] == "tiny-nllb"} == sources  # a second opinion on every source
    notes = notes_for(project, "en")
    assert notes and all(n.model == "opus-mt-vi-en-tiny" and n.back_model == "tiny-nllb" for n in notes.values())
    assert all(isinstance(n.signals.get("agreement"), float) for n in notes.values())
    segment = project.segment(window.model.ids[0])
    assert segment.translations["en"].origin_detail == "opus-mt-vi-en-tiny"  # the cell keeps the drafting model's
    window.grid.setCurrentIndex(window.model.index(0, 2))
    offered = {r["text"] for r in rows if r["source"] == segment.source}  # both models' drafts (one if the same)
    qtbot.waitUntil(lambda: {s.text for s in window.side_panel.suggestions if s.kind == "mt"} == offered, timeout=5000)
    window.close()
