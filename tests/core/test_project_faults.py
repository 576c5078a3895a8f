"""The project file when things go wrong: damaged, read-only, on a full disk, or not a project at all.

Each case ends in one message naming the project and saying what is wrong (no traceback), and nothing
already in the project is lost or half-written. Damage, read-only files and full disks are real: bytes
overwritten on disk, a read-only bind mount (or file modes when not root), a 2 MB tmpfs (or a file-size
limit when mounting is not allowed).
"""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from workbench.core.errors import ProjectReadOnly
from workbench.core.importing.file_import import import_files
from workbench.core.store.project_store import Project

REPO = Path(__file__).resolve().parents[2]
PAGE = 4096


def run(
    *args: str, cwd: Path, limit_file_bytes: int | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    def limited() -> None:  # a real EFBIG from the OS for any file grown past the limit
        assert limit_file_bytes is not None
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env=env,
        preexec_fn=limited if limit_file_bytes else None,
    )


def one_message(result: subprocess.CompletedProcess[str]) -> str:
    """The command failed with exit code 2 and said why in one `error:` line, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def article(folder: Path, sentences: int, name: str = "bai.txt") -> Path:
    path = folder / name
    path.write_text(
        "\n\n".join(f"Đây là câu số {i} của bài viết về An Giang. Câu tiếp theo số {i}." for i in range(sentences)),
        encoding="utf-8",
    )
    return path


def built_project(folder: Path, sentences: int = 3000) -> Path:
    """A project of one imported article, closed (its WAL folded into the file)."""
    path = folder / "p.wbp"
    with Project.create(path, "p", "vi", ["en", "km"]) as project:
        import_files(project, [article(folder, sentences)])
    return path


def flip(path: Path, offset: int, new: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(new)


# --- damaged files --------------------------------------------------------------------------------


def _segments_page(path: Path) -> int:
    """The offset of the segments table's root page: the data every command reads (the file's last pages
    may hold the concordance index, which `stats` never reads)."""
    with closing(sqlite3.connect(path)) as db:
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'segments'").fetchone()[0]
    return (root - 1) * PAGE


def test_a_project_with_its_segments_page_overwritten_is_damaged_for_every_command(tmp_path: Path) -> None:
    path = built_project(tmp_path)
    flip(path, _segments_page(path), b"\xff" * PAGE)
    damaged = path.read_bytes()
    (tmp_path / "new.txt").write_text("Một bài mới.", encoding="utf-8")
    for command in (
        ["stats", "p.wbp"],
        ["segments", "p.wbp"],
        ["export", "p.wbp", "--to", "en", "--format", "tmx", "-o", "out.tmx", "--include-unapproved"],
        ["import", "p.wbp", "new.txt"],
        ["mark", "p.wbp", "1", "--skip"],
    ):
        message = one_message(run(*command, cwd=tmp_path))
        assert message.startswith("error: p.wbp is damaged ("), (command, message)
        assert "the workbench will not write into it" in message
        assert 'sqlite3 "p.wbp" .recover | sqlite3 "p-recovered.wbp"' in message  # how to recover
    assert path.read_bytes() == damaged  # nothing was written into it
    checked = run("check-project", "p.wbp", cwd=tmp_path)
    assert checked.returncode == 1 and "p.wbp is damaged:\n" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_a_damaged_project_names_the_copy_made_before_its_upgrade(tmp_path: Path) -> None:
    path = built_project(tmp_path, 300)
    backup = tmp_path / "p.wbp.v3.bak"
    backup.write_bytes(path.read_bytes())
    flip(path, path.stat().st_size - PAGE, b"\xff" * PAGE)
    message = one_message(run("import", "p.wbp", str(article(tmp_path, 2, "x.txt")), cwd=tmp_path))
    assert f"{backup.name} is the copy made before its last format upgrade" in message


def test_damage_inside_the_data_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """A page of the segments table scrambled (not the schema): SQLite's quick check on open finds it."""
    path = built_project(tmp_path)
    data = bytearray(path.read_bytes())
    at = data.index("câu số 1500 ".encode())
    page_start = at - at % PAGE
    data[page_start + 8 : page_start + 40] = bytes(range(32))  # the page's cell pointers
    path.write_bytes(bytes(data))
    message = one_message(run("import", "p.wbp", str(article(tmp_path, 2, "x.txt")), cwd=tmp_path))
    assert "p.wbp is damaged (SQLite's quick check: " in message
    assert path.read_bytes() == bytes(data)


def test_a_text_that_is_not_utf8_inside_the_file_is_damage_not_a_traceback(tmp_path: Path) -> None:
    """Bytes flipped inside a stored text: SQLite's own checks pass it, Python cannot decode it."""
    path = built_project(tmp_path, 50)
    data = path.read_bytes()
    at = data.index("câu số 7 ".encode())
    flip(path, at + 1, b"\xff\xfe")  # the 'â' of 'câu'
    listed = one_message(run("segments", "p.wbp", cwd=tmp_path))
    assert "p.wbp is damaged (a stored text in column source is not valid UTF-8)" in listed
    before = path.read_bytes()
    reimported = one_message(run("import", "p.wbp", "bai.txt", cwd=tmp_path))
    assert "p.wbp is damaged" in reimported
    assert path.read_bytes() == before
    checked = run("check-project", "p.wbp", cwd=tmp_path)
    assert checked.returncode == 1
    assert "table segments, row " in checked.stderr and "column source: a text that is not UTF-8" in checked.stderr


def test_a_table_name_that_is_not_utf8_is_damage_not_a_traceback(tmp_path: Path) -> None:
    path = built_project(tmp_path, 50)
    data = path.read_bytes()
    flip(path, data.index(b"CREATE TABLE documents") + len("CREATE TABLE "), b"\xff")
    for command in ("stats", "segments", "check-project"):
        result = run(command, "p.wbp", cwd=tmp_path)
        assert "Traceback" not in result.stderr and "UnicodeDecodeError" not in result.stderr, result.stderr
        assert "p.wbp is damaged" in result.stderr, (command, result.stderr)


def test_two_hundred_flipped_bytes_always_end_in_one_message(tmp_path: Path) -> None:
    sound = built_project(tmp_path).read_bytes()
    for seed in range(8):
        rng = random.Random(seed)
        data = bytearray(sound)
        for _ in range(200):
            data[rng.randrange(100, len(data))] = rng.randrange(256)
        spoiled = tmp_path / f"s{seed}.wbp"
        spoiled.write_bytes(bytes(data))
        for command in (["stats", spoiled.name], ["segments", spoiled.name], ["import", spoiled.name, "bai.txt"]):
            result = run(*command, cwd=tmp_path)
            if result.returncode == 0:  # the flips missed everything this command reads
                continue
            message = one_message(result)
            assert spoiled.name in message, message


def test_check_project_says_a_sound_file_is_sound(tmp_path: Path) -> None:
    built_project(tmp_path, 20)
    checked = run("check-project", "p.wbp", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == (
        "p.wbp is sound: SQLite's integrity check found nothing wrong and every text and value reads back "
        "(1 document, 40 segments)"
    )


# --- what is not a project file ----------------------------------------------------------------------


def test_a_folder_or_a_renamed_text_given_as_the_project(tmp_path: Path) -> None:
    (tmp_path / "somedir").mkdir()
    article(tmp_path, 2, "article.txt")
    for command in (["stats", "somedir"], ["import", "somedir", "article.txt"], ["check-project", "somedir"]):
        assert one_message(run(*command, cwd=tmp_path)) == (
            "error: somedir is a folder, not a project file: give the .wbp file inside it"
        )
    (tmp_path / "notes.wbp").write_text("Ghi chú cuộc họp.\n" * 50, encoding="utf-8")
    for command in (["stats", "notes.wbp"], ["import", "notes.wbp", "article.txt"]):
        assert one_message(run(*command, cwd=tmp_path)) == (
            "error: notes.wbp is not a workbench project (not an SQLite database)"
        )


# --- read-only files and folders ---------------------------------------------------------------------


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` (a file or a folder) made read-only for real: root ignores file modes, so as root a read-only
    bind mount over it; otherwise its mode."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", str(path), str(path)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], check=True)
            yield
        finally:
            subprocess.run(["umount", "--lazy", str(path)], check=True)  # lazy: even if a failed test left it open
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_project_is_read_and_not_changed(tmp_path: Path, what: str) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = built_project(folder, 20)
    before = path.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    with read_only(path if what == "file" else folder):
        stats = run("stats", str(path), cwd=out)
        assert stats.returncode == 0, stats.stderr
        assert "bai.txt (txt, 40 segments" in stats.stdout
        listed = run("segments", str(path), "--limit", "2", cwd=out)
        assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 2, listed.stderr
        exported = run(
            "export", str(path), "--to", "en", "--format", "txt", "--document", "bai.txt", "-o", "bai.en.txt", cwd=out
        )
        assert exported.returncode == 0, exported.stderr
        assert (out / "bai.en.txt").read_text(encoding="utf-8").startswith("Đây là câu số 0")
        refused = one_message(run("import", str(path), str(article(out, 2, "x.txt")), cwd=out))
        if what == "file":
            assert refused == (
                f"error: {path} is read-only: it can be read (stats, segments, export) but not changed; "
                "make the file writable (or copy it) to change it"
            )
        else:
            assert refused.startswith(f"error: {path} is in a read-only folder ({folder}): it can be read")
        assert "damaged" not in refused
    assert path.read_bytes() == before
    assert not (folder / "p.wbp.lock").exists()


# --- a full disk -------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[tuple[Path, int | None]]:
    """A folder on a real 2 MB filesystem (tmpfs, as root), else a folder whose commands run with a
    file-size limit (the OS refuses writes past it with EFBIG): (folder, limit in bytes or None)."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = os.geteuid() == 0 and (
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True).returncode
        == 0
    )
    try:
        yield folder, None if mounted else 2_000_000
    finally:
        if mounted:
            subprocess.run(["umount", "--lazy", str(folder)], check=True)


def assert_whole(path: Path, documents: list[str]) -> None:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert [r[0] for r in db.execute("SELECT name FROM documents ORDER BY id")] == documents
        # every document has all its segments, with a translation row per target language
        for doc_id, segments, paragraphs in db.execute(
            """SELECT d.id, (SELECT count(*) FROM segments s WHERE s.document_id = d.id),
                      (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) FROM documents d"""
        ).fetchall():
            assert segments > 0 and paragraphs > 0, doc_id
    finally:
        db.close()


def test_a_full_disk_on_import_says_so_and_keeps_the_files_already_in(
    tmp_path: Path, small_disk: tuple[Path, int | None]
) -> None:
    folder, limit = small_disk
    run("new", str(folder / "p.wbp"), cwd=tmp_path, limit_file_bytes=limit)
    small = article(tmp_path, 5, "small.txt")
    big = article(tmp_path, 12_000, "big.txt")  # some 3 MB in the project: more than the disk holds
    result = run(
        "import", str(folder / "p.wbp"), str(small), str(big), "other.txt", cwd=tmp_path, limit_file_bytes=limit
    )
    message = one_message(result)
    assert message.startswith(f"error: {folder / 'p.wbp'}: the disk ")
    assert "full" in message and "cannot rollback" not in message
    assert message.endswith("imported before it: small.txt; not imported: big.txt, other.txt")
    assert_whole(folder / "p.wbp", ["small.txt"])
    stats = run("stats", str(folder / "p.wbp"), cwd=tmp_path)
    assert stats.returncode == 0 and "small.txt (txt, 10 segments" in stats.stdout


def test_a_full_disk_on_translate_keeps_every_finished_batch(  # type: ignore[no-untyped-def]
    tiny, tmp_path: Path, small_disk: tuple[Path, int | None]
) -> None:
    folder, limit = small_disk
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    installed = run(
        "models", "install", str(tiny.marian_ct2), "--name", "opus-mt-vi-en-ct2-int8", cwd=tmp_path, env=env
    )
    assert installed.returncode == 0, installed.stderr
    project = folder / "p.wbp"
    assert run("new", str(project), cwd=tmp_path).returncode == 0
    assert run("import", str(project), str(article(tmp_path, 200)), cwd=tmp_path).returncode == 0
    fill_until_free(folder, 200_000, limit)
    limit = limit and project.stat().st_size + 200_000
    translate = ("translate", str(project), "--to", "en", "--model", "opus-mt-vi-en-ct2-int8", "--beam", "1")
    result = run(*translate, cwd=tmp_path, env=env, limit_file_bytes=limit)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    message = result.stderr.splitlines()[-1]  # on its own line after the progress bar
    assert message.startswith(f"error: {project}: the disk "), message
    assert "full" in message and "of earlier batches saved: run the same command again to go on" in message
    db = sqlite3.connect(project)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        drafts = db.execute("SELECT count(*) FROM translations WHERE status = 'draft'").fetchone()[0]
        revisions = db.execute("SELECT count(*) FROM revisions WHERE note = 'machine translation'").fetchone()[0]
    finally:
        db.close()
    assert 0 < drafts == revisions < 400  # every saved draft whole with its revision; the failing batch not at all


def fill_until_free(folder: Path, free: int, limit: int | None) -> None:
    """Leave about `free` bytes on the small disk (nothing to do under a file-size limit)."""
    if limit is not None:
        return
    stat = os.statvfs(folder)
    (folder / "filler").write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - free))


def test_a_stored_value_that_does_not_parse_back_is_damage_not_a_traceback(tmp_path: Path) -> None:
    """Bytes flipped in what the workbench stores as JSON or as a language code: SQLite keeps them fine."""
    path = tmp_path / "p.wbp"
    with Project.create(path, "p", "vi", ["en", "km"]) as project:
        (tmp_path / "a.txt").write_text("Ngày 15/11/2024 tỉnh họp.\n\nCâu hai.", encoding="utf-8")
        import_files(project, [tmp_path / "a.txt"])
    data = path.read_bytes()
    spans = tmp_path / "spans.wbp"
    spans.write_bytes(data.replace(b'[["date"', b'x["date"', 1))
    listed = one_message(run("segments", "spans.wbp", cwd=tmp_path))
    assert listed.startswith("error: spans.wbp is damaged (a segment cannot be read back: ")
    checked = run("check-project", "spans.wbp", cwd=tmp_path)
    assert checked.returncode == 1 and "  a segment cannot be read back: " in checked.stderr, checked.stderr
    languages = tmp_path / "languages.wbp"
    languages.write_bytes(data.replace(b'["en", "km"]', b'["qn", "km"]', 1))
    for command in ("stats", "segments"):
        assert one_message(run(command, "languages.wbp", cwd=tmp_path)).startswith(
            "error: languages.wbp is damaged (the project's languages cannot be read back: unknown language 'qn')"
        )


def test_a_project_marked_read_only_is_not_changed_even_by_root(tmp_path: Path) -> None:
    """Root may write any file; a file whose permissions say read-only is still not to be changed."""
    path = tmp_path / "p.wbp"
    Project.create(path, "p", "vi", ["en", "km"]).close()
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(ProjectReadOnly, match="is read-only"):
        Project.open(path)
    with Project.open(path, read_only=True) as project:
        assert list(project.info.target_languages) == ["en", "km"]
    assert path.read_bytes() == before
