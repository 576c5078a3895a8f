"""The `tags` check: a translation must carry the source's formatting tags, well nested and in order."""

from __future__ import annotations

from pathlib import Path

from workbench.core.importing.file_import import import_files
from workbench.core.qa.checks import BY_ID, Severity, Subject, check_subject
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.project_run import check_project
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo

TAGS = {1: TagInfo(1, "b", True, {"bold": True}), 2: TagInfo(2, "br", False, kind="break")}
SOURCE = "Điều <b1>1</b1> của Nghị định<br2/>số 12"


def _ids(target: str, tags: dict[int, TagInfo] | None = TAGS) -> dict[str, str]:
    subject = Subject(SOURCE, target, "en", Status.DRAFT, Origin.MT, tags=tags)
    return {p.check_id: p.message for p in check_subject(subject)}


def test_the_tags_check_is_an_error_listed_with_the_others() -> None:
    assert BY_ID["tags"].severity is Severity.ERROR


def test_a_translation_with_the_source_tags_passes() -> None:
    found = _ids("Article <b1>1</b1> of Decree<br2/>No. 12")
    assert "tags" not in found
    assert "number-added" not in found and "number-missing" not in found


def test_a_missing_tag_is_reported() -> None:
    found = _ids("Article <b1>1</b1> of Decree No. 12")
    assert "<br2/>" in found["tags"]


def test_badly_nested_or_reordered_tags_are_reported() -> None:
    assert "tags" in _ids("Article </b1>1<b1> of Decree<br2/>No. 12")


def test_a_segment_without_tags_is_never_checked_for_tags() -> None:
    subject = Subject("Điều 1", "Article 1 <b1>", "en", Status.DRAFT, Origin.MT)
    assert "tags" not in {p.check_id for p in check_subject(subject)}


def test_the_number_inside_a_marker_is_not_a_number_of_the_text() -> None:
    found = _ids("Article <b1>1</b1> of Decree<br2/>No. 12")
    assert "number-added" not in found
    missing = _ids("Article <b1></b1> of Decree<br2/>No. 12")  # the 1 of <b1> does not stand in for "1"
    assert "1" in missing["number-missing"]


LINK = {1: TagInfo(1, "a", True, href="https://dichvucong.gov.vn")}
LINK_SOURCE = "Xem <a1>cổng</a1> và thêm"


def _link_findings(target: str, source: str = LINK_SOURCE, tags: dict[int, TagInfo] = LINK) -> dict[str, str]:
    subject = Subject(source, target, "en", Status.TRANSLATED, Origin.HUMAN, tags=tags)
    return {p.check_id: p.message for p in check_subject(subject)}


def test_marker_shaped_text_that_is_not_a_tag_of_the_source_is_an_error() -> None:
    found = _link_findings("See the <a1>portal</a1> and <b2>more</b2>")
    assert "not a tag of the source: <b2>" in found["tags"]  # export would write it as literal text
    assert "number-added" not in found  # the 2 of <b2> is not a number of the text


def test_a_marker_whose_letter_changed_says_what_the_tag_is_now() -> None:
    # a draft made when the source's tag 1 was bold, kept across a re-import that made it italic
    italic = {1: TagInfo(1, "i", True, {"italic": True})}
    found = _link_findings("Article <b1>1</b1>", source="Điều <i1>1</i1>", tags=italic)
    assert "missing tags: <i1> </i1>" in found["tags"]
    assert "not a tag of the source: <b1>…</b1> (tag 1 is <i1>…</i1>)" in found["tags"]
    assert "number-added" not in found and "number-missing" not in found


def test_a_tag_written_twice_is_named_with_how_often() -> None:
    found = _ids("Article <b1>1</b1> of Decree<br2/>No.<br2/> 12")
    assert "<br2/> twice" in found["tags"]
    pair = _ids("Article <b1>1</b1> of <b1>Decree</b1><br2/>No. 12")
    assert "<b1>…</b1> twice" in pair["tags"]


def test_a_standalone_written_as_a_pair_is_not_a_tag() -> None:
    found = _ids("Article <b1>1</b1> of Decree<br2>No. 12")
    assert "missing tag: <br2/>" in found["tags"]
    assert "not a tag of the source: <br2> (tag 2 is <br2/>)" in found["tags"]


def test_marker_looking_text_the_source_has_escaped_stays_text() -> None:
    # import put a word joiner after the "<" of the source's literal "<b2>": not marker-shaped
    source = "Gõ <\u2060b2> rồi <a1>xem</a1>"
    found = _link_findings("Type <\u2060b2> then <a1>look</a1>", source=source)
    assert "tags" not in found
    assert "number-added" not in found and "number-missing" not in found  # its 2 is text, on both sides


def test_a_project_check_reports_a_stray_marker_in_an_imported_page(tmp_path: Path) -> None:
    page = tmp_path / "trang.html"
    page.write_text(
        '<html lang="vi"><body><article><p>Xem <a href="https://dichvucong.gov.vn">cổng dịch vụ công</a>'
        " và thêm hướng dẫn &lt;b2&gt;.</p></article></body></html>",
        encoding="utf-8",
    )
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        import_files(project, [page])
        (segment,) = project.segments()
        assert segment.source == "Xem <a1>cổng dịch vụ công</a1> và thêm hướng dẫn <\u2060b2>."  # escaped text
        project.save_translation(
            segment.id, "en", "See the <a1>public service portal</a1> and <b2>more</b2> guides <\u2060b2>.",
            Status.TRANSLATED, Origin.HUMAN, "Lan",
        )  # fmt: skip
        problems = check_project(project, ["en"], None, QaContext.load(project, Settings()))
    by_check = {p.check_id: p for p in problems}
    assert by_check["tags"].message == "not a tag of the source: <b2>…</b2>"  # the escaped <b2> is no stray
    assert by_check["tags"].severity is Severity.ERROR
    assert "number-added" not in by_check and "number-missing" not in by_check
