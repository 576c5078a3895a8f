"""The model manager and the settings with pivot routes, measured scores and the evaluation dialog.

Tiny real models installed under the catalogue's names, so each has its catalogue licence: the Marian one
as opus-mt-vi-en (Apache-2.0, vi->en only), the NLLB one as nllb-200-distilled-600M (CC-BY-NC-4.0)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workbench.context import AppContext
from workbench.core.settings import Settings
from workbench.mt.evaluation_store import EvaluationResult, append_result
from workbench.mt.model_store import ModelStore
from workbench.ui.evaluation_dialog import EvaluationDialog
from workbench.ui.model_manager import SCORE_COLUMN, ModelManagerDialog
from workbench.ui.route_editor import RouteDialog
from workbench.ui.settings_dialog import SettingsDialog

ROUTE = "vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M"
ROUTE_SHOWN = "vi-en-km: opus-mt-vi-en → nllb-200-distilled-600M (Apache-2.0 + CC-BY-NC-4.0)"
MEASURED_VI_EN, PUBLISHED_VI_KM, MEASURED_VI_KM = SCORE_COLUMN + 1, SCORE_COLUMN + 2, SCORE_COLUMN + 3


@pytest.fixture
def store(tiny, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> ModelStore:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("models")
    installed = ModelStore(folder)
    installed.install(tiny.marian_ct2, name="opus-mt-vi-en")
    installed.install(tiny.nllb_ct2_int8, name="nllb-200-distilled-600M")
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(folder))  # AppContext.load() finds the same models
    return installed


def result(
    candidate: str, direction: str, chrf: float, segments: int = 40, date: str = "2026-11-30T10:00:00",
    reference: str = "office.tmx",
) -> EvaluationResult:  # fmt: skip
    metric = "chrF" if direction.endswith("km") else "chrF++"
    return EvaluationResult(
        candidate=candidate, direction=direction, reference=reference, segments=segments, chrf=chrf,
        chrf_name=metric, bleu=12.5, bleu_name="BLEU", signature="nrefs:1", date=date, tokens_per_second=90.0,
        peak_mb=300.0, reference_size=segments * 2,
    )  # fmt: skip


def row_of(dialog: ModelManagerDialog, name: str) -> int:
    return next(i for i, row in enumerate(dialog.model.rows) if row[0] == name)


def tip(dialog: ModelManagerDialog, row: int, column: int) -> str:
    return str(dialog.model.data(dialog.model.index(row, column), Qt.ItemDataRole.ToolTipRole))


def make_route(monkeypatch: pytest.MonkeyPatch, pivot: str, first: str, second: str) -> list[list[str]]:
    """Route dialogs answered by picking these; the models each hop offered are recorded."""
    offered: list[list[str]] = []

    def pick(dialog: RouteDialog) -> int:
        dialog.pivot.setCurrentIndex(dialog.pivot.findData(pivot))
        for combo in (dialog.first, dialog.second):
            offered.append([str(combo.itemData(i)) for i in range(combo.count())])
        dialog.first.setCurrentIndex(dialog.first.findData(first))
        dialog.second.setCurrentIndex(dialog.second.findData(second))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(RouteDialog, "exec", pick)
    return offered


def test_a_route_made_in_the_manager_is_chosen_saved_and_listed_with_both_licences(
    qtbot, store: ModelStore, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = ModelManagerDialog(store, Settings.load(), ["en", "km"])
    qtbot.addWidget(dialog)
    offered = make_route(monkeypatch, "en", "opus-mt-vi-en", "nllb-200-distilled-600M")
    dialog.route_button.click()
    # each hop offers only the installed models serving it: opus-mt translates vi->en, never en->km
    assert offered == [["nllb-200-distilled-600M", "opus-mt-vi-en"], ["nllb-200-distilled-600M"]]
    assert Settings.load().mt_models == {"km": ROUTE}
    combo = dialog.choices["km"]
    assert combo.currentData() == ROUTE and combo.currentText() == ROUTE_SHOWN
    assert dialog.choices["en"].findData(ROUTE) < 0  # a route into Khmer is no choice for English
    assert combo.findData("opus-mt-vi-en") < 0 and dialog.choices["en"].findData("opus-mt-vi-en") > 0
    route_row = dialog.model.rows[row_of(dialog, "vi-en-km: opus-mt-vi-en → nllb-200-distilled-600M")]
    assert route_row[1:3] == ["vi-km", "Apache-2.0 + CC-BY-NC-4.0"]

    # another choice replaces it; opened again, the manager shows what the settings hold
    combo.setCurrentIndex(combo.findData("nllb-200-distilled-600M"))
    combo.activated.emit(combo.currentIndex())
    assert Settings.load().mt_models == {"km": "nllb-200-distilled-600M"}
    saved = replace(Settings.load(), mt_models={"en": "opus-mt-vi-en", "km": ROUTE})
    saved.save()
    reopened = ModelManagerDialog(store, Settings.load(), ["en", "km"])
    qtbot.addWidget(reopened)
    assert reopened.choices["km"].currentText() == ROUTE_SHOWN
    assert reopened.choices["en"].currentText() == "opus-mt-vi-en (Apache-2.0)"


def test_a_route_whose_hop_is_gone_is_shown_missing_and_no_route_without_a_model_for_a_hop(
    qtbot, store: ModelStore, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    settings = replace(Settings.load(), mt_models={"km": "vi-en-km:opus-mt-vi-en+madlad400-3b-mt"})
    dialog = ModelManagerDialog(store, settings, ["en", "km"])
    qtbot.addWidget(dialog)
    row = dialog.model.rows[row_of(dialog, "vi-en-km: opus-mt-vi-en → madlad400-3b-mt")]
    assert row[2] == "Apache-2.0 + Apache-2.0" and "missing: madlad400-3b-mt" in row
    offered = RouteDialog(store, ["en", "km"], "km")
    qtbot.addWidget(offered)
    assert (offered.pivot.currentData(), offered.first.currentData(), offered.second.currentData()) == (
        "en", "opus-mt-vi-en", "nllb-200-distilled-600M",
    )  # fmt: skip
    assert offered.licences.text() == "Apache-2.0 + CC-BY-NC-4.0"
    wrong = ModelManagerDialog(store, replace(settings, mt_models={"km": "opus-mt-vi-en"}), ["km"])
    qtbot.addWidget(wrong)
    assert wrong.choices["km"].currentText() == "opus-mt-vi-en (does not translate into km)"
    hand_edited = replace(settings, mt_models={"km": "vi-km:nllb-200-distilled-600M"})  # one hop: no route
    broken = ModelManagerDialog(store, hand_edited, ["en", "km"])
    qtbot.addWidget(broken)
    assert broken.choices["km"].currentText() == "vi-km:nllb-200-distilled-600M (not a route that can be read)"
    shown = SettingsDialog(hand_edited, store=store, languages=["km"])
    qtbot.addWidget(shown)
    assert "has one hop" in shown.mt_choices["km"].text()
    store.remove("nllb-200-distilled-600M")
    route = RouteDialog(store, ["en", "km"], "km")
    qtbot.addWidget(route)
    route.pivot.setCurrentIndex(route.pivot.findData("en"))
    assert route.second.count() == 0 and "en->km" in route.problem.text()
    assert not route.buttons.button(route.buttons.StandardButton.Ok).isEnabled()


def test_measured_scores_stand_beside_the_published_ones(qtbot, store: ModelStore) -> None:  # type: ignore[no-untyped-def]
    append_result(result("nllb-200-distilled-600M", "vi-km", 28.44, segments=40))
    append_result(result("nllb-200-distilled-600M", "vi-km", 31.0, 12, "2026-12-01T09:00:00", "project p.wbp"))
    append_result(result("opus-mt-vi-en", "vi-en", 47.5))
    append_result(result("vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M", "vi-km", 30.1))
    dialog = ModelManagerDialog(store, Settings.load(), ["en", "km"])
    qtbot.addWidget(dialog)
    nllb = row_of(dialog, "nllb-200-distilled-600M")
    assert dialog.model.rows[nllb][PUBLISHED_VI_KM] == "33.0 chrF"
    assert "FLORES-200 devtest" in tip(dialog, nllb, PUBLISHED_VI_KM)
    assert "https://" in tip(dialog, nllb, PUBLISHED_VI_KM)
    # of two reference sets, the larger one's figure; its tooltip says on what, how many, when
    assert dialog.model.rows[nllb][MEASURED_VI_KM] == "28.4 chrF"
    assert all(part in tip(dialog, nllb, MEASURED_VI_KM) for part in ("office.tmx", "40 of 80", "2026-11-30"))
    opus = row_of(dialog, "opus-mt-vi-en")
    assert dialog.model.rows[opus][MEASURED_VI_EN] == "47.5 chrF++"
    assert dialog.model.rows[opus][SCORE_COLUMN] == "—"  # no FLORES-200 figure published for these weights
    assert "Tatoeba" in tip(dialog, opus, SCORE_COLUMN)
    # a measured route is listed (and choosable) though no setting names it
    route = row_of(dialog, "vi-en-km: opus-mt-vi-en → nllb-200-distilled-600M")
    assert dialog.model.rows[route][MEASURED_VI_KM] == "30.1 chrF"
    assert dialog.choices["km"].findData(ROUTE) >= 0


def test_evaluate_opens_the_measuring_dialog_whose_choice_and_results_show_on_return(
    qtbot, store: ModelStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    context = AppContext.load()
    manager = ModelManagerDialog(
        store, context.settings, ["en", "km"], update_settings=context.update_settings, context=context,
        project=tmp_path / "p.wbp",
    )  # fmt: skip
    qtbot.addWidget(manager)
    opened: list[EvaluationDialog] = []

    def measure_then_use(dialog: EvaluationDialog) -> int:
        opened.append(dialog)
        append_result(result("nllb-200-distilled-600M", "vi-km", 29.9))  # as a finished run keeps it
        dialog.language.setCurrentIndex(dialog.language.findData("km"))
        dialog.table.selectRow(0)
        dialog.use_button.click()
        return 0

    monkeypatch.setattr(EvaluationDialog, "exec", measure_then_use)
    assert manager.evaluate_button.isEnabled()
    manager.evaluate_button.click()
    (evaluation,) = opened
    assert evaluation.project == tmp_path / "p.wbp" and evaluation.parent() is manager
    assert Settings.load().mt_models["km"] == "nllb-200-distilled-600M"
    assert manager.choices["km"].currentData() == "nllb-200-distilled-600M"
    assert manager.model.rows[row_of(manager, "nllb-200-distilled-600M")][MEASURED_VI_KM] == "29.9 chrF"

    alone = ModelManagerDialog(store, Settings.load(), ["en", "km"])  # opened without the window's context
    qtbot.addWidget(alone)
    assert not alone.evaluate_button.isEnabled()


def test_the_settings_show_each_languages_route_or_model_with_its_licences(
    qtbot, store: ModelStore, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    settings = replace(Settings.load(), mt_models={"km": ROUTE})
    shown = SettingsDialog(settings, store=store, languages=["en", "km"])
    qtbot.addWidget(shown)
    assert shown.mt_choices["km"].text() == ROUTE_SHOWN
    assert shown.mt_choices["en"].text() == "catalogue default: opus-mt-vi-en (Apache-2.0)"
    assert not shown.models_button.isVisibleTo(shown)  # no model manager to open
    by_default = SettingsDialog(Settings.load(), store=store, languages=["km"])
    qtbot.addWidget(by_default)
    assert by_default.mt_choices["km"].text() == (
        "catalogue default: madlad400-3b-mt (Apache-2.0) — not installed: madlad400-3b-mt"
    )

    # in the window: Models… opens the manager; the route chosen there is shown, and Save keeps it
    window = open_window()

    def choose_route(manager: ModelManagerDialog) -> int:
        manager.choose("km", ROUTE)
        return 0

    def open_manager_then_save(dialog: SettingsDialog) -> int:
        dialog.user_name.setText("Chị Lan")
        dialog.models_button.click()
        assert dialog.mt_choices["km"].text() == ROUTE_SHOWN
        dialog.save()
        return 1

    monkeypatch.setattr(ModelManagerDialog, "exec", choose_route)
    monkeypatch.setattr(SettingsDialog, "exec", open_manager_then_save)
    window.dialogs.open_settings()
    assert Settings.load().mt_models["km"] == ROUTE and Settings.load().user_name == "Chị Lan"
    assert window.settings.mt_models["km"] == ROUTE
    window.close()


def test_a_madlad_folder_installs_shows_its_family_and_can_be_converted(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.builders.tiny_models import build_tiny_madlad

    folder = build_tiny_madlad(tmp_path / "madlad-tiny")
    dialog = ModelManagerDialog(ModelStore(tmp_path / "models"), Settings.load(), ["km"])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.ended, timeout=120_000) as ended:
        dialog.install(folder)
    assert ended.args[0], ended.args
    row = row_of(dialog, "madlad-tiny")
    assert "madlad-tiny (transformers, madlad)" in dialog.model.rows[row]
    dialog.table.selectRow(row)
    assert dialog.convert_button.isEnabled()
    with qtbot.waitSignal(dialog.ended, timeout=300_000) as ended:
        dialog.convert_button.click()
    assert ended.args[0], ended.args
    installed = dialog.model.rows[row_of(dialog, "madlad-tiny")][-2]
    assert "(ct2, madlad)" in installed
    assert dialog.choices["km"].findData("madlad-tiny") >= 0
