"""The team server's schema `wb`: its group roles, and the parts `team init` applies in order.

A part is SQL run once, in one transaction, and recorded by name in `wb.schema_parts`; `team init` applies
the parts not yet recorded (schema_registry.SCHEMA_PARTS lists them in order), so the shared memory and the
sync each add their own tables and row-level security policies as a part of their own.

The server, not the desktop, enforces the roles. A login is a member of one group role (wb_translator, or
wb_editor which includes it; wb_admin for the administrator); the GRANTs below say which tables a group may
touch at all, and the row-level security policies (FORCE'd, so they bind the tables' owner too) say which rows:
a project's rows only to its members (wb.project_members), 'approved' revisions only from its editors, no
revision over an approved text but an editor's, and revisions are never updated (append-only history).
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA = "wb"
TRANSLATOR_ROLE = "wb_translator"
EDITOR_ROLE = "wb_editor"
ADMIN_ROLE = "wb_admin"
#: group role -> the groups it is a member of (and inherits from), made in this order
GROUP_ROLES: dict[str, tuple[str, ...]] = {
    TRANSLATOR_ROLE: (),
    EDITOR_ROLE: (TRANSLATOR_ROLE,),
    ADMIN_ROLE: (EDITOR_ROLE,),
}
#: a project member's role -> the group role a login with it belongs to
MEMBER_ROLES = {"translator": TRANSLATOR_ROLE, "editor": EDITOR_ROLE}
#: what a translator may write; an editor may also write the rest (approved, needs-work)
TRANSLATOR_STATUSES = ("untranslated", "draft", "translated")
STATUSES = (*TRANSLATOR_STATUSES, "approved", "needs-work")


@dataclass(frozen=True, slots=True)
class SchemaPart:
    """SQL applied once by `team init`, recorded in wb.schema_parts under `name` (never rename one)."""

    name: str
    sql: str  # several statements, no parameters; runs in the transaction that records it


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


#: Membership helpers every policy uses. Plain (invoker's) SQL functions: a login reads its own membership
#: rows, so no SECURITY DEFINER is needed and the policy on project_members never calls back into itself.
_MEMBERSHIP = """
CREATE TABLE wb.projects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    source_language text NOT NULL,
    target_languages text[] NOT NULL,
    created_by text NOT NULL DEFAULT current_user,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE wb.project_members (
    project_id bigint NOT NULL REFERENCES wb.projects(id) ON DELETE CASCADE,
    login text NOT NULL,
    role text NOT NULL CHECK (role IN ('translator', 'editor')),
    added_by text NOT NULL DEFAULT current_user,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, login)
);
CREATE INDEX project_members_login ON wb.project_members(login);

CREATE FUNCTION wb.is_admin() RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_has_role(current_user, 'wb_admin', 'MEMBER') $$;
CREATE FUNCTION wb.member_role(project bigint) RETURNS text LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT role FROM wb.project_members WHERE project_id = project AND login = current_user $$;
-- The projects the login is a member of, for the read policies: `project_id IN (SELECT wb.my_projects())` is
-- computed once per query (a hashed subplan), where a per-row function call costs ~6 us a row.
CREATE FUNCTION wb.my_projects() RETURNS SETOF bigint LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT project_id FROM wb.project_members WHERE login = current_user $$;
CREATE FUNCTION wb.is_editor(project bigint) RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT coalesce(wb.member_role(project) = 'editor', false) OR wb.is_admin() $$;

ALTER TABLE wb.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.projects FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_admin ON wb.projects FOR ALL USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY projects_members_read ON wb.projects FOR SELECT USING (id IN (SELECT wb.my_projects()));
-- An editor publishes a project (team publish) and is made its editor by the trigger below; a translator cannot.
CREATE POLICY projects_editors_publish ON wb.projects FOR INSERT TO wb_editor WITH CHECK (created_by = current_user);
CREATE POLICY projects_creator_read ON wb.projects FOR SELECT USING (created_by = current_user);
CREATE FUNCTION wb.creator_becomes_editor() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    BEGIN
        IF NOT pg_has_role(NEW.created_by, 'wb_admin', 'MEMBER') THEN
            INSERT INTO wb.project_members (project_id, login, role, added_by)
            VALUES (NEW.id, NEW.created_by, 'editor', NEW.created_by) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$;
REVOKE EXECUTE ON FUNCTION wb.creator_becomes_editor() FROM PUBLIC;
CREATE TRIGGER projects_creator AFTER INSERT ON wb.projects
    FOR EACH ROW EXECUTE FUNCTION wb.creator_becomes_editor();

ALTER TABLE wb.project_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.project_members FORCE ROW LEVEL SECURITY;
CREATE POLICY members_admin ON wb.project_members FOR ALL USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY members_own_rows ON wb.project_members FOR SELECT USING (login = current_user);

GRANT USAGE ON SCHEMA wb TO wb_translator;
GRANT EXECUTE ON FUNCTION wb.is_admin(), wb.member_role(bigint), wb.my_projects(), wb.is_editor(bigint)
    TO wb_translator;
GRANT SELECT ON wb.projects, wb.project_members TO wb_translator;
GRANT INSERT (name, source_language, target_languages) ON wb.projects TO wb_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON wb.projects, wb.project_members TO wb_admin;
REVOKE ALL ON SCHEMA wb FROM PUBLIC;
"""

#: Documents assigned to translators; the revisions (append-only), the current text per segment and language
#: the revisions keep, and the conflicts queued for an editor. The sync (issue 19's second part) writes these.
_PROJECT_TEXTS = f"""
CREATE TABLE wb.document_assignments (
    project_id bigint NOT NULL REFERENCES wb.projects(id) ON DELETE CASCADE,
    document text NOT NULL,
    login text,
    assigned_by text NOT NULL DEFAULT current_user,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, document)
);

CREATE TABLE wb.revisions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES wb.projects(id) ON DELETE CASCADE,
    segment_key text NOT NULL,
    language text NOT NULL,
    text text NOT NULL,
    status text NOT NULL CHECK (status IN ({_quoted(STATUSES)})),
    origin text NOT NULL DEFAULT '',
    origin_detail text NOT NULL DEFAULT '',
    author text NOT NULL DEFAULT current_user,
    client_id text NOT NULL,
    client_revision_id bigint NOT NULL,
    base_seq bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (client_id, client_revision_id)
);
CREATE INDEX revisions_project_seq ON wb.revisions(project_id, seq);
CREATE INDEX revisions_segment ON wb.revisions(project_id, segment_key, language, seq);

CREATE TABLE wb.current_texts (
    project_id bigint NOT NULL REFERENCES wb.projects(id) ON DELETE CASCADE,
    segment_key text NOT NULL,
    language text NOT NULL,
    seq bigint NOT NULL REFERENCES wb.revisions(seq),
    text text NOT NULL,
    status text NOT NULL,
    author text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (project_id, segment_key, language)
);

CREATE TABLE wb.conflicts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES wb.projects(id) ON DELETE CASCADE,
    segment_key text NOT NULL,
    language text NOT NULL,
    kept_seq bigint NOT NULL REFERENCES wb.revisions(seq),
    other_seq bigint NOT NULL REFERENCES wb.revisions(seq),
    created_at timestamptz NOT NULL DEFAULT now(),
    resolved_seq bigint REFERENCES wb.revisions(seq),
    resolved_by text,
    resolved_at timestamptz,
    UNIQUE (kept_seq, other_seq)
);
CREATE INDEX conflicts_open ON wb.conflicts(project_id) WHERE resolved_at IS NULL;

CREATE FUNCTION wb.is_approved(project bigint, segment text, lang text) RETURNS boolean LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM wb.current_texts c WHERE c.project_id = project
                         AND c.segment_key = segment AND c.language = lang AND c.status = 'approved') $$;

-- History is append-only for everyone, the owner included: a revision is never rewritten.
CREATE FUNCTION wb.refuse_revision_update() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$ BEGIN RAISE EXCEPTION 'revisions are append-only: revision % cannot be changed', OLD.seq
          USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER revisions_append_only BEFORE UPDATE ON wb.revisions
    FOR EACH ROW EXECUTE FUNCTION wb.refuse_revision_update();

-- The current text follows the newest revision. SECURITY DEFINER (as the schema's owner, an admin) because
-- no member may write wb.current_texts itself. The sync may replace this function with its conflict rules.
CREATE FUNCTION wb.revision_becomes_current() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    BEGIN
        INSERT INTO wb.current_texts AS c (project_id, segment_key, language, seq, text, status, author, updated_at)
        VALUES (NEW.project_id, NEW.segment_key, NEW.language, NEW.seq, NEW.text, NEW.status, NEW.author,
                NEW.created_at)
        ON CONFLICT (project_id, segment_key, language) DO UPDATE
            SET seq = EXCLUDED.seq, text = EXCLUDED.text, status = EXCLUDED.status, author = EXCLUDED.author,
                updated_at = EXCLUDED.updated_at
            WHERE c.seq < EXCLUDED.seq;
        RETURN NULL;
    END $$;
REVOKE EXECUTE ON FUNCTION wb.revision_becomes_current() FROM PUBLIC;
CREATE TRIGGER revisions_current AFTER INSERT ON wb.revisions
    FOR EACH ROW EXECUTE FUNCTION wb.revision_becomes_current();

ALTER TABLE wb.document_assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.document_assignments FORCE ROW LEVEL SECURITY;
CREATE POLICY assignments_read ON wb.document_assignments FOR SELECT
    USING (project_id IN (SELECT wb.my_projects()) OR (SELECT wb.is_admin()));
CREATE POLICY assignments_editors_add ON wb.document_assignments FOR INSERT WITH CHECK (wb.is_editor(project_id));
CREATE POLICY assignments_editors_change ON wb.document_assignments FOR UPDATE
    USING (wb.is_editor(project_id)) WITH CHECK (wb.is_editor(project_id));
CREATE POLICY assignments_editors_remove ON wb.document_assignments FOR DELETE USING (wb.is_editor(project_id));

ALTER TABLE wb.revisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.revisions FORCE ROW LEVEL SECURITY;
CREATE POLICY revisions_admin ON wb.revisions FOR ALL USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY revisions_members_read ON wb.revisions FOR SELECT USING (project_id IN (SELECT wb.my_projects()));
-- A member writes under its own login; a translator writes no approval and nothing over an approved text.
CREATE POLICY revisions_members_write ON wb.revisions FOR INSERT WITH CHECK (
    author = current_user
    AND wb.member_role(project_id) IS NOT NULL
    AND (wb.is_editor(project_id)
         OR (status IN ({_quoted(TRANSLATOR_STATUSES)})
             AND NOT wb.is_approved(project_id, segment_key, language)))
);

ALTER TABLE wb.current_texts ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.current_texts FORCE ROW LEVEL SECURITY;
CREATE POLICY current_admin ON wb.current_texts FOR ALL USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY current_members_read ON wb.current_texts FOR SELECT USING (project_id IN (SELECT wb.my_projects()));

ALTER TABLE wb.conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE wb.conflicts FORCE ROW LEVEL SECURITY;
CREATE POLICY conflicts_admin ON wb.conflicts FOR ALL USING ((SELECT wb.is_admin())) WITH CHECK ((SELECT wb.is_admin()));
CREATE POLICY conflicts_members_read ON wb.conflicts FOR SELECT USING (project_id IN (SELECT wb.my_projects()));
CREATE POLICY conflicts_members_queue ON wb.conflicts FOR INSERT
    WITH CHECK (wb.member_role(project_id) IS NOT NULL AND resolved_at IS NULL);
CREATE POLICY conflicts_editors_resolve ON wb.conflicts FOR UPDATE
    USING (wb.is_editor(project_id)) WITH CHECK (wb.is_editor(project_id) AND resolved_by = current_user);

GRANT EXECUTE ON FUNCTION wb.is_approved(bigint, text, text) TO wb_translator;
GRANT SELECT ON wb.document_assignments, wb.revisions, wb.current_texts, wb.conflicts TO wb_translator;
GRANT INSERT (project_id, segment_key, language, text, status, origin, origin_detail, client_id,
              client_revision_id, base_seq) ON wb.revisions TO wb_translator;
GRANT INSERT (project_id, segment_key, language, kept_seq, other_seq) ON wb.conflicts TO wb_translator;
GRANT INSERT, UPDATE, DELETE ON wb.document_assignments TO wb_editor;
GRANT UPDATE (resolved_seq, resolved_by, resolved_at) ON wb.conflicts TO wb_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON wb.document_assignments, wb.current_texts, wb.conflicts TO wb_admin;
GRANT SELECT, INSERT, DELETE ON wb.revisions TO wb_admin;
"""

#: The base parts, in order; schema_registry.SCHEMA_PARTS puts the memory's and the sync's after them.
PARTS: tuple[SchemaPart, ...] = (
    SchemaPart("projects-and-members", _MEMBERSHIP),
    SchemaPart("project-texts", _PROJECT_TEXTS),
)
