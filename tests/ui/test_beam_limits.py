"""The beam sizes the settings dialog offers are the ones `--beam` accepts: one limit for both front ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workbench.core.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def test_a_beam_set_on_the_command_line_survives_the_settings_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.settings_dialog import SettingsDialog

    settings = Settings()
    settings.beam_size = 12  # what `python main.py settings --beam 12` saves
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.beam_size.value() == 12  # not cut down to a smaller maximum of the dialog's own
    dialog.save()
    assert dialog.settings.beam_size == 12


def test_the_dialog_and_the_cli_refuse_the_same_widest_beam(qtbot) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    widest = dialog.beam_size.maximum()
    cli = [sys.executable, str(REPO / "main.py"), "settings", "--beam"]
    accepted = subprocess.run([*cli, str(widest)], capture_output=True, text=True, check=False)
    refused = subprocess.run([*cli, str(widest + 1)], capture_output=True, text=True, check=False)
    assert accepted.returncode == 0, accepted.stderr
    assert refused.returncode == 2 and f"from 1 to {widest}" in refused.stderr
    assert dialog.beam_size.minimum() == 1
