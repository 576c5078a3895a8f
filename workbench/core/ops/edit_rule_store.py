"""Keeping a project's edit rules: add, edit, remove, reorder, switch on and off; for the CLI and the window.

Every write checks the rule first (`rule_problem`) and refuses a bad one with the reason, before anything is
written. Positions stay 1, 2, 3 … in the order the user keeps; each change is one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.errors import WorkbenchError
from workbench.core.ops.edit_rules import EditRule, project_rules, rule_problem
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now


class RuleRefused(WorkbenchError):
    """A rule that cannot be kept (a bad regex, a bad replacement, an unknown stage or language); nothing written."""


@dataclass(frozen=True, slots=True)
class NewRule:
    """A rule as a person or a file gives it, before it has an id and a place."""

    stage: str
    language: str
    pattern: str
    replacement: str
    note: str = ""
    enabled: bool = True

    def problem(self) -> str:
        return rule_problem(self.stage, self.language, self.pattern, self.replacement)

    def same_rule(self, rule: EditRule) -> bool:
        """The same rewriting as `rule` (its note and switch aside)."""
        return (self.stage, self.language, self.pattern, self.replacement) == (
            rule.stage,
            rule.language,
            rule.pattern,
            rule.replacement,
        )


def checked(rule: NewRule) -> NewRule:
    """`rule`, or RuleRefused saying why it cannot be kept."""
    problem = rule.problem()
    if problem:
        raise RuleRefused(f"rule refused: {problem}")
    return rule


def checked_for(project: Project, rule: NewRule) -> NewRule:
    """`checked`, and a target rule's language is one the project translates into (a typo would never run)."""
    checked(rule)
    targets = project.info.target_languages
    if rule.stage == "target" and rule.language and rule.language not in targets:
        raise RuleRefused(
            f"rule refused: {project.path.name} does not translate into {rule.language} "
            f"(its target languages: {', '.join(targets)})"
        )
    return rule


def find_rule(project: Project, rule_id: int) -> EditRule:
    for rule in project_rules(project):
        if rule.id == rule_id:
            return rule
    raise WorkbenchError(f"{project.path.name} has no edit rule {rule_id} (see `rules {project.path.name} list`)")


def insert_rules(db: sqlite3.Connection, rules: Sequence[NewRule]) -> list[int]:
    """Append checked rules after the last one; the caller holds the transaction."""
    last = db.execute("SELECT COALESCE(MAX(position), 0) FROM edit_rules").fetchone()[0]
    stamp = now()
    ids = []
    for offset, rule in enumerate(rules, start=1):
        cursor = db.execute(
            """INSERT INTO edit_rules(position, stage, language, pattern, replacement, note, enabled, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                last + offset,
                rule.stage,
                rule.language,
                rule.pattern,
                rule.replacement,
                rule.note,
                int(rule.enabled),
                stamp,
            ),
        )
        ids.append(int(cursor.lastrowid or 0))
    return ids


def add_rule(project: Project, rule: NewRule) -> EditRule:
    """The rule, checked, as the project's last; RuleRefused (nothing written) for a bad one."""
    checked_for(project, rule)
    with project.transaction() as db:
        rule_id = insert_rules(db, [rule])[0]
    return find_rule(project, rule_id)


def update_rule(project: Project, rule_id: int, rule: NewRule) -> EditRule:
    """Rule `rule_id` rewritten in place (its position kept); RuleRefused (nothing written) for a bad one."""
    find_rule(project, rule_id)
    checked_for(project, rule)
    with project.transaction() as db:
        db.execute(
            """UPDATE edit_rules SET stage = ?, language = ?, pattern = ?, replacement = ?, note = ?, enabled = ?
               WHERE id = ?""",
            (rule.stage, rule.language, rule.pattern, rule.replacement, rule.note, int(rule.enabled), rule_id),
        )
    return find_rule(project, rule_id)


def set_enabled(project: Project, rule_id: int, enabled: bool) -> EditRule:
    find_rule(project, rule_id)
    with project.transaction() as db:
        db.execute("UPDATE edit_rules SET enabled = ? WHERE id = ?", (int(enabled), rule_id))
    return find_rule(project, rule_id)


def remove_rule(project: Project, rule_id: int) -> EditRule:
    """Removes the rule; the others keep their order. Returns what was removed."""
    rule = find_rule(project, rule_id)
    with project.transaction() as db:
        db.execute("DELETE FROM edit_rules WHERE id = ?", (rule_id,))
        _renumber(db, [r.id for r in project_rules(project) if r.id != rule_id])
    return rule


def move_rule(project: Project, rule_id: int, position: int) -> list[EditRule]:
    """Rule `rule_id` to `position` (1 = first; beyond either end means that end); the rules in their new order."""
    rules = project_rules(project)
    moving = find_rule(project, rule_id)
    order = [r.id for r in rules if r.id != rule_id]
    order.insert(min(max(position, 1), len(rules)) - 1, moving.id)
    with project.transaction() as db:
        _renumber(db, order)
    return project_rules(project)


def move_by(project: Project, rule_id: int, step: int) -> list[EditRule]:
    """One place up (step -1) or down (+1); at either end it stays."""
    order = [r.id for r in project_rules(project)]
    at = order.index(find_rule(project, rule_id).id) + 1
    return move_rule(project, rule_id, at + step)


def _renumber(db: sqlite3.Connection, order: Sequence[int]) -> None:
    for position, rule_id in enumerate(order, start=1):
        db.execute("UPDATE edit_rules SET position = ? WHERE id = ?", (position, rule_id))
