"""`models evaluate` as a new user meets it: each refusal names the file or model and the option to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mt.test_evaluation import evaluate, flores, models
from workbench.mt.evaluation_store import evaluations_path, load_results

__all__ = ["models"]  # the fixture, shared with test_evaluation


@pytest.mark.parametrize("choice", ["absent-model", "vi-en-km:opus-mt-vi-en-tiny+absent-model"])
def test_a_model_not_installed_points_to_the_option_models_evaluate_has(
    choice: str, models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, reference = flores(tmp_path, 3)
    assert evaluate("--source", str(source), "--reference", str(reference), "--to", "km", "--models", choice) == 2
    err = capsys.readouterr().err
    assert "absent-model" in err and "is not installed" in err, err
    assert "with --models" in err and "with --model." not in err, err
    assert not evaluations_path().exists()


@pytest.mark.parametrize("given", [",", " ", ""])
def test_models_that_names_nothing_is_said_so_rather_than_that_nothing_is_installed(
    given: str, models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, reference = flores(tmp_path, 3)
    assert evaluate("--source", str(source), "--reference", str(reference), "--to", "km", "--models", given) == 2
    err = capsys.readouterr().err
    assert "--models" in err and "names no model" in err, err
    assert not evaluations_path().exists()


def test_a_model_that_fails_to_load_is_named_and_the_others_are_still_measured_and_shown(
    models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged install (its sentencepiece file lost) stops only its own row, not the whole comparison."""
    for tokenizer in [*(models / "tiny-m2m100").glob("*.model"), *(models / "tiny-m2m100").glob("*.spm")]:
        tokenizer.unlink()
    source, reference = flores(tmp_path, 3)
    assert evaluate("--source", str(source), "--reference", str(reference), "--to", "km") == 1
    captured = capsys.readouterr()
    assert "not measured: tiny-m2m100" in captured.err and "tiny-m2m100" in captured.err, captured.err
    rows = [line.split()[0] for line in captured.out.splitlines() if line.startswith("tiny-")]
    assert rows == ["tiny-nllb"], captured.out
    assert [r.candidate for r in load_results()] == ["tiny-nllb"]


@pytest.mark.parametrize("language", ["fr", "en,km", "KM"])
def test_a_target_language_the_workbench_does_not_translate_into_is_named_with_the_ones_it_does(
    language: str, models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, reference = flores(tmp_path, 3)
    assert evaluate("--source", str(source), "--reference", str(reference), "--to", language) == 2
    err = capsys.readouterr().err
    assert f"--to {language!r}" in err and "en or km" in err, err
    assert "have no code for the language" not in err
    assert not evaluations_path().exists()


def test_a_model_installed_but_not_converted_is_named_rather_than_said_to_be_missing(
    tiny,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    """By default only CTranslate2 copies are measured (the transformers backend is the slow reference):
    an office that installed a model and did not convert it is told which command to run."""
    from workbench.mt.model_store import ModelStore

    ModelStore(tmp_path / "models").install(tiny.marian, name="opus-mt-vi-en-mine")
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "models"))
    source, reference = flores(tmp_path, 3, "eng_Latn")
    assert evaluate("--source", str(source), "--reference", str(reference), "--to", "en") == 2
    err = capsys.readouterr().err
    assert "opus-mt-vi-en-mine" in err and "models convert opus-mt-vi-en-mine" in err, err
    assert "install one" not in err, err
    assert not evaluations_path().exists()
