"""A translator opens a Vietnamese text file and gets the same Unicode text whatever encoding it came in."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from workbench.core.errors import ImportProblem
from workbench.core.importing.text_decoding import decode_text
from workbench.core.language.legacy_encodings import (
    decode_tcvn3,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
    vni_text_to_unicode,
)

TEXT = (
    "Ủy ban nhân dân tỉnh An Giang tiếp tục đẩy mạnh truyền thông văn hóa đối ngoại.\n"
    "Đồng bằng sông Cửu Long có nhiều lễ hội: Ok Om Bok, Chôl Chnăm Thmây, Sene Đôlta.\n"
    "Du khách nước ngoài thường ghé thăm Núi Cấm, rừng tràm Trà Sư và chợ nổi Long Xuyên.\n"
    "Thuở ấy, người dân khuya khoắt vẫn ngược xuôi buôn bán trên những chiếc ghe xuồng.\n"
)
ALL_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"


def test_every_vietnamese_letter_survives_tcvn3_and_vni() -> None:
    lower = ALL_LETTERS
    assert decode_tcvn3(encode_tcvn3(lower)) == lower
    both_cases = lower + lower.upper()
    assert vni_text_to_unicode(encode_vni(both_cases).decode("cp1252")) == both_cases


def test_text_mangled_by_legacy_fonts_as_seen_in_the_wild_reads_as_vietnamese() -> None:
    assert decode_tcvn3("ViÖt Nam, §µ N½ng".encode("cp1252")) == "Việt Nam, Đà Nẵng"
    assert vni_text_to_unicode("Vieät Nam, Ñaø Naüng, Thaønh phoá Hoà Chí Minh") == (
        "Việt Nam, Đà Nẵng, Thành phố Hồ Chí Minh"
    )


@pytest.mark.parametrize(
    ("name", "data", "expected_encoding"),
    [
        ("utf-8", TEXT.encode("utf-8"), "utf-8"),
        ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        ("utf-16 LE with BOM", TEXT.encode("utf-16"), "utf-16"),
        ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        ("utf-16 LE without BOM", TEXT.encode("utf-16-le"), "utf-16-le"),
        ("windows-1258", encode_cp1258(TEXT), "cp1258"),
        ("NFD utf-8 (macOS)", unicodedata.normalize("NFD", TEXT).encode("utf-8"), "utf-8"),
        ("TCVN3", encode_tcvn3(TEXT), "tcvn3"),
        ("VNI-Windows", encode_vni(TEXT), "vni"),
        ("TCVN3 pasted into a UTF-8 file", encode_tcvn3(TEXT).decode("cp1252").encode("utf-8"), "utf-8 (tcvn3 text)"),
        ("VNI pasted into a UTF-8 file", encode_vni(TEXT).decode("cp1252").encode("utf-8"), "utf-8 (vni text)"),
    ],
)
def test_detected_encoding_gives_the_same_nfc_text(name: str, data: bytes, expected_encoding: str) -> None:
    decoded = decode_text(data, "sample.txt")
    assert decoded.encoding == expected_encoding, name
    expected = TEXT
    if "TCVN3" in name:
        # TCVN3 has no upper-case toned letters outside the .Vn*H fonts: Ủ arrives as ủ.
        expected = TEXT.replace("Ủy", "ủy")
    assert decoded.text == expected


def test_a_copied_article_detects_in_every_encoding(article_path) -> None:  # type: ignore[no-untyped-def]
    text = article_path.read_text(encoding="utf-8")
    assert decode_text(encode_cp1258(text), "a.txt").text == text
    assert decode_text(encode_vni(text), "a.txt").text == text
    assert decode_text(unicodedata.normalize("NFD", text).encode(), "a.txt").text == text


def test_mixed_line_endings_become_unix_ones() -> None:
    decoded = decode_text("một\r\nhai\rba\nbốn".encode(), "x.txt")
    assert decoded.text == "một\nhai\nba\nbốn"


def test_forced_encoding_overrides_detection() -> None:
    data = encode_vni(TEXT)
    assert decode_text(data, "x.txt", encoding="vni").text == TEXT
    # Forcing the wrong one is the user's call: no error, just the bytes read that way.
    assert decode_text(data, "x.txt", encoding="cp1252").text != TEXT
    with pytest.raises(ImportProblem, match="unknown encoding 'klingon'"):
        decode_text(data, "x.txt", encoding="klingon")
    with pytest.raises(ImportProblem, match="not valid utf-8"):
        decode_text(encode_vni(TEXT), "x.txt", encoding="utf-8")


def test_binary_data_is_refused_with_the_file_name() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    with pytest.raises(ImportProblem) as info:
        decode_text(png, "photo.txt")
    assert info.value.source == "photo.txt"
    assert "binary" in info.value.problem
