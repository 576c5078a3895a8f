"""The CLI of review and export: `approve`, `send-back`, `export`, `handoff`, `merge`, `report`.

Roles come from the settings or `--as`, exactly as in the window: only an editor approves or sends back.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.commands.values import (
    language_list,
    segment_argument,
    segment_list,
    segment_of,
    target_languages,
)
from workbench.context import AppContext
from workbench.core.counted import counted, plural
from workbench.core.errors import WorkbenchError
from workbench.core.exporting.export_formats import FORMATS, HANDOFF_FORMATS, export, handoff
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.approval import (
    approval_blockers,
    approve,
    awaiting_approval,
    send_back,
    was_sent_back,
    why_nothing_approved,
)
from workbench.core.ops.merge_back import MergePlan, Outcome, apply_merge, plan_merge, summary, would_write
from workbench.core.quality.calibration import band_calibration, format_calibration
from workbench.core.records import Role
from workbench.core.review.post_edit_report import format_report, post_edit_report
from workbench.core.store.project_store import Project
from workbench.core.store.segment_comments import comment
from workbench.core.store.segment_numbers import label_of, labels_for

ROLES = [str(role) for role in Role]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this group's commands, each with the handler `commands.main` dispatches to."""
    p = sub.add_parser("approve", help="editors: approve the translated segments of a language")
    p.add_argument("project", type=Path)
    p.add_argument("--to", dest="language", required=True)
    p.add_argument("--document")
    p.add_argument("--segments", help="only these segments: ids or labels ('le-hoi.docx #8'), comma-separated")
    p.add_argument("--as", dest="role", choices=ROLES, help="the role to act in (default: settings)")
    p.add_argument("--dry-run", action="store_true", help="list what would be approved, approve nothing")
    p.set_defaults(handler=cmd_approve)

    p = sub.add_parser("send-back", help="editors: return a translation to the translator with a comment")
    p.add_argument("project", type=Path)
    p.add_argument("segment", type=segment_argument, help="segment id or label: 123, 'le-hoi.docx #8'")
    p.add_argument("--to", dest="language", required=True)
    p.add_argument("--comment", required=True, help="what needs work (the translator reads it)")
    p.add_argument("--document", help="the document a label '#8' is in")
    p.add_argument("--as", dest="role", choices=ROLES)
    p.set_defaults(handler=cmd_send_back)

    p = sub.add_parser("export", help="write one target language: only approved text unless asked")
    p.add_argument("project", type=Path)
    p.add_argument("--to", dest="language", required=True, help="en or km (tmx: en,km for both in one file)")
    p.add_argument("--format", choices=list(FORMATS), default="po")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--document", help="the document (txt, docx and html are of one document)")
    p.add_argument("--include-unapproved", action="store_true", help="also translated text (fuzzy in PO)")
    p.add_argument(
        "--fallback", choices=["source", "placeholder"], default="source",
        help="txt/docx/html: what stands for a segment without exported text",
    )  # fmt: skip
    p.add_argument("--no-checks", action="store_true", help="skip the quality checks of the exported text")
    p.add_argument(
        "--leave-out-not-for-translation", action="store_true",
        help="txt/docx/html: leave out captions, bylines and text marked not for translation (kept as written "
        "by default; page furniture is always left out, and listed)",
    )  # fmt: skip
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("handoff", help="every segment's current text as XLIFF or PO, for a translator elsewhere")
    p.add_argument("project", type=Path)
    p.add_argument("--to", dest="language", required=True)
    p.add_argument("--format", choices=HANDOFF_FORMATS, default="xliff")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--document")
    p.set_defaults(handler=cmd_handoff)

    p = sub.add_parser("merge", help="bring back a hand-off file: approved text is never overwritten silently")
    p.add_argument("project", type=Path)
    p.add_argument("file", type=Path, help="the returned .xlf/.xliff or .po file")
    p.add_argument("--to", dest="language", required=True)
    p.add_argument("--dry-run", action="store_true", help="only list what would change")
    p.add_argument(
        "--take", default="", help="conflicts to resolve with the file's text: segment ids or labels, or 'all'"
    )
    p.add_argument("--skip-mismatched", action="store_true", help="merge the rest when some sources differ")
    p.set_defaults(handler=cmd_merge)

    p = sub.add_parser(
        "report",
        help="post-editing report: how much people changed each model's drafts, and how well the quality bands predicted it",
    )
    p.add_argument("project", type=Path)
    p.add_argument("--to", dest="language", required=True)
    p.set_defaults(handler=cmd_report)


def _language(args: argparse.Namespace, project: Project, several: bool = False) -> str:
    """`--to` checked against the project's targets (a typo is an error, not an empty result)."""
    args.language = ",".join(target_languages(args.language, project.info.target_languages, args.project.name, several))
    return str(args.language)


def _not_approved(
    project: Project, language: str, asked: list[int], approved: set[int], document_id: int | None
) -> list[str]:
    """Why each segment asked for by id was not approved: silence would read as 'done'."""
    reasons = []
    left = [i for i in asked if i not in approved]
    labels = labels_for(project, left)
    segments = {s.id: s for s in project.segments_by_ids(left)}  # one query for a batch, not one a segment
    for segment_id in left:
        segment = segments.get(segment_id)
        if segment is None:
            reasons.append(f"segment {segment_id}: there is no such segment in {project.path.name}")
            continue
        label = labels.get(segment_id, f"segment {segment_id} (removed)")
        if document_id is not None and segment.document_id != document_id:
            reasons.append(f"{label}: not in the document asked for")
            continue
        if not segment.translatable:
            reasons.append(f"{label}: not for translation")
            continue
        translation = segment.translations.get(language)
        status = translation.status.value if translation is not None else "untranslated"
        why = "already approved" if status == "approved" else f"{status}: only text a person confirmed is approved"
        reasons.append(f"{label}: {why}")
    return reasons


def cmd_approve(args: argparse.Namespace, context: AppContext) -> int:
    settings = context.settings
    if args.dry_run:
        with Project.open(args.project, read_only=True) as project:
            _language(args, project)
            asked = segment_list(project, args.segments, args.document) if args.segments else None
            ready = awaiting_approval(project, args.language, project.document_id(args.document), asked)
            labels = labels_for(project, [s.id for s in ready])
        for segment in ready:
            print(
                f"{labels.get(segment.id, segment.id)}\t{segment.source}\n\t{segment.translations[args.language].text}"
            )
        print(f"{counted(len(ready), 'translated segment')} would be approved in {args.language}")
        return 0
    with Project.open(args.project) as project, shared_memory_for(context) as memory:
        _language(args, project)
        document_id = project.document_id(args.document)
        asked = segment_list(project, args.segments, args.document) if args.segments else []
        approved = approve(
            project, args.language, settings.user_name, args.role or settings.role, document_id,
            asked or None, memory,
        ).segment_ids  # fmt: skip
        refused = _not_approved(project, args.language, asked, set(approved), document_id)
        why = why_nothing_approved(approval_blockers(project, args.language, document_id, asked or None))
    print(f"{counted(len(approved), 'segment')} approved in {args.language} by {settings.user_name}")
    if not approved and not asked:
        print(f"  nothing to approve: {why}")
    for line in refused:
        print(f"  not approved: {line}")
    return 1 if refused else 0


@contextmanager
def shared_memory_for(context: AppContext) -> Iterator[SharedMemory | None]:
    """The shared memory for an approval or a merge to teach, closed afterwards; None (with a note on stderr)
    when it cannot be opened: the project's change is still made, only the memory does not learn it."""
    try:
        memory = context.open_shared_memory()
    except WorkbenchError as exc:
        print(f"note: the shared memory does not learn this: {exc}", file=sys.stderr)
        yield None
        return
    try:
        yield memory
    finally:
        memory.close()


def cmd_send_back(args: argparse.Namespace, context: AppContext) -> int:
    settings = context.settings
    with Project.open(args.project) as project:
        _language(args, project)
        segment_id = segment_of(project, args.segment, args.document)
        before = (
            comment(project, segment_id, args.language) if was_sent_back(project, segment_id, args.language) else None
        )
        changed = send_back(
            project, segment_id, args.language, args.comment, settings.user_name, args.role or settings.role
        )
        label = label_of(project, segment_id)
    if before is None:
        print(f"{label} ({args.language}) sent back: {args.comment}")
    elif not changed:
        print(f"note: {label} ({args.language}) was already sent back with this comment; nothing changed")
    else:
        print(f"note: {label} ({args.language}) was already sent back ({before!r}); its comment is now: {args.comment}")
    return 0


def cmd_export(args: argparse.Namespace, context: AppContext) -> int:
    with Project.open(args.project, read_only=True) as project:
        _language(args, project, several=True)
        report = export(
            project, args.format, language_list(args.language), args.output,
            project.document_id(args.document), args.include_unapproved, args.fallback, context.settings.user_name,
            check=not args.no_checks, leave_out_not_for_translation=args.leave_out_not_for_translation,
        )  # fmt: skip
    for line in report.lines():
        print(line)
    return 0


def cmd_handoff(args: argparse.Namespace, context: AppContext) -> int:
    with Project.open(args.project, read_only=True) as project:
        _language(args, project)
        report = handoff(
            project, args.format, args.language, args.output, project.document_id(args.document),
            context.settings.user_name,
        )  # fmt: skip
    print(report.summary())
    return 0


_PLAN_OUTCOMES = ((Outcome.CONFLICT, "conflict"), (Outcome.MISMATCH, "source differs"),
                  (Outcome.UNKNOWN, "not in this project"), (Outcome.DUPLICATE, "left out"),
                  (Outcome.UPDATE, "update"))  # fmt: skip
_PLAN_ROWS_SHOWN = 20


def _print_plan(project: Project, plan: MergePlan) -> None:
    """The summary and what to know about the file, then the rows that change something or need a look,
    each by its label (`le-hoi.docx #8`: the number the grid shows) with the rule that matched it."""
    print(summary(plan))
    for note in plan.notes:
        print(f"  note: {note}")
    shown = [row.segment_id for outcome, _ in _PLAN_OUTCOMES for row in plan.of(outcome)[:_PLAN_ROWS_SHOWN]]
    labels = labels_for(project, [i for i in shown if i is not None])  # one query for every line printed
    for outcome, label in _PLAN_OUTCOMES:
        rows = plan.of(outcome)
        for row in rows[:_PLAN_ROWS_SHOWN]:
            place = (
                labels.get(row.segment_id, f"segment {row.segment_id} (removed)")
                if row.segment_id is not None
                else repr(row.context)
            )
            rule = f" (matched by {row.matched_by})" if row.matched_by else ""
            here, there = _shown(row.current_text), _shown(row.text)
            print(f"  {label}: {place}{rule}: here {here!r}, file {there!r} {row.why}".rstrip())
        if len(rows) > _PLAN_ROWS_SHOWN:
            print(f"  … and {len(rows) - _PLAN_ROWS_SHOWN} more ({label})")


def _refuse_wrong_take(project: Project, plan: MergePlan, take: list[int], conflicts: list[int]) -> None:
    """`--take` naming a segment that is no conflict of this merge is refused by its label (the core's
    check_take refuses it too, by id), before anything is written; ten of each are named, in one query."""
    known = set(conflicts)
    wrong = [i for i in take if i not in known]
    if not wrong:
        return
    labels = labels_for(project, [*wrong[:10], *conflicts[:10]])

    def named(ids: list[int]) -> str:
        listed = ", ".join(labels.get(i, f"segment {i}") for i in ids[:10])
        return listed + (f" and {len(ids) - 10:,} more" if len(ids) > 10 else "")

    raise WorkbenchError(
        f"{plan.path.name}: {named(wrong)} {plural(len(wrong), 'is')} not a conflict of this merge"
        f" (its conflicts: {named(conflicts) or 'none'}); nothing was merged"
    )


def _shown(text: str, length: int = 80) -> str:
    """A text as a plan line quotes it: a 10 MB translation must not flood the terminal."""
    return text if len(text) <= length else text[: length - 1] + "…"


def cmd_merge(args: argparse.Namespace, context: AppContext) -> int:
    settings = context.settings
    with Project.open(args.project, read_only=args.dry_run) as project:
        plan = plan_merge(project, args.file, args.language)
        _print_plan(project, plan)
        conflicts = [row.segment_id for row in plan.of(Outcome.CONFLICT) if row.segment_id is not None]
        take = conflicts if args.take.strip() == "all" else segment_list(project, args.take)
        taken = set(take)  # `--take all` of 50,000 conflicts: one look-up each, not a scan of the list
        _refuse_wrong_take(project, plan, take, conflicts)
        left = [c for c in conflicts if c not in taken]
        if args.dry_run:
            mismatched = len(plan.of(Outcome.MISMATCH))
            if mismatched and not args.skip_mismatched:
                print(f"dry run: nothing written; the merge would refuse the file: {counted(mismatched, 'unit')} "
                      f"{plural(mismatched, 'has')} another source (leave them out with --skip-mismatched)")  # fmt: skip
            else:
                print(f"dry run: nothing written; the merge would write {counted(len(would_write(plan, take)), 'segment')} "
                      f"and leave {counted(len(left), 'conflict')} as they are")  # fmt: skip
            return 0
        with shared_memory_for(context) as memory:
            written = apply_merge(project, plan, settings.user_name, take, args.skip_mismatched, memory).segment_ids
        example = ",".join(labels_for(project, left[:2]).values())  # what to type, in the user's own numbers
    print(f"{counted(len(written), 'segment')} written; {counted(len(left), 'conflict')} left as they are"
          + (f" (resolve with --take {example!r}{' …' if len(left) > 2 else ''} or --take all)" if left else ""))  # fmt: skip
    return 0


def cmd_report(args: argparse.Namespace, context: AppContext) -> int:
    with Project.open(args.project, read_only=True) as project:
        _language(args, project)
        for line in format_report(post_edit_report(project, args.language)):
            print(line)
        for line in format_calibration(
            band_calibration(project, args.language), "quality bands (as estimated when drafted)"
        ):
            print(line)
    return 0
