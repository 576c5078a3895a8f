"""The project's glossary: a Vietnamese term, its English and Khmer equivalents, a note, forbidden alternatives.

Terms are found in a source by their normalised form (NFC, case, tone placement) on word boundaries,
longest first, so "Ủy ban nhân dân tỉnh" wins over "Ủy ban". On the target side a term counts as used
when its text is there (Khmer compared without zero-width spaces, since Khmer has no spaces to match on).
CSV and TBX go in and out (TBX-Basic written as TBX v2, martif; TBX v2 and v3 read); a CSV cell that would
start a spreadsheet formula goes out behind a single quote and comes back without it.

A fixed term (the name of a body, place or person; "do not translate") goes into machine translation
verbatim: its target text (the Vietnamese itself when it has none for a language) is put back in place
of a placeholder the model copies (mt/term_enforcement.py). CSV carries it in a "fixed" column (1, yes,
true, x, có: fixed; 0, no, false, không: not fixed); TBX as a termNote of type "transferComment"
saying "do not translate" on the Vietnamese term (the data category ISO 12620 gives for notes on
transferring a term into another language). A file that does not say (a CSV without the column, an empty
or unknown cell, a TBX term without the note, as every other tool writes) and `glossary add` without
--fixed/--no-fixed leave the mark of a term already in the glossary alone (`Term.fixed_unknown`): an old
file imported again must not silently un-fix the names a person marked; a new term is not fixed.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
from lxml import etree

from workbench.core.errors import ImportProblem
from workbench.core.exporting.export_target import atomic_write_bytes
from workbench.core.exporting.spreadsheet_cells import original_cell, safe_cell
from workbench.core.exporting.xml_characters import xml_text
from workbench.core.language.language_rules import TARGET_LANGUAGES, language_code
from workbench.core.memory.match_normalization import normalize_for_matching, unify_tone_placement
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now
from workbench.core.untrusted_xml import parse_untrusted
from workbench.core.user_file import read_regular_file

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CSV_COLUMNS = ["vi", "en", "km", "note", "forbidden_en", "forbidden_km", "fixed"]
#: the CSV "fixed" cells that mean yes and no (any case); an empty or other cell, or no column, does not say
FIXED_WORDS = ("1", "yes", "true", "x", "y", "fixed", "có")
NOT_FIXED_WORDS = ("0", "no", "false", "n", "-", "không")
#: what a fixed term's TBX termNote of type "transferComment" says (also read: "do-not-translate", "keep as is")
DO_NOT_TRANSLATE = "do not translate"
MAX_CSV_BYTES = 100 * 1024 * 1024
#: how a flag or finding saying that a draft lacks glossary terms starts (the term-not-used check, the MT
#: pipeline's flag on a draft, the side panel that lists them read it)
TERM_NOT_USED = "glossary term not used"


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    targets: dict[str, str] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""
    id: int = 0
    #: a name or "do not translate": machine translation puts its target text in verbatim (see the module doc)
    fixed: bool = False
    #: the input did not say whether it is fixed (see the module doc): write_term keeps a stored term's mark
    fixed_unknown: bool = field(default=False, compare=False)

    def fixed_target(self, language: str) -> str:
        """What a fixed term becomes in `language`: its target text, or its Vietnamese kept as it is."""
        return self.targets.get(language) or self.source.strip()


@dataclass(frozen=True, slots=True)
class FoundTerm:
    term: Term
    start: int
    end: int


@lru_cache(maxsize=256)
def target_key(text: str) -> str:
    return normalize_for_matching(text.replace("\u200b", ""))


def alternatives(text: str) -> tuple[str, ...]:
    """Forbidden alternatives as a person types them (and a CSV cell holds them): separated by ";"."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


def add_term(project: Project, term: Term) -> int:
    """Add or update (by normalised source) a term in its own transaction; returns its id."""
    with project.transaction() as db:
        return write_term(db, term, now())


def term_problem(term: Term) -> str:
    """Why a term cannot go into the glossary ("" when it can): it has no Vietnamese text, or one of its
    translations is also listed as forbidden (the checks would then flag every use of the term)."""
    if not normalize_for_matching(term.source):
        return "a term needs its Vietnamese text"
    for language, banned in term.forbidden.items():
        wanted = term.targets.get(language, "")
        if wanted and target_key(wanted) in {target_key(b) for b in banned}:
            return f"{wanted!r} is both its {language} translation and a forbidden {language} alternative"
    return ""


def write_term(db: sqlite3.Connection, term: Term, stamp: str) -> int:
    """Add or update (by normalised source) a term; the caller holds the transaction. An update sets the
    fixed mark as the term says, or keeps the stored one when the term does not say (`fixed_unknown`).
    Raises ImportProblem for a term that cannot go in (`term_problem`)."""
    problem = term_problem(term)
    if problem:
        raise ImportProblem("glossary", problem)
    key = normalize_for_matching(term.source)
    db.execute(
        """INSERT INTO glossary_terms(source, source_key, note, created_at, fixed) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(source_key) DO UPDATE SET
             note = CASE WHEN excluded.note != '' THEN excluded.note ELSE note END,
             fixed = CASE WHEN ? THEN fixed ELSE excluded.fixed END""",
        (term.source.strip(), key, term.note, stamp, int(term.fixed), int(term.fixed_unknown and not term.fixed)),
    )
    term_id = db.execute("SELECT id FROM glossary_terms WHERE source_key = ?", (key,)).fetchone()[0]
    for language in set(term.targets) | set(term.forbidden):
        db.execute(
            """INSERT INTO glossary_targets(term_id, language, text, forbidden) VALUES (?, ?, ?, ?)
               ON CONFLICT(term_id, language) DO UPDATE SET text = excluded.text, forbidden = excluded.forbidden""",
            (term_id, language, term.targets.get(language, ""), "\n".join(term.forbidden.get(language, ()))),
        )
    return int(term_id)


def terms(project: Project) -> list[Term]:
    targets: dict[int, dict[str, str]] = {}
    forbidden: dict[int, dict[str, tuple[str, ...]]] = {}
    for row in project.connection.execute("SELECT term_id, language, text, forbidden FROM glossary_targets"):
        targets.setdefault(row[0], {})[row[1]] = row[2]
        if row[3]:
            forbidden.setdefault(row[0], {})[row[1]] = tuple(row[3].splitlines())
    return [
        Term(row[1], targets.get(row[0], {}), forbidden.get(row[0], {}), row[2], row[0], bool(row[3]))
        for row in project.connection.execute("SELECT id, source, note, fixed FROM glossary_terms ORDER BY source_key")
    ]


class TermFinder:
    """All terms compiled into one pattern over the normalised source (rebuilt when the glossary changes)."""

    def __init__(self, glossary: Iterable[Term]) -> None:
        self.by_key = {normalize_for_matching(t.source): t for t in glossary}
        keys = sorted(self.by_key, key=len, reverse=True)
        self.pattern = (
            regex.compile(
                r"(?<![\p{L}\p{M}\p{N}])(?:" + "|".join(regex.escape(k) for k in keys) + r")(?![\p{L}\p{M}\p{N}])"
            )
            if keys
            else None
        )

    def find(self, source: str) -> list[FoundTerm]:
        """Terms in `source`, positions in the normalised text (the same length as the NFC text for Vietnamese)."""
        if self.pattern is None:
            return []
        return self.find_in_key(normalize_for_matching(source))

    def find_in_text(self, text: str) -> list[FoundTerm]:
        """Terms with their positions in `text` itself (NFC), for highlighting."""
        if self.pattern is None:
            return []
        key, offsets = _key_with_offsets(text)
        return [
            FoundTerm(self.by_key[m.group()], offsets[m.start()], offsets[m.end() - 1] + 1)
            for m in self.pattern.finditer(key)
        ]

    def find_in_key(self, key: str) -> list[FoundTerm]:
        """The same for an already normalised text."""
        if self.pattern is None:
            return []
        return [FoundTerm(self.by_key[m.group()], m.start(), m.end()) for m in self.pattern.finditer(key)]


def _key_with_offsets(text: str) -> tuple[str, list[int]]:
    """`normalize_for_matching(text)` for an NFC text, with the index in `text` of every character of the key.
    Case folding and tone placement keep lengths for Vietnamese; only collapsed spaces move positions."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        if ch.isspace():
            if not chars or chars[-1] == " ":
                continue
            ch = " "
        else:
            folded = ch.casefold()
            ch = folded if len(folded) == 1 else ch
        chars.append(ch)
        offsets.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    key = unify_tone_placement("".join(chars))
    return (key, offsets) if len(key) == len(offsets) else ("".join(chars), offsets)


# --- CSV and TBX ------------------------------------------------------------------------------------


def read_glossary_csv(path: Path) -> list[Term]:
    data = read_regular_file(path, MAX_CSV_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(str(path), f"cannot be read as UTF-8 text ({exc})") from exc
    header = text.split("\n", 1)[0]
    # Excel writes ';' (or a tab) where the system's decimal mark is a comma, as in a Vietnamese locale
    delimiter = ";" if header.count(";") > header.count(",") else "\t" if "\t" in header and "," not in header else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        names = reader.fieldnames
        if names is None or "vi" not in names:
            raise ImportProblem(str(path), f"needs a header row with at least a 'vi' column ({', '.join(CSV_COLUMNS)})")
        doubled = sorted({name for name in names if names.count(name) > 1})
        if doubled:
            raise ImportProblem(str(path), f"has the column {', '.join(map(repr, doubled))} twice in its header")
        rows = list(reader)
    except csv.Error as exc:  # an unclosed quote, a field over the csv module's limit
        why = "a quoted field is never closed" if "unexpected end of data" in str(exc) else str(exc)
        raise ImportProblem(str(path), f"is not a readable CSV file (line {reader.line_num}: {why})") from exc
    ragged = [i + 2 for i, raw in enumerate(rows) if None in raw]  # fewer fields are empty cells; more are not
    if ragged:  # a shifted column would put an English term in the Khmer one
        raise ImportProblem(str(path), f"line {ragged[0]} has more fields than the header ({len(names)})")
    found = []
    for raw in rows:
        row = {k: original_cell(v) for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}
        source = (row.get("vi") or "").strip()
        if not source:
            continue
        found.append(
            Term(
                source,
                {lang: row[lang].strip() for lang in TARGET_LANGUAGES if row.get(lang)},
                {
                    lang: alternatives(row[f"forbidden_{lang}"])
                    for lang in TARGET_LANGUAGES
                    if row.get(f"forbidden_{lang}")
                },
                (row.get("note") or "").strip(),
                fixed=(cell := (row.get("fixed") or "").strip().casefold()) in FIXED_WORDS,
                fixed_unknown=cell not in FIXED_WORDS + NOT_FIXED_WORDS,
            )
        )
    return found


def write_glossary_csv(path: Path, glossary: Iterable[Term]) -> None:
    """The columns of CSV_COLUMNS, forbidden alternatives joined by "; ", "fixed" 1 or 0 (an explicit 0, so
    the file imported again un-fixes what was un-fixed since); a cell starting like a formula (= + - @)
    gets a leading quote, which read_glossary_csv takes away again (spreadsheet_cells)."""
    handle = io.StringIO(newline="")
    writer = csv.DictWriter(handle, CSV_COLUMNS)
    writer.writeheader()
    for term in glossary:
        row = {
            "vi": term.source, "en": term.targets.get("en", ""), "km": term.targets.get("km", ""),
            "note": term.note, "forbidden_en": "; ".join(term.forbidden.get("en", ())),
            "forbidden_km": "; ".join(term.forbidden.get("km", ())), "fixed": "1" if term.fixed else "0",
        }  # fmt: skip
        writer.writerow({column: safe_cell(text) for column, text in row.items()})
    atomic_write_bytes(path, handle.getvalue().encode("utf-8"))


MAX_TBX_BYTES = 100 * 1024 * 1024
#: the roots of the two dialects read: TBX v2 (ISO 30042:2008, martif) and TBX v3 (ISO 30042:2019, tbx)
TBX_ROOTS = ("martif", "tbx")
#: the values of administrativeStatus (and TBX v2's normativeAuthorization) that forbid a term
FORBIDDING = ("deprecated", "forbidden", "admitted-not", "supersededterm")


class _UnknownEntity(ValueError):
    """A term or note uses an entity declared only in a DTD, which is never loaded: its text is unknown."""


def _flat_text(element: etree._Element) -> str:
    """An element's text with inline <hi>, <foreign> … included and spaces collapsed (a term spans no lines)."""
    entity = next(element.iter(etree.Entity), None)
    if entity is not None:
        raise _UnknownEntity(f"uses the entity {entity.text} (line {entity.sourceline}), which is declared only in "
                             "a DTD the workbench does not load, so the text it stands for is unknown")  # fmt: skip
    return " ".join("".join(text for text in element.itertext() if isinstance(text, str)).split())


def _note_of(entry: etree._Element) -> str:
    """The definition (a concept's, else the Vietnamese one, else any; translate-toolkit writes it as a <descrip>
    without a type), else a <note>; never the subject field, which names a domain rather than explaining the term."""
    ranked: list[tuple[int, str]] = []
    for element in entry.iter("{*}descrip", "{*}note"):
        text = _flat_text(element)
        if not text or (
            etree.QName(element).localname == "descrip" and element.get("type", "definition") != "definition"
        ):
            continue
        section = next(element.iterancestors("{*}langSet", "{*}langSec"), None)
        language = language_code(section.get(XML_LANG) or "") if section is not None else ""
        is_note = etree.QName(element).localname == "note"
        ranked.append((2 * is_note + (language not in ("", "vi")), text))
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else ""


def read_glossary_tbx(path: Path) -> list[Term]:
    """Both dialects: TBX v2 martif/termEntry/langSet/tig (or ntig/termGrp)/term, as translate-toolkit,
    MultiTerm and memoQ write it, and TBX v3 tbx/conceptEntry/langSec/termSec/term. A termNote
    administrativeStatus of 'deprecatedTerm-admn-sts' marks a forbidden alternative; the note is the
    definition (or a <note>)."""
    tree = parse_untrusted(path, "a TBX glossary", MAX_TBX_BYTES)
    root = tree.getroot()
    name = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if name not in TBX_ROOTS:
        raise ImportProblem(str(path), f"is not a TBX file (its root is <{name}>, not <martif> or <tbx>)")
    try:
        found = [term for entry in root.iter("{*}conceptEntry", "{*}termEntry") if (term := _term_of(entry))]
    except _UnknownEntity as exc:
        raise ImportProblem(str(path), str(exc)) from exc
    if not found:
        raise ImportProblem(str(path), "holds no term entry with a Vietnamese (vi) term")
    return found


def _term_of(entry: etree._Element) -> Term | None:
    """One termEntry or conceptEntry as a term, None without a Vietnamese term."""
    source = ""
    targets: dict[str, str] = {}
    forbidden: dict[str, list[str]] = {}
    fixed = any(
        (n.text or "").strip().casefold().replace("-", " ") in (DO_NOT_TRANSLATE, "keep as is")
        for n in entry.iter("{*}termNote")
        if n.get("type") == "transferComment"
    )
    for section in entry.iter("{*}langSec", "{*}langSet"):
        language = language_code(section.get(XML_LANG) or "")
        for holder in section.iter("{*}termSec", "{*}tig", "{*}ntig"):
            term = holder.find(".//{*}term")
            text = _flat_text(term) if term is not None else ""
            if not text:
                continue
            status = " ".join(
                n.text or "" for n in holder.iter("{*}termNote") if n.get("type") != "transferComment"
            ).lower()
            if language == "vi":
                source = source or text
            elif any(word in status for word in FORBIDDING):
                forbidden.setdefault(language, []).append(text)
            else:
                targets.setdefault(language, text)
    if not source:
        return None
    banned = {k: tuple(v) for k, v in forbidden.items()}
    # TBX has no note saying "translate this": a term without the mark does not say (keeps a stored mark)
    return Term(source, targets, banned, _note_of(entry), fixed=fixed, fixed_unknown=not fixed)


def write_glossary_tbx(path: Path, glossary: Iterable[Term]) -> None:
    """TBX-Basic in the TBX v2 (martif) dialect, which translate-toolkit, MultiTerm, memoQ and the TBX-Basic
    checker all read (translate-toolkit reads no TBX v3): a termEntry per term, the definition in the
    Vietnamese langSet, a tig per term with its administrativeStatus."""
    root = etree.Element("martif", type="TBX-Basic")
    root.set(XML_LANG, "vi")
    header = etree.SubElement(root, "martifHeader")
    etree.SubElement(
        etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc"), "p"
    ).text = "Glossary exported by the workbench"
    etree.SubElement(etree.SubElement(header, "encodingDesc"), "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for number, term in enumerate(glossary, start=1):
        entry = etree.SubElement(body, "termEntry", id=f"c{number}")
        languages = [("vi", term.source, ())] + [
            (lang, term.targets.get(lang, ""), term.forbidden.get(lang, ())) for lang in TARGET_LANGUAGES
        ]
        for language, preferred, banned in languages:
            if not preferred and not banned:
                continue
            section = etree.SubElement(entry, "langSet")
            section.set(XML_LANG, language)
            if language == "vi" and term.note:
                etree.SubElement(section, "descrip", type="definition").text = xml_text(term.note)
            for value, status in [
                (preferred, "preferredTerm-admn-sts"),
                *[(b, "deprecatedTerm-admn-sts") for b in banned],
            ]:
                if not value:
                    continue
                holder = etree.SubElement(section, "tig")
                etree.SubElement(holder, "term").text = xml_text(value)
                etree.SubElement(holder, "termNote", type="administrativeStatus").text = status
                if term.fixed and language == "vi":
                    etree.SubElement(holder, "termNote", type="transferComment").text = DO_NOT_TRANSLATE
    atomic_write_bytes(
        path,
        etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True,
                       doctype='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'),
    )  # fmt: skip
