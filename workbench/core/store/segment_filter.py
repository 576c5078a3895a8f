"""Which segments the grid shows: by status in a language, by a set of ids (quality problems), by text,
by the quality band of the machine draft in the cell, and in which order ("poor drafts first").

Text search folds case and, when asked, Vietnamese diacritics (so "hoa" finds "hòa" and "Hoà"),
character by character, so a match's position in the folded text is its position in the original;
find & replace relies on that.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field

from workbench.core.language.language_rules import strip_diacritics
from workbench.core.records import Origin, Status
from workbench.core.store.draft_notes import band_rank
from workbench.core.store.project_store import Project

#: what "needs work" means in the filter and for Ctrl+Enter's "next segment"
NEEDING_WORK = frozenset({Status.UNTRANSLATED, Status.DRAFT, Status.NEEDS_WORK})
#: the band filter's value for a machine draft in the cell that has no quality estimate (yet)
NOT_ESTIMATED = ""


def fold_char(ch: str, match_case: bool, ignore_diacritics: bool) -> str:
    if not match_case:
        lower = ch.lower()
        ch = lower if len(lower) == 1 else ch
    if ignore_diacritics:
        plain = strip_diacritics(ch)
        ch = plain if len(plain) == 1 else ch
    return ch


def fold(text: str, match_case: bool = False, ignore_diacritics: bool = False) -> str:
    """`text` (NFC) folded one character for one character."""
    text = unicodedata.normalize("NFC", text)
    if match_case and not ignore_diacritics:
        return text
    return "".join(fold_char(ch, match_case, ignore_diacritics) for ch in text)


@dataclass(frozen=True, slots=True)
class SegmentFilter:
    #: empty: any status; statuses are read in `language`, or in any target language if it is None
    statuses: frozenset[Status] = frozenset()
    language: str | None = None
    text: str = ""
    in_source: bool = True
    in_targets: bool = True
    ignore_diacritics: bool = False
    match_case: bool = False
    #: the quality-check hook: only these segments (None: no restriction)
    only_ids: frozenset[int] | None = None
    include_not_for_translation: bool = True
    #: quality bands of the machine draft in the cell ("poor", "check", "good", or NOT_ESTIMATED); empty: any.
    #: A band counts only while the cell still holds the draft it was estimated on, or, for "poor", while the
    #: cell stays empty after pre-translation left that poor draft out of it (the grid marks it poor too).
    bands: frozenset[str] = frozenset()
    #: rows in band order (poor, check, good, then the rest), each band in document order
    poor_first: bool = False

    def is_empty(self) -> bool:
        return self == SegmentFilter()


@dataclass(slots=True)
class _Row:
    source: str
    translatable: bool
    statuses: dict[str, Status] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    #: language -> band of the machine draft in the cell (NOT_ESTIMATED without one); only machine drafts
    bands: dict[str, str] = field(default_factory=dict)


def filter_segment_ids(project: Project, document_id: int | None, wanted: SegmentFilter) -> list[int]:
    """Ids of the document's (or project's) segments that pass the filter, in document order."""
    ids = project.segment_ids(document_id)
    if wanted.is_empty():
        return ids
    rows = _rows(project, document_id, with_bands=bool(wanted.bands) or wanted.poor_first)
    languages = [wanted.language] if wanted.language else list(project.info.target_languages)
    needle = fold(wanted.text, wanted.match_case, wanted.ignore_diacritics) if wanted.text else ""
    result = []
    for segment_id in ids:
        if wanted.only_ids is not None and segment_id not in wanted.only_ids:
            continue
        row = rows[segment_id]
        if not row.translatable and (wanted.statuses or not wanted.include_not_for_translation):
            continue
        if wanted.statuses and not any(
            row.statuses.get(lang, Status.UNTRANSLATED) in wanted.statuses for lang in languages
        ):
            continue
        if needle:
            haystacks = ([row.source] if wanted.in_source else []) + (
                [row.texts.get(lang, "") for lang in languages] if wanted.in_targets else []
            )
            if not any(needle in fold(h, wanted.match_case, wanted.ignore_diacritics) for h in haystacks):
                continue
        if wanted.bands and not any(row.bands.get(lang) in wanted.bands for lang in languages):
            continue
        result.append(segment_id)
    if wanted.poor_first:  # stable: document order within a band; the worst band of the languages counts
        result.sort(key=lambda i: min(band_rank(rows[i].bands.get(lang)) for lang in languages))
    return result


def ids_needing_work(project: Project, language: str, document_id: int | None = None) -> set[int]:
    """Translatable segments still untranslated, drafted or sent back in `language`."""
    done = [str(s) for s in Status if s not in NEEDING_WORK]
    query = f"""SELECT s.id FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.language = ?
                WHERE s.position IS NOT NULL AND s.translatable = 1
                AND (t.status IS NULL OR t.status NOT IN ({",".join("?" * len(done))}))"""
    params: list[object] = [language, *done]
    if document_id is not None:
        query += " AND s.document_id = ?"
        params.append(document_id)
    return {row[0] for row in project.connection.execute(query, params)}


def _rows(project: Project, document_id: int | None, with_bands: bool = False) -> dict[int, _Row]:
    where = "s.position IS NOT NULL" + (" AND s.document_id = ?" if document_id is not None else "")
    params: tuple[object, ...] = (document_id,) if document_id is not None else ()
    db = project.connection
    rows = {
        r[0]: _Row(r[1], bool(r[2]))
        for r in db.execute(f"SELECT s.id, s.source, s.translatable FROM segments s WHERE {where}", params)
    }
    for segment_id, language, status, text in db.execute(
        f"""SELECT t.segment_id, t.language, t.status, t.text FROM translations t
            JOIN segments s ON s.id = t.segment_id WHERE {where}""",
        params,
    ):
        row = rows.get(segment_id)
        if row is not None:
            row.statuses[language] = Status(status)
            row.texts[language] = text
    if with_bands:
        for segment_id, language, band in db.execute(
            f"""SELECT t.segment_id, t.language, COALESCE(d.band, '') FROM translations t
                JOIN segments s ON s.id = t.segment_id
                LEFT JOIN draft_notes d ON d.segment_id = t.segment_id AND d.language = t.language
                     AND d.draft = t.text
                WHERE t.origin = ? AND {where}""",
            (str(Origin.MT), *params),
        ):
            row = rows.get(segment_id)
            if row is not None:
                row.bands[language] = band
        for segment_id, language in db.execute(  # a poor draft left out of its still empty cell
            f"""SELECT d.segment_id, d.language FROM draft_notes d JOIN segments s ON s.id = d.segment_id
                LEFT JOIN translations t ON t.segment_id = d.segment_id AND t.language = d.language
                WHERE d.band = 'poor' AND (t.segment_id IS NULL OR (t.status = ? AND t.text = '')) AND {where}""",
            (str(Status.UNTRANSLATED), *params),
        ):
            row = rows.get(segment_id)
            if row is not None:
                row.bands[language] = "poor"
    return rows


def status_set(names: Collection[str]) -> frozenset[Status]:
    return frozenset(Status(n) for n in names)
