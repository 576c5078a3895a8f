"""A database failure that is no fault of the disk or the file (a constraint a bug broke, another program
writing) reaches the caller as one message naming the file, and leaves no operation half-done."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from workbench.core.errors import ProjectDiskFull, StorageError, WorkbenchError
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory, add_unit
from workbench.core.records import Origin, Status, TranslationState
from workbench.core.store import documents
from workbench.core.store.project_store import Project
from workbench.core.store.translations import write_translation
from workbench.core.timestamps import now


def _contents(path: Path) -> list[str]:
    """Everything committed in the file, as another program reading it sees it."""
    with closing(sqlite3.connect(path)) as db:
        return list(db.iterdump())


@pytest.fixture
def imported(project: Project, tmp_path: Path) -> Project:
    source = tmp_path / "a.txt"
    source.write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    project.store_document(prepare_import(source))
    return project


@pytest.fixture
def other_writer(imported: Project) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of writing to the project file (holding SQLite's write lock)."""
    with closing(sqlite3.connect(imported.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        yield other
        if other.in_transaction:
            other.execute("ROLLBACK")


def test_a_constraint_broken_inside_an_operation_names_the_project_and_undoes_all_of_it(imported: Project) -> None:
    first, second = imported.segment_ids()
    before = _contents(imported.path)
    confirmed = TranslationState("Sentence one.", Status.TRANSLATED, Origin.HUMAN, author="Lan")
    with pytest.raises(StorageError) as caught, imported.transaction() as db:
        write_translation(db, first, "en", confirmed, now())  # its revision and memory unit go in too
        db.execute("UPDATE translations SET status = 'finished' WHERE segment_id = ?", (first,))
    assert isinstance(caught.value, WorkbenchError)  # what the window and the CLI catch
    assert str(imported.path) in str(caught.value)
    assert _contents(imported.path) == before
    assert imported.segment(first).translations["en"].status is Status.UNTRANSLATED
    assert imported.revisions(first, "en") == []
    # the project goes on working after the failed operation
    imported.save_translation(second, "en", "Sentence two.", Status.TRANSLATED, Origin.HUMAN, "Lan")
    assert imported.segment(second).translations["en"].text == "Sentence two."


def test_a_failure_half_way_through_an_import_leaves_no_part_of_the_document(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = tmp_path / "b.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Tin tức"\nmsgstr "News"\n\nmsgid "Thời tiết"\nmsgstr "Weather"\n',
        encoding="utf-8",
    )
    before = _contents(project.path)
    written: list[int] = []

    def fails_on_the_second(db: sqlite3.Connection, segment_id: int, *args: object, **kwargs: object) -> None:
        if written:
            raise StorageError(f"{project.path}: the database call failed (stand-in)")
        written.append(segment_id)
        write_translation(db, segment_id, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(documents, "write_translation", fails_on_the_second)
    with pytest.raises(StorageError, match="stand-in"):
        project.store_document(prepare_import(po))
    assert written  # the first translation was written inside the import's transaction ...
    assert _contents(project.path) == before  # ... and went with the rest
    assert project.documents() == []


def test_a_save_while_another_program_writes_says_so_naming_the_project(
    imported: Project, other_writer: sqlite3.Connection
) -> None:
    (first, _second) = imported.segment_ids()
    imported.connection.execute("PRAGMA busy_timeout=50")  # the test need not wait the usual ten seconds
    with pytest.raises(StorageError) as caught:
        imported.save_translation(first, "en", "Sentence one.", Status.TRANSLATED, Origin.HUMAN, "Lan")
    assert str(imported.path) in str(caught.value)
    other_writer.execute("ROLLBACK")
    assert imported.segment(first).translations["en"].status is Status.UNTRANSLATED
    imported.save_translation(first, "en", "Sentence one.", Status.TRANSLATED, Origin.HUMAN, "Lan")  # once it let go
    assert imported.segment(first).translations["en"].text == "Sentence one."


def test_the_shared_memory_names_its_own_file_when_another_program_writes_to_it(tmp_path: Path) -> None:
    memory = SharedMemory(tmp_path / "memory" / "shared.sqlite")
    try:
        memory.db.execute("PRAGMA busy_timeout=50")
        unit = MemoryUnit("Tin tức", "News", "en", author="Lan")
        with closing(sqlite3.connect(memory.path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StorageError) as caught:
                memory.add([unit], now())
            other.execute("ROLLBACK")
        assert str(memory.path) in str(caught.value)
        assert memory.lookup("Tin tức", "en") == []
        assert memory.add([unit], now()) == 1
        assert [m.unit.target for m in memory.lookup("Tin tức", "en")] == ["News"]
    finally:
        memory.close()


def test_a_constraint_broken_inside_a_memory_transaction_names_the_memory_and_keeps_nothing(tmp_path: Path) -> None:
    memory = SharedMemory(tmp_path / "shared.sqlite")
    try:
        with pytest.raises(StorageError) as caught, memory.transaction() as db:
            add_unit(db, MemoryUnit("Tin tức", "News", "en"), now())
            db.execute("INSERT INTO tm_pair_docs(block, gram, docs) VALUES (0, 1, NULL)")
        assert str(memory.path) in str(caught.value)
        assert memory.lookup("Tin tức", "en") == []
    finally:
        memory.close()


def test_a_full_disk_under_the_shared_memory_says_the_disk_is_full_naming_the_memory(tmp_path: Path) -> None:
    memory = SharedMemory(tmp_path / "shared.sqlite")
    try:
        pages = memory.db.execute("PRAGMA page_count").fetchone()[0]
        memory.db.execute(f"PRAGMA max_page_count={pages + 2}")  # a disk with room for two more pages
        units = [MemoryUnit(f"Đoạn số {i} về An Giang. " * 40, f"Paragraph {i}. " * 40, "en") for i in range(50)]
        with pytest.raises(ProjectDiskFull) as caught:
            memory.add(units, now())
        assert str(memory.path) in str(caught.value) and "disk is full" in str(caught.value)
        assert memory.lookup(units[0].source, "en") == []
    finally:
        memory.close()
