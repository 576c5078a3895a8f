"""`models evaluate` as an office runs it: FLORES-layout files, a TMX, or its project's approved segments,
measured with the tiny real models; every figure is checked against sacrebleu's own scoring."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF

from tests.builders.tiny_models import corpus_lines
from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.memory.tmx import write_tmx
from workbench.core.memory.translation_memory import MemoryUnit
from workbench.core.progress import Cancelled
from workbench.core.records import Origin, Status
from workbench.core.reference_sets import read_aligned_files
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.evaluation import EvaluationRequest, default_candidates, evaluate_candidate
from workbench.mt.evaluation_store import best_measured, evaluations_path, load_results
from workbench.mt.model_store import ModelStore

REPO = Path(__file__).resolve().parents[2]
KHMER = ["ខេត្តអានយ៉ាងជាខេត្តព្រំដែន។", "ពិធីបុណ្យប្រពៃណីរបស់ជនជាតិខ្មែរ។", "ទេសចរមកលេងខេត្តនេះ។"]


def vietnamese(count: int) -> list[str]:
    lines = [line for line in corpus_lines() if any(c in line for c in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ")]
    return [f"{lines[i % len(lines)]} ({i})" for i in range(count)]


@pytest.fixture
def models(tiny, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "models"
    store = ModelStore(folder)
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb")
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny")
    store.install(tiny.m2m100_ct2, name="tiny-m2m100")
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(folder))
    settings = Settings.load()
    settings.beam_size = 1
    settings.save()
    return folder


def flores(tmp_path: Path, count: int = 12, language: str = "khm_Khmr") -> tuple[Path, Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    source, reference = tmp_path / "vie_Latn.devtest", tmp_path / f"{language}.devtest"
    source.write_text("\n".join(vietnamese(count)) + "\n", encoding="utf-8")
    reference.write_text("\n".join(KHMER[i % 3] for i in range(count)) + "\n", encoding="utf-8")
    return source, reference


def evaluate(*args: str) -> int:
    return cli_main(["models", "evaluate", *args], AppContext.load())


def rescored(
    result_hypotheses: tuple[str, ...], references: list[str], word_order: int, tokenize: str
) -> tuple[float, float]:
    """sacrebleu's own scores of the stored outputs: the independent check of the figures shown and kept."""
    chrf = CHRF(word_order=word_order).corpus_score(list(result_hypotheses), [references]).score
    bleu = BLEU(tokenize=tokenize).corpus_score(list(result_hypotheses), [references]).score
    return chrf, bleu


def test_flores_files_give_a_row_per_installed_model_and_keep_the_results(
    models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, reference = flores(tmp_path)
    assert evaluate("--source", str(source), "--reference", str(reference), "--to", "km") == 0
    out = capsys.readouterr().out
    assert "vie_Latn.devtest + khm_Khmr.devtest, 12 segments" in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("tiny-")}
    assert set(rows) == {"tiny-nllb", "tiny-m2m100"}  # the Marian model translates vi-en only
    assert "chrF is chrF, BLEU is BLEU (char)" in out  # Khmer: no word n-grams, BLEU over characters offline

    results = load_results()
    assert [r.candidate for r in results] == ["tiny-m2m100", "tiny-nllb"]
    references = [KHMER[i % 3] for i in range(12)]
    for result in results:
        assert (result.direction, result.segments, len(result.hypotheses)) == ("vi-km", 12, 12)
        assert "nw:0" in result.signature and "tok:char" in result.signature
        chrf, bleu = rescored(result.hypotheses, references, 0, "char")
        assert result.chrf == pytest.approx(chrf) and result.bleu == pytest.approx(bleu)
        assert f"{chrf:7.2f} {bleu:6.2f}" in rows[result.candidate]
        assert result.tokens_per_second > 0 and result.peak_mb > 0
    assert set(best_measured(results, "vi-km")) == {"tiny-nllb", "tiny-m2m100"}
    assert best_measured(results, "vi-en") == {}


def test_a_tmx_is_measured_in_english_with_chrf_plus_plus(
    models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = vietnamese(8)
    english = [f"The province welcomes visitors, number {i}." for i in range(8)]
    memory = tmp_path / "memory.tmx"
    write_tmx(memory, [MemoryUnit(s, e, "en") for s, e in zip(sources, english, strict=True)])
    code = evaluate("--tmx", str(memory), "--to", "en", "--models", "opus-mt-vi-en-tiny,tiny-nllb", "--limit", "5")
    assert code == 0
    out = capsys.readouterr().out
    assert "memory.tmx, 5 segments (the first 5 of 8)" in out
    results = load_results()
    assert [r.candidate for r in results] == ["opus-mt-vi-en-tiny", "tiny-nllb"]
    for result in results:
        assert result.direction == "vi-en" and result.chrf_name == "chrF++" and "nw:2" in result.signature
        chrf, bleu = rescored(result.hypotheses, english[:5], 2, "13a")
        assert (result.chrf, result.bleu) == (pytest.approx(chrf), pytest.approx(bleu))


def test_a_projects_approved_segments_are_its_reference(
    models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.wbp"
    (tmp_path / "a.txt").write_text("\n\n".join(vietnamese(6)) + "\n", encoding="utf-8")
    from workbench.core.importing.file_import import import_files

    with Project.create(path, "p", "vi", ["en", "km"]) as project:
        import_files(project, [tmp_path / "a.txt"])
        ids = project.segment_ids()
        for at, segment_id in enumerate(ids[:4]):  # four approved, one only translated, one untouched
            project.save_translation(segment_id, "km", KHMER[at % 3], Status.APPROVED, Origin.HUMAN, "Dara")
        project.save_translation(ids[4], "km", KHMER[0], Status.TRANSLATED, Origin.HUMAN, "Dara")
    assert evaluate("--project", str(path), "--to", "km", "--models", "tiny-nllb") == 0
    assert "project p.wbp, 4 segments" in capsys.readouterr().out
    (result,) = load_results()
    chrf, _bleu = rescored(result.hypotheses, [KHMER[at % 3] for at in range(4)], 0, "char")
    assert result.chrf == pytest.approx(chrf)


def _tmx_in_english_only(tmp_path: Path) -> Path:
    path = tmp_path / "english.tmx"
    write_tmx(path, [MemoryUnit("Xin chào.", "Hello.", "en")])
    return path


def _project_without_approvals(tmp_path: Path) -> Path:
    path = tmp_path / "draft.wbp"
    (tmp_path / "d.txt").write_text("Một câu.\n", encoding="utf-8")
    from workbench.core.importing.file_import import import_files

    with Project.create(path, "d", "vi", ["en", "km"]) as project:
        import_files(project, [tmp_path / "d.txt"])
        project.save_translation(project.segment_ids()[0], "km", KHMER[0], Status.TRANSLATED, Origin.HUMAN, "Dara")
    return path


def _files(tmp_path: Path, source: bytes, reference: bytes) -> list[str]:
    (tmp_path / "src.txt").write_bytes(source)
    (tmp_path / "ref.txt").write_bytes(reference)
    return ["--source", str(tmp_path / "src.txt"), "--reference", str(tmp_path / "ref.txt")]


BAD_INPUTS = {
    "line counts differ": (lambda t: _files(t, b"a\nb\nc\n", "ក\nខ\n".encode()), "ref.txt", "has 2 lines but"),
    "empty reference": (lambda t: _files(t, b"a\n", b""), "ref.txt", "is empty"),
    "binary source": (lambda t: _files(t, b"\x00\x01PK\x03\x04" * 50, b"a\n"), "src.txt", "is a binary file"),
    "not UTF-8": (lambda t: _files(t, b"Vi\xeat Nam\n", b"a\n"), "src.txt", "is not UTF-8 text"),
    "a TMX as a text file": (
        lambda t: _files(t, _tmx_in_english_only(t).read_bytes(), b"a\n"), "src.txt", "give it as a TMX"
    ),
    "TMX without the target": (lambda t: ["--tmx", str(_tmx_in_english_only(t))], "english.tmx", "into km"),
    "no approved segment": (
        lambda t: ["--project", str(_project_without_approvals(t))], "draft.wbp", "has no approved segment in km"
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_reference_input_names_the_file_and_keeps_the_results_as_they_were(
    case: str, models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, reference = flores(tmp_path, 3)
    assert evaluate("--source", str(source), "--reference", str(reference), "--to", "km", "--models", "tiny-nllb") == 0
    kept = evaluations_path().read_bytes()
    capsys.readouterr()
    arguments, file_name, problem = BAD_INPUTS[case]
    assert evaluate(*arguments(tmp_path), "--to", "km") == 2
    err = capsys.readouterr().err
    assert file_name in err and problem in err, err
    assert evaluations_path().read_bytes() == kept


def test_a_model_that_does_not_serve_the_language_is_refused_by_name(models: Path, tmp_path: Path) -> None:
    reference = read_aligned_files(*flores(tmp_path, 3), "km")
    request = EvaluationRequest(ModelStore(models), Settings.load())
    with pytest.raises(WorkbenchError, match="cannot use opus-mt-vi-en-tiny for vi->km"):
        evaluate_candidate(reference, "opus-mt-vi-en-tiny", request)
    assert not evaluations_path().exists()


class CancelAfterFirstBatch:
    def __init__(self) -> None:
        self.reports: list[int] = []

    def report(self, done: int, total: int, message: str = "") -> None:
        self.reports.append(done)

    def is_cancelled(self) -> bool:
        return len(self.reports) > 1


def test_a_cancelled_evaluation_keeps_nothing_of_it(models: Path, tmp_path: Path) -> None:
    reference = read_aligned_files(*flores(tmp_path, 80), "km")  # 80 segments: more than one batch
    request = EvaluationRequest(ModelStore(models), Settings.load())
    first = evaluate_candidate(read_aligned_files(*flores(tmp_path / "small", 2), "km"), "tiny-nllb", request)
    kept = evaluations_path().read_bytes()
    progress = CancelAfterFirstBatch()
    with pytest.raises(Cancelled):
        evaluate_candidate(reference, "tiny-m2m100", request, progress)
    assert 0 < progress.reports[-1] < 80
    assert evaluations_path().read_bytes() == kept
    assert [r.candidate for r in load_results()] == [first.candidate]
    assert not [p for p in evaluations_path().parent.iterdir() if p.name != "evaluations.json"]


def test_a_damaged_results_file_is_never_overwritten(models: Path, tmp_path: Path) -> None:
    path = evaluations_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"results": [{"candidate": ', encoding="utf-8")
    reference = read_aligned_files(*flores(tmp_path, 2), "km")
    with pytest.raises(WorkbenchError, match=r"evaluations\.json: the stored evaluation results cannot be read"):
        evaluate_candidate(reference, "tiny-nllb", EvaluationRequest(ModelStore(models), Settings.load()))
    assert path.read_text(encoding="utf-8") == '{"results": [{"candidate": '


def test_a_route_is_measured_like_a_model_with_the_licence_of_each_hop(
    models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, reference = flores(tmp_path, 6)
    route = "vi-en-km:opus-mt-vi-en-tiny+tiny-nllb"
    assert evaluate("--source", str(source), "--reference", str(reference), "--to", "km", "--models", route) == 0
    assert any(line.startswith(route) for line in capsys.readouterr().out.splitlines())
    (result,) = load_results()
    assert result.candidate == route and [model for model, _licence in result.licences] == [
        "opus-mt-vi-en-tiny",
        "tiny-nllb",
    ]
    chrf, _bleu = rescored(result.hypotheses, [KHMER[i % 3] for i in range(6)], 0, "char")
    assert result.chrf == pytest.approx(chrf)


def test_the_published_score_is_shown_beside_the_measured_one(
    tiny, models: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    store = ModelStore(models)
    store.install(tiny.nllb_ct2_int8, name="nllb-200-distilled-600M")  # a catalogue name, tiny weights
    source, reference = flores(tmp_path, 3)
    args = ("--source", str(source), "--reference", str(reference), "--to", "km", "--models")
    assert evaluate(*args, "nllb-200-distilled-600M,tiny-nllb") == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.startswith(("nllb", "tiny"))}
    published = store.catalogue.get("nllb-200-distilled-600M").scores.headline("vi-km")  # type: ignore[union-attr]
    assert published is not None and published.metric == "chrF"  # the metric measured here for Khmer
    assert published.shown() in rows["nllb-200-distilled-600M"]
    assert published.shown() not in rows["tiny-nllb"] and " - " in rows["tiny-nllb"]
    assert "CC-BY-NC-4.0" in rows["nllb-200-distilled-600M"]  # the catalogue's licence, the install says none


def test_ctrl_c_stops_the_command_and_keeps_only_finished_candidates(models: Path, tmp_path: Path) -> None:
    source, reference = flores(tmp_path, 2000)  # many batches: the signal lands between two
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(models)}
    args = ["models", "evaluate", "--source", str(source), "--reference", str(reference), "--to", "km"]
    child = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), *args, "--models", "tiny-nllb,tiny-m2m100"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),  # as a background job starts
    )  # fmt: skip
    assert child.stderr is not None
    seen = ""
    while not re.search(r"tiny-nllb \[[#.]+\] [1-9]\d*/2000 segments", seen):
        seen += child.stderr.read(1)
        assert child.poll() is None, seen
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, err
    assert "stopped: tiny-nllb was not measured, nothing of it is kept" in err
    assert "chrF" not in out and not evaluations_path().exists()


def test_by_default_every_model_serving_the_language_and_the_settings_route_are_measured(models: Path) -> None:
    settings = Settings.load()
    settings.mt_models = {"km": "vi-en-km:opus-mt-vi-en-tiny+tiny-nllb", "en": "tiny-nllb"}
    store = ModelStore(models)
    assert default_candidates(store, settings, "vi", "km") == [
        "tiny-m2m100", "tiny-nllb", "vi-en-km:opus-mt-vi-en-tiny+tiny-nllb",
    ]  # fmt: skip
    assert default_candidates(store, settings, "vi", "en") == ["opus-mt-vi-en-tiny", "tiny-m2m100", "tiny-nllb"]
    settings.mt_models = {"km": "vi-en-km:opus-mt-vi-en-tiny+not-installed"}
    assert default_candidates(store, settings, "vi", "km") == ["tiny-m2m100", "tiny-nllb"]  # not measurable: left out


def test_the_bar_over_a_route_and_a_model_ends_at_the_whole_run_and_never_passes_it(
    models: Path, tmp_path: Path
) -> None:
    """A route counts each hop's work; the evaluation's one bar shows it as the candidate's share of the run."""
    from workbench.mt.evaluation import evaluate_candidates

    reports: list[tuple[int, int]] = []

    class Recorder:
        def report(self, done: int, total: int, message: str = "") -> None:
            reports.append((done, total))

        def is_cancelled(self) -> bool:
            return False

    reference = read_aligned_files(*flores(tmp_path, 6), "km")
    request = EvaluationRequest(ModelStore(models), Settings.load())
    evaluate_candidates(reference, ["vi-en-km:opus-mt-vi-en-tiny+tiny-nllb", "tiny-nllb"], request, Recorder())
    assert {total for _done, total in reports} == {12}
    done = [d for d, _total in reports]
    assert max(done) == 12 and done == sorted(done)
    assert max(d for d in done[: done.index(6) + 1]) == 6  # the route's share ends where the model's begins
