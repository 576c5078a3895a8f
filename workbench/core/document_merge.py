"""Re-importing a changed document: which old segments survive, which changed, which are new or gone.

Segments are aligned by their identity (the PO context, else the source text) with a longest-common-
subsequence diff, so an inserted paragraph does not make every later segment look changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from workbench.core.records import PreparedSegment


@dataclass(frozen=True, slots=True)
class OldSegment:
    id: int
    source: str
    context_key: str

    @property
    def key(self) -> str:
        return self.context_key or self.source


@dataclass(slots=True)
class MergePlan:
    #: (old segment id, index into the new segments): same source, translations stay.
    unchanged: list[tuple[int, int]] = field(default_factory=list)
    #: (old segment id, new index): the source changed; the old translation becomes a draft to review.
    changed: list[tuple[int, int]] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def plan_merge(old: list[OldSegment], new: list[PreparedSegment]) -> MergePlan:
    plan = MergePlan()
    old_keys = [s.key for s in old]
    new_keys = [s.context_key or s.source for s in new]
    matcher = SequenceMatcher(a=old_keys, b=new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            plan.unchanged.extend((old[i1 + k].id, j1 + k) for k in range(i2 - i1))
        elif op == "insert":
            plan.added.extend(range(j1, j2))
        elif op == "delete":
            plan.removed.extend(s.id for s in old[i1:i2])
        else:  # replace: pair in order, the rest are added or removed
            pairs = min(i2 - i1, j2 - j1)
            plan.changed.extend((old[i1 + k].id, j1 + k) for k in range(pairs))
            plan.added.extend(range(j1 + pairs, j2))
            plan.removed.extend(s.id for s in old[i1 + pairs : i2])
    return plan
