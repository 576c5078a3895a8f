"""An editor assigns a document of a team project to a translator (`team assign`); the server's policies let
only the project's editors write wb.document_assignments, and `team status` shows them after a sync."""

from __future__ import annotations

from typing import Any

import psycopg

from workbench.core.errors import ProjectError
from workbench.core.store.project_store import Project
from workbench.core.team.server_connection import server_faults
from workbench.core.team.team_link import TeamLink


def assign_document(
    project: Project, conn: psycopg.Connection[Any], server: str, link: TeamLink, document: str, login: str
) -> None:
    """Give `document` to `login` ('' takes the assignment back)."""
    names = {doc.name for doc in project.documents()}
    if document not in names:
        raise ProjectError(f"there is no document {document!r} in {project.path.name} ({', '.join(sorted(names))})")
    with server_faults(server, f"assigning {document}"), conn.transaction():
        conn.execute(
            """INSERT INTO wb.document_assignments (project_id, document, login) VALUES (%s, %s, %s)
               ON CONFLICT (project_id, document) DO UPDATE SET login = EXCLUDED.login, assigned_by = current_user,
               assigned_at = now()""",
            (link.project_id, document, login or None),
        )
