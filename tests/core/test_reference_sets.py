"""Reading reference sets for `models evaluate`: aligned files exactly as given, untrusted input refused by name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.core import reference_sets
from workbench.core.errors import ImportProblem
from workbench.core.memory.tmx import write_tmx
from workbench.core.memory.translation_memory import MemoryUnit
from workbench.core.reference_sets import read_aligned_files, read_project_reference, read_tmx_reference
from workbench.core.store.project_store import Project


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_lines_stay_aligned_whatever_the_line_ends_bom_and_separators_inside_a_segment(tmp_path: Path) -> None:
    source = write(tmp_path / "vie_Latn.devtest", "\ufeffMột\r\nHai\u2028vẫn là hai\r\nBa\x0cbốn\r\n".encode())
    reference = write(tmp_path / "eng_Latn.devtest", "One\nTwo\u2028still two\nThree\x0cfour".encode())
    read = read_aligned_files(source, reference, "en")
    assert read.sources == ("Một", "Hai\u2028vẫn là hai", "Ba\x0cbốn")
    assert read.references == ("One", "Two\u2028still two", "Three\x0cfour")
    assert (read.name, read.direction, read.size, read.available) == (
        "vie_Latn.devtest + eng_Latn.devtest", "vi-en", 3, 3,
    )  # fmt: skip


def test_nfd_text_is_composed_and_a_blank_pair_is_left_out_and_counted(tmp_path: Path) -> None:
    source = write(tmp_path / "s.txt", "Vie\u0302\u0323t\n\nBa\n".encode())
    reference = write(tmp_path / "r.txt", b"Viet\nnothing\nThree\n")
    read = read_aligned_files(source, reference, "en", limit=1)
    assert read.sources == ("Việt",) and read.available == 2 and read.blank == 1


def test_a_named_pipe_a_folder_and_an_oversized_file_are_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write(tmp_path / "good.txt", b"a\n")
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ImportProblem, match="pipe: is a named pipe"):  # refused at once, never waited on
        read_aligned_files(tmp_path / "pipe", good, "en")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ImportProblem, match="folder: is a folder"):
        read_aligned_files(good, tmp_path / "folder", "en")
    monkeypatch.setattr(reference_sets, "MAX_REFERENCE_BYTES", 10)
    big = write(tmp_path / "big.txt", b"a line\n" * 3)
    with pytest.raises(ImportProblem, match=r"big\.txt: is .* larger than a reference file may be"):
        read_aligned_files(big, good, "en")


def test_a_tmx_gives_each_source_once_with_its_first_translation(tmp_path: Path) -> None:
    path = tmp_path / "m.tmx"
    write_tmx(
        path,
        [MemoryUnit("Một", "One", "en"), MemoryUnit("Một", "A single one", "en"), MemoryUnit("Hai", "Two", "en"),
         MemoryUnit("Hai", "ពីរ", "km")],
    )  # fmt: skip
    read = read_tmx_reference(path, "en")
    assert (read.sources, read.references, read.name) == (("Một", "Hai"), ("One", "Two"), "m.tmx")
    assert read_tmx_reference(path, "km").references == ("ពីរ",)


def test_a_project_that_does_not_translate_the_language_is_named(tmp_path: Path) -> None:
    with Project.create(tmp_path / "en-only.wbp", "p", "vi", ["en"]):
        pass
    with pytest.raises(ImportProblem, match=r"en-only\.wbp: does not translate into km"):
        read_project_reference(tmp_path / "en-only.wbp", "km")
