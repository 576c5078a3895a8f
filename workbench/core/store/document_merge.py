"""Re-importing a changed document: which old segments survive, which changed, which are new or gone.

Segments are aligned by their identity (the PO context, else the source text) with a longest-common-
subsequence diff, so an inserted paragraph does not make every later segment look changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from workbench.core.records import PreparedSegment

#: How alike (difflib ratio) a changed source must be to its old version to inherit its translation.
SIMILAR_ENOUGH = 0.5
#: How far ahead in a replaced stretch an edited segment is looked for (keeps a rewrite linear).
SEARCH_WINDOW = 20


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
        else:
            _pair_replaced(plan, old[i1:i2], new_keys, j1, j2)
    return plan


def _pair_replaced(plan: MergePlan, old: list[OldSegment], new_keys: list[str], j1: int, j2: int) -> None:
    """In a replaced stretch, a new segment is the edit of an old one only if they are alike; pairs keep order."""
    next_old = 0
    paired: set[int] = set()
    for j in range(j1, j2):
        best, best_ratio = -1, SIMILAR_ENOUGH
        for i in range(next_old, min(len(old), next_old + SEARCH_WINDOW)):
            ratio = SequenceMatcher(a=old[i].key, b=new_keys[j], autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = i, ratio
        if best < 0:
            plan.added.append(j)
            continue
        plan.changed.append((old[best].id, j))
        paired.add(best)
        next_old = best + 1
    plan.removed.extend(s.id for i, s in enumerate(old) if i not in paired)
