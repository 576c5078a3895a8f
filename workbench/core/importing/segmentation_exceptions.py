"""The project's own segmentation exceptions: "never break here" and "always break here", added by a person.

A split or a join changes one segment only; the segmentation rules learn nothing from it silently. From the
split or join dialog a person may add the place as an exception, and the next import or re-import of a
document into this project segments there the same way (so a re-import keeps the split or joined segment
and its translation). The exceptions are SRX rules tried before the shipped ones, first match deciding as
SRX prescribes, kept in the project file (key `segmentation_exceptions` of the `project` table: a project
carries them to another PC, and the user's own rules file stays theirs).

A rule is made from the word before the place and the word after it, matched as written: "TP." + "Cần"
never breaks in "TP. Cần Thơ", wherever it comes again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import regex

from workbench.core.errors import ProjectError
from workbench.core.language.segmenter import DEFAULT_RULES, Segmenter, SrxRule, SrxRules, load_rules
from workbench.core.store.project_store import Project

KEY = "segmentation_exceptions"
#: a place is remembered by at most this many characters of the word on each side
_WORD_LIMIT = 40


@dataclass(frozen=True, slots=True)
class SegmentationException:
    breaks: bool
    #: the word before the place and the word after it, as written
    before: str
    after: str

    def rule(self) -> SrxRule:
        """The SRX rule: the words as written, whole on the outside, any white space (or none) between."""
        before, after = regex.escape(self.before), regex.escape(self.after)
        if self.breaks:
            return SrxRule(True, rf"(?<!\S){before}", rf"\s*{after}(?!\S)")
        return SrxRule(False, rf"(?<!\S){before}\s*", rf"\s*{after}(?!\S)")

    def describe(self) -> str:
        what = "always break" if self.breaks else "never break"
        return f"{what} between {self.before!r} and {self.after!r}"


def exception_at(first: str, second: str, breaks: bool) -> SegmentationException:
    """The exception for the place between texts `first` and `second` (the two sides of a split or a join)."""
    before = first.rstrip().rsplit(None, 1)[-1] if first.strip() else ""
    after = second.lstrip().split(None, 1)[0] if second.strip() else ""
    if not before or not after:
        raise ProjectError("an exception needs a word on each side of the place")
    return SegmentationException(breaks, before[-_WORD_LIMIT:], after[:_WORD_LIMIT])


def exceptions(project: Project) -> list[SegmentationException]:
    row = project.connection.execute("SELECT value FROM project WHERE key = ?", (KEY,)).fetchone()
    if row is None:
        return []
    try:
        return [
            SegmentationException(bool(item["breaks"]), str(item["before"]), str(item["after"]))
            for item in json.loads(row[0])
        ]
    except (ValueError, TypeError, KeyError) as exc:
        raise ProjectError(f"{project.path.name}: the project's segmentation exceptions cannot be read") from exc


def add_exception(project: Project, exception: SegmentationException) -> bool:
    """Keep `exception` for the next imports (one for the same place, the other way, is replaced). False if it
    was there already."""
    with project.transaction() as db:
        known = exceptions(project)
        if exception in known:
            return False
        kept = [e for e in known if (e.before, e.after) != (exception.before, exception.after)]
        value = json.dumps([asdict(e) for e in [exception, *kept]], ensure_ascii=False)
        db.execute("INSERT INTO project(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?",
                   (KEY, value, value))  # fmt: skip
    return True


def project_segmenter(project: Project, language: str = "vi") -> Segmenter | None:
    """The segmenter of imports into `project`: its exceptions first, then the shipped rules (None: it has
    no exceptions, the shared default segmenter serves)."""
    own = exceptions(project)
    if not own:
        return None
    rules = [e.rule() for e in own] + load_rules(DEFAULT_RULES).rules_for(language)
    return Segmenter(SrxRules({"project": rules}, [(".*", "project")], cascade=False), language)
