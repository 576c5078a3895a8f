"""The quality estimate of machine drafts: fitted on the office's post-editing history, its bands follow the
signals; too little history keeps the default; it refits after enough confirmations; the report says how
well the bands predicted the edits; pre-translation can leave a poor draft out of its cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import import_files
from workbench.core.ops.pretranslation import Draft, Unit, plan_pretranslation, run_pretranslation, save_batch
from workbench.core.quality.calibration import band_calibration
from workbench.core.quality.estimate import band_order, score_segments
from workbench.core.quality.fitting import REFIT_EVERY, fit_quality, stored_model
from workbench.core.quality.history import shared_history_path
from workbench.core.quality.model import DEFAULT, MIN_EXAMPLES, NotEnoughHistory
from workbench.core.records import Origin, Status
from workbench.core.store.draft_notes import notes_for, set_back_translation, set_quality
from workbench.core.store.draft_store import cached_drafts
from workbench.core.store.project_store import Project

OPTIONS = "beam=1;max=64"


def _signals(mean: float, runaway: bool = False) -> dict[str, object]:
    return {"mean_logprob": mean, "min_logprob": 3 * mean, "length_ratio": 1.1, "spans_lost": 0, "runaway": runaway}


def _units(project: Project, tmp_path: Path, count: int, name: str = "tin.txt") -> list[Unit]:
    text = "\n\n".join(f"Bài số {i} viết về tỉnh An Giang." for i in range(count))
    (tmp_path / name).write_text(text, encoding="utf-8")
    import_files(project, [tmp_path / name])
    return list(plan_pretranslation(project, "en", "model-a", OPTIONS).units)


def _mean(i: int) -> float:
    """A spread of mean log-probabilities from -0.2 to -2.7, in a scrambled order."""
    return round(-0.2 - 2.5 * ((i * 37) % 100) / 100, 3)


def _history(project: Project, units: list[Unit], first: int = 0) -> None:
    """Draft every unit (the i-th with mean log-prob _mean(i)); a person keeps the sure drafts and rewrites the
    unsure ones, with one in ten the other way round (a real office is not that tidy)."""
    plan = plan_pretranslation(project, "en", "model-a", OPTIONS)
    drafts = [
        Draft(
            u,
            f"Article {first + i} is about An Giang province.",
            _mean(first + i),
            (),
            {"signals": _signals(_mean(first + i))},
        )
        for i, u in enumerate(units)
    ]
    save_batch(project, plan, "model-a", drafts)


def _confirm(project: Project, units: list[Unit], first: int = 0) -> None:
    for i, unit in enumerate(units):
        n = first + i
        kept = (_mean(n) > -1.2) != (n % 10 == 0)
        text = (
            f"Article {n} is about An Giang province." if kept else f"Story {n}: the province of An Giang, told anew."
        )
        project.save_translation(unit.segment_ids[0], "en", text, Status.TRANSLATED, Origin.HUMAN, "lan")


def test_the_fit_learns_from_the_history_and_its_bands_move_with_the_signals(project: Project, tmp_path: Path) -> None:
    units = _units(project, tmp_path, 60)
    _history(project, units)
    _confirm(project, units)
    history = tmp_path / "data" / "quality-history.sqlite"
    result = fit_quality(project, "en", history)
    model = result.model
    assert not model.is_default and model.examples == 60 and model.project_examples == 60
    assert stored_model(project, "en") == model  # kept in the project
    sure, unsure = model.score(_signals(-0.3)), model.score(_signals(-2.5))
    assert sure > 0.7 > 0.3 > unsure  # a much lower mean log-probability gives a much lower score
    good, _check, poor = result.in_sample
    assert good.kept > good.rewritten and poor.rewritten > poor.kept
    assert history.exists()  # the project's examples went to the office's shared history

    # a new project with no history of its own is fitted on the shared one
    with Project.create(tmp_path / "other.wbp", "other", "vi", ["en"]) as other:
        shared = fit_quality(other, "en", history).model
        assert (shared.project_examples, shared.shared_examples) == (0, 60)


def test_too_little_history_is_said_and_the_default_stays(project: Project, tmp_path: Path) -> None:
    units = _units(project, tmp_path, 12)
    _history(project, units)
    _confirm(project, units)
    history = tmp_path / "data" / "quality-history.sqlite"
    with pytest.raises(
        NotEnoughHistory,
        match=rf"at least {MIN_EXAMPLES} confirmed machine drafts.*there are 12.*the default model stays in use",
    ):
        fit_quality(project, "en", history)
    assert stored_model(project, "en") is DEFAULT
    assert project.connection.execute("SELECT count(*) FROM project WHERE key LIKE 'quality%'").fetchone()[0] == 0
    assert not history.exists()  # nothing written anywhere


def test_the_model_is_refitted_after_enough_confirmations(project: Project, tmp_path: Path) -> None:
    units = _units(project, tmp_path, 40 + REFIT_EVERY + 1)  # the last one waits: score estimates only those
    _history(project, units)
    _confirm(project, units[:40])
    score_segments(project, "en")  # the first estimate after 40 confirmations fits the model
    first = stored_model(project, "en")
    assert not first.is_default and first.confirmed_at_fit == 40
    _confirm(project, units[40 : 40 + REFIT_EVERY - 1], 40)
    score_segments(project, "en")
    assert stored_model(project, "en") == first  # one confirmation short: no refit
    _confirm(project, units[40 + REFIT_EVERY - 1 : 40 + REFIT_EVERY], 40 + REFIT_EVERY - 1)
    score_segments(project, "en")
    refitted = stored_model(project, "en")
    assert refitted.confirmed_at_fit == 40 + REFIT_EVERY and refitted.examples == 40 + REFIT_EVERY


def test_a_damaged_shared_history_is_named_and_the_project_keeps_its_model(project: Project, tmp_path: Path) -> None:
    units = _units(project, tmp_path, 40)
    _history(project, units)
    _confirm(project, units)
    history = tmp_path / "history.sqlite"
    history.write_bytes(b"not a database at all" * 100)
    with pytest.raises(WorkbenchError, match=r"history\.sqlite: the shared quality history"):
        fit_quality(project, "en", history)
    assert stored_model(project, "en") is DEFAULT


def test_the_report_prints_how_well_the_bands_predicted_the_edits(
    project: Project, tmp_path: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    units = _units(project, tmp_path, 6)
    _history(project, units)
    ids = [u.segment_ids[0] for u in units]
    bands = ["good", "good", "good", "check", "poor", "poor"]
    with project.transaction() as db:
        for sid, band in zip(ids, bands, strict=True):
            set_quality(db, sid, "en", {"good": 0.9, "check": 0.5, "poor": 0.1}[band], band, {})
    keep = "Article {} is about An Giang province."
    for sid, text in (
        (ids[0], keep.format(0)),  # good, unchanged
        (ids[1], keep.format(1).replace(".", "!")),  # good, nearly
        (ids[4], "Something else entirely, written by hand."),  # poor, rewritten
    ):
        project.save_translation(sid, "en", text, Status.TRANSLATED, Origin.HUMAN, "lan")
    good, check, poor = band_calibration(project, "en")
    assert (good.drafts, good.confirmed, good.kept, good.rewritten) == (3, 2, 2, 0)
    assert (check.drafts, check.confirmed) == (1, 0)
    assert (poor.drafts, poor.confirmed, poor.kept, poor.rewritten) == (2, 1, 0, 1)
    # poor first, then check, then good (the first confirmed as drafted), then the cells edited since their draft
    assert band_order(project, "en", ids) == [ids[5], ids[3], ids[0], ids[2], ids[1], ids[4]]

    path = project.path
    project.close()
    assert cli_main(["report", str(path), "--to", "en"], app_context) == 0
    out = capsys.readouterr().out
    assert "    good: 3 drafts, 2 confirmed, 2 kept unchanged or nearly (100%), 0 rewritten" in out
    assert "    poor: 2 drafts, 1 confirmed, 0 kept unchanged or nearly (0%), 1 rewritten" in out


def test_segments_json_shows_the_estimate_and_back_translation_of_a_draft_in_its_cell(
    project: Project, tmp_path: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    units = _units(project, tmp_path, 2)
    _history(project, units)
    first, second = (u.segment_ids[0] for u in units)
    with project.transaction() as db:
        assert set_back_translation(
            db, first, "en", "Article 0 is about An Giang province.", "Bài số 0 viết về tỉnh An Giang.", "nllb"
        )
    assert score_segments(project, "en", [first]) == 1
    project.save_translation(second, "en", "Edited by hand.", Status.TRANSLATED, Origin.HUMAN, "lan")
    path = project.path
    project.close()
    assert cli_main(["segments", str(path), "--json"], app_context) == 0
    rows = {row["id"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    drafted = rows[first]["translations"]["en"]
    assert drafted["back_translation"] == "Bài số 0 viết về tỉnh An Giang."
    quality = drafted["quality"]
    assert 0 <= quality["score"] <= 1 and quality["band"] in ("good", "check", "poor")
    assert quality["signals"]["round_trip"] == 1.0 and quality["signals"]["mean_logprob"] == _mean(0)
    edited = rows[second]["translations"]["en"]
    assert "quality" not in edited and "back_translation" not in edited  # the notes describe the old draft


def test_a_poor_draft_can_be_left_out_of_its_cell_and_stays_a_suggestion(project: Project, tmp_path: Path) -> None:
    units = _units(project, tmp_path, 2)
    plan = plan_pretranslation(project, "en", "model-a", OPTIONS, leave_poor_out=True)
    poor = Draft(units[0], "article article article article", -4.0, (), {"signals": _signals(-4.0, runaway=True)})
    fine = Draft(units[1], "Article 1 is about An Giang province.", -0.1, (), {"signals": _signals(-0.1)})
    saved = save_batch(project, plan, "model-a", [poor, fine])
    bad_id, good_id = units[0].segment_ids[0], units[1].segment_ids[0]
    assert saved.segment_ids == (good_id,) and saved.left_out == (bad_id,)
    assert project.segment(bad_id).translations["en"].status is Status.UNTRANSLATED
    assert project.segment(good_id).translations["en"].text == fine.text
    note = notes_for(project, "en", [bad_id])[bad_id]
    assert note.band == "poor" and note.draft == poor.text  # the side panel can say why the cell is empty
    assert cached_drafts(project, "model-a", OPTIONS, "en", [units[0].source])[units[0].source].text == poor.text

    again = plan_pretranslation(project, "en", "model-a", OPTIONS, leave_poor_out=True)
    assert again.left_out == (bad_id,) and not again.units and not again.from_cache
    taken = plan_pretranslation(project, "en", "model-a", OPTIONS)  # leaving poor drafts out switched off
    assert taken.from_cache == (bad_id,)
    assert project.segment(bad_id).translations["en"].text == poor.text


def test_a_stored_model_that_does_not_read_falls_back_on_the_default(project: Project) -> None:
    with project.transaction() as db:
        db.execute("INSERT INTO project(key, value) VALUES ('quality_model:en', '{\"version\": 1, \"weights\": []}')")
    assert stored_model(project, "en") is DEFAULT
    assert shared_history_path(Path("/x/shared-memory.sqlite")) == Path("/x/quality-history.sqlite")


def test_quality_fit_and_show_on_the_command_line(
    project: Project, tmp_path: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    units = _units(project, tmp_path, 40)
    _history(project, units)
    path = project.path
    project.close()
    assert cli_main(["quality", str(path), "show", "--to", "en"], app_context) == 0
    assert "en: the default model (no fit yet" in capsys.readouterr().out
    assert cli_main(["quality", str(path), "fit", "--to", "en"], app_context) == 2  # nothing confirmed yet
    assert "needs at least 30 confirmed machine drafts" in capsys.readouterr().err
    assert cli_main(["quality", str(path), "fit"], app_context) == 1  # each language says why, on its own line
    err = capsys.readouterr().err
    assert err.startswith("en: the quality model needs") and "\nkm: the quality model needs" in err
    with Project.open(path) as reopened:
        _confirm(reopened, units)
    assert cli_main(["quality", str(path), "fit", "--to", "en"], app_context) == 0
    out = capsys.readouterr().out
    assert "en: fitted " in out and "on 40 confirmed drafts (40 of this project, 0 shared)" in out
    assert "    mean_logprob " in out and "its bands on those drafts (in-sample):" in out
    assert cli_main(["quality", str(path), "show"], app_context) == 0
    out = capsys.readouterr().out
    assert "en: fitted " in out and "km: the default model" in out


class _TwoDrafts:
    """One poor draft and one fine one, in one batch (a stand-in for the model; the estimate is real)."""

    model = "model-a"

    def drafts(self, units, language, progress):  # type: ignore[no-untyped-def]
        yield [
            Draft(units[0], "article article article", -4.0, (), {"signals": _signals(-4.0, runaway=True)}),
            Draft(units[1], "Article 1 is about An Giang province.", -0.1, (), {"signals": _signals(-0.1)}),
        ]


def test_the_result_of_a_pretranslation_counts_the_drafts_left_out(project: Project, tmp_path: Path) -> None:
    _units(project, tmp_path, 2)
    plan = plan_pretranslation(project, "en", "model-a", OPTIONS, leave_poor_out=True)
    result = run_pretranslation(plan, _TwoDrafts(), lambda p, model, batch: save_batch(project, p, model, batch))
    assert (result.translated, result.left_out, len(result.changes.segment_ids)) == (2, 1, 1)


def test_a_shared_history_that_is_a_link_is_not_followed(project: Project, tmp_path: Path) -> None:
    units = _units(project, tmp_path, 40)
    _history(project, units)
    _confirm(project, units)
    (tmp_path / "elsewhere.sqlite").write_bytes(b"")
    link = tmp_path / "quality-history.sqlite"
    link.symlink_to(tmp_path / "elsewhere.sqlite")
    with pytest.raises(WorkbenchError, match="symbolic link"):
        fit_quality(project, "en", link)
    assert stored_model(project, "en") is DEFAULT and (tmp_path / "elsewhere.sqlite").read_bytes() == b""
