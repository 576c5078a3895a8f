"""The CLI of translation memory, glossary and quality checks: `tm`, `glossary`, `check`."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from workbench.commands.values import segment_list, target_language, target_languages
from workbench.context import AppContext
from workbench.core.counted import counted
from workbench.core.errors import WorkbenchError
from workbench.core.exporting.text_exports import export_memory
from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.memory.glossary import Term, add_term, alternatives, terms
from workbench.core.memory.match_normalization import score_with_tags
from workbench.core.memory.project_memory import rebuild_project_memory
from workbench.core.memory.tmx import load_tmx
from workbench.core.memory.translation_memory import DEFAULT_THRESHOLD, add_unit
from workbench.core.ops.glossary_files import export_glossary, import_glossary
from workbench.core.qa.checks import CHECKS, ERROR, INFO, WARNING
from workbench.core.qa.live_context import QaContext
from workbench.core.qa.project_run import check_project, ignore_problem
from workbench.core.qa.spelling_check import spelling_notes
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import label_of, labels_for
from workbench.core.timestamps import now


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands, each with the handler `commands.main` dispatches to."""
    p = sub.add_parser("tm", help="translation memory: import/export TMX, look up, rebuild a project's memory")
    tm = p.add_subparsers(dest="tm_command", metavar="ACTION", required=True)
    p.set_defaults(handler=cmd_tm)
    q = tm.add_parser("import", help="bring a TMX file into the shared memory (or a project's with --project)")
    q.add_argument("tmx", type=Path)
    q.add_argument("--project", type=Path)
    q = tm.add_parser("export", help="write the shared memory (or a project's) as TMX 1.4b")
    q.add_argument("tmx", type=Path)
    q.add_argument("--project", type=Path)
    q = tm.add_parser("lookup", help="matches for a Vietnamese sentence")
    q.add_argument("project", type=Path)
    q.add_argument("text")
    q.add_argument("--to", dest="language", required=True)
    q = tm.add_parser("rebuild", help="put a project's translated and approved segments into its memory")
    q.add_argument("project", type=Path)

    p = sub.add_parser("glossary", help="the project's glossary: import/export CSV or TBX, add, list")
    g = p.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)
    p.set_defaults(handler=cmd_glossary)
    for action in ("import", "export"):
        q = g.add_parser(action, help=f"{action} a .csv or .tbx glossary")
        q.add_argument("project", type=Path)
        q.add_argument("file", type=Path)
    q = g.add_parser("add", help="add a term")
    q.add_argument("project", type=Path)
    q.add_argument("vi")
    q.add_argument("--en", default="")
    q.add_argument("--km", default="")
    q.add_argument("--note", default="")
    q.add_argument("--forbid-en", default="", help="forbidden English alternatives, separated by ;")
    q.add_argument("--forbid-km", default="", help="forbidden Khmer alternatives, separated by ;")
    q.add_argument(
        "--fixed",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="a name or 'do not translate': MT puts its target text (or the Vietnamese) in verbatim; "
        "--no-fixed takes the mark away; without either a term already there keeps its mark",
    )
    q = g.add_parser("list", help="print the glossary")
    q.add_argument("project", type=Path)

    p = sub.add_parser("check", help="quality checks; exits 1 when there are errors")
    p.add_argument("project", type=Path, nargs="?")
    p.add_argument("--to", dest="language", choices=list(TARGET_LANGUAGES))
    p.add_argument("--document")
    p.add_argument("--json", action="store_true")
    p.add_argument("--list", action="store_true", help="one line per check: id, severity, languages, description")
    p.add_argument(
        "--ignore", metavar="SEGMENT:LANG:CHECK",
        help="mark one finding as fine (needs --reason); SEGMENT is an id or a label ('le-hoi.docx #8')",
    )  # fmt: skip
    p.add_argument("--reason", default="", help="why the ignored finding is fine (kept for the editor)")
    p.set_defaults(handler=cmd_check)


def cmd_tm(args: argparse.Namespace, context: AppContext) -> int:
    if args.tm_command == "rebuild":
        with Project.open(args.project) as project:
            print(f"{counted(rebuild_project_memory(project), 'unit')} added to the memory of {args.project}")
        return 0
    if args.tm_command == "lookup":
        with Project.open(args.project, read_only=True) as project:
            language = target_language(args.language, project.info.target_languages, args.project.name)
            memories = context.open_memories(project)
            found = memories.lookup(args.text, language)
            # as the window's suggestions score them: a 100 % match with other tags is 99 %
            scored = sorted(
                ((int(score_with_tags(m.score, m.unit.source, args.text)), m) for m in found), key=lambda p: -p[0]
            )
            for score, match in scored:
                print(f"{score:3d}% [{match.memory}] {match.unit.target}\n     {match.describe_differences()}")
            if not found:
                print(f"No match of {DEFAULT_THRESHOLD} % or more in the project or shared memory.")
            memories.close()
        return 0
    if args.tm_command == "import":
        if args.project:
            with Project.open(args.project) as project:
                read = load_tmx(args.tmx, project.info.source_language, project.info.target_languages)
                with project.transaction() as db:
                    stamp = now()
                    added = sum(add_unit(db, unit, stamp) for unit in read.units)
        else:
            read = load_tmx(args.tmx)
            shared = context.open_shared_memory()
            added = shared.add(read.units, now())
            shared.close()
        print(f"{args.tmx}: {counted(len(read.units), 'unit')} read, {added} new")
        for line in read.summary():
            print(f"  {line}")
        return 0
    if args.project:
        with Project.open(args.project, read_only=True) as project:
            written, languages = export_memory(args.tmx, project)
    else:
        shared = context.open_shared_memory()
        try:
            written, languages = export_memory(args.tmx, shared=shared)
        finally:
            shared.close()
    print(f"{args.tmx}: {counted(written, 'translation unit')} ({', '.join(languages)})")
    return 0


def cmd_glossary(args: argparse.Namespace, context: AppContext) -> int:
    with Project.open(args.project) as project:
        if args.glossary_command == "import":
            imported = import_glossary(project, args.file)
            print(f"{args.file}: {counted(imported.terms, 'term')}")
        elif args.glossary_command == "export":
            print(f"{args.file}: {counted(export_glossary(project, args.file), 'term')}")
        elif args.glossary_command == "add":
            targets = {k: v for k, v in (("en", args.en), ("km", args.km)) if v}
            forbidden = {k: alternatives(v) for k, v in (("en", args.forbid_en), ("km", args.forbid_km)) if v}
            term = Term(
                args.vi, targets, forbidden, args.note, fixed=bool(args.fixed), fixed_unknown=args.fixed is None
            )
            term_id = add_term(project, term)
            fixed = next(t.fixed for t in terms(project) if t.id == term_id)
            print(f"added: {args.vi}" + (" (fixed: kept as is in MT)" if fixed else ""))
        else:
            for term in terms(project):
                listed = "; ".join(f"{k}: {v}" for k, v in term.targets.items())
                kept = [k for k in project.info.target_languages if term.fixed and not term.targets.get(k)]
                if kept:  # what MT puts in where a fixed term has no target text: its Vietnamese, as is
                    listed = "; ".join([*filter(None, [listed]), *(f"{k}: {term.source} (as is)" for k in kept)])
                banned = "; ".join(f"not {', '.join(v)} ({k})" for k, v in term.forbidden.items())
                print(
                    f"{term.source} → {listed}"
                    + (f"  [{banned}]" if banned else "")
                    + ("  [fixed]" if term.fixed else "")
                    + (f"  — {term.note}" if term.note else "")
                )
    return 0


def cmd_check(args: argparse.Namespace, context: AppContext) -> int:
    if args.list:
        for check in CHECKS:
            print(f"{check.id}\t{check.severity}\t{','.join(sorted(check.languages))}\t{check.description}")
        return 0
    if args.project is None:
        raise WorkbenchError("name the project to check (or use --list)")
    if args.ignore:
        try:
            segment, language, check_id = args.ignore.rsplit(":", 2)  # a label's document may hold a colon
        except ValueError:
            raise WorkbenchError(f"--ignore takes SEGMENT:LANG:CHECK (with --reason), not {args.ignore!r}") from None
        with Project.open(args.project) as project:
            named = segment_list(project, segment, args.document) or [0]
            if len(named) != 1:
                raise WorkbenchError(f"--ignore takes one segment, not {segment!r}")
            segment_id = named[0]
            target_language(language, project.info.target_languages, args.project.name)
            ignore_problem(project, segment_id, language, check_id, args.reason, context.settings.user_name)
            label = label_of(project, segment_id)
        print(f"ignored {check_id} on {label} ({language}): {args.reason}")
        return 0
    with Project.open(args.project, read_only=True) as project:
        document_id = project.document_id(args.document)
        languages = (
            target_languages(args.language, project.info.target_languages, args.project.name) if args.language else None
        )
        qa = QaContext.load(project, context.settings)
        problems = check_project(project, languages, document_id, qa)
        labels = labels_for(project, (p.segment_id for p in problems))
        notes = spelling_notes(qa.spelling, languages)
    if args.json:
        rows = [
            {"segment": p.segment_id, "label": labels.get(p.segment_id, ""), "language": p.language,
             "check": p.check_id, "severity": p.severity, "message": p.message}
            for p in problems
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        for note in notes:  # beside the JSON, which stays what a script reads
            print(note, file=sys.stderr)
    else:
        for p in problems:
            label = labels.get(p.segment_id, f"segment {p.segment_id}")
            print(f"{label} [{p.language}] {p.severity} {p.check_id}: {p.message}")
        for note in notes:
            print(note)
        counts = Counter(p.severity for p in problems)
        print(f"{counts[ERROR]} errors, {counts[WARNING]} warnings, {counts[INFO]} notes")
    return 1 if any(p.severity == ERROR for p in problems) else 0
