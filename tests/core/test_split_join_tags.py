"""Splitting and joining segments with inline tags: the formatting stays formatting on both sides, never
marker text, and undo puts every row back. Word files built with python-docx, as a user's would be."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.exporting.export_formats import export
from workbench.core.importing.file_import import prepare_import
from workbench.core.ops.segment_rows import stored_comments, stored_segment, stored_translations
from workbench.core.ops.segment_structure import join_segments, split_segment, undo_join, undo_split
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.project_run import check_project
from workbench.core.records import Origin, SegmentRecord, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo, markers, nesting_problems
from workbench.core.tags.tag_cuts import renumbered_offsets

Runs = list[tuple[str, str]]  # (text, "b" bold / "i" italic / "" plain)


def _project(tmp_path: Path, runs: Runs, breaks_after: tuple[int, ...] = ()) -> Project:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for index, (text, style) in enumerate(runs):
        run = paragraph.add_run(text)
        run.bold = style == "b" or None
        run.italic = style == "i" or None
        if index in breaks_after:
            paragraph.add_run().add_break()
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    project.store_document(prepare_import(path))
    return project


def _well_formed(segment: SegmentRecord, text: str | None = None) -> None:
    """Every marker-shaped piece of the text is a tag of the segment's map, and the pairs nest."""
    text = segment.source if text is None else text
    assert text.count("<") == len(markers(text, segment.tags)), text
    assert not nesting_problems(text, segment.tags), text


def _exported(project: Project, tmp_path: Path) -> docx.text.paragraph.Paragraph:
    out = tmp_path / "out.docx"
    export(project, "docx", ["en"], out, project.documents()[0].id)
    (paragraph,) = [p for p in docx.Document(str(out)).paragraphs if p.text.strip()]
    assert "<" not in paragraph.text  # no marker left as text
    return paragraph


def _bold(paragraph: docx.text.paragraph.Paragraph, words: str) -> bool:
    """Whether `words` are written in bold runs (a run not bold between them would break them apart)."""
    return words in "".join(r.text if r.bold else "\n" for r in paragraph.runs)


def _snapshot(project: Project) -> list[object]:
    db = project.connection
    ids = [r[0] for r in db.execute("SELECT id FROM segments ORDER BY id")]
    return [(stored_segment(db, i), stored_translations(db, i), stored_comments(db, i)) for i in ids]


#: a bold stretch across the sentence boundary: both sentences carry <b1>
ACROSS: Runs = [
    ("Ủy ban nhân dân tỉnh ", ""),
    ("ban hành kế hoạch văn hoá. Kế hoạch", "b"),
    (" có hiệu lực từ ngày ký.", ""),
]


def test_joining_two_segments_that_both_have_tag_1_renumbers_the_second(tmp_path: Path) -> None:
    with _project(tmp_path, ACROSS) as project:
        first, second = project.segments()
        assert first.source.endswith("<b1>ban hành kế hoạch văn hoá.</b1>")
        assert second.source.startswith("<b1>Kế hoạch</b1>")
        project.save_translation(first.id, "en", "The province <b1>issues the plan.</b1>", Status.TRANSLATED,
                                 Origin.HUMAN, "Lan")  # fmt: skip
        project.save_translation(second.id, "en", "<b1>The plan</b1> takes effect.", Status.TRANSLATED,
                                 Origin.HUMAN, "Lan")  # fmt: skip
        join_segments(project, first.id, "Lan")
        (joined,) = project.segments()
        assert joined.source == (
            "Ủy ban nhân dân tỉnh <b1>ban hành kế hoạch văn hoá.</b1> <b2>Kế hoạch</b2> có hiệu lực từ ngày ký."
        )
        assert sorted(joined.tags) == [1, 2] and joined.tags[2].formats == {"bold": True}
        translation = joined.translations["en"].text
        assert translation == "The province <b1>issues the plan.</b1> <b2>The plan</b2> takes effect."
        _well_formed(joined)
        _well_formed(joined, translation)
        paragraph = _exported(project, tmp_path)  # the draft is not exported: the Vietnamese source is
        export(project, "xliff", ["en"], tmp_path / "out.xlf", None)
        handoff = (tmp_path / "out.xlf").read_text(encoding="utf-8")
    assert "&lt;" not in handoff and '<g id="1" ctype="bold">' in handoff and '<g id="2" ctype="bold">' in handoff
    assert _bold(paragraph, "ban hành kế hoạch văn hoá.") and _bold(paragraph, "Kế hoạch")
    assert not any(r.bold for r in paragraph.runs if "hiệu lực" in r.text)


def test_joining_a_plain_segment_with_a_tagged_one_keeps_the_seconds_formatting(tmp_path: Path) -> None:
    runs: Runs = [("Kế hoạch được ban hành hôm nay. ", ""), ("Quyết định số 12", "b"), (" có hiệu lực.", "")]
    with _project(tmp_path, runs) as project:
        first, second = project.segments()
        assert not first.tags and second.source == "<b1>Quyết định số 12</b1> có hiệu lực."
        project.save_translation(second.id, "en", "<b1>Decision No. 12</b1> takes effect.", Status.TRANSLATED,
                                 Origin.HUMAN, "Lan")  # fmt: skip
        join_segments(project, first.id, "Lan")
        (joined,) = project.segments()
        assert joined.source == "Kế hoạch được ban hành hôm nay. <b1>Quyết định số 12</b1> có hiệu lực."
        assert joined.tags[1].formats == {"bold": True}
        assert joined.translations["en"].text == "<b1>Decision No. 12</b1> takes effect."
        _well_formed(joined)
        paragraph = _exported(project, tmp_path)
    assert _bold(paragraph, "Quyết định số 12")
    assert not any(r.bold for r in paragraph.runs if "hôm nay" in r.text)


def test_undo_of_a_join_of_tagged_segments_restores_both(tmp_path: Path) -> None:
    with _project(tmp_path, ACROSS) as project:
        first, second = project.segments()
        project.save_translation(second.id, "en", "<b1>The plan</b1> takes effect.", Status.DRAFT, Origin.MT, "")
        before = _snapshot(project)
        result = join_segments(project, first.id, "Lan")
        undo_join(project, result, "Lan")
        assert _snapshot(project) == before
        _again_first, again_second = project.segments()
        assert again_second.source.startswith("<b1>Kế hoạch</b1>") and sorted(again_second.tags) == [1]


#: one bold stretch and an italic one in a single sentence
BOLD_THEN_ITALIC: Runs = [
    ("Quyết định số 12 của tỉnh", "b"),
    (" ban hành ", ""),
    ("kế hoạch văn hoá", "i"),
    (" năm nay.", ""),
]


def test_a_split_inside_a_bold_stretch_closes_it_and_opens_it_again(tmp_path: Path) -> None:
    with _project(tmp_path, BOLD_THEN_ITALIC) as project:
        (segment,) = project.segments()
        assert segment.source == "<b1>Quyết định số 12 của tỉnh</b1> ban hành <i2>kế hoạch văn hoá</i2> năm nay."
        project.save_translation(segment.id, "en", "<b1>Decision No. 12 of the province</b1> issues the "
                                 "<i2>cultural plan</i2> this year.", Status.TRANSLATED, Origin.HUMAN, "Lan")  # fmt: skip
        split_segment(project, segment.id, segment.source.index("của"), "Lan")
        first, second = project.segments()
        assert first.source == "<b1>Quyết định số 12</b1>"
        assert second.source == "<b1>của tỉnh</b1> ban hành <i2>kế hoạch văn hoá</i2> năm nay."
        assert sorted(first.tags) == [1] and sorted(second.tags) == [1, 2]
        for part in (first, second):
            _well_formed(part)
        # the whole translation stays on the first part as a draft; the italic tag is not the first part's
        kept = first.translations["en"]
        assert kept.status is Status.DRAFT
        assert kept.text == "<b1>Decision No. 12 of the province</b1> issues the cultural plan this year."
        _well_formed(first, kept.text)
        # a translator copying each part's source with its tags gets no tag problem
        for part in (first, second):
            project.save_translation(part.id, "en", part.source, Status.TRANSLATED, Origin.HUMAN, "Lan")
        problems = check_project(project, ["en"], None, QaContext.load(project, Settings()))
        assert [p for p in problems if p.check_id == "tags"] == []
        project.save_translation(first.id, "en", "<b1>Decision No. 12</b1>", Status.APPROVED, Origin.HUMAN, "Lan")
        project.save_translation(second.id, "en", "<b1>of the province</b1> issues the <i2>cultural plan</i2>.",
                                 Status.APPROVED, Origin.HUMAN, "Lan")  # fmt: skip
        paragraph = _exported(project, tmp_path)
    assert _bold(paragraph, "Decision No. 12") and _bold(paragraph, "of the province")
    assert all(r.italic and not r.bold for r in paragraph.runs if r.text == "cultural plan")


def test_a_cut_asked_inside_a_marker_or_a_bold_word_never_breaks_it(tmp_path: Path) -> None:
    with _project(tmp_path, BOLD_THEN_ITALIC) as project:
        (segment,) = project.segments()
        source = segment.source
        inside_word = source.index("Quyết") + 2  # "Qu|yết": to the word's nearer edge, not before <b1>
        with pytest.raises(Exception, match="one part would have no words"):
            split_segment(project, segment.id, inside_word, "Lan")
        result = split_segment(project, segment.id, source.index("</b1>") + 2, "Lan")  # inside "</b1>"
        first, second = project.segments()
        assert first.source == "<b1>Quyết định số 12 của tỉnh</b1>" and result.at == source.index(" ban")
        assert second.source == "ban hành <i2>kế hoạch văn hoá</i2> năm nay." and sorted(second.tags) == [2]
        assert not first.tags.keys() - {1}


def test_a_split_next_to_a_line_break_keeps_the_break_with_the_words_before(tmp_path: Path) -> None:
    runs: Runs = [("Xem phụ lục kèm theo", ""), ("mục hai của kế hoạch năm nay.", "")]
    with _project(tmp_path, runs, breaks_after=(0,)) as project:
        (segment,) = project.segments()
        assert segment.source == "Xem phụ lục kèm theo<br1/>mục hai của kế hoạch năm nay."
        at = segment.source.index("<br1/>") + 3  # inside the marker
        split_segment(project, segment.id, at, "Lan")
        first, second = project.segments()
        assert (first.source, second.source) == ("Xem phụ lục kèm theo<br1/>", "mục hai của kế hoạch năm nay.")
        assert first.tags[1].kind == "break" and not second.tags
        paragraph = _exported(project, tmp_path)
    assert paragraph._p.findall(".//" + docx.oxml.ns.qn("w:br"))


def test_undo_of_a_tagged_split_restores_the_segment_exactly(tmp_path: Path) -> None:
    with _project(tmp_path, BOLD_THEN_ITALIC) as project:
        (segment,) = project.segments()
        project.save_translation(segment.id, "en", "<b1>Decision No. 12</b1> issues the <i2>plan</i2>.",
                                 Status.APPROVED, Origin.HUMAN, "Lan")  # fmt: skip
        before = _snapshot(project)
        result = split_segment(project, segment.id, segment.source.index("tỉnh"), "Lan")
        undo_split(project, result, "Lan")
        assert _snapshot(project) == before
        split_segment(project, segment.id, result.at, "Lan", new_id=result.new_segment_id)  # redo: the same cut
        assert project.segments()[0].source == "<b1>Quyết định số 12 của</b1>"


def test_split_before_words_finds_them_across_tags_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path, BOLD_THEN_ITALIC).close()
    path = tmp_path / "p.wbp"
    context = AppContext(Settings(user_name="Dara"), tmp_path / "shared.db")
    assert cli_main(["split", str(path), "ke-hoach.docx #1", "--before", "tỉnh ban hành"], context) == 0
    assert "'<b1>Quyết định số 12 của</b1>' | '<b1>tỉnh</b1> ban hành" in capsys.readouterr().out


def test_renumbering_moves_places_after_a_longer_marker() -> None:
    tags = {1: TagInfo(1, "b", True, {"bold": True})}
    moved = renumbered_offsets("<b1>số 12</b1> ngày", tags, {1: 10})
    assert moved(0) == 0 and moved(4) == 5 and moved(15) == 17
