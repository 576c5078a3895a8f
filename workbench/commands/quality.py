"""`quality`: the quality estimate of machine drafts: fit it on the post-editing history, show it, re-score.

quality P show [--to LANG]    which model each language uses: the default, or fitted when and on what
quality P fit [--to LANG]     fit on the project's and the office's history; prints the weights and bands
quality P score [--to LANG]   estimate again, with the current model, the machine drafts no person has
                              decided on (a confirmed or edited draft keeps the band it had then)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands.values import target_languages
from workbench.context import AppContext
from workbench.core.counted import counted
from workbench.core.quality.calibration import format_calibration
from workbench.core.quality.estimate import score_segments
from workbench.core.quality.fitting import REFIT_EVERY, fit_quality, stored_model
from workbench.core.quality.history import labelled_count, shared_history_path
from workbench.core.quality.model import (
    FEATURES,
    GOOD_FROM,
    MIN_EACH,
    MIN_EXAMPLES,
    POOR_BELOW,
    NotEnoughHistory,
    QualityModel,
)
from workbench.core.store.project_store import Project


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands, each with the handler `commands.main` dispatches to."""
    p = sub.add_parser(
        "quality",
        help="the quality estimate of machine drafts (good / check / poor): fit, show, score",
        description="Each machine draft gets a score 0-1, the estimated chance that a person confirms it "
        f"unchanged or nearly so, and a band: good from {GOOD_FROM}, poor below {POOR_BELOW}, check between. "
        "The score comes from a logistic regression on the draft's signals (log-probabilities, length, lost "
        "spans, QA findings, back-translation, agreement of two models): a documented default until the "
        f"office's post-editing history holds {MIN_EXAMPLES} confirmed drafts ({MIN_EACH} of them kept and "
        f"{MIN_EACH} edited more), then fitted on it, and refitted after every {REFIT_EVERY} confirmations.",
    )
    p.add_argument("project", type=Path)
    p.set_defaults(handler=cmd_quality)
    actions = p.add_subparsers(dest="quality_command", metavar="ACTION", required=True)
    for name, text in (
        ("show", "which model each language uses: the default, or fitted when and on how many drafts"),
        ("fit", "fit the model on the project's and the office's post-editing history"),
        ("score", "estimate the machine drafts still waiting for a person again with the current model"),
    ):
        q = actions.add_parser(name, help=text)
        q.add_argument("--to", dest="language", default="", help="these target languages (default: all)")


def describe_model(model: QualityModel) -> str:
    if model.is_default:
        return "the default model (no fit yet: `quality PROJECT fit` once drafts have been confirmed)"
    return (
        f"fitted {model.fitted_at} on {counted(model.examples, 'confirmed draft')} "
        f"({model.project_examples} of this project, {model.shared_examples} shared), {model.positives} kept"
    )


def weight_lines(model: QualityModel) -> list[str]:
    unit = "raw units" if model.is_default else "per standard deviation"
    lines = [f"  weights ({unit}), bias {model.bias:+.3f}:"]
    lines += [f"    {name:<20} {weight:+.3f}" for name, weight in zip(FEATURES, model.weights, strict=True)]
    return lines


def cmd_quality(args: argparse.Namespace, context: AppContext) -> int:
    action = args.quality_command
    failed = 0
    with Project.open(args.project, read_only=action == "show") as project:
        targets = project.info.target_languages
        languages = target_languages(args.language, targets, args.project.name) if args.language else list(targets)
        for language in languages:
            if action == "show":
                model = stored_model(project, language)
                labelled = labelled_count(project, language)
                print(f"{language}: {describe_model(model)}; {counted(labelled, 'confirmed machine draft')} now")
                print("\n".join(weight_lines(model)))
            elif action == "fit":
                try:
                    result = fit_quality(project, language, shared_history_path(context.memory_path))
                except NotEnoughHistory as exc:
                    if len(languages) == 1:
                        raise
                    print(f"{language}: {exc}", file=sys.stderr)
                    failed = 1
                    continue
                print(f"{language}: {describe_model(result.model)}")
                print("\n".join(weight_lines(result.model)))
                print("\n".join(format_calibration(result.in_sample, "its bands on those drafts (in-sample)")))
            else:
                done = score_segments(project, language)
                print(
                    f"{language}: {counted(done, 'machine draft')} waiting for a person estimated with "
                    f"{describe_model(stored_model(project, language))}"
                )
    return failed
