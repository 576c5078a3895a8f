"""`rules`: the project's edit rules (regular expressions before and after MT), listed, added, tested, in CSV.

rules P list
rules P add --stage source|target [--to LANG] PATTERN REPLACEMENT [--note N] [--disabled]
rules P edit ID [--stage …] [--to LANG] [--pattern P] [--replacement R] [--note N]
rules P remove ID
rules P move ID (--up | --down | --to-position N)
rules P enable ID / rules P disable ID
rules P import FILE.csv / rules P export FILE.csv
rules P test "sample sentence" [--to LANG]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands.values import bounded
from workbench.context import AppContext
from workbench.core.counted import counted
from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.ops.edit_rule_files import export_rules, import_rules
from workbench.core.ops.edit_rule_store import (
    NewRule,
    add_rule,
    find_rule,
    move_by,
    move_rule,
    remove_rule,
    set_enabled,
    update_rule,
)
from workbench.core.ops.edit_rules import EditRule, RuleEffect, project_rules, try_rules
from workbench.core.store.project_store import Project

_ID = bounded(1)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands, each with the handler `commands.main` dispatches to."""
    p = sub.add_parser(
        "rules",
        help="edit rules: regular expressions applied to the source before MT and to the output after",
        description="A project's edit rules, applied in order: source rules rewrite the Vietnamese before the "
        "model sees it, target rules rewrite the model's output for one language (or all). Patterns are "
        "Python regular expressions (the regex module); replacements may use \\1 or \\g<name>.",
    )
    p.add_argument("project", type=Path)
    p.set_defaults(handler=cmd_rules)
    actions = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="the rules in the order they run")
    q = actions.add_parser(
        "add",
        help="add a rule after the others (a bad regex is refused with the reason)",
        epilog="A pattern or replacement that starts with - goes after -- (rules P add --stage target -- -x y).",
    )
    q.add_argument("--stage", choices=["source", "target"], required=True)
    q.add_argument("--to", dest="language", default="", choices=["", *TARGET_LANGUAGES],
                   help="a target rule's language (default: every target language)")  # fmt: skip
    q.add_argument("pattern")
    q.add_argument("replacement")
    q.add_argument("--note", default="")
    q.add_argument("--disabled", action="store_true", help="keep the rule switched off for now")
    q = actions.add_parser("edit", help="change a rule in place (what is not given stays)")
    q.add_argument("id", type=_ID)
    q.add_argument("--stage", choices=["source", "target"])
    q.add_argument("--to", dest="language", choices=["", *TARGET_LANGUAGES])
    q.add_argument("--pattern")
    q.add_argument("--replacement")
    q.add_argument("--note")
    q = actions.add_parser("remove", help="delete a rule")
    q.add_argument("id", type=_ID)
    q = actions.add_parser("move", help="change where a rule runs in the order")
    q.add_argument("id", type=_ID)
    where = q.add_mutually_exclusive_group(required=True)
    where.add_argument("--up", dest="step", action="store_const", const=-1)
    where.add_argument("--down", dest="step", action="store_const", const=1)
    where.add_argument("--to-position", dest="position", type=_ID, metavar="N", help="1 is first")
    for action in ("enable", "disable"):
        q = actions.add_parser(action, help=f"{action} a rule")
        q.add_argument("id", type=_ID)
    q = actions.add_parser("import", help="add the rules of a CSV file (all or nothing)")
    q.add_argument("file", type=Path)
    q = actions.add_parser(
        "export", help="write the rules as CSV: stage, language, pattern, replacement, note, enabled"
    )
    q.add_argument("file", type=Path)
    q = actions.add_parser("test", help="show each rule's effect on a sample sentence, in order")
    q.add_argument("text")
    q.add_argument("--to", dest="language", choices=list(TARGET_LANGUAGES),
                   help="treat the sample as output in this language and run its target rules "
                   "(default: a Vietnamese source sentence through the source rules)")  # fmt: skip


def describe(rule: EditRule) -> str:
    """One line of `rules P list`."""
    where = "source" if rule.stage == "source" else f"target {rule.language or 'all'}"
    state = "" if rule.enabled else "  (disabled)"
    note = f"  — {rule.note}" if rule.note else ""
    return f"{rule.id:>4}  {rule.position:>3}. {where:<10} {rule.pattern} -> {rule.replacement}{state}{note}"


def print_effects(effects: list[RuleEffect], sample: str) -> None:
    """Each rule's effect on the sample in order, then the final text."""
    if not effects:
        print("no enabled rule runs on this stage")
    for effect in effects:
        rule = effect.rule
        head = f"rule {rule.id} ({rule.pattern} -> {rule.replacement})"
        if effect.flag and not effect.changed:
            print(f"{head}: skipped — {effect.flag}")
        elif effect.changed:
            print(f"{head}: changed\n  before: {effect.before}\n  after:  {effect.after}")
            if effect.flag:
                print(f"  note:   {effect.flag}")
        else:
            print(f"{head}: no match")
    final = effects[-1].after if effects else sample
    print(f"result: {final}")


def _edited(rule: EditRule, args: argparse.Namespace) -> NewRule:
    stage = args.stage or rule.stage
    language = args.language if args.language is not None else ("" if stage == "source" else rule.language)
    return NewRule(
        stage,
        language,
        rule.pattern if args.pattern is None else args.pattern,
        rule.replacement if args.replacement is None else args.replacement,
        rule.note if args.note is None else args.note,
        rule.enabled,
    )


def cmd_rules(args: argparse.Namespace, context: AppContext) -> int:
    action = args.rules_command
    if action in ("list", "test", "export"):
        with Project.open(args.project, read_only=True) as project:
            rules = project_rules(project)
            if action == "list":
                for rule in rules:
                    print(describe(rule))
                if not rules:
                    print(f"{args.project.name} has no edit rules (add one with `rules {args.project} add`)")
            elif action == "export":
                print(f"{args.file}: {counted(export_rules(project, args.file), 'rule')}")
            else:
                stage = "target" if args.language else "source"
                print_effects(try_rules(rules, args.text, stage, args.language or ""), args.text)
        return 0
    with Project.open(args.project) as project:
        if action == "add":
            new = NewRule(args.stage, args.language, args.pattern, args.replacement, args.note, not args.disabled)
            print(f"added {describe(add_rule(project, new)).strip()}")
        elif action == "edit":
            print(
                f"changed {describe(update_rule(project, args.id, _edited(find_rule(project, args.id), args))).strip()}"
            )
        elif action == "remove":
            print(f"removed {describe(remove_rule(project, args.id)).strip()}")
        elif action == "move":
            order = move_by(project, args.id, args.step) if args.step else move_rule(project, args.id, args.position)
            for rule in order:
                print(describe(rule))
        elif action in ("enable", "disable"):
            print(describe(set_enabled(project, args.id, action == "enable")).strip())
        else:
            done = import_rules(project, args.file)
            already = f", {done.already:,} already in the project" if done.already else ""
            print(f"{args.file}: {counted(done.read, 'rule')} read, {done.added:,} added{already}")
    return 0
