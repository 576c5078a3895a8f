"""`translate --back-translate` as a translator types it: drafts, then their back-translations into Vietnamese,
cached for the next run; a language without a model into Vietnamese is said and its drafts are kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.store.draft_notes import notes_for
from workbench.core.store.project_store import Project
from workbench.mt.model_store import ModelStore

REPO = Path(__file__).resolve().parents[2]
TEXT = "\n\n".join(
    ["Núi Cấm là điểm du lịch nổi tiếng.", "Chỉ thị 25/CT-TTg được triển khai.", "Núi Cấm là điểm du lịch nổi tiếng."]
)


def run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


@pytest.fixture
def workspace(tmp_path: Path, tiny) -> tuple[Path, dict[str, str]]:  # type: ignore[no-untyped-def]
    store = ModelStore(tmp_path / "models")
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb")
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    assert run("new", "p.wbp", cwd=tmp_path, env=env).returncode == 0
    (tmp_path / "bai.txt").write_text(TEXT, encoding="utf-8")
    assert run("import", "p.wbp", "bai.txt", cwd=tmp_path, env=env).returncode == 0
    return tmp_path, env


def test_translate_back_translates_every_language_and_a_second_run_has_nothing_left(workspace) -> None:  # type: ignore[no-untyped-def]
    folder, env = workspace
    args = ("translate", "p.wbp", "--to", "en,km", "--model", "tiny-nllb", "--beam", "1", "--back-translate")
    first = run(*args, cwd=folder, env=env)
    assert first.returncode == 0, first.stderr
    assert "en: 3 drafts back-translated into vi by tiny-nllb: 0 from the cache, 3 translated" in first.stdout
    assert "km: 3 drafts back-translated into vi by tiny-nllb: 0 from the cache, 3 translated" in first.stdout
    with Project.open(folder / "p.wbp") as project:
        for language in ("en", "km"):
            notes = notes_for(project, language)
            assert len(notes) == 3
            assert all(n.back_translation is not None and n.back_model == "tiny-nllb" for n in notes.values())
    again = run(*args, cwd=folder, env=env)
    assert again.returncode == 0, again.stderr
    assert "en: 0 drafts back-translated" in again.stdout and "km: 0 drafts back-translated" in again.stdout


def test_without_the_flag_nothing_is_back_translated(workspace) -> None:  # type: ignore[no-untyped-def]
    folder, env = workspace
    done = run("translate", "p.wbp", "--to", "en", "--model", "tiny-nllb", "--beam", "1", cwd=folder, env=env)
    assert done.returncode == 0, done.stderr
    assert "back-translated" not in done.stdout
    with Project.open(folder / "p.wbp") as project:
        assert all(n.back_translation is None for n in notes_for(project, "en").values())


def test_no_model_into_vietnamese_is_said_and_the_drafts_stay(workspace) -> None:  # type: ignore[no-untyped-def]
    folder, env = workspace
    (Path(env["WORKBENCH_MODELS_DIR"]) / "tiny-nllb").rename(folder / "away")  # only opus-mt-vi-en is left
    done = run(
        "translate", "p.wbp", "--to", "en", "--model", "opus-mt-vi-en-tiny", "--beam", "1", "--back-translate",
        cwd=folder, env=env,
    )  # fmt: skip
    assert done.returncode == 1
    assert "en: not back-translated: no installed model translates en into vi" in done.stderr
    assert "en: 3 segments to draft" in done.stdout
    with Project.open(folder / "p.wbp") as project:
        assert [s.translations["en"].status for s in project.segments()] == ["draft"] * 3


def test_a_back_model_for_the_wrong_direction_stops_before_anything_is_written(workspace) -> None:  # type: ignore[no-untyped-def]
    folder, env = workspace
    done = run(
        "translate", "p.wbp", "--to", "en", "--model", "tiny-nllb", "--back-translate",
        "--back-model", "opus-mt-vi-en-tiny", cwd=folder, env=env,
    )  # fmt: skip
    assert done.returncode == 2  # a refused command, as any other
    assert "opus-mt-vi-en-tiny cannot back-translate en into vi" in done.stderr
    with Project.open(folder / "p.wbp") as project:
        assert [s.translations["en"].status for s in project.segments()] == ["untranslated"] * 3


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (("--back-model", "tiny-nllb"), "--back-model names the model that back-translates: add --back-translate"),
        (("--back-translate", "--back-model", "kn=tiny-nllb"),
         "--back-model kn=tiny-nllb: kn is not among the languages to translate (en)"),
    ],
    ids=["without --back-translate", "a language not translated"],
)  # fmt: skip
def test_a_back_model_that_would_go_unused_is_refused_before_anything_is_written(  # type: ignore[no-untyped-def]
    workspace, extra: tuple[str, ...], said: str
) -> None:
    folder, env = workspace
    done = run("translate", "p.wbp", "--to", "en", "--model", "tiny-nllb", "--beam", "1", *extra, cwd=folder, env=env)
    assert done.returncode == 2 and said in done.stderr
    with Project.open(folder / "p.wbp") as project:
        assert [s.translations["en"].status for s in project.segments()] == ["untranslated"] * 3


def cache_rows(folder: Path) -> list[tuple[str, str, str]]:
    with Project.open(folder / "p.wbp") as project:
        return [tuple(r) for r in project.connection.execute("SELECT model, language, source FROM mt_cache")]


def test_a_back_translation_model_that_is_not_the_drafting_one_gives_a_second_opinion(workspace) -> None:  # type: ignore[no-untyped-def]
    folder, env = workspace
    args = ("translate", "p.wbp", "--to", "en", "--model", "opus-mt-vi-en-tiny", "--beam", "1", "--back-translate")
    done = run(*args, cwd=folder, env=env)
    assert done.returncode == 0, done.stderr
    # the Marian model cannot go back: the NLLB back-translates, and drafts the two distinct sources into English
    assert "en: 3 drafts back-translated into vi by tiny-nllb: 0 from the cache, 3 translated" in done.stdout
    assert "2 second-opinion drafts into en by tiny-nllb for the quality estimate's agreement" in done.stdout
    rows = cache_rows(folder)
    sources = set(TEXT.split("\n\n"))
    assert {(m, lang, s) for m, lang, s in rows if m == "tiny-nllb"} == {("tiny-nllb", "en", s) for s in sources}
    with Project.open(folder / "p.wbp") as project:
        segments = project.segments()
        # never in a cell: every cell holds the Marian's draft, and the notes say so
        assert {s.translations["en"].origin_detail for s in segments} == {"opus-mt-vi-en-tiny"}
        notes = notes_for(project, "en")
        assert all(n.model == "opus-mt-vi-en-tiny" and n.back_model == "tiny-nllb" for n in notes.values())
        # the estimate compares the two models' drafts, and the round trip is there too
        assert all(isinstance(n.signals.get("agreement"), float) for n in notes.values())
        assert all(isinstance(n.signals.get("round_trip"), float) for n in notes.values())
    again = run(*args, cwd=folder, env=env)  # nothing left: no back-translation, no second opinion made again
    assert again.returncode == 0, again.stderr
    assert "en: 0 drafts back-translated" in again.stdout
    assert "0 second-opinion drafts into en by tiny-nllb" in again.stdout
    assert sorted(cache_rows(folder)) == sorted(rows)


def test_a_model_drafting_and_back_translating_itself_gives_no_second_opinion(workspace) -> None:  # type: ignore[no-untyped-def]
    folder, env = workspace
    args = ("translate", "p.wbp", "--to", "en", "--model", "tiny-nllb", "--beam", "1", "--back-translate")
    done = run(*args, cwd=folder, env=env)
    assert done.returncode == 0, done.stderr
    assert "en: 3 drafts back-translated into vi by tiny-nllb" in done.stdout
    assert "second-opinion" not in done.stdout
    rows = cache_rows(folder)  # the drafts' own rows only: one per distinct source, under the drafting options
    assert sorted(rows) == sorted(("tiny-nllb", "en", s) for s in set(TEXT.split("\n\n")))
    with Project.open(folder / "p.wbp") as project:
        assert all(n.signals.get("agreement") is None for n in notes_for(project, "en").values())
