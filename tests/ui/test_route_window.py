"""The window translates with a route when the settings choose one: the pre-translation job drafts through both
hops, Ctrl+M asks for one segment through the route, and a route whose hop is missing offers the model manager."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.mt.model_store import ModelStore

JOB_TIMEOUT_MS = 120_000
ROUTE = "vi-en-km:opus-mt-vi-en-tiny+tiny-nllb"


@pytest.fixture
def route_settings(tiny, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Settings:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("models")
    store = ModelStore(folder)
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb")
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(folder))
    settings = Settings.load()
    settings.mt_models = {"en": "opus-mt-vi-en-tiny", "km": ROUTE}
    settings.beam_size = 1
    settings.save()
    return settings


def test_the_windows_pre_translation_drafts_through_the_route_of_the_settings(
    qtbot, open_window, route_settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=route_settings)
    loading: list[str] = []
    progress: list[tuple[int, int]] = []
    window.mt.model_loading.connect(lambda _job, model: loading.append(model))
    window.mt.progressed.connect(lambda _job, done, total: progress.append((done, total)))
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        job = window.mt.start(["km"], None)
    assert ended.args == [job.id, "done", ""]
    assert loading == [ROUTE]
    for segment in window.project.segments():
        km = segment.translations["km"]
        assert (km.status, km.origin, km.origin_detail) == (Status.DRAFT, Origin.MT, ROUTE), segment.source
    assert progress and progress[-1][0] == progress[-1][1] == job.total
    window.close()


def test_ctrl_m_translates_the_segment_through_the_route(qtbot, open_window, route_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=route_settings)
    ids = window.model.ids
    ready: list[str] = []
    window.mt.segment_ready.connect(lambda _segment, _language, model, _draft: ready.append(model))
    window.grid.setCurrentIndex(window.model.index(0, 3))
    with qtbot.waitSignal(window.mt.saved, timeout=JOB_TIMEOUT_MS):
        qtbot.keyClick(window.grid, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert ready == [ROUTE]
    km = window.project.segment(ids[0]).translations["km"]
    assert (km.status, km.origin_detail) == (Status.DRAFT, ROUTE)
    window.close()


def test_a_route_whose_second_hop_is_missing_offers_the_model_manager_and_drafts_nothing(
    qtbot, open_window, route_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    route_settings.mt_models = {"en": "opus-mt-vi-en-tiny", "km": "vi-en-km:opus-mt-vi-en-tiny+nllb-200-distilled-600M"}
    asked: list[str] = []

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    window = open_window(settings=route_settings)
    assert window.start_pretranslation(None, None) is None
    assert asked and "needs nllb-200-distilled-600M for en->km, which is not installed" in asked[0]
    assert all(s.translations["en"].status is Status.UNTRANSLATED for s in window.project.segments())
    assert all(s.translations["km"].status is Status.UNTRANSLATED for s in window.project.segments())
    assert not window.mt.busy
    window.close()
