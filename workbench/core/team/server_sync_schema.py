"""The project sync's part of the team server: structure snapshots, and the conflict rule for new revisions.

`team publish` keeps the project's structure on the server as one snapshot (wb.project_snapshots: the
project file itself with its translations taken out, see project_publish), and its texts as revisions.

wb.revision_becomes_current() is replaced here by the merge rule. A revision is based on the server seq the
desktop last synced that segment and language from (`base_seq`). It becomes the current text when it is based
on the current one (or the current one came from the same desktop: its own history is linear). Otherwise two
desktops changed the segment since their last sync: a conflict is queued (wb.conflicts, kept_seq the text that
stays current, other_seq the one that did not), and neither text is lost. Approved text wins: a later
non-approved text of a translator over an approved one is queued, never made current, even when it was based
on it; an approved text that arrives late over a non-approved one becomes current, and the other is queued.
The same text twice is no conflict.

The row-level security still refuses a translator's INSERT over an approved text; wb.propose_over_approved()
is the one way a translator's text over an approved one reaches the server: kept as a revision (author: the
login), never current, queued for the editor. Every writer of revisions takes wb.lock_project_texts() first,
so the seqs of one project commit in order and a pull cursor (the highest seq seen) never passes a seq that
commits later.
"""

from __future__ import annotations

from workbench.core.team.server_schema import SchemaPart

_SYNC = """
CREATE TABLE wb.project_snapshots (
    project_id bigint PRIMARY KEY REFERENCES wb.projects(id) ON DELETE CASCADE,
    snapshot bytea NOT NULL,
    format_version integer NOT NULL,
    published_by text NOT NULL DEFAULT current_user,
    published_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE wb.project_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.project_snapshots FORCE ROW LEVEL SECURITY;
CREATE POLICY snapshots_admin ON wb.project_snapshots FOR ALL USING ((SELECT wb.is_admin()))
    WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY snapshots_members_read ON wb.project_snapshots FOR SELECT
    USING (project_id IN (SELECT wb.my_projects()));
CREATE POLICY snapshots_editors_publish ON wb.project_snapshots FOR INSERT
    WITH CHECK (wb.is_editor(project_id) AND published_by = current_user);
GRANT SELECT ON wb.project_snapshots TO wb_translator;
GRANT INSERT (project_id, snapshot, format_version) ON wb.project_snapshots TO wb_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON wb.project_snapshots TO wb_admin;

-- One writer of a project's revisions at a time (push, resolve, publish): seqs commit in their order.
CREATE FUNCTION wb.lock_project_texts(project bigint) RETURNS void LANGUAGE sql VOLATILE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_advisory_xact_lock(1919, project::integer) $$;
GRANT EXECUTE ON FUNCTION wb.lock_project_texts(bigint) TO wb_translator;

CREATE FUNCTION wb.writes_over_approved(project bigint, login text) RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_has_role($2, 'wb_admin', 'MEMBER') OR EXISTS (
              SELECT 1 FROM wb.project_members m WHERE m.project_id = $1 AND m.login = $2 AND m.role = 'editor') $$;
REVOKE EXECUTE ON FUNCTION wb.writes_over_approved(bigint, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION wb.revision_becomes_current() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    DECLARE
        cur record;
        stale boolean;
        over_approved boolean;
    BEGIN
        SELECT c.seq, c.text, c.status, r.client_id INTO cur
            FROM wb.current_texts c JOIN wb.revisions r ON r.seq = c.seq
            WHERE c.project_id = NEW.project_id AND c.segment_key = NEW.segment_key AND c.language = NEW.language
            FOR UPDATE OF c;
        IF NOT FOUND THEN
            INSERT INTO wb.current_texts (project_id, segment_key, language, seq, text, status, author, updated_at)
            VALUES (NEW.project_id, NEW.segment_key, NEW.language, NEW.seq, NEW.text, NEW.status, NEW.author,
                    NEW.created_at);
            RETURN NULL;
        END IF;
        IF cur.seq > NEW.seq THEN  -- an admin's replay of old history: never over a newer text
            RETURN NULL;
        END IF;
        stale := NEW.base_seq IS DISTINCT FROM cur.seq AND cur.client_id <> NEW.client_id;
        over_approved := cur.status = 'approved' AND NEW.status <> 'approved'
            AND NOT wb.writes_over_approved(NEW.project_id, NEW.author);
        IF NEW.text = cur.text AND (over_approved OR (stale AND cur.status = 'approved')) THEN
            RETURN NULL;  -- the approved text again: nothing to decide
        ELSIF NEW.text <> cur.text AND (stale OR over_approved) THEN
            IF NEW.status = 'approved' AND cur.status <> 'approved' THEN  -- approved text wins
                UPDATE wb.current_texts SET seq = NEW.seq, text = NEW.text, status = NEW.status,
                       author = NEW.author, updated_at = NEW.created_at
                 WHERE project_id = NEW.project_id AND segment_key = NEW.segment_key AND language = NEW.language;
                INSERT INTO wb.conflicts (project_id, segment_key, language, kept_seq, other_seq)
                VALUES (NEW.project_id, NEW.segment_key, NEW.language, NEW.seq, cur.seq) ON CONFLICT DO NOTHING;
            ELSE
                INSERT INTO wb.conflicts (project_id, segment_key, language, kept_seq, other_seq)
                VALUES (NEW.project_id, NEW.segment_key, NEW.language, cur.seq, NEW.seq) ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END IF;
        UPDATE wb.current_texts SET seq = NEW.seq, text = NEW.text, status = NEW.status, author = NEW.author,
               updated_at = NEW.created_at
         WHERE project_id = NEW.project_id AND segment_key = NEW.segment_key AND language = NEW.language;
        RETURN NULL;
    END $$;
REVOKE EXECUTE ON FUNCTION wb.revision_becomes_current() FROM PUBLIC;

-- A translator's text over an approved one: kept as the login's revision and queued for an editor, never
-- current. Idempotent like a push (the same client revision twice is one revision). Returns its seq.
CREATE FUNCTION wb.propose_over_approved(project bigint, segment text, lang text, new_text text, new_status text,
                                         new_origin text, new_detail text, client text, client_revision bigint,
                                         base bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    DECLARE
        found_seq bigint;
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM wb.project_members m WHERE m.project_id = project
                       AND m.login = session_user) THEN
            RAISE EXCEPTION 'not a member of project %', project USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF new_status NOT IN ('untranslated', 'draft', 'translated') THEN
            RAISE EXCEPTION 'a translator proposes drafts and translations only' USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT seq INTO found_seq FROM wb.revisions WHERE client_id = client AND client_revision_id = client_revision;
        IF FOUND THEN
            RETURN found_seq;
        END IF;
        INSERT INTO wb.revisions (project_id, segment_key, language, text, status, origin, origin_detail, author,
                                  client_id, client_revision_id, base_seq)
        VALUES (project, segment, lang, new_text, new_status, new_origin, new_detail, session_user, client,
                client_revision, base)
        RETURNING seq INTO found_seq;
        RETURN found_seq;
    END $$;
REVOKE EXECUTE ON FUNCTION wb.propose_over_approved(bigint, text, text, text, text, text, text, text, bigint, bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wb.propose_over_approved(bigint, text, text, text, text, text, text, text, bigint, bigint)
    TO wb_translator;
"""

PARTS: tuple[SchemaPart, ...] = (SchemaPart("project-sync", _SYNC),)
