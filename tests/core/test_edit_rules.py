"""Edit rules as an editor meets them: kept in order and run in order, a bad rule refused when written, a rule
that would break a draft (too slow, emptying it, touching a code or a date) skipped there with a flag."""

from __future__ import annotations

import re

import pytest

from workbench.core.language.protected_spans import find_protected_spans
from workbench.core.ops.edit_rule_files import MAX_PROJECT_RULES
from workbench.core.ops.edit_rule_store import (
    NewRule,
    RuleRefused,
    add_rule,
    move_by,
    move_rule,
    remove_rule,
    set_enabled,
    update_rule,
)
from workbench.core.ops.edit_rules import EditRule, RuleSet, _compiled, project_rules, try_rules
from workbench.core.store.project_store import Project

UBND = NewRule("source", "", r"\bUBND\b", "Ủy ban nhân dân")
COMMITTEE = NewRule("target", "en", r"People's Committee of (\w+ \w+) province", r"\1 Provincial People's Committee")


def rules_of(project: Project) -> RuleSet:
    found = RuleSet.from_project(project)
    assert found is not None
    return found


def test_a_project_without_rules_has_no_rule_set(project: Project) -> None:
    assert RuleSet.from_project(project) is None
    rule = add_rule(project, UBND)
    set_enabled(project, rule.id, False)
    assert RuleSet.from_project(project) is None  # a switched-off rule changes no draft


def test_rules_run_in_the_order_kept_each_on_what_the_one_before_left(project: Project) -> None:
    first = add_rule(project, UBND)
    second = add_rule(project, NewRule("source", "", r"Ủy ban nhân dân tỉnh", "UBND tỉnh"))
    text = "UBND tỉnh An Giang họp."
    # In this order the expansion is undone by the second rule.
    result = rules_of(project).apply_source(text, [])
    assert result.text == "UBND tỉnh An Giang họp."
    assert result.applied == (first.describe(), second.describe())
    # The other way round, the second rule finds nothing and the expansion stays.
    move_rule(project, second.id, 1)
    assert [r.id for r in project_rules(project)] == [second.id, first.id]
    result = rules_of(project).apply_source(text, [])
    assert result.text == "Ủy ban nhân dân tỉnh An Giang họp."
    assert result.applied == (first.describe(),)
    assert result.applied == ("rule 1: \\bUBND\\b -> Ủy ban nhân dân",)


def test_moving_up_and_down_stops_at_the_ends_and_removing_keeps_the_order(project: Project) -> None:
    ids = [add_rule(project, NewRule("source", "", f"a{i}", f"b{i}")).id for i in range(4)]
    move_by(project, ids[0], -1)
    assert [r.id for r in project_rules(project)] == ids
    move_by(project, ids[3], 1)
    move_by(project, ids[1], 1)
    assert [r.id for r in project_rules(project)] == [ids[0], ids[2], ids[1], ids[3]]
    remove_rule(project, ids[2])
    assert [(r.id, r.position) for r in project_rules(project)] == [(ids[0], 1), (ids[1], 2), (ids[3], 3)]


def test_target_rules_run_for_their_language_only(project: Project) -> None:
    add_rule(project, COMMITTEE)
    add_rule(project, NewRule("target", "", r"\s+([,.])", r"\1"))  # every language: no space before , .
    rules = rules_of(project)
    english = rules.apply_target("en", "The People's Committee of An Giang province met .", [])
    assert english.text == "The An Giang Provincial People's Committee met."
    khmer = rules.apply_target("km", "The People's Committee of An Giang province met .", [])
    assert khmer.text == "The People's Committee of An Giang province met."


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        (NewRule("source", "", "(UBND", "x"), "is not a valid regular expression: missing ) at position 5"),
        (NewRule("source", "", "[a-", "x"), "is not a valid regular expression"),
        (NewRule("source", "", "(UBND)", r"\2"), "refers to group 2, but the pattern has only 1 group"),
        (NewRule("source", "", "UBND", r"\g<name>"), "is not valid: unknown group"),
        (NewRule("source", "", "UBND", "x\\"), "is not valid: bad escape"),
        (NewRule("source", "", "", "x"), "the pattern is empty"),
        (NewRule("target", "fr", "a", "b"), "not 'fr'"),
        (NewRule("source", "en", "a", "b"), "a source rule has no language"),
    ],
    ids=["unclosed group", "unclosed set", "missing group", "unknown name", "stray backslash", "empty", "fr", "lang"],
)
def test_a_bad_rule_is_refused_with_the_reason_and_nothing_is_written(
    project: Project, rule: NewRule, said: str
) -> None:
    kept = add_rule(project, UBND)
    with pytest.raises(RuleRefused, match=re.escape(said)):
        add_rule(project, rule)
    with pytest.raises(RuleRefused, match=re.escape(said)):
        update_rule(project, kept.id, rule)
    assert project_rules(project) == [kept]


def test_group_references_in_replacements_work(project: Project) -> None:
    add_rule(project, NewRule("target", "en", r"(?P<place>Long Xuyen|Chau Doc) City", r"the City of \g<place>"))
    add_rule(project, NewRule("target", "en", r"(\w+) (\w+) Market", r"\2 \1 Market"))
    result = rules_of(project).apply_target("en", "Long Xuyen City has a floating market: Floating Long Market.", [])
    assert result.text == "the City of Long Xuyen has a floating market: Long Floating Market."


def test_catastrophic_backtracking_is_stopped_flagged_and_the_draft_still_made(project: Project) -> None:
    slow = add_rule(project, NewRule("source", "", r"(a+)+$", "x"))
    after = add_rule(project, NewRule("source", "", r"b\Z", "c"))
    result = rules_of(project).apply_source("a" * 5000 + "b", [])
    assert result.flags == (f"edit rule {slow.id} not applied: it took longer than 0.2 s on this text",)
    assert result.text == "a" * 5000 + "c"  # the later rule still ran
    assert result.applied == (after.describe(),)


def test_many_slow_rules_together_cannot_hold_a_segment_past_its_limit(project: Project) -> None:
    """Each slow rule stops at its own limit; ten of them would hold every segment for two seconds and more, so
    past the segment's limit the rules still to run are skipped there, with one flag on the draft."""
    slow = [add_rule(project, NewRule("source", "", rf"(a+)+$|{i}x", "x")) for i in range(10)]
    last = add_rule(project, NewRule("source", "", r"b\Z", "c"))
    result = rules_of(project).apply_source("a" * 5000 + "b", [])
    assert result.text == "a" * 5000 + "b" and result.applied == ()
    late = [f for f in result.flags if "and those after it not applied" in f]
    assert len(late) == len(set(late)) == 1 and "this segment's rules took longer than 1 s together" in late[0]
    skipped = int(late[0].split()[2])
    assert slow[1].id < skipped <= slow[-1].id  # more than one slow rule ran, some never did, nor the last
    assert all(f.startswith("edit rule ") for f in result.flags) and last.id > skipped


def test_a_rule_that_would_empty_the_text_is_not_applied(project: Project) -> None:
    rule = add_rule(project, NewRule("target", "en", r"^.*$", " "))
    result = rules_of(project).apply_target("en", "Tourists came.", [])
    assert result.text == "Tourists came."
    assert result.flags == (f"edit rule {rule.id} not applied: it would leave the text empty",)
    assert result.applied == ()


def test_a_rule_leaves_a_protected_span_alone(project: Project) -> None:
    code = add_rule(project, NewRule("source", "", r"CT-TTg", "CT/TTg"))
    inside = add_rule(project, NewRule("source", "", r"(?<=2)(?=5)", "-"))  # an insertion inside the code
    expand = add_rule(project, UBND)
    source = "UBND tỉnh triển khai Chỉ thị 25/CT-TTg ngày 15/11/2024."
    result = rules_of(project).apply_source(source, find_protected_spans(source))
    assert result.text == "Ủy ban nhân dân tỉnh triển khai Chỉ thị 25/CT-TTg ngày 15/11/2024."
    assert result.flags == (
        f"edit rule {code.id} left a protected span alone: the code 25/CT-TTg",
        f"edit rule {inside.id} left a protected span alone: the code 25/CT-TTg",
    )
    assert result.applied == (expand.describe(),)


def test_an_abbreviation_inside_a_letters_code_stays_and_the_others_are_expanded(project: Project) -> None:
    """Official letters carry codes like 123/UBND-KT: the expansion skips only the match inside the code."""
    expand = add_rule(project, UBND)
    source = "Thực hiện Công văn số 123/UBND-KT, UBND tỉnh giao UBND huyện triển khai."
    result = rules_of(project).apply_source(source, find_protected_spans(source))
    assert result.text == (
        "Thực hiện Công văn số 123/UBND-KT, Ủy ban nhân dân tỉnh giao Ủy ban nhân dân huyện triển khai."
    )
    assert result.applied == (expand.describe(),)
    assert result.flags == (f"edit rule {expand.id} left a protected span alone: the code 123/UBND-KT",)
    plain = rules_of(project).apply_source("UBND tỉnh họp.", [])
    assert plain.flags == () and plain.text == "Ủy ban nhân dân tỉnh họp."  # no span skipped: no flag


def test_a_target_rule_leaves_the_spans_text_in_the_output_alone(project: Project) -> None:
    date = add_rule(project, NewRule("target", "en", r"(\d+)/(\d+)/(\d{4})", r"\3-\2-\1"))
    add_rule(project, NewRule("target", "en", r"province", "Province"))
    source = "Chỉ thị ngày 15/11/2024 của tỉnh."
    result = rules_of(project).apply_target(
        "en", "The province's directive of 15/11/2024.", find_protected_spans(source)
    )
    assert result.text == "The Province's directive of 15/11/2024."
    assert result.flags == (f"edit rule {date.id} left a protected span alone: the date 15/11/2024",)


def test_spans_are_followed_after_an_earlier_rule_moved_them(project: Project) -> None:
    """The expansion makes the text longer: the code's place moves, and the later rule still sees it."""
    add_rule(project, UBND)
    code = add_rule(project, NewRule("source", "", r"25/CT", "26/CT"))
    add_rule(project, NewRule("source", "", r"(?<=Chỉ thị )", "số "))  # just before the code: allowed
    source = "UBND: Chỉ thị 25/CT-TTg."
    result = rules_of(project).apply_source(source, find_protected_spans(source))
    assert result.text == "Ủy ban nhân dân: Chỉ thị số 25/CT-TTg."
    assert result.flags == (f"edit rule {code.id} left a protected span alone: the code 25/CT-TTg",)


def test_the_cache_key_follows_the_enabled_rules_and_their_order(project: Project) -> None:
    first = add_rule(project, UBND)
    key = rules_of(project).key
    assert key and rules_of(project).key == key  # unchanged: the same key, so the cache answers
    second = add_rule(project, COMMITTEE)
    with_two = rules_of(project).key
    assert with_two != key
    move_rule(project, second.id, 1)
    assert rules_of(project).key not in (key, with_two)
    move_rule(project, first.id, 1)
    assert rules_of(project).key == with_two
    update_rule(project, second.id, NewRule(COMMITTEE.stage, COMMITTEE.language, COMMITTEE.pattern,
                                            COMMITTEE.replacement, note="a note changes no draft"))  # fmt: skip
    assert rules_of(project).key == with_two
    update_rule(project, first.id, NewRule("source", "", r"\bUBND\b", "UB nhân dân"))
    changed = rules_of(project).key
    assert changed != with_two
    set_enabled(project, second.id, False)
    assert rules_of(project).key not in (changed, with_two)


def test_the_tester_shows_each_rules_effect_in_order(project: Project) -> None:
    add_rule(project, UBND)
    add_rule(project, NewRule("source", "", "tỉnh", "Tỉnh"))
    add_rule(project, NewRule("source", "", "không có", "x"))
    add_rule(project, NewRule("source", "", r"25/CT", "x"))
    add_rule(project, COMMITTEE)
    effects = try_rules(project_rules(project), "UBND tỉnh ban hành 25/CT-TTg.", "source")
    assert [(e.before, e.after, e.changed, bool(e.flag)) for e in effects] == [
        ("UBND tỉnh ban hành 25/CT-TTg.", "Ủy ban nhân dân tỉnh ban hành 25/CT-TTg.", True, False),
        ("Ủy ban nhân dân tỉnh ban hành 25/CT-TTg.", "Ủy ban nhân dân Tỉnh ban hành 25/CT-TTg.", True, False),
        ("Ủy ban nhân dân Tỉnh ban hành 25/CT-TTg.", "Ủy ban nhân dân Tỉnh ban hành 25/CT-TTg.", False, False),
        ("Ủy ban nhân dân Tỉnh ban hành 25/CT-TTg.", "Ủy ban nhân dân Tỉnh ban hành 25/CT-TTg.", False, True),
    ]
    target = try_rules(project_rules(project), "People's Committee of An Giang province", "target", "en")
    assert [e.after for e in target] == ["An Giang Provincial People's Committee"]
    assert try_rules(project_rules(project), "People's Committee of An Giang province", "target", "km") == []


def test_many_spans_are_followed_through_many_changes(project: Project) -> None:
    """A long segment with a number after every abbreviation: each expansion moves every later number, and a
    rule touching the last one is still caught where it now is."""
    add_rule(project, UBND)
    add_rule(project, NewRule("source", "", r"(?= \d)", ":"))  # before each number: allowed
    last = add_rule(project, NewRule("source", "", r"300\Z", "three hundred"))
    source = ", ".join(f"UBND {i}" for i in range(1, 301))
    result = rules_of(project).apply_source(source, find_protected_spans(source))
    assert result.text == ", ".join(f"Ủy ban nhân dân: {i}" for i in range(1, 301))
    assert result.flags == (f"edit rule {last.id} left a protected span alone: the number 300",)


def test_a_project_with_thousands_of_rules_compiles_each_pattern_once() -> None:
    """An office's list of 1,000 abbreviations runs on every segment: each pattern is compiled once for the whole
    job, not again at every segment (counted as the compile cache's misses, not timed)."""

    def word(i: int) -> str:  # letters only: a number would be a protected span
        return "".join("abcdefghij"[int(d)] for d in f"{i:03d}")

    rules = RuleSet(tuple(EditRule(i, i, "source", "", f"\\bvt{word(i)}\\b", f"đủ{word(i)}") for i in range(1000)))
    _compiled.cache_clear()
    texts = ["Theo vtaah và vtjaa của tỉnh.", "Không có gì.", "vtjjj"]
    done = [rules.apply_source(text, find_protected_spans(text)).text for text in texts]
    assert done == ["Theo đủaah và đủjaa của tỉnh.", "Không có gì.", "đủjjj"]
    assert _compiled.cache_info().misses == 1000
    assert (_compiled.cache_info().maxsize or 0) >= MAX_PROJECT_RULES


def test_a_bad_rule_from_the_project_file_is_skipped_with_its_reason(project: Project) -> None:
    """A rule refused when typed can still be in a project file (written by another tool, or valid for the regex
    module of another PC): each draft is still made, the other rules still run, and the flag says why."""
    with project.transaction() as db:
        for position, (pattern, replacement) in enumerate(
            [("(UBND", "x"), (r"\bUBND\b", "Ủy ban nhân dân"), ("a", r"\3")]
        ):
            db.execute(
                "INSERT INTO edit_rules(position, stage, language, pattern, replacement, note, enabled, created_at) "
                "VALUES (?, 'source', '', ?, ?, '', 1, '2026-01-01')",
                (position + 1, pattern, replacement),
            )
    result = rules_of(project).apply_source("UBND tỉnh họp bàn", [])
    assert result.text == "Ủy ban nhân dân tỉnh họp bàn"
    first, _, third = (r.id for r in project_rules(project))
    assert result.flags == (
        f"edit rule {first} not applied: the pattern '(UBND' is not a valid regular expression: missing ) at position 5",
        f"edit rule {third} not applied: the replacement '\\3' refers to group 3, but the pattern has no groups",
    )
    effects = try_rules(project_rules(project), "UBND", "source")  # the tester says it too
    assert [e.flag.split(":")[0] for e in effects] == [
        f"edit rule {first} not applied",
        "",
        f"edit rule {third} not applied",
    ]
