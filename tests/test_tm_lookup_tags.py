"""`tm lookup` scores and shows tagged matches as the window's suggestions do: a 100 % match whose tags
differ from the sentence looked up is 99 %, and the differences line never shows half a marker pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.memory.translation_memory import MemoryUnit, add_unit
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project

UNIT = MemoryUnit("Người dân nộp lệ <b1>phí.</b1>", "Residents pay the <b1>fee.</b1>", "en")


def _lookup(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project, project.transaction() as db:
        add_unit(db, UNIT, "2026-01-02")
    assert cli_main(["tm", "lookup", str(tmp_path / "p.wbp"), text, "--to", "en"], AppContext(Settings())) == 0
    return capsys.readouterr().out


def test_the_same_words_without_the_tags_are_a_99_percent_match(
    tmp_path: Path, private_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = _lookup(tmp_path, "Người dân nộp lệ phí.", capsys)
    assert " 99% [project] Residents pay the <b1>fee.</b1>" in shown
    assert "100%" not in shown


def test_the_same_words_with_the_same_tags_are_a_full_match(
    tmp_path: Path, private_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "100% [project]" in _lookup(tmp_path, "Người dân nộp lệ <b1>phí.</b1>", capsys)


def test_the_differences_line_never_cuts_a_marker_pair(
    tmp_path: Path, private_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = _lookup(tmp_path, "Người dân nộp lệ phí trước bạ.", capsys)
    match, differences = shown.splitlines()[:2]
    assert "[project] Residents pay the <b1>fee.</b1>" in match  # the match offered keeps its tags
    assert "<b1>" not in differences and "</b1>" not in differences
    assert "[-phí.-]" in differences and "{+phí trước bạ.+}" in differences
