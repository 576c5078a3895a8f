"""The word index the concordance searches: FTS5 over the memory's sources and the project's segments.

Vietnamese writes one syllable per word, so a word index answers a query of any length (a one-letter
word "à" included, which a trigram index cannot), and phrase queries keep the words in order. The
index is diacritic-blind (unicode61 `remove_diacritics 2`, which also folds the two-mark letters ệ, ữ);
a diacritic-sensitive search reads its candidates and keeps those whose words match exactly
(concordance.py). unicode61 keeps đ as it is (it has no decomposition), so a blind query asks for
both d and đ. The tables are external-content: they store no copy of the texts, and triggers keep them
in step with every writer of `tm_units` and `segments` (imports, TMX, split and join) without any of
them knowing of the index.
"""

from __future__ import annotations

import sqlite3
from itertools import product

#: the tokenizer of both indexes; categories as concordance's word pattern ([\p{L}\p{M}\p{N}]+)
_TOKENIZE = "unicode61 remove_diacritics 2 categories 'L* N* M*'"


def _fts_statements(index: str, table: str, key: str) -> tuple[str, ...]:
    """An external-content FTS5 index of `table`.source (rowid `key`) and the triggers that keep it."""
    return (
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5(source, content='{table}',
    content_rowid='{key}', tokenize="{_TOKENIZE}", columnsize=0)""",
        f"""CREATE TRIGGER IF NOT EXISTS {index}_insert AFTER INSERT ON {table} BEGIN
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


MEMORY_INDEX = "tm_units_fts"
SEGMENT_INDEX = "segments_fts"
MEMORY_CONCORDANCE = _fts_statements(MEMORY_INDEX, "tm_units", "id")
SEGMENT_CONCORDANCE = _fts_statements(SEGMENT_INDEX, "segments", "id")

#: for the project file's schema (SCHEMA_V6): both indexes, filled from what the file already holds
PROJECT_CONCORDANCE_SCHEMA = "".join(f"{statement};\n" for statement in (*MEMORY_CONCORDANCE, *SEGMENT_CONCORDANCE)) + (
    f"INSERT INTO {MEMORY_INDEX}({MEMORY_INDEX}) VALUES ('rebuild');\n"
    f"INSERT INTO {SEGMENT_INDEX}({SEGMENT_INDEX}) VALUES ('rebuild');\n"
)

#: past this many d/đ variants a blind query asks for its words in any order and the phrase is checked after
_MAX_VARIANTS = 16


def has_index(db: sqlite3.Connection, index: str) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (index,)).fetchone()
    return found is not None


def ensure_memory_concordance(db: sqlite3.Connection) -> bool:
    """The memory's index, made and filled once from the units already there (a shared memory made before
    the concordance existed), in one transaction; True when it was made now."""
    if has_index(db, MEMORY_INDEX):
        return False
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in MEMORY_CONCORDANCE:
            db.execute(statement)
        db.execute(f"INSERT INTO {MEMORY_INDEX}({MEMORY_INDEX}) VALUES ('rebuild')")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return True


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _variants(word: str) -> list[str]:
    """`word` with each d or đ written either way (the index keeps them apart)."""
    options = [("d", "đ") if c in "dđ" else (c,) for c in word]
    return ["".join(choice) for choice in product(*options)][:_MAX_VARIANTS]


def match_expression(words: list[str], diacritic_blind: bool) -> tuple[str, bool]:
    """The FTS5 query for `words` (casefolded, NFC; letters, marks and digits only, so nothing in them is
    FTS syntax) and whether it asks for the exact phrase (else: every word, in any order)."""
    if not diacritic_blind:
        return _quoted(" ".join(words)), True
    per_word = [_variants(w) for w in words]
    combinations = 1
    for options in per_word:
        combinations *= len(options)
    if combinations <= _MAX_VARIANTS:
        phrases = [_quoted(" ".join(choice)) for choice in product(*per_word)]
        return " OR ".join(phrases), True
    return " AND ".join("(" + " OR ".join(_quoted(v) for v in options) + ")" for options in per_word), False
