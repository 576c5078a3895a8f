"""A glossary as spreadsheets write it is read whole, or refused whole with the line: never half-read, never
half-imported."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from workbench.core.errors import ImportProblem, ProjectDiskFull, WorkbenchError
from workbench.core.memory.glossary import (
    Term,
    add_term,
    alternatives,
    read_glossary_csv,
    terms,
    write_glossary_tbx,
    write_term,
)
from workbench.core.ops import glossary_files
from workbench.core.ops.glossary_files import import_glossary
from workbench.core.store.project_store import Project


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('vi,en\n"unclosed,x\nghe Ngo,Ngo boat\n', "a quoted field is never closed"),
        ("vi,vi,en\nA,B,C\n", "has the column 'vi' twice in its header"),
        ("vi,en\nghe Ngo,Ngo boat,ទូកង,extra\n", "line 2 has more fields than the header (2)"),
    ],
    ids=["unclosed quote", "doubled column", "more fields than the header"],
)
def test_a_broken_csv_is_refused_naming_the_problem(tmp_path: Path, content: str, said: str) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportProblem, match=re.escape(said)):
        read_glossary_csv(path)


def test_excels_semicolons_and_short_rows_are_read(tmp_path: Path) -> None:
    """Excel separates with ';' where the decimal mark is a comma (a Vietnamese locale)."""
    path = tmp_path / "terms.csv"
    path.write_text("\ufeffvi;en;km\nghe Ngo;Ngo boat;ទូកង\nđồng bào Khmer\n", encoding="utf-8")
    terms = read_glossary_csv(path)
    assert [(t.source, t.targets) for t in terms] == [
        ("ghe Ngo", {"en": "Ngo boat", "km": "ទូកង"}),
        ("đồng bào Khmer", {}),
    ]


GLOSSARY_WITH_A_BAD_TERM = (
    "vi,en,forbidden_en\n"
    "ghe Ngo,Ngo boat,\n"
    "Ủy ban nhân dân,People's Committee,People's Committee\n"  # required and forbidden at once
    "đồng bào Khmer,Khmer people,\n"
)


def _glossary(project: Project) -> list[tuple[str, dict[str, str]]]:
    return [(t.source, t.targets) for t in terms(project)]


def test_a_glossary_with_one_bad_term_halfway_changes_nothing(project: Project, tmp_path: Path) -> None:
    add_term(project, Term("ghe Ngo", {"en": "Ngo-boat"}))
    before = _glossary(project)
    path = tmp_path / "terms.csv"
    path.write_text(GLOSSARY_WITH_A_BAD_TERM, encoding="utf-8")
    with pytest.raises(ImportProblem) as caught:
        import_glossary(project, path)
    assert str(path) in str(caught.value)
    assert "term 2 ('Ủy ban nhân dân')" in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert _glossary(project) == before


def test_a_glossary_import_that_fails_while_writing_leaves_the_glossary_as_it_was(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All terms go in one transaction: a failure at the third term takes back the first two."""
    add_term(project, Term("ghe Ngo", {"en": "Ngo-boat"}))
    before = _glossary(project)
    path = tmp_path / "terms.csv"
    path.write_text("vi,en\nghe Ngo,Ngo boat\nđồng bào Khmer,Khmer people\nÓc Om Bóc,Ok Om Bok\n", encoding="utf-8")
    written: list[str] = []

    def failing(db: sqlite3.Connection, term: Term, stamp: str) -> int:
        if len(written) == 2:
            raise ProjectDiskFull(f"{project.path}: the disk is full")
        written.append(term.source)
        return write_term(db, term, stamp)

    monkeypatch.setattr(glossary_files, "write_term", failing)
    with pytest.raises(ProjectDiskFull):
        import_glossary(project, path)
    assert written == ["ghe Ngo", "đồng bào Khmer"]
    assert _glossary(project) == before


@pytest.mark.parametrize("name", ["terms.tbx", "terms.xml"])
def test_tbx_is_read_by_its_name_whether_tbx_or_xml(project: Project, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_glossary_tbx(path, [Term("ghe Ngo", {"en": "Ngo boat"})])
    imported = import_glossary(project, path)
    assert imported.terms == 1 and imported.changes.glossary
    assert _glossary(project) == [("ghe Ngo", {"en": "Ngo boat"})]


def test_a_glossary_of_another_kind_is_refused_naming_the_file(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "terms.txt"
    path.write_text("vi,en\nghe Ngo,Ngo boat\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match=re.escape(f"{path}: a glossary is a .csv or .tbx file")):
        import_glossary(project, path)
    assert terms(project) == []


def test_forbidden_alternatives_are_split_alike_from_a_csv_cell_and_from_what_a_person_types(tmp_path: Path) -> None:
    """The CLI's --forbid-en, the term dialog and a CSV cell all read 'a ; b;;' as two alternatives."""
    path = tmp_path / "terms.csv"
    path.write_text("vi,en,forbidden_en\nThủ tướng,Prime Minister,Premier ; Chief Minister;;\n", encoding="utf-8")
    (term,) = read_glossary_csv(path)
    assert term.forbidden == {"en": alternatives("Premier ; Chief Minister;;")} == {"en": ("Premier", "Chief Minister")}
