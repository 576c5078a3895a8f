"""`rules`: the project's edit rules (regular expressions before and after MT), listed, added, tested, in CSV."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """(Filled in by the edit-rules work.)"""
