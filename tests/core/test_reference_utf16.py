"""A reference file saved by Windows Notepad as "Unicode" (UTF-16 with its byte-order mark) is text, read
as the same lines as its UTF-8 copy, not refused as a binary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import ImportProblem
from workbench.core.reference_sets import read_aligned_files, read_lines

LINES = ["ខេត្តសុកត្រាំងត្រៀមខ្លួន។", "Lễ hội diễn ra từ ngày 13.", "Visitors come from many provinces."]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_its_byte_order_mark_reads_as_its_lines(codec: str, tmp_path: Path) -> None:
    path = tmp_path / "khm_Khmr.devtest"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    path.write_bytes(bom + ("\r\n".join(LINES) + "\r\n").encode(codec))
    assert read_lines(path) == LINES


def test_a_utf16_file_aligns_with_a_utf8_one(tmp_path: Path) -> None:
    source, reference = tmp_path / "vie_Latn.devtest", tmp_path / "khm_Khmr.devtest"
    source.write_text("một\nhai\nba\n", encoding="utf-8")
    reference.write_text("\n".join(LINES) + "\n", encoding="utf-16")
    assert read_aligned_files(source, reference, "km").references == tuple(LINES)


def test_utf16_that_does_not_decode_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.km"
    path.write_bytes(b"\xff\xfe" + "ខេត្ត\n".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate at the end
    with pytest.raises(ImportProblem, match=r"broken\.km.*UTF-16"):
        read_lines(path)


@pytest.mark.parametrize("mark", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb\xbf \r\n"])
def test_a_file_holding_only_a_byte_order_mark_is_said_to_be_empty(mark: bytes, tmp_path: Path) -> None:
    path = tmp_path / "khm_Khmr.devtest"
    path.write_bytes(mark)
    with pytest.raises(ImportProblem, match=r"khm_Khmr\.devtest.*is empty"):
        read_lines(path)
