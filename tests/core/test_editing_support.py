"""What the editing window relies on in the core: status rules for edits, unconfirmed text kept on disk,
comments, filters with diacritic-blind search, and find & replace planned before it is applied."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.core.errors import ProjectDiskFull
from workbench.core.importing.file_import import prepare_import
from workbench.core.ops import find_replace
from workbench.core.ops.draft_confidence import is_weak_draft
from workbench.core.ops.find_replace import apply_replacements, plan_replacements
from workbench.core.ops.translation_edits import EditState, edited, write_state
from workbench.core.ops.unconfirmed_edits import keep_unconfirmed, save_unconfirmed, unconfirmed_edits
from workbench.core.records import Origin, Status, Translation
from workbench.core.store.project_store import Project
from workbench.core.store.segment_comments import comment, set_comment
from workbench.core.store.segment_filter import SegmentFilter, filter_segment_ids, ids_needing_work
from workbench.core.store.translations import write_translation

TEXT = "Hòa Bình là một tỉnh.\n\nHOÀ BÌNH có núi.\n\nCần Thơ có chợ nổi.\n\nhoa sen nở.\n"


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "hoa.txt"
    source.write_text(TEXT, encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    return project


def test_confirming_an_unchanged_machine_draft_keeps_its_origin_and_editing_makes_it_human() -> None:
    draft = EditState("Hoa Binh is a province.", Status.DRAFT, Origin.MT, "opus-mt-vi-en", -0.4)
    accepted = edited(draft, draft.text, confirmed=True)
    assert (accepted.status, accepted.origin, accepted.origin_detail) == (Status.TRANSLATED, Origin.MT, "opus-mt-vi-en")
    rewritten = edited(draft, "Hoa Binh is a province of Vietnam.", confirmed=True)
    assert (rewritten.status, rewritten.origin) == (Status.TRANSLATED, Origin.HUMAN)
    left = edited(EditState("Done.", Status.APPROVED, Origin.HUMAN), "Done!", confirmed=False)
    assert left.status is Status.DRAFT  # an approved text edited without confirming needs a person again
    assert edited(draft, draft.text, confirmed=False) == draft


def test_undo_can_write_a_segment_back_to_untranslated_and_every_step_is_a_revision(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        segment_id = project.segment_ids()[0]
        write_state(project, segment_id, "en", EditState("Hoa Binh.", Status.TRANSLATED, Origin.HUMAN), "an", "")
        write_state(project, segment_id, "en", EditState(), "an", "undo")
        assert project.segment(segment_id).translations["en"].status is Status.UNTRANSLATED
        assert [r["status"] for r in project.revisions(segment_id, "en")] == ["translated", "untranslated"]


def test_unconfirmed_text_survives_reopening_and_is_kept_as_a_draft(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        segment_id = project.segment_ids()[1]
        save_unconfirmed(project, segment_id, "km", "ខេត្តហ្វាប៊ិញ", "an")
    with Project.open(tmp_path / "p.wbp") as project:
        pending = unconfirmed_edits(project)
        assert [(e.segment_id, e.text) for e in pending] == [(segment_id, "ខេត្តហ្វាប៊ិញ")]
        keep_unconfirmed(project, pending, "an")
        kept = project.segment(segment_id).translations["km"]
        assert (kept.text, kept.status, kept.origin) == ("ខេត្តហ្វាប៊ិញ", Status.DRAFT, Origin.HUMAN)
        assert unconfirmed_edits(project) == []


def test_a_comment_is_kept_per_language_and_an_empty_one_removes_it(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        segment_id = project.segment_ids()[0]
        set_comment(project, segment_id, "en", "Check the official English name.", "an")
        assert comment(project, segment_id, "en") == "Check the official English name."
        assert comment(project, segment_id, "km") == ""
        set_comment(project, segment_id, "en", "  ", "an")
        assert comment(project, segment_id, "en") == ""


def test_search_ignoring_diacritics_finds_hoa_in_every_spelling(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        ids = project.segment_ids()
        sources = {s.id: s.source for s in project.segments_by_ids(ids)}
        exact = filter_segment_ids(project, None, SegmentFilter(text="hòa"))
        blind = filter_segment_ids(project, None, SegmentFilter(text="hoa", ignore_diacritics=True))
        assert [sources[i] for i in exact] == ["Hòa Bình là một tỉnh."]
        assert [sources[i] for i in blind] == ["Hòa Bình là một tỉnh.", "HOÀ BÌNH có núi.", "hoa sen nở."]
        assert filter_segment_ids(project, None, SegmentFilter(text="hoa", match_case=True)) == [ids[3]]


def test_status_filter_reads_the_chosen_language_and_needing_work_skips_confirmed(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        ids = project.segment_ids()
        project.save_translation(ids[0], "en", "Hoa Binh is a province.", Status.TRANSLATED, Origin.HUMAN, "an")
        project.save_translation(ids[1], "km", "draft", Status.DRAFT, Origin.MT, "m")
        translated_en = SegmentFilter(statuses=frozenset({Status.TRANSLATED}), language="en")
        assert filter_segment_ids(project, None, translated_en) == [ids[0]]
        drafts_anywhere = SegmentFilter(statuses=frozenset({Status.DRAFT}))
        assert filter_segment_ids(project, None, drafts_anywhere) == [ids[1]]
        assert ids_needing_work(project, "en") == set(ids[1:])
        assert filter_segment_ids(project, None, SegmentFilter(only_ids=frozenset({ids[2]}))) == [ids[2]]


def test_find_and_replace_is_planned_with_before_and_after_and_changes_nothing_yet(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        ids = project.segment_ids()
        project.save_translation(
            ids[0], "en", "Hoa Binh is a province. Hoa Binh!", Status.TRANSLATED, Origin.HUMAN, "a"
        )
        project.save_translation(ids[1], "en", "HOA BINH has hills.", Status.DRAFT, Origin.MT, "m")
        plans = plan_replacements(project, ids, "en", "hoa binh", "Hòa Bình")
        assert [(p.segment_id, p.after, p.count) for p in plans] == [
            (ids[0], "Hòa Bình is a province. Hòa Bình!", 2),
            (ids[1], "Hòa Bình has hills.", 1),
        ]
        assert plan_replacements(project, ids, "en", "hoa binh", "x", match_case=True) == []
        assert project.segment(ids[0]).translations["en"].text == "Hoa Binh is a province. Hoa Binh!"


def test_a_machine_draft_the_model_was_unsure_of_is_weak_until_a_person_confirms_it() -> None:
    def translation(status: Status, origin: Origin, score: float | None) -> Translation:
        return Translation("en", "Hoa Binh is a province.", status, origin, "opus-mt-vi-en", "", score, "")

    assert is_weak_draft(translation(Status.DRAFT, Origin.MT, -2.0))
    assert not is_weak_draft(translation(Status.DRAFT, Origin.MT, -0.4))  # the model was sure enough
    assert not is_weak_draft(translation(Status.DRAFT, Origin.MT, None))  # no score: nothing to judge by
    assert not is_weak_draft(translation(Status.TRANSLATED, Origin.MT, -2.0))  # a person vouched for it
    assert not is_weak_draft(translation(Status.DRAFT, Origin.TM, -2.0))  # memory drafts have no model score
    assert not is_weak_draft(None)


def _hoa_binh(project: Project) -> list[int]:
    ids = project.segment_ids()
    project.save_translation(ids[0], "en", "Hoa Binh is a province.", Status.APPROVED, Origin.HUMAN, "a")
    project.save_translation(ids[1], "en", "HOA BINH has hills.", Status.DRAFT, Origin.MT, "m")
    project.save_translation(ids[2], "en", "Hoa Binh and Can Tho.", Status.TRANSLATED, Origin.HUMAN, "a")
    return ids


def test_replacing_keeps_a_draft_a_draft_and_makes_other_text_translated_by_the_person(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        ids = _hoa_binh(project)
        plans = plan_replacements(project, ids, "en", "hoa binh", "Hòa Bình")
        project.save_translation(ids[2], "en", "Can Tho.", Status.TRANSLATED, Origin.HUMAN, "b")  # after the preview
        changes = apply_replacements(project, plans, "Lan")
        assert changes.segment_ids == (ids[0], ids[1]) and changes.languages == ("en",)
        first, second, third = (project.segment(i).translations["en"] for i in ids[:3])
        assert (first.text, first.status, first.origin, first.author) == (
            "Hòa Bình is a province.", Status.TRANSLATED, Origin.HUMAN, "Lan",
        )  # fmt: skip
        assert (second.text, second.status, second.origin) == ("Hòa Bình has hills.", Status.DRAFT, Origin.HUMAN)
        assert third.text == "Can Tho."  # changed since the preview: left alone
        assert project.revisions(ids[0], "en")[-1]["note"] == "find & replace"


def test_a_find_and_replace_that_fails_halfway_changes_no_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _project(tmp_path) as project:
        ids = _hoa_binh(project)
        plans = plan_replacements(project, ids, "en", "hoa binh", "Hòa Bình")
        before = [project.segment(i).translations["en"] for i in ids[:3]]
        calls: list[int] = []

        def failing(db: sqlite3.Connection, segment_id: int, *args: object, **kwargs: object) -> None:
            if calls:
                raise ProjectDiskFull(f"{project.path}: the disk is full")
            calls.append(segment_id)
            write_translation(db, segment_id, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(find_replace, "write_translation", failing)
        with pytest.raises(ProjectDiskFull):
            apply_replacements(project, plans, "Lan")
        assert calls == [ids[0]]
        assert [project.segment(i).translations["en"] for i in ids[:3]] == before
