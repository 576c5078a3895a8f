"""A Word file saved by LibreOffice (tests/data/libreoffice-tags.docx, see tests/data/README.md) comes in
with its formatting as tags, including the bold and italic of LibreOffice's character styles (w:rStyle),
and goes out with that formatting on the approved words, or on the Vietnamese where nothing is approved.
LibreOffice writes a footnote's reference with the note's id (2: ids 0 and 1 are the separators), a
non-breaking hyphen as w:noBreakHyphen, a soft hyphen as w:softHyphen and bookmarks between runs."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from tests.mt.test_pipeline import FAST, CountingEngine, pretranslate
from workbench.core.exporting.export_formats import export
from workbench.core.importing.docx_import import docx_blocks
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import markers, plain_text
from workbench.mt.loader import load_engine

LIBREOFFICE_DOCX = Path(__file__).resolve().parents[1] / "data" / "libreoffice-tags.docx"
LINK = "https://angiang.gov.vn/ke-hoach"
NB_HYPHEN = "\u2011"

HEADING_EN = "Cultural diplomacy plan 2026"
DECISION_EN = (
    "<b1>Decision No. 12/QD-UBND</b1> issues the plan for <i2>cultural diplomacy</i2> of the province, see the "
    "<a3>information portal</a3>.<br4/>Annex<t5/>item 2<fn6/> attached."
)
LAW_EN = f"Under the <b1>Law on Cultural Heritage</b1> and <i2>Decree No. 98</i2>, code QĐ{NB_HYPHEN}UBND applies."


def _segments(project: Project) -> dict[str, Any]:
    heading, decision, content, law = project.segments()
    return {"heading": heading, "decision": decision, "content": content, "law": law}


def test_libreoffices_formatting_and_character_styles_come_in_as_tags(project: Project) -> None:
    import_files(project, [LIBREOFFICE_DOCX])
    s = _segments(project)
    assert s["heading"].source == "Kế hoạch văn hoá đối ngoại năm 2026" and not s["heading"].tags
    decision = s["decision"]
    assert decision.source == (
        "<b1>Quyết định số 12/QĐ-UBND</b1> ban hành kế hoạch <i2>văn hoá đối ngoại</i2> của tỉnh, xem tại "
        "<a3>cổng thông tin</a3>.<br4/>Phụ lục<t5/>mục 2<fn6/> kèm theo."
    )
    assert decision.tags[1].formats == {"bold": True} and decision.tags[2].formats == {"italic": True}
    # the link's "Internet Link" style (underlined) is how a link looks, not a format of its words
    assert decision.tags[3].href == LINK and decision.tags[3].formats == {}
    assert [decision.tags[n].kind for n in (4, 5, 6)] == ["break", "tab", "footnote"]
    assert decision.tags[6].text == "1"  # the number the reader sees, not LibreOffice's note id
    content = s["content"]
    assert content.source == "Nội dung <b1>rất quan trọng</b1> gồm <u2>năm</u2> mục, diện tích 20 km<sup3>2</sup3>."
    assert content.tags[1].formats == {"bold": True, "italic": True}
    assert content.tags[2].formats == {"underline": True} and content.tags[3].formats == {"superscript": True}
    law = s["law"]  # "Strong Emphasis" and "Emphasis": bold and italic by their styles; bookmarks leave no trace
    assert law.source == (
        f"Theo <b1>Luật Di sản văn hoá</b1> và <i2>Nghị định số 98</i2>, mã số QĐ{NB_HYPHEN}UBND và trang Internet "
        "của tỉnh."
    )
    assert law.tags[1].formats == {"bold": True} and law.tags[2].formats == {"italic": True}


def _formatted(paragraph: Any, name: str) -> str:
    """The text of the paragraph's runs (inside links too) that have format `name`, joined."""
    out = []
    for run in paragraph._p.iter(qn("w:r")):
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            continue
        if name in ("superscript", "subscript"):
            vertical = rpr.find(qn("w:vertAlign"))
            on = vertical is not None and vertical.get(qn("w:val")) == name
        else:
            tag = {"bold": "w:b", "italic": "w:i", "underline": "w:u", "strike": "w:strike"}[name]
            on = rpr.find(qn(tag)) is not None
        if on:
            out.append("".join(t.text or "" for t in run.iter(qn("w:t"))))
    return "".join(out)


def _links(paragraph: Any) -> dict[str, str]:
    out = {}
    for link in paragraph._p.iter(qn("w:hyperlink")):
        words = "".join(t.text or "" for t in link.iter(qn("w:t")))
        out[words] = paragraph.part.rels[link.get(qn("r:id"))].target_ref
    return out


def _paragraphs(path: Path) -> list[Any]:
    return [p for p in docx.Document(str(path)).paragraphs if p.text.strip()]


@pytest.fixture
def translated(project: Project, tiny: Any) -> Project:
    """Imported, pre-translated by a tiny model, then three segments edited and approved by a translator;
    the fourth (the content paragraph) keeps the model's words, marked translated (not approved)."""
    import_files(project, [LIBREOFFICE_DOCX])
    pretranslate(project, CountingEngine(load_engine(tiny.nllb_ct2_int8, "tiny-nllb")), "en", FAST)
    s = _segments(project)
    for name, english in (("heading", HEADING_EN), ("decision", DECISION_EN), ("law", LAW_EN)):
        project.save_translation(s[name].id, "en", english, Status.APPROVED, Origin.HUMAN, "Lan")
    draft = s["content"].translations["en"]
    assert draft.status is Status.DRAFT
    project.save_translation(s["content"].id, "en", draft.text, Status.TRANSLATED, Origin.MT, "Lan")
    return project


def test_the_approved_words_carry_each_span_of_libreoffices_formatting(translated: Project, tmp_path: Path) -> None:
    out = tmp_path / "ke-hoach-en.docx"
    export(translated, "docx", ["en"], out, translated.documents()[0].id)
    heading, decision, content, law = _paragraphs(out)
    assert heading.text == HEADING_EN
    assert _formatted(decision, "bold") == "Decision No. 12/QD-UBND"
    assert _formatted(decision, "italic") == "cultural diplomacy"
    assert _links(decision) == {"information portal": LINK}
    assert decision._p.findall(".//" + qn("w:br")) and decision._p.findall(".//" + qn("w:tab"))
    assert _formatted(decision, "superscript") == "1"  # the footnote's number (python-docx writes no notes)
    assert decision.text.replace("\n", " ").replace("\t", " ").startswith("Decision No. 12/QD-UBND issues")
    # the unapproved translation goes out as the Vietnamese source, with the source's formatting
    assert _formatted(content, "bold") == _formatted(content, "italic") == "rất quan trọng"
    assert _formatted(content, "underline") == "năm" and _formatted(content, "superscript") == "2"
    assert _formatted(law, "bold") == "Law on Cultural Heritage" and _formatted(law, "italic") == "Decree No. 98"
    assert law.text == plain_text(LAW_EN, translated.segments()[3].tags)
    assert all("<" not in p.text for p in (heading, decision, content, law))  # no marker left as text


def test_the_models_words_go_out_with_the_formatting_of_the_tags_it_was_given(
    translated: Project, tmp_path: Path
) -> None:
    """Whatever the model wrote (a tiny model may leave a pair around nothing, at the end), each pair's
    formatting is on exactly the words it wraps, an empty pair leaves no empty run, and no marker is text."""
    out = tmp_path / "ke-hoach-draft.docx"
    export(translated, "docx", ["en"], out, translated.documents()[0].id, include_unapproved=True)
    content = _segments(translated)["content"]
    draft = content.translations["en"].text
    paragraph = _paragraphs(out)[2]
    assert paragraph.text == plain_text(draft, content.tags)
    assert {m.number for m in markers(draft, content.tags)} == set(content.tags)  # every tag of the source
    for info in content.tags.values():
        inner = draft[draft.index(info.opening()) + len(info.opening()) : draft.index(info.closing())]
        for name in info.formats:
            assert _formatted(paragraph, name) == plain_text(inner, content.tags), (draft, name)
    assert all(r.find(qn("w:t")) is None or r.find(qn("w:t")).text for r in paragraph._p.iter(qn("w:r")))


def _edited_copy(tmp_path: Path, edit: Any) -> bytes:
    """The LibreOffice file with its document.xml changed by `edit`."""
    copy = tmp_path / "edited.docx"
    with zipfile.ZipFile(LIBREOFFICE_DOCX) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(item, data)
    return copy.read_bytes()


def test_words_markup_libreoffice_leaves_out_makes_no_tag_and_loses_no_text(tmp_path: Path) -> None:
    """Word's spelling marks (w:proofErr) and page-break hints (w:lastRenderedPageBreak), put into the
    LibreOffice file where Word would put them, change nothing."""
    plain = [(b.text, b.tags) for b in docx_blocks(LIBREOFFICE_DOCX.read_bytes(), "lo.docx")]

    def word_marks(xml: str) -> str:
        assert xml.count("<w:r><w:rPr></w:rPr><w:t") > 3 and "<w:tab/>" in xml and "<w:softHyphen/>" in xml
        xml = xml.replace("<w:r><w:rPr></w:rPr><w:t", '<w:proofErr w:type="spellStart"/><w:r><w:rPr></w:rPr><w:t', 3)
        xml = xml.replace("</w:t></w:r><w:bookmarkEnd", '</w:t></w:r><w:proofErr w:type="spellEnd"/><w:bookmarkEnd')
        return xml.replace("<w:tab/>", "<w:lastRenderedPageBreak/><w:tab/>")

    edited = _edited_copy(tmp_path, word_marks)
    assert edited != LIBREOFFICE_DOCX.read_bytes()
    assert [(b.text, b.tags) for b in docx_blocks(edited, "lo.docx")] == plain


def test_a_run_that_turns_its_styles_bold_off_is_not_bold(tmp_path: Path) -> None:
    edited = _edited_copy(
        tmp_path,
        lambda xml: xml.replace(
            '<w:rStyle w:val="StrongEmphasis"/>', '<w:rStyle w:val="StrongEmphasis"/><w:b w:val="0"/>'
        ),
    )
    law = docx_blocks(edited, "lo.docx")[3]
    assert law.text.startswith("Theo Luật Di sản văn hoá và <i1>Nghị định số 98</i1>")
