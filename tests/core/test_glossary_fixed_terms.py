"""A glossary term marked fixed (a name, "do not translate") keeps that mark through the project, CSV, TBX, the
CLI and the term dialog; files written without the mark read as not fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.memory.glossary import (
    Term,
    add_term,
    read_glossary_csv,
    read_glossary_tbx,
    terms,
    write_glossary_csv,
    write_glossary_tbx,
)
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project

NAME = Term("Sở Thông tin và Truyền thông", {"en": "Department of Information and Communications"}, fixed=True)
PLAIN = Term("ghe Ngo", {"en": "Ngo boat", "km": "ទូកង"})


def test_the_project_keeps_which_terms_are_fixed_and_an_update_can_unfix(project: Project) -> None:
    add_term(project, NAME)
    add_term(project, PLAIN)
    assert {t.source: t.fixed for t in terms(project)} == {NAME.source: True, PLAIN.source: False}
    add_term(project, Term(NAME.source, NAME.targets))
    assert not next(t for t in terms(project) if t.source == NAME.source).fixed


@pytest.mark.parametrize(
    ("write", "read"), [(write_glossary_csv, read_glossary_csv), (write_glossary_tbx, read_glossary_tbx)]
)
def test_csv_and_tbx_carry_the_mark_there_and_back(tmp_path: Path, write, read) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / ("terms.csv" if write is write_glossary_csv else "terms.tbx")
    write(path, [NAME, PLAIN])
    back = {t.source: t for t in read(path)}
    assert back[NAME.source].fixed and not back[PLAIN.source].fixed
    assert back[NAME.source].targets == NAME.targets and back[PLAIN.source].targets == PLAIN.targets


def test_the_tbx_mark_is_a_transfer_comment_on_the_vietnamese_term(tmp_path: Path) -> None:
    write_glossary_tbx(tmp_path / "t.tbx", [NAME])
    text = (tmp_path / "t.tbx").read_text(encoding="utf-8")
    assert '<termNote type="transferComment">do not translate</termNote>' in text


def test_an_old_csv_without_the_column_and_cells_people_type(tmp_path: Path) -> None:
    (tmp_path / "old.csv").write_text("vi,en\nghe Ngo,Ngo boat\n", encoding="utf-8")
    assert [t.fixed for t in read_glossary_csv(tmp_path / "old.csv")] == [False]
    (tmp_path / "typed.csv").write_text("vi,en,fixed\nA,a,Yes\nB,b,x\nC,c,\nD,d,no\n", encoding="utf-8")
    assert [t.fixed for t in read_glossary_csv(tmp_path / "typed.csv")] == [True, True, False, False]


def test_another_tools_tbx_reads_as_not_fixed(tmp_path: Path) -> None:
    (tmp_path / "other.tbx").write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="vi"><text><body><termEntry id="1">'
        '<langSet xml:lang="vi"><tig><term>An Giang</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>An Giang</term></tig></langSet></termEntry></body></text></martif>',
        encoding="utf-8",
    )
    (term,) = read_glossary_tbx(tmp_path / "other.tbx")
    assert not term.fixed and term.targets == {"en": "An Giang"}


def test_glossary_add_fixed_and_list_show_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]):
        pass
    context = AppContext(Settings())
    assert (
        cli_main(["glossary", "add", str(tmp_path / "p.wbp"), "Núi Cấm", "--en", "Cam Mountain", "--fixed"], context)
        == 0
    )
    assert "fixed" in capsys.readouterr().out
    assert cli_main(["glossary", "add", str(tmp_path / "p.wbp"), "ghe Ngo", "--en", "Ngo boat"], context) == 0
    capsys.readouterr()
    assert cli_main(["glossary", "list", str(tmp_path / "p.wbp")], context) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Núi Cấm → en: Cam Mountain; km: Núi Cấm (as is)  [fixed]" in lines  # what MT puts in the Khmer
    assert any("ghe Ngo" in line and "[fixed]" not in line for line in lines)


def test_fixed_target_falls_back_to_the_vietnamese() -> None:
    name = Term("Núi Cấm", {"en": "Cam Mountain"}, fixed=True)
    assert name.fixed_target("en") == "Cam Mountain" and name.fixed_target("km") == "Núi Cấm"
