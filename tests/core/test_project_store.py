"""The project file: one SQLite file that survives kills, refuses a second writer and upgrades itself."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from workbench.core.errors import ProjectError, ProjectLocked, ProjectTooNew, StorageError
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.store.project_schema import LATEST_VERSION
from workbench.core.store.project_store import Project

REPO = Path(__file__).resolve().parents[2]


def test_a_new_project_is_a_wal_sqlite_file_with_a_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "angiang.wbp"
    with Project.create(path, "An Giang", "vi", ["en", "km"]) as project:
        assert project.info.target_languages == ("en", "km")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    db.close()
    with Project.open(path) as reopened:
        assert reopened.info.name == "An Giang"
        assert reopened.info.source_language == "vi"


def test_creating_refuses_bad_requests(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="unknown language 'fr'"):
        Project.create(tmp_path / "a.wbp", "a", "vi", ["fr"])
    with pytest.raises(ProjectError, match="at least one target"):
        Project.create(tmp_path / "a.wbp", "a", "vi", [])
    Project.create(tmp_path / "a.wbp", "a", "vi", ["en"]).close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(tmp_path / "a.wbp", "a", "vi", ["en"])
    with pytest.raises(ProjectError, match="does not exist"):
        Project.create(tmp_path / "missing" / "b.wbp", "b", "vi", ["en"])


def test_a_second_writer_gets_a_clear_message_while_readers_still_read(project: Project) -> None:
    with pytest.raises(ProjectLocked, match="open in another window or command"):
        Project.open(project.path)
    code = f"from workbench.core.store.project_store import Project; Project.open({str(project.path)!r})"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert other.returncode != 0 and "ProjectLocked" in other.stderr
    with Project.open(project.path, read_only=True) as reader:
        assert reader.info.name == "test"
        with pytest.raises(ProjectError, match="read-only"), reader.transaction():
            pass


def test_the_lock_goes_with_the_process_that_held_it(tmp_path: Path) -> None:
    path = tmp_path / "p.wbp"
    Project.create(path, "p", "vi", ["en"]).close()
    code = f"from workbench.core.store.project_store import Project; p = Project.open({str(path)!r}); print('open', flush=True); import time; time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
    with pytest.raises(ProjectLocked):
        Project.open(path)
    holder.kill()
    holder.wait()
    Project.open(path).close()


def test_files_that_are_not_projects_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.wbp"
    text.write_text("not a database at all " * 100)
    with pytest.raises(ProjectError, match="not a workbench project"):
        Project.open(text)
    other = tmp_path / "other.wbp"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t(x)")
    db.close()
    with pytest.raises(ProjectError, match="not a workbench project"):
        Project.open(other)
    with pytest.raises(ProjectError, match="does not exist"):
        Project.open(tmp_path / "nowhere.wbp")


def test_a_file_from_a_newer_workbench_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.wbp"
    Project.create(path, "new", "vi", ["en"]).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={LATEST_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(ProjectTooNew, match="newer version"):
        Project.open(path)
    assert path.read_bytes() == before


def test_an_older_file_is_upgraded_with_a_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.core.store import project_file, project_schema

    path = tmp_path / "old.wbp"
    Project.create(path, "old", "vi", ["en"]).close()
    extra = "CREATE TABLE future_table (id INTEGER PRIMARY KEY, source TEXT NOT NULL);"
    monkeypatch.setattr(project_schema, "MIGRATIONS", [*project_schema.MIGRATIONS, extra])
    monkeypatch.setattr(project_file, "MIGRATIONS", [*project_schema.MIGRATIONS])
    monkeypatch.setattr(project_file, "LATEST_VERSION", LATEST_VERSION + 1)
    with Project.open(path) as upgraded:
        assert upgraded.info.schema_version == LATEST_VERSION + 1
    assert (tmp_path / f"old.wbp.v{LATEST_VERSION}.bak").exists()
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM future_table").fetchone()[0] == 0
    db.close()


def test_revisions_are_append_only(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "a.po"
    source.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Tin tức"\nmsgstr "News"\n', encoding="utf-8")
    import_files(project, [source])
    with pytest.raises(StorageError, match="append-only"), project.transaction() as db:
        db.execute("UPDATE revisions SET text = 'forged'")
    (segment,) = project.segments()
    assert [r["text"] for r in project.revisions(segment.id, "en")] == ["News"]


def test_a_process_killed_during_an_import_leaves_everything_committed_before(tmp_path: Path) -> None:
    path = tmp_path / "crash.wbp"
    first = tmp_path / "first.txt"
    first.write_text("Bài thứ nhất. Câu hai.", encoding="utf-8")
    Project.create(path, "crash", "vi", ["en", "km"]).close()
    big = tmp_path / "big.po"  # a PO file brings translations: each is written inside the import's transaction
    entries = "".join(f'msgid "Đoạn số {i} về An Giang."\nmsgstr "Paragraph {i} on An Giang."\n\n' for i in range(3000))
    big.write_text(f'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n{entries}', encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from workbench.core.importing.file_import import import_files
        from workbench.core.store.project_store import Project
        from workbench.core.store import documents
        project = Project.open(Path({str(path)!r}))
        import_files(project, [Path({str(first)!r})])
        original = documents.write_translation
        count = 0
        def slow(*args, **kwargs):
            global count
            count += 1
            if count == 2000:
                print("inside", flush=True)
                time.sleep(60)  # killed here, half-way through the transaction
            return original(*args, **kwargs)
        documents.write_translation = slow
        import_files(project, [Path({str(big)!r})])
        print("finished", flush=True)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "inside"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            project = Project.open(path)
            break
        except ProjectLocked:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    with project:
        assert [d.name for d in project.documents()] == ["first.txt"]
        assert [s.source for s in project.segments()] == ["Bài thứ nhất.", "Câu hai."]
        assert project.segments(status=Status.UNTRANSLATED, language="km")


def test_reading_by_page_and_status(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "many.txt"
    source.write_text("\n".join(f"Câu số {i}." for i in range(300)), encoding="utf-8")
    import_files(project, [source])
    page = project.segments(offset=150, limit=10)
    assert [s.source for s in page] == [f"Câu số {i}." for i in range(150, 160)]
    assert len(project.segments(status=Status.UNTRANSLATED, language="en")) == 300
    assert project.segments(status=Status.APPROVED) == []
    (stats,) = project.stats()
    assert stats.languages["en"].by_status["untranslated"] == 300
    assert stats.languages["km"].words == 900


def test_saving_a_translation_records_who_and_refuses_nonsense(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Núi Cấm cao 705 m.", encoding="utf-8")
    import_files(project, [source])
    (segment,) = project.segments()
    saved = project.save_translation(segment.id, "km", "ភ្នំគាំ", Status.TRANSLATED, Origin.HUMAN, "Sok Dara")
    assert saved.translations["km"].text == "ភ្នំគាំ"
    assert saved.translations["km"].author == "Sok Dara"
    assert saved.translations["en"].status is Status.UNTRANSLATED
    assert [r["author"] for r in project.revisions(segment.id, "km")] == ["Sok Dara"]
    assert project.segments(status=Status.UNTRANSLATED, language="km") == []
    assert len(project.segments(status=Status.UNTRANSLATED)) == 1  # still untranslated in English
    with pytest.raises(ProjectError, match="'fr' is not a target language"):
        project.save_translation(segment.id, "fr", "x", Status.TRANSLATED, Origin.HUMAN, "a")
    with pytest.raises(ProjectError, match="no segment 999"):
        project.save_translation(999, "en", "x", Status.TRANSLATED, Origin.HUMAN, "a")
