"""The application context: new settings reach whoever holds it, and are saved once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from workbench.context import AppContext
from workbench.core.settings import Settings


def test_a_new_models_folder_is_where_the_context_looks_for_models(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("WORKBENCH_MODELS_DIR", raising=False)
    context = AppContext(Settings(user_name="Lan"))
    context.update_settings(replace(context.settings, models_dir=str(tmp_path / "models")))
    assert context.models.root == tmp_path / "models"
    assert context.engines.settings.models_dir == str(tmp_path / "models")  # the engines choose with it too
    assert Settings.load().models_dir == str(tmp_path / "models")  # and it is remembered


def test_settings_handed_over_are_not_changed_by_their_old_owner(private_settings: Path) -> None:
    context = AppContext(Settings())
    mine = replace(context.settings, mt_models={"km": "tiny-nllb"}, recent_projects=["a.wbp"])
    context.update_settings(mine, save=False)
    mine.mt_models["km"] = "something else"
    mine.recent_projects.append("b.wbp")
    assert (context.settings.mt_models, context.settings.recent_projects) == ({"km": "tiny-nllb"}, ["a.wbp"])
    assert not (private_settings / "settings.json").exists()  # not asked to save
