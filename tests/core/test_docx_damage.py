"""A Word file damaged in its zip layer or in its XML ends in one message naming it, never a traceback.

The zip cases are the ones a fuzzer found: each used to escape as NotImplementedError, RuntimeError,
UnicodeDecodeError, ValueError or zlib.error. The project keeps what it had.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.builders.documents import build_docx
from tests.test_cli import run
from workbench.core.errors import ImportProblem
from workbench.core.importing.file_import import prepare_import

DOCUMENT = b"word/document.xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def seed(tmp_path: Path) -> bytes:
    path = tmp_path / "seed.docx"
    build_docx(path)
    return path.read_bytes()


def headers(data: bytes, signature: bytes, name_at: int, length_at: int, name: bytes) -> list[int]:
    """Offsets of the zip headers (local b'PK\\3\\4' or central b'PK\\1\\2') of the member `name`."""
    found, at = [], data.find(signature)
    while at >= 0:
        (length,) = struct.unpack_from("<H", data, at + length_at)
        if data[at + name_at : at + name_at + length] == name:
            found.append(at)
        at = data.find(signature, at + 4)
    return found


def patched(data: bytes, name: bytes, local: dict[int, int], central: dict[int, int]) -> bytes:
    """The archive with 16-bit fields of a member's headers set: {offset in header: value}."""
    out = bytearray(data)
    for at in headers(data, b"PK\x03\x04", 30, 26, name):
        for offset, value in local.items():
            struct.pack_into("<H", out, at + offset, value)
    for at in headers(data, b"PK\x01\x02", 46, 28, name):
        for offset, value in central.items():
            struct.pack_into("<H", out, at + offset, value)
    return bytes(out)


def unknown_compression(data: bytes) -> bytes:
    return patched(data, DOCUMENT, {8: 99}, {10: 99})


def zip_version_23_5(data: bytes) -> bytes:
    return patched(data, DOCUMENT, {}, {6: 235})


def encrypted_member(data: bytes) -> bytes:
    return patched(data, DOCUMENT, {6: 1}, {8: 1})


def name_not_utf8(data: bytes) -> bytes:
    out = bytearray(patched(data, b"[Content_Types].xml", {}, {8: 0x800}))
    (at,) = headers(data, b"PK\x01\x02", 46, 28, b"[Content_Types].xml")
    out[at + 46] = 0xFF
    return bytes(out)


def offsets_before_the_file(data: bytes) -> bytes:
    """The end record says the central directory starts 64 kB further on: every member then starts before byte 0."""
    out = bytearray(data)
    end = data.rindex(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, end + 16)
    struct.pack_into("<I", out, end + 16, offset + 65_536)
    return bytes(out)


def deflate_garbage(data: bytes) -> bytes:
    out = bytearray(data)
    (at,) = headers(data, b"PK\x03\x04", 30, 26, DOCUMENT)
    name_length, extra_length = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_length + extra_length
    for i in range(start + 2, start + 40):
        out[i] ^= 0xFF
    return bytes(out)


ZIP_DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "unknown compression method": (
        unknown_compression,
        "its part word/document.xml is packed in a way Word does not write",
    ),
    "zip version 23.5": (zip_version_23_5, "it is packed in a way Word does not write (zip file version 23.5)"),
    "encrypted member": (encrypted_member, "its part word/document.xml is encrypted (password-protected)"),
    "member name not UTF-8": (name_not_utf8, "the name of a part inside says it is UTF-8 and is not"),
    "offsets before the file": (
        offsets_before_the_file,
        "the part word/document.xml cannot be read (negative seek value",
    ),
    "deflate data that does not inflate": (deflate_garbage, "is damaged: the part word/document.xml cannot be read"),
}


@pytest.mark.parametrize("case", ZIP_DAMAGE)
def test_a_damaged_zip_layer_is_named_in_one_message(tmp_path: Path, case: str) -> None:
    damage, expected = ZIP_DAMAGE[case]
    path = tmp_path / "bai.docx"
    path.write_bytes(damage(seed(tmp_path)))
    with pytest.raises(ImportProblem) as refused:
        prepare_import(path)
    assert str(refused.value).startswith(f"{path}: ")
    assert expected in refused.value.problem


def document_with(paragraph_properties: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        f"<w:p><w:pPr>{paragraph_properties}</w:pPr><w:r><w:t>Tỉnh có nhiều lễ hội.</w:t></w:r></w:p>"
        "</w:body></w:document>"
    ).encode()


def docx_of(path: Path, document: bytes, styles: bytes | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)
        if styles is not None:
            archive.writestr("word/styles.xml", styles)
    return path


@pytest.mark.parametrize(
    ("properties", "value"),
    [
        ('<w:outlineLvl w:val="abc"/>', "'abc'"),
        ('<w:outlineLvl w:val="1e9"/>', "'1e9'"),
        ('<w:numPr><w:ilvl w:val="x"/></w:numPr>', "'x'"),
        ('<w:numPr><w:ilvl w:val="' + "9" * 5000 + '"/></w:numPr>', "'9999"),
    ],
)
def test_a_level_that_is_not_a_number_is_named_with_its_line(tmp_path: Path, properties: str, value: str) -> None:
    path = docx_of(tmp_path / "bai.docx", document_with(properties))
    with pytest.raises(ImportProblem) as refused:
        prepare_import(path)
    assert refused.value.problem.startswith(f"is damaged: word/document.xml gives the level {value}")
    assert "(line 1), which is not a whole number" in refused.value.problem


def test_a_style_level_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    styles = (
        f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading ³"/>'
        '<w:pPr><w:outlineLvl w:val="one"/></w:pPr></w:style></w:styles>'
    ).encode()
    path = docx_of(tmp_path / "bai.docx", document_with('<w:pStyle w:val="H"/>'), styles)
    with pytest.raises(ImportProblem, match=r"bai\.docx: is damaged: word/styles\.xml gives the level 'one'"):
        prepare_import(path)


def test_heading_names_with_other_digits_and_good_levels_still_read(tmp_path: Path) -> None:
    styles = (
        f'<w:styles xmlns:w="{W_NS}"><w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading ³"/>'
        "</w:style></w:styles>"
    ).encode()
    path = docx_of(tmp_path / "bai.docx", document_with('<w:pStyle w:val="H"/>'), styles)
    assert [b.kind.name for b in prepare_import(path).blocks] == ["PARAGRAPH"]
    listed = docx_of(tmp_path / "list.docx", document_with('<w:numPr><w:ilvl w:val="2"/></w:numPr>'))
    (item,) = prepare_import(listed).blocks
    assert (item.kind.name, item.level) == ("LIST_ITEM", 2)


def test_the_cli_says_which_word_file_is_damaged_and_keeps_the_others(tmp_path: Path) -> None:
    assert run("new", "p.wbp", cwd=tmp_path).returncode == 0
    (tmp_path / "bad.docx").write_bytes(deflate_garbage(seed(tmp_path)))
    (tmp_path / "ok.txt").write_text("Câu một.", encoding="utf-8")
    result = run("import", "p.wbp", "bad.docx", "ok.txt", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: bad.docx: is damaged: the part word/document.xml cannot be read (")
    assert "ok.txt: new document, 1 segment" in result.stdout


def test_a_document_nested_past_libxml2s_limit_is_named_in_plain_words(tmp_path: Path) -> None:
    body = "<w:p>" * 300 + "</w:p>" * 300
    path = tmp_path / "sau.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    with pytest.raises(ImportProblem, match="nests elements more than 256 deep") as refused:
        prepare_import(path)
    assert "XML_PARSE_HUGE" not in str(refused.value)
