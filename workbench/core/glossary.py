"""The project's glossary: a Vietnamese term, its English and Khmer equivalents, a note, forbidden alternatives.

Terms are found in a source by their normalised form (NFC, case, tone placement) on word boundaries,
longest first, so "Ủy ban nhân dân tỉnh" wins over "Ủy ban". On the target side a term counts as used
when its text is there (Khmer compared without zero-width spaces, since Khmer has no spaces to match on).
CSV and TBX (ISO 30042, the basic dialect) go in and out.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
from lxml import etree

from workbench.core.errors import ImportProblem
from workbench.core.language_rules import language_code
from workbench.core.match_normalization import normalize_for_matching, unify_tone_placement
from workbench.core.project_store import Project, now
from workbench.core.untrusted_xml import parse_untrusted

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CSV_COLUMNS = ["vi", "en", "km", "note", "forbidden_en", "forbidden_km"]


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    targets: dict[str, str] = field(default_factory=dict)
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""
    id: int = 0


@dataclass(frozen=True, slots=True)
class FoundTerm:
    term: Term
    start: int
    end: int


@lru_cache(maxsize=256)
def target_key(text: str) -> str:
    return normalize_for_matching(text.replace("\u200b", ""))


def add_term(project: Project, term: Term) -> int:
    """Add or update (by normalised source) a term; returns its id."""
    key = normalize_for_matching(term.source)
    if not key:
        raise ImportProblem("glossary", "a term needs its Vietnamese text")
    with project.transaction() as db:
        db.execute(
            """INSERT INTO glossary_terms(source, source_key, note, created_at) VALUES (?, ?, ?, ?)
               ON CONFLICT(source_key) DO UPDATE SET note = CASE WHEN excluded.note != '' THEN excluded.note ELSE note END""",
            (term.source.strip(), key, term.note, now()),
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
        Term(row[1], targets.get(row[0], {}), forbidden.get(row[0], {}), row[2], row[0])
        for row in project.connection.execute("SELECT id, source, note FROM glossary_terms ORDER BY source_key")
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
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportProblem(str(path), f"cannot be read as UTF-8 text ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or "vi" not in reader.fieldnames:
        raise ImportProblem(str(path), f"needs a header row with at least a 'vi' column ({', '.join(CSV_COLUMNS)})")
    found = []
    for row in reader:
        source = (row.get("vi") or "").strip()
        if not source:
            continue
        found.append(
            Term(
                source,
                {lang: row[lang].strip() for lang in ("en", "km") if row.get(lang)},
                {
                    lang: tuple(x.strip() for x in row[f"forbidden_{lang}"].split(";") if x.strip())
                    for lang in ("en", "km")
                    if row.get(f"forbidden_{lang}")
                },
                (row.get("note") or "").strip(),
            )
        )
    return found


def write_glossary_csv(path: Path, glossary: Iterable[Term]) -> None:
    temporary = path.with_name(path.name + ".partial")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, CSV_COLUMNS)
        writer.writeheader()
        for term in glossary:
            writer.writerow(
                {
                    "vi": term.source, "en": term.targets.get("en", ""), "km": term.targets.get("km", ""),
                    "note": term.note, "forbidden_en": "; ".join(term.forbidden.get("en", ())),
                    "forbidden_km": "; ".join(term.forbidden.get("km", ())),
                }
            )  # fmt: skip
    os.replace(temporary, path)


MAX_TBX_BYTES = 100 * 1024 * 1024


def read_glossary_tbx(path: Path) -> list[Term]:
    """conceptEntry/termEntry → langSec/langSet → termSec/tig → term; a termNote administrativeStatus of
    'deprecatedTerm-admn-sts' marks a forbidden alternative; a descrip or note is the note."""
    tree = parse_untrusted(path, "a TBX glossary", MAX_TBX_BYTES)
    found = []
    for entry in tree.iter("{*}conceptEntry", "{*}termEntry"):
        source, note = "", ""
        targets: dict[str, str] = {}
        forbidden: dict[str, list[str]] = {}
        for element in entry.iter("{*}descrip", "{*}note"):
            note = note or (element.text or "").strip()
        for section in entry.iter("{*}langSec", "{*}langSet"):
            language = language_code(section.get(XML_LANG) or "")
            for holder in section.iter("{*}termSec", "{*}tig", "{*}ntig"):
                term = holder.find(".//{*}term")
                if term is None or not (term.text or "").strip():
                    continue
                status = " ".join(n.text or "" for n in holder.iter("{*}termNote"))
                text = (term.text or "").strip()
                if language == "vi":
                    source = source or text
                elif "deprecated" in status or "forbidden" in status or "admitted-not" in status:
                    forbidden.setdefault(language, []).append(text)
                else:
                    targets.setdefault(language, text)
        if source:
            found.append(Term(source, targets, {k: tuple(v) for k, v in forbidden.items()}, note))
    if not found:
        raise ImportProblem(str(path), "holds no term entry with a Vietnamese (vi) term")
    return found


def write_glossary_tbx(path: Path, glossary: Iterable[Term]) -> None:
    ns = "urn:iso:std:iso:30042:ed-2"
    namespaces: dict[str | None, str] = {None: ns}
    root = etree.Element(f"{{{ns}}}tbx", nsmap=namespaces, type="TBX-Basic", style="dca")  # type: ignore[arg-type]
    root.set(XML_LANG, "vi")
    text = etree.SubElement(etree.SubElement(root, f"{{{ns}}}text"), f"{{{ns}}}body")
    for number, term in enumerate(glossary, start=1):
        entry = etree.SubElement(text, f"{{{ns}}}conceptEntry", id=f"c{number}")
        if term.note:
            etree.SubElement(entry, f"{{{ns}}}descrip", type="definition").text = term.note
        languages = [("vi", term.source, ())] + [
            (lang, term.targets.get(lang, ""), term.forbidden.get(lang, ())) for lang in ("en", "km")
        ]
        for language, preferred, banned in languages:
            if not preferred and not banned:
                continue
            section = etree.SubElement(entry, f"{{{ns}}}langSec")
            section.set(XML_LANG, language)
            for value, status in [
                (preferred, "preferredTerm-admn-sts"),
                *[(b, "deprecatedTerm-admn-sts") for b in banned],
            ]:
                if not value:
                    continue
                holder = etree.SubElement(section, f"{{{ns}}}termSec")
                etree.SubElement(holder, f"{{{ns}}}term").text = value
                etree.SubElement(holder, f"{{{ns}}}termNote", type="administrativeStatus").text = status
    temporary = path.with_name(path.name + ".partial")
    etree.ElementTree(root).write(str(temporary), encoding="UTF-8", xml_declaration=True, pretty_print=True)
    os.replace(temporary, path)
