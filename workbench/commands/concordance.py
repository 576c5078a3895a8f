"""The CLI of `concordance` (being built: H1 concordance)."""

from __future__ import annotations

import argparse

from workbench.context import AppContext
from workbench.core.errors import WorkbenchError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("concordance", help="(being built)")
    p.set_defaults(handler=_cmd)


def _cmd(args: argparse.Namespace, context: AppContext) -> int:
    raise WorkbenchError("concordance is not built yet")
