"""Concordance (Ctrl+K, `concordance`): every occurrence of some words in the memories and the project.

The query is words, searched literally in the Vietnamese sources: punctuation between them and around
them is ignored, nothing in it is a wildcard, a regular expression or FTS syntax. The project memory,
the shared memory and the project's own live segments are searched through their word indexes
(concordance_index: one as written, one diacritic-blind); each source appears once, with its
translations by language, where it comes from and the character spans of the matched words in it,
newest first. Bounded: a query of at most `MAX_QUERY_CHARACTERS` characters and `MAX_QUERY_WORDS`
words, at most `MAX_LIMIT` hits, and at most `SCAN_LIMIT` candidates read from each place, the newest
first (reached by an exact query of so many tone placements that the index is asked for its words in any
order, or by a phrase in very many units of a few sources): the result then says older hits were not
searched (`ConcordanceResult.scan_limit_reached`).
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from workbench.core.errors import WorkbenchError
from workbench.core.memory.concordance_index import (
    MEMORY_INDEXES,
    SEGMENT_INDEXES,
    has_index,
    match_expression,
)
from workbench.core.memory.match_normalization import normalize_for_matching, unify_tone_placement
from workbench.core.memory.project_memory import Memories
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import labels_for

MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 16
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
#: candidates read from one place before it stops looking (newest first)
SCAN_LIMIT = 20_000
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_CHUNK = 256

PROJECT_MEMORY = "project memory"
SHARED_MEMORY = "shared memory"


@dataclass(frozen=True, slots=True)
class ConcordanceHit:
    """One source the words were found in."""

    source: str
    #: language -> text (the newest unit's in a memory; the segment's own translation in the project)
    translations: dict[str, str]
    #: "project memory", "shared memory" or the segment's label ("le-hoi.docx #8")
    where: str
    #: when it was last written: the newest unit's time, or the segment's newest translation (else its import)
    updated_at: str
    #: (start, end) character offsets of each occurrence of the words in `source`
    spans: tuple[tuple[int, int], ...]
    #: the segment's id for a hit in the project's segments, else None
    segment_id: int | None = None
    #: the languages' statuses of a segment hit (empty for memory units)
    statuses: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ConcordanceResult:
    """The hits, and whether a place stopped at SCAN_LIMIT candidates (older hits there not searched)."""

    hits: list[ConcordanceHit]
    scan_limit_reached: bool = False


#: what the CLI and the window say when a place stopped at its scan limit
SCAN_LIMIT_NOTE = "scan limit reached: older hits not searched"


@dataclass(slots=True)
class _Scan:
    """Set by `_candidates` when it stopped at SCAN_LIMIT with candidates left."""

    limit_reached: bool = False


@dataclass(frozen=True, slots=True)
class ConcordanceQuery:
    """A query read: its words folded as the search compares them."""

    text: str
    words: tuple[str, ...]
    diacritic_blind: bool

    @property
    def ignored_punctuation(self) -> bool:
        """True when the query has characters other than words and spaces (ignored: said to the user)."""
        return bool(regex.sub(r"[\p{L}\p{M}\p{N}\s]+", "", self.text))


def read_query(text: str, diacritic_blind: bool = False) -> ConcordanceQuery:
    """The words of `text`; a WorkbenchError saying why for a query with none, or too long a one."""
    if len(text) > MAX_QUERY_CHARACTERS:
        raise WorkbenchError(
            f"the concordance query is {len(text)} characters long: at most {MAX_QUERY_CHARACTERS} are searched"
        )
    words = tuple(_fold(w, diacritic_blind) for w in _WORD.findall(text))
    if not words:
        shown = text.strip()
        raise WorkbenchError(
            f"the concordance query {shown!r} has no letters or digits: it searches for words, literally"
            if shown
            else "the concordance query is empty: type or select some words"
        )
    if len(words) > MAX_QUERY_WORDS:
        raise WorkbenchError(f"the concordance query has {len(words)} words: at most {MAX_QUERY_WORDS} are searched")
    return ConcordanceQuery(text, words, diacritic_blind)


@lru_cache(maxsize=65536)
def _fold(word: str, diacritic_blind: bool) -> str:
    """A word as the search compares it: case, Unicode form and tone placement folded; with
    `diacritic_blind`, every mark too and đ as d."""
    folded = normalize_for_matching(word)
    if not diacritic_blind:
        return folded
    bare = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return bare.replace("đ", "d")


def _bare_letters() -> dict[int, str]:
    """Each Latin letter with marks as its bare letter (one character for one: offsets stay), đ as d."""
    table = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        bare = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
        if len(bare) == 1 and bare != chr(code):
            table[code] = bare
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


_BARE = _bare_letters()
_NOT_WORD = r"[^\p{L}\p{M}\p{N}]+"


@lru_cache(maxsize=256)
def _phrase(words: tuple[str, ...]) -> regex.Pattern[str]:
    """The folded words as whole words in a folded text, anything not a word between them."""
    inner = _NOT_WORD.join(regex.escape(w) for w in words)
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}]){inner}(?![\p{{L}}\p{{M}}\p{{N}}])")


def _folded_in_place(text: str, diacritic_blind: bool) -> str | None:
    """`text` folded as the words are, character for character (so a match's offsets are the text's own),
    or None when folding would move them (decomposed text, a letter whose case folding is longer)."""
    if not unicodedata.is_normalized("NFC", text):
        return None
    folded = text.casefold()
    if len(folded) != len(text):
        return None
    folded = unify_tone_placement(folded)  # a pair of letters for a pair
    return folded.translate(_BARE) if diacritic_blind else folded


def match_spans(text: str, query: ConcordanceQuery) -> tuple[tuple[int, int], ...]:
    """Where the query's words occur in `text`, in order and next to each other (anything not a word
    between them), as character spans of `text` itself, not overlapping. One regular-expression pass
    over the folded text (4x faster than folding word by word), or word by word when folding moves offsets."""
    folded = _folded_in_place(text, query.diacritic_blind)
    if folded is not None:
        return tuple(m.span() for m in _phrase(query.words).finditer(folded))
    tokens = [(m.start(), m.end(), _fold(m.group(), query.diacritic_blind)) for m in _WORD.finditer(text)]
    wanted = query.words
    count = len(wanted)
    spans: list[tuple[int, int]] = []
    i = 0
    while i + count <= len(tokens):
        if all(tokens[i + k][2] == wanted[k] for k in range(count)):
            spans.append((tokens[i][0], tokens[i + count - 1][1]))
            i += count
        else:
            i += 1
    return tuple(spans)


def concordance(
    memories: Memories,
    query: str,
    language: str | None = None,
    diacritic_blind: bool = False,
    limit: int = DEFAULT_LIMIT,
) -> list[ConcordanceHit]:
    """Every source with the words of `query`: the project's segments, its memory and the shared memory,
    newest first, at most `limit` (1..MAX_LIMIT). With `language`, memory units of that language only
    and the segments' translations into it only. `search_concordance` also says whether a bound was hit."""
    return search_concordance(memories, query, language, diacritic_blind, limit).hits


def search_concordance(
    memories: Memories,
    query: str,
    language: str | None = None,
    diacritic_blind: bool = False,
    limit: int = DEFAULT_LIMIT,
) -> ConcordanceResult:
    """`concordance`'s hits, and whether any place stopped at its scan limit before its oldest candidates."""
    read = read_query(query, diacritic_blind)
    if not 1 <= limit <= MAX_LIMIT:
        raise WorkbenchError(f"a concordance shows 1 to {MAX_LIMIT} hits, not {limit}")
    project = memories.project
    scan = _Scan()
    hits = _segment_hits(project, read, language, limit, scan)
    known = {(normalize_for_matching(h.source), lang, text) for h in hits for lang, text in h.translations.items()}
    hits += _memory_hits(project.connection, read, language, limit, PROJECT_MEMORY, known, scan)
    if memories.shared is not None:
        hits += _memory_hits(memories.shared.db, read, language, limit, SHARED_MEMORY, set(), scan)
    hits.sort(key=lambda h: h.updated_at, reverse=True)  # stable: of hits as new, the segments first
    return ConcordanceResult(hits[:limit], scan.limit_reached)


def _candidates(
    db: sqlite3.Connection, indexes: tuple[str, str], read: ConcordanceQuery, sql: str, params: tuple[object, ...],
    scan: _Scan,
) -> Iterator[sqlite3.Row]:  # fmt: skip
    """Rows of `sql` (`{index}` in it the index to search, its first parameter the MATCH), newest first, at
    most SCAN_LIMIT (then `scan` says so if any is left), read a chunk at a time so a caller that has
    enough stops the query there."""
    index = indexes[1] if read.diacritic_blind else indexes[0]
    if not has_index(db, index):
        raise WorkbenchError("this file has no concordance index: open it for writing with this version once")
    # blind: the words casefolded only (the index folds the marks, đ as d); exact: folded as the memory folds
    words = [normalize_for_matching(w) for w in _WORD.findall(read.text)] if read.diacritic_blind else read.words
    expression, _phrase = match_expression(list(words), read.diacritic_blind)
    cursor = db.execute(sql.format(index=index), (expression, *params))
    read_so_far = 0
    while chunk := cursor.fetchmany(min(_CHUNK, SCAN_LIMIT - read_so_far)):
        read_so_far += len(chunk)
        yield from chunk
        if read_so_far >= SCAN_LIMIT:
            scan.limit_reached = scan.limit_reached or cursor.fetchone() is not None
            return


def _memory_hits(
    db: sqlite3.Connection, read: ConcordanceQuery, language: str | None, limit: int, where: str,
    known: set[tuple[str, str, str]], scan: _Scan,
) -> list[ConcordanceHit]:  # fmt: skip
    """The memory's sources with the words, one hit per source (its units' translations by language)."""
    sql = (
        "SELECT u.id, u.source, u.source_key, u.target_language, u.target, u.created_at FROM {index} f"
        " JOIN tm_units u ON u.id = f.rowid WHERE {index} MATCH ?"
        + (" AND u.target_language = ?" if language else "")
        + " ORDER BY f.rowid DESC"
    )
    groups: dict[str, tuple[str, dict[str, str], str, tuple[tuple[int, int], ...]]] = {}
    rejected: set[str] = set()
    for row in _candidates(db, MEMORY_INDEXES, read, sql, (language,) if language else (), scan):
        key = row["source_key"]
        if key in rejected or (key, row["target_language"], row["target"]) in known:
            continue
        group = groups.get(key)
        if group is None:
            if len(groups) >= limit:
                break
            spans = match_spans(row["source"], read)
            if not spans:  # the words apart (asked for in any order), or split otherwise than the index splits
                rejected.add(key)
                continue
            group = groups[key] = (row["source"], {}, str(row["created_at"]), spans)
        translations = group[1]
        translations.setdefault(row["target_language"], row["target"])  # newest first: the first seen stays
        if str(row["created_at"]) > group[2]:
            groups[key] = (group[0], translations, str(row["created_at"]), group[3])
    return [
        ConcordanceHit(source, translations, where, stamp, spans)
        for source, translations, stamp, spans in groups.values()
    ]


def _segment_hits(
    project: Project, read: ConcordanceQuery, language: str | None, limit: int, scan: _Scan
) -> list[ConcordanceHit]:
    """The project's live segments with the words, with their translations (empty ones left out)."""
    sql = (
        "SELECT s.id, s.source, s.created_at FROM {index} f JOIN segments s ON s.id = f.rowid"
        " WHERE {index} MATCH ? AND s.position IS NOT NULL ORDER BY f.rowid DESC"
    )
    db = project.connection
    found: list[tuple[int, str, str, tuple[tuple[int, int], ...]]] = []
    for row in _candidates(db, SEGMENT_INDEXES, read, sql, (), scan):
        spans = match_spans(row["source"], read)
        if spans:
            found.append((row["id"], row["source"], str(row["created_at"]), spans))
            if len(found) >= limit:
                break
    if not found:
        return []
    ids = [f[0] for f in found]
    marks = ",".join("?" * len(ids))
    translations: dict[int, dict[str, tuple[str, str, str]]] = {}
    for row in db.execute(
        f"SELECT segment_id, language, text, status, updated_at FROM translations WHERE segment_id IN ({marks})"
        " AND text != ''" + (" AND language = ?" if language else ""),
        (*ids, language) if language else ids,
    ).fetchall():
        translations.setdefault(row[0], {})[row[1]] = (row[2], row[3], str(row[4]))
    labels = labels_for(project, ids)
    hits = []
    for seg_id, source, created_at, spans in found:
        texts = translations.get(seg_id, {})
        stamp = max([created_at, *(t[2] for t in texts.values())])
        hits.append(
            ConcordanceHit(
                source, {lang: t[0] for lang, t in texts.items()}, labels.get(seg_id, f"segment {seg_id}"), stamp,
                spans, seg_id, {lang: t[1] for lang, t in texts.items()},
            )
        )  # fmt: skip
    return hits
