"""An exported document loses no text silently: not-for-translation text that is part of the article
(a photo caption, the byline, a date, a code the user marked by hand) goes out as it stands in the
source; page furniture (the site banner, the repeated title, the contact block, the copyright line,
CSS) stays out and the export report lists it. The user may choose to leave the rest out too.

The source is a web-copied article as the press office gets it (tests/data/export-article-vi.txt);
the exports are read back with python-docx and lxml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import html

from tests.conftest import REPO
from workbench.core.exporting.export_formats import export
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

ARTICLE = REPO / "tests" / "data" / "export-article-vi.txt"
TITLE = "Nghệ thuật kỷ niệm 55 năm chiến thắng Mậu Thân ở An Giang"
CAPTION = "Chương trình nghệ thuật kỷ niệm 55 năm cuộc Tổng tiến công và nổi dậy Tết Mậu Thân 1968. Ảnh: nhandan.vn"
CODE = "Mã tin: NDO-2023-0130"
ENGLISH = {
    TITLE: "Art programme marks 55 years since the Mau Than victory in An Giang",
    "Tối 30/1, tại Quảng trường Trung tâm TP. Long Xuyên, Tỉnh ủy, HĐND, UBND tỉnh An Giang tổ chức chương trình "
    "nghệ thuật kỷ niệm 55 năm cuộc Tổng tiến công và nổi dậy Tết Mậu Thân 1968.": "On the evening of 30 January, "
    "at the Central Square of Long Xuyen City, An Giang's leaders held an art programme for the 55th anniversary "
    "of the 1968 Tet Offensive.",
    "Chương trình gồm ba phần, tái hiện những ngày tháng hào hùng của quân và dân An Giang.": "The programme had "
    "three parts, recalling the heroic days of An Giang's army and people.",
    "Hàng nghìn người dân đã đến xem.": "Thousands of people came to watch.",
    "Dịp này, lãnh đạo tỉnh đã dâng hương tưởng niệm các anh hùng liệt sĩ và thăm hỏi, tặng quà các gia đình chính "
    "sách trên địa bàn tỉnh.": "Provincial leaders also offered incense to the fallen and gave gifts to families "
    "of war martyrs.",
}
#: what the English document says, paragraph by paragraph
EXPORTED = [
    ENGLISH[TITLE],
    "30/01/2023 - 20:15",
    next(v for k, v in ENGLISH.items() if k.startswith("Tối")),
    "The programme had three parts, recalling the heroic days of An Giang's army and people. "
    "Thousands of people came to watch.",
    CODE,
    CAPTION,
    next(v for k, v in ENGLISH.items() if k.startswith("Dịp")),
    "Thanh Tâm",
]
FURNITURE = [
    ("menu or site banner (all lower case)", "nhandan.vn"),
    ("repeats the paragraph before it", "Nghệ thuật kỷ niệm 55 năm chiến thắng…"),
    ("part of a contact block", "Tòa soạn: 71 Hàng Trống, Hoàn Kiếm, Hà…"),
    ("contact details", "Điện thoại: 024.38254231"),
    ("contact details", "E-mail: toasoan@nhandan.vn"),
    ("copyright line", "© Bản quyền thuộc về Báo Nhân Dân"),
    ("style sheet (CSS) code", ".share-box { display: none; }"),
]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    assert import_files(project, [ARTICLE])[0].problem is None
    for segment in project.segments():
        if segment.source in ENGLISH:
            project.save_translation(segment.id, "en", ENGLISH[segment.source], Status.APPROVED, Origin.HUMAN, "Lan")
    code = next(s for s in project.segments() if s.source == CODE)
    project.set_translatable(code.id, False, "article code")  # by hand, with a reason of the user's own
    return project


def _paragraphs(path: Path) -> list[str]:
    """The exported document's paragraphs, read with an independent reader."""
    if path.suffix == ".docx":
        return [p.text for p in docx.Document(str(path)).paragraphs if p.text]
    if path.suffix == ".html":
        body = html.fromstring(path.read_bytes()).find("body")
        return [element.text_content() for element in body]
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")


@pytest.mark.parametrize("fmt", ["txt", "html", "docx"])
def test_captions_bylines_dates_and_hand_marked_text_go_out_as_written(
    project: Project, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"article.en.{fmt}"
    report = export(project, fmt, ["en"], path, project.documents()[0].id, check=False)
    assert _paragraphs(path) == EXPORTED  # the banner, the repeated title, contacts, copyright and CSS stay out
    assert [(reason, words) for _document, _position, reason, words in report.dropped] == FURNITURE
    assert report.kept_as_written == 5  # the date, the code, the caption's two sentences, the byline
    lines = "\n".join(report.lines())
    assert (
        "7 not-for-translation segments left out" in lines
        and "5 not-for-translation segments kept as in the source" in lines
    )
    assert "export-article-vi.txt #14 contact details: Điện thoại: 024.38254231" in lines


def test_text_kept_as_written_is_marked_as_vietnamese(project: Project, tmp_path: Path) -> None:
    """Browsers and Word's spelling check see the caption as Vietnamese, not as an untranslated gap."""
    document_id = project.documents()[0].id
    export(project, "html", ["en"], tmp_path / "a.html", document_id, check=False)
    page = html.fromstring((tmp_path / "a.html").read_bytes())
    caption = next(p for p in page.iter("p") if p.text_content() == CAPTION)
    assert {span.get("lang") for span in caption.iter("span")} == {"vi"}
    assert not page.find_class("untranslated")  # everything to translate was approved
    export(project, "docx", ["en"], tmp_path / "a.docx", document_id, check=False)
    paragraph = next(p for p in docx.Document(str(tmp_path / "a.docx")).paragraphs if p.text == CAPTION)
    assert {run._element.rPr.find(qn("w:lang")).get(qn("w:val")) for run in paragraph.runs} == {"vi-VN"}


@pytest.mark.parametrize("fmt", ["txt", "html", "docx"])
def test_the_user_may_leave_out_not_for_translation_text(project: Project, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"article.en.{fmt}"
    report = export(
        project, fmt, ["en"], path, project.documents()[0].id, check=False, leave_out_not_for_translation=True
    )
    # figures read the same in every language and stay: a table keeps its numbers, the article its date
    assert _paragraphs(path) == [p for p in EXPORTED if p not in (CODE, CAPTION, "Thanh Tâm")]
    left_out = [(reason, words) for _document, _position, reason, words in report.dropped]
    assert ("article code", CODE) in left_out and ("author byline (kept as written)", "Thanh Tâm") in left_out
    assert ("photo caption", "Ảnh: nhandan.vn") in left_out and len(left_out) == len(FURNITURE) + 4
    assert report.kept_as_written == 1


def test_the_export_command_takes_the_choice(project: Project, tmp_path: Path) -> None:
    project.close()
    command = [sys.executable, str(REPO / "main.py"), "export", "p.wbp", "--to", "en", "--format", "txt",
               "--document", "export-article-vi.txt", "--no-checks"]  # fmt: skip
    kept = subprocess.run([*command, "-o", "kept.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert kept.returncode == 0, kept.stderr
    assert CAPTION in (tmp_path / "kept.txt").read_text(encoding="utf-8")
    assert "copyright line: © Bản quyền thuộc về Báo Nhân Dân" in kept.stdout
    dropped = subprocess.run(
        [*command, "-o", "dropped.txt", "--leave-out-not-for-translation"], cwd=tmp_path, capture_output=True, text=True
    )
    assert dropped.returncode == 0, dropped.stderr
    assert CAPTION not in (tmp_path / "dropped.txt").read_text(encoding="utf-8")
    assert "photo caption: Chương trình nghệ thuật kỷ niệm 55 năm…" in dropped.stdout
