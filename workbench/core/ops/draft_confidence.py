"""Which machine drafts are weak: the model was unsure, so the translator should read them first and closely.

The grid marks them (an icon, a tooltip line) from this one rule; nothing else decides it.
"""

from __future__ import annotations

from workbench.core.records import Origin, Status, Translation

#: below this mean log-probability per token a machine draft is weak (near 0 is confident; see mt/engine.py)
WEAK_DRAFT_SCORE = -1.5


def is_weak_draft(translation: Translation | None) -> bool:
    """A machine draft nobody has confirmed yet whose model score is below WEAK_DRAFT_SCORE."""
    return bool(
        translation is not None
        and translation.status is Status.DRAFT
        and translation.origin is Origin.MT
        and translation.score is not None
        and translation.score < WEAK_DRAFT_SCORE
    )
