"""Splitting and joining segments: numbers stay dense, translations follow, undo puts everything back."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import ProjectError
from workbench.core.exporting.document_rebuild import rebuild
from workbench.core.exporting.export_report import ExportReport
from workbench.core.importing.file_import import prepare_import
from workbench.core.ops.segment_rows import stored_comments, stored_segment, stored_translations
from workbench.core.ops.segment_structure import (
    JOIN_FLAG,
    SPLIT_FLAG,
    join_segments,
    split_point,
    split_segment,
    undo_join,
    undo_split,
)
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.store.segment_comments import comment, set_comment
from workbench.core.store.segment_numbers import labels_for

TEXT = "Ngày 24 tháng 11 năm 2024, tỉnh tổ chức lễ hội lớn. Mọi người đều vui.\n\nĐoạn hai.\n"


def _project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    path = tmp_path / "le-hoi.txt"
    path.write_text(TEXT, encoding="utf-8")
    project.store_document(prepare_import(path))
    return project


def _sources(project: Project) -> list[str]:
    return [s.source for s in project.segments()]


def _snapshot(project: Project) -> list[object]:
    db = project.connection
    ids = [r[0] for r in db.execute("SELECT id FROM segments ORDER BY id")]
    return [(stored_segment(db, i), stored_translations(db, i), stored_comments(db, i)) for i in ids]


def test_a_split_makes_two_segments_numbered_in_order(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, other, _last = project.segment_ids()
        project.save_translation(
            first, "en", "The province holds a big festival.", Status.TRANSLATED, Origin.HUMAN, "lan"
        )
        source = project.segment(first).source
        at = source.index(", tỉnh") + 1
        result = split_segment(project, first, at, "minh")
        assert _sources(project) == ["Ngày 24 tháng 11 năm 2024,", source[at + 1 :], "Mọi người đều vui.", "Đoạn hai."]
        assert result.segment_id == first and result.new_segment_id not in (first, other)
        assert project.segment_ids()[1] == result.new_segment_id
        labels = labels_for(project, project.segment_ids())
        numbers = [labels[i] for i in project.segment_ids()]
        assert numbers == ["le-hoi.txt #1", "le-hoi.txt #2", "le-hoi.txt #3", "le-hoi.txt #4"]
        kept = project.segment(first).translations["en"]
        assert (kept.text, kept.status) == ("The province holds a big festival.", Status.DRAFT)
        assert SPLIT_FLAG in kept.flags
        assert project.segment(result.new_segment_id).translations["en"].status is Status.UNTRANSLATED
        # the date stays a protected span of the first part; the second part's words are counted afresh
        assert [s.text for s in project.segment(first).spans] == ["Ngày 24 tháng 11 năm 2024"]
        words = project.connection.execute("SELECT words FROM segments WHERE id = ?", (result.new_segment_id,))
        assert words.fetchone()[0] == len(source[at:].split())
        assert "split at character" in project.revisions(first, "en")[-1]["note"]
        assert project.revisions(result.new_segment_id, "km")[-1]["note"] == f"split from segment {first}"


def test_undo_of_a_split_puts_every_row_back(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        project.save_translation(first, "km", "ពិធីបុណ្យ។", Status.APPROVED, Origin.HUMAN, "lan")
        before = _snapshot(project)
        result = split_segment(project, first, project.segment(first).source.index("tỉnh"), "minh")
        assert len(project.segment_ids()) == 4
        undo_split(project, result, "minh")
        assert _snapshot(project) == before
        again = split_segment(project, first, result.at, "minh", new_id=result.new_segment_id)  # redo
        assert again.new_segment_id == result.new_segment_id
        assert _sources(project)[1] == "tỉnh tổ chức lễ hội lớn."


def test_a_cut_inside_a_word_moves_to_its_nearer_edge(tmp_path: Path) -> None:
    source = "Mọi người đều vui."
    assert split_point(source, [], source.index("ười") + 1, "x") == source.index(" đều")
    assert split_point(source, [], source.index("ều"), "x") == source.index("đều")
    assert split_point("Một.Hai.", [], 4, "x") == 4  # after a full stop, even without a space


def test_bad_split_places_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        source = project.segment(first).source
        before = _snapshot(project)
        for at, message in [
            (0, "at its start or its end"),
            (len(source), "at its start or its end"),
            (source.index("tháng"), r"inside 'Ngày 24 tháng 11 năm 2024' \(a date\)"),
            (len(source) - 1, "one part would have no words"),
        ]:
            with pytest.raises(ProjectError, match=message) as caught:
                split_segment(project, first, at, "minh")
            assert "le-hoi.txt #1" in str(caught.value)
        assert _snapshot(project) == before


def test_a_join_merges_sources_and_translations(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, second, _last = project.segment_ids()
        project.save_translation(first, "en", "On 24 November 2024 the province held a festival.", Status.TRANSLATED,
                                 Origin.HUMAN, "lan")  # fmt: skip
        project.save_translation(second, "en", "Everyone was happy.", Status.DRAFT, Origin.MT, "")
        project.save_translation(second, "km", "អ្នករាល់គ្នារីករាយ។", Status.TRANSLATED, Origin.HUMAN, "lan")
        result = join_segments(project, first, "minh")
        assert _sources(project) == [TEXT.split("\n")[0], "Đoạn hai."]
        joined = project.segment(first).translations
        assert joined["en"].text == "On 24 November 2024 the province held a festival. Everyone was happy."
        assert joined["en"].status is Status.DRAFT  # the lower of translated and draft
        assert joined["en"].origin is Origin.HUMAN and JOIN_FLAG in joined["en"].flags
        # only the second had Khmer: it covers half the text now, so it is a draft to finish
        assert (joined["km"].text, joined["km"].status) == ("អ្នករាល់គ្នារីករាយ។", Status.DRAFT)
        assert [s.text for s in project.segment(first).spans] == ["Ngày 24 tháng 11 năm 2024"]
        # the second segment is kept as history, like one a re-import removed
        gone = stored_segment(project.connection, result.removed_id)
        assert gone is not None and gone.position is None and gone.removed_at
        assert project.segment(second).translations["km"].text == "អ្នករាល់គ្នារីករាយ។"
        assert project.revisions(second, "en")[-1]["note"] == f"joined into segment {first}"


def test_undo_of_a_join_gives_the_second_segment_back_with_its_id(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, second, _last = project.segment_ids()
        project.save_translation(first, "en", "A festival.", Status.APPROVED, Origin.HUMAN, "lan")
        project.save_translation(second, "en", "Joy.", Status.APPROVED, Origin.HUMAN, "lan")
        set_comment(project, first, "en", "Check the date.", "lan")
        set_comment(project, second, "en", "Joy or happiness?", "lan")
        set_comment(project, second, "km", "A name here.", "lan")
        before = _snapshot(project)
        result = join_segments(project, first, "minh")
        # a note on either stays in sight on the joined segment
        assert comment(project, first, "en") == "Check the date.\nJoy or happiness?"
        assert comment(project, first, "km") == "A name here."
        assert project.segment(first).translations["en"].status is Status.APPROVED  # both were approved
        undo_join(project, result, "minh")
        assert _snapshot(project) == before
        assert project.segment_ids()[1] == second


def test_a_join_across_paragraphs_or_past_the_end_is_refused(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        _first, second, last = project.segment_ids()
        before = _snapshot(project)
        with pytest.raises(ProjectError, match=r"cannot join le-hoi.txt #2 with le-hoi.txt #3: .*another paragraph"):
            join_segments(project, second, "minh")
        with pytest.raises(ProjectError, match=r"cannot join le-hoi.txt #3: it is the last segment"):
            join_segments(project, last, "minh")
        with pytest.raises(ProjectError, match="there is no segment 999"):
            join_segments(project, 999, "minh")
        assert _snapshot(project) == before


def test_an_export_after_a_split_and_a_join_keeps_the_text(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        doc = project.documents()[0].id
        split_segment(project, first, project.segment(first).source.index("tỉnh"), "minh")
        text = [b.pieces for b in rebuild(project, "en", doc, ExportReport(tmp_path / "out.txt")).blocks]
        assert "".join(p.text for p in text[0]).strip() == TEXT.split("\n")[0]
        join_segments(project, first, "minh")
        join_segments(project, first, "minh")
        text = [b.pieces for b in rebuild(project, "en", doc, ExportReport(tmp_path / "out.txt")).blocks]
        assert "".join(p.text for p in text[0]).strip() == TEXT.split("\n")[0]


def test_a_po_entry_is_not_split_or_joined(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "po.wbp", "p", "vi", ["en"])
    po = tmp_path / "ui.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Mở tệp. Lưu tệp."\nmsgstr ""\n\nmsgid "Đóng"\nmsgstr ""\n',
        encoding="utf-8",
    )
    with project:
        project.store_document(prepare_import(po))
        first = project.segment_ids()[0]
        before = _snapshot(project)
        with pytest.raises(ProjectError, match=r"ui.po #1 is a PO entry"):
            split_segment(project, first, project.segment(first).source.index("Lưu"), "minh")
        with pytest.raises(ProjectError, match=r"ui.po #1 is a PO entry"):
            join_segments(project, first, "minh")
        assert _snapshot(project) == before


def test_undo_of_a_split_is_refused_once_a_part_was_translated_and_nothing_is_lost(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        result = split_segment(project, first, project.segment(first).source.index("tỉnh"), "minh")
        second = result.new_segment_id
        # the parts translated after the split (the CLI's `edit`, MT, another process)
        project.save_translation(second, "en", "the province holds a festival.", Status.TRANSLATED, Origin.HUMAN, "lan")
        project.save_translation(first, "en", "On 24 November 2024,", Status.TRANSLATED, Origin.HUMAN, "lan")
        before = _snapshot(project)
        with pytest.raises(ProjectError, match=r"cannot undo the split of le-hoi.txt #1: its parts were edited"):
            undo_split(project, result, "minh")
        assert _snapshot(project) == before
        assert len(project.revisions(second, "en")) == 2  # the split's note and the translation


def test_undo_of_a_split_is_refused_once_a_part_has_a_comment(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        result = split_segment(project, first, project.segment(first).source.index("tỉnh"), "minh")
        set_comment(project, result.new_segment_id, "km", "A place name.", "lan")
        with pytest.raises(ProjectError, match="edited since"):
            undo_split(project, result, "minh")
        assert comment(project, result.new_segment_id, "km") == "A place name."


def test_undo_of_a_join_is_refused_once_the_joined_segment_was_edited(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, _second, _last = project.segment_ids()
        result = join_segments(project, first, "minh")
        project.save_translation(first, "en", "A festival, and joy.", Status.TRANSLATED, Origin.HUMAN, "lan")
        before = _snapshot(project)
        with pytest.raises(ProjectError, match=r"cannot undo the join of le-hoi.txt #1: the joined segment was edited"):
            undo_join(project, result, "minh")
        assert _snapshot(project) == before
        assert project.segment(first).translations["en"].text == "A festival, and joy."


def test_an_edit_undone_back_to_what_the_split_left_does_not_block_its_undo(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        before = _snapshot(project)
        result = split_segment(project, first, project.segment(first).source.index("tỉnh"), "minh")
        second = result.new_segment_id
        project.save_translation(second, "en", "the province.", Status.DRAFT, Origin.HUMAN, "lan")
        project.connection.execute("DELETE FROM translations WHERE segment_id = ?", (second,))  # the edit undone
        undo_split(project, result, "minh")
        assert _snapshot(project) == before


def test_a_joined_segment_says_where_it_went(tmp_path: Path) -> None:
    from workbench.core.ops.confirmation import edit_segment
    from workbench.core.store.segment_numbers import resolve_segment

    with _project(tmp_path) as project:
        first, second, _last = project.segment_ids()
        join_segments(project, first, "minh")
        with pytest.raises(ProjectError, match=rf"segment '{second}' was joined into le-hoi.txt #1"):
            resolve_segment(project, str(second))
        with pytest.raises(Exception, match=rf"segment {second} was joined into le-hoi.txt #1: it cannot be edited"):
            edit_segment(project, second, "en", "Joy.", "lan", confirm=False)
        with pytest.raises(ProjectError, match=rf"segment {second} of p.wbp was joined into le-hoi.txt #1"):
            join_segments(project, second, "minh")


def test_a_segment_a_reimport_took_out_still_says_so(tmp_path: Path) -> None:
    from workbench.core.importing.file_import import import_files
    from workbench.core.store.segment_numbers import resolve_segment

    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        result = split_segment(project, first, project.segment(first).source.index("tỉnh"), "minh")
        import_files(project, [tmp_path / "le-hoi.txt"])  # the rules do not make the split: its second part goes
        assert result.new_segment_id not in project.segment_ids()
        with pytest.raises(ProjectError, match="was removed from its document by a re-import"):
            resolve_segment(project, str(result.new_segment_id))
