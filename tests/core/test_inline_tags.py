"""Inline formatting becomes numbered tags in segments: pairs around formatted words, standalones for
breaks and footnote references, a whole-paragraph format as the paragraph's, sentences split without
breaking a pair, and the tags check that says what a translation lost or added."""

from __future__ import annotations

from workbench.core.language.language_rules import clean_text
from workbench.core.language.segmenter import segmenter_for
from workbench.core.tags.inline_tags import TagInfo, plain_text, tag_problems, tags_from_json, tags_to_json
from workbench.core.tags.tagged_paragraphs import TaggedParagraph, split_tagged


def _paragraph() -> TaggedParagraph:
    p = TaggedParagraph()
    p.add_text("Theo ")
    p.add_text("Quyết định số 12/QĐ-UBND", {"bold": True})
    p.add_text(" của UBND tỉnh, lễ hội ")
    p.add_text("Ok Om Bok diễn ra. Năm nay", {"italic": True})
    p.add_standalone("break")
    p.add_text(" có nhiều hoạt động")
    p.add_standalone("footnote", "1")
    p.add_text(". Xem ")
    p.add_text("trang web", href="https://angiang.gov.vn")
    p.add_text(".")
    return p


def test_formatted_runs_become_pairs_and_breaks_and_notes_standalones() -> None:
    finished = _paragraph().finish(clean_text)
    assert finished.text == (
        "Theo <b1>Quyết định số 12/QĐ-UBND</b1> của UBND tỉnh, lễ hội <i2>Ok Om Bok diễn ra. Năm nay</i2>"
        "<br3/> có nhiều hoạt động<fn4/>. Xem <a5>trang web</a5>."
    )
    assert finished.tags[5].href == "https://angiang.gov.vn"
    assert finished.tags[4].text == "1"
    assert plain_text(finished.text, finished.tags, " ").startswith("Theo Quyết định số 12/QĐ-UBND của")
    assert tags_from_json(tags_to_json(finished.tags)) == finished.tags


def test_a_pair_across_two_sentences_is_closed_and_opened_again() -> None:
    finished = _paragraph().finish(clean_text)
    sentences = split_tagged(finished.text, finished.tags, segmenter_for("vi").sentences)
    texts = [text for text, _space, _used in sentences]
    assert texts[0].endswith("<i2>Ok Om Bok diễn ra.</i2>")
    assert texts[1].startswith("<i2>Năm nay</i2><br3/>")
    assert texts[2] == "Xem <a5>trang web</a5>."
    assert [sorted(used) for _t, _s, used in sentences] == [[1, 2], [2, 3, 4], [5]]
    for text, _space, used in sentences:
        assert tag_problems(text, text, used) == []  # every sentence is well formed on its own


def test_a_one_sentence_paragraph_keeps_only_the_tags_its_text_really_has() -> None:
    """The quick way through a one-sentence paragraph is only for text as import writes it; text whose
    markers repeat one tag and lack another, or hold a marker of no tag, is read marker by marker."""
    tags = {1: TagInfo(1, "b", True, {"bold": True}), 2: TagInfo(2, "i", True, {"italic": True})}
    split = segmenter_for("vi").sentences
    written = "Theo <b1>Quyết định số 12</b1> lễ hội <i2>Ok Om Bok</i2> diễn ra."
    assert split_tagged(written, tags, split) == [(written, "", tags)]
    repeated = "Theo <b1>Quyết định</b1> số <b1>12</b1> lễ hội diễn ra."
    ((text, _space, used),) = split_tagged(repeated, tags, split)
    assert text == repeated and sorted(used) == [1]
    stranger = "Theo <b1>Quyết định số 12</b1> lễ hội <x9>Ok Om Bok</x9> diễn ra."
    ((text, _space, used),) = split_tagged(stranger, tags, split)
    assert text == stranger and sorted(used) == [1]


def test_a_paragraph_in_one_format_carries_it_as_the_paragraphs_not_as_tags() -> None:
    p = TaggedParagraph()
    p.add_text("Lễ hội ", {"bold": True})
    p.add_text("Ok Om Bok", {"bold": True, "italic": True})
    finished = p.finish(clean_text)
    assert finished.paragraph_formats == {"bold": True}
    assert finished.text == "Lễ hội <i1>Ok Om Bok</i1>"


def test_text_that_looks_like_a_tag_stays_text() -> None:
    p = TaggedParagraph()
    p.add_text("Gõ <b1> để in đậm, ")
    p.add_text("rồi", {"bold": True})
    finished = p.finish(clean_text)
    assert plain_text(finished.text, finished.tags).startswith("Gõ <\u2060b1> để in đậm")
    assert tag_problems(finished.text, "Type <b1>then</b1>", finished.tags) == []


def test_the_tags_check_names_what_is_missing_added_or_badly_nested() -> None:
    tags = _paragraph().finish(clean_text).tags
    source = "Xem <a5>trang web</a5><fn4/>."
    assert tag_problems(source, "See the website.", tags) == ["missing tags: <a5> </a5> <fn4/>"]
    assert tag_problems(source, "See <a5>the site</a5><fn4/><b1>x</b1>.", tags) == [
        "tags not in the source: <b1> </b1>"
    ]
    assert tag_problems(source, "See </a5>the site<a5><fn4/>.", tags) == [
        "</a5> closes before it opens",
        "<a5> is never closed",
    ]
    assert tag_problems(source, "<fn4/>See <a5>the site</a5>.", tags) == [
        "tags in a different order: <fn4/> <a5> </a5>"
    ]
