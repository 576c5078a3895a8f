"""What a reader gets from a Word file or a page made from tagged text: links only where they are safe (a
script or data link from a web page or a Word file goes out as its words), a paragraph that is one link
stays a link, and Vietnamese that merely looks like a tag ("<b1>" typed in the text) reads as typed, with
no trace of how the workbench kept it from being a tag."""

from __future__ import annotations

from pathlib import Path

import docx
from lxml import html

from workbench.core.exporting.export_formats import export
from workbench.core.importing.file_import import prepare_import
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import tag_sequence

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin</title></head><body><article>
<p>Xem <a href="javascript:alert(1)">thông báo</a> và <a href="https://angiang.gov.vn/tin">trang tin</a> của tỉnh.</p>
<p><a href="https://angiang.gov.vn/lich">Lịch lễ hội Ok Om Bok năm nay của tỉnh An Giang</a></p>
<p>Công thức &lt;b1&gt; là ký hiệu của <b>bảng tính</b> trong văn bản.</p>
</article></body></html>"""


def _project(tmp_path: Path) -> Project:
    page = tmp_path / "tin.html"
    page.write_text(PAGE, encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    project.store_document(prepare_import(page))
    return project


def _word_links(path: Path) -> list[tuple[str, str]]:
    """(text, target) of every hyperlink in the exported Word file."""
    document = docx.Document(str(path))
    rels = document.part.rels
    out = []
    for link in document.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink"):
        rid = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        text = "".join(
            t.text or "" for t in link.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
        )
        out.append((text, rels[rid].target_ref if rid else ""))
    return out


def test_a_script_link_from_a_web_page_is_words_only_in_the_word_export_and_safe_links_stay(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        export(project, "docx", ["en"], tmp_path / "tin.docx", project.documents()[0].id)
    links = _word_links(tmp_path / "tin.docx")
    assert ("trang tin", "https://angiang.gov.vn/tin") in links
    assert not any("javascript" in target.lower() for _text, target in links)
    xml = (tmp_path / "tin.docx").read_bytes()
    assert b"javascript" not in xml.lower() or b"alert" not in xml
    assert "thông báo" in "".join(p.text for p in docx.Document(str(tmp_path / "tin.docx")).paragraphs)


def test_a_paragraph_that_is_one_link_stays_a_link_in_the_word_export(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        export(project, "docx", ["en"], tmp_path / "tin.docx", project.documents()[0].id)
    assert ("Lịch lễ hội Ok Om Bok năm nay của tỉnh An Giang", "https://angiang.gov.vn/lich") in _word_links(
        tmp_path / "tin.docx"
    )


def test_text_that_looks_like_a_tag_reads_as_typed_in_word_html_and_plain_text(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        document = project.documents()[0].id
        (segment,) = [s for s in project.segments(document) if "ký hiệu" in s.source]
        assert tag_sequence(segment.source, segment.tags) == ["<b1>", "</b1>"]  # the typed "<b1>" is no tag
        for fmt in ("docx", "html", "txt"):
            export(project, fmt, ["en"], tmp_path / f"out.{fmt}", document)
    word = "\n".join(p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs)
    page = html.fromstring((tmp_path / "out.html").read_text(encoding="utf-8")).text_content()
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    for written in (word, page, text):
        assert "Công thức <b1> là ký hiệu của bảng tính" in written
        assert "\u2060" not in written
