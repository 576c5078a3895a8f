"""A short, fixed run of the readers' fuzzing harness (tests/fuzz_readers.py; run it for minutes by hand).

Every damaged, truncated or generated file given to a reader ends in a WorkbenchError (one message
naming the file), never another exception.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.fuzz_readers import READERS, Finding, Reader, check_reader, read_once

#: examples per reader: a few seconds in all; the docx reader gets more for its zip headers (the fixed
#: examples include a deflate stream that does not inflate, which once escaped as zlib.error)
EXAMPLES = {"docx": 100}


@pytest.mark.parametrize("name", sorted(READERS))
def test_damaged_and_generated_files_end_in_our_own_message(name: str) -> None:
    check_reader(name, EXAMPLES.get(name, 25), derandomize=True)


def test_the_harness_reports_an_exception_that_is_not_ours(tmp_path: Path) -> None:
    """It would be a defect if the harness could not fail: a reader that lets zipfile's error out is caught."""

    def careless(path: Path) -> object:
        return zipfile.ZipFile(path).namelist()

    with pytest.raises(Finding, match=r"bai\.docx: zipfile\.BadZipFile at .*: File is not a zip file"):
        read_once(Reader("bai.docx", list, careless), b"not a zip", tmp_path)
