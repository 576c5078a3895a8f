"""The CLI of `analyze` (being built: H3 analysis)."""

from __future__ import annotations

import argparse

from workbench.context import AppContext
from workbench.core.errors import WorkbenchError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("analyze", help="(being built)")
    p.set_defaults(handler=_cmd)


def _cmd(args: argparse.Namespace, context: AppContext) -> int:
    raise WorkbenchError("analyze is not built yet")
