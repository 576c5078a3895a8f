"""The `tags` check: a translation must carry its source's formatting tags, in order and well nested.

Apart from checks.py because it reads only the tag map (core/tags), not the language rules the others use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.tags.inline_tags import tag_problems

if TYPE_CHECKING:
    from workbench.core.qa.checks import Subject


def tags_check(s: Subject) -> str | None:
    """The source's formatting tags missing, added, reordered or badly nested in the translation."""
    if not s.tags:
        return None
    problems = tag_problems(s.source, s.target, s.tags)
    return "; ".join(problems) if problems else None
