"""Entry point: with a command, the headless CLI; without one, the window.

The application context (settings, model store, shared memory, engines) is built here, once, and passed
down to whichever front end runs: nothing below loads the settings itself.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from workbench.context import AppContext

    context = AppContext.load()
    if args:
        from workbench.commands.main import main as cli_main

        return cli_main(args, context)
    from workbench.ui.launch import run_window

    return run_window(context)
