"""Edit rules in CSV: what goes out comes back the same, in order; a file with one bad line changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.ops.edit_rule_files import MAX_PROJECT_RULES, export_rules, import_rules, read_rules_csv
from workbench.core.ops.edit_rule_store import NewRule, add_rule, set_enabled
from workbench.core.ops.edit_rules import project_rules
from workbench.core.store.project_store import Project

RULES = [
    NewRule("source", "", r"\bUBND\b", "Ủy ban nhân dân", "expand the abbreviation"),
    NewRule("target", "en", r"People's Committee of (\w+ \w+) province", r"\1 Provincial People's Committee"),
    NewRule("target", "km", r"-(\d+)", r"–\1", "a pattern that looks like a formula"),
    NewRule("target", "", r"=+", "=", 'quotes " and, commas'),
    NewRule("source", "", "@", " tại ", enabled=False),
]


def contents(project: Project) -> list[tuple[str, str, str, str, str, bool]]:
    return [(r.stage, r.language, r.pattern, r.replacement, r.note, r.enabled) for r in project_rules(project)]


def test_rules_go_out_and_come_back_the_same_in_order(project: Project, tmp_path: Path) -> None:
    for rule in RULES:
        add_rule(project, rule)
    out = tmp_path / "rules.csv"
    assert export_rules(project, out) == 5
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfstage,language,pattern,replacement,note,enabled")  # Excel reads UTF-8
    assert "target,km,'-(\\d+)," in data.decode("utf-8-sig")  # a spreadsheet shows it, does not run it
    with Project.create(tmp_path / "other.wbp", "other", "vi", ["en", "km"]) as other:
        done = import_rules(other, out)
        assert (done.read, done.added, done.already) == (5, 5, 0)
        assert contents(other) == contents(project)
        again = import_rules(other, out)  # the same file twice does not double the rules
        assert (again.added, again.already) == (0, 5) and len(project_rules(other)) == 5


def test_a_spreadsheets_file_is_read_semicolons_bom_short_rows_and_all(tmp_path: Path) -> None:
    path = tmp_path / "rules.csv"
    path.write_text(
        "\ufeffStage;Pattern;Replacement;Enabled\nsource;UBND;Ủy ban nhân dân;yes\n;;;\ntarget;a;b\n", encoding="utf-8"
    )
    assert read_rules_csv(path) == [
        NewRule("source", "", "UBND", "Ủy ban nhân dân"),
        NewRule("target", "", "a", "b"),
    ]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("stage,language,pattern,replacement\nsource,,UBND,x\nsource,,(UBND,x\n",
         "line 3: the pattern '(UBND' is not a valid regular expression: missing ) at position 5; nothing was imported"),
        ("stage,pattern,replacement\nsource,(a),\\2\n", "line 2: the replacement '\\2' refers to group 2"),
        # the pattern as typed: its backslashes single, so the position counts what is shown
        ("stage,pattern,replacement\nsource,\\bUB(ND,x\n",
         "line 2: the pattern '\\bUB(ND' is not a valid regular expression: missing ) at position 7"),
        ("stage,pattern,replacement\nsideways,a,b\n", "line 2: the stage is 'source' or 'target', not 'sideways'"),
        ("stage,pattern,replacement,enabled\nsource,a,b,maybe\n", "line 2: 'enabled' is 1 or 0 (yes or no), not 'maybe'"),
        ("stage,pattern,replacement\nsource,a,b,c\n", "line 2 has more fields than the header (3)"),
        ("pattern,replacement\na,b\n", "needs a header row naming the columns"),
        ('stage,pattern,replacement\nsource,"a,b\n', "a quoted field is never closed"),
        # a line cut before its replacement would otherwise delete every "a" of every draft
        ("stage,language,pattern,replacement,note\nsource,,UBND,x,\nsource,,a\n",
         "line 3 ends before its replacement (the line looks cut short); nothing was imported"),
    ],
    ids=["bad regex", "bad group", "backslash", "bad stage", "bad enabled", "too many fields", "no header", "unclosed quote",
         "cut line"],
)  # fmt: skip
def test_one_bad_line_is_named_and_nothing_is_imported(
    project: Project, tmp_path: Path, content: str, said: str
) -> None:
    kept = add_rule(project, RULES[0])
    path = tmp_path / "rules.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportProblem, match=re.escape(f"{path}: ") + ".*" + re.escape(said)):
        import_rules(project, path)
    assert project_rules(project) == [kept]


def test_a_binary_or_non_utf8_file_is_refused_by_its_content(project: Project, tmp_path: Path) -> None:
    binary = tmp_path / "rules.csv"
    binary.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)))  # a spreadsheet saved as .xlsx, renamed
    with pytest.raises(ImportProblem, match="is a binary file, not a CSV file of edit rules"):
        import_rules(project, binary)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("stage,pattern,replacement\nsource,Đà Nẵng,x\n".encode("cp1258", errors="ignore") + b"\xe0\xe1")
    with pytest.raises(ImportProblem, match="is not UTF-8 text"):
        import_rules(project, latin)
    tbx = tmp_path / "terms.csv"  # a glossary exported as TBX, then named .csv
    tbx.write_text('\ufeff<?xml version="1.0"?>\n<martif type="TBX"><text><body/></text></martif>\n', encoding="utf-8")
    with pytest.raises(
        ImportProblem, match=re.escape("is an XML file (a TBX glossary goes in with `glossary import`)")
    ):
        import_rules(project, tbx)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(ImportProblem, match="is a folder"):
        import_rules(project, folder)
    assert project_rules(project) == []


def test_export_never_writes_over_the_project(project: Project) -> None:
    add_rule(project, RULES[0])
    with pytest.raises(WorkbenchError):
        export_rules(project, project.path)
    set_enabled(project, project_rules(project)[0].id, False)
    assert len(project_rules(project)) == 1


def test_a_huge_rule_list_is_refused_before_it_slows_every_segment(project: Project, tmp_path: Path) -> None:
    """Every rule runs on every segment, so an abbreviation list of 300,000 lines (under the 10 MB limit) would make
    pre-translation crawl: it is refused whole, and so is a file that would take the project past the limit."""
    header = "stage,pattern,replacement\n"
    huge = tmp_path / "huge.csv"
    huge.write_text(header + "".join(f"source,w{i},x{i}\n" for i in range(MAX_PROJECT_RULES + 1)), encoding="utf-8")
    with pytest.raises(ImportProblem, match=f"has {MAX_PROJECT_RULES + 1:,} lines; a project keeps at most"):
        import_rules(project, huge)
    assert project_rules(project) == []
    most = tmp_path / "most.csv"
    most.write_text(header + "".join(f"source,w{i},x{i}\n" for i in range(MAX_PROJECT_RULES - 1)), encoding="utf-8")
    assert import_rules(project, most).added == MAX_PROJECT_RULES - 1
    more = tmp_path / "more.csv"
    more.write_text(header + "source,w0,x0\nsource,y,z\nsource,y2,z2\n", encoding="utf-8")  # w0 is there already
    with pytest.raises(ImportProblem, match=f"has 2 new rules and the project {MAX_PROJECT_RULES - 1:,};"):
        import_rules(project, more)
    assert len(project_rules(project)) == MAX_PROJECT_RULES - 1
    more.write_text(header + "source,w0,x0\nsource,y,z\nsource,y,z\n", encoding="utf-8")  # y twice: added once
    done = import_rules(project, more)
    assert (done.read, done.added, done.already) == (3, 1, 2) and len(project_rules(project)) == MAX_PROJECT_RULES
