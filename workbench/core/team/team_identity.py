"""Who the desktop is on the team server: its login, its group role, its projects, whether TLS is on.

`team check` prints it, so a translator who has just typed `settings --team` sees at once that the address,
the saved password and the membership are right, and the window can show the same in its status bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from workbench.core.errors import TeamServerError
from workbench.core.team.server_connection import server_faults
from workbench.core.team.server_schema import ADMIN_ROLE, EDITOR_ROLE, TRANSLATOR_ROLE


@dataclass(frozen=True, slots=True)
class TeamIdentity:
    login: str
    group: str  # "administrator", "editor", "translator" or "none"
    projects: list[tuple[str, str]]  # (project name, the login's role in it)
    tls: bool


def who_am_i(conn: psycopg.Connection[Any], server: str) -> TeamIdentity:
    """The login's standing on the server; a server without `team init` is said as such."""
    with server_faults(server, "reading your login's projects"):
        login, ready = conn.execute("SELECT current_user, to_regclass('wb.projects') IS NOT NULL").fetchone() or (
            "",
            False,
        )
        if not ready:
            raise TeamServerError(server, "the team schema is not there: an administrator runs `team init` first")
        group = "none"
        for role, name in ((ADMIN_ROLE, "administrator"), (EDITOR_ROLE, "editor"), (TRANSLATOR_ROLE, "translator")):
            if (conn.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", (role,)).fetchone() or (False,))[0]:
                group = name
                break
        if group == "none":
            raise TeamServerError(server, f"the login {login} is not a team member (team add-user makes one)")
        projects = conn.execute(
            "SELECT p.name, coalesce(m.role, 'administrator') FROM wb.projects p"
            " LEFT JOIN wb.project_members m ON m.project_id = p.id AND m.login = current_user ORDER BY p.name"
        ).fetchall()
    return TeamIdentity(str(login), group, [(str(n), str(r)) for n, r in projects], bool(conn.pgconn.ssl_in_use))
