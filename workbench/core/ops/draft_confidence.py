"""Which machine drafts are weak: the model was unsure, or its output ran away, so the translator should read
them first and closely.

The grid marks them (an icon, a tooltip line) from this one rule; nothing else decides it.
"""

from __future__ import annotations

from workbench.core.records import Origin, Status, Translation

#: below this mean log-probability per token a machine draft is weak (near 0 is confident; see mt/engine.py)
WEAK_DRAFT_SCORE = -1.5
#: how the flags of a runaway output start (mt/runaway.py writes them): the reason follows
RUNAWAY_FLAG = "runaway:"
REPEAT_FLAG = "repeats a phrase:"


def is_runaway_flag(flag: str) -> bool:
    """Whether a draft's flag says its output ran away (stopped at the length cap, or repeats a phrase)."""
    return flag.startswith((RUNAWAY_FLAG, REPEAT_FLAG))


def has_low_score(translation: Translation) -> bool:
    """Whether the model's own score puts the draft below WEAK_DRAFT_SCORE."""
    return translation.score is not None and translation.score < WEAK_DRAFT_SCORE


def ran_away(translation: Translation) -> bool:
    """Whether one of the draft's flags says its output ran away."""
    return any(is_runaway_flag(f) for f in translation.flags)


def is_weak_draft(translation: Translation | None) -> bool:
    """A machine draft nobody has confirmed yet whose model score is below WEAK_DRAFT_SCORE, or whose output
    ran away (a runaway flag says why)."""
    return bool(
        translation is not None
        and translation.status is Status.DRAFT
        and translation.origin is Origin.MT
        and (has_low_score(translation) or ran_away(translation))
    )
