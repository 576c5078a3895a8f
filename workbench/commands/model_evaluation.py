"""`models evaluate`: translate a reference set with each chosen model or route and score it."""

from __future__ import annotations

import argparse

from workbench.context import AppContext
from workbench.core.errors import WorkbenchError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `models evaluate`."""


def cmd_evaluate(args: argparse.Namespace, context: AppContext) -> int:
    raise WorkbenchError("models evaluate is not built yet")
