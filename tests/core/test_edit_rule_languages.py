"""A target rule for a language the project does not translate into would never run: it is refused, naming the
project and its languages, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.ops.edit_rule_store import NewRule, RuleRefused, add_rule, update_rule
from workbench.core.ops.edit_rules import project_rules
from workbench.core.store.project_store import Project


def test_a_rule_for_a_language_the_project_lacks_is_refused(tmp_path: Path) -> None:
    with Project.create(tmp_path / "en-only.wbp", "en only", "vi", ["en"]) as project:
        with pytest.raises(RuleRefused, match=r"en-only\.wbp does not translate into km \(its target languages: en\)"):
            add_rule(project, NewRule("target", "km", "a", "b"))
        assert not project_rules(project)
        kept = add_rule(project, NewRule("target", "en", "People's Committee", "Committee"))
        with pytest.raises(RuleRefused, match="does not translate into km"):
            update_rule(project, kept.id, NewRule("target", "km", "a", "b"))
        assert [r.language for r in project_rules(project)] == ["en"]
        add_rule(project, NewRule("target", "", "x", "y"))  # every target language: fine
        assert len(project_rules(project)) == 2
