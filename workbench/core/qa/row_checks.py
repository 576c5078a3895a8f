"""The checks over rows read straight from SQLite: what one process (or one worker of several) does.

Building full SegmentRecords would take longer than checking them, so a row is a plain tuple. Rows come
in reading order (document, position, id): the serial run and the parallel one, whose workers each read
one stretch of that order, report the same findings in the same order.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Sequence

from workbench.core.cycle_collection import without_cycle_collection
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.qa.checks import Problem, Subject, check_subject, numbers_in, numbers_outside, text_for_numbers
from workbench.core.qa.live_context import QaContext, spelling_problems
from workbench.core.records import CONFIRMED, ORIGIN_BY_VALUE, STATUS_BY_VALUE, Origin, Status
from workbench.core.tags.inline_tags import TagMap, tags_from_json

_NOTHING = ("", Status.UNTRANSLATED, Origin.NONE)

#: (id, source, spans json, translatable, {language: ...}, tag map: empty unless the source has markers)
Row = tuple[int, str, str, bool, dict[str, tuple[str, Status, Origin]], TagMap]
#: where a row stands in reading order: (document id, position, segment id)
Place = tuple[int, int, int]
#: (language, hash of the normalised source, hash of the confirmed text, segment id): only numbers travel
#: back from the workers; the texts are looked up at the end
Variants = list[tuple[str, int, int, int]]
Hasher = Callable[[str], int]


def stable_hash(text: str) -> int:
    """A hash that is the same in every interpreter: spawned workers each have their own `hash()` seed."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def read_rows(
    db: sqlite3.Connection,
    document_id: int | None,
    languages: Sequence[str],
    stretch: tuple[Place, Place] | None = None,
) -> list[Row]:
    """(id, source, spans json, translatable, {language: (text, status, origin)}) of the segments in reading
    order, read in one query (only those from `stretch[0]` to `stretch[1]`, inclusive, when given)."""
    where = "s.position IS NOT NULL" + (" AND s.document_id = ?" if document_id is not None else "")
    params: list[object] = [*languages, *([document_id] if document_id is not None else [])]
    if stretch is not None:
        where += " AND (s.document_id, s.position, s.id) BETWEEN (?, ?, ?) AND (?, ?, ?)"
        params += [*stretch[0], *stretch[1]]
    marks = ",".join("?" * len(languages))
    rows: dict[int, Row] = {}
    with without_cycle_collection():  # reading 100,000 rows makes many small objects and no cycles
        for sid, source, spans, translatable, meta, language, text, status, origin in db.execute(
            f"""SELECT s.id, s.source, s.spans, s.translatable,
                       CASE WHEN instr(s.source, '<') > 0 THEN s.meta END, t.language, t.text, t.status, t.origin
                FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.language IN ({marks})
                WHERE {where} ORDER BY s.document_id, s.position, s.id""",
            params,
        ):
            row = rows.get(sid)
            if row is None:
                row = rows[sid] = (sid, source, spans, bool(translatable), {}, _tags_of(meta))
            if language is not None:
                row[4][language] = (text, STATUS_BY_VALUE[status], ORIGIN_BY_VALUE[origin])
    return list(rows.values())


def _tags_of(meta: str | None) -> TagMap:
    """The tag map of a segment's meta: the `tags` check needs it (most segments have none)."""
    if not meta or '"tags"' not in meta:
        return {}
    return tags_from_json(json.loads(meta).get("tags"))


def reading_order(db: sqlite3.Connection, document_id: int | None) -> list[Place]:
    """Where every segment stands, in reading order: the parallel run cuts this into stretches."""
    where = "position IS NOT NULL" + (" AND document_id = ?" if document_id is not None else "")
    return [
        (row[0], row[1], row[2])  # plain tuples, whatever the connection's row factory: they travel to workers
        for row in db.execute(
            f"SELECT document_id, position, id FROM segments WHERE {where} ORDER BY document_id, position, id",
            [document_id] if document_id is not None else [],
        )
    ]


def check_rows(
    rows: Sequence[Row], languages: Sequence[str], context: QaContext, hasher: Hasher = hash
) -> tuple[list[Problem], Variants]:
    """The findings of every row, and the confirmed translations that the whole-project check compares."""
    with without_cycle_collection():  # the loop makes many small objects and no cycles
        return _check_rows_now(rows, languages, context, hasher)


def _check_rows_now(
    rows: Sequence[Row], languages: Sequence[str], context: QaContext, hasher: Hasher
) -> tuple[list[Problem], Variants]:
    finder = context.finder if context.finder.pattern is not None else None
    found: list[Problem] = []
    variants: Variants = []
    for sid, source, spans_json, translatable, targets, tags in rows:
        if not translatable:
            continue
        key = normalize_for_matching(source)
        terms_found = tuple(finder.find_in_key(key)) if finder is not None else ()
        spans = () if spans_json == "[]" else tuple(ProtectedSpan.from_json(source, i) for i in json.loads(spans_json))
        plain = text_for_numbers(source, tags)
        numbers = numbers_outside(plain, spans)
        all_numbers = numbers_in(plain)
        for index, language in enumerate(languages):
            text, status, origin = targets.get(language, _NOTHING)
            ignored = context.ignored.get((sid, language))
            subject = Subject(source, text, language, status, origin, spans, terms_found, numbers, all_numbers, tags)
            skip = frozenset(ignored) if ignored else frozenset()
            found += check_subject(subject, sid, skip)
            if context.spelling is not None:
                found += spelling_problems(context, subject, sid, skip, index == 0)
            if status in CONFIRMED:
                variants.append((language, hasher(key), hasher(text.strip()), sid))
    return found, variants
