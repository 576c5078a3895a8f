"""`team memory ...`: the team's shared memory on the server, from this desktop.

team memory push [--server URL]      send the confirmed units waiting in this desktop's outbox
team memory pull [--server URL]      refresh the local cache of the team memory (used when offline)
team memory lookup TEXT --to en      matches from your shared memory and the team memory (the server,
                                     or the cache when the server cannot be reached: it says which)
team memory stats [--server URL]     units per language, approved, authors; what waits in the outbox
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.commands.team_server_access import open_team_server
from workbench.context import AppContext
from workbench.core.memory.translation_memory import DEFAULT_THRESHOLD
from workbench.core.store.project_store import Project

if TYPE_CHECKING:
    pass

# workbench.core.team.team_memory is imported by the handlers: psycopg costs every other command ~0.1 s


def register_memory(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`team memory` and `team glossary` and their subcommands, under the `team` group's subparsers."""
    memory = commands.add_parser("memory", help="the team's shared memory on the server: push, pull, lookup, stats")
    sub = memory.add_subparsers(dest="memory_command", metavar="MEMORY_COMMAND", required=True)
    server_help = "postgresql://login@host/database (default: the settings' team server)"

    p = sub.add_parser("push", help="send the confirmed units this desktop has queued for the team memory")
    p.add_argument("--server", help=server_help)
    p.set_defaults(handler=_cmd_push)

    p = sub.add_parser("pull", help="refresh this desktop's cache of the team memory (lookups use it offline)")
    p.add_argument("--server", help=server_help)
    p.set_defaults(handler=_cmd_pull)

    p = sub.add_parser("lookup", help="matches for a Vietnamese text from your shared memory and the team memory")
    p.add_argument("text")
    p.add_argument("--to", required=True, dest="language", help="target language, e.g. en or km")
    p.add_argument("--threshold", type=int, default=DEFAULT_THRESHOLD, help="lowest fuzzy score shown (%%)")
    p.add_argument("--server", help=server_help)
    p.set_defaults(handler=_cmd_lookup)

    p = sub.add_parser("stats", help="the team memory's units per language, and what waits in this desktop's outbox")
    p.add_argument("--server", help=server_help)
    p.set_defaults(handler=_cmd_stats)

    glossary = commands.add_parser(
        "glossary", help="the team glossary on the server: push a project's, pull the team's"
    )
    sub = glossary.add_subparsers(dest="glossary_command", metavar="GLOSSARY_COMMAND", required=True)
    for name, handler, words in (
        ("push", _cmd_glossary_push, "add the project's glossary to the team glossary"),
        ("pull", _cmd_glossary_pull, "add the team glossary's terms the project lacks (its own are never replaced)"),
    ):
        p = sub.add_parser(name, help=words)
        p.add_argument("project", type=Path)
        p.add_argument("--server", help=server_help)
        p.set_defaults(handler=handler)


def _cmd_push(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.memory_outbox import MemoryOutbox
    from workbench.core.team.team_memory_sync import outbox_path, send_outbox

    outbox = MemoryOutbox(outbox_path())
    waiting = outbox.count()
    if not waiting:
        print("nothing waits for the team memory")
        return 0
    conn, label = open_team_server(args.server, context)
    with conn:
        report = send_outbox(conn, label, outbox)
    print(f"{label}: {report.sent} unit(s) sent, {report.added} new, {report.approved} approved")
    if report.approvals_dropped:
        print(f"{report.approvals_dropped} approval(s) sent as plain units: this login is not an editor")
    return 0


def _cmd_pull(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.team_memory_cache import TeamMemoryCache
    from workbench.core.team.team_memory_sync import cache_path

    conn, label = open_team_server(args.server, context)
    cache = TeamMemoryCache(cache_path())
    try:
        with conn:
            report = cache.pull(conn, label)
        print(f"{label}: {report.read} unit(s) read, {report.added} new in the cache ({cache.units()} in all)")
    finally:
        cache.close()
    return 0


def _cmd_lookup(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.server_connection import server_label
    from workbench.core.team.team_memory_sync import cache_path, team_lookup

    shared = context.open_shared_memory()
    try:
        local = shared.lookup(args.text, args.language, args.threshold)
    finally:
        shared.close()
    print(f"your shared memory: {len(local)} match(es)")
    for match in local:
        print(f"  {match.score:3d}%  {match.unit.target}    [{match.unit.source}]")
    target = args.server or context.settings.team_server
    if not target:
        print("team memory: no team server (settings --team URL)")
        return 0
    label = server_label(target)
    found = team_lookup(lambda: context.open_team_connection(args.server), label, args.text, args.language,
                        cache_path(), args.threshold)  # fmt: skip
    if found.answered_by == "server":
        print(f"team memory ({label}): {len(found.matches)} match(es)")
    else:
        when = f"pulled {found.cache_pulled_at}" if found.cache_pulled_at else "never pulled: empty"
        print(f"team memory: the local cache ({when}), the server cannot be reached: {found.offline_reason}")
    for team_match in found.matches:
        match = team_match.match
        approved = f", approved by {team_match.approved_by}" if team_match.approved_by else ""
        print(f"  {match.score:3d}%  {match.unit.target}    [{match.unit.source}] ({match.unit.author}{approved})")
    return 0


def _cmd_stats(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.memory_outbox import MemoryOutbox
    from workbench.core.team.team_memory import stats
    from workbench.core.team.team_memory_sync import outbox_path

    waiting = MemoryOutbox(outbox_path()).count()
    conn, label = open_team_server(args.server, context)
    with conn:
        figures = stats(conn, label)
    languages = ", ".join(f"{lang} {n}" for lang, n in figures.by_language.items()) or "none"
    print(f"{label}: {figures.units} unit(s) ({languages}), {figures.approved} approved, {figures.authors} author(s)")
    print(f"glossary terms: {figures.glossary_terms}; index size: {figures.index_bytes / 1e6:.1f} MB")
    print(f"waiting in this desktop's outbox: {waiting}")
    return 0


def _cmd_glossary_push(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.memory.glossary import terms
    from workbench.core.team.team_glossary import push_terms

    with Project.open(args.project, read_only=True) as project:
        glossary = terms(project)
    conn, label = open_team_server(args.server, context)
    with conn:
        added = push_terms(conn, label, glossary)
    print(f"{label}: {len(glossary)} term(s) sent, {added} translation(s) new to the team glossary")
    return 0


def _cmd_glossary_pull(args: argparse.Namespace, context: AppContext) -> int:
    from workbench.core.team.team_glossary import pull_into_project, team_terms

    conn, label = open_team_server(args.server, context)
    with conn:
        team = team_terms(conn, label)
    with Project.open(args.project) as project:
        report = pull_into_project(project, team)
    print(
        f"{label}: {len(team)} team term(s); {report.terms_added} term(s) and "
        f"{report.translations_added} translation(s) added to {args.project.name}"
    )
    for source, language, mine, theirs in report.differing:
        print(f'  kept {source} ({language}): "{mine}"; the team\'s: "{theirs}"')
    return 0
