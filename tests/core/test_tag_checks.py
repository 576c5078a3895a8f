"""The `tags` check: a translation must carry the source's formatting tags, well nested and in order."""

from __future__ import annotations

from workbench.core.qa.checks import BY_ID, Severity, Subject, check_subject
from workbench.core.records import Origin, Status
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
