"""Word files, saved web pages, PO files and Markdown arrive as ordered, typed segments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.builders.documents import build_docx
from workbench.core.errors import ImportProblem
from workbench.core.importing.file_import import import_files, prepare_import
from workbench.core.language.legacy_encodings import encode_cp1258
from workbench.core.records import BlockKind, Origin, Status


def test_docx_structure_and_legacy_fonts(tmp_path: Path) -> None:
    path = tmp_path / "brochure.docx"
    build_docx(path)
    doc = prepare_import(path)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds == [
        (BlockKind.HEADING, "Du lịch An Giang"),
        (BlockKind.PARAGRAPH, "An Giang có nhiều lễ hội. TP. Châu Đốc nổi tiếng với Miếu Bà Chúa Xứ."),
        (BlockKind.LIST_ITEM, "Núi Cấm"),
        (BlockKind.LIST_ITEM, "Rừng tràm Trà Sư"),
        (BlockKind.TABLE_CELL, "Địa điểm"),
        (BlockKind.TABLE_CELL, "Lượt khách"),
        (BlockKind.TABLE_CELL, "Châu Đốc"),
        (BlockKind.TABLE_CELL, "9.889"),
        (BlockKind.PARAGRAPH, "ủy ban nhân dân tỉnh THÔNG BÁO"),
        (BlockKind.PARAGRAPH, "Đồng bằng sông Cửu Long"),
        (BlockKind.PARAGRAPH, "Việt Nam"),
    ]
    assert doc.blocks[7].meta["row"] == 1 and doc.blocks[7].meta["cell"] == 1
    assert [s.source for s in doc.segments][1:3] == [
        "An Giang có nhiều lễ hội.",
        "TP. Châu Đốc nổi tiếng với Miếu Bà Chúa Xứ.",
    ]
    # A cell with only a number has nothing to translate.
    assert not next(s for s in doc.segments if s.source == "9.889").translatable


SAVED_PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="windows-1258"><title>Tin tức - Sở TTTT An Giang</title>
<style>body { color: red; }</style><script>var menu = "Trang chủ";</script></head>
<body>
<header><div class="logo">SỞ THÔNG TIN VÀ TRUYỀN THÔNG</div></header>
<nav><ul><li>Trang chủ</li><li>Giới thiệu</li><li>Tin tức</li></ul></nav>
<div class="breadcrumb">Trang chủ / Tin tức</div>
<article>
<h1>Lễ hội Ok Om Bok năm 2023</h1>
<p>Sáng 27/11, tại TP. Long Xuyên, lễ hội được khai mạc.<br>Hàng nghìn người dân tham dự.</p>
<ul><li>Đua ghe ngo</li><li>Thả đèn nước</li></ul>
<table><tr><td>Ngày</td><td>Hoạt động</td></tr></table>
<p>Ảnh: baoangiang.com.vn</p>
</article>
<aside class="sidebar"><h3>Tin liên quan</h3><p>Một bài khác.</p></aside>
<footer><p>Điện thoại: 0296.6.522.225</p><p>Copyright © 2023</p></footer>
</body></html>"""


def test_saved_web_page_keeps_the_article_only(tmp_path: Path) -> None:
    from workbench.core.language.legacy_encodings import encode_cp1258

    path = tmp_path / "tin.html"
    path.write_bytes(encode_cp1258(SAVED_PAGE))
    doc = prepare_import(path)
    texts = [(b.kind, b.text) for b in doc.blocks]
    assert texts == [
        (BlockKind.HEADING, "Lễ hội Ok Om Bok năm 2023"),
        (BlockKind.PARAGRAPH, "Sáng 27/11, tại TP. Long Xuyên, lễ hội được khai mạc."),
        (BlockKind.PARAGRAPH, "Hàng nghìn người dân tham dự."),
        (BlockKind.LIST_ITEM, "Đua ghe ngo"),
        (BlockKind.LIST_ITEM, "Thả đèn nước"),
        (BlockKind.TABLE_CELL, "Ngày"),
        (BlockKind.TABLE_CELL, "Hoạt động"),
        (BlockKind.PARAGRAPH, "Ảnh: baoangiang.com.vn"),
    ]
    assert doc.encoding == "windows-1258"
    assert doc.properties["title"] == "Tin tức - Sở TTTT An Giang"
    caption = doc.segments[-1]
    assert not caption.translatable and caption.skip_reason == "photo caption"


def build_po(path: Path, language: str = "km") -> None:
    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": "angiang-site 1.0",
        "Language": language,
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=1; plural=0;",
        "Last-Translator": "Sok Dara <dara@example.org>",
    }
    po.append(polib.POEntry(msgid="Trang chủ", msgstr="ទំព័រដើម", occurrences=[("menu.html", "3")], msgctxt="menu"))
    po.append(polib.POEntry(msgid="Trang chủ", msgstr="", msgctxt="footer", tcomment="lower link"))
    po.append(polib.POEntry(msgid="Tin tức", msgstr="ព័ត៌មាន", flags=["fuzzy"], comment="news menu"))
    po.append(
        polib.POEntry(
            msgid="%d lượt xem",
            msgid_plural="%d lượt xem (nhiều)",
            msgstr_plural={0: "%d ដង"},
            flags=["c-format"],
        )
    )
    po.save(str(path))


def test_po_entries_keep_context_and_bring_their_translations(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "site.po"
    build_po(path)
    outcome = import_files(project, [path])[0]
    assert outcome.problem is None and outcome.result is not None
    assert outcome.result.imported_translations == 3
    segments = project.segments()
    assert [s.source for s in segments] == ["Trang chủ", "Trang chủ", "Tin tức", "%d lượt xem", "%d lượt xem (nhiều)"]
    menu, footer, news, singular, plural = segments
    assert menu.translations["km"].text == "ទំព័រដើម"
    assert menu.translations["km"].status is Status.TRANSLATED
    assert menu.translations["km"].origin is Origin.IMPORT
    assert menu.translations["km"].author == "Sok Dara <dara@example.org>"
    assert footer.translations["km"].status is Status.UNTRANSLATED
    assert news.translations["km"].status is Status.DRAFT  # fuzzy
    assert singular.translations["km"].text == "%d ដង"
    assert plural.translations["km"].status is Status.UNTRANSLATED
    assert menu.translations["en"].status is Status.UNTRANSLATED  # the file was Khmer
    prepared = outcome.document
    assert prepared is not None
    assert prepared.blocks[0].meta["msgctxt"] == "menu"
    assert prepared.blocks[0].meta["occurrences"] == [["menu.html", "3"]]
    assert prepared.blocks[3].meta["msgid_plural"] == "%d lượt xem (nhiều)"
    assert prepared.properties["po_metadata"]["Plural-Forms"] == "nplurals=1; plural=0;"
    history = project.revisions(menu.id, "km")
    assert [r["origin"] for r in history] == ["import"]


def test_markdown_headings_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "gioi-thieu.md"
    path.write_text(
        "# Giới thiệu\n\nAn Giang nằm ở phía tây nam\ncủa Tổ quốc. Tỉnh giáp Campuchia.\n\n- Núi Sam\n- Hồ Tà Pạ\n",
        encoding="utf-8",
    )
    doc = prepare_import(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "Giới thiệu"),
        (BlockKind.PARAGRAPH, "An Giang nằm ở phía tây nam của Tổ quốc. Tỉnh giáp Campuchia."),
        (BlockKind.LIST_ITEM, "Núi Sam"),
        (BlockKind.LIST_ITEM, "Hồ Tà Pạ"),
    ]
    assert [s.source for s in doc.segments][1:3] == ["An Giang nằm ở phía tây nam của Tổ quốc.", "Tỉnh giáp Campuchia."]


def test_document_structure_is_stored_for_export(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "brochure.docx"
    build_docx(path)
    import_files(project, [path])
    doc = project.documents()[0]
    assert doc.format == "docx" and doc.name == "brochure.docx"
    structure = project.paragraphs(doc.id)
    assert [p.kind for p in structure][:4] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
    ]
    assert structure[0].level == 1
    assert structure[4].meta == {"style": structure[4].meta["style"], "table": 0, "row": 0, "cell": 0}
    paragraphs = [s.paragraph for s in project.segments()]
    assert paragraphs[:3] == [0, 1, 1]  # two sentences of the second paragraph


TEXT_BOX_PARAGRAPH = """
<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <w:r><w:t>Đoạn văn có hộp chữ.</w:t></w:r>
  <w:r>
    <mc:AlternateContent>
      <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
        <w:p><w:r><w:t>Giờ mở cửa: 7 giờ sáng.</w:t></w:r></w:p>
      </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
      <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
        <w:p><w:r><w:t>Giờ mở cửa: 7 giờ sáng.</w:t></w:r></w:p>
      </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
    </mc:AlternateContent>
  </w:r>
</w:p>
"""


def test_text_boxes_are_their_own_paragraphs_read_once(tmp_path: Path) -> None:
    import docx
    from lxml import etree

    document = docx.Document()
    document.add_paragraph("Mở đầu.")
    body = document.element.body
    body.insert(len(body) - 1, etree.fromstring(TEXT_BOX_PARAGRAPH))  # before the section properties
    path = tmp_path / "brochure.docx"
    document.save(str(path))
    doc = prepare_import(path)
    assert [b.text for b in doc.blocks] == ["Mở đầu.", "Đoạn văn có hộp chữ.", "Giờ mở cửa: 7 giờ sáng."]


#: shaped like LibreOffice Writer's File > Export > XHTML of a Vietnamese document: an XML declaration
#: with its encoding, the XHTML 1.1 doctype, a namespaced <html>, Dublin Core metadata and a style block,
#: list labels in floating spans and cell text in <p>
LIBREOFFICE_XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1 plus MathML 2.0//EN" "http://www.w3.org/Math/DTD/mathml2/xhtml-math11-f.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><!--This file was converted to xhtml by LibreOffice.-->\
<head profile="http://dublincore.org/documents/dcmi-terms/">\
<meta http-equiv="Content-Type" content="application/xhtml+xml; charset=utf-8"/>\
<title xml:lang="vi-VN">Lễ hội Ok Om Bok</title>\
<meta name="DCTERMS.language" content="vi-VN" scheme="DCTERMS.RFC4646"/>
<style type="text/css">
\t@page {  }
\ttable { border-collapse:collapse; border-spacing:0; empty-cells:show }
\tli { list-style: none; margin:0; padding:0;}
\t.P1 { font-size:12pt; font-family:Times New Roman; writing-mode:page; }
\t</style></head>\
<body dir="ltr" style="max-width:21.001cm;margin-top:2cm; margin-bottom:2cm; ">\
<h1 class="Heading_20_1"><a id="a__Lễ_hội_Ok_Om_Bok"><span/></a>Lễ hội Ok Om Bok</h1>\
<p class="P1">Lễ hội diễn ra vào rằm tháng Mười âm lịch. Đồng bào Khmer cúng trăng.</p>\
<h2 class="Heading_20_2"><a id="a__Hoạt_động"><span/></a>Hoạt động</h2>\
<ul><li><p class="P2" style="margin-left:0cm;"><span class="Bullet_20_Symbols" \
style="display:block;float:left;min-width:0.635cm;">•</span>Đua ghe ngo<span class="odfLiEnd"/> </p></li>\
<li><p class="P2" style="margin-left:0cm;"><span class="Bullet_20_Symbols" \
style="display:block;float:left;min-width:0.635cm;">•</span>Thả đèn nước<span class="odfLiEnd"/> </p></li></ul>\
<table border="0" cellspacing="0" cellpadding="0" class="Table1"><colgroup><col width="111"/><col width="111"/></colgroup>\
<tr class="Table11"><td style="text-align:left;width:2.258cm; " class="Table1_A1"><p class="Table_20_Contents">Ngày</p></td>\
<td style="text-align:left;width:2.258cm; " class="Table1_A1"><p class="Table_20_Contents">Hoạt động</p></td></tr>\
<tr class="Table11"><td class="Table1_A2"><p class="Table_20_Contents">27/11</p></td>\
<td class="Table1_A2"><p class="Table_20_Contents">Khai mạc</p></td></tr></table>\
<p class="P1"> </p></body></html>
"""


def test_libreoffice_xhtml_with_an_encoding_declaration_imports_with_its_structure(tmp_path: Path) -> None:
    path = tmp_path / "ok-om-bok.xhtml"
    path.write_bytes(LIBREOFFICE_XHTML.encode("utf-8"))
    doc = prepare_import(path)
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, 1, "Lễ hội Ok Om Bok"),
        (BlockKind.PARAGRAPH, 0, "Lễ hội diễn ra vào rằm tháng Mười âm lịch. Đồng bào Khmer cúng trăng."),
        (BlockKind.HEADING, 2, "Hoạt động"),
        (BlockKind.LIST_ITEM, 0, "Đua ghe ngo"),  # the floating label is the marker, not text
        (BlockKind.LIST_ITEM, 0, "Thả đèn nước"),
        (BlockKind.TABLE_CELL, 0, "Ngày"),
        (BlockKind.TABLE_CELL, 0, "Hoạt động"),
        (BlockKind.TABLE_CELL, 0, "27/11"),
        (BlockKind.TABLE_CELL, 0, "Khai mạc"),
    ]
    assert doc.blocks[3].meta["marker"] == "• "  # as the text import keeps "- " and "1. "
    assert doc.blocks[8].meta["row"] == 1 and doc.blocks[8].meta["cell"] == 1
    assert doc.encoding == "utf-8" and doc.properties["title"] == "Lễ hội Ok Om Bok"
    assert not any("font-size" in s.source or "@page" in s.source for s in doc.segments)  # the style block


def test_a_page_declaring_its_encoding_in_an_xml_declaration_is_read_in_that_encoding(tmp_path: Path) -> None:
    from workbench.core.language.legacy_encodings import encode_cp1258

    page = '<?xml version="1.0" encoding="windows-1258"?>\n' + SAVED_PAGE.replace('<meta charset="windows-1258">', "")
    path = tmp_path / "tin.htm"
    path.write_bytes(encode_cp1258(page))
    doc = prepare_import(path)
    assert doc.encoding == "windows-1258"
    assert doc.blocks[0].text == "Lễ hội Ok Om Bok năm 2023"
    assert doc.blocks[1].text == "Sáng 27/11, tại TP. Long Xuyên, lễ hội được khai mạc."


@pytest.mark.parametrize(
    ("saved", "encoding"),
    [
        (lambda page: encode_cp1258(page.replace("; charset=utf-8", "")), "cp1258"),  # declares UTF-8, is not
        (lambda page: b"\xef\xbb\xbf" + page.encode("utf-8"), "utf-8-sig"),  # a byte order mark outranks it
        (lambda page: page.encode("utf-16"), "utf-16"),
    ],
)
def test_an_xml_declaration_that_does_not_match_the_bytes_still_imports(
    tmp_path: Path, saved: Callable[[str], bytes], encoding: str
) -> None:
    path = tmp_path / "ok-om-bok.xhtml"
    path.write_bytes(saved(LIBREOFFICE_XHTML))
    doc = prepare_import(path)
    assert doc.encoding == encoding
    assert [b.text for b in doc.blocks][:2] == [
        "Lễ hội Ok Om Bok",
        "Lễ hội diễn ra vào rằm tháng Mười âm lịch. Đồng bào Khmer cúng trăng.",
    ]


def test_a_page_declaring_xml_entities_is_refused_not_read_with_the_declarations_as_text(tmp_path: Path) -> None:
    for name, doctype in (
        ("xxe.xhtml", '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        ("lol.html", '<!DOCTYPE html [<!ENTITY l0 "lol"><!ENTITY l1 "&l0;&l0;&l0;&l0;">]>'),
    ):
        page = tmp_path / name
        page.write_text(
            f'<?xml version="1.0"?>{doctype}<html xmlns="http://www.w3.org/1999/xhtml"><body>'
            "<p>&x; Ủy ban nhân dân tỉnh An Giang tổ chức hội nghị.</p></body></html>",
            encoding="utf-8",
        )
        with pytest.raises(ImportProblem, match="declares XML entities"):
            prepare_import(page)
    plain = tmp_path / "plain.html"  # an ordinary DOCTYPE stays welcome
    plain.write_text("<!DOCTYPE html><html><body><p>Chùa Dơi ở Sóc Trăng.</p></body></html>", encoding="utf-8")
    assert [s.source for s in prepare_import(plain).segments] == ["Chùa Dơi ở Sóc Trăng."]
