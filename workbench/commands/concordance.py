"""`concordance P "văn hóa đối ngoại" [--to km]`: every occurrence of some words in the project's segments,
its memory and the shared memory (core/memory/concordance), the words marked, the translations beside.

The match is marked «like this» (in colour on a terminal); `--json` gives the hits with their character
spans for scripts. The words are searched literally: punctuation in the query is ignored, and said so.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from contextlib import closing
from pathlib import Path

from workbench.commands.values import target_languages
from workbench.context import AppContext
from workbench.core.memory.concordance import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    SCAN_LIMIT_NOTE,
    ConcordanceHit,
    read_query,
    search_concordance,
)
from workbench.core.store.project_store import Project


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "concordance",
        help="every occurrence of some words in the project and the memories, with their translations",
        description="Search the Vietnamese sources of the project's segments, its memory and the shared "
        "memory for some words (literally: no wildcards; punctuation is ignored), newest first, with their "
        "translations.",
    )
    p.add_argument("project", type=Path)
    p.add_argument("query", help='the words, e.g. "văn hóa đối ngoại"')
    p.add_argument("--to", dest="language", default="", help="only this target language's translations (en, km)")
    p.add_argument("--diacritic-blind", action="store_true", help="van hoa finds văn hóa (and đ is d)")
    p.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        help=f"at most this many hits, 1-{MAX_LIMIT} (default {DEFAULT_LIMIT})",
    )
    p.add_argument("--json", action="store_true", help="print the hits as JSON (with character spans)")
    p.set_defaults(handler=_cmd)


def _cmd(args: argparse.Namespace, context: AppContext) -> int:
    read = read_query(args.query, args.diacritic_blind)  # a bad query is refused before any file is opened
    with Project.open(args.project, read_only=True) as project, closing(context.open_memories(project)) as memories:
        language = None
        if args.language:
            language = target_languages(args.language, project.info.target_languages, project.path.name, False)[0]
        result = search_concordance(memories, args.query, language, args.diacritic_blind, args.limit)
    hits = result.hits
    if args.json:
        if result.scan_limit_reached:  # said beside the JSON, which stays a list of hits
            print(f"note: {SCAN_LIMIT_NOTE}", file=sys.stderr)
        print(json.dumps([_as_dict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if result.scan_limit_reached:
        print(f"({SCAN_LIMIT_NOTE})")
    colour = sys.stdout.isatty()
    words = " ".join(read.words)
    if read.ignored_punctuation:
        print(f"(searching for the words {words!r}: punctuation and symbols in a query are ignored)")
    if not hits:
        print(f"no occurrence of {words!r} in the project or the memories")
        if not args.diacritic_blind and not has_vietnamese_marks(words):
            print(f"  the query has no Vietnamese marks: --diacritic-blind finds {words!r} written with them too")
        return 0
    more = " (the newest; --limit for more)" if len(hits) == args.limit else ""
    print(f"{len(hits)} {'hit' if len(hits) == 1 else 'hits'} for {args.query.strip()!r}, newest first{more}:")
    for hit in hits:
        print()
        print(f"{hit.where} · {hit.updated_at[:16].replace('T', ' ')}")
        print(f"  vi  {marked(hit, colour)}")
        for lang, text in sorted(hit.translations.items()):
            status = f" ({hit.statuses[lang]})" if lang in hit.statuses else ""
            print(f"  {lang}  {text}{status}")
    return 0


def has_vietnamese_marks(text: str) -> bool:
    """Whether `text` has a tone or vowel mark, or đ: a query typed without them (on a keyboard with no
    Vietnamese input) finds nothing literally, and the user should hear of --diacritic-blind."""
    return any(unicodedata.combining(c) or c in "đĐ" for c in unicodedata.normalize("NFD", text))


def marked(hit: ConcordanceHit, colour: bool = False) -> str:
    """The source with each match «marked» (bold on a terminal)."""
    opening, closing_mark = ("\x1b[1;33m", "\x1b[0m") if colour else ("«", "»")
    parts, last = [], 0
    for start, end in hit.spans:
        parts += [hit.source[last:start], opening, hit.source[start:end], closing_mark]
        last = end
    parts.append(hit.source[last:])
    return "".join(parts)


def _as_dict(hit: ConcordanceHit) -> dict[str, object]:
    return {
        "where": hit.where, "segment_id": hit.segment_id, "source": hit.source, "spans": [list(s) for s in hit.spans],
        "translations": hit.translations, "statuses": hit.statuses, "updated_at": hit.updated_at,
    }  # fmt: skip
