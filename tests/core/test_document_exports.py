"""The document rebuilt in the target language as .docx and .html: headings, lists, tables and
paragraphs where they were, a Khmer font on Khmer runs, fallbacks for text without approval, and the
export report with open quality-check findings. Read back with python-docx and lxml."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import html

from tests.builders.documents import build_docx
from workbench.core.errors import WorkbenchError
from workbench.core.exporting.docx_export import KHMER_FONT
from workbench.core.exporting.export_formats import export
from workbench.core.importing.file_import import prepare_import
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

#: human translations of build_docx's Vietnamese, by source
KHMER = {
    "Du lịch An Giang": "ទេសចរណ៍អានយ៉ាង",
    "An Giang có nhiều lễ hội.": "អានយ៉ាងមានពិធីបុណ្យច្រើន។",
    "Núi Cấm": "ភ្នំកម្ពស់",
    "Rừng tràm Trà Sư": "ព្រៃត្រាំត្រាស៊ូ",
    "Địa điểm": "ទីកន្លែង",
    "Lượt khách": "ចំនួនភ្ញៀវ",
    "Châu Đốc": "មាត់ជ្រូក",
}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    source = tmp_path / "an-giang.docx"
    build_docx(source)
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    for segment in project.segments():
        if segment.source in KHMER:
            project.save_translation(segment.id, "km", KHMER[segment.source], Status.APPROVED, Origin.HUMAN, "Dara")
    return project


def test_docx_export_keeps_structure_and_sets_a_khmer_font(project: Project, tmp_path: Path) -> None:
    document_id = project.documents()[0].id
    report = export(project, "docx", ["km"], tmp_path / "out.docx", document_id)
    written = docx.Document(str(tmp_path / "out.docx"))
    styles = [(p.style.name, p.text) for p in written.paragraphs if p.text]
    assert styles[0] == ("Heading 1", "ទេសចរណ៍អានយ៉ាង")
    assert ("List Bullet", "ភ្នំកម្ពស់") in styles and ("List Bullet", "ព្រៃត្រាំត្រាស៊ូ") in styles
    # the sentence without a Khmer translation falls back to its Vietnamese source, and is reported
    lễ_hội = next(text for _style, text in styles if text.startswith("អានយ៉ាង"))
    assert "TP. Châu Đốc nổi tiếng" in lễ_hội
    assert any("untranslated" in why for _d, _p, _language, why in report.left_out)
    table = written.tables[0]
    assert next([c.text for c in row.cells] for row in table.rows) == ["ទីកន្លែង", "ចំនួនភ្ញៀវ"]
    khmer_runs = [r for p in written.paragraphs for r in p.runs if "ភ្នំ" in r.text]
    fonts = khmer_runs[0]._element.rPr.rFonts
    assert fonts.get(qn("w:cs")) == KHMER_FONT and fonts.get(qn("w:ascii")) == KHMER_FONT
    vietnamese = next(r for p in written.paragraphs for r in p.runs if "Châu Đốc nổi" in r.text)
    assert vietnamese._element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


def test_html_export_is_a_page_in_the_target_language(project: Project, tmp_path: Path) -> None:
    document_id = project.documents()[0].id
    export(project, "html", ["km"], tmp_path / "out.html", document_id, fallback="placeholder")
    page = html.fromstring((tmp_path / "out.html").read_bytes())
    assert page.get("lang") == "km"
    assert page.findtext(".//h1") == "ទេសចរណ៍អានយ៉ាង"
    assert [li.text_content() for li in page.iter("li")] == ["ភ្នំកម្ពស់", "ព្រៃត្រាំត្រាស៊ូ"]
    assert [td.text_content() for td in page.iter("td")][:2] == ["ទីកន្លែង", "ចំនួនភ្ញៀវ"]
    marks = [m.text_content() for m in page.iter("mark")]
    assert marks and all(m == "[untranslated]" for m in marks)  # visible, and no Vietnamese left in the page
    assert "Châu Đốc nổi tiếng" not in page.text_content()
    assert "Khmer OS" in page.findtext(".//style")


def test_export_report_lists_open_quality_problems_on_exported_text(project: Project, tmp_path: Path) -> None:
    heading = next(s for s in project.segments() if s.source == "Núi Cấm")
    project.save_translation(heading.id, "km", "ភ្នំ  កម្ពស់", Status.APPROVED, Origin.HUMAN, "Dara")  # a double space
    report = export(project, "po", ["km"], tmp_path / "out.po")
    assert any(check == "double-space" and position == heading.position + 1
               for _d, position, _l, _s, check, _m in report.problems)  # fmt: skip
    assert any("open QA problem" in line for line in report.lines())


def test_documents_only_formats_take_the_only_document_and_never_write_over_the_source(
    project: Project, tmp_path: Path
) -> None:
    export(project, "docx", ["km"], tmp_path / "out.docx")  # the project's one document: no need to name it
    assert prepare_import(tmp_path / "out.docx").blocks
    before = (tmp_path / "an-giang.docx").read_bytes()
    with pytest.raises(WorkbenchError, match="imported source file"):
        export(project, "docx", ["km"], tmp_path / "an-giang.docx", project.documents()[0].id)
    assert (tmp_path / "an-giang.docx").read_bytes() == before
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_the_exported_document_reads_back_with_the_same_structure(project: Project, tmp_path: Path, fmt: str) -> None:
    """Our own importers are independent of the writers: python-docx / lxml in, the import's readers out."""
    original = [(b.kind, b.level) for b in prepare_import(tmp_path / "an-giang.docx").blocks]
    export(project, fmt, ["km"], tmp_path / f"out.{fmt}", project.documents()[0].id)
    again = prepare_import(tmp_path / f"out.{fmt}")
    assert [(b.kind, b.level) for b in again.blocks] == original
    assert next(b.text for b in again.blocks if b.kind.value == "list-item") == "ភ្នំកម្ពស់"
