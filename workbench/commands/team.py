"""The `team` commands: the administrator sets up the team's PostgreSQL server and its logins.

    team init [URL]                       schema, group roles, row-level security (once; again changes nothing)
    team add-user NAME --role translator|editor [--project P] [--password-stdin] [--server URL]
    team remove-user NAME [--project P] [--server URL]   off one project, or off the team (login disabled)
    team check [--server URL]             the desktop's login, its role and projects (after `settings --team`)

Without URL/--server the server is the one in the settings (`settings --team URL`), its password from the
pgpass file beside the settings; a password in the URL is used and not kept.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workbench.commands.team_memory import register_memory
from workbench.commands.team_projects import register_projects
from workbench.commands.team_server_access import open_team_server, password_from_stdin
from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.settings import MAX_SYNC_MINUTES, Settings

if TYPE_CHECKING:
    pass

# workbench.core.team is imported by the handlers that use it: psycopg costs every other command ~0.1 s to load


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    team = sub.add_parser("team", help="the team server (PostgreSQL): set it up, add logins")
    commands = team.add_subparsers(dest="team_command", metavar="TEAM_COMMAND", required=True)

    p = commands.add_parser(
        "init", help="create the schema, the group roles and the row-level security on the server (administrator)"
    )
    p.add_argument("url", nargs="?", help="postgresql://admin@host/database (default: the settings' team server)")
    p.set_defaults(handler=_cmd_init)

    p = commands.add_parser("add-user", help="a login for a translator or an editor (administrator)")
    p.add_argument("name", help="the login, e.g. lan")
    p.add_argument("--role", choices=["translator", "editor"], required=True)
    p.add_argument("--project", help="make the login a member of this project on the server")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the login's password from standard input (else one is made)"
    )
    p.add_argument("--server", help="postgresql://admin@host/database (default: the settings' team server)")
    p.set_defaults(handler=_cmd_add_user)

    p = commands.add_parser("remove-user", help="take a login off a project, or off the team (administrator)")
    p.add_argument("name")
    p.add_argument("--project", help="only this project (otherwise: every project, and the login is disabled)")
    p.add_argument("--server", help="postgresql://admin@host/database (default: the settings' team server)")
    p.set_defaults(handler=_cmd_remove_user)

    p = commands.add_parser("check", help="connect to your team server: your login, its role and its projects")
    p.add_argument("--server", help="postgresql://login@host/database (default: the settings' team server)")
    p.set_defaults(handler=_cmd_check)

    register_projects(commands)
    register_memory(commands)


def _cmd_init(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.team_setup import initialise

    conn, label = open_team_server(args.url, context)
    with conn:
        report = initialise(conn, label)
    if report.roles_made:
        print(f"roles made: {', '.join(report.roles_made)}")
    if report.parts_applied:
        print(f"{label}: schema parts applied: {', '.join(report.parts_applied)}")
    else:
        print(f"{label}: the schema is up to date ({len(report.parts_present)} parts), nothing changed")
    return 0


def _cmd_add_user(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.team_setup import add_user

    password = password_from_stdin("--password-stdin") if args.password_stdin else None
    conn, label = open_team_server(args.server, context)
    with conn:
        made = add_user(conn, label, args.name, args.role, password=password, project=args.project)
    verb = "added" if made.created else "updated"
    where = f", member of {made.project}" if made.project else ""
    print(f"{label}: {verb} login {made.login} ({made.role}{where})")
    if not made.created and not made.password:
        print("its password is unchanged (--password-stdin sets a new one)")
    if made.generated:
        print(f"password (shown once, give it to {made.login}): {made.password}")
    return 0


def _cmd_remove_user(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.team_setup import remove_user

    conn, label = open_team_server(args.server, context)
    with conn:
        removed = remove_user(conn, label, args.name, args.project)
    if args.project:
        print(f"{label}: {args.name} is no longer a member of {args.project}")
    else:
        print(f"{label}: {args.name} is off the team ({removed} project(s)) and can no longer log in; its work stays")
    return 0


def _cmd_check(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.team_identity import who_am_i

    conn, label = open_team_server(args.server, context)
    with conn:
        me = who_am_i(conn, label)
    print(f"{label}: connected as {me.login} ({me.group}), {'over TLS' if me.tls else 'without TLS'}")
    if not me.projects:
        print("no projects yet (an administrator adds you with team add-user --project)")
    for name, role in me.projects:
        print(f"  {name} ({role})")
    return 0


def team_settings_arguments(parser: argparse.ArgumentParser) -> None:
    """`settings --team URL [--team-password-stdin]`: the desktop's team server, its password kept apart."""
    parser.add_argument(
        "--team",
        metavar="URL",
        help="your team server, postgresql://login@host/database or a pg_service name ('' clears); a password "
        "in it goes to the pgpass file, never into the settings",
    )
    parser.add_argument(
        "--team-sync-minutes",
        type=int,
        metavar="N",
        help=f"how often the window syncs a team project by itself (0: only on Sync now, F5; at most "
        f"{MAX_SYNC_MINUTES}; default 3)",
    )
    parser.add_argument(
        "--team-password-stdin",
        action="store_true",
        help="read your team server password from standard input into the pgpass file (0600)",
    )


def team_settings_changes(args: argparse.Namespace, settings: Settings) -> dict[str, object]:
    """The settings' change for --team (the address without its password) after saving any password."""
    minutes: dict[str, object] = {}
    if args.team_sync_minutes is not None:
        if not 0 <= args.team_sync_minutes <= MAX_SYNC_MINUTES:
            raise WorkbenchError(f"--team-sync-minutes: from 0 (only on Sync now) to {MAX_SYNC_MINUTES}")
        minutes = {"team_sync_minutes": args.team_sync_minutes}
    if args.team is None and not args.team_password_stdin:
        return minutes
    from workbench.core.team.team_credentials import keep_team_address

    target = settings.team_server if args.team is None else args.team
    password: str | None = None
    if args.team_password_stdin:
        if not target.strip():
            raise WorkbenchError("--team-password-stdin: no team server (give --team URL)")
        password = password_from_stdin("--team-password-stdin")
    kept = keep_team_address(target, password)
    return minutes if args.team is None else {**minutes, "team_server": kept}


def team_server_line(settings: Settings) -> str:
    """The settings' team server as `settings` shows it: a password a hand-edited file holds is never echoed."""
    if not settings.team_server:
        return "team server: none"
    from workbench.core.team.team_credentials import address_without_password, pgpass_path

    try:
        shown, password = address_without_password(settings.team_server)
    except WorkbenchError:
        return "team server: (not a valid address; `settings --team URL` replaces it)"
    if password is not None:
        return f"team server: {shown} (the settings file holds its password: `settings --team URL` moves it to pgpass)"
    kept = f" (password in {pgpass_path()})" if pgpass_path().exists() else ""
    every = f"every {settings.team_sync_minutes} min" if settings.team_sync_minutes else "only on Sync now"
    return f"team server: {shown}{kept}; the window syncs a team project {every}"
