"""The settings dialog's team server: the address is kept without its password, which goes to pgpass."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtWidgets import QDialog

from workbench.core.settings import Settings
from workbench.core.team.team_credentials import pgpass_path
from workbench.ui.settings_dialog import SettingsDialog


def test_a_team_password_typed_in_the_dialog_goes_to_pgpass_never_to_the_settings(
    qtbot, private_settings: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.team_server.setText("postgresql://lan@office-server/workbench")
    dialog.team_password.setText("b1en-d1ch")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.settings.team_server == "postgresql://lan@office-server/workbench"
    dialog.settings.save()
    assert "b1en-d1ch" not in (private_settings / "settings.json").read_text(encoding="utf-8")
    assert stat.S_IMODE(pgpass_path().stat().st_mode) == 0o600
    assert pgpass_path().read_text(encoding="utf-8") == "office-server:*:workbench:lan:b1en-d1ch\n"


def test_a_password_pasted_inside_the_address_is_moved_out_of_it(qtbot, private_settings: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(Settings.load())
    qtbot.addWidget(dialog)
    dialog.team_server.setText("postgresql://hoa:s3cret@office-server:5433/workbench?sslmode=require")
    dialog.save()
    assert dialog.settings.team_server == "postgresql://hoa@office-server:5433/workbench?sslmode=require"
    assert pgpass_path().read_text(encoding="utf-8") == "office-server:5433:workbench:hoa:s3cret\n"


def test_an_address_without_a_login_is_said_under_the_field_and_nothing_is_kept(qtbot, private_settings: Path) -> None:  # type: ignore[no-untyped-def]
    before = Settings.load()
    dialog = SettingsDialog(before)
    qtbot.addWidget(dialog)
    dialog.team_server.setText("postgresql://office-server/workbench")
    dialog.team_password.setText("pw")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "names no login" in dialog.team_problem.text() and not dialog.team_problem.isHidden()
    assert dialog.settings == before and not pgpass_path().exists()
    assert before.team_server == ""
