"""Bold, italic, a link, a line break, a tab and a footnote reference in a Word paragraph come in as tags
in its segments, and go out again on the approved words (or on the Vietnamese source when there is no
translation). Built and read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from workbench.core.exporting.export_formats import export
from workbench.core.importing.file_import import prepare_import
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

LINK = "https://angiang.gov.vn/ke-hoach"


def _build(path: Path) -> None:
    document = docx.Document()
    heading = document.add_paragraph()
    heading.add_run("Kế hoạch văn hoá năm 2026").bold = True
    paragraph = document.add_paragraph()
    paragraph.add_run("Quyết định số 12/QĐ-UBND").bold = True
    paragraph.add_run(" ban hành kế hoạch ")
    paragraph.add_run("văn hoá đối ngoại").italic = True
    paragraph.add_run(" của tỉnh, xem tại ")
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(LINK, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "cổng thông tin"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run(".")
    paragraph.add_run().add_break()
    paragraph.add_run("Phụ lục\tmục 2")
    note = paragraph.add_run()
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    note._element.append(reference)
    paragraph.add_run(" kèm theo.")
    document.save(str(path))


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "ke-hoach.docx"
    _build(source)
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    project.store_document(prepare_import(source))
    return project


ENGLISH = (
    "<b1>Decision No. 12/QD-UBND</b1> issues the plan for <i2>cultural diplomacy</i2> of the province, see the "
    "<a3>information portal</a3>.<br4/>Annex<t5/>item 2<fn6/> attached."
)


def _paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return [p for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _runs_and_links(paragraph: docx.text.paragraph.Paragraph) -> tuple[dict[str, object], dict[str, str]]:
    """Each run's text -> the run, and each link's text -> its target."""
    runs = {r.text: r for r in paragraph.runs}
    links = {}
    for link in paragraph._p.findall(qn("w:hyperlink")):
        words = "".join(t.text or "" for t in link.iter(qn("w:t")))
        links[words] = paragraph.part.rels[link.get(qn("r:id"))].target_ref
    return runs, links


def test_word_formatting_comes_in_as_tags_the_translator_places(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        heading, body = project.segments()
        assert heading.source == "Kế hoạch văn hoá năm 2026" and not heading.tags  # bold as a whole: no tags
        assert body.source.startswith("<b1>Quyết định số 12/QĐ-UBND</b1> ban hành kế hoạch <i2>văn hoá đối ngoại</i2>")
        assert "<a3>cổng thông tin</a3>.<br4/>Phụ lục<t5/>mục 2<fn6/> kèm theo." in body.source
        assert body.tags[1].formats == {"bold": True} and body.tags[2].formats == {"italic": True}
        assert body.tags[3].href == LINK
        assert [body.tags[n].kind for n in (4, 5, 6)] == ["break", "tab", "footnote"]
        assert body.tags[6].text == "1"


def test_the_approved_words_get_the_sources_formatting_in_the_exported_word_file(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        heading, body = project.segments()
        project.save_translation(heading.id, "en", "Cultural plan 2026", Status.APPROVED, Origin.HUMAN, "Lan")
        project.save_translation(body.id, "en", ENGLISH, Status.APPROVED, Origin.HUMAN, "Lan")
        out = tmp_path / "plan.docx"
        export(project, "docx", ["en"], out, project.documents()[0].id)
    title, paragraph = _paragraphs(out)
    assert title.text == "Cultural plan 2026" and all(r.bold for r in title.runs if r.text)
    runs, links = _runs_and_links(paragraph)
    assert runs["Decision No. 12/QD-UBND"].bold and not runs[" issues the plan for "].bold
    assert runs["cultural diplomacy"].italic and not runs["cultural diplomacy"].bold
    assert links == {"information portal": LINK}
    assert paragraph._p.findall(".//" + qn("w:br")) and paragraph._p.findall(".//" + qn("w:tab"))
    assert runs["1"].font.superscript  # the footnote's number (python-docx writes no footnotes)
    assert "<" not in paragraph.text  # no marker left as text


def test_without_a_translation_the_vietnamese_fallback_keeps_its_formatting(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        out = tmp_path / "plan.docx"
        export(project, "docx", ["en"], out, project.documents()[0].id)
    title, paragraph = _paragraphs(out)
    assert all(r.bold for r in title.runs if r.text)
    runs, links = _runs_and_links(paragraph)
    assert runs["Quyết định số 12/QĐ-UBND"].bold and runs["văn hoá đối ngoại"].italic
    assert links == {"cổng thông tin": LINK}


def _field_run(paragraph: docx.text.paragraph.Paragraph, kind: str = "", instr: str = "") -> None:
    """A run with a w:fldChar of `kind`, or with the field's instruction text."""
    run = paragraph.add_run()
    if kind:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
    else:
        text = OxmlElement("w:instrText")
        text.text = instr
        run._r.append(text)


def test_a_link_written_as_a_hyperlink_field_is_words_to_translate_in_a_link(tmp_path: Path) -> None:
    """Older Word files and some converters write a link as a HYPERLINK field: its shown words are the
    sentence's, to be translated, and the link goes out again around the translation."""
    document = docx.Document()
    paragraph = document.add_paragraph("Xem ")
    _field_run(paragraph, "begin")
    _field_run(paragraph, instr=' HYPERLINK "https://angiang.gov.vn/lich" ')
    _field_run(paragraph, "separate")
    paragraph.add_run("lịch lễ hội")
    _field_run(paragraph, "end")
    paragraph.add_run(" của tỉnh.")
    simple = document.add_paragraph("Đọc ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'HYPERLINK "https://angiang.gov.vn/tin"')
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "bản tin"
    inner.append(text)
    field.append(inner)
    simple._p.append(field)
    simple.add_run(" hôm nay.")
    source = tmp_path / "lich.docx"
    document.save(str(source))
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        project.store_document(prepare_import(source))
        first, second = project.segments()
        assert (
            first.source == "Xem <a1>lịch lễ hội</a1> của tỉnh." and first.tags[1].href == "https://angiang.gov.vn/lich"
        )
        assert second.source == "Đọc <a1>bản tin</a1> hôm nay." and second.tags[1].href == "https://angiang.gov.vn/tin"
        project.save_translation(
            first.id, "en", "See the <a1>festival calendar</a1>.", Status.APPROVED, Origin.HUMAN, "Lan"
        )
        out = tmp_path / "out.docx"
        export(project, "docx", ["en"], out, project.documents()[0].id)
    _runs, links = _runs_and_links(_paragraphs(out)[0])
    assert links == {"festival calendar": "https://angiang.gov.vn/lich"}
