"""TMX 1.4b in and out, so memories from OmegaT, Trados or an earlier project can be brought in.

Reading refuses what is not a TMX file, DTDs with entities (entity bombs) and files over the size
limit, naming the file; nothing is written until the whole file is read. Writing is atomic.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from workbench.core.errors import ImportProblem
from workbench.core.language_rules import language_code
from workbench.core.translation_memory import MemoryUnit
from workbench.core.untrusted_xml import parse_untrusted

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TMX_BYTES = 500 * 1024 * 1024


def _text(seg: etree._Element) -> str:
    """A <seg>'s text with inline markup (bpt, ph, …) left out and their tails kept."""
    parts = [seg.text or ""]
    for child in seg:
        parts.append(child.tail or "")
    return "".join(parts).strip()


def read_tmx(path: Path, source_language: str = "vi") -> list[MemoryUnit]:
    source = str(path)
    tree = parse_untrusted(path, "a TMX file", MAX_TMX_BYTES)
    root = tree.getroot()
    if root.tag != "tmx" or root.find("body") is None:
        raise ImportProblem(source, "is not a TMX file (no <tmx> with a <body>)")
    header = root.find("header")
    declared = language_code(header.get("srclang", "")) if header is not None else ""
    if declared not in ("", "*all*", source_language):
        raise ImportProblem(source, f"has source language {declared!r}, not {source_language!r}")
    units: list[MemoryUnit] = []
    for tu in root.iter("tu"):
        variants: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            seg = tuv.find("seg")
            code = language_code(tuv.get(XML_LANG) or tuv.get("lang") or "")
            if seg is not None and code:
                variants.setdefault(code, _text(seg))
        original = variants.pop(source_language, "")
        if not original:
            continue
        for language, text in variants.items():
            if text:
                units.append(MemoryUnit(original, text, language, source_language, tu.get("creationid", ""),
                                        tu.get("changeid", ""), tu.get("creationdate", "")))  # fmt: skip
    if not units:
        raise ImportProblem(source, f"holds no translation unit with a {source_language!r} source and a target")
    return units


def write_tmx(path: Path, units: Iterable[MemoryUnit], source_language: str = "vi") -> int:
    """One <tu> per source with a <tuv> per language (vi, en, km in one file); returns the number of <tu>."""
    grouped: dict[str, dict[str, str]] = {}
    for unit in units:
        grouped.setdefault(unit.source, {}).setdefault(unit.target_language, unit.target)
    root = etree.Element("tmx", version="1.4")
    header = {
        "creationtool": "workbench", "creationtoolversion": "1", "datatype": "plaintext", "segtype": "sentence",
        "adminlang": "en", "srclang": source_language, "o-tmf": "workbench",
    }  # fmt: skip
    etree.SubElement(root, "header", header)
    body = etree.SubElement(root, "body")
    for original, targets in grouped.items():
        tu = etree.SubElement(body, "tu")
        for language, text in [(source_language, original), *targets.items()]:
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            etree.SubElement(tuv, "seg").text = text
    temporary = path.with_name(path.name + ".partial")
    etree.ElementTree(root).write(str(temporary), encoding="UTF-8", xml_declaration=True, pretty_print=True)
    os.replace(temporary, path)
    return len(grouped)
