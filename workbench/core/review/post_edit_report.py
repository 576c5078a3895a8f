"""How much people changed the machine's drafts, per document and per model or route: the figures an office
uses to choose the model (or the pivot route, vi->en->km through two models) that serves it best.

For every segment whose current text is confirmed (translated or approved) and which had a machine
draft, the report compares the last draft with the current text: unchanged or not, and a character-level
edit distance (normalised Levenshtein, 0 = the same text, 100 = nothing in common). Segments per hour
count confirmations over the time a person was working (gaps over 30 minutes between revisions are
not counted as work). A draft's model is its origin detail: a model's name, or a route's text
(`vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M`, workbench/mt/routes.py), shown with its hops in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from workbench.core.counted import counted
from workbench.core.store.project_store import Project

IDLE_SECONDS = 30 * 60


def edit_distance(draft: str, text: str) -> float:
    """How much of a draft a person changed: normalised character Levenshtein, 0 (same) to 1 (nothing kept)."""
    return float(Levenshtein.normalized_distance(draft, text))


@dataclass(slots=True)
class PostEditFigures:
    segments: int = 0
    unchanged: int = 0
    #: of those, approved by an editor, and approved exactly as the model wrote them
    approved: int = 0
    approved_unchanged: int = 0
    distances: list[float] = field(default_factory=list)

    @property
    def unchanged_share(self) -> float:
        return self.unchanged / self.segments if self.segments else 0.0

    @property
    def mean_distance(self) -> float:
        return sum(self.distances) / len(self.distances) if self.distances else 0.0


@dataclass(slots=True)
class PostEditReport:
    language: str
    by_document: dict[str, PostEditFigures] = field(default_factory=dict)
    #: by the model or route the draft records (a route by its text)
    by_model: dict[str, PostEditFigures] = field(default_factory=dict)
    confirmed: int = 0
    working_hours: float = 0.0

    @property
    def segments_per_hour(self) -> float:
        return self.confirmed / self.working_hours if self.working_hours else 0.0


def post_edit_report(project: Project, language: str) -> PostEditReport:
    report = PostEditReport(language)
    names = {d.id: d.name for d in project.documents()}
    rows = project.connection.execute(
        """SELECT r.segment_id, s.document_id, r.text, r.status, r.origin, r.origin_detail, r.created_at
           FROM revisions r JOIN segments s ON s.id = r.segment_id
           WHERE r.language = ? AND s.position IS NOT NULL ORDER BY r.segment_id, r.id""",
        (language,),
    ).fetchall()
    drafts: dict[int, tuple[str, str]] = {}
    final: dict[int, tuple[int, str, str]] = {}
    confirmations: list[datetime] = []
    for segment_id, document_id, text, status, origin, detail, created in rows:
        if origin == "mt" and status == "draft":
            drafts[segment_id] = (text, detail)
        if status in ("translated", "approved"):
            final[segment_id] = (document_id, text, status)
            if status == "translated":
                confirmations.append(datetime.fromisoformat(created))
    current = dict(
        project.connection.execute(
            "SELECT segment_id, status FROM translations WHERE language = ?", (language,)
        ).fetchall()
    )
    for segment_id, (document_id, text, _status) in final.items():
        if segment_id not in drafts or current.get(segment_id) not in ("translated", "approved"):
            continue
        draft, model = drafts[segment_id]
        distance = edit_distance(draft, text) * 100
        for figures in (
            report.by_document.setdefault(names.get(document_id, str(document_id)), PostEditFigures()),
            report.by_model.setdefault(model or "?", PostEditFigures()),
        ):
            figures.segments += 1
            figures.unchanged += draft == text
            figures.approved += current[segment_id] == "approved"
            figures.approved_unchanged += current[segment_id] == "approved" and draft == text
            figures.distances.append(distance)
    confirmations.sort()
    report.confirmed = len(confirmations)
    worked = 0.0
    for earlier, later in pairwise(confirmations):
        gap = (later - earlier).total_seconds()
        worked += gap if gap <= IDLE_SECONDS else 0.0
    report.working_hours = worked / 3600
    return report


def shown_model(detail: str) -> str:
    """A model's name as it is; a route's text `vi-en-km:A+B` as "vi-en-km: A → B" (model names hold no ':')."""
    languages, colon, models = detail.partition(":")
    return f"{languages}: {' → '.join(models.split('+'))}" if colon else detail


def format_report(report: PostEditReport) -> list[str]:
    lines = [f"post-editing in {report.language}: {counted(report.confirmed, 'confirmation')}, "
             f"{report.segments_per_hour:.0f} segments per working hour"]  # fmt: skip
    if not report.by_document and not report.by_model:
        lines.append("  no machine or memory draft has been post-edited yet: nothing to compare")
        return lines
    by_model = {shown_model(name): figures for name, figures in report.by_model.items()}
    for title, table in (("by document", report.by_document), ("by model or route", by_model)):
        lines.append(f"  {title}:")
        for name, figures in sorted(table.items()):
            lines.append(
                f"    {name}: {counted(figures.segments, 'post-edited draft')}, {figures.unchanged_share:.0%} unchanged, "
                f"{figures.approved_unchanged} of {figures.approved} approved unchanged, "
                f"mean edit distance {figures.mean_distance:.1f} / 100"
            )
    return lines
