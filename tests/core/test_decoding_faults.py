"""A damaged or mislabelled file still reads as the Vietnamese it is, and the user is told what was wrong.

One stray byte in a UTF-8 article must not send it to a legacy decoder (every segment mojibake and
marked not for translation); a web page whose declared charset lies must not import as CJK garbage;
an encoding that is not a text encoding, or a page nested too deeply, ends in one message, not a
traceback or a misleading "no text".
"""

from __future__ import annotations

import codecs
import encodings.aliases
import unicodedata
from pathlib import Path

import pytest

from workbench.core.errors import ImportProblem
from workbench.core.importing.file_import import prepare_import
from workbench.core.importing.text_decoding import decode_text
from workbench.core.language.legacy_encodings import decode_tcvn3, encode_cp1258, encode_tcvn3, encode_vni

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "soc-trang-article-vi.txt"


def article_bytes() -> bytes:
    return ARTICLE.read_bytes()


def inserted(data: bytes, before: str, bad: bytes, nth: int = 1) -> tuple[bytes, int]:
    """`data` with `bad` put before the nth occurrence of `before`, and the offset it went to."""
    offset = -1
    for _ in range(nth):
        offset = data.index(before.encode("utf-8"), offset + 1)
    return data[:offset] + bad + data[offset:], offset


def place(data: bytes, offset: int) -> str:
    """Where a byte is: line and column from 1 (in characters, a bad byte counting as one), the byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="surrogateescape")) + 1
    return f"line {line:,}, column {column:,}, byte {offset:,}"


def test_one_stray_byte_in_a_utf8_article_replaces_only_that_byte_and_says_where() -> None:
    original = article_bytes()
    data, offset = inserted(original, "Đua ghe Ngo lần thứ V", b"\x96")
    decoded = decode_text(data, "tin-bai.txt")
    assert decoded.encoding == "utf-8"
    expected = original.decode("utf-8").replace("Đua ghe Ngo lần thứ V", "\ufffdĐua ghe Ngo lần thứ V", 1)
    assert decoded.text == expected
    (warning,) = decoded.warnings
    assert warning.startswith("tin-bai.txt: 1 place is not valid UTF-8")
    assert place(data, offset) in warning


def test_a_few_bad_bytes_of_every_kind_scattered_in_utf8_keep_the_rest_of_the_text() -> None:
    data = article_bytes()
    damage = (
        ("Sóc Trăng sẵn sàng", b"\xff"),  # never valid in UTF-8
        ("họp báo", b"\x80"),  # a continuation byte on its own
        ("Cửu Long", b"\xe1\xbb"),  # a three-byte letter cut short
        ("Ngo lần", b"\x93"),  # a cp1252 quotation mark
    )
    for before, bad in damage:
        data, _ = inserted(data, before, bad)
    offsets = [data.index(bad + before.encode()) for before, bad in damage]
    decoded = decode_text(data, "tin-bai.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 4
    assert decoded.text.replace("\ufffd", "") == article_bytes().decode("utf-8")
    (warning,) = decoded.warnings
    assert "4 places are not valid UTF-8" in warning
    # the byte offsets named are where the bytes are in the damaged file, in the order they come
    named = [place(data, o) for o in sorted(offsets)]
    assert all(name in warning for name in named)
    assert [warning.index(name) for name in named] == sorted(warning.index(name) for name in named)


def test_many_bad_places_name_the_first_few_and_count_the_rest() -> None:
    data = article_bytes().replace(" và ".encode(), " và".encode() + b"\xa0 ")  # a lone no-break space
    places = article_bytes().count(" và ".encode())
    assert places > 6
    decoded = decode_text(data, "x.txt")
    assert decoded.encoding == "utf-8"
    assert f"{places} places are not valid UTF-8" in decoded.warnings[0]
    assert f"and {places - 5} more" in decoded.warnings[0]


def test_a_byte_order_mark_says_utf8_even_when_a_byte_is_damaged() -> None:
    data, offset = inserted(codecs.BOM_UTF8 + article_bytes(), "năm 2024", b"\xfe")
    decoded = decode_text(data, "x.txt")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text.replace("\ufffd", "") == article_bytes().decode("utf-8")
    assert f"byte {offset:,}" in decoded.warnings[0]  # counted from the file's first byte, mark included


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,  # a picture
        codecs.BOM_UTF8 + encode_cp1258("Thành phố Long Xuyên đẹp, người dân hiền hòa.\n" * 20),
    ],
    ids=["a picture", "a Windows-1258 text"],
)
def test_a_byte_order_mark_before_what_is_not_utf8_is_refused_not_read_as_replacement_marks(data: bytes) -> None:
    with pytest.raises(ImportProblem, match="starts as utf-8-sig but is damaged at byte"):
        decode_text(data, "x.txt")


@pytest.mark.parametrize(
    ("encode", "encoding"), [(encode_cp1258, "cp1258"), (encode_vni, "vni"), (encode_tcvn3, "tcvn3")]
)
def test_a_genuine_legacy_article_still_goes_to_its_decoder_without_a_warning(encode, encoding) -> None:  # type: ignore[no-untyped-def]
    text = unicodedata.normalize("NFC", article_bytes().decode("utf-8"))
    decoded = decode_text(encode(text), "cu.txt")
    assert decoded.encoding == encoding
    assert decoded.warnings == ()
    if encoding == "tcvn3":  # it has no toned capitals outside its .Vn*H fonts, and no "©"
        text = decode_tcvn3(encode_tcvn3(text))
    assert decoded.text == text


def test_an_imported_article_with_a_stray_byte_stays_translatable_and_carries_the_warning(tmp_path: Path) -> None:
    data, _ = inserted(article_bytes(), "Đua ghe Ngo", b"\x96", nth=3)
    path = tmp_path / "tin-bai.txt"
    path.write_bytes(data)
    clean = prepare_import(ARTICLE)
    doc = prepare_import(path)
    assert doc.encoding == "utf-8"
    assert [s.translatable for s in doc.segments] == [s.translatable for s in clean.segments]
    assert sum(s.source != c.source for s, c in zip(doc.segments, clean.segments, strict=True)) == 1
    assert len(doc.warnings) == 1 and str(path) in doc.warnings[0]


@pytest.mark.parametrize("name", ["rot13", "base64", "zlib", "hex", "uu", "bz2", "quopri"])
def test_forcing_a_codec_that_is_not_a_text_encoding_says_so(name: str) -> None:
    with pytest.raises(ImportProblem) as info:
        decode_text(article_bytes(), "x.txt", encoding=name)
    assert info.value.source == "x.txt"
    assert f"{name!r}: it is not a text encoding" in info.value.problem


def test_forcing_any_codec_python_knows_reads_the_file_or_refuses_it_in_one_message() -> None:
    names = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values()) | {"undefined", "idna"}
    damaged, _ = inserted(article_bytes(), "năm 2024", b"\xff\x00\x80")
    for name in sorted(names):
        for data in (article_bytes(), damaged, b"\x00\xff" * 7):
            try:
                assert isinstance(decode_text(data, "x.txt", encoding=name).text, str)
            except ImportProblem as problem:
                assert problem.source == "x.txt", name


# --- web pages -----------------------------------------------------------------------------------


def page(charset: str) -> str:
    paragraphs = [line for line in ARTICLE.read_text(encoding="utf-8").split("\n") if line.strip()]
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs[2:6])
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Sóc Trăng</title></head>'
        f"<body><article>{body}</article></body></html>"
    )


FIRST_PARAGRAPH = "Sóc Trăng sẵn sàng cho Lễ hội Oóc Om Bóc – Đua ghe Ngo năm 2024"


@pytest.mark.parametrize(
    ("declared", "saved", "read_as"),
    [
        ("utf-16", "utf-8", "utf-8"),  # ASCII bytes read as UTF-16 are CJK, or do not decode at all
        ("utf16", "utf-8", "utf-8"),
        ("utf-32", "utf-8", "utf-8"),
        ("cp500", "utf-8", "utf-8"),  # EBCDIC reads any byte, as garbage
        ("iso-8859-1", "utf-8", "utf-8"),  # the commonest lie: "Sá»Ÿ" for "Sở"
        ("rot13", "utf-8", "utf-8"),
        ("x-user-defined", "utf-8", "utf-8"),
        ("windows-1252", "tcvn3", "tcvn3"),  # typed with a .VnTime font, labelled as Western
    ],
)
def test_a_page_whose_declared_charset_lies_is_read_as_detected_with_a_warning(
    tmp_path: Path, declared: str, saved: str, read_as: str
) -> None:
    text = page(declared)
    path = tmp_path / "tin.html"
    path.write_bytes(encode_tcvn3(text) if saved == "tcvn3" else text.encode(saved))
    doc = prepare_import(path)
    assert doc.encoding == read_as
    first = doc.blocks[0].text
    assert (first.lower() if saved == "tcvn3" else first) == (
        FIRST_PARAGRAPH.lower() if saved == "tcvn3" else FIRST_PARAGRAPH
    )
    (warning,) = doc.warnings
    assert warning.startswith(f"{path}: declares the encoding {declared!r}")
    assert f"read as {read_as} instead" in warning


def test_an_honest_declaration_is_followed_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "tin.html"
    path.write_bytes(encode_cp1258(page("windows-1258")))
    doc = prepare_import(path)
    assert doc.encoding == "windows-1258" and doc.blocks[0].text == FIRST_PARAGRAPH
    assert doc.warnings == ()


def test_an_honest_declaration_still_reads_a_page_with_control_characters_detection_would_refuse(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tin.html"
    path.write_bytes(encode_cp1258(page("windows-1258").replace("</article>", "\x01" * 50 + "</article>")))
    with pytest.raises(ImportProblem, match="binary"):
        decode_text(path.read_bytes(), str(path))  # without the declaration it looks binary
    doc = prepare_import(path)
    assert doc.encoding == "windows-1258" and doc.blocks[0].text == FIRST_PARAGRAPH


def test_a_utf8_page_with_a_stray_byte_is_told_about_the_byte_not_the_declaration(tmp_path: Path) -> None:
    data, _ = inserted(page("utf-8").encode(), "Đua ghe Ngo", b"\x96")
    path = tmp_path / "tin.html"
    path.write_bytes(data)
    doc = prepare_import(path)
    assert doc.encoding == "utf-8"
    (warning,) = doc.warnings
    assert "1 place is not valid UTF-8" in warning
    assert doc.blocks[0].text == FIRST_PARAGRAPH.replace("Đua", "\ufffdĐua")


@pytest.mark.parametrize("depth", [300, 1500])
def test_a_page_nested_hundreds_deep_is_read_whole(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "sau.html"
    path.write_text(
        "<html><body>"
        + "<div>" * depth
        + "<p>Xin chào các bạn.</p><p>Hẹn gặp lại.</p>"
        + "</div>" * depth
        + "<p>"
        + "<b>" * depth
        + "Chữ in đậm."
        + "</b>" * depth
        + "</p><p>Cuối trang.</p></body></html>",
        encoding="utf-8",
    )
    doc = prepare_import(path)
    assert [s.source for s in doc.segments] == ["Xin chào các bạn.", "Hẹn gặp lại.", "Chữ in đậm.", "Cuối trang."]


def test_a_page_nested_deeper_than_the_parser_reads_is_refused_as_too_deep(tmp_path: Path) -> None:
    path = tmp_path / "sau.html"
    path.write_text("<html><body>" + "<div>" * 3000 + "<p>Xin chào.</p>" + "</div>" * 3000 + "</body></html>")
    with pytest.raises(ImportProblem) as info:
        prepare_import(path)
    assert info.value.source == str(path)
    assert "nested too deeply" in info.value.problem


def test_utf8_with_khmer_and_a_few_vietnamese_words_is_never_repaired_into_question_marks() -> None:
    """Only cp1252 characters come out of an 8-bit font shown as cp1252: Khmer text is real Unicode."""
    for text in ("Mở\nរក្សាទុក\nĐóng\nបិទ\n", "ខេត្តឃ្លាំងត្រៀមខ្លួនរួចរាល់សម្រាប់ពិធីបុណ្យអកអំបុក ឆ្នាំ 2024\nSóc Trăng\n"):
        decoded = decode_text(text.encode(), "song-ngu.txt")
        assert (decoded.encoding, decoded.text) == ("utf-8", text)
