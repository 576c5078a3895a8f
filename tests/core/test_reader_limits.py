"""What a reader is given instead of a document: a folder, a named pipe, a device, a paragraph of megabytes.

Each command says what the path is and stops (a pipe used to hang `tm import`, `merge` and `glossary
import` until someone wrote to it); a huge paragraph imports whole instead of running for hours.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import REPO, run
from workbench.core.errors import ImportProblem
from workbench.core.language.segmenter import quotations_marked, segmenter_for
from workbench.core.memory.glossary import read_glossary_csv
from workbench.core.memory.tmx import load_tmx
from workbench.core.store.project_store import Project
from workbench.core.user_file import read_regular_file

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")

#: command line (with {path}) -> exit code: import refuses one file of several (1), the others stop (2)
COMMANDS = {
    "import p.wbp {path}": 1,
    "tm import --project p.wbp {path}": 2,
    "glossary import p.wbp {path}": 2,
    "merge p.wbp {path} --to km": 2,
}


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    assert run("new", "p.wbp", "--source", "vi", "--targets", "en,km", cwd=tmp_path).returncode == 0
    return tmp_path


def run_line(line: str, path: str, cwd: Path) -> tuple[int, str]:
    result = run(*line.format(path=path).split(), cwd=cwd)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


@pytest.mark.parametrize("line", COMMANDS)
@pytest.mark.parametrize("name", ["somedir", "somedir.tmx", "somedir.po"])
def test_a_folder_where_a_file_belongs_is_called_a_folder(workdir: Path, line: str, name: str) -> None:
    (workdir / name).mkdir()
    code, stderr = run_line(line, name, workdir)
    assert (code, stderr) == (COMMANDS[line], f"error: {name}: is a folder, not a file\n")


@needs_fifo
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("import p.wbp {path}", "pipe.txt"),
        ("import p.wbp {path}", "pipe.docx"),
        ("tm import --project p.wbp {path}", "pipe.tmx"),
        ("glossary import p.wbp {path}", "pipe.csv"),
        ("glossary import p.wbp {path}", "pipe.tbx"),
        ("merge p.wbp {path} --to km", "pipe.xlf"),
        ("merge p.wbp {path} --to km", "pipe.po"),
    ],
)
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(workdir: Path, line: str, name: str) -> None:
    os.mkfifo(workdir / name)
    code, stderr = run_line(line, name, workdir)
    assert (code, stderr) == (COMMANDS[line], f"error: {name}: is a named pipe (FIFO), not a regular file\n")


@needs_fifo
def test_the_merge_dialog_guessing_a_language_does_not_wait_on_a_named_pipe(tmp_path: Path) -> None:
    """The dialog reads the start of the chosen file; a pipe would freeze the window (a child process
    here, so a hang fails the test instead of stopping the run)."""
    os.mkfifo(tmp_path / "back.xlf")
    guess = "from workbench.core.ops.merge_back import declared_language; print(repr(declared_language('back.xlf')))"
    result = subprocess.run(
        [sys.executable, "-c", guess], capture_output=True, text=True, cwd=tmp_path, timeout=60, env=_with_repo()
    )
    assert (result.returncode, result.stdout) == (0, "''\n"), result.stderr


def _with_repo() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
@pytest.mark.parametrize(("line", "name"), [("tm import --project p.wbp {path}", "null.tmx"), ("glossary import p.wbp {path}", "null.csv")])  # fmt: skip
def test_a_link_to_a_device_is_refused_as_a_device(workdir: Path, line: str, name: str) -> None:
    (workdir / name).symlink_to("/dev/null")
    code, stderr = run_line(line, name, workdir)
    assert (code, stderr) == (COMMANDS[line], f"error: {name}: is a device, not a regular file\n")


def test_a_link_the_user_names_to_a_regular_file_is_read_as_that_file(workdir: Path) -> None:
    (workdir / "bai.txt").write_text("Tỉnh có nhiều lễ hội.", encoding="utf-8")
    (workdir / "link.txt").symlink_to(workdir / "bai.txt")
    imported = run("import", "p.wbp", "link.txt", cwd=workdir)
    assert imported.returncode == 0, imported.stderr
    assert "link.txt: new document, 1 segment" in imported.stdout


def test_the_size_limit_holds_whatever_the_file_claims(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_bytes(b"vi,en\n" + b"x,y\n" * 100)
    with pytest.raises(ImportProblem, match=r"terms\.csv: is too big for this test"):
        read_regular_file(path, 50, lambda size: f"is too big for this test ({size} bytes)")
    assert read_regular_file(path, 406) == path.read_bytes()


def test_readers_of_memory_and_glossary_files_refuse_a_folder_in_the_core(tmp_path: Path) -> None:
    folder = tmp_path / "memory.tmx"
    folder.mkdir()
    with pytest.raises(ImportProblem, match=r"memory\.tmx: is a folder, not a file"):
        load_tmx(folder)
    with pytest.raises(ImportProblem, match=r"memory\.tmx: is a folder, not a file"):
        read_glossary_csv(folder)


# --- one paragraph of megabytes --------------------------------------------------------------------

NUMBERS = "tỉnh An Giang có 1.250 đại biểu và 25/CT-TTg ngày 15/11/2024 "
#: each took minutes or hours before: every match compared with every other, searches restarted inside
#: a run of full stops, a closing » looking through every unclosed “, a brace before a page of semicolons
LONG_LINES = {
    "numbers": NUMBERS * 20_000,
    "full stops": "Hết" + "." * 100_000,
    "unclosed quotations": "“Trích " * 30_000 + "» " * 30_000 + "Hết.",
    "a brace and semicolons": "Mã {" + "a: b; " * 20_000,
    "a chain of labels": "Xem x.vn hoặc " + "a." * 50_000 + "x",
    "a name without a domain": "Gửi " + "a." * 50_000 + "@",
    "dashes after an invitation": "Liên hệ: " + "-" * 100_000 + " x",
    "dashes": "-" * 100_000 + "x",
}


def test_a_paragraph_of_megabytes_imports_whole_with_its_numbers(workdir: Path) -> None:
    """No timing is asserted: before, this import ran for hours; the command's own timeout ends a hang."""
    (workdir / "long.txt").write_text("\n\n".join(LONG_LINES.values()), encoding="utf-8")
    imported = run("import", "p.wbp", "long.txt", cwd=workdir)
    assert imported.returncode == 0, imported.stderr
    with Project.open(workdir / "p.wbp", read_only=True) as project:
        segments = project.segments()
    by_paragraph: dict[int, list[str]] = {}
    for segment in segments:
        by_paragraph.setdefault(segment.paragraph, []).append(segment.source)
    assert [" ".join(by_paragraph[i]) for i in range(len(LONG_LINES))] == [
        " ".join(line.split()) for line in LONG_LINES.values()
    ]  # nothing lost, nothing added
    (numbers,) = [s for s in segments if s.paragraph == 0]
    assert [span.kind for span in numbers.spans] == ["number", "code", "date"] * 20_000
    assert numbers.spans[-1].text == "15/11/2024"
    chain = [s for s in segments if s.paragraph == 4]
    assert [span.text for s in chain for span in s.spans] == ["x.vn"]
    assert [len(by_paragraph[i]) for i in range(len(LONG_LINES))] == [1, 1, 1, 1, 1, 1, 1, 1]


def test_a_run_of_full_stops_or_exclamations_is_one_sentence() -> None:
    segmenter = segmenter_for("vi")
    assert [p.text for p in segmenter.split("Hết" + "." * 50_000 + " Sau đó.")] == ["Hết" + "." * 50_000, "Sau đó."]
    assert len(segmenter.split("Ồ" + "!" * 50_000)) == 1


def test_quotations_pair_across_a_line_of_unclosed_marks() -> None:
    text = "“a " * 20_000 + "» " * 20_000 + "«b»"
    marked = quotations_marked(text)
    assert len(marked) == len(text)
    assert marked.endswith("“b”") and marked.count("“") == 20_001 and marked.count("”") == 1
