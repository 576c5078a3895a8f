"""The machine-translation commands of the CLI: models, translate, bench mt."""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from workbench.commands.model_evaluation import add_arguments as add_evaluate_arguments
from workbench.commands.model_evaluation import cmd_evaluate
from workbench.commands.model_listing import print_model_list
from workbench.commands.progress_bar import ProgressBar
from workbench.commands.stopping import StopRequest, stop_on_signals
from workbench.commands.values import bounded, language_list
from workbench.context import AppContext
from workbench.core.counted import counted
from workbench.core.errors import ProjectFault, WorkbenchError
from workbench.core.ops.back_translation import plan_back_translation, save_back_translations, save_second_opinions
from workbench.core.ops.pretranslation import plan_pretranslation, run_pretranslation, save_batch
from workbench.core.progress import Cancelled, Share
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.back_translation import (
    NoBackTranslationModel,
    SecondOpinions,
    back_translate_options,
    choose_back_model,
    opinion_options,
    run_back_translations,
    second_opinion,
)
from workbench.mt.engine import BEAM_SIZES
from workbench.mt.model_choice import EnginePool, choose
from workbench.mt.model_store import ModelStore, convert_needs
from workbench.mt.pipeline import TranslateOptions, translate_options
from workbench.mt.routes import drafter_for, is_route, label, licences, route_languages


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands, each with the handler `commands.main` dispatches to."""
    p = sub.add_parser("models", help="list, install, download or convert MT models")
    models = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    p.set_defaults(handler=cmd_models)
    q = models.add_parser("list", help="known and installed models, with licence, size and published scores")
    q.add_argument("--sources", action="store_true", help="also every published score with its test set and source")
    q = models.add_parser("install", help="install a model folder or archive copied from another machine")
    q.add_argument("path", type=Path)
    q.add_argument("--name", help="name to install it under (default: the folder name)")
    q.add_argument("--replace", action="store_true", help="replace an installed model of that name")
    q = models.add_parser("download", help="on a connected machine: fetch a catalogue model from the model hub")
    q.add_argument("name")
    q = models.add_parser("convert", help="convert an installed model to CTranslate2 (fast, no torch at run time)")
    q.add_argument("name")
    q.add_argument("--quantization", default="int8", choices=["int8", "int8_float32", "int16", "float16", "float32"])
    q = models.add_parser(
        "evaluate", help="translate a reference set (FLORES files, a TMX, or a project's approved text) and score it"
    )
    add_evaluate_arguments(q)
    q = models.add_parser("remove", help="uninstall a model")
    q.add_argument("name")

    p = sub.add_parser("translate", help="pre-translate untranslated segments with a local MT model")
    p.add_argument("project", type=Path)
    p.add_argument("--to", dest="languages", default="en,km", help="target languages (default en,km)")
    p.add_argument("--document", help="only this document (name or id)")
    p.add_argument(
        "--model",
        action="append",
        metavar="[LANG=]NAME",
        help="installed model to use: NAME for every language, LANG=NAME for one (and for a route's hop into LANG); "
        "default: your choice in the settings, then the catalogue's",
    )
    p.add_argument(
        "--route",
        action="append",
        metavar="LANGS",
        help="translate through another language, e.g. vi-en-km (once per target language); the model of each hop "
        "into LANG is --model LANG=NAME, else your choice for LANG in the settings, else the catalogue's",
    )
    p.add_argument("--beam", type=bounded(*BEAM_SIZES), help="beam size 1-16 (default 4; 1 is greedy and fastest)")
    p.add_argument("--backend", choices=["auto", "ct2", "transformers"], default="auto")
    p.add_argument("--khmer-digits", action="store_true", help="write numbers in Khmer digits (០-៩) in Khmer drafts")
    p.add_argument(
        "--back-translate",
        action="store_true",
        help="after drafting, back-translate every machine draft of these languages into the source language (also "
        "drafts from earlier runs), for checking and for the quality estimate; the command line does it only when "
        "asked (the window follows the settings' --back-translate). Exit status 1 when a language has no model "
        "for it (its drafts are kept)",
    )
    p.add_argument(
        "--back-model",
        action="append",
        metavar="[LANG=]NAME",
        help="the installed model that back-translates (NAME for every language, LANG=NAME for one); default: the "
        "language's drafting model if it translates back, else the best installed one that does",
    )
    p.set_defaults(handler=cmd_translate)


def cmd_models(args: argparse.Namespace, context: AppContext) -> int:
    store = context.models
    if args.models_command == "list":
        print_model_list(store, sources=args.sources)
        return 0
    if args.models_command == "evaluate":
        return cmd_evaluate(args, context)
    if args.models_command == "install":
        model = store.install(args.path, args.name, args.replace)
        print(f"installed {model.name} ({model.format}, {model.family}) in {model.path}; licence: {model.licence}")
        if model.format == "transformers":
            print(f"convert it for fast translation: python main.py models convert {model.name}")
            if needs := convert_needs():
                print(f"before that: {needs}")
        return 0
    if args.models_command == "download":
        model = store.download(args.name)
        print(f"downloaded and installed {model.name}; now: python main.py models convert {model.name}")
        return 0
    if args.models_command == "convert":
        started = time.perf_counter()
        model = store.convert(args.name, args.quantization)
        print(f"converted to {model.name} in {time.perf_counter() - started:.1f} s ({model.path})")
        return 0
    store.remove(args.name)
    print(f"removed {args.name}")
    return 0


def cmd_translate(args: argparse.Namespace, context: AppContext) -> int:
    with stop_on_signals() as stop:
        return _translate(args, context, stop)


def _model_arguments(values: list[str] | None, option: str = "--model") -> tuple[str | None, dict[str, str]]:
    """`--model NAME` (every language) and `--model LANG=NAME` (one language, or a route's hop into it)."""
    every: str | None = None
    per_language: dict[str, str] = {}
    for value in values or []:
        language, equals, name = value.partition("=")
        if not equals:
            if every is not None and every != value:
                raise WorkbenchError(f"{option} names two models for every language ({every}, {value}): use LANG=NAME")
            every = value
        elif not language.strip() or not name.strip():
            raise WorkbenchError(f"{option} takes NAME or LANG=NAME, not {value!r}")
        else:
            per_language[language.strip()] = name.strip()
    return every, per_language


def _route_arguments(values: list[str] | None, languages: list[str]) -> dict[str, str]:
    """`--route vi-en-km`, at most one per target language (its last language)."""
    routes: dict[str, str] = {}
    for value in values or []:
        target = route_languages(value)[-1]
        if target not in languages:
            raise WorkbenchError(f"--route {value} ends in {target}, which is not among the languages to translate")
        if target in routes and routes[target] != value:
            raise WorkbenchError(f"two routes into {target}: {routes[target]} and {value}")
        routes[target] = value
    return routes


def _describe(language: str, choice: str, store: ModelStore) -> str:
    """The line saying what translates a language, with every licence (one per hop of a route)."""
    if is_route(choice):
        licensed = ", ".join(f"{name} {licence}" for name, licence in licences(choice, store))
        return f"{language}: route {label(choice)} (licences: {licensed})"
    model = store.get(choice)
    return f"{language}: {model.name} ({model.format}, licence {model.licence})"


def _translate(args: argparse.Namespace, context: AppContext, stop: StopRequest) -> int:
    settings = context.settings
    store = context.models
    languages = language_list(args.languages)
    every, per_language = _model_arguments(args.model)
    routes = _route_arguments(args.route, languages)
    if args.back_model and not args.back_translate:  # else the model named would be silently unused
        raise WorkbenchError("--back-model names the model that back-translates: add --back-translate")
    with Project.open(args.project) as project, closing(context.open_memories(project)) as memories:
        unknown = [lang for lang in languages if lang not in project.info.target_languages]
        if unknown:
            raise WorkbenchError(f"{', '.join(unknown)} is not a target language of {args.project}")
        document_id = project.document_id(args.document)
        options = translate_options(settings, project)
        options = replace(
            options,
            decoding=replace(options.decoding, beam_size=args.beam or settings.beam_size),
            khmer_digits=args.khmer_digits or settings.khmer_digits,
        )
        source = project.info.source_language
        # Every language's model or route is chosen, checked and loaded before anything is written.
        pool = EnginePool(store, settings, args.backend)
        drafters = {
            language: drafter_for(
                choose(store, settings, language, source, per_language, every, routes.get(language)),
                pool,
                source,
                language,
                options,
            )
            for language in languages
        }
        back_models = _back_models(args, store, settings, languages, source) if args.back_translate else {}
        for language, drafter in drafters.items():
            plan = plan_pretranslation(
                project, language, drafter.model, options.cache_key(), document_id, memories=memories,
                leave_poor_out=settings.leave_poor_drafts_out,
            )  # fmt: skip
            if plan.from_memory:
                print(
                    f"{language}: {counted(len(plan.from_memory), 'segment')} drafted from 100% translation-memory matches"
                )
            print(_describe(language, drafter.model, store))
            try:
                result = run_pretranslation(
                    plan,
                    drafter,
                    lambda p, name, batch: save_batch(project, p, name, batch),
                    Share(ProgressBar(language, stop), 0, plan.to_translate, plan.to_translate),
                )
            except (KeyboardInterrupt, Cancelled):
                sys.stderr.write("\nstopped: every finished batch is saved; run the same command to continue\n")
                return stop.exit_code
            except ProjectFault:  # a full disk: its message goes on a line of its own, after the progress bar
                sys.stderr.write("\n")
                raise
            print(
                f"{language}: {counted(plan.to_draft, 'segment')} to draft, {len(plan.from_cache)} from the cache, "
                f"{result.translated} translated in {result.seconds:.1f} s, {result.flagged} flagged for checking"
                + (
                    f", {counted(result.left_out, 'poor draft')} left out of the cell (kept as suggestions)"
                    if result.left_out
                    else ""
                )
            )
        if args.back_translate:
            drafting = {language: drafter.model for language, drafter in drafters.items()}
            return _back_translate(project, pool, back_models, drafting, options, document_id, stop)
    return 0


def _back_models(
    args: argparse.Namespace, store: ModelStore, settings: Settings, languages: list[str], source: str
) -> dict[str, str | NoBackTranslationModel]:
    """Each language's back-translation model, chosen before anything is written: a model named for a direction
    it cannot serve stops the command; a language with no model at all is reported after drafting."""
    every, per_language = _model_arguments(args.back_model, "--back-model")
    for language, name in per_language.items():  # a mistyped language would leave its model silently unused
        if language not in languages:
            raise WorkbenchError(
                f"--back-model {language}={name}: {language} is not among the languages to translate "
                f"({', '.join(languages)})"
            )
    chosen: dict[str, str | NoBackTranslationModel] = {}
    for language in languages:
        try:
            chosen[language] = choose_back_model(store, settings, language, source, per_language.get(language) or every)
        except NoBackTranslationModel as missing:
            chosen[language] = missing
    return chosen


def _back_translate(
    project: Project,
    pool: EnginePool,
    models: dict[str, str | NoBackTranslationModel],
    drafting: dict[str, str],
    drafting_options: TranslateOptions,
    document_id: int | None,
    stop: StopRequest,
) -> int:
    """Every machine draft of each language (of the document, or the project) that lacks a back-translation, into
    the source language; a back-translation model that is not the drafting one drafts the sources too, for the
    quality estimate's agreement (mt/back_translation.py)."""
    options = back_translate_options()
    second = SecondOpinions(
        opinion_options(drafting_options, options),
        lambda _i, p, name, batch: save_second_opinions(project, p, name, batch),
    )
    source = project.info.source_language
    status = 0
    for language, model in models.items():
        if isinstance(model, NoBackTranslationModel):
            sys.stderr.write(f"{language}: not back-translated: {model}\n")
            status = 1
            continue
        opinion = second_opinion(
            pool.store, model, language, source, drafting.get(language), second.options.cache_key()
        )
        plan = plan_back_translation(
            project, language, model, options.cache_key(), document_id=document_id, second=opinion
        )
        try:
            [result] = run_back_translations(
                [plan],
                pool,
                options,
                lambda _i, p, name, batch: save_back_translations(project, p, name, batch),
                ProgressBar(f"{language}->{source}", stop),
                opinions=second,
            )
        except (KeyboardInterrupt, Cancelled):
            sys.stderr.write("\nstopped: every finished batch is saved; run the same command to continue\n")
            return stop.exit_code
        except ProjectFault:
            sys.stderr.write("\n")
            raise
        print(
            f"{language}: {counted(len(result.segment_ids), 'draft')} back-translated into {source} by {model}: "
            f"{len(plan.from_cache)} from the cache, {result.translated} translated in {result.seconds:.1f} s"
            + (
                f"; {counted(result.opinions, 'second-opinion draft')} into {language} by {opinion.model} for the "
                f"quality estimate's agreement ({result.opinion_seconds:.1f} s of it)"
                if opinion is not None
                else ""
            )
        )
    return status
