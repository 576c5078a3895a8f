"""The `team` commands of a shared project: publish, get, sync, status, conflicts, resolve, assign.

    team publish P.wbp [--server URL]          the project on the server (an editor); P becomes a team project
    team get NAME DEST.wbp [--server URL]      a member's own copy of the team project NAME
    team sync P.wbp                            push this desktop's changes, pull the others'
    team status P.wbp                          synced / N changes waiting / last sync / offline since
    team conflicts P.wbp                       the open conflicts as last synced, both texts, authors, times
    team resolve P.wbp ID --keep mine|theirs | --text "..."   an editor's choice (then a sync)
    team assign P.wbp DOCUMENT LOGIN           give a document to a translator ('' takes it back; editor)

A team project remembers its server (the address without its password, which the pgpass file holds).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.commands.team_server_access import open_team_server
from workbench.context import AppContext
from workbench.core.errors import TeamServerError, WorkbenchError
from workbench.core.store.project_store import Project

if TYPE_CHECKING:
    import psycopg

    from workbench.core.team.team_link import TeamLink

# workbench.core.team is imported inside the handlers: psycopg costs every other command ~0.1 s to load


def register_projects(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the shared-project subcommands to the `team` group."""
    p = commands.add_parser("publish", help="put a project on the team server (an editor); it becomes a team project")
    p.add_argument("project", type=Path)
    p.add_argument("--server", help="postgresql://login@host/database (default: the settings' team server)")
    p.set_defaults(handler=_cmd_publish)

    p = commands.add_parser("get", help="make your own copy of a team project from the server (a member)")
    p.add_argument("name", help="the project's name on the server (team check lists yours)")
    p.add_argument("destination", type=Path, help="the new project file, e.g. angiang.wbp")
    p.add_argument("--server", help="postgresql://login@host/database (default: the settings' team server)")
    p.set_defaults(handler=_cmd_get)

    p = commands.add_parser("sync", help="push this desktop's changes of a team project and pull the others'")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=_cmd_sync)

    p = commands.add_parser("status", help="a team project's sync state: synced, changes waiting, offline since")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=_cmd_status)

    p = commands.add_parser("conflicts", help="the open conflicts of a team project (as of its last sync)")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=_cmd_conflicts)

    p = commands.add_parser("resolve", help="settle a conflict: keep this desktop's text, the other, or a new one")
    p.add_argument("project", type=Path)
    p.add_argument("id", type=int, help="the conflict's number, as team conflicts lists it")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", choices=["mine", "theirs"])
    choice.add_argument("--text", help="a new text for the segment")
    p.set_defaults(handler=_cmd_resolve)

    p = commands.add_parser("assign", help="give a document of a team project to a translator (an editor)")
    p.add_argument("project", type=Path)
    p.add_argument("document", help="the document's name, as `stats` lists it")
    p.add_argument("login", help="the translator's login ('' takes the document back)")
    p.set_defaults(handler=_cmd_assign)


def _address(given: str | None, context: AppContext) -> str:
    from workbench.core.team.team_credentials import address_without_password

    target = given or context.settings.team_server
    if not target:
        raise WorkbenchError("no team server: give --server URL or set `settings --team`")
    return address_without_password(target)[0]


def _cmd_publish(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.project_publish import publish

    address = _address(args.server, context)
    with Project.open(args.project) as project:
        conn, label = open_team_server(args.server or address, context)
        with conn:
            done = publish(project, conn, label, address)
    print(
        f"{label}: published {done.name} (project {done.project_id}): {done.texts} text(s), structure "
        f"{done.snapshot_bytes / 1024:.0f} KiB; {args.project} is now a team project (team sync exchanges changes)"
    )
    return 0


def _cmd_get(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.project_publish import get_project

    address = _address(args.server, context)
    conn, label = open_team_server(args.server or address, context)
    with conn:
        made = get_project(conn, label, address, args.name, args.destination)
    print(f"{label}: {args.name} copied to {made}")
    return 0


def _linked(project: Project, context: AppContext) -> tuple[TeamLink, psycopg.Connection[Any], str]:
    from workbench.core.team.project_sync import record_problem
    from workbench.core.team.team_link import team_link

    link = team_link(project)
    try:
        conn, label = open_team_server(link.server, context)
    except TeamServerError as exc:
        record_problem(project, exc.problem)
        raise
    return link, conn, label


def _cmd_sync(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.project_sync import sync_linked
    from workbench.core.team.sync_status import team_status

    with Project.open(args.project) as project:
        report = sync_linked(project, context.open_team_connection)
        status = team_status(project)
        print(
            f"{status.project_name}: sent {report.sent} change(s)"
            + (f" ({report.proposed} over approved text, queued for an editor)" if report.proposed else "")
            + f", received {report.applied}"
            + (f", {report.kept_here} kept here (conflicts)" if report.kept_here else "")
        )
        print(status.line)
    return 0


def _cmd_status(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.sync_status import team_status

    with Project.open(args.project, read_only=True) as project:
        status = team_status(project)
    print(f"{status.project_name} on {status.server} as {status.login or '?'}: {status.line}")
    if status.last_problem:
        print(f"last problem: {status.last_problem}")
    for document, login in status.assignments:
        print(f"  {document}: {login or 'not assigned'}")
    return 0


def _cmd_conflicts(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.conflict_resolution import local_conflicts
    from workbench.core.team.sync_status import team_status

    with Project.open(args.project, read_only=True) as project:
        conflicts = local_conflicts(project)
        when = team_status(project).last_sync_at or "never"
    if not conflicts:
        print(f"no open conflicts (as of the last sync, {when})")
    for c in conflicts:
        print(f"conflict {c.id}: {c.segment_key} ({c.language})")
        for title, (text, status, author, at), mine in (
            ("kept ", c.kept, not c.other_is_mine), ("other", c.other, c.other_is_mine)
        ):  # fmt: skip
            print(f"  {title} [{status}] {author}, {at}{' (this desktop)' if mine else ''}: {text}")
    return 0


def _cmd_resolve(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.conflict_resolution import chosen_text, local_conflicts, resolve
    from workbench.core.team.project_sync import sync
    from workbench.core.team.team_link import team_link

    with Project.open(args.project) as project:
        team_link(project)  # a project that is not shared is said so first
        found = [c for c in local_conflicts(project) if c.id == args.id]
        if not found:
            raise WorkbenchError(f"no open conflict {args.id} in {args.project} (team conflicts lists them)")
        text, status = chosen_text(project, found[0], args.keep, args.text)
        link, conn, label = _linked(project, context)
        with conn:
            seq = resolve(conn, label, link, found[0], text, status)
            sync(project, conn, label, link)
    print(f"{label}: conflict {args.id} resolved (server revision {seq}): {text}")
    return 0


def _cmd_assign(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.document_assignment import assign_document
    from workbench.core.team.project_sync import sync

    with Project.open(args.project) as project:
        link, conn, label = _linked(project, context)
        with conn:
            assign_document(project, conn, label, link, args.document, args.login)
            sync(project, conn, label, link)
    print(f"{label}: {args.document} assigned to {args.login or 'nobody'}")
    return 0
