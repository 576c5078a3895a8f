"""CSV cells a spreadsheet program will not run as formulas (OWASP's CSV injection rule), and back.

Excel, LibreOffice and Google Sheets treat a cell starting with = + - @ (or a tab or carriage return before
one) as a formula: a source text or a document name like `=cmd|' /C calc'!A0` would run on an editor's
machine. Such a cell is written with a leading single quote, which spreadsheets show as text. To read our
own files back exactly, a cell that already starts with quotes before one of those characters gets one
more quote, and reading takes exactly one away: `=x` goes out as `'=x`, `'=x` as `''=x`, and both come
back as they were. A cell like `'abc` or `it's` is written and read unchanged.
"""

from __future__ import annotations

import re

#: what a spreadsheet reads as the start of a formula, after any quotes already there
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def safe_cell(text: str) -> str:
    """`text` as a cell no spreadsheet runs."""
    return "'" + text if FORMULA_START.match(text) else text


def original_cell(cell: str) -> str:
    """What `safe_cell` was given (a cell written by another program with a quote before = + - @ is
    read the same way: the quote was there to keep the cell text)."""
    return cell[1:] if NEUTRALISED.match(cell) else cell
