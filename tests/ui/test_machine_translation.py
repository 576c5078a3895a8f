"""Drafts from a real (tiny) model in the window: pre-translation in the background with progress and
Cancel, the grid filling in, "this segment now", suggestions inserted with Ctrl+1, and a clear offer
when no model is installed. The model's output is meaningless; the tests check where it goes."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.draft_store import cached_drafts
from workbench.mt import routes
from workbench.mt.engine import DecodingOptions
from workbench.mt.model_store import ModelStore
from workbench.mt.pipeline import EngineDrafter, TranslateOptions

JOB_TIMEOUT_MS = 120_000


def test_pretranslating_the_document_fills_both_languages_in_the_background(
    qtbot, open_window, tiny_models: Settings
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    window.documents.select_document(window.project.documents()[0].id)
    progress: list[tuple[int, int]] = []
    window.mt.progressed.connect(lambda _job, done, total: progress.append((done, total)))
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        job = window.start_pretranslation(window.documents.current_document(), None)
        assert job is not None and job.total == 6  # 3 segments x 2 languages
        assert window.cancel_button.isVisible() and window.job_progress.isVisible()
    assert ended.args[1] == "done", ended.args
    assert progress[-1] == (6, 6)
    for segment in window.project.segments():
        for language in ("en", "km"):
            draft = segment.translations[language]
            assert (draft.status, draft.origin, draft.origin_detail) == (Status.DRAFT, Origin.MT, "tiny-nllb")
    shown = window.model.data(window.model.index(0, 2))
    assert shown == window.project.segment(window.model.segment_id(0)).translations["en"].text
    assert window.model.data(window.model.index(0, 2), Qt.ItemDataRole.FontRole).italic()  # MT looks different
    assert not window.cancel_button.isVisible()
    window.close()


class _HeldWorker:
    """Holds a job's worker right after it has handed over its first batch, until released: the worker
    decodes through a stand-in drafter, the real one, which waits on an event before the next batch."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.first_batch_out, self.release = threading.Event(), threading.Event()
        held = self

        class HeldDrafter(EngineDrafter):
            def drafts(self, units, language, progress):  # type: ignore[no-untyped-def]
                batches = EngineDrafter.drafts(self, units, language, progress)
                try:
                    for batch in batches:
                        yield batch  # the use case hands the batch over before it asks for the next
                        if not held.first_batch_out.is_set():
                            held.first_batch_out.set()
                            held.release.wait(30)
                finally:
                    batches.close()

        monkeypatch.setattr(routes, "EngineDrafter", HeldDrafter)  # what the window's job drafts with


def test_cancel_stops_between_batches_and_keeps_what_was_drafted(
    qtbot, open_window, tiny_models: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    # The worker is held right after its first batch until Cancel has been clicked, so the job cannot
    # finish first: what is drafted is that batch and nothing after it.
    held = _HeldWorker(monkeypatch)
    handed_over: list[tuple[str, tuple[int, ...]]] = []
    window.mt.drafts_ready.connect(
        lambda _job, language, _model, drafts: handed_over.extend((language, d.unit.segment_ids) for d in drafts)
    )
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        job = window.start_pretranslation(None, None)
        assert job is not None and job.total == 6
        qtbot.waitUntil(held.first_batch_out.is_set, timeout=JOB_TIMEOUT_MS)
        window.cancel_button.click()
        held.release.set()
    assert ended.args[1] == "cancelled", ended.args
    assert "cancelled" in window.statusBar().currentMessage()
    expected = {(language, i) for language, ids in handed_over for i in ids}
    drafted = {
        (language, s.id)
        for s in window.project.segments()
        for language, t in s.translations.items()
        if t is not None and t.text
    }
    assert expected and drafted == expected  # the first batch is kept, nothing after it was drafted
    assert len(drafted) < job.total
    for language, segment_id in drafted:
        draft = window.project.segment(segment_id).translations[language]
        assert (draft.status, draft.origin) == (Status.DRAFT, Origin.MT)
    assert not window.mt.busy and not window.cancel_button.isVisible()
    window.close()


def test_a_job_decodes_every_language_with_the_model_it_planned_with(
    qtbot, open_window, tiny, tiny_models: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    ModelStore(Path(os.environ["WORKBENCH_MODELS_DIR"])).install(tiny.nllb_ct2_int8, name="tiny-nllb-other")
    window = open_window(settings=tiny_models)  # both languages choose tiny-nllb
    held = _HeldWorker(monkeypatch)
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        job = window.start_pretranslation(None, None)
        assert job is not None and [plan.model for plan in job.plans] == ["tiny-nllb", "tiny-nllb"]
        qtbot.waitUntil(held.first_batch_out.is_set, timeout=JOB_TIMEOUT_MS)
        # while English decodes, the translator chooses another model for Khmer in the settings
        changed = replace(window.settings, mt_models={"en": "tiny-nllb", "km": "tiny-nllb-other"})
        window.context.update_settings(changed, save=False)
        window.apply_settings()
        held.release.set()
    assert ended.args[1] == "done", ended.args
    options = TranslateOptions(DecodingOptions(beam_size=1), khmer_digits=False).cache_key()
    sources = [s.source for s in window.project.segments()]
    for language in ("en", "km"):
        assert cached_drafts(window.project, "tiny-nllb", options, language, sources).keys() == set(sources)
        assert cached_drafts(window.project, "tiny-nllb-other", options, language, sources) == {}
        for segment in window.project.segments():
            draft = segment.translations[language]
            assert (draft.status, draft.origin, draft.origin_detail) == (Status.DRAFT, Origin.MT, "tiny-nllb")
    window.close()


def test_a_job_files_its_drafts_under_the_options_it_started_with(qtbot, open_window, tiny_models: Settings) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)  # beam 1, Arabic digits
    started_with = TranslateOptions(DecodingOptions(beam_size=1), khmer_digits=False).cache_key()
    changed_to = TranslateOptions(DecodingOptions(beam_size=4), khmer_digits=True).cache_key()
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        job = window.mt.start(["en", "km"], None)
        # the translator changes the settings while the job runs; its batches are saved after this
        window.mt.settings = replace(window.mt.settings, beam_size=4, khmer_digits=True)
    assert ended.args[1] == "done", ended.args
    assert job.total == 6
    sources = [s.source for s in window.project.segments()]
    for language in ("en", "km"):
        assert cached_drafts(window.project, "tiny-nllb", started_with, language, sources).keys() == set(sources)
        assert cached_drafts(window.project, "tiny-nllb", changed_to, language, sources) == {}
        for segment in window.project.segments():
            draft = segment.translations[language]
            assert (draft.status, draft.origin, draft.origin_detail) == (Status.DRAFT, Origin.MT, "tiny-nllb")
    window.close()


def test_a_segment_asked_for_now_is_cached_under_the_options_it_was_asked_with(
    qtbot, open_window, tiny_models: Settings
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    segment = window.project.segment(window.model.ids[0])
    asked_with = TranslateOptions(DecodingOptions(beam_size=1), khmer_digits=False).for_urgent().cache_key()
    changed_to = TranslateOptions(DecodingOptions(beam_size=1), khmer_digits=True).for_urgent().cache_key()
    with qtbot.waitSignal(window.mt.saved, timeout=JOB_TIMEOUT_MS) as saved:
        assert window.mt.translate_now(segment, "km")
        window.mt.settings = replace(window.mt.settings, khmer_digits=True)
    assert saved.args[0] == [segment.id]
    assert cached_drafts(window.project, "tiny-nllb", asked_with, "km", [segment.source]).keys() == {segment.source}
    assert cached_drafts(window.project, "tiny-nllb", changed_to, "km", [segment.source]) == {}
    window.close()


def test_translate_now_and_insert_the_suggestion_with_ctrl_1(qtbot, open_window, tiny_models: Settings) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    ids = window.model.ids
    window.project.save_translation(ids[0], "en", "My own words.", Status.TRANSLATED, Origin.HUMAN, "an")
    window.grid.setCurrentIndex(window.model.index(0, 2))
    with qtbot.waitSignal(window.mt.saved, timeout=JOB_TIMEOUT_MS):
        qtbot.keyClick(window.grid, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    # a translated segment keeps the person's text; the fresh draft is offered as a suggestion
    assert window.project.segment(ids[0]).translations["en"].text == "My own words."
    qtbot.waitUntil(lambda: bool(window.side_panel.suggestions), timeout=3000)
    suggestions = window.side_panel.suggestions
    assert suggestions[0].kind == "tm" and suggestions[0].text == "My own words."  # memory first
    number = next(i for i, s in enumerate(suggestions, start=1) if s.kind == "mt")
    suggestion = suggestions[number - 1]
    assert suggestion.origin == "tiny-nllb"
    assert "tiny-nllb" in window.side_panel.suggestion_list.item(number - 1).text()
    qtbot.keyClick(window.grid, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    editor = window.delegate.open_editor
    assert editor is not None and editor.toPlainText() == suggestion.text
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    confirmed = window.project.segment(ids[0]).translations["en"]
    assert confirmed.text == suggestion.text and confirmed.status is Status.TRANSLATED
    window.close()


def test_the_segment_under_the_cursor_jumps_the_queue(qtbot, open_window, tiny_models: Settings) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=tiny_models)
    ids = window.model.ids
    served: list[int] = []
    window.mt.segment_ready.connect(lambda segment_id, *_: served.append(segment_id))
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS):
        window.start_pretranslation(None, None)
        window.grid.setCurrentIndex(window.model.index(2, 3))
    qtbot.waitUntil(lambda: ids[2] in served, timeout=10_000)
    assert window.project.segment(ids[2]).translations["km"].status is Status.DRAFT
    window.close()


def test_without_a_model_the_window_says_which_and_offers_the_model_manager(
    qtbot, open_window, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "no-models"))
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    window = open_window()
    assert window.start_pretranslation(None, None) is None
    assert "no model for vi->en" in asked[0] and "Open the model manager?" in asked[0]
    assert not window.mt.busy
    window.close()


def test_the_side_panel_offers_memory_matches_glossary_terms_and_live_checks(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    from workbench.core.memory.glossary import Term, add_term

    window = open_window()
    ids = window.model.ids
    add_term(window.project, Term("Núi Cấm", {"en": "Cam Mountain"}))
    window.qa_context = type(window.qa_context).load(window.project)
    window.grid.setCurrentIndex(window.model.index(0, 2))
    editor = window.open_editor()
    qtbot.keyClicks(editor, "Mount Cam is a famous destination")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # the same source elsewhere gets the confirmed text as a 100 % memory match, first in the list
    matches = window.memories.lookup(window.project.segment(ids[0]).source, "en")
    assert matches[0].score == 100 and matches[0].unit.target == "Mount Cam is a famous destination"
    assert window.memories.shared is not None and window.memories.shared.lookup(
        window.project.segment(ids[0]).source, "en"
    )
    window.grid.setCurrentIndex(window.model.index(0, 2))
    panel = window.side_panel
    assert panel.suggestions[0].kind == "tm" and panel.suggestions[0].score == 100
    assert "Cam Mountain" in panel.glossary_list.item(0).text()
    checks = [panel.check_list.item(i).text() for i in range(panel.check_list.count())]
    assert any("term-not-used" in c for c in checks) and any("end-punctuation" in c for c in checks)
    window.close()
