"""Confirming a segment fills its repetitions in the project, never over a person's work."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import ProjectError
from workbench.core.importing.file_import import prepare_import
from workbench.core.ops.repetitions import propagate_confirmation, repetitions_kept, repetitions_of
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project


def _project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    first = tmp_path / "a.txt"
    first.write_text("Xin chào.\n\nCâu khác.\n\nxin   CHÀO.\n\nXin chào.\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("Xin chào.\n\nXin chào bạn.\n", encoding="utf-8")
    project.store_document(prepare_import(first))
    project.store_document(prepare_import(second))
    return project


def _text(project: Project, segment_id: int, language: str = "en") -> tuple[str, Status, Origin]:
    t = project.segment(segment_id).translations[language]
    return t.text, t.status, t.origin


def test_confirming_fills_every_repetition_in_the_project(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        a1, other, a3, a4, b1, b2 = project.segment_ids()
        project.save_translation(a1, "en", "Hello.", Status.TRANSLATED, Origin.HUMAN, "lan")
        changed = propagate_confirmation(project, a1, "en", "lan", "translated")
        # case and spacing folded as the memory folds them; another document too; a longer text is no repetition
        assert changed == [a3, a4, b1]
        for seg in changed:
            assert _text(project, seg) == ("Hello.", Status.TRANSLATED, Origin.TM)
            assert project.revisions(seg, "en")[-1]["note"] == "repetition of a.txt #1"
        assert _text(project, other)[1] is Status.UNTRANSLATED
        assert _text(project, b2)[1] is Status.UNTRANSLATED
        assert _text(project, a3, "km")[1] is Status.UNTRANSLATED  # only the confirmed language


def test_draft_mode_fills_drafts_and_off_fills_nothing(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        a1, _other, a3, _a4, _b1, _b2 = project.segment_ids()
        project.save_translation(a1, "en", "Hello.", Status.TRANSLATED, Origin.HUMAN, "lan")
        assert propagate_confirmation(project, a1, "en", "lan", "off") == []
        assert _text(project, a3)[1] is Status.UNTRANSLATED
        assert a3 in propagate_confirmation(project, a1, "en", "lan", "draft")
        assert _text(project, a3) == ("Hello.", Status.DRAFT, Origin.TM)


def test_a_persons_work_is_never_overwritten(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        a1, _other, a3, a4, b1, _b2 = project.segment_ids()
        project.save_translation(a3, "en", "Hi there.", Status.DRAFT, Origin.HUMAN, "minh")  # typed, not confirmed
        project.save_translation(a4, "en", "Greetings.", Status.NEEDS_WORK, Origin.MT, "minh")
        project.save_translation(b1, "en", "Machine hello", Status.DRAFT, Origin.MT, "")  # a machine draft: filled
        project.save_translation(a1, "en", "Hello.", Status.TRANSLATED, Origin.HUMAN, "lan")
        assert repetitions_of(project, a1, "en") == [b1]
        assert propagate_confirmation(project, a1, "en", "lan", "translated") == [b1]
        assert _text(project, a3) == ("Hi there.", Status.DRAFT, Origin.HUMAN)
        assert _text(project, a4) == ("Greetings.", Status.NEEDS_WORK, Origin.MT)
        assert _text(project, b1) == ("Hello.", Status.TRANSLATED, Origin.TM)
        # a3 and a4 hold a person's different text: counted as left
        assert repetitions_kept(project, a1, "en") == [a3, a4]


def test_a_filled_copy_follows_a_corrected_confirmation_unless_a_person_changed_it(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        a1, _other, a3, a4, b1, _b2 = project.segment_ids()
        project.save_translation(a1, "en", "Hello.", Status.TRANSLATED, Origin.HUMAN, "lan")
        assert propagate_confirmation(project, a1, "en", "lan", "translated") == [a3, a4, b1]
        # a person rewrites one copy; another is confirmed by a person as it is (a revision of theirs)
        project.save_translation(a3, "en", "Hi.", Status.TRANSLATED, Origin.HUMAN, "minh")
        project.save_translation(a4, "en", "Hello.", Status.TRANSLATED, Origin.TM, "minh", "repetition of a.txt #1")
        project.save_translation(a1, "en", "Hello!", Status.TRANSLATED, Origin.HUMAN, "lan")  # the correction
        assert repetitions_of(project, a1, "en") == [b1]
        assert propagate_confirmation(project, a1, "en", "lan", "translated") == [b1]
        assert _text(project, b1) == ("Hello!", Status.TRANSLATED, Origin.TM)  # the program's copy followed
        assert _text(project, a3)[0] == "Hi." and _text(project, a4)[0] == "Hello."
        assert repetitions_kept(project, a1, "en") == [a3, a4]
        # confirming the same text again writes no new revision into the copy
        count = len(project.revisions(b1, "en"))
        assert propagate_confirmation(project, a1, "en", "lan", "translated") == []
        assert len(project.revisions(b1, "en")) == count


def test_nothing_propagates_from_an_unconfirmed_or_empty_text(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        a1, _other, a3, _a4, _b1, _b2 = project.segment_ids()
        assert propagate_confirmation(project, a1, "en", "lan", "translated") == []
        project.save_translation(a1, "en", "Hello.", Status.DRAFT, Origin.MT, "")
        assert propagate_confirmation(project, a1, "en", "lan", "translated") == []
        assert _text(project, a3)[1] is Status.UNTRANSLATED


def test_not_for_translation_segments_are_left_alone(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        a1, _other, a3, a4, b1, _b2 = project.segment_ids()
        project.set_translatable(a3, False)
        project.save_translation(a1, "en", "Hello.", Status.TRANSLATED, Origin.HUMAN, "lan")
        assert propagate_confirmation(project, a1, "en", "lan", "translated") == [a4, b1]


def test_a_bad_mode_or_language_is_refused(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        a1 = project.segment_ids()[0]
        with pytest.raises(ProjectError, match="unknown way to propagate"):
            propagate_confirmation(project, a1, "en", "lan", "always")
        with pytest.raises(ProjectError, match="'fr' is not a target language"):
            propagate_confirmation(project, a1, "fr", "lan", "translated")


def test_confirm_of_many_drafts_fills_the_same_repetitions_as_one_by_one(tmp_path: Path) -> None:
    from workbench.core.ops.confirmation import confirm_drafts

    with _project(tmp_path) as project:
        a1, other, a3, a4, b1, b2 = project.segment_ids()
        project.save_translation(a1, "en", "Hello.", Status.DRAFT, Origin.MT, "m")
        project.save_translation(other, "en", "Another sentence.", Status.DRAFT, Origin.MT, "m")
        project.save_translation(a4, "en", "Hi.", Status.TRANSLATED, Origin.HUMAN, "lan")  # a person's: stays
        project.save_translation(b2, "en", "Hello, friend.", Status.DRAFT, Origin.MT, "m")
        outcome = confirm_drafts(project, "en", "lan", propagate="translated")
        assert outcome.confirmed == (a1, other, b2)
        assert outcome.propagated == (a3, b1)
        assert _text(project, a3) == _text(project, b1) == ("Hello.", Status.TRANSLATED, Origin.TM)
        assert _text(project, a4) == ("Hi.", Status.TRANSLATED, Origin.HUMAN)
        assert project.revisions(b1, "en")[-1]["note"] == "repetition of a.txt #1"
        assert outcome.kept == (a4,)  # said: left for a person's text

        # a new draft of a1, confirmed many-at-once: the program's copies follow it, the person's stays
        project.save_translation(b1, "en", "Hello.", Status.TRANSLATED, Origin.HUMAN, "minh")  # now a person's
        project.save_translation(a1, "en", "Hello there.", Status.DRAFT, Origin.HUMAN, "lan")
        outcome = confirm_drafts(project, "en", "lan", propagate="translated")
        assert outcome.confirmed == (a1,) and outcome.propagated == (a3,)
        assert _text(project, a3) == ("Hello there.", Status.TRANSLATED, Origin.TM)
        assert _text(project, b1)[0] == "Hello." and _text(project, a4)[0] == "Hi."
        assert outcome.kept == (a4, b1)


def test_confirm_and_its_repetitions_are_written_together_or_not_at_all(tmp_path: Path) -> None:
    """A failure while filling the repetitions (a full disk, here a trigger) leaves the drafts as they were:
    the project never holds the confirmations without their repetitions."""
    import sqlite3

    from workbench.core.ops.confirmation import confirm_drafts, edit_segment

    with _project(tmp_path) as project:
        a1, other, a3, _a4, _b1, _b2 = project.segment_ids()
        project.save_translation(a1, "en", "Hello.", Status.DRAFT, Origin.MT, "m")
        project.save_translation(other, "en", "Another sentence.", Status.DRAFT, Origin.MT, "m")
        project.connection.execute(
            """CREATE TRIGGER fail_repetitions BEFORE INSERT ON revisions WHEN NEW.note LIKE 'repetition of%'
               BEGIN SELECT RAISE(ABORT, 'disk full'); END"""
        )
        with pytest.raises(sqlite3.DatabaseError, match="disk full"):
            confirm_drafts(project, "en", "lan", propagate="translated")
        assert _text(project, a1)[1] is Status.DRAFT and _text(project, other)[1] is Status.DRAFT
        with pytest.raises(sqlite3.DatabaseError, match="disk full"):
            edit_segment(project, a1, "en", "Hello there.", "lan", confirm=True, propagate="draft")
        assert _text(project, a1) == ("Hello.", Status.DRAFT, Origin.MT)
        assert _text(project, a3)[1] is Status.UNTRANSLATED


def test_a_bad_way_to_propagate_is_refused_before_anything_is_confirmed(tmp_path: Path) -> None:
    from workbench.core.errors import WorkbenchError
    from workbench.core.ops.confirmation import confirm_drafts

    with _project(tmp_path) as project:
        a1 = project.segment_ids()[0]
        project.save_translation(a1, "en", "Hello.", Status.DRAFT, Origin.MT, "m")
        with pytest.raises(WorkbenchError, match="unknown way to propagate"):
            confirm_drafts(project, "en", "lan", propagate="everywhere")
        assert _text(project, a1)[1] is Status.DRAFT
