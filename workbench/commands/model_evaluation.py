"""`models evaluate`: translate a reference set with each chosen model or route and score it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from workbench.commands.progress_bar import ProgressBar
from workbench.commands.stopping import StopRequest, stop_on_signals
from workbench.commands.values import bounded
from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.progress import Cancelled, Share
from workbench.core.reference_sets import (
    ReferenceSet,
    read_aligned_files,
    read_project_reference,
    read_tmx_reference,
)
from workbench.mt.engine import BEAM_SIZES
from workbench.mt.evaluation import (
    EvaluationRequest,
    default_candidates,
    evaluate_candidate,
    published_score,
)
from workbench.mt.evaluation_store import EvaluationResult, evaluations_path, load_results
from workbench.mt.model_store import ModelStore
from workbench.mt.routes import resolve, serves


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `models evaluate`."""
    parser.add_argument("--source", type=Path, help="Vietnamese sources, one per line (FLORES-200: vie_Latn.devtest)")
    parser.add_argument(
        "--reference", type=Path, help="their translations, line by line (FLORES-200: khm_Khmr.devtest)"
    )
    parser.add_argument("--tmx", type=Path, help="a TMX with Vietnamese sources and translations into --to")
    parser.add_argument("--project", type=Path, help="a project: its approved segments in --to (the office's texts)")
    parser.add_argument("--to", dest="language", required=True, help="the target language (en or km)")
    parser.add_argument(
        "--models", help="models or routes to measure, comma-separated (default: every installed one that serves it)"
    )
    parser.add_argument("--limit", type=bounded(1, 10_000_000), help="measure on the first N segments only")
    parser.add_argument("--beam", type=bounded(*BEAM_SIZES), help="beam size (default: the settings', 4)")
    parser.add_argument("--backend", choices=["auto", "ct2", "transformers"], default="auto")


def read_reference(args: argparse.Namespace) -> ReferenceSet:
    """The reference set the options name: exactly one of --source/--reference, --tmx, --project."""
    if args.language not in TARGET_LANGUAGES:
        raise WorkbenchError(
            f"--to {args.language!r}: models evaluate measures translation into {' or '.join(TARGET_LANGUAGES)}, "
            "one language at a time"
        )
    files = args.source is not None or args.reference is not None
    given = sum((files, args.tmx is not None, args.project is not None))
    if given != 1:
        raise WorkbenchError(
            "give one reference set: --source FILE --reference FILE (FLORES-200 layout), --tmx FILE, or --project FILE"
        )
    if files:
        if args.source is None or args.reference is None:
            raise WorkbenchError("--source and --reference go together: the Vietnamese file and its translation")
        return read_aligned_files(args.source, args.reference, args.language, args.limit)
    if args.tmx is not None:
        return read_tmx_reference(args.tmx, args.language, args.limit)
    return read_project_reference(args.project, args.language, args.limit)


def cmd_evaluate(args: argparse.Namespace, context: AppContext) -> int:
    reference = read_reference(args)
    settings = context.settings
    if args.beam:
        settings = replace(settings, beam_size=args.beam)
    store = context.models
    source, target = reference.source_language, reference.target_language
    if args.models is not None:
        choices = [name.strip() for name in args.models.split(",") if name.strip()]
        if not choices:
            raise WorkbenchError(
                f"--models {args.models!r} names no model: give installed models or routes joined by ',' "
                "(`python main.py models list` shows them)"
            )
    else:
        choices = default_candidates(store, settings, source, target)
        _note_unconverted(store, source, target, bool(choices))
    if not choices:
        raise WorkbenchError(
            f"no installed model translates {source}->{target}: install one (`python main.py models install PATH`) "
            "or name models with --models"
        )
    # each named before any work, by the copy the backend runs
    choices = [resolve(choice, store, source, target, "--models", args.backend) for choice in choices]
    cut = f" (the first {reference.size} of {reference.available})" if reference.size < reference.available else ""
    print(f"reference: {reference.name}, {reference.size} segments{cut}, {reference.direction}")
    request = EvaluationRequest(store, settings, args.backend)
    load_results(request.folder)  # a damaged results file is named once, before any candidate runs
    with stop_on_signals() as stop:
        results = _run(reference, choices, request, stop)
    if results is None:
        return stop.exit_code
    measured = [result for result in results if isinstance(result, EvaluationResult)]
    if measured:
        _print_table(measured, context, reference.direction)
        print(f"kept in {evaluations_path()}")
    if len(measured) == len(results):
        return 0
    failed = ", ".join(str(problem.args[0]) for problem in results if isinstance(problem, _NotMeasured))
    sys.stderr.write(f"not measured: {failed}\n")
    return 1 if measured else 2


class _NotMeasured(Exception):
    """A candidate that could not run (its model does not load): named, and the others still measured."""


def _note_unconverted(store: ModelStore, source: str, target: str, any_converted: bool) -> None:
    """Installed models serving the direction with no CTranslate2 copy, which the default leaves out: named
    with the command that converts them (an error when nothing else can be measured)."""
    unconverted = [
        m.name
        for m in store.installed()
        if m.format != "ct2" and store.runnable(m.name).format != "ct2" and serves(m, source, target)
    ]
    if unconverted:  # the transformers backend is the slow reference: measured only when named
        convert = "; ".join(f"python main.py models convert {name}" for name in unconverted)
        note = (
            f"{', '.join(unconverted)} {'is' if len(unconverted) == 1 else 'are'} installed but not converted, "
            f"so not measured by default: convert ({convert}) or name it with --models"
        )
        if not any_converted:
            raise WorkbenchError(f"no converted model translates {source}->{target}: {note}")
        sys.stderr.write(f"note: {note}\n")


def _run(
    reference: ReferenceSet, choices: list[str], request: EvaluationRequest, stop: StopRequest
) -> list[EvaluationResult | _NotMeasured] | None:
    results: list[EvaluationResult | _NotMeasured] = []
    for choice in choices:
        try:
            results.append(
                evaluate_candidate(
                    reference, choice, request, Share(ProgressBar(choice, stop), 0, reference.size, reference.size)
                )
            )
        except (KeyboardInterrupt, Cancelled):  # Cancelled is a WorkbenchError: a stop, not a failure
            done = sum(isinstance(result, EvaluationResult) for result in results)
            kept = f"; the {done} finished before it are kept" if done else ""
            sys.stderr.write(f"\nstopped: {choice} was not measured, nothing of it is kept{kept}\n")
            return None
        except WorkbenchError as exc:
            sys.stderr.write(f"\nnot measured: {choice}: {exc}\n")
            results.append(_NotMeasured(choice))
    return results


def _print_table(results: list[EvaluationResult], context: AppContext, direction: str) -> None:
    width = max(10, *(len(r.candidate) for r in results))
    print(
        f"{'candidate':{width}}  {'chrF':>7} {'BLEU':>6}  {'segments':>8} {'tok/s':>7} {'peak MB':>7}  "
        f"{'published':>12}  licence"
    )
    for r in results:
        published = published_score(r.candidate, context.models, direction)
        print(
            f"{r.candidate:{width}}  {r.chrf:7.2f} {r.bleu:6.2f}  {r.segments:>8} {r.tokens_per_second:7.1f} "
            f"{r.peak_mb:7.0f}  {published.shown() if published else '-':>12}  {r.licence_text()}"
        )
    first = results[0]
    print(f"chrF is {first.chrf_name}, BLEU is {first.bleu_name}; sacrebleu {first.signature}")
    print("published: the catalogue's FLORES-200 devtest figure (`models list --sources` says where it is from)")
