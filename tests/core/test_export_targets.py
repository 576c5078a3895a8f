"""Every file the workbench writes where the user chose: it never replaces the project, its journal or lock,
another database or an imported source; a missing folder, a folder as target, a full disk, a planted
symlink or a killed export end in one message or are cleaned up, and the file that was there stays whole.
CSV cells never start a spreadsheet formula, and our own glossary CSV reads them back as they were."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.exporting.export_formats import export
from workbench.core.exporting.export_target import atomic_write
from workbench.core.exporting.text_exports import export_memory
from workbench.core.importing.file_import import import_files
from workbench.core.memory.glossary import Term, add_term, read_glossary_csv, terms, write_glossary_csv
from workbench.core.ops.glossary_files import export_glossary
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "Tỉnh An Giang có Núi Cấm.\n\nChợ nổi họp từ sáng sớm.\n"
FORMULA = "=cmd|' /C calc'!A0"


def run(*args: str, cwd: Path, file_size_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI; with `file_size_limit`, under RLIMIT_FSIZE, so a bigger write fails with a real EFBIG."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the error, not the signal that would kill the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=cwd, timeout=120,
        preexec_fn=limit if file_size_limit else None,
    )  # fmt: skip


def _project(folder: Path, source: str = ARTICLE, name: str = "article.txt") -> Path:
    """p.wbp with one imported text, every segment approved in English, and a glossary term."""
    (folder / name).write_text(source, encoding="utf-8")
    with Project.create(folder / "p.wbp", "An Giang", "vi", ["en", "km"]) as project:
        import_files(project, [folder / name])
        for segment in project.segments():
            project.save_translation(segment.id, "en", "EN " + segment.source, Status.APPROVED, Origin.HUMAN, "Lan")
        add_term(project, Term("Núi Cấm", {"en": "Cam Mountain"}))
    return folder / "p.wbp"


def _opens(path: Path) -> bool:
    with Project.open(path, read_only=True) as project:
        return len(project.segments()) > 0


@pytest.mark.parametrize(
    "command",
    [
        ["glossary", "export", "p.wbp", "p.wbp"],
        ["tm", "export", "p.wbp", "--project", "p.wbp"],
        ["tm", "export", "p.wbp-wal", "--project", "p.wbp"],
        ["glossary", "export", "p.wbp", "p.wbp.lock"],
        ["tm", "export", "article.txt", "--project", "p.wbp"],
        ["glossary", "export", "p.wbp", "article.txt"],
        ["tm", "export", "other.wbp"],
    ],
)
def test_memory_and_glossary_exports_never_replace_the_project_a_source_or_another_project(
    tmp_path: Path, command: list[str]
) -> None:
    project = _project(tmp_path)
    (tmp_path / "other").mkdir()
    _project(tmp_path / "other").rename(tmp_path / "other.wbp")
    before = {name: (tmp_path / name).read_bytes() for name in ("article.txt", "other.wbp")}
    refused = run(*command, cwd=tmp_path)
    assert refused.returncode == 2, refused.stdout
    target = command[2] if command[0] == "tm" else command[3]
    assert refused.stderr.startswith(f"error: {target} ") and refused.stderr.count("\n") == 1, refused.stderr
    assert _opens(project) and _opens(tmp_path / "other.wbp")
    assert {name: (tmp_path / name).read_bytes() for name in before} == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["export", "p.wbp", "--to", "en", "--format", "txt", "-o", "nodir/out.txt", "--document", "article.txt"],
         "error: cannot write nodir/out.txt: the folder nodir does not exist\n"),
        (["export", "p.wbp", "--to", "en", "-o", "somedir"], "error: cannot write somedir: it is a folder"),
        (["handoff", "p.wbp", "--to", "en", "-o", "somedir"], "error: cannot write somedir: it is a folder"),
        (["tm", "export", "somedir"], "error: cannot write somedir: it is a folder"),
        (["glossary", "export", "p.wbp", "somedir"], "error: cannot write somedir: it is a folder"),
        (["tm", "export", "nodir/m.tmx", "--project", "p.wbp"], "error: cannot write nodir/m.tmx: the folder nodir"),
        (["export", "p.wbp", "--to", "en", "--format", "csv", "-o", "article.txt/out.csv"],
         "error: cannot write article.txt/out.csv: article.txt is not a folder\n"),
    ],
)  # fmt: skip
def test_a_missing_folder_or_a_folder_as_target_is_one_message_naming_it(
    tmp_path: Path, command: list[str], message: str
) -> None:
    _project(tmp_path)
    (tmp_path / "somedir").mkdir()
    refused = run(*command, cwd=tmp_path)
    assert refused.returncode == 2 and refused.stderr.startswith(message), refused.stderr
    assert "Traceback" not in refused.stderr
    assert list((tmp_path / "somedir").iterdir()) == []


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose every export is well over 40 KB: 1000 segments, 1000 terms."""
    folder = tmp_path_factory.mktemp("big")
    many = "\n\n".join(f"Câu số {n} nói về Núi Cấm và chợ nổi An Giang." for n in range(1000))
    project = _project(folder, many)
    with Project.open(project) as opened:
        for n in range(1000):
            add_term(opened, Term(f"thuật ngữ {n} của tỉnh", {"en": f"term {n} of the province"}))
    return project


@pytest.mark.parametrize(
    "command",
    [
        ["export", "p.wbp", "--to", "en", "--format", "po", "-o", "out"],
        ["export", "p.wbp", "--to", "en", "--format", "xliff", "-o", "out"],
        ["export", "p.wbp", "--to", "en", "--format", "csv", "-o", "out"],
        ["tm", "export", "out", "--project", "p.wbp"],
        ["glossary", "export", "p.wbp", "out.csv"],
        ["glossary", "export", "p.wbp", "out.tbx"],
    ],
)
def test_a_file_too_large_for_the_disk_is_one_message_and_the_old_file_stays(
    tmp_path: Path, big_project: Path, command: list[str]
) -> None:
    """RLIMIT_FSIZE makes every write past 40 KB fail with a real EFBIG, as a full disk fails with ENOSPC
    (the project's 32 KB SQLite index still fits)."""
    project = Path(shutil.copy(big_project, tmp_path / "p.wbp"))
    target = tmp_path / next(arg for arg in command if arg.startswith("out"))
    target.write_text("the export of yesterday", encoding="utf-8")
    failed = run(*command, cwd=tmp_path, file_size_limit=40_000)
    assert failed.returncode == 2, failed.stdout
    assert failed.stderr == (
        f"error: cannot write {target.name}: the file would be larger than this disk or account allows; "
        "the file already there is unchanged\n"
    )
    assert target.read_text(encoding="utf-8") == "the export of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert _opens(project)


def test_a_full_disk_leaves_the_old_export_whole_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(_project(tmp_path)) as project:
        target = tmp_path / "out.csv"
        export(project, "csv", ["en"], target)
        yesterday = target.read_bytes()
        project.save_translation(project.segments()[0].id, "en", "New text", Status.APPROVED, Origin.HUMAN, "Lan")

        def disk_full(_fd: int, _data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "write", disk_full)
        with pytest.raises(WorkbenchError) as refused:
            export(project, "csv", ["en"], target)
    assert str(refused.value) == f"cannot write {target}: the disk is full; the file already there is unchanged"
    assert target.read_bytes() == yesterday
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


KILLED_EXPORT = """
import os, signal, sys
from pathlib import Path
from workbench.core.exporting.export_target import atomic_write

def write(temporary: Path) -> None:
    temporary.write_text("half a fi", encoding="utf-8")
    os.kill(os.getpid(), signal.SIGKILL)

atomic_write(Path(sys.argv[1]), write)
"""


def test_what_a_killed_export_left_is_cleaned_up_by_the_next_export(tmp_path: Path) -> None:
    with Project.open(_project(tmp_path)) as project:
        target = tmp_path / "out.po"
        export(project, "po", ["en"], target)
        yesterday = target.read_bytes()
        killed = subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(target)], cwd=REPO, timeout=60)
        assert killed.returncode == -signal.SIGKILL
        (tmp_path / "out.po.partial").write_text("left by an earlier version", encoding="utf-8")
        assert target.read_bytes() == yesterday  # the kill left the old export whole
        assert len([p for p in tmp_path.iterdir() if p.name.endswith(".partial")]) == 2
        export(project, "po", ["en"], target)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    assert 'msgstr "EN Tỉnh An Giang có Núi Cấm."' in target.read_text(encoding="utf-8")


def test_an_export_still_being_written_is_not_cleaned_up_by_a_second_one(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"

    def first(temporary: Path) -> None:
        temporary.write_text("first, half", encoding="utf-8")
        atomic_write(target, lambda second: second.write_text("second", encoding="utf-8"))
        temporary.write_text("first, whole", encoding="utf-8")

    atomic_write(target, first)
    assert target.read_text(encoding="utf-8") == "first, whole"
    assert list(tmp_path.iterdir()) == [target]


def test_a_symlink_planted_at_the_temporary_name_is_never_followed(tmp_path: Path) -> None:
    with Project.open(_project(tmp_path)) as project:
        victim = tmp_path / "precious.txt"
        victim.write_text("the user's own file", encoding="utf-8")
        for name in ("out.txt", "out.csv", "g.csv", "m.tmx"):
            (tmp_path / f"{name}.partial").symlink_to(victim)
        export(project, "txt", ["en"], tmp_path / "out.txt", project.documents()[0].id)
        export(project, "csv", ["en"], tmp_path / "out.csv")
        export_glossary(project, tmp_path / "g.csv")
        export_memory(tmp_path / "m.tmx", project)
    assert victim.read_text(encoding="utf-8") == "the user's own file"
    for name in ("out.txt", "out.csv", "g.csv", "m.tmx"):
        assert not (tmp_path / name).is_symlink() and (tmp_path / name).stat().st_size > 0
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("EN Tỉnh An Giang")


def test_segment_csv_cells_never_start_a_spreadsheet_formula(tmp_path: Path) -> None:
    source = f"{FORMULA}\n\n+84 là mã vùng của Việt Nam.\n\n@SUM(A1)\n\n-5 độ C.\n\nNúi Cấm cao 705 m.\n"
    with Project.open(_project(tmp_path, source, name="=HYPERLINK(1).txt")) as project:
        export(project, "csv", ["en"], tmp_path / "out.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    assert rows[1][:3] == ["'=HYPERLINK(1).txt", "1", "'" + FORMULA]
    assert [row[2] for row in rows[2:]] == [
        "'+84 là mã vùng của Việt Nam.",
        "'@SUM(A1)",
        "'-5 độ C.",
        "Núi Cấm cao 705 m.",
    ]
    assert rows[5][3] == "EN Núi Cấm cao 705 m."  # text starting with a letter goes out as it is


def test_glossary_csv_cells_never_start_a_formula_and_read_back_as_they_were(tmp_path: Path) -> None:
    tricky = [
        Term(FORMULA, {"en": "+1 point", "km": "@ទី"}, {"en": ("-minus", "ok")}, "=note"),
        Term("'=đã có dấu nháy", {"en": "'quoted' text", "km": "it's"}),
        Term("\tTab đầu", {"en": "\t=x"}),
    ]
    path = tmp_path / "g.csv"
    write_glossary_csv(path, tricky)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[2]["en"] == "'\t=x"
    assert [row["vi"] for row in rows] == ["'" + FORMULA, "''=đã có dấu nháy", "'\tTab đầu"]
    assert (rows[0]["en"], rows[0]["km"], rows[0]["forbidden_en"], rows[0]["note"]) == (
        "'+1 point", "'@ទី", "'-minus; ok", "'=note",
    )  # fmt: skip
    assert (rows[1]["en"], rows[1]["km"]) == ("'quoted' text", "it's")  # no formula: unchanged
    read = read_glossary_csv(path)
    assert [(t.source, t.targets, t.forbidden, t.note) for t in read] == [
        (FORMULA, {"en": "+1 point", "km": "@ទី"}, {"en": ("-minus", "ok")}, "=note"),
        ("'=đã có dấu nháy", {"en": "'quoted' text", "km": "it's"}, {}, ""),
        ("Tab đầu", {"en": "=x"}, {}, ""),  # the reader strips spaces (a tab too) around a cell, as it did
    ]
    write_glossary_csv(path, [Term("dòng", {"en": "\r=x"})])
    assert "'\r=x" in path.read_bytes().decode("utf-8")


def test_a_glossary_is_exported_only_as_csv_or_tbx(tmp_path: Path) -> None:
    with Project.open(_project(tmp_path)) as project:
        with pytest.raises(WorkbenchError, match=r"notes\.txt: a glossary is a \.csv or \.tbx file"):
            export_glossary(project, tmp_path / "notes.txt")
        assert export_glossary(project, tmp_path / "g.tbx") == 1
        assert [t.source for t in terms(project)] == ["Núi Cấm"]
    assert not (tmp_path / "notes.txt").exists()
    assert b"<martif" in (tmp_path / "g.tbx").read_bytes()


def test_a_device_a_pipe_or_a_link_to_one_is_never_replaced_by_an_export(tmp_path: Path) -> None:
    """As root, renaming over /dev/full or /dev/null would replace them for the whole machine."""
    source = tmp_path / "tin.txt"
    source.write_text("Núi Cấm cao.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.po")
    (tmp_path / "null.po").symlink_to("/dev/null")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        import_files(project, [source])
        for target, said in (
            (tmp_path / "pipe.po", "it is a named pipe (FIFO), not a regular file"),
            (tmp_path / "null.po", "it is a device, not a regular file"),
            (Path("/dev/full"), "it is a device, not a regular file"),
        ):
            with pytest.raises(WorkbenchError, match=rf"cannot write {target}: {re.escape(said)}"):
                export(project, "po", ["km"], target, include_unapproved=True)
            with pytest.raises(WorkbenchError, match=re.escape(said)):
                export_memory(target, project)
    assert (tmp_path / "pipe.po").is_fifo() and (tmp_path / "null.po").is_symlink()
    assert Path("/dev/full").is_char_device() and Path("/dev/null").is_char_device()
