"""A name a person marked fixed stays fixed when a file or a command that does not say otherwise updates the
term (an old CSV without the "fixed" column, another tool's TBX, `glossary add` without --fixed); only an
explicit "not fixed" (a CSV cell 0/no/false, `glossary add --no-fixed`, the term dialog's box) takes it away."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.memory.glossary import Term, add_term, terms
from workbench.core.ops.glossary_files import export_glossary, import_glossary
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project

NAME = "Sở Thông tin và Truyền thông"


def fixed_marks(project: Project) -> dict[str, bool]:
    return {t.source: t.fixed for t in terms(project)}


def test_an_old_csv_without_the_column_keeps_the_mark_and_still_updates_the_term(
    project: Project, tmp_path: Path
) -> None:
    add_term(project, Term(NAME, {"en": "Department of Information"}, fixed=True))
    (tmp_path / "old.csv").write_text(f"vi,en\n{NAME},Department of Information and Communications\n", "utf-8")
    import_glossary(project, tmp_path / "old.csv")
    (term,) = terms(project)
    assert term.fixed and term.targets["en"] == "Department of Information and Communications"


def test_csv_cells_explicit_no_unfixes_an_empty_or_unknown_cell_keeps(project: Project, tmp_path: Path) -> None:
    for source in ("A", "B", "C", "D", "E"):
        add_term(project, Term(source, {"en": source.lower()}, fixed=True))
    (tmp_path / "t.csv").write_text("vi,en,fixed\nA,a,0\nB,b,no\nC,c,\nD,d,?\nE,e,không\nF,f,\n", "utf-8")
    import_glossary(project, tmp_path / "t.csv")
    assert fixed_marks(project) == {"A": False, "B": False, "C": True, "D": True, "E": False, "F": False}


def test_another_tools_tbx_keeps_the_mark(project: Project, tmp_path: Path) -> None:
    add_term(project, Term("An Giang", {"en": "An Giang"}, fixed=True))
    (tmp_path / "other.tbx").write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="vi"><text><body><termEntry id="1">'
        '<langSet xml:lang="vi"><tig><term>An Giang</term></tig></langSet>'
        '<langSet xml:lang="km"><tig><term>អានយ៉ាង</term></tig></langSet></termEntry></body></text></martif>',
        encoding="utf-8",
    )
    import_glossary(project, tmp_path / "other.tbx")
    (term,) = terms(project)
    assert term.fixed and term.targets == {"en": "An Giang", "km": "អានយ៉ាង"}


def test_glossary_add_without_fixed_keeps_it_no_fixed_takes_it_away(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.wbp"
    with Project.create(path, "p", "vi", ["en", "km"]):
        pass
    context = AppContext(Settings())
    assert cli_main(["glossary", "add", str(path), "Núi Cấm", "--en", "Cam Mountain", "--fixed"], context) == 0
    assert cli_main(["glossary", "add", str(path), "Núi Cấm", "--km", "ភ្នំកម្ពស់"], context) == 0
    assert "fixed" in capsys.readouterr().out.splitlines()[-1]  # says the term is still kept as is
    with Project.open(path, read_only=True) as project:
        assert fixed_marks(project) == {"Núi Cấm": True}
    assert cli_main(["glossary", "add", str(path), "Núi Cấm", "--no-fixed"], context) == 0
    with Project.open(path, read_only=True) as project:
        assert fixed_marks(project) == {"Núi Cấm": False}
        assert terms(project)[0].targets == {"en": "Cam Mountain", "km": "ភ្នំកម្ពស់"}


def test_the_workbenchs_own_csv_says_not_fixed_so_a_round_trip_carries_an_unfix(
    project: Project, tmp_path: Path
) -> None:
    add_term(project, Term(NAME, {"en": "Department of Information and Communications"}))
    export_glossary(project, tmp_path / "terms.csv")
    assert (tmp_path / "terms.csv").read_text("utf-8").splitlines()[1].endswith(",0")
    add_term(project, Term(NAME, {}, fixed=True))  # marked fixed meanwhile, then the older export comes back
    import_glossary(project, tmp_path / "terms.csv")
    assert fixed_marks(project) == {NAME: False}  # the file says so explicitly
