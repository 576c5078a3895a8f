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
