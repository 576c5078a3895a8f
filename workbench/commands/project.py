"""The project commands of the CLI: new, import (and its preview), segments, stats, check-project, mark,
settings, and the segmentation check against reference texts (`bench segmentation`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from workbench.commands.team import team_server_line, team_settings_arguments, team_settings_changes
from workbench.commands.values import bounded, language_list, segment_argument, segment_of, target_language
from workbench.context import AppContext
from workbench.core.counted import counted
from workbench.core.errors import ImportProblem, ProjectDamaged, WorkbenchError
from workbench.core.importing.file_import import import_files, prepare_import, supported_extensions
from workbench.core.language.language_rules import TARGET_LANGUAGES
from workbench.core.language.segmentation_check import BoundaryScore, read_reference, score_reference
from workbench.core.language.segmenter import segmenter_for
from workbench.core.records import Role, Status, Translation
from workbench.core.settings import Settings
from workbench.core.store.draft_notes import DraftNote, notes_for
from workbench.core.store.project_health import check_project_file, recovery_advice
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import label_of, segment_label
from workbench.mt.engine import BEAM_SIZES
from workbench.mt.model_store import ModelStore
from workbench.mt.routes import is_route, models_of, parse_route, resolve

#: the source language a project has unless `new --source` says otherwise
SOURCE_LANGUAGE = "vi"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands, each with the handler `commands.main` dispatches to."""
    p = sub.add_parser("new", help="create a project file")
    p.add_argument("project", type=Path)
    p.add_argument("--source", default=SOURCE_LANGUAGE, help=f"source language (default {SOURCE_LANGUAGE})")
    p.add_argument("--targets", default="en,km", type=language_list, help="target languages (default en,km)")
    p.add_argument("--name", help="project name shown in the window (default: the file name)")
    p.set_defaults(handler=_cmd_new)

    p = sub.add_parser("import", help=f"import source files ({supported_extensions()})")
    p.add_argument("project", type=Path)
    p.add_argument("files", type=Path, nargs="+")
    p.add_argument("--encoding", help="force the encoding of text files (utf-8, utf-16, cp1258, tcvn3, vni, ...)")
    p.add_argument("--preview", action="store_true", help="show the segments that would be imported; change nothing")
    p.set_defaults(handler=_cmd_import)

    p = sub.add_parser("segments", help="list segments with their status")
    p.add_argument("project", type=Path)
    p.add_argument("--document", help="only this document (name or id)")
    p.add_argument("--status", choices=[s.value for s in Status], help="only segments with this status")
    p.add_argument("--to", dest="language", help="the target language --status looks at (default: any)")
    p.add_argument("--limit", type=bounded(0))
    p.add_argument("--offset", type=bounded(0), default=0)
    p.add_argument("--json", action="store_true", help="print JSON lines for scripts")
    p.set_defaults(handler=_cmd_segments)

    p = sub.add_parser("stats", help="segment and word counts per document, language and status")
    p.add_argument("project", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_stats)

    p = sub.add_parser("check-project", help="check the whole project file for damage (SQLite's integrity check)")
    p.add_argument("project", type=Path)
    p.set_defaults(handler=_cmd_check_project)

    p = sub.add_parser("mark", help="mark a segment for translation or not")
    p.add_argument("project", type=Path)
    p.add_argument("segment", type=segment_argument, help="segment id or label: 123, 'le-hoi.docx #8' (see `segments`)")
    p.add_argument("--document", help="the document a label '#8' is in")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--translate", action="store_true", help="the segment is to be translated")
    group.add_argument("--skip", metavar="REASON", nargs="?", const="marked by the user", help="not to translate")
    p.set_defaults(handler=_cmd_mark)

    p = sub.add_parser("settings", help="show or change your settings (name, role, models per language, ...)")
    p.add_argument("--user", help="your name, recorded with every change you make")
    p.add_argument("--role", choices=[role.value for role in Role])
    p.add_argument(
        "--model",
        action="append",
        metavar="LANG=NAME",
        help="model for a target language, or a route through another language, e.g. "
        "km=vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M (LANG= clears)",
    )
    p.add_argument("--beam", type=bounded(*BEAM_SIZES), help="beam size for machine translation (1-16)")
    p.add_argument("--khmer-digits", choices=["on", "off"], help="Khmer digits (០-៩) in Khmer drafts")
    p.add_argument("--models-dir", help="folder of installed models (empty: models/ of the installation)")
    p.add_argument(
        "--back-translate",
        choices=["on", "off"],
        help="a Vietnamese back-translation of every machine draft, made after the drafts",
    )
    p.add_argument(
        "--leave-poor-drafts-out",
        choices=["on", "off"],
        help="pre-translation keeps drafts the quality estimate calls poor out of the cell (still suggestions)",
    )
    p.add_argument(
        "--word-scores",
        choices=["on", "off"],
        help="score every word of a draft for the quality estimate (pre-translation about 25%% slower)",
    )
    p.add_argument("--spell-check", choices=["on", "off"], help="spell checking of the target text as you type")
    p.add_argument(
        "--source-spell-check", choices=["on", "off"], help="warn of typos in the imported Vietnamese source"
    )
    p.add_argument(
        "--propagate",
        choices=["translated", "draft", "off"],
        help="confirming a segment fills the other segments with the same source (never over a person's work)",
    )
    team_settings_arguments(p)
    p.set_defaults(handler=_cmd_settings)


def _cmd_new(args: argparse.Namespace, context: AppContext) -> int:
    with Project.create(args.project, args.name or args.project.stem, args.source, args.targets) as project:
        info = project.info
    print(f"created {args.project}: {info.source_language} -> {', '.join(info.target_languages)}")
    return 0


def _cmd_import(args: argparse.Namespace, context: AppContext) -> int:
    if args.preview:
        return _preview(args.files, args.encoding)
    author = context.settings.user_name
    with Project.open(args.project) as project:
        outcomes = import_files(project, args.files, args.encoding, author)
        # As stored: a re-import keeps what the user marked by hand, which the file alone cannot tell.
        skipped_of = {
            o.result.document_id: sum(not s.translatable for s in project.segments(o.result.document_id))
            for o in outcomes
            if o.result is not None
        }
    failed = 0
    for outcome in outcomes:
        if outcome.problem:
            failed += 1
            print(f"error: {outcome.problem}", file=sys.stderr)
            continue
        assert outcome.document is not None and outcome.result is not None
        doc, res = outcome.document, outcome.result
        _print_warnings(doc.warnings)
        skipped = skipped_of[res.document_id]
        what = (
            f"new document, {counted(res.added, 'segment')}"
            if res.created
            else f"updated: {res.unchanged} unchanged, {res.changed} changed, {res.added} added, {res.removed} removed"
        )
        extra = f", {counted(res.imported_translations, 'translation')} imported" if res.imported_translations else ""
        encoding = f", encoding {doc.encoding}" if doc.encoding != doc.format else ""  # a docx has no encoding
        print(f"{outcome.path.name}: {what} ({skipped} not for translation{extra}); format {doc.format}{encoding}")
    return 1 if failed else 0


def _preview(files: Sequence[Path], encoding: str | None) -> int:
    failed = 0
    for path in files:
        try:
            doc = prepare_import(path, encoding)
        except ImportProblem as problem:
            print(f"error: {problem}", file=sys.stderr)
            failed += 1
            continue
        _print_warnings(doc.warnings)
        print(f"== {path.name}: format {doc.format}, encoding {doc.encoding}, {counted(len(doc.segments), 'segment')}")
        for i, seg in enumerate(doc.segments, 1):
            flag = "  " if seg.translatable else "--"
            reason = f" [{seg.skip_reason}]" if seg.skip_reason else ""
            print(f"{i:5} {flag} {seg.source}{reason}")
    return 1 if failed else 0


def _print_warnings(warnings: Sequence[str]) -> None:
    """What a file that was read still asks the user to check (bytes replaced, a declaration overruled)."""
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _cmd_segments(args: argparse.Namespace, context: AppContext) -> int:
    with Project.open(args.project, read_only=True) as project:
        doc_id = project.document_id(args.document)
        status = Status(args.status) if args.status else None
        if args.language:
            target_language(args.language, project.info.target_languages, args.project.name)
        rows = project.segments(doc_id, status, args.language, args.offset, args.limit)
        names = {d.id: d.name for d in project.documents()}
        languages = project.info.target_languages
        notes = {lang: notes_for(project, lang, [s.id for s in rows]) for lang in languages} if args.json else {}
    width = max((len(segment_label(names[s.document_id], s.position)) for s in rows), default=0)
    for seg in rows:
        if args.json:
            print(
                json.dumps(
                    {
                        "id": seg.id,
                        "document": names[seg.document_id],
                        "position": seg.position,
                        "label": segment_label(names[seg.document_id], seg.position),
                        "source": seg.source,
                        "translatable": seg.translatable,
                        "skip_reason": seg.skip_reason,
                        "protected": [[s.kind, s.text] for s in seg.spans],
                        "translations": {
                            lang: _translation_json(t, notes.get(lang, {}).get(seg.id))
                            for lang, t in seg.translations.items()
                        },
                    },
                    ensure_ascii=False,
                )
            )
            continue
        states = " ".join(f"{lang}:{seg.translations[lang].status.value:<12}" for lang in languages)
        skip = f"  [not for translation: {seg.skip_reason}]" if not seg.translatable else ""
        label = segment_label(names[seg.document_id], seg.position)
        print(f"{seg.id:6} {label:<{width}} {states} {seg.source}{skip}")
    return 0


def _translation_json(translation: Translation, note: DraftNote | None) -> dict[str, object]:
    """A translation in `segments --json`; a machine draft still in its cell adds its back-translation (when
    made) and its quality estimate (when made)."""
    shown: dict[str, object] = {"status": translation.status.value, "text": translation.text}
    if note is not None and translation.status is Status.UNTRANSLATED and note.band == "poor":
        # left out of the cell as poor (settings --leave-poor-drafts-out): a script still sees what was offered
        shown["left_out_draft"] = {
            "text": note.draft,
            "model": note.model,
            "quality": {"score": note.quality, "band": note.band, "signals": dict(note.signals)},
        }
        return shown
    if note is None or not note.describes(translation):
        return shown
    if note.back_translation is not None:
        shown["back_translation"] = note.back_translation
    if note.band and note.quality is not None:
        shown["quality"] = {"score": note.quality, "band": note.band, "signals": dict(note.signals)}
    return shown


def _cmd_stats(args: argparse.Namespace, context: AppContext) -> int:
    with Project.open(args.project, read_only=True) as project:
        info = project.info
        stats = project.stats()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "document": s.document.name,
                        "segments": s.document.segment_count,
                        "not_translatable": s.not_translatable,
                        "languages": {
                            lang: {"segments": c.segments, "words": c.words, "by_status": c.by_status}
                            for lang, c in s.languages.items()
                        },
                    }
                    for s in stats
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(
        f"{info.name}: {info.source_language} -> {', '.join(info.target_languages)}, {counted(len(stats), 'document')}"
    )
    statuses = [s.value for s in Status]
    for s in stats:
        print(
            f"\n{s.document.name} ({s.document.format}, {counted(s.document.segment_count, 'segment')}, {s.not_translatable} not for translation)"
        )
        print(f"  {'':4} {'segments':>8} {'words':>7}  " + " ".join(f"{st:>12}" for st in statuses))
        for lang, c in s.languages.items():
            cells = " ".join(f"{c.by_status[st]:>12}" for st in statuses)
            print(f"  {lang:4} {c.segments:>8} {c.words:>7}  {cells}")
    return 0


def _cmd_check_project(args: argparse.Namespace, context: AppContext) -> int:
    """Exit 0 for a sound file, 1 for a damaged one (what is wrong and how to recover is printed)."""
    found = check_project_file(args.project)
    if found.sound:
        try:
            with Project.open(args.project, read_only=True) as project:
                project.read_back_everything()
        except ProjectDamaged as damaged:
            found = replace(found, problems=[damaged.detail or str(damaged)])
    if found.sound:
        print(
            f"{args.project} is sound: SQLite's integrity check found nothing wrong and every text and value "
            f"reads back ({counted(found.documents, 'document')}, {counted(found.segments, 'segment')})"
        )
        return 0
    print(f"{args.project} is damaged:", file=sys.stderr)
    for problem in found.problems:
        print(f"  {problem}", file=sys.stderr)
    print(recovery_advice(args.project), file=sys.stderr)
    return 1


def _cmd_mark(args: argparse.Namespace, context: AppContext) -> int:
    with Project.open(args.project) as project:
        seg = project.set_translatable(
            segment_of(project, args.segment, args.document), args.translate, args.skip or ""
        )
        label = label_of(project, seg.id)
    state = "to translate" if seg.translatable else f"not for translation ({seg.skip_reason})"
    print(f"{label}: {state}")
    return 0


def _cmd_settings(args: argparse.Namespace, context: AppContext) -> int:
    """Show the settings; any option given makes new settings, handed to the context (which saves them)."""
    settings = context.settings
    changes: dict[str, object] = {}
    if args.user is not None:
        changes["user_name"] = args.user
    if args.role is not None:
        changes["role"] = args.role
    if args.model:
        models = dict(settings.mt_models)
        for item in args.model:
            language, _, name = item.partition("=")
            if language not in TARGET_LANGUAGES or not _:
                raise WorkbenchError(f"--model takes LANG=NAME with LANG en or km, not {item!r}")
            if is_route(name) and (end := parse_route(name).hops[-1].target) != language:
                raise WorkbenchError(f"the route {name} ends in {end}, so it cannot be the choice for {language}")
            if name:
                models[language] = name
            else:
                models.pop(language, None)
        changes["mt_models"] = models
    if args.beam is not None:
        changes["beam_size"] = args.beam
    if args.khmer_digits is not None:
        changes["khmer_digits"] = args.khmer_digits == "on"
    if args.models_dir is not None:
        changes["models_dir"] = args.models_dir
    if args.back_translate is not None:
        changes["back_translate"] = args.back_translate == "on"
    if args.leave_poor_drafts_out is not None:
        changes["leave_poor_drafts_out"] = args.leave_poor_drafts_out == "on"
    if args.word_scores is not None:
        changes["word_scores"] = args.word_scores == "on"
    if args.spell_check is not None:
        changes["spell_check"] = args.spell_check == "on"
    if args.source_spell_check is not None:
        changes["spell_check_source"] = args.source_spell_check == "on"
    if args.propagate is not None:
        changes["propagate_repetitions"] = args.propagate
    changes.update(team_settings_changes(args, settings))
    if changes:
        context.update_settings(replace(settings, **changes))  # type: ignore[arg-type]
        settings = context.settings
    if args.model:
        _note_unknown_models(settings, context.models)
    models_shown = ", ".join(f"{k}={v}" for k, v in sorted(settings.mt_models.items())) or "catalogue defaults"
    print(f"user: {settings.user_name} ({settings.role})")
    print(f"models: {models_shown}; beam {settings.beam_size}; Khmer digits {'on' if settings.khmer_digits else 'off'}")
    print(f"models folder: {settings.models_path() or 'models/ of the installation'}")
    print(
        f"back-translation {'on' if settings.back_translate else 'off'}; "
        f"poor drafts {'left out of the cell' if settings.leave_poor_drafts_out else 'kept in the cell'}; "
        f"word scores {'on' if settings.word_scores else 'off'}"
    )
    print(
        f"spell check {'on' if settings.spell_check else 'off'} "
        f"(source {'on' if settings.spell_check_source else 'off'}); "
        f"repetitions {_PROPAGATION.get(settings.propagate_repetitions, settings.propagate_repetitions)}"
    )
    print(team_server_line(settings))
    return 0


_PROPAGATION = {"translated": "filled as translated", "draft": "filled as drafts", "off": "not filled"}


def _note_unknown_models(settings: Settings, store: ModelStore) -> None:
    """A model chosen by name that is neither installed nor in the catalogue is most likely a typo; an
    installed choice is checked as translate will check it (from Vietnamese, the projects' usual source)."""
    installed = {m.name for m in store.installed()}
    known = installed | {e.name for e in store.catalogue.entries}
    for language, choice in sorted(settings.mt_models.items()):
        try:
            names = models_of(choice)
        except WorkbenchError as exc:  # a hand-edited settings file
            print(f"note: the choice for {language} is not usable: {exc}")
            continue
        for name in names:
            if name not in known:
                print(
                    f"note: {name} ({language}) is not installed and not in the model catalogue; "
                    "`python main.py models list` shows the names (translate refuses it until it is installed)"
                )
        if all(name in installed for name in names):
            try:  # installed, yet perhaps not into this language (opus-mt-vi-en for km, a hop reversed)
                resolve(choice, store, SOURCE_LANGUAGE, language)
            except WorkbenchError as exc:
                print(f"note: the choice for {language} cannot be used: {exc}")


def bench_segmentation(references: Sequence[Path]) -> int:
    """Boundary precision, recall and F1 per reference and pooled, then every paragraph segmented differently."""
    segmenter = segmenter_for("vi")
    scores = [(path, score_reference(read_reference(path), segmenter)) for path in references]

    def line(name: str, score: BoundaryScore) -> str:
        return (
            f"{name}: {score.sentences} sentences, boundary precision {score.precision:.3f}, "
            f"recall {score.recall:.3f}, F1 {score.f1:.3f}"
        )

    for path, score in scores:
        print(line(path.name, score))
    if len(scores) > 1:
        print(line("overall", sum((score for _, score in scores), BoundaryScore(0, 0, 0, []))))
    for path, score in scores:
        for want, got in score.mismatches:
            print(f"{path.name}:\n  expected: {want}\n  got:      {got}")
    return 0
