"""XLIFF 1.2 in and out, for OmegaT, Poedit, Lokalize and Trados, and for hand-off to a translator
working elsewhere.

One <file> per document (original = the document's name), one <trans-unit> per segment: the id is the
segment's id in the project, resname the readable place (document:position). The target's state says
where the translation stands, in the words the peers read: approved text is approved="yes" with state
signed-off; confirmed text is approved="yes" with state translated (translate-toolkit, Pootle and Virtaal
count a unit without approved="yes" as fuzzy); drafts and text sent back are needs-review-translation
without approval (fuzzy there, "needs review" in OmegaT and Trados).

Reading refuses, naming the file: what is not well-formed XML or not XLIFF 1.x, entity declarations
(entity bombs), files over the size limit, a target language other than the one asked for, and duplicate
unit ids. Nothing is returned unless the whole file is sound. A segment's tags go out as <g>/<x>
(xliff_inline); a source's and target's inline elements are read as codes the merge makes markers of. Text is NFC; where xml:space is not
"preserve" (on the element or an ancestor), runs of layout whitespace a pretty-printer added are folded to
one space, as XML leaves it to the reader. The declared source language is returned, not judged:
po2xliff writes "en-US" when it has no template, so the merge decides by the sources themselves.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbench.core.errors import ImportProblem
from workbench.core.exporting.export_target import atomic_write
from workbench.core.exporting.xliff_inline import WB_NS, fill, inline_text
from workbench.core.exporting.xml_characters import xml_text
from workbench.core.language.language_rules import language_code
from workbench.core.tags.inline_tags import TagInfo
from workbench.core.untrusted_xml import parse_untrusted, refuse_unknown_entities

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_XLIFF_BYTES = 200 * 1024 * 1024
#: target states that mean a person finished the text; the others (needs-review-*, needs-adaptation,
#: needs-l10n, and new / needs-translation on a target that has text: translate-toolkit's fuzzy) mean a draft
DONE_STATES = frozenset({"translated", "final", "signed-off"})
TOOL_ID = "workbench"
#: translate-toolkit's PO header carried into XLIFF by po2xliff: not a text of the document
HEADER_RESTYPE = "x-gettext-domain-header"
#: inline codes whose content is the original's markup, not text
_CODE_TAGS = frozenset({"bpt", "ept", "it", "ph"})


@dataclass(frozen=True, slots=True)
class XliffUnit:
    id: str
    resname: str
    source: str
    target: str = ""
    #: the target's state attribute ("" when absent)
    state: str = ""
    #: approved="yes"; on reading, None when the attribute is absent (translate-toolkit writes "no")
    approved: bool | None = False
    note: str = ""
    restype: str = ""
    #: the segment's tag map, for writing its markers as <g>/<x> (reading leaves codes for the merge)
    tags: dict[int, TagInfo] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class XliffFile:
    original: str
    date: str
    units: list[XliffUnit]
    #: the declared source-language as a project code ("" when absent)
    source_language: str = ""
    #: the <file tool-id>: "workbench" when we wrote it (a peer that edits in place keeps it)
    tool: str = ""


def write_xliff(
    path: Path, files: Iterable[tuple[str, list[XliffUnit]]], target_language: str, date: str,
    source_language: str = "vi",
) -> int:  # fmt: skip
    """(document name, units) per <file>; returns the number of units written."""
    root = etree.Element(f"{{{NS}}}xliff", {"version": "1.2"}, nsmap={None: NS, "wb": WB_NS})  # type: ignore[dict-item]
    count = 0
    for original, units in files:
        file_el = etree.SubElement(root, f"{{{NS}}}file", {
            "original": original, "source-language": source_language, "target-language": target_language,
            "datatype": "plaintext", "date": date, "tool-id": TOOL_ID,
        })  # fmt: skip
        header = etree.SubElement(file_el, f"{{{NS}}}header")
        etree.SubElement(header, f"{{{NS}}}tool", {"tool-id": TOOL_ID, "tool-name": "Translation Workbench"})
        body = etree.SubElement(file_el, f"{{{NS}}}body")
        for unit in units:
            attributes = {"id": unit.id, "resname": unit.resname, XML_SPACE: "preserve"}
            if unit.approved:
                attributes["approved"] = "yes"
            tu = etree.SubElement(body, f"{{{NS}}}trans-unit", attributes)
            fill(etree.SubElement(tu, f"{{{NS}}}source", {XML_LANG: source_language}), unit.source, unit.tags, NS)
            if unit.target or unit.state:
                target = etree.SubElement(tu, f"{{{NS}}}target", {XML_LANG: target_language})
                fill(target, unit.target, unit.tags, NS)
                if unit.state:
                    target.set("state", unit.state)
            if unit.note:
                etree.SubElement(tu, f"{{{NS}}}note").text = xml_text(unit.note)
            count += 1
    tree = etree.ElementTree(root)
    atomic_write(Path(path), lambda temporary: tree.write(str(temporary), encoding="UTF-8", xml_declaration=True))
    return count


def _raw_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname not in _CODE_TAGS:
            parts.append(_raw_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _preserves_space(element: etree._Element) -> bool:
    """xml:space is inherited: the nearest element that says it decides; "default" when none does."""
    for node in (element, *element.iterancestors()):
        value = node.get(XML_SPACE)
        if value is not None:
            return value == "preserve"
    return False


def _text(element: etree._Element | None, inline: bool = False) -> str:
    """The text of a <source>/<target>/<note>: <g> and <mrk> content kept, inline codes left out (`inline`:
    written as xliff_inline codes, for the merge to make markers of), NFC, layout whitespace folded unless
    xml:space="preserve"."""
    if element is None:
        return ""
    text = unicodedata.normalize("NFC", inline_text(element) if inline else _raw_text(element))
    return text if _preserves_space(element) else " ".join(text.split())


def read_xliff(path: Path, target_language: str) -> list[XliffFile]:
    source = str(path)
    tree = parse_untrusted(path, "an XLIFF file", MAX_XLIFF_BYTES)
    refuse_unknown_entities(tree, source)
    root = tree.getroot()
    if etree.QName(root).localname != "xliff":
        raise ImportProblem(source, "is not an XLIFF file (no <xliff> root)")
    if not (root.get("version") or "").startswith("1."):
        raise ImportProblem(source, f"is XLIFF {root.get('version')!r}; only XLIFF 1.2 can be read back")
    ns = etree.QName(root).namespace
    q = (lambda name: f"{{{ns}}}{name}") if ns else (lambda name: name)
    files: list[XliffFile] = []
    seen: set[tuple[str, str]] = set()
    for file_el in root.iter(q("file")):
        original = file_el.get("original", "")
        target = language_code(file_el.get("target-language", ""))
        if target and target != target_language:
            raise ImportProblem(source, f"<file original={original!r}> is a translation into {target!r}, not {target_language!r}")  # fmt: skip
        units = []
        for tu in file_el.iter(q("trans-unit")):
            unit_id = tu.get("id", "")
            if not unit_id:
                raise ImportProblem(source, f"has a <trans-unit> without an id (line {tu.sourceline})")
            if (original, unit_id) in seen:
                raise ImportProblem(source, f"has the unit id {unit_id!r} twice (line {tu.sourceline}); refused")
            seen.add((original, unit_id))
            target_el = tu.find(q("target"))
            approved = tu.get("approved")
            units.append(XliffUnit(
                unit_id, tu.get("resname", ""), _text(tu.find(q("source")), True), _text(target_el, True),
                (target_el.get("state", "") if target_el is not None else ""),
                None if approved is None else approved == "yes",
                "\n".join(_text(n) for n in tu.findall(q("note"))), tu.get("restype", ""),
            ))  # fmt: skip
        declared = language_code(file_el.get("source-language", ""))
        files.append(XliffFile(original, file_el.get("date", ""), units, declared, file_el.get("tool-id", "")))
    if not any(f.units for f in files):
        raise ImportProblem(source, "holds no <trans-unit>")
    return files
