"""What every `team` command does first: a connection to the team server, and a password read from stdin.

psycopg is loaded only here, when a team command asks (it costs every other command about 0.1 s).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from workbench.context import AppContext
from workbench.core.errors import WorkbenchError

if TYPE_CHECKING:
    import psycopg


def open_team_server(given: str | None, context: AppContext) -> tuple[psycopg.Connection[Any], str]:
    """A connection to the server given, else the settings' one, and the server's name for messages."""
    from workbench.core.team.server_connection import server_label

    conn = context.open_team_connection(given)
    return conn, server_label(given or context.settings.team_server)


def password_from_stdin(option: str) -> str:
    """One line of standard input as a password (`option` names the flag in the message if it is empty)."""
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise WorkbenchError(f"{option}: standard input held no password")
    return password
