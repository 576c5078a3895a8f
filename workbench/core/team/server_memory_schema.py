"""The team memory and glossary on the server: tables, the pair index's counts, and who may write what.

A unit is the local memory's unit (source, target language, target; unique on the matching key, the language
and the target, so a different translation is a second unit, never an overwrite) with the index the local
memory keeps beside it: `pairs`, the winnowed syllable pairs (memory_index.chosen_pairs) as 32-bit hashes,
computed by the desktop (PostgreSQL 15 has no crc32); a statement trigger files them as postings
(`wb.memory_pairs`, pair then unit, read by index-only scans) and counts the units holding each pair
(`wb.memory_pair_docs`). The server then finds the candidates the local memory
finds and the desktop scores them with the same function: the same matches, the same scores.

Roles, enforced here: every team member (wb_translator) reads the whole memory and glossary. A translator
adds units under its own login (author is the server's current_user) and may change only the origin of its
own unapproved units; an editor adds units already approved (approved_by = the editor) and approves anyone's;
nobody but an administrator deletes, and nobody changes a unit's source or target (a correction is a unit of
its own), so an approved unit cannot be overwritten by a translator. `changed` (the writing transaction's id)
lets a desktop pull what changed since its last pull without missing a transaction that committed late.
"""

from __future__ import annotations

from workbench.core.team.server_schema import SchemaPart

_MEMORY = """
CREATE TABLE wb.memory_units (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_language text NOT NULL DEFAULT 'vi',
    target_language text NOT NULL,
    source text NOT NULL CHECK (btrim(source) <> ''),
    source_key text NOT NULL CHECK (source_key <> ''),
    target text NOT NULL CHECK (btrim(target) <> ''),
    pairs integer[] NOT NULL CHECK (cardinality(pairs) BETWEEN 1 AND 10000),
    origin text NOT NULL DEFAULT '',
    author text NOT NULL DEFAULT current_user,
    approved_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    changed xid8 NOT NULL DEFAULT pg_current_xact_id()
);
-- md5: a long paragraph's key or target would pass a b-tree entry's limit
CREATE UNIQUE INDEX memory_units_identity ON wb.memory_units (md5(source_key), target_language, md5(target));
CREATE INDEX memory_units_key ON wb.memory_units USING hash (source_key);
CREATE INDEX memory_units_changed ON wb.memory_units (changed);

CREATE TABLE wb.memory_pair_docs (
    pair integer PRIMARY KEY,
    docs bigint NOT NULL
);
-- the postings: read by index-only scans (a GIN index of `pairs` made every lookup visit each unit's row).
-- No foreign key: its check per posting tripled a large load; a unit an administrator deletes leaves
-- postings that find nothing (the candidates are read from memory_units).
CREATE TABLE wb.memory_pairs (
    pair integer NOT NULL,
    unit_id bigint NOT NULL,
    PRIMARY KEY (pair, unit_id)
);

CREATE FUNCTION wb.count_memory_pairs() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    -- in pair order: two pushes at once lock the counts in the same order (no deadlock)
    INSERT INTO wb.memory_pairs (pair, unit_id)
        SELECT p, added.id FROM added, unnest(added.pairs) AS p ORDER BY p, added.id;
    INSERT INTO wb.memory_pair_docs AS d (pair, docs)
        SELECT p, count(*) FROM added, unnest(added.pairs) AS p GROUP BY p ORDER BY p
        ON CONFLICT (pair) DO UPDATE SET docs = d.docs + excluded.docs;
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION wb.count_memory_pairs() FROM PUBLIC;
CREATE TRIGGER memory_units_counted AFTER INSERT ON wb.memory_units
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION wb.count_memory_pairs();

CREATE FUNCTION wb.memory_unit_changes() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.source_key <> OLD.source_key OR NEW.target <> OLD.target OR NEW.source <> OLD.source
       OR NEW.pairs <> OLD.pairs OR NEW.author <> OLD.author THEN
        RAISE EXCEPTION 'a team memory unit keeps its source, target and author (add a unit instead)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.updated_at := now();
    NEW.changed := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER memory_units_stamped BEFORE UPDATE ON wb.memory_units
    FOR EACH ROW EXECUTE FUNCTION wb.memory_unit_changes();

CREATE FUNCTION wb.is_team_editor() RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_has_role(current_user, 'wb_editor', 'MEMBER') $$;

ALTER TABLE wb.memory_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.memory_units FORCE ROW LEVEL SECURITY;
CREATE POLICY memory_admin ON wb.memory_units FOR ALL USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY memory_read ON wb.memory_units FOR SELECT TO wb_translator USING (true);
CREATE POLICY memory_add ON wb.memory_units FOR INSERT TO wb_translator WITH CHECK (
    author = current_user
    AND (approved_by IS NULL OR (approved_by = current_user AND wb.is_team_editor())));
CREATE POLICY memory_own ON wb.memory_units FOR UPDATE TO wb_translator
    USING (author = current_user AND approved_by IS NULL)
    WITH CHECK (author = current_user AND approved_by IS NULL);
CREATE POLICY memory_approve ON wb.memory_units FOR UPDATE TO wb_editor
    USING (true) WITH CHECK (approved_by IS NULL OR approved_by = current_user);

ALTER TABLE wb.memory_pair_docs ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.memory_pair_docs FORCE ROW LEVEL SECURITY;
CREATE POLICY pair_docs_admin ON wb.memory_pair_docs FOR ALL
    USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY pair_docs_read ON wb.memory_pair_docs FOR SELECT TO wb_translator USING (true);
ALTER TABLE wb.memory_pairs ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.memory_pairs FORCE ROW LEVEL SECURITY;
CREATE POLICY pairs_admin ON wb.memory_pairs FOR ALL
    USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY pairs_read ON wb.memory_pairs FOR SELECT TO wb_translator USING (true);

GRANT EXECUTE ON FUNCTION wb.is_team_editor() TO wb_translator;
GRANT SELECT ON wb.memory_units, wb.memory_pair_docs, wb.memory_pairs TO wb_translator;
GRANT INSERT (source_language, target_language, source, source_key, target, pairs, origin)
    ON wb.memory_units TO wb_translator;
GRANT UPDATE (origin) ON wb.memory_units TO wb_translator;
GRANT INSERT (approved_by), UPDATE (approved_by) ON wb.memory_units TO wb_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON wb.memory_units, wb.memory_pair_docs, wb.memory_pairs TO wb_admin;
"""

#: the team glossary: a term and its translation per target language; an editor's approved term is kept
_GLOSSARY = """
CREATE TABLE wb.glossary_terms (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_language text NOT NULL DEFAULT 'vi',
    target_language text NOT NULL,
    term text NOT NULL CHECK (btrim(term) <> ''),
    term_key text NOT NULL CHECK (term_key <> ''),
    translation text NOT NULL CHECK (btrim(translation) <> ''),
    note text NOT NULL DEFAULT '',
    author text NOT NULL DEFAULT current_user,
    approved_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    changed xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE UNIQUE INDEX glossary_terms_identity ON wb.glossary_terms (term_key, target_language, md5(translation));
CREATE INDEX glossary_terms_changed ON wb.glossary_terms (changed);
ALTER TABLE wb.glossary_terms ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.glossary_terms FORCE ROW LEVEL SECURITY;
CREATE POLICY glossary_admin ON wb.glossary_terms FOR ALL
    USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY glossary_read ON wb.glossary_terms FOR SELECT TO wb_translator USING (true);
CREATE POLICY glossary_add ON wb.glossary_terms FOR INSERT TO wb_translator WITH CHECK (
    author = current_user
    AND (approved_by IS NULL OR (approved_by = current_user AND wb.is_team_editor())));
CREATE POLICY glossary_approve ON wb.glossary_terms FOR UPDATE TO wb_editor
    USING (true) WITH CHECK (approved_by IS NULL OR approved_by = current_user);
GRANT SELECT ON wb.glossary_terms TO wb_translator;
GRANT INSERT (source_language, target_language, term, term_key, translation, note) ON wb.glossary_terms TO wb_translator;
GRANT INSERT (approved_by), UPDATE (approved_by, note) ON wb.glossary_terms TO wb_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON wb.glossary_terms TO wb_admin;
"""

PARTS = (SchemaPart("team-memory", _MEMORY), SchemaPart("team-glossary", _GLOSSARY))
