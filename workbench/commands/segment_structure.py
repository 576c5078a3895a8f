"""The CLI of split and join: the same core operations as Segment > Split and Join in the window.

`split P SEG --before WORDS` cuts the segment before those words, found across tags (or `--at N`, a
character position in the source as stored, its tag markers such as `<b1>` counting character by character);
`join P SEG` joins it with the next segment of its paragraph. Either may keep the place for the next
imports (`--keep`: an exception in the project's segmentation). A segment is named by its id or its label
(`le-hoi.docx #8`, or `#8` with --document). There is no undo here: `join` puts the text of a `split` back
together, but not exactly as it was (the joined translation is marked for review and takes the lower of the
two statuses), and a `split` at the same place takes a join apart; each is written in the revisions.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands.values import bounded, segment_argument, segment_of
from workbench.context import AppContext
from workbench.core.errors import WorkbenchError
from workbench.core.importing.segmentation_exceptions import SegmentationException, add_exception, exception_at
from workbench.core.ops.segment_structure import join_segments, next_segment, split_segment
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import label_of
from workbench.core.tags.tag_cuts import place_of


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `split` and `join`, each with the handler `commands.main` dispatches to."""
    p = sub.add_parser("split", help="split a segment in two within its paragraph (its translation goes to the first)")
    p.add_argument("project", type=Path)
    p.add_argument("segment", type=segment_argument, help="segment id or label: 123, 'le-hoi.docx #8'")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--before", help="the second part starts with these words (their first occurrence)")
    where.add_argument(
        "--at",
        type=bounded(0),
        help="the second part starts at this character of the source as stored (a tag marker such as <b1> counts its characters)",
    )
    p.add_argument("--document", help="the document a label '#8' is in")
    p.add_argument("--keep", action="store_true", help="also always break here in later imports (an exception)")
    p.add_argument("--user", help="the name recorded with the change (default: settings)")
    p.set_defaults(handler=_cmd_split)

    p = sub.add_parser("join", help="join a segment with the next one of its paragraph (translations joined too)")
    p.add_argument("project", type=Path)
    p.add_argument("segment", type=segment_argument, help="segment id or label: 123, 'le-hoi.docx #8'")
    p.add_argument("--document", help="the document a label '#8' is in")
    p.add_argument("--keep", action="store_true", help="also never break here in later imports (an exception)")
    p.add_argument("--user", help="the name recorded with the change (default: settings)")
    p.set_defaults(handler=_cmd_join)


def _cmd_split(args: argparse.Namespace, context: AppContext) -> int:
    author = args.user or context.settings.user_name
    with Project.open(args.project) as project:
        segment_id = segment_of(project, args.segment, args.document)
        label = label_of(project, segment_id)
        segment = project.segment(segment_id)
        source = segment.source
        at = args.at
        if args.before is not None:
            at = place_of(source, segment.tags, args.before) if args.before.strip() else -1
            if at < 0:
                raise WorkbenchError(f"{label} has no {args.before!r}: give words of its source")
        result = split_segment(project, segment_id, at, author)
        first, second = project.segments_by_ids([result.segment_id, result.new_segment_id])
        print(f"{label} split: {first.source!r} | {second.source!r} (now {label_of(project, second.id)})")
        if any(t.text for t in first.translations.values()):
            print("  its translation stays on the first part, as a draft to review")
        if args.keep:
            _keep(project, exception_at(source[: result.at], source[result.at :], breaks=True))
    return 0


def _cmd_join(args: argparse.Namespace, context: AppContext) -> int:
    author = args.user or context.settings.user_name
    with Project.open(args.project) as project:
        segment_id = segment_of(project, args.segment, args.document)
        label = label_of(project, segment_id)
        following = next_segment(project, segment_id)
        sources = [s.source for s in project.segments_by_ids([segment_id, following])] if following else []
        result = join_segments(project, segment_id, author)
        joined = project.segment(result.segment_id)
        print(f"{label} joined with the next segment: {joined.source!r}")
        for language, translation in joined.translations.items():
            if translation.text:
                print(f"  {language}: {translation.status.value}")
        if args.keep and len(sources) == 2:
            _keep(project, exception_at(sources[0], sources[1], breaks=False))
    return 0


def _keep(project: Project, exception: SegmentationException) -> None:
    added = add_exception(project, exception)
    print(f"  later imports: {exception.describe()}{'' if added else ' (already kept)'}")
