"""The live checks of the cell being edited, as the side panel lists them.

"Untranslated" is left out: the translator is looking at that very cell and knows.
"""

from __future__ import annotations

from workbench.core.qa.live_context import QaContext, check_segment
from workbench.core.records import SegmentRecord


def live_findings(segment: SegmentRecord, language: str, context: QaContext) -> list[str]:
    """Each finding of the checks on one segment in one language, as 'severity: message [check id]'."""
    return [
        f"{p.severity}: {p.message} [{p.check_id}]"
        for p in check_segment(segment, language, context)
        if p.check_id != "untranslated"
    ]
