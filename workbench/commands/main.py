"""The headless commands, on the same core functions the window uses.

Each command group is a module with `register(subparsers)`, whose parsers name their handler; a handler
takes the parsed arguments and the application context. This module only assembles the parser, dispatches,
and turns what went wrong into a message and an exit code.

Exit codes: 0 success, 1 some input was refused (the rest was done), 2 the command could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from workbench.commands import (
    analysis,
    bench,
    concordance,
    edit_rules,
    memory,
    mt,
    project,
    quality,
    review,
    segment_edits,
    segment_structure,
    spelling,
    team,
)
from workbench.context import AppContext
from workbench.core.errors import WorkbenchError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Translation workbench: Vietnamese press texts into English and Khmer, offline. "
        "Without a command it opens the window.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (
        project,
        segment_edits,
        segment_structure,
        mt,
        memory,
        concordance,
        spelling,
        edit_rules,
        review,
        analysis,
        quality,
        team,
        bench,
    ):  # this order is the order of `--help`
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None, context: AppContext | None = None) -> int:
    """Run one command with `context` (built from the user's settings when the caller has none)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        code: int = args.handler(args, context or AppContext.load())
        sys.stdout.flush()  # a closed pipe is met here, not in the interpreter's exit
        return code
    except WorkbenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stopped; everything finished before the stop is saved", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`segments P | head`): stop quietly, as `yes | head` does. Python would
        # report the pipe again when it flushes stdout at exit, so stdout now goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
