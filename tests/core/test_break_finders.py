"""The candidate breaks the merged and gated scans find are exactly those of one scan per break rule (the
way before issue 14), for the shipped rules of every language and for rules that may not be merged, on the
repository's texts, generated prose, hostile strings and random ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.bench.project_bench import generate_vietnamese_text
from workbench.core.language.break_finders import break_finders, run_start_guard
from workbench.core.language.segmenter import load_rules, quotations_marked

REPO = Path(__file__).resolve().parents[2]
RULES = load_rules()
#: break rules that look like mergeable ones but are not (a space inside the run, an optional space after,
#: an alternative after that need not start with a space, an optional first set), and two that are
UNMERGEABLE = [
    ('[.?!…]+[”"’»)\\] ]*', "\\s+\\p{Lu}"),
    ('[.?!…]+[”"’»)\\]]*', "\\s*\\p{Lu}"),
    ('[.?!…]+[”"’»)\\]]*', '\\s+\\p{N}|[“"]'),
    ('[.?!…]*[”"’»)\\]]+', "\\s+\\p{Lu}"),
    ('[.?!…]+[”"’»)\\]]*', '\\s+[“"‘«(\\[]?\\p{Ll}'),
    ('[.?!…]+[”"’»)\\]]*', "\\s\\p{Lu}"),
]
RULE_SETS = {
    **{
        language: [(r.before, r.after) for r in RULES.rules_for(language) if r.breaks]
        for language in ("vi", "en", "km")
    },
    "unmergeable": UNMERGEABLE,
}


def _reference_candidates(break_rules: list[tuple[str, str]], paragraph: str) -> set[int]:
    candidates: set[int] = set()
    for before, after in break_rules:
        finder = regex.compile(f"{run_start_guard(before)}(?:{before})(?={after})", regex.MULTILINE)
        candidates.update(m.end() for m in finder.finditer(paragraph))
    return candidates


def _candidates(break_rules: list[tuple[str, str]], paragraph: str) -> set[int]:
    return {end for finder in break_finders(break_rules) for end in finder.ends(paragraph)}


def assert_same_candidates(paragraph: str) -> None:
    marked = quotations_marked(paragraph)
    for name, break_rules in RULE_SETS.items():
        assert _candidates(break_rules, marked) == _reference_candidates(break_rules, marked), (name, paragraph)


def test_the_shipped_vietnamese_rules_are_scanned_in_fewer_passes() -> None:
    assert len(break_finders(RULE_SETS["vi"])) < len(RULE_SETS["vi"])
    assert len(break_finders(UNMERGEABLE)) == len(UNMERGEABLE) - 1  # the last two share a scan


def test_the_repository_texts_give_the_same_candidates() -> None:
    files = sorted((REPO / "tests" / "data").glob("*.txt")) + sorted((REPO / "resources" / "samples").glob("*.txt"))
    for path in files:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            assert_same_candidates(paragraph)


def test_generated_prose_gives_the_same_candidates() -> None:
    for paragraph in generate_vietnamese_text(0.2, seed=5).split("\n\n"):
        assert_same_candidates(paragraph)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        ".",
        ". A",
        "Hết.” A",
        "a !) . B",
        "x.. . ...Y",
        "(1) A. (2) b",
        "a.\u00a0B",
        "Tôi đi.\n\nAnh",
        "?!? 3",
        "។ ក",
    ],
)
def test_hostile_strings_give_the_same_candidates(text: str) -> None:
    assert_same_candidates(text)


_PIECES = [*'.?!…”"’»)]“‘«([ \n\t\u00a0aAđĐ1', "...", " A", " a", " 1", "។", "/.", ": ", "; "]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_random_strings_give_the_same_candidates(text: str) -> None:
    assert_same_candidates(text)
