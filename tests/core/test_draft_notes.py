"""What is known about a machine draft travels with it: the notes are written with the draft, come back from
the cache with it, and a project from before them upgrades keeping its work."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.core.importing.file_import import import_files
from workbench.core.ops.pretranslation import Draft, plan_pretranslation, plan_units, save_batch
from workbench.core.records import Origin, Status
from workbench.core.store import project_file
from workbench.core.store.draft_notes import BANDS, notes_for, set_back_translation, set_quality
from workbench.core.store.project_schema import LATEST_VERSION
from workbench.core.store.project_store import Project

OPTIONS = "beam=4;max=256"
META = {"signals": {"mean_logprob": -0.4, "runaway": False}, "terms": ["Sóc Trăng"], "rules": ["rule 1: a -> b"]}


def _imported(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "tin.txt"
    path.write_text("Sóc Trăng có nhiều chùa Khmer.\n\nLễ hội Oóc Om Bóc diễn ra vào tháng 10.\n", encoding="utf-8")
    import_files(project, [path], None, "lan")


def test_a_saved_draft_keeps_its_notes_and_the_cache_gives_them_back(project: Project, tmp_path: Path) -> None:
    _imported(project, tmp_path)
    plan = plan_pretranslation(project, "km", "model-a", OPTIONS)
    first = plan.units[0]
    save_batch(project, plan, "model-a", [Draft(first, "ខេត្តសុក", -0.4, (), META)])
    segment = first.segment_ids[0]
    note = notes_for(project, "km", [segment])[segment]
    assert (note.draft, note.model, note.meta["terms"], note.signals["mean_logprob"]) == (
        "ខេត្តសុក", "model-a", ["Sóc Trăng"], -0.4
    )  # fmt: skip
    assert note.describes(project.segment(segment).translations["km"])
    assert note.back_translation is None
    assert note.band in BANDS and note.quality is not None  # estimated as it was saved (core/quality)

    with project.transaction() as db:
        set_quality(db, segment, "km", 0.8, "good", {"mean_logprob": -0.4, "round_trip": 0.7})
        assert set_back_translation(db, segment, "km", "ខេត្តសុក", "Sóc Trăng", "nllb")
        assert not set_back_translation(db, segment, "km", "an older draft", "x", "nllb")
    note = notes_for(project, "km", [segment])[segment]
    assert (note.band, note.quality, note.back_translation, note.signals["round_trip"]) == (
        "good", 0.8, "Sóc Trăng", 0.7
    )  # fmt: skip
    assert note.meta["terms"] == ["Sóc Trăng"]  # the estimate's signals join the notes, the rest stays

    # the same source elsewhere is drafted from the cache: its notes come along
    project.save_translation(segment, "km", "", Status.UNTRANSLATED, Origin.NONE, "lan")
    with project.transaction() as db:
        db.execute("DELETE FROM draft_notes")
    again = plan_pretranslation(project, "km", "model-a", OPTIONS)
    assert segment in again.from_cache
    again_note = notes_for(project, "km", [segment])[segment]
    assert {k: v for k, v in again_note.meta.items() if k != "signals"} == {
        k: v for k, v in META.items() if k != "signals"
    }
    assert again_note.signals["mean_logprob"] == -0.4  # the pipeline's signals, joined by the estimate's


def test_an_edited_cell_keeps_the_notes_of_the_machine_draft(project: Project, tmp_path: Path) -> None:
    _imported(project, tmp_path)
    plan = plan_pretranslation(project, "en", "model-a", OPTIONS)
    unit = plan.units[0]
    save_batch(project, plan, "model-a", [Draft(unit, "Soc Trang has many pagodas.", -0.3, (), META)])
    segment = unit.segment_ids[0]
    edited = project.save_translation(segment, "en", "Soc Trang has many Khmer pagodas.", Status.TRANSLATED,
                                      Origin.HUMAN, "lan")  # fmt: skip
    note = notes_for(project, "en", [segment])[segment]
    assert note.draft == "Soc Trang has many pagodas."
    assert not note.describes(edited.translations["en"])


def test_a_project_from_before_draft_notes_upgrades_with_its_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.wbp"
    monkeypatch.setattr(project_file, "LATEST_VERSION", 4)
    with Project.create(path, "old", "vi", ["en", "km"]) as old:
        _imported(old, tmp_path)
        source = plan_units(old, "en")[0].source
        with old.transaction() as db:  # a v4 draft: no meta column in the cache, no notes table
            db.execute(
                "INSERT INTO mt_cache(model, options, language, source, text, score, flags, created_at)"
                " VALUES ('model-a', ?, 'en', ?, 'An old draft.', -0.2, '', '2026-01-01T00:00:00Z')",
                (OPTIONS, source),
            )
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 4
    monkeypatch.undo()
    with Project.open(path) as upgraded:
        assert upgraded.info.schema_version == LATEST_VERSION
        again = plan_pretranslation(upgraded, "en", "model-a", OPTIONS)
        segment = again.from_cache[0]
        assert upgraded.segment(segment).translations["en"].text == "An old draft."
        assert set(notes_for(upgraded, "en", [segment])[segment].meta) <= {"signals"}  # only the estimate's
    assert (tmp_path / "old.wbp.v4.bak").exists()
