"""A saved web page's inline elements (bold, strong, italic, em, underline, sup, a link, a bold span) come
in as tags in its segments, and the exported page has them again, as the elements they were, on the
approved words (or on the Vietnamese source when there is no translation). A <br> still cuts a paragraph
in two; a link to a script is never written as a link. Read back with lxml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import html

from tests.mt.test_pipeline import FAST, CountingEngine, pretranslate
from workbench.core.exporting.export_formats import export
from workbench.core.exporting.html_inline_export import inline_html
from workbench.core.importing.file_import import import_files, prepare_import
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo, markers, plain_text, safe_href
from workbench.mt.loader import load_engine

LINK = "https://angiang.gov.vn/ke-hoach?nam=2026&muc=2"
PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Kế hoạch</title></head><body>
<nav><a href="/">Trang chủ</a></nav>
<article>
<h1><b>Kế hoạch văn hoá năm 2026</b></h1>
<p><strong>Quyết định số 12</strong> ban hành kế hoạch <em>văn hoá đối ngoại</em> của tỉnh.</p>
<p>Diện tích 12 km<sup>2</sup>, <b>đậm</b>, <i>nghiêng</i>, <u>gạch chân</u> và <span style="font-weight: bold">nhấn mạnh</span>.<br>Dòng thứ hai không có định dạng.</p>
<p>Xem <a href="{LINK.replace("&", "&amp;")}">cổng thông tin</a> hoặc <a href="javascript:alert(1)">trang này</a>.</p>
<p><strong>Đoạn này đậm cả đoạn.</strong></p>
</article></body></html>"""

EDITED = "Area 12 km<sup1>2</sup1>, <b2>bold</b2>, <i3>slanted</i3>, <u4>underlined</u4> and <b5>stressed</b5>."


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "ke-hoach.html"
    source.write_text(PAGE, encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    import_files(project, [source])
    return project


def _export(project: Project, tmp_path: Path) -> Any:
    out = tmp_path / "ke-hoach-en.html"
    export(project, "html", ["en"], out, project.documents()[0].id)
    return html.fromstring(out.read_text(encoding="utf-8"))


def _texts(page: Any, xpath: str) -> list[str]:
    return [element.text_content() for element in page.xpath(xpath)]


def test_the_pages_inline_elements_come_in_as_tags_and_a_br_still_cuts_the_paragraph(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        heading, decision, area, second_line, links, bold = project.segments()
    assert heading.source == "Kế hoạch văn hoá năm 2026" and not heading.tags  # bold as a whole: no tags
    assert decision.source == "<b1>Quyết định số 12</b1> ban hành kế hoạch <i2>văn hoá đối ngoại</i2> của tỉnh."
    assert decision.tags[1].extra["element"] == "strong" and decision.tags[2].extra["element"] == "em"
    assert (
        area.source
        == "Diện tích 12 km<sup1>2</sup1>, <b2>đậm</b2>, <i3>nghiêng</i3>, <u4>gạch chân</u4> và <b5>nhấn mạnh</b5>."
    )
    assert area.tags[5].formats == {"bold": True}  # the span with a bold style
    assert second_line.source == "Dòng thứ hai không có định dạng." and not second_line.tags
    assert second_line.paragraph != area.paragraph  # the <br> cut the paragraph, as it always has
    assert links.source == "Xem <a1>cổng thông tin</a1> hoặc <a2>trang này</a2>." and links.tags[1].href == LINK
    assert bold.source == "Đoạn này đậm cả đoạn." and not bold.tags


def test_a_plain_page_imports_as_before_with_no_tags(tmp_path: Path) -> None:
    source = tmp_path / "tin.html"
    source.write_text("<html><body><p>Một hai.<br>Ba <span>bốn</span>\nnăm.</p></body></html>", encoding="utf-8")
    blocks = prepare_import(source).blocks
    assert [(b.text, b.meta) for b in blocks] == [
        ("Một hai.", {"tag": "p"}),
        ("Ba bốn", {"tag": "p"}),
        ("năm.", {"tag": "p"}),
    ]


def test_a_menu_of_links_is_still_recognised_as_page_furniture(tmp_path: Path) -> None:
    source = tmp_path / "tin.html"
    menu = '<p><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a> | <a href="/gt">Giới thiệu</a></p>'
    source.write_text(f"<html><body>{menu}<p>Tỉnh tổ chức lễ hội lớn.</p></body></html>", encoding="utf-8")
    menu_block = prepare_import(source).blocks[0]
    assert menu_block.tags and not menu_block.translatable


def test_approved_and_machine_drafted_words_get_the_pages_formatting_back(tmp_path: Path, tiny: Any) -> None:
    """The model's draft is approved as it came (whatever words it chose, its tags are where they are);
    one paragraph is a translator's edit. Each formatted span comes out as the element it was."""
    with _project(tmp_path) as project:
        pretranslate(project, CountingEngine(load_engine(tiny.nllb_ct2_int8, "tiny-nllb")), "en", FAST)
        heading, decision, area, *_rest = project.segments()
        draft = decision.translations["en"].text
        project.save_translation(heading.id, "en", "Cultural plan 2026", Status.APPROVED, Origin.HUMAN, "Lan")
        project.save_translation(decision.id, "en", draft, Status.APPROVED, Origin.HUMAN, "Lan")
        project.save_translation(area.id, "en", EDITED, Status.APPROVED, Origin.HUMAN, "Lan")
        page = _export(project, tmp_path)
        tags = decision.tags
    assert _texts(page, "//h1/b") == ["Cultural plan 2026"]
    assert page.findtext(".//title") == "Cultural plan 2026"
    decision_p = page.xpath("//p")[0]
    for name, number in (("strong", 1), ("em", 2)):  # the draft's words inside each pair, in the right element
        found = [m for m in markers(draft, tags) if m.number == number]
        inside = plain_text(draft[found[0].end : found[1].start], tags, " ").strip() if len(found) == 2 else ""
        assert inside in [t.strip() for t in _texts(decision_p, f".//{name}")], (draft, name)
    area_p = page.xpath("//p")[1]
    assert _texts(area_p, ".//sup") == ["2"] and _texts(area_p, ".//b") == ["bold", "stressed"]
    assert _texts(area_p, ".//i") == ["slanted"] and _texts(area_p, ".//u") == ["underlined"]
    assert "<" not in area_p.text_content()  # no marker left as text


def test_without_a_translation_the_vietnamese_keeps_its_formatting_and_a_script_link_is_no_link(
    tmp_path: Path,
) -> None:
    with _project(tmp_path) as project:
        page = _export(project, tmp_path)
    assert _texts(page, "//h1/b") == ["Kế hoạch văn hoá năm 2026"]
    assert _texts(page, '//span[@class="untranslated"]/strong') == ["Quyết định số 12"]
    assert _texts(page, "//p/strong") == ["Đoạn này đậm cả đoạn."]  # a paragraph bold as a whole
    assert [(a.get("href"), a.text_content()) for a in page.iter("a")] == [(LINK, "cổng thông tin")]
    assert "trang này" in page.text_content()
    assert "javascript" not in html.tostring(page, encoding="unicode")


def test_markers_a_translator_closed_out_of_order_still_give_a_well_formed_page() -> None:
    tags = {1: TagInfo(1, "b", True, {"bold": True}), 2: TagInfo(2, "i", True, {"italic": True})}
    assert inline_html("<b1>a <i2>b</b1> c</i2> <i2>", tags) == "<b>a <i>b</i></b><i> c</i> <i></i>"
    assert inline_html("x < y & <b1>z</b1>", {}) == "x &lt; y &amp; &lt;b1&gt;z&lt;/b1&gt;"


def test_a_link_to_a_script_in_any_spelling_is_refused() -> None:
    for href in ("javascript:alert(1)", " JavaScript:x", "java\tscript:x", "vbscript:x", "data:text/html,x"):
        assert safe_href(href) == ""
    assert safe_href("https://a.vn/?q=1") == "https://a.vn/?q=1"
    link = {1: TagInfo(1, "a", True, href='https://a.vn/"><script>')}
    assert inline_html("<a1>x</a1>", link) == '<a href="https://a.vn/&quot;&gt;&lt;script&gt;">x</a>'


def test_a_word_files_tags_come_out_as_inline_elements_of_a_page(tmp_path: Path) -> None:
    """A .docx exported as a page: its bold and italic runs as <b> and <i>, its link, its line break as
    <br> and its footnote reference as a superscript number."""
    from tests.core.test_docx_tags import _project as docx_project

    with docx_project(tmp_path) as project:
        page = _export(project, tmp_path)
    body = page.xpath("//p")[-1]
    assert _texts(body, ".//b") == ["Quyết định số 12/QĐ-UBND"] and _texts(body, ".//i") == ["văn hoá đối ngoại"]
    assert [a.get("href") for a in body.iter("a")] == ["https://angiang.gov.vn/ke-hoach"]
    assert body.xpath(".//br") and _texts(body, ".//sup") == ["1"]
    assert _texts(page.xpath("//p")[0], "./b") == ["Kế hoạch văn hoá năm 2026"]  # bold as a whole


def test_a_pair_across_two_sentences_comes_out_bold_in_both(tmp_path: Path) -> None:
    source = tmp_path / "tin.html"
    source.write_text("<html><body><p>Mở đầu <b>câu một. Câu hai</b> kết thúc.</p></body></html>", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        import_files(project, [source])
        first, second = project.segments()
        assert (first.source, second.source) == ("Mở đầu <b1>câu một.</b1>", "<b1>Câu hai</b1> kết thúc.")
        page = _export(project, tmp_path)
    assert _texts(page, "//b") == ["câu một.", "Câu hai"]
