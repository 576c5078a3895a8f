"""The settings file: what is read back, and what a hand-edited one cannot do."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.settings import Settings


def test_settings_are_read_back_as_saved(private_settings: Path) -> None:
    Settings(user_name="Lan", role="editor", beam_size=2, mt_models={"km": "tiny"}).save()
    loaded = Settings.load()
    assert (loaded.user_name, loaded.role, loaded.beam_size, loaded.mt_models) == ("Lan", "editor", 2, {"km": "tiny"})


def test_a_role_the_workbench_does_not_know_acts_as_a_translator(private_settings: Path) -> None:
    (private_settings / "settings.json").write_text(json.dumps({"user_name": "Lan", "role": "Editor "}), "utf-8")
    loaded = Settings.load()
    assert (loaded.user_name, loaded.role) == ("Lan", "translator")  # may not approve by a typo


def test_a_route_is_kept_as_a_languages_choice_and_older_files_still_read(private_settings: Path) -> None:
    route = "vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M"
    Settings(mt_models={"en": "opus-mt-vi-en", "km": route}).save()
    assert Settings.load().mt_models == {"en": "opus-mt-vi-en", "km": route}
    # a file written before routes existed: model names only, and fields this version no longer has
    older = {"user_name": "Lan", "mt_models": {"km": "m2m100_418M"}, "beam_size": 4, "window": "gone"}
    (private_settings / "settings.json").write_text(json.dumps(older), "utf-8")
    assert Settings.load().mt_models == {"km": "m2m100_418M"}


def test_models_per_language_that_are_not_names_fall_back_to_the_catalogues(private_settings: Path) -> None:
    for spoiled in ({"km": ["vi-en-km", "a", "b"]}, ["km"], {"km": None}):
        (private_settings / "settings.json").write_text(json.dumps({"user_name": "Lan", "mt_models": spoiled}), "utf-8")
        loaded = Settings.load()
        assert (loaded.user_name, loaded.mt_models) == ("Lan", {}), spoiled
    (private_settings / "settings.json").write_text(json.dumps(["not", "a", "record"]), "utf-8")
    assert Settings.load().mt_models == {}
