"""Routes as a translator types them: `translate --route vi-en-km`, a route chosen in the settings, the
post-editing report grouped by route, and a route that cannot run refused before anything is written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.mt.model_store import ModelStore

REPO = Path(__file__).resolve().parents[2]
ROUTE = "vi-en-km:opus-mt-vi-en-tiny+tiny-nllb"
ROUTE_LINE = "km: route vi-en-km: opus-mt-vi-en-tiny → tiny-nllb (licences: opus-mt-vi-en-tiny "
TEXT = "Chỉ thị 25/CT-TTg được triển khai năm 2023.\n\nNúi Cấm là điểm du lịch nổi tiếng.\n\nChợ nổi họp từ sáng sớm."


def run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


@pytest.fixture
def env(tiny, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    store = ModelStore(tmp_path / "models")
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb")
    environment = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    assert run("new", "p.wbp", cwd=tmp_path, env=environment).returncode == 0
    (tmp_path / "bai.txt").write_text(TEXT, encoding="utf-8")
    assert run("import", "p.wbp", "bai.txt", cwd=tmp_path, env=environment).returncode == 0
    return environment


def statuses(tmp_path: Path, env: dict[str, str]) -> list[tuple[str, str, str]]:
    """(language, status, model) of every translation of every segment."""
    listed = run("segments", "p.wbp", "--json", cwd=tmp_path, env=env).stdout.splitlines()
    with Project.open(tmp_path / "p.wbp") as project:
        details = {s.id: s.translations for s in project.segments()}
    return [
        (language, t["status"], details[json.loads(line)["id"]][language].origin_detail)
        for line in listed
        for language, t in sorted(json.loads(line)["translations"].items())
    ]


def test_a_route_on_the_command_line_drafts_names_both_licences_and_the_report_groups_by_it(
    tmp_path: Path, env: dict[str, str]
) -> None:
    result = run(
        "translate", "p.wbp", "--to", "km", "--route", "vi-en-km",
        "--model", "en=opus-mt-vi-en-tiny", "--model", "km=tiny-nllb", "--beam", "1", cwd=tmp_path, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert ROUTE_LINE in result.stdout and ", tiny-nllb " in result.stdout, result.stdout
    assert "km: 3 segments to draft, 0 from the cache, 3 translated" in result.stdout
    assert [s for s in statuses(tmp_path, env) if s[0] == "km"] == [("km", "draft", ROUTE)] * 3
    # A translator confirms one draft as it is and rewrites another: the report counts them under the route.
    with Project.open(tmp_path / "p.wbp") as project:
        first, second, _third = project.segments()
        project.save_translation(first.id, "km", first.translations["km"].text, Status.TRANSLATED, Origin.MT, "Dara")
        project.save_translation(second.id, "km", "ភ្នំ​ចំការ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    report = run("report", "p.wbp", "--to", "km", cwd=tmp_path, env=env)
    assert report.returncode == 0, report.stderr
    assert "  by model or route:" in report.stdout
    assert "    vi-en-km: opus-mt-vi-en-tiny → tiny-nllb: 2 post-edited drafts, 50% unchanged" in report.stdout


def test_a_route_chosen_in_the_settings_is_used_when_none_is_named(tmp_path: Path, env: dict[str, str]) -> None:
    chosen = run("settings", "--model", f"km={ROUTE}", cwd=tmp_path, env=env)
    assert chosen.returncode == 0, chosen.stderr
    assert f"km={ROUTE}" in chosen.stdout and "note:" not in chosen.stdout
    result = run("translate", "p.wbp", "--to", "km", "--beam", "1", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert ROUTE_LINE in result.stdout
    assert {s for s in statuses(tmp_path, env) if s[0] == "km"} == {("km", "draft", ROUTE)}
    # a model named for the language wins over the settings' choice
    named = run("translate", "p.wbp", "--to", "en", "--model", "en=opus-mt-vi-en-tiny", cwd=tmp_path, env=env)
    assert named.returncode == 0, named.stderr
    assert "en: opus-mt-vi-en-tiny (ct2" in named.stdout


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("km=vi-en-km:opus-mt-vi-en-tiny", "needs one model per hop"),
        ("km=vi-km-en:tiny-nllb+tiny-nllb", "ends in en, so it cannot be the choice for km"),
        ("km=vi_en:tiny-nllb+tiny-nllb", "is not a route of languages"),
    ],
)
def test_a_malformed_route_is_not_kept_in_the_settings(
    tmp_path: Path, env: dict[str, str], choice: str, message: str
) -> None:
    result = run("settings", "--model", choice, cwd=tmp_path, env=env)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "km=" not in run("settings", cwd=tmp_path, env=env).stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--model", "en=opus-mt-vi-en-tiny", "--model", "km=nllb-200-distilled-600M"),
         "the route vi-en-km needs nllb-200-distilled-600M for en->km, which is not installed"),
        (("--model", "en=opus-mt-vi-en-tiny", "--model", "km=opus-mt-vi-en-tiny"),
         "cannot use opus-mt-vi-en-tiny for en->km: opus-mt-vi-en-tiny translates vi-en only"),
    ],
)  # fmt: skip
def test_a_route_that_cannot_run_writes_nothing(
    tmp_path: Path, env: dict[str, str], arguments: tuple[str, ...], message: str
) -> None:
    """English comes first and could be translated: nothing is, as the Khmer route is refused first."""
    result = run(
        "translate", "p.wbp", "--to", "en,km", "--route", "vi-en-km", *arguments, "--beam", "1", cwd=tmp_path, env=env
    )
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert {status for _language, status, _model in statuses(tmp_path, env)} == {"untranslated"}


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("vi-en", "has one hop"),
        ("vi-en-fr", "ends in fr, which is not among the languages to translate"),
        ("en-vi-km", "starts from en, but the source language is vi"),
        ("vi+en+km", "is not a route of languages"),
    ],
)
def test_a_route_the_project_cannot_take_is_refused(
    tmp_path: Path, env: dict[str, str], route: str, message: str
) -> None:
    result = run("translate", "p.wbp", "--to", "km", "--route", route, "--model", "tiny-nllb", cwd=tmp_path, env=env)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert {status for _language, status, _model in statuses(tmp_path, env)} == {"untranslated"}


def test_a_hop_without_a_named_model_takes_the_catalogues_default_for_its_pair(
    tmp_path: Path, env: dict[str, str]
) -> None:
    result = run(
        "translate", "p.wbp", "--to", "km", "--route", "vi-en-km", "--model", "km=tiny-nllb", cwd=tmp_path, env=env
    )
    assert result.returncode == 2, result.stdout
    assert "the route vi-en-km needs opus-mt-vi-en for vi->en, which is not installed" in result.stderr
    assert {status for _language, status, _model in statuses(tmp_path, env)} == {"untranslated"}
