"""`team init` and `team add-user`: the administrator's setup of the team server.

`initialise` makes the group roles (cluster-wide, so made only where missing) and applies, in one
transaction, every schema part the server has not recorded yet: running it twice changes nothing.
`add_user` makes a login in a group role and, if asked, a member of a project. Names reach SQL only as
psycopg.sql.Identifier or as parameters, never by string formatting.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from workbench.core.errors import TeamServerError
from workbench.core.team.schema_registry import SCHEMA_PARTS
from workbench.core.team.server_connection import server_faults
from workbench.core.team.server_schema import (
    ADMIN_ROLE,
    EDITOR_ROLE,
    GROUP_ROLES,
    MEMBER_ROLES,
    TRANSLATOR_ROLE,
    SchemaPart,
)

#: one team init at a time on a server (pg_advisory_xact_lock's key: "wb" "init")
_INIT_LOCK = 0x77620001
#: PostgreSQL's limit on a name is 63 bytes; a login is also a user's name in the window
_MAX_NAME = 63


@dataclass(frozen=True, slots=True)
class InitReport:
    roles_made: list[str]
    parts_applied: list[str]
    parts_present: list[str]


def initialise(conn: psycopg.Connection[Any], server: str, parts: tuple[SchemaPart, ...] = SCHEMA_PARTS) -> InitReport:
    """Make the group roles and apply the missing schema parts; refuses a login that may not make roles."""
    with server_faults(server, "checking the login"):
        row = conn.execute(
            "SELECT rolsuper, rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = current_user"
        ).fetchone()
    if row is None or not (row[0] or row[1]):
        raise TeamServerError(
            server,
            "team init needs a login allowed to create roles (a superuser, or one given CREATEROLE: "
            "ALTER ROLE name CREATEROLE) and to create a schema in the database",
        )
    made: list[str] = []
    applied: list[str] = []
    with server_faults(server, "creating the roles and the schema"), conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_INIT_LOCK,))
        for role, member_of in GROUP_ROLES.items():
            if not _role_exists(conn, role) and _create_group(conn, role):
                made.append(role)
            for group in member_of:
                if not _is_member(conn, role, group):
                    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role)))
        if not row[0] and not _is_member(conn, "current_user", ADMIN_ROLE):
            # the schema's owner runs the SECURITY DEFINER triggers; as an admin the policies let it write
            conn.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(ADMIN_ROLE)))
        conn.execute("CREATE SCHEMA IF NOT EXISTS wb")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS wb.schema_parts ("
            " name text PRIMARY KEY, applied_by text NOT NULL DEFAULT current_user,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        present = {name for (name,) in conn.execute("SELECT name FROM wb.schema_parts").fetchall()}
        for part in parts:
            if part.name in present:
                continue
            conn.execute(part.sql.encode())
            conn.execute("INSERT INTO wb.schema_parts (name) VALUES (%s)", (part.name,))
            applied.append(part.name)
    return InitReport(made, applied, sorted(present))


def _create_group(conn: psycopg.Connection[Any], role: str) -> bool:
    """CREATE ROLE in a savepoint: roles are the whole server's, and the advisory lock is one database's, so a
    `team init` of another database may make the same group at the same moment (then it is there: fine)."""
    try:
        with conn.transaction():
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
        return False
    return True


def _role_exists(conn: psycopg.Connection[Any], role: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (role,)).fetchone() is not None


def _is_member(conn: psycopg.Connection[Any], role: str, group: str) -> bool:
    if role == "current_user":
        found = conn.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", (group,)).fetchone()
    else:
        found = conn.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", (role, group)).fetchone()
    return bool(found and found[0])


@dataclass(frozen=True, slots=True)
class NewUser:
    login: str
    role: str
    password: str  # generated for a new login given none: shown once, to hand to the person; "" if unchanged
    generated: bool
    created: bool  # False: the login existed; its group and membership were set
    project: str | None


def check_login_name(server: str, name: str) -> str:
    """A login name a person can type: letters, digits, '_', '.', '-', at most 63 bytes, not a group's."""
    clean = name.strip()
    if not clean or len(clean.encode()) > _MAX_NAME or not all(c.isalnum() or c in "_.-" for c in clean):
        raise TeamServerError(server, f"{name!r} is not a login name (letters, digits, _ . - ; up to 63 bytes)")
    if clean.startswith(("pg_", "wb_")):
        raise TeamServerError(server, f"{name!r}: names starting pg_ or wb_ are the server's own roles")
    return clean


def add_user(
    conn: psycopg.Connection[Any],
    server: str,
    name: str,
    role: str,
    *,
    password: str | None = None,
    project: str | None = None,
) -> NewUser:
    """Make (or update) login `name` in the group of `role`, a member of `project` when given."""
    login = check_login_name(server, name)
    if role not in MEMBER_ROLES:
        raise TeamServerError(server, f"{role!r} is not a role: translator or editor")
    if password is not None and not password:
        raise TeamServerError(server, f"an empty password for {login}: give one, or none to have one made")
    group = MEMBER_ROLES[role]
    generated = False
    with server_faults(server, f"adding the login {login}"), conn.transaction():
        existing = conn.execute(
            "SELECT rolsuper OR rolcreaterole OR pg_has_role(oid, %s, 'MEMBER'), pg_has_role(oid, %s, 'MEMBER')"
            " FROM pg_catalog.pg_roles WHERE rolname = %s",
            (ADMIN_ROLE, TRANSLATOR_ROLE, login),
        ).fetchone()
        created = existing is None
        if existing is not None and (existing[0] or not existing[1]):
            # never a new password or group for the server's administrators or a login of something else
            raise TeamServerError(server, f"the login {login} exists and is not a team login; choose another name")
        if created or password is not None:
            generated = password is None
            secret = password if password is not None else secrets.token_urlsafe(12)
            # hashed here (SCRAM, libpq's PQencryptPasswordConn): the password itself never reaches the server's log
            verifier = conn.pgconn.encrypt_password(secret.encode(), login.encode()).decode()
            statement = "CREATE ROLE {} LOGIN PASSWORD {}" if created else "ALTER ROLE {} LOGIN PASSWORD {}"
            conn.execute(sql.SQL(statement).format(sql.Identifier(login), sql.Literal(verifier)))
        else:
            secret = ""  # an existing login keeps its password unless a new one is given
            # one taken off the team (remove-user) may log in again
            conn.execute(sql.SQL("ALTER ROLE {} LOGIN").format(sql.Identifier(login)))
        if role == "translator" and _is_member(conn, login, EDITOR_ROLE):  # an editor made a translator again
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(EDITOR_ROLE), sql.Identifier(login)))
        if not _is_member(conn, login, group):
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(login)))
        if project is not None:
            found = conn.execute("SELECT id FROM wb.projects WHERE name = %s", (project,)).fetchone()
            if found is None:
                raise TeamServerError(server, f"there is no project {project!r} on the server (team publish makes one)")
            conn.execute(
                "INSERT INTO wb.project_members (project_id, login, role) VALUES (%s, %s, %s)"
                " ON CONFLICT (project_id, login) DO UPDATE SET role = EXCLUDED.role",
                (found[0], login, role),
            )
    return NewUser(login, role, secret, generated, created, project)


def remove_user(conn: psycopg.Connection[Any], server: str, name: str, project: str | None = None) -> int:
    """Take `name` off `project`, or, without one, off every project and unable to log in (NOLOGIN).

    The login is kept, not dropped: its revisions name it as their author. Returns the memberships removed."""
    login = check_login_name(server, name)
    with server_faults(server, f"removing the login {login}"), conn.transaction():
        found = conn.execute(
            "SELECT rolsuper OR rolcreaterole OR pg_has_role(oid, %s, 'MEMBER'), pg_has_role(oid, %s, 'MEMBER')"
            " FROM pg_catalog.pg_roles WHERE rolname = %s",
            (ADMIN_ROLE, TRANSLATOR_ROLE, login),
        ).fetchone()
        if found is None or found[0] or not found[1]:
            raise TeamServerError(server, f"{login} is not a team login")
        if project is not None:
            removed = conn.execute(
                "DELETE FROM wb.project_members m USING wb.projects p"
                " WHERE m.project_id = p.id AND p.name = %s AND m.login = %s",
                (project, login),
            ).rowcount
            if not removed:
                raise TeamServerError(server, f"{login} is not a member of a project {project!r}")
            return removed
        removed = conn.execute("DELETE FROM wb.project_members WHERE login = %s", (login,)).rowcount
        conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(login)))
        # a session already open keeps its rights until it ends: end it
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE usename = %s", (login,))
        return removed
