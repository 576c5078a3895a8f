"""The CLI of scriptable edits: `edit` one segment's translation, `confirm` drafts as Ctrl+Enter does.

Both go through core/ops/confirmation, by the window's rules: the text is recorded as the user's (settings
or --user), a confirmed text fills its repetitions as `settings --propagate` says and teaches the shared
memory, and a segment that cannot be edited is refused with nothing changed. `edit --text ""` clears the
segment (untranslated again), as emptying a cell in the window does. A segment is named by its
id or its label (`le-hoi.docx #8`, or `#8` with --document), as `segments` lists them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands.review import shared_memory_for
from workbench.commands.values import segment_argument, segment_list, segment_of, target_language
from workbench.context import AppContext
from workbench.core.counted import counted, plural
from workbench.core.errors import WorkbenchError
from workbench.core.ops.approval import approval_blockers
from workbench.core.ops.confirmation import confirm_drafts, edit_segment
from workbench.core.records import Status
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import labels_for


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `edit` and `confirm`, each with the handler `commands.main` dispatches to."""
    p = sub.add_parser("edit", help="write one segment's translation (as typed in the grid), optionally confirmed")
    p.add_argument("project", type=Path)
    p.add_argument("segment", type=segment_argument, help="segment id or label: 123, 'le-hoi.docx #8'")
    p.add_argument("--to", dest="language", required=True)
    p.add_argument(
        "--text",
        required=True,
        help="the translation ('-': read it from standard input; '': clear it, untranslated again)",
    )
    p.add_argument("--confirm", action="store_true", help="confirm it (translated), as Ctrl+Enter does")
    p.add_argument("--document", help="the document a label '#8' is in")
    p.add_argument("--user", help="the name recorded with the change (default: settings)")
    p.set_defaults(handler=_cmd_edit)

    p = sub.add_parser("confirm", help="confirm the drafts with text (they become translated), as Ctrl+Enter does")
    p.add_argument("project", type=Path)
    p.add_argument("--to", dest="language", required=True)
    p.add_argument("--document", help="only this document")
    p.add_argument("--segments", help="only these segments: ids or labels, comma-separated")
    p.add_argument("--user", help="the name recorded with the change (default: settings)")
    p.set_defaults(handler=_cmd_confirm)


#: the most `--text -` reads: far beyond any segment, and never a whole file piped in by mistake
STDIN_LIMIT = 1_000_000


def _text(value: str) -> str:
    if value != "-":
        return value
    data = sys.stdin.buffer.read(STDIN_LIMIT + 1)
    if len(data) > STDIN_LIMIT:
        raise WorkbenchError(f"standard input (--text -) holds more than {STDIN_LIMIT:,} bytes: not one segment")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkbenchError(f"standard input (--text -) is not UTF-8 text (byte {exc.start})") from None
    return text[:-1] if text.endswith("\n") else text  # `echo "…" |` adds the newline nobody typed


def _cmd_edit(args: argparse.Namespace, context: AppContext) -> int:
    settings = context.settings
    author = args.user or settings.user_name
    text = _text(args.text)
    with Project.open(args.project) as project, shared_memory_for(context) as memory:
        language = target_language(args.language, project.info.target_languages, args.project.name)
        if args.document:
            project.document_id(args.document)  # an unknown document is named as such
        segment_id = segment_of(project, args.segment, args.document)
        outcome = edit_segment(
            project, segment_id, language, text, author, args.confirm, settings.propagate_repetitions, memory
        )
    state = outcome.after.status.value
    if not outcome.changed:
        print(f"{outcome.label} ({language}): unchanged, {state}")
    elif outcome.after.status is Status.UNTRANSLATED:
        print(f"{outcome.label} ({language}): cleared by {author}: untranslated again (the text was empty)")
    else:
        print(f"{outcome.label} ({language}): {state} by {author}")
        if outcome.before.status is Status.APPROVED:
            print("  it was approved: an editor approves the new text again")
    if outcome.propagated or outcome.kept:
        print(f"  {_repetitions(outcome.propagated, outcome.kept, settings.propagate_repetitions)}")
    return 0


def _repetitions(filled: tuple[int, ...], kept: tuple[int, ...], mode: str) -> str:
    """What a confirmation did to its repetitions: how many it filled, how many a person's text kept."""
    if not filled:
        return f"{counted(len(kept), 'repetition')} of the same source left: a person's text"
    said = f"{counted(len(filled), 'repetition')} of the same source filled ({mode})"
    return f"{said}, {len(kept)} left: a person's text" if kept else said


def _cmd_confirm(args: argparse.Namespace, context: AppContext) -> int:
    settings = context.settings
    author = args.user or settings.user_name
    with Project.open(args.project) as project, shared_memory_for(context) as memory:
        language = target_language(args.language, project.info.target_languages, args.project.name)
        document_id = project.document_id(args.document)
        asked = segment_list(project, args.segments, args.document) if args.segments else None
        if asked is not None and not asked:
            raise WorkbenchError("--segments names no segment")
        outcome = confirm_drafts(project, language, author, document_id, asked, settings.propagate_repetitions, memory)
        labels = labels_for(project, [*outcome.empty, *(sid for sid, _ in outcome.not_drafts)])
        counts = approval_blockers(project, language, document_id) if asked is None else {}
    print(f"{counted(len(outcome.confirmed), 'draft')} confirmed in {language} by {author}")
    if not outcome.confirmed and not outcome.empty and asked is None:
        print(f"  nothing to confirm: {_no_drafts(counts)}")
    if outcome.propagated or outcome.kept:
        print(f"  {_repetitions(outcome.propagated, outcome.kept, settings.propagate_repetitions)}")
    if outcome.empty:
        n = len(outcome.empty)
        print(f"  {counted(n, 'empty draft')} left as {plural(n, 'it is', 'they are')}: there is no text to confirm")
        if asked is not None:
            for segment_id in outcome.empty:
                print(f"  not confirmed: {labels.get(segment_id, segment_id)}: empty draft")
    for segment_id, status in outcome.not_drafts:
        print(f"  not confirmed: {labels.get(segment_id, segment_id)}: {_not_a_draft(status)}")
    refused = asked is not None and bool(outcome.empty or outcome.not_drafts)
    return 1 if refused else 0


def _no_drafts(counts: dict[Status, int]) -> str:
    """Why there was no draft to confirm: what the segments are instead."""
    said = {
        Status.UNTRANSLATED: "untranslated",
        Status.TRANSLATED: "already confirmed",
        Status.APPROVED: "approved",
        Status.NEEDS_WORK: "sent back (needs work)",
    }
    parts = [f"{counted(counts[status], 'segment')} {words}" for status, words in said.items() if counts.get(status)]
    return "no drafts; " + ", ".join(parts) if parts else "there are no segments for translation"


def _not_a_draft(status: Status) -> str:
    return {
        Status.UNTRANSLATED: "untranslated: there is no draft to confirm",
        Status.TRANSLATED: "already confirmed",
        Status.APPROVED: "already approved",
        Status.NEEDS_WORK: "sent back (needs work): edit it with `edit … --confirm`",
    }.get(status, status.value)
