"""A machine draft gets the source's tags back, placed by their words; a tag that cannot be placed is
flagged. The drafts here are made-up inputs, not model outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.core.test_docx_tags import _build as build_tagged_docx
from tests.mt.test_pipeline import FAST, CountingEngine, pretranslate
from workbench.core.importing.file_import import import_files
from workbench.core.records import Status
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import MARKER, TagInfo, tag_problems
from workbench.mt.loader import load_engine
from workbench.mt.tag_transfer import transfer_tags

TAGS = {
    1: TagInfo(1, "b", True, {"bold": True}),
    2: TagInfo(2, "br", False, kind="break"),
    3: TagInfo(3, "i", True, {"italic": True}),
}


def test_a_code_inside_a_pair_is_wrapped_where_it_stands_in_the_draft() -> None:
    source = "Theo Quyết định <b1>12/QĐ-UBND</b1> của tỉnh"
    draft, flags = transfer_tags(source, "Under Decision 12/QĐ-UBND of the province", TAGS)
    assert draft == "Under Decision <b1>12/QĐ-UBND</b1> of the province"
    assert flags == ()


def test_a_pair_around_the_whole_sentence_wraps_the_whole_draft() -> None:
    draft, _ = transfer_tags("<b1>Điều 1. Phạm vi</b1>", "Article 1. Scope", TAGS)
    assert draft == "<b1>Article 1. Scope</b1>"


def test_standalones_at_the_edges_and_between_words() -> None:
    source = "<br2/>Một hai ba bốn"
    draft, flags = transfer_tags(source, "One two three four", TAGS)
    assert draft.startswith("<br2/>") and flags == ()
    middle, _ = transfer_tags("Một hai<br2/>ba bốn", "One two three four", TAGS)
    assert tag_problems("Một hai<br2/>ba bốn", middle, TAGS) == []
    assert "<br2/>" not in (middle[:1], middle[-5:])


def test_a_pair_whose_words_are_not_in_the_draft_goes_at_the_end_with_a_flag() -> None:
    source = "Văn bản <i3>quan trọng</i3> này<br2/> hết"
    draft, flags = transfer_tags(source, "This important document ends", TAGS)
    assert tag_problems(source, draft, TAGS) == [] or flags
    assert any("<i3>" in f for f in flags)
    assert draft.count("<i3>") == 1 and draft.count("</i3>") == 1


def test_nested_pairs_stay_well_nested() -> None:
    tags = {1: TAGS[1], 3: TAGS[3]}
    source = "<b1>Số <i3>15</i3> năm</b1>"
    draft, _ = transfer_tags(source, "Number 15 years", tags)
    assert tag_problems(source, draft, tags) == []


def test_a_tagged_segment_is_decoded_without_markers_and_its_draft_carries_every_tag(
    project: Project, tmp_path: Path, tiny: Any
) -> None:
    """Through the real pipeline and a tiny model: the model never sees a marker, and the stored draft has
    exactly the source's tags (placed by their content, or at the end with a flag saying so)."""
    source = tmp_path / "tin.docx"
    build_tagged_docx(source)
    import_files(project, [source])
    engine = CountingEngine(load_engine(tiny.nllb_ct2_int8, "tiny-nllb"))
    pretranslate(project, engine, "en", FAST)
    tagged = [s for s in project.segments() if s.tags]
    assert tagged
    assert engine.seen and not any(MARKER.search(seen) for seen in engine.seen)
    for segment in tagged:
        draft = segment.translations["en"]
        assert draft.status is Status.DRAFT
        problems = tag_problems(segment.source, draft.text, segment.tags)
        placed_at_end = [f for f in draft.flags if f.startswith("tag placed at the end")]
        # every tag is there, well nested; only a tag put at the end may stand out of the source's order
        assert all(p.startswith("tags in a different order") for p in problems), (draft.text, problems)
        assert not problems or placed_at_end
        assert all(segment.source.count(f.split(": ", 1)[1].split("…")[0]) for f in placed_at_end)
