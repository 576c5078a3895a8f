"""An analysis laid out for people and spreadsheets: the CSV the CLI and the window write, the terminal's
table, and the cells of the window's table (one column per category, one measure at a time).

The CSV is long ("tidy"): one line per document, target language and category, with the four measures,
so every language fits in one file and a spreadsheet's pivot table regroups it as an office likes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from workbench.core.exporting.export_target import atomic_write_bytes, refuse_protected
from workbench.core.ops.analysis import BAND_NAMES, NO_MATCH, Analysis, AnalysisRow, Counts
from workbench.core.store.project_store import Project

#: categories of the source alone, then those of each target language
SOURCE_CATEGORIES = ("all", "repetitions")
LANGUAGE_CATEGORIES = (*BAND_NAMES, "mt-drafts", "translated", "approved", "target-text")
#: the window's and the terminal's columns, in order (the target text is left to the CSV and JSON)
COLUMNS = (*SOURCE_CATEGORIES, *BAND_NAMES, "mt-drafts", "translated", "approved")
MEASURES = ("segments", "words", "characters", "characters_no_spaces")
CSV_HEADER = ("document", "language", "category", *MEASURES)
_TERMINAL_NAMES = {"all": "all", "repetitions": "repeated", NO_MATCH: "no match", "mt-drafts": "MT drafts"}


def counts_of(row: AnalysisRow, language: str, category: str) -> Counts:
    """The counts of one category of a row; bands and progress are per target language."""
    if category == "all":
        return row.all
    if category == "repetitions":
        return row.repetitions
    figures = row.languages[language]
    if category in figures.bands:
        return figures.bands[category]
    parts = {
        "mt-drafts": figures.mt_drafts,
        "translated": figures.translated,
        "approved": figures.approved,
        "target-text": figures.target,
    }
    return parts[category]


def measure_of(counts: Counts, measure: str) -> int:
    if measure not in MEASURES:
        raise ValueError(f"no measure {measure!r}")
    value: int = getattr(counts, measure)
    return value


def csv_lines(analysis: Analysis) -> Iterator[tuple[str | int, ...]]:
    """The CSV's lines after its header: the source's categories (language empty), then each language's."""
    for row in analysis.rows():
        for category in SOURCE_CATEGORIES:
            yield _line(row.name, "", category, counts_of(row, "", category))
        yield (row.name, "", "not-translatable", row.not_translatable, "", "", "")
        for language in analysis.languages:
            for category in LANGUAGE_CATEGORIES:
                yield _line(row.name, language, category, counts_of(row, language, category))


def _line(document: str, language: str, category: str, counts: Counts) -> tuple[str | int, ...]:
    return (document, language, category, *(measure_of(counts, m) for m in MEASURES))


def write_csv(analysis: Analysis, stream: TextIO) -> None:
    """The analysis as CSV (the caller chooses the encoding: UTF-8 with a BOM for a file a spreadsheet opens)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_lines(analysis))


def csv_bytes(analysis: Analysis) -> bytes:
    """The CSV file's bytes: UTF-8 with a byte-order mark, without which Excel reads Vietnamese and Khmer
    in the computer's ANSI code page (LibreOffice and Python's "utf-8-sig" read the mark as what it is)."""
    text = io.StringIO()
    write_csv(analysis, text)
    return text.getvalue().encode("utf-8-sig")


def save_csv(analysis: Analysis, path: Path, project: Project | None = None) -> None:
    """Write the CSV file in one piece, never over the project file, its journal or an imported source."""
    refuse_protected(path, project)
    atomic_write_bytes(path, csv_bytes(analysis))


def terminal_table(analysis: Analysis, measure: str = "words") -> list[str]:
    """The readable table of `analyze`: per target language, a line per document and the total."""
    lines = [
        f"{analysis.project}: {analysis.source_language} -> {', '.join(analysis.languages)}; "
        f"{analysis.total.all.segments} segments, {analysis.total.all.words} words, "
        f"{analysis.total.all.characters} characters ({analysis.total.all.characters_no_spaces} without spaces); "
        f"{analysis.total.not_translatable} not for translation"
    ]
    width = max([len(row.name) for row in analysis.rows()] + [8])
    heads = [_TERMINAL_NAMES.get(c, c) for c in COLUMNS]
    for language in analysis.languages:
        table = [[str(measure_of(counts_of(row, language, c), measure)) for c in COLUMNS] for row in analysis.rows()]
        cells = [max(len(head), *(len(values[i]) for values in table)) for i, head in enumerate(heads)]
        lines.append("")
        lines.append(f"{analysis.source_language} -> {language}, {measure} (bands: best memory match, in %)")
        lines.append(f"  {'':{width}}  " + "  ".join(f"{h:>{n}}" for h, n in zip(heads, cells, strict=True)))
        for row, values in zip(analysis.rows(), table, strict=True):
            lines.append(f"  {row.name:{width}}  " + "  ".join(f"{v:>{n}}" for v, n in zip(values, cells, strict=True)))
    return lines
