"""Page furniture copied with an article is imported but marked not-for-translation, with a reason."""

from __future__ import annotations

from pathlib import Path

from workbench.core.importing.boilerplate import (
    REASON_BYLINE,
    REASON_CAPTION,
    REASON_CONTACT,
    REASON_CONTACT_BLOCK,
    REASON_COPYRIGHT,
    REASON_CSS,
    REASON_DUPLICATE,
    REASON_MENU,
    REASON_NAVIGATION,
    REASON_NO_WORDS,
    is_page_furniture,
)
from workbench.core.importing.file_import import import_files, prepare_import


def test_a_copied_web_article_keeps_its_body_and_marks_the_noise(article_path: Path) -> None:
    doc = prepare_import(article_path)
    reasons = {s.source: s.skip_reason for s in doc.segments if not s.translatable}
    assert reasons["sở văn hóa, thể thao và du lịch tỉnh sóc trăng"] == REASON_MENU
    title = "Sóc Trăng sẵn sàng cho Lễ hội Oóc Om Bóc – Đua ghe Ngo năm 2024"
    assert [s.translatable for s in doc.segments if s.source == title] == [True, False]
    assert reasons[title] == REASON_DUPLICATE
    assert reasons["Ảnh: baosoctrang.org.vn"] == REASON_CAPTION
    assert reasons["Minh Khang"] == REASON_BYLINE
    assert reasons["Điện thoại: 0299.3.822.915"] == REASON_CONTACT
    assert reasons["Email: ttxtdl@soctrang.gov.vn"] == REASON_CONTACT
    assert reasons["Phòng Quản lý Du lịch"] == REASON_CONTACT_BLOCK
    assert reasons["Trung tâm Thông tin Xúc tiến Du lịch"] == REASON_CONTACT_BLOCK
    assert reasons["1"] == REASON_NO_WORDS
    assert reasons["© Bản quyền thuộc Sở Văn hóa, Thể thao và Du lịch tỉnh Sóc Trăng."] == REASON_COPYRIGHT
    assert any(r == REASON_CSS and s.startswith("@media") for s, r in reasons.items())
    body = [s.source for s in doc.segments if s.translatable]
    assert body[0] == title
    assert "Nguồn:" in body
    assert all("Điện thoại" not in s and "@media" not in s for s in body)


def test_ordinary_prose_is_left_alone(tmp_path: Path) -> None:
    text = (
        "Du lịch An Giang\n\n"
        "An Giang là tỉnh biên giới ở Đồng bằng sông Cửu Long, có nhiều danh thắng nổi tiếng.\n\n"
        "Mọi thông tin xin liên hệ Trung tâm Xúc tiến Du lịch.\n"
    )
    source = tmp_path / "du-lich.txt"
    source.write_text(text, encoding="utf-8")
    doc = prepare_import(source)
    assert all(s.translatable for s in doc.segments)


def test_the_user_can_flip_the_flag_and_a_reimport_respects_it(project, article_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [article_path])
    byline = next(s for s in project.segments() if s.source == "Minh Khang")
    assert not byline.translatable
    flipped = project.set_translatable(byline.id, True)
    assert flipped.translatable and flipped.skip_reason == ""
    import_files(project, [article_path])  # the same file again
    assert project.segment(byline.id).translatable
    body = next(s for s in project.segments() if s.source.startswith("Bên cạnh hội đua ghe Ngo"))
    skipped = project.set_translatable(body.id, False, "translated elsewhere")
    assert skipped.skip_reason == "translated elsewhere"


def test_menus_breadcrumbs_and_long_banners_copied_from_a_page_are_marked(tmp_path: Path) -> None:
    page = (
        "trang thông tin điện tử sở văn hóa, thể thao và du lịch tỉnh sóc trăng\n\n"
        "Trang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản | Liên hệ\n\n"
        "Trang chủ » Tin tức » Văn hóa - Xã hội\n\n"
        "Chùa Dơi là ngôi chùa Khmer nổi tiếng ở TP. Sóc Trăng.\n\n"
        "Giá vé tham quan: người lớn 20.000 đồng | trẻ em 10.000 đồng | người cao tuổi miễn phí.\n"
    )
    source = tmp_path / "trang.txt"
    source.write_text(page, encoding="utf-8")
    reasons = {s.source: s.skip_reason for s in prepare_import(source).segments}
    assert reasons["trang thông tin điện tử sở văn hóa, thể thao và du lịch tỉnh sóc trăng"] == REASON_MENU
    assert reasons["Trang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản | Liên hệ"] == REASON_NAVIGATION
    assert reasons["Trang chủ » Tin tức » Văn hóa - Xã hội"] == REASON_NAVIGATION
    assert reasons["Chùa Dơi là ngôi chùa Khmer nổi tiếng ở TP. Sóc Trăng."] == ""
    # A sentence that uses | for its own list is prose, not a menu.
    assert reasons["Giá vé tham quan: người lớn 20.000 đồng | trẻ em 10.000 đồng | người cao tuổi miễn phí."] == ""
    assert is_page_furniture(REASON_NAVIGATION, inside_article=True)  # left out of exported documents, and listed


def test_lower_case_table_cells_and_figures_are_content_and_a_contact_invitation_is_contact(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Giá vé tham quan các điểm du lịch năm 2024 như sau.")
    table = document.add_table(rows=2, cols=2)
    for row, (what, price) in enumerate((("người lớn", "50.000 đồng"), ("trẻ em", "miễn phí"))):
        table.cell(row, 0).text, table.cell(row, 1).text = what, price
    document.add_paragraph("Liên hệ: vanphong@soctrang.gov.vn, điện thoại 0299 3822 915")
    document.add_paragraph("Liên hệ: Trung tâm sẽ hỗ trợ du khách trong suốt mùa lễ hội.")
    path = tmp_path / "gia-ve.docx"
    document.save(str(path))
    reasons = {s.source: s.skip_reason for s in prepare_import(path).segments}
    assert reasons["50.000 đồng"] == reasons["người lớn"] == reasons["miễn phí"] == ""
    assert reasons["Liên hệ: vanphong@soctrang.gov.vn, điện thoại 0299 3822 915"] == REASON_CONTACT
    assert reasons["Liên hệ: Trung tâm sẽ hỗ trợ du khách trong suốt mùa lễ hội."] == ""


def test_only_a_name_after_the_last_long_paragraph_is_a_byline(tmp_path: Path) -> None:
    """A name under each of thousands of paragraphs: each but the last has the article going on after it (each
    name used to look through every paragraph after it, hours for a long file)."""
    paragraph = "Tỉnh An Giang tiếp tục đẩy mạnh công tác truyền thông văn hóa đối ngoại trên địa bàn tỉnh năm nay."
    names = [f"Minh Khang {chr(0x41 + i % 26)}{chr(0x61 + i // 26 % 26)}{chr(0x61 + i // 676)}" for i in range(3000)]
    source = tmp_path / "tin.txt"
    source.write_text("\n\n".join(f"{paragraph}\n\n{name}" for name in names) + "\n\nNguyễn Văn Hòa", encoding="utf-8")
    reasons = {s.source: s.skip_reason for s in prepare_import(source).segments}
    assert [reasons[name] for name in names] == [""] * (len(names) - 1) + [REASON_BYLINE]
    assert reasons["Nguyễn Văn Hòa"] == ""  # after a name, not after a long paragraph
