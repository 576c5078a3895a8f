"""The index that finds a translation memory's fuzzy candidates: word pairs, chosen by winnowing, in blocks.

Vietnamese writes one syllable per "word" and only a few thousand syllables exist, so single words are
in tens of thousands of units of a 200,000-unit memory, while pairs of syllables are rare. Which pairs
are indexed is chosen by winnowing (Schleimer, Wilkerson and Aiken, 2003): of every run of `WINDOW`
consecutive pairs, the one with the smallest hash. A text and the same text with one word changed then
share every chosen pair away from the change. The earlier choice, a third of the pairs by hash, could
leave a unit one surviving pair, shared by hundreds of others, and it did not rank among the scored
candidates: 93-95 % of one-word-changed units were found at 200,000 units; winnowing finds 99 %, for
about a third more pairs (9.2 a unit instead of 7.0).

The postings are kept by block of 16,384 unit ids, then pair: a new unit's postings and document counts
go into the newest block, whose b-tree stays small, where a (pair, unit) key put each new posting in a
random page of one large tree, and every batch of additions rewrote most of it (the build grew as
n^1.16). A lookup seeks each pair in every block (13 blocks at 200,000 units).

Files written before this layout (tables tm_grams and tm_gram_docs, a third of the pairs) keep working:
they are read and written as they are until `upgrade_memory_index` re-indexes them (the shared memory
does on opening, a project's memory on `tm rebuild`).
"""

from __future__ import annotations

import math
import sqlite3
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import pairwise

import regex

#: the winnowing window: one chosen pair in every run of this many consecutive pairs
WINDOW = 3
#: unit ids per block of postings (a power of two: the block is `unit_id >> BLOCK_BITS`)
BLOCK_BITS = 14
#: how many postings one lookup may read: the rarest pairs first, until the budget is spent
POSTINGS_BUDGET = 5000
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
#: rows read per call: the project's error-naming cursor is Python, so rows are not read one call each
_CHUNK = 512

#: the tables of the index; part of translation_memory.MEMORY_SCHEMA (one statement each, no `;` inside)
INDEX_TABLES = (
    """CREATE TABLE IF NOT EXISTS tm_pairs (
    block INTEGER NOT NULL,
    gram INTEGER NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES tm_units(id) ON DELETE CASCADE,
    PRIMARY KEY (block, gram, unit_id)
) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS tm_pair_docs (
    block INTEGER NOT NULL,
    gram INTEGER NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY (block, gram)
) WITHOUT ROWID""",
)


def chosen_pairs(key: str) -> list[int]:
    """The indexed pairs of syllables of a normalised text, as 32-bit hashes (a single word for a one-word
    text; every pair of a text of `WINDOW` pairs or fewer)."""
    words = _WORD.findall(key)
    hashes = [zlib.crc32(f"{a} {b}".encode()) for a, b in pairwise(words)] or [zlib.crc32(w.encode()) for w in words]
    if len(hashes) <= WINDOW:
        return list(dict.fromkeys(hashes))
    return list(dict.fromkeys(min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1)))


def legacy_pairs(key: str) -> list[int]:
    """The pairs the tm_grams layout indexed: a third of them by hash (all, if fewer than three are chosen)."""
    words = _WORD.findall(key)
    pairs = [f"{a} {b}" for a, b in pairwise(words)] or words
    hashed = list(dict.fromkeys(zlib.crc32(p.encode()) for p in pairs))
    chosen = [h for h in hashed if h % 3 == 0]
    return chosen if len(chosen) >= 3 else hashed


def is_legacy(db: sqlite3.Connection) -> bool:
    """True for a file whose index is still the tm_grams layout (made before the block layout existed)."""
    found = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('tm_pairs', 'tm_grams')")
    return {row[0] for row in found.fetchall()} == {"tm_grams"}


def index_unit(db: sqlite3.Connection, unit_id: int, key: str) -> None:
    """Index a new unit, in the file's layout; the caller holds the transaction."""
    if is_legacy(db):
        grams = legacy_pairs(key)
        db.executemany("INSERT OR IGNORE INTO tm_grams(gram, unit_id) VALUES (?, ?)", [(g, unit_id) for g in grams])
        db.executemany(
            "INSERT INTO tm_gram_docs(gram, docs) VALUES (?, 1) ON CONFLICT(gram) DO UPDATE SET docs = docs + 1",
            [(g,) for g in grams],
        )
        return
    bulk_index(db, [(unit_id, key)])


def shared_pairs(db: sqlite3.Connection, key: str) -> dict[int, float]:
    """Units sharing indexed pairs with `key`, each with the weight of what it shares (a rare pair says
    more than a common one); the rarest pairs are read first, until `POSTINGS_BUDGET` postings are read."""
    legacy = is_legacy(db)
    grams = legacy_pairs(key) if legacy else chosen_pairs(key)
    if not grams:
        return {}
    known, postings = _legacy_queries(db, grams) if legacy else _block_queries(db, grams)
    shared: defaultdict[int, float] = defaultdict(float)
    cursor = db.cursor()
    cursor.row_factory = None  # plain tuples: making a sqlite3.Row of each posting was a third of the search
    for gram, weight in weighted_pairs(known):
        cursor.execute(postings, (gram,))
        while chunk := cursor.fetchmany(_CHUNK):  # C-speed reads, without a list of every posting
            for (unit_id,) in chunk:
                shared[unit_id] += weight
    return shared


def weighted_pairs(known: Iterable[tuple[int, int]]) -> list[tuple[int, float]]:
    """The pairs whose postings a lookup reads, with the weight of each, from (pair, document count) rarest
    first: at least three, then as many as `POSTINGS_BUDGET` allows. The team server's memory reads the same."""
    chosen: list[tuple[int, float]] = []
    spent = 0
    for number, (gram, docs) in enumerate(known):
        if number >= 3 and spent + docs > POSTINGS_BUDGET:
            break
        spent += docs
        chosen.append((gram, 1.0 / math.log(2 + docs)))
    return chosen


def _block_queries(db: sqlite3.Connection, grams: list[int]) -> tuple[list[tuple[int, int]], str]:
    """The pairs' document counts, rarest first, and the query of one pair's postings, over every block."""
    last = db.execute("SELECT max(block) FROM tm_pair_docs").fetchone()[0]
    if last is None:
        return [], ""
    blocks = ",".join(str(b) for b in range(int(last) + 1))  # integers: safe in the text, one seek each
    known = db.execute(
        f"""SELECT gram, sum(docs) AS docs FROM tm_pair_docs WHERE block IN ({blocks})
            AND gram IN ({",".join("?" * len(grams))}) GROUP BY gram ORDER BY docs""",
        grams,
    ).fetchall()
    return [(g, d) for g, d in known], f"SELECT unit_id FROM tm_pairs WHERE block IN ({blocks}) AND gram = ?"


def _legacy_queries(db: sqlite3.Connection, grams: list[int]) -> tuple[list[tuple[int, int]], str]:
    known = db.execute(
        f"SELECT gram, docs FROM tm_gram_docs WHERE gram IN ({','.join('?' * len(grams))}) ORDER BY docs", grams
    ).fetchall()
    return [(g, d) for g, d in known], "SELECT unit_id FROM tm_grams WHERE gram = ?"


def upgrade_memory_index(db: sqlite3.Connection) -> bool:
    """Re-index a file of the tm_grams layout in blocks of winnowed pairs, in one transaction the caller
    holds; False when there was nothing to upgrade. Postings go in in key order, counted in one pass."""
    if not is_legacy(db):
        return False
    # dropped first, so the new index reuses their pages instead of growing the file
    db.execute("DROP TABLE tm_grams")
    db.execute("DROP TABLE tm_gram_docs")
    db.execute("DROP INDEX IF EXISTS tm_units_key")  # the UNIQUE index on (source_key, ...) answers its queries
    for statement in INDEX_TABLES:
        db.execute(statement)
    cursor = db.execute("SELECT id, source_key FROM tm_units ORDER BY id")
    block: list[tuple[int, str]] = []  # one block at a time: a 200,000-unit memory is not held in memory
    while chunk := cursor.fetchmany(_CHUNK):
        for unit_id, key in chunk:
            if block and unit_id >> BLOCK_BITS != block[0][0] >> BLOCK_BITS:
                bulk_index(db, block)
                block = []
            block.append((unit_id, key))
    bulk_index(db, block)
    return True


def bulk_index(db: sqlite3.Connection, keyed: Iterable[tuple[int, str]]) -> None:
    """Index many new units (block layout): postings inserted in key order, document counts in one pass."""
    postings: list[tuple[int, int, int]] = []
    for unit_id, key in keyed:
        block = unit_id >> BLOCK_BITS
        postings.extend((block, g, unit_id) for g in chosen_pairs(key))
    postings.sort()
    db.executemany("INSERT OR IGNORE INTO tm_pairs(block, gram, unit_id) VALUES (?, ?, ?)", postings)
    docs = Counter((block, g) for block, g, _unit in postings)
    db.executemany(
        """INSERT INTO tm_pair_docs(block, gram, docs) VALUES (?, ?, ?)
           ON CONFLICT(block, gram) DO UPDATE SET docs = docs + excluded.docs""",
        ((block, g, n) for (block, g), n in sorted(docs.items())),
    )
