"""How well the bands predicted the edits: per band, how many drafts, how many a person confirmed, how
many of those were kept (unchanged or nearly) and how many rewritten. The report prints it for the drafts
as they were banded before a person decided (when drafted, or re-estimated while still waiting: `quality
score` and a back-translation never re-estimate a confirmed or edited draft, so a model fitted on those
drafts does not grade itself here); a fit prints it for its own examples (in-sample, so optimistic)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.core.counted import counted
from workbench.core.quality.history import LABELLED, NEARLY, REWRITTEN
from workbench.core.review.post_edit_report import edit_distance
from workbench.core.store.draft_notes import BANDS
from workbench.core.store.project_store import Project


@dataclass(slots=True)
class BandFigures:
    band: str
    #: drafts in the band (for the report: every estimated machine draft, confirmed or not)
    drafts: int = 0
    confirmed: int = 0
    #: confirmed unchanged or nearly so (edit distance <= 0.1)
    kept: int = 0
    #: confirmed after a rewrite (edit distance > 0.5)
    rewritten: int = 0


def tally(rows: Iterable[tuple[str, float | None]]) -> list[BandFigures]:
    """Per band, best first, from (band, edit distance of the confirmed text or None when unconfirmed)."""
    figures = {band: BandFigures(band) for band in BANDS}
    for band, distance in rows:
        if band not in figures:
            continue
        row = figures[band]
        row.drafts += 1
        if distance is not None:
            row.confirmed += 1
            row.kept += distance <= NEARLY
            row.rewritten += distance > REWRITTEN
    return list(figures.values())


def band_calibration(project: Project, language: str) -> list[BandFigures]:
    """The project's estimated machine drafts in the language, by the band they were given."""
    confirmed = {
        sid: edit_distance(draft, text)
        for sid, draft, text in project.connection.execute(
            f"SELECT n.segment_id, n.draft, t.text {LABELLED}", (language,)
        )
    }
    banded = project.connection.execute(
        "SELECT segment_id, band FROM draft_notes WHERE language = ? AND band != ''", (language,)
    )
    return tally((band, confirmed.get(sid)) for sid, band in banded)


def format_calibration(figures: list[BandFigures], title: str) -> list[str]:
    lines = [f"  {title}:"]
    if not any(f.drafts for f in figures):
        return [*lines, "    no machine draft has a quality estimate yet"]
    for f in figures:
        share = f" ({f.kept / f.confirmed:.0%})" if f.confirmed else ""
        lines.append(
            f"    {f.band}: {counted(f.drafts, 'draft')}, {f.confirmed} confirmed, "
            f"{f.kept} kept unchanged or nearly{share}, {f.rewritten} rewritten"
        )
    return lines
