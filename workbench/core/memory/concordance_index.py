"""The word indexes the concordance searches: FTS5 over the memory's sources and the project's segments.

Vietnamese writes one syllable per word, so a word index answers a query of any length (a one-letter
word "à" included, which a trigram index cannot), and phrase queries keep the words in order. Each
text is in two indexes: one as written (case folded), for the default search where diacritics tell words
apart (hòa, hoa, họa), and one diacritic-blind (unicode61 `remove_diacritics 2`, which also folds the
two-mark letters ệ, ữ). One blind index filtered afterwards was tried first: a word whose blind form is
common ("tống" among 171,000 "tong" units of 200,000) read 20,000 candidates for nothing, 80-135 ms,
and could miss older hits; the second index costs about 16 MB at 200,000 units. unicode61 keeps đ as it
is (it has no decomposition), so a blind query asks for both d and đ; an exact query asks for both
placements of a tone (hòa, hoà). The tables are external-content: they store no copy of the texts, and
triggers keep them in step with every writer of `tm_units` and `segments` (imports, TMX, split and join)
without any of them knowing of the indexes. A trigger's insert into FTS5 costs about 30 us a row (FTS5
writes its pending terms out at each statement's savepoint), ten times a bulk insert: a writer of many
rows at once pauses the insert triggers (`bulk_inserts`) and the rows are indexed in one statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import product

from workbench.core.memory.match_normalization import old_tone_placement

#: the tokenizer of the indexes (blind: 2, exact: 0); categories as concordance's word pattern
_TOKENIZE = "unicode61 remove_diacritics {0} categories 'L* N* M*'"
#: a table named here has its insert triggers paused (a row only inside `bulk_inserts`' transaction)
PAUSED = "concordance_paused"
_PAUSED_TABLE = f"CREATE TABLE IF NOT EXISTS {PAUSED} (table_name TEXT PRIMARY KEY) WITHOUT ROWID"


def _fts_statements(index: str, table: str, key: str, remove_diacritics: int) -> tuple[str, ...]:
    """An external-content FTS5 index of `table`.source (rowid `key`) and the triggers that keep it."""
    return (
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5(source, content='{table}',
    content_rowid='{key}', tokenize="{_TOKENIZE.format(remove_diacritics)}", columnsize=0)""",
        f"""CREATE TRIGGER IF NOT EXISTS {index}_insert AFTER INSERT ON {table}
    WHEN NOT EXISTS (SELECT 1 FROM {PAUSED} WHERE table_name = '{table}') BEGIN
    INSERT INTO {index}(rowid, source) VALUES (new.{key}, new.source);
END""",
        f"""CREATE TRIGGER IF NOT EXISTS {index}_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {index}({index}, rowid, source) VALUES ('delete', old.{key}, old.source);
END""",
        f"""CREATE TRIGGER IF NOT EXISTS {index}_update AFTER UPDATE OF source ON {table} BEGIN
    INSERT INTO {index}({index}, rowid, source) VALUES ('delete', old.{key}, old.source);
    INSERT INTO {index}(rowid, source) VALUES (new.{key}, new.source);
END""",
    )


#: (exact, blind) index names of the memory's units and of the project's segments
MEMORY_INDEXES = ("tm_units_words", "tm_units_blind")
SEGMENT_INDEXES = ("segments_words", "segments_blind")
MEMORY_CONCORDANCE = (
    _PAUSED_TABLE,
    *_fts_statements(MEMORY_INDEXES[0], "tm_units", "id", 0),
    *_fts_statements(MEMORY_INDEXES[1], "tm_units", "id", 2),
)
SEGMENT_CONCORDANCE = (
    _PAUSED_TABLE,
    *_fts_statements(SEGMENT_INDEXES[0], "segments", "id", 0),
    *_fts_statements(SEGMENT_INDEXES[1], "segments", "id", 2),
)

#: for the project file's schema (SCHEMA_V6): the four indexes, filled from what the file already holds
PROJECT_CONCORDANCE_SCHEMA = "".join(
    f"{statement};\n" for statement in (*MEMORY_CONCORDANCE, *SEGMENT_CONCORDANCE)
) + "".join(f"INSERT INTO {index}({index}) VALUES ('rebuild');\n" for index in (*MEMORY_INDEXES, *SEGMENT_INDEXES))

#: past this many spellings of a query it asks for its words in any order, and the phrase is checked after
_MAX_VARIANTS = 16


def has_index(db: sqlite3.Connection, index: str) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (index,)).fetchone()
    return found is not None


def ensure_memory_concordance(db: sqlite3.Connection) -> bool:
    """The memory's indexes, made and filled once from the units already there (a shared memory made
    before the concordance existed), in one transaction; True when they were made now."""
    if all(has_index(db, index) for index in MEMORY_INDEXES):
        return False
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in MEMORY_CONCORDANCE:
            db.execute(statement)
        for index in MEMORY_INDEXES:
            db.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return True


@contextmanager
def bulk_inserts(db: sqlite3.Connection, table: str) -> Iterator[None]:
    """Inside the caller's transaction: rows inserted into `table` (tm_units or segments, new ids only, not
    updated before the end) are indexed together at the end instead of one trigger call each. On an
    exception nothing is indexed: the caller's transaction rolls back, the pause with it."""
    indexes = {"tm_units": MEMORY_INDEXES, "segments": SEGMENT_INDEXES}[table]
    if not all(has_index(db, name) for name in (*indexes, PAUSED)):  # not indexed yet: its upgrade fills them
        yield
        return
    last = db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    db.execute(f"INSERT INTO {PAUSED}(table_name) VALUES (?)", (table,))
    yield
    db.execute(f"DELETE FROM {PAUSED} WHERE table_name = ?", (table,))
    for index in indexes:
        db.execute(f"INSERT INTO {index}(rowid, source) SELECT id, source FROM {table} WHERE id > ?", (last,))


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _variants(word: str, diacritic_blind: bool) -> list[str]:
    """The spellings of `word` the index keeps apart: blind, each d or đ either way; exact, both placements
    of a final oa, oe, uy syllable's tone (`word` comes with the new one)."""
    if not diacritic_blind:
        return list(dict.fromkeys([word, old_tone_placement(word)]))
    options = [("d", "đ") if c in "dđ" else (c,) for c in word]
    return ["".join(choice) for choice in product(*options)][:_MAX_VARIANTS]


def match_expression(words: list[str], diacritic_blind: bool) -> tuple[str, bool]:
    """The FTS5 query for `words` (casefolded, NFC, the new tone placement; letters, marks and digits only,
    so nothing in them is FTS syntax) and whether it asks for the phrase (else: every word, in any order)."""
    per_word = [_variants(w, diacritic_blind) for w in words]
    combinations = 1
    for options in per_word:
        combinations *= len(options)
    if combinations <= _MAX_VARIANTS:
        phrases = [_quoted(" ".join(choice)) for choice in product(*per_word)]
        return " OR ".join(phrases), True
    return " AND ".join("(" + " OR ".join(_quoted(v) for v in options) + ")" for options in per_word), False
