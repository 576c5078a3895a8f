"""The project file's schema and its forward migrations, numbered by `PRAGMA user_version`.

A later issue adds its tables by appending a migration here; a file from a newer workbench is refused
rather than damaged.
"""

from __future__ import annotations

from workbench.core.memory.concordance_index import PROJECT_CONCORDANCE_SCHEMA
from workbench.core.memory.translation_memory import MEMORY_SCHEMA

STATUSES = "'untranslated', 'draft', 'translated', 'approved', 'needs-work'"

SCHEMA_V1 = f"""
CREATE TABLE project (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    encoding TEXT NOT NULL,
    source_path TEXT NOT NULL,
    properties TEXT NOT NULL DEFAULT '{{}}',
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
-- The structure to rebuild a document on export: paragraphs, headings, list items, table cells, PO entries.
CREATE TABLE paragraphs (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    level INTEGER NOT NULL DEFAULT 0,
    meta TEXT NOT NULL DEFAULT '{{}}',
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;
-- position is NULL for a segment that a re-import removed: it stays, with its translations, as history.
CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER,
    paragraph INTEGER NOT NULL,
    source TEXT NOT NULL,
    words INTEGER NOT NULL DEFAULT 0,
    space_after TEXT NOT NULL DEFAULT '',
    translatable INTEGER NOT NULL DEFAULT 1,
    translatable_by_user INTEGER NOT NULL DEFAULT 0,
    skip_reason TEXT NOT NULL DEFAULT '',
    spans TEXT NOT NULL DEFAULT '[]',
    context_key TEXT NOT NULL DEFAULT '',
    meta TEXT NOT NULL DEFAULT '{{}}',
    created_at TEXT NOT NULL,
    removed_at TEXT
);
CREATE INDEX segments_order ON segments(document_id, position);
-- A segment with no row for a language is untranslated in it.
CREATE TABLE translations (
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'untranslated' CHECK (status IN ({STATUSES})),
    origin TEXT NOT NULL DEFAULT '',
    origin_detail TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    score REAL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (segment_id, language)
) WITHOUT ROWID;
CREATE INDEX translations_status ON translations(language, status);
-- Every change of a translation, never updated: the history panel and the post-editing report read it.
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({STATUSES})),
    origin TEXT NOT NULL,
    origin_detail TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    score REAL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX revisions_segment ON revisions(segment_id, language, id);
CREATE TRIGGER revisions_append_only BEFORE UPDATE ON revisions
BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;
"""

# Machine translation: drafts cached by (model, options, target language, source text), so re-running
# a pre-translation costs nothing; and flags on a translation (e.g. a protected span the model lost).
SCHEMA_V2 = """
CREATE TABLE mt_cache (
    model TEXT NOT NULL,
    options TEXT NOT NULL,
    language TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    score REAL,
    flags TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (model, options, language, source)
) WITHOUT ROWID;
ALTER TABLE translations ADD COLUMN flags TEXT NOT NULL DEFAULT '';
"""

# The editing window: text typed but not yet confirmed (saved every few seconds, offered back after a
# crash), and one comment per segment and language for the translator's or editor's notes.
SCHEMA_V3 = """
CREATE TABLE unconfirmed_edits (
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    saved_at TEXT NOT NULL,
    PRIMARY KEY (segment_id, language)
) WITHOUT ROWID;
CREATE TABLE comments (
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (segment_id, language)
) WITHOUT ROWID;
"""

# Translation memory (the project's translated and approved segments, the tables of
# translation_memory.MEMORY_SCHEMA), the glossary, and quality-check findings a person chose to ignore.
SCHEMA_V4 = (
    MEMORY_SCHEMA
    + """
CREATE TABLE glossary_terms (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    source_key TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (source_key)
);
CREATE TABLE glossary_targets (
    term_id INTEGER NOT NULL REFERENCES glossary_terms(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    forbidden TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (term_id, language)
) WITHOUT ROWID;
CREATE TABLE qa_ignored (
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    check_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (segment_id, language, check_id)
) WITHOUT ROWID;
"""
)

# Drafts an editor can trust: what is known about each machine draft (its quality estimate and band, the
# signals behind it, the glossary terms enforced and edit rules applied, its back-translation into the
# source language), the back-translation cache, glossary terms kept as they are (names, "do not
# translate"), and the project's edit rules (regular expressions applied before and after MT, in order).
SCHEMA_V5 = """
ALTER TABLE mt_cache ADD COLUMN meta TEXT NOT NULL DEFAULT '{}';
CREATE TABLE draft_notes (
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    -- the machine draft these notes are about: the cell may have been edited since
    draft TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    -- JSON: {"signals": {...}, "terms": [...], "rules": [...]}
    meta TEXT NOT NULL DEFAULT '{}',
    quality REAL,
    band TEXT NOT NULL DEFAULT '',
    back_translation TEXT,
    back_model TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (segment_id, language)
) WITHOUT ROWID;
CREATE INDEX draft_notes_band ON draft_notes(language, band);
CREATE TABLE back_translations (
    model TEXT NOT NULL,
    options TEXT NOT NULL,
    -- the draft's language; the back-translation is in the project's source language
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    back TEXT NOT NULL,
    score REAL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (model, options, language, text)
) WITHOUT ROWID;
ALTER TABLE glossary_terms ADD COLUMN fixed INTEGER NOT NULL DEFAULT 0;
CREATE TABLE edit_rules (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('source', 'target')),
    -- '' for a source rule; the target language of a target rule
    language TEXT NOT NULL DEFAULT '',
    pattern TEXT NOT NULL,
    replacement TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
"""

# The translator's everyday tools: the project's own spelling dictionary (words a person added, per target
# language; the user's dictionary is a file beside the settings), kept in and exported with the project;
# and the concordance's word indexes of the project memory and the segments (concordance_index), filled
# from what the file holds and kept by triggers.
SCHEMA_V6 = (
    """
CREATE TABLE spelling_words (
    language TEXT NOT NULL,
    word TEXT NOT NULL,
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    PRIMARY KEY (language, word)
) WITHOUT ROWID;
"""
    + PROJECT_CONCORDANCE_SCHEMA
)

# A project shared on a team server (core/team/project_sync): the link (server, project, this desktop's client
# id, the push and pull cursors, when it last synced or failed), the server seq each segment and language was
# last synced from, which local revisions are copies of the server's (never pushed back), the open conflicts
# and the document assignments as last pulled. A linked project's structure is the team's: the triggers refuse
# new, removed or moved segments and documents (split, join, import, re-import) while the link exists.
SCHEMA_V7 = """
CREATE TABLE team_link (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server TEXT NOT NULL,
    project_id INTEGER NOT NULL,
    project_name TEXT NOT NULL,
    client_id TEXT NOT NULL,
    login TEXT NOT NULL DEFAULT '',
    pushed_revision INTEGER NOT NULL DEFAULT 0,
    pulled_seq INTEGER NOT NULL DEFAULT 0,
    last_sync_at TEXT NOT NULL DEFAULT '',
    offline_since TEXT NOT NULL DEFAULT '',
    last_problem TEXT NOT NULL DEFAULT ''
);
CREATE TABLE team_synced (
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    server_seq INTEGER NOT NULL,
    PRIMARY KEY (segment_id, language)
) WITHOUT ROWID;
CREATE TABLE team_pulled (
    revision_id INTEGER PRIMARY KEY REFERENCES revisions(id) ON DELETE CASCADE,
    server_seq INTEGER NOT NULL
);
CREATE TABLE team_conflicts (
    id INTEGER PRIMARY KEY,
    segment_id INTEGER,
    segment_key TEXT NOT NULL,
    language TEXT NOT NULL,
    kept_text TEXT NOT NULL, kept_status TEXT NOT NULL, kept_author TEXT NOT NULL, kept_at TEXT NOT NULL,
    other_text TEXT NOT NULL, other_status TEXT NOT NULL, other_author TEXT NOT NULL, other_at TEXT NOT NULL,
    other_is_mine INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE team_assignments (
    document TEXT PRIMARY KEY,
    login TEXT NOT NULL DEFAULT '',
    assigned_by TEXT NOT NULL DEFAULT '',
    assigned_at TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TRIGGER team_segments_added BEFORE INSERT ON segments WHEN EXISTS (SELECT 1 FROM team_link)
BEGIN
    SELECT RAISE(ABORT, 'team project: its documents and segments are the team''s; new segments cannot be made here');
END;
CREATE TRIGGER team_segments_moved BEFORE UPDATE OF position, source, document_id ON segments
    WHEN EXISTS (SELECT 1 FROM team_link)
BEGIN
    SELECT RAISE(ABORT, 'team project: its documents and segments are the team''s; segments cannot be moved or changed here');
END;
CREATE TRIGGER team_segments_removed BEFORE DELETE ON segments WHEN EXISTS (SELECT 1 FROM team_link)
BEGIN
    SELECT RAISE(ABORT, 'team project: its documents and segments are the team''s; segments cannot be removed here');
END;
CREATE TRIGGER team_documents_added BEFORE INSERT ON documents WHEN EXISTS (SELECT 1 FROM team_link)
BEGIN
    SELECT RAISE(ABORT, 'team project: its documents and segments are the team''s; documents cannot be added here');
END;
CREATE TRIGGER team_documents_removed BEFORE DELETE ON documents WHEN EXISTS (SELECT 1 FROM team_link)
BEGIN
    SELECT RAISE(ABORT, 'team project: its documents and segments are the team''s; documents cannot be removed here');
END;
"""

#: MIGRATIONS[n] takes a file from user_version n to n + 1.
MIGRATIONS: list[str] = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7]
LATEST_VERSION = len(MIGRATIONS)
