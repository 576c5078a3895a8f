"""`rules`: an office keeps its edit rules from the command line, and a bad one is refused with exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.ops.edit_rules import project_rules
from workbench.core.store.project_store import Project


@pytest.fixture
def wbp(tmp_path: Path) -> Path:
    path = tmp_path / "angiang.wbp"
    Project.create(path, "angiang", "vi", ["en", "km"]).close()
    return path


def rules(wbp: Path, capsys: pytest.CaptureFixture[str], context: AppContext, *args: str) -> tuple[int, str, str]:
    code = cli_main(["rules", str(wbp), *args], context)
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_move_test_and_remove(wbp: Path, capsys: pytest.CaptureFixture[str], app_context: AppContext) -> None:
    code, out, _ = rules(wbp, capsys, app_context, "add", "--stage", "source", r"\bUBND\b", "Ủy ban nhân dân")
    assert code == 0 and "source" in out and r"\bUBND\b -> Ủy ban nhân dân" in out
    committee = [r"People's Committee of (\w+ \w+) province", r"\1 Provincial People's Committee"]
    assert (
        rules(wbp, capsys, app_context, "add", "--stage", "target", "--to", "en", *committee, "--note", "style")[0] == 0
    )
    assert rules(wbp, capsys, app_context, "add", "--stage", "source", "tỉnh", "Tỉnh")[0] == 0
    _, listed, _ = rules(wbp, capsys, app_context, "list")
    assert [line.split()[0] for line in listed.splitlines()] == ["1", "2", "3"]
    assert "target en" in listed and "— style" in listed
    assert rules(wbp, capsys, app_context, "move", "3", "--up")[0] == 0
    assert rules(wbp, capsys, app_context, "move", "1", "--to-position", "3")[0] == 0
    _, listed, _ = rules(wbp, capsys, app_context, "list")
    assert [line.split()[0] for line in listed.splitlines()] == ["3", "2", "1"]
    # The tester: the sample through the source rules, each rule's effect in order, then the result.
    _, tested, _ = rules(wbp, capsys, app_context, "test", "UBND tỉnh An Giang")
    assert tested.splitlines() == [
        "rule 3 (tỉnh -> Tỉnh): changed",
        "  before: UBND tỉnh An Giang",
        "  after:  UBND Tỉnh An Giang",
        r"rule 1 (\bUBND\b -> Ủy ban nhân dân): changed",
        "  before: UBND Tỉnh An Giang",
        "  after:  Ủy ban nhân dân Tỉnh An Giang",
        "result: Ủy ban nhân dân Tỉnh An Giang",
    ]
    _, tested, _ = rules(wbp, capsys, app_context, "test", "The People's Committee of An Giang province", "--to", "en")
    assert tested.splitlines()[-1] == "result: The An Giang Provincial People's Committee"
    assert rules(wbp, capsys, app_context, "disable", "1")[1].strip().endswith("(disabled)")
    _, tested, _ = rules(wbp, capsys, app_context, "test", "UBND tỉnh")
    assert tested.splitlines()[-1] == "result: UBND Tỉnh"  # a disabled rule does not run
    assert rules(wbp, capsys, app_context, "remove", "2")[0] == 0
    with Project.open(wbp, read_only=True) as project:
        assert [(r.id, r.position, r.enabled) for r in project_rules(project)] == [(3, 1, True), (1, 2, False)]


def test_a_bad_regex_is_refused_with_the_reason_and_exit_code_2(
    wbp: Path, capsys: pytest.CaptureFixture[str], app_context: AppContext
) -> None:
    code, _, err = rules(wbp, capsys, app_context, "add", "--stage", "source", "(UBND", "x")
    assert code == 2
    assert "the pattern '(UBND' is not a valid regular expression: missing ) at position 5" in err
    code, _, err = rules(wbp, capsys, app_context, "remove", "9")
    assert code == 2 and "has no edit rule 9" in err
    with Project.open(wbp, read_only=True) as project:
        assert project_rules(project) == []


def test_export_and_import_a_csv(
    wbp: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], app_context: AppContext
) -> None:
    rules(wbp, capsys, app_context, "add", "--stage", "target", "--to", "km", "--", "-(\\d+)", "–\\1")
    out = tmp_path / "rules.csv"
    assert rules(wbp, capsys, app_context, "export", str(out))[1].strip() == f"{out}: 1 rule"
    other = tmp_path / "other.wbp"
    Project.create(other, "other", "vi", ["en", "km"]).close()
    code, said, _ = rules(other, capsys, app_context, "import", str(out))
    assert code == 0 and said.strip() == f"{out}: 1 rule read, 1 added"
    bad = tmp_path / "bad.csv"
    bad.write_text("stage,pattern,replacement\nsource,a,b\ntarget,[x,y\n", encoding="utf-8")
    code, _, err = rules(other, capsys, app_context, "import", str(bad))
    assert code == 2 and f"{bad}: line 3: the pattern '[x' is not a valid regular expression" in err
    with Project.open(other, read_only=True) as project:
        assert [(r.stage, r.language, r.pattern) for r in project_rules(project)] == [("target", "km", "-(\\d+)")]


def test_the_tester_shows_a_code_left_alone_while_the_rest_is_expanded(
    wbp: Path, capsys: pytest.CaptureFixture[str], app_context: AppContext
) -> None:
    assert rules(wbp, capsys, app_context, "add", "--stage", "source", r"\bUBND\b", "Ủy ban nhân dân")[0] == 0
    _, tested, _ = rules(wbp, capsys, app_context, "test", "Công văn 123/UBND-KT của UBND tỉnh")
    assert tested.splitlines() == [
        r"rule 1 (\bUBND\b -> Ủy ban nhân dân): changed",
        "  before: Công văn 123/UBND-KT của UBND tỉnh",
        "  after:  Công văn 123/UBND-KT của Ủy ban nhân dân tỉnh",
        "  note:   edit rule 1 left a protected span alone: the code 123/UBND-KT",
        "result: Công văn 123/UBND-KT của Ủy ban nhân dân tỉnh",
    ]
