"""`translate` with "leave poor drafts out" on: a draft the quality estimate calls poor stays out of the cell
(the command says how many), is cached and offered as a suggestion, and goes in once the setting is off."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

from workbench.core.memory.suggestions import machine_suggestions
from workbench.core.quality.model import DEFAULT
from workbench.core.records import Status
from workbench.core.store.draft_notes import notes_for
from workbench.core.store.project_store import Project
from workbench.mt.model_store import ModelStore

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_poor_drafts_stay_out_of_the_cell_until_the_setting_is_off(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    ModelStore(tmp_path / "models").install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models"), "WORKBENCH_CONFIG_DIR": str(tmp_path)}
    (tmp_path / "bai.txt").write_text("Núi Cấm là điểm du lịch.\n\nChùa Dơi ở Sóc Trăng.\n", encoding="utf-8")
    assert run("new", "p.wbp", "--targets", "en", cwd=tmp_path, env=env).returncode == 0
    assert run("import", "p.wbp", "bai.txt", cwd=tmp_path, env=env).returncode == 0
    # an office whose history says every draft is rewritten: every estimate is poor
    pessimist = dataclasses.replace(DEFAULT, bias=-20.0, fitted_at="2026-12-01T00:00:00Z")
    with Project.open(tmp_path / "p.wbp") as project, project.transaction() as db:
        db.execute("INSERT INTO project(key, value) VALUES ('quality_model:en', ?)", (json.dumps(pessimist.to_json()),))
    assert run("settings", "--leave-poor-drafts-out", "on", cwd=tmp_path, env=env).returncode == 0

    done = run(
        "translate", "p.wbp", "--to", "en", "--model", "opus-mt-vi-en-tiny", "--beam", "1", cwd=tmp_path, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "2 poor drafts left out of the cell (kept as suggestions)" in done.stdout
    with Project.open(tmp_path / "p.wbp") as project:
        segments = project.segments()
        assert [s.translations["en"].status for s in segments] == [Status.UNTRANSLATED] * 2
        notes = notes_for(project, "en")
        assert {n.band for n in notes.values()} == {"poor"}
        assert all(machine_suggestions(project, s, "en") for s in segments)  # the side panel still offers them
    listed = run("segments", "p.wbp", "--json", cwd=tmp_path, env=env)
    cells = [json.loads(line)["translations"]["en"] for line in listed.stdout.splitlines()]
    assert [c["left_out_draft"]["quality"]["band"] for c in cells] == ["poor", "poor"]  # a script sees them too
    assert all(c["left_out_draft"]["model"] == "opus-mt-vi-en-tiny" and c["text"] == "" for c in cells)

    assert run("settings", "--leave-poor-drafts-out", "off", cwd=tmp_path, env=env).returncode == 0
    again = run(
        "translate", "p.wbp", "--to", "en", "--model", "opus-mt-vi-en-tiny", "--beam", "1", cwd=tmp_path, env=env
    )
    assert again.returncode == 0, again.stderr
    assert "left out" not in again.stdout
    with Project.open(tmp_path / "p.wbp") as project:
        assert [s.translations["en"].status for s in project.segments()] == [Status.DRAFT] * 2
