"""`quality`: the quality estimate of machine drafts: fit it on the post-editing history, show it."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """(Filled in by the quality-estimation work.)"""
