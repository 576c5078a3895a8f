"""split and join from a script: the window's core operations, labels for segments, refusals in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project

TEXT = "Lễ hội Dâng Y ngày 24/11/2024. Người dân đến rất đông.\n\nChợ họp sớm.\n"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    (tmp_path / "le-hoi.txt").write_text(TEXT, encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        import_files(project, [tmp_path / "le-hoi.txt"])
        project.save_translation(project.segment_ids()[0], "en", "The festival.", Status.TRANSLATED, Origin.HUMAN, "x")
    return tmp_path / "p.wbp"


def _sources(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as project:
        return [s.source for s in project.segments()]


def _cli(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    context = AppContext(Settings(user_name="Dara"), path.parent / "shared.db")
    code = cli_main(list(args), context)
    out, err = capsys.readouterr()
    return code, out, err


def test_split_before_words_then_join_back(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _cli(path, capsys, "split", str(path), "le-hoi.txt #1", "--before", "ngày")
    assert code == 0
    assert "le-hoi.txt #1 split: 'Lễ hội Dâng Y' | 'ngày 24/11/2024.' (now le-hoi.txt #2)" in out
    assert "stays on the first part, as a draft to review" in out
    assert _sources(path)[:3] == ["Lễ hội Dâng Y", "ngày 24/11/2024.", "Người dân đến rất đông."]
    code, out, _err = _cli(path, capsys, "join", str(path), "#1", "--document", "le-hoi.txt")
    assert code == 0 and "en: draft" in out
    assert _sources(path)[0] == "Lễ hội Dâng Y ngày 24/11/2024."


def test_keep_makes_the_next_import_segment_the_same_way(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _cli(path, capsys, "join", str(path), "le-hoi.txt #1", "--keep")
    assert code == 0 and "later imports: never break between '24/11/2024.' and 'Người'" in out
    with Project.open(path) as project:
        import_files(project, [path.parent / "le-hoi.txt"])
    assert _sources(path) == ["Lễ hội Dâng Y ngày 24/11/2024. Người dân đến rất đông.", "Chợ họp sớm."]


def test_refusals_say_why_and_change_nothing(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _sources(path)
    code, _out, err = _cli(path, capsys, "split", str(path), "le-hoi.txt #1", "--before", "tháng")
    assert code == 2 and "le-hoi.txt #1 has no 'tháng'" in err
    code, _out, err = _cli(path, capsys, "split", str(path), "le-hoi.txt #1", "--before", "11/2024")
    assert code == 2 and "inside '24/11/2024' (a date)" in err
    code, _out, err = _cli(path, capsys, "split", str(path), "le-hoi.txt #1", "--at", "0")
    assert code == 2 and "at its start or its end" in err
    code, _out, err = _cli(path, capsys, "join", str(path), "le-hoi.txt #2")
    assert code == 2 and "the next segment starts another paragraph" in err
    code, _out, err = _cli(path, capsys, "join", str(path), "le-hoi.txt #3")
    assert code == 2 and "it is the last segment of its document" in err
    assert _sources(path) == before
