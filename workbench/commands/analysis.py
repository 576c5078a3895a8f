"""`analyze P`: what a job holds before anyone starts on it, per document and in total: words, characters,
repetitions, memory match bands per target language, MT drafts, translated and approved (core/ops/analysis).

A readable table by default (words; `--measure` for segments or characters), `--json` for scripts and
`--csv [FILE]` for a spreadsheet: a file gets UTF-8 with a byte-order mark, so Excel reads Vietnamese and
Khmer right; stdout (`--csv` alone or `--csv -`) gets plain UTF-8, since a BOM in a pipe trips other tools.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import closing
from pathlib import Path

from workbench.commands.progress_bar import ProgressBar
from workbench.commands.stopping import stop_on_signals
from workbench.commands.values import target_languages
from workbench.context import AppContext
from workbench.core.ops.analysis import analyze
from workbench.core.ops.analysis_report import MEASURES, save_csv, terminal_table, write_csv
from workbench.core.store.project_store import Project


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "analyze",
        help="words, repetitions and memory match bands per document, to plan a job",
        description="Per document and in total: segments, words and characters, repetitions, the best "
        "memory match of each sentence (bands 100, 95-99, 85-94, 75-84, 50-74, none) per target language, "
        "MT drafts, translated and approved.",
    )
    p.add_argument("project", type=Path)
    p.add_argument("--document", help="one document (its name); default: the whole project")
    p.add_argument("--to", dest="languages", default="", help="target languages, e.g. en,km (default: all)")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="print the figures as JSON")
    shown.add_argument(
        "--csv", nargs="?", const="-", metavar="FILE",
        help="write CSV (one line per document, language and category) to FILE, or to stdout without FILE",
    )  # fmt: skip
    p.add_argument("--measure", choices=MEASURES, default="words", help="what the table counts (default: words)")
    p.set_defaults(handler=_cmd)


def _cmd(args: argparse.Namespace, context: AppContext) -> int:
    with (
        stop_on_signals() as stop,
        Project.open(args.project, read_only=True) as project,
        closing(context.open_memories(project)) as memories,
    ):
        targets = project.info.target_languages
        languages = target_languages(args.languages, targets, project.path.name) if args.languages else None
        document_id = project.document_id(args.document)
        quiet = args.json or args.csv == "-" or not sys.stderr.isatty()
        progress = None if quiet else ProgressBar("analysing", stop)
        analysis = analyze(project, memories, document_id, languages, progress)
        if args.csv and args.csv != "-":
            save_csv(analysis, Path(args.csv), project)
            print(f"analysis of {analysis.project} written to {args.csv}")
            return 0
    if args.json:
        print(json.dumps(analysis.as_dict(), ensure_ascii=False, indent=2))
    elif args.csv == "-":
        write_csv(analysis, sys.stdout)
    else:
        print("\n".join(terminal_table(analysis, args.measure)))
    return 0
