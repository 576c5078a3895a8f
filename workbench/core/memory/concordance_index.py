"""The word indexes the concordance searches: FTS5 over the memory's sources and the project's segments.

Vietnamese writes one syllable per word, so a word index answers a query of any length (a one-letter
word "à" included, which a trigram index cannot), and phrase queries keep the words in order. Each
text is in two indexes: one as written (case folded), for the default search where diacritics tell words
apart (hòa, hoa, họa), and one diacritic-blind (unicode61 `remove_diacritics 2`, which also folds the
two-mark letters ệ, ữ). One blind index filtered afterwards was tried first: a word whose blind form is
common ("tống" among 171,000 "tong" units of 200,000) read 20,000 candidates for nothing, 80-135 ms,
and could miss older hits; the second index costs about 16 MB at 200,000 units. unicode61 keeps đ as it
is (it has no decomposition), so the blind index reads its text through a view that writes đ as d: a
blind query is then one phrase whatever its d's (asking for d or đ in each word made 2^n spellings, and
past 16 the words in any order, which read up to 20,000 candidates and missed older hits). An exact
query asks for both placements of a tone (hòa, hoà). The tables are external-content: they store no copy
of the texts, and triggers keep them in step with every writer of `tm_units` and `segments` (imports,
TMX, split and join) without any of them knowing of the indexes. A trigger's insert into FTS5 costs about
30 us a row (FTS5 writes its pending terms out at each statement's savepoint), ten times a bulk insert: a
writer of many rows at once pauses the insert triggers (`bulk_inserts`) and the rows are indexed in one
statement. Opening a memory or a project for writing makes any index it lacks (`ensure_concordance`).
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


#: how the blind index reads a text: đ written as d (unicode61 folds the marks, not đ)
_AS_D = "replace(replace({0}, 'đ', 'd'), 'Đ', 'D')"


def _fts_statements(index: str, table: str, key: str, blind: bool) -> tuple[str, ...]:
    """An external-content FTS5 index of `table`.source (rowid `key`) and the triggers that keep it; a
    blind one reads the source through a view with đ as d (the triggers give it the same text)."""
    content = f"{table}_as_d" if blind else table
    text = _AS_D if blind else "{0}"
    view = (
        (f"CREATE VIEW IF NOT EXISTS {content}({key}, source) AS SELECT {key}, {text.format('source')} FROM {table}",)
        if blind
        else ()
    )
    new, old = text.format("new.source"), text.format("old.source")
    return (
        *view,
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5(source, content='{content}',
    content_rowid='{key}', tokenize="{_TOKENIZE.format(2 if blind else 0)}", columnsize=0)""",
        f"""CREATE TRIGGER IF NOT EXISTS {index}_insert AFTER INSERT ON {table}
    WHEN NOT EXISTS (SELECT 1 FROM {PAUSED} WHERE table_name = '{table}') BEGIN
    INSERT INTO {index}(rowid, source) VALUES (new.{key}, {new});
END""",
        f"""CREATE TRIGGER IF NOT EXISTS {index}_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {index}({index}, rowid, source) VALUES ('delete', old.{key}, {old});
END""",
        f"""CREATE TRIGGER IF NOT EXISTS {index}_update AFTER UPDATE OF source ON {table} BEGIN
    INSERT INTO {index}({index}, rowid, source) VALUES ('delete', old.{key}, {old});
    INSERT INTO {index}(rowid, source) VALUES (new.{key}, {new});
END""",
    )


#: (exact, blind) index names of the memory's units and of the project's segments
MEMORY_INDEXES = ("tm_units_words", "tm_units_bare")
SEGMENT_INDEXES = ("segments_words", "segments_bare")
#: the blind indexes of an earlier layout (đ kept as đ): dropped with their triggers where found
_OLD_BLIND = {"tm_units": "tm_units_blind", "segments": "segments_blind"}
MEMORY_CONCORDANCE = (
    _PAUSED_TABLE,
    *_fts_statements(MEMORY_INDEXES[0], "tm_units", "id", False),
    *_fts_statements(MEMORY_INDEXES[1], "tm_units", "id", True),
)
SEGMENT_CONCORDANCE = (
    _PAUSED_TABLE,
    *_fts_statements(SEGMENT_INDEXES[0], "segments", "id", False),
    *_fts_statements(SEGMENT_INDEXES[1], "segments", "id", True),
)

#: for the project file's schema (SCHEMA_V6): the four indexes, filled from what the file already holds
PROJECT_CONCORDANCE_SCHEMA = "".join(
    f"{statement};\n" for statement in (*MEMORY_CONCORDANCE, *SEGMENT_CONCORDANCE)
) + "".join(f"INSERT INTO {index}({index}) VALUES ('rebuild');\n" for index in (*MEMORY_INDEXES, *SEGMENT_INDEXES))

#: past this many spellings of an exact query (tone placements) it asks for its words in any order
_MAX_VARIANTS = 16


def has_index(db: sqlite3.Connection, index: str) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (index,)).fetchone()
    return found is not None


def ensure_memory_concordance(db: sqlite3.Connection) -> bool:
    """The memory's indexes, made and filled once from the units already there (a shared memory made
    before the concordance existed, or before its blind index read đ as d); True when made now."""
    return _ensure(db, {"tm_units": (MEMORY_INDEXES, MEMORY_CONCORDANCE)})


def ensure_project_concordance(db: sqlite3.Connection) -> bool:
    """The same for a project file opened for writing: its memory's and its segments' indexes (a file of
    this format made before them, or before the blind ones read đ as d); True when any was made now."""
    return _ensure(
        db, {"tm_units": (MEMORY_INDEXES, MEMORY_CONCORDANCE), "segments": (SEGMENT_INDEXES, SEGMENT_CONCORDANCE)}
    )


def _ensure(db: sqlite3.Connection, wanted: dict[str, tuple[tuple[str, str], tuple[str, ...]]]) -> bool:
    """Each table's indexes unless all are there, an old blind index and its triggers dropped first, filled
    from the rows already there; one transaction."""
    missing = {table: pair for table, pair in wanted.items() if not all(has_index(db, i) for i in pair[0])}
    if not missing:
        return False
    db.execute("BEGIN IMMEDIATE")
    try:
        for table, (indexes, statements) in missing.items():
            old = _OLD_BLIND[table]
            for trigger in ("insert", "delete", "update"):
                db.execute(f"DROP TRIGGER IF EXISTS {old}_{trigger}")
            db.execute(f"DROP TABLE IF EXISTS {old}")
            for statement in statements:
                db.execute(statement)
            for index in indexes:
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
    for index, content in zip(indexes, (table, f"{table}_as_d"), strict=True):  # exact, then blind (đ as d)
        db.execute(f"INSERT INTO {index}(rowid, source) SELECT id, source FROM {content} WHERE id > ?", (last,))


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _variants(word: str, diacritic_blind: bool) -> list[str]:
    """The spellings of `word` the index keeps apart: blind, the one with đ as d (the index reads đ as d);
    exact, both placements of a final oa, oe, uy syllable's tone (`word` comes with the new one)."""
    if diacritic_blind:
        return [word.replace("đ", "d").replace("Đ", "D")]
    return list(dict.fromkeys([word, old_tone_placement(word)]))


def match_expression(words: list[str], diacritic_blind: bool) -> tuple[str, bool]:
    """The FTS5 query for `words` (casefolded, NFC, the new tone placement; letters, marks and digits only,
    so nothing in them is FTS syntax) and whether it asks for the phrase (else: every word, in any order:
    an exact query of more than 16 spellings, the concordance checks the phrase after)."""
    per_word = [_variants(w, diacritic_blind) for w in words]
    combinations = 1
    for options in per_word:
        combinations *= len(options)
    if combinations <= _MAX_VARIANTS:
        phrases = [_quoted(" ".join(choice)) for choice in product(*per_word)]
        return " OR ".join(phrases), True
    return " AND ".join("(" + " OR ".join(_quoted(v) for v in options) + ")" for options in per_word), False
