"""Edit rules in and out as CSV: stage, language, pattern, replacement, note, enabled; one line per rule, in order.

A file is judged by its content, not its name: it must be UTF-8 text (with or without the BOM Excel writes)
with a header row. An import is all or nothing: every line is checked first, and one bad line (an unknown
stage, a regex that does not compile, a bad group reference) is refused with the file, the line and the
reason, and nothing is written. A cell that would start a spreadsheet formula (a pattern like `-\\d+`) goes
out behind a quote and comes back without it (spreadsheet_cells).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import ImportProblem
from workbench.core.exporting.export_target import atomic_write_bytes, check_target
from workbench.core.exporting.spreadsheet_cells import original_cell, safe_cell
from workbench.core.ops.edit_rule_store import NewRule, insert_rules
from workbench.core.ops.edit_rules import project_rules
from workbench.core.store.project_store import Project
from workbench.core.user_file import read_regular_file

RULE_COLUMNS = ["stage", "language", "pattern", "replacement", "note", "enabled"]
#: the columns a file must have; the others may be left out (empty language, note; enabled)
REQUIRED_COLUMNS = ("stage", "pattern", "replacement")
MAX_RULE_FILE_BYTES = 10 * 1024 * 1024
#: rules a project may hold after an import: every enabled rule runs on every segment (a glossary holds term lists)
MAX_PROJECT_RULES = 5000
_TOO_MANY = (
    f"a project keeps at most {MAX_PROJECT_RULES:,} edit rules, as every rule runs on every segment "
    "(lists of terms belong in the glossary); nothing was imported"
)
_TRUE = {"", "1", "yes", "true", "y", "on", "x"}
_FALSE = {"0", "no", "false", "n", "off"}
#: control bytes a text file may hold: tab, line feed, carriage return
_TEXT_CONTROLS = {9, 10, 13}


@dataclass(frozen=True, slots=True)
class RuleImport:
    """What an import did: the rules the file held, how many were added, how many the project already had."""

    read: int
    added: int
    already: int


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return b"\x00" in sample or controls > max(4, len(sample) // 500)


def _enabled(value: str) -> bool | None:
    word = value.strip().lower()
    return True if word in _TRUE else False if word in _FALSE else None


def read_rules_csv(path: Path) -> list[NewRule]:
    """The rules of a CSV file, each checked; ImportProblem naming the file and the first bad line."""
    source = str(path)
    data = read_regular_file(path, MAX_RULE_FILE_BYTES)
    if _looks_binary(data):
        raise ImportProblem(source, "is a binary file, not a CSV file of edit rules")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            source, f"is not UTF-8 text (byte {exc.start} cannot be read): save it as UTF-8 CSV"
        ) from None
    if text.lstrip().startswith("<"):  # a TBX or XLIFF chosen by mistake would be refused for its "header row"
        raise ImportProblem(
            source, "is an XML file (a TBX glossary goes in with `glossary import`), not a CSV file of edit rules"
        )
    header = text.split("\n", 1)[0]
    # Excel writes ';' where the system's decimal mark is a comma, as in a Vietnamese locale
    delimiter = ";" if header.count(";") > header.count(",") else "\t" if "\t" in header and "," not in header else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        names = [name.strip().lower() for name in reader.fieldnames or []]
        missing = [column for column in REQUIRED_COLUMNS if column not in names]
        if missing:
            raise ImportProblem(
                source,
                f"needs a header row naming the columns {', '.join(RULE_COLUMNS)} (missing: {', '.join(missing)})",
            )
        doubled = sorted({name for name in names if names.count(name) > 1})
        if doubled:
            raise ImportProblem(source, f"has the column {', '.join(map(repr, doubled))} twice in its header")
        reader.fieldnames = names
        rows = [(reader.line_num, raw) for raw in reader]
    except csv.Error as exc:  # an unclosed quote, a field over the csv module's limit
        why = "a quoted field is never closed" if "unexpected end of data" in str(exc) else str(exc)
        raise ImportProblem(source, f"is not a readable CSV file (line {reader.line_num}: {why})") from None
    if len(rows) > MAX_PROJECT_RULES:  # before checking each one: a compile a rule would take long on a huge file
        raise ImportProblem(source, f"has {len(rows):,} lines; {_TOO_MANY}")
    rules = []
    for line, raw in rows:
        if None in raw:  # a shifted column would put a replacement where the note belongs
            raise ImportProblem(
                source, f"line {line} has more fields than the header ({len(names)}); nothing was imported"
            )
        row = {k: original_cell(v) if isinstance(v, str) else "" for k, v in raw.items()}
        if not any(value.strip() for value in row.values()):
            continue
        if raw.get("replacement") is None:  # a cut line: read as an empty replacement, it would delete every match
            raise ImportProblem(
                source, f"line {line} ends before its replacement (the line looks cut short); nothing was imported"
            )
        enabled = _enabled(row.get("enabled", ""))
        if enabled is None:
            problem = f"'enabled' is 1 or 0 (yes or no), not {row['enabled']!r}"
        else:
            stage, language = row.get("stage", "").strip().lower(), row.get("language", "").strip().lower()
            rule = NewRule(
                stage,
                "" if stage == "source" and language == "vi" else language,
                row.get("pattern", ""),
                row.get("replacement", ""),
                row.get("note", "").strip(),
                enabled,
            )
            problem = rule.problem()
        if problem:
            raise ImportProblem(source, f"line {line}: {problem}; nothing was imported")
        rules.append(rule)
    return rules


def import_rules(project: Project, path: Path) -> RuleImport:
    """The file's rules after the project's, in the file's order, in one transaction; a rule the project
    already has (same stage, language, pattern and replacement) is not added twice."""
    found = read_rules_csv(path)
    existing = project_rules(project)
    seen = {(r.stage, r.language, r.pattern, r.replacement) for r in existing}
    fresh = []
    for rule in found:  # one set lookup a rule: a file of many rules is checked in linear time
        key = (rule.stage, rule.language, rule.pattern, rule.replacement)
        if key not in seen:
            seen.add(key)
            fresh.append(rule)
    if len(existing) + len(fresh) > MAX_PROJECT_RULES:
        raise ImportProblem(str(path), f"has {len(fresh):,} new rules and the project {len(existing):,}; {_TOO_MANY}")
    if fresh:
        with project.transaction() as db:
            insert_rules(db, fresh)
    return RuleImport(len(found), len(fresh), len(found) - len(fresh))


def export_rules(project: Project, path: Path) -> int:
    """Every rule, in order, as UTF-8 CSV with a BOM (so Excel reads the Vietnamese), never over the project or
    a source file (check_target); returns how many."""
    check_target(project, path, [])
    handle = io.StringIO(newline="")
    writer = csv.DictWriter(handle, RULE_COLUMNS)
    writer.writeheader()
    rules = project_rules(project)
    for rule in rules:
        row = {
            "stage": rule.stage, "language": rule.language, "pattern": rule.pattern,
            "replacement": rule.replacement, "note": rule.note, "enabled": "1" if rule.enabled else "0",
        }  # fmt: skip
        writer.writerow({column: safe_cell(text) for column, text in row.items()})
    atomic_write_bytes(Path(path), handle.getvalue().encode("utf-8-sig"))
    return len(rules)
