"""TMX 1.4b in and out, so memories from OmegaT, Trados, translate-toolkit or an earlier project can be brought in.

Reading refuses what is not a TMX file, DTDs with entities (entity bombs) and files over the size
limit, naming the file; nothing is written until the whole file is read. Which text is the source is
decided unit by unit: a unit that holds Vietnamese gives Vietnamese-to-X pairs whatever its header
says (po2tmx writes srclang="en" in the header above units that say srclang="vi-VN"), and what was
decided, left out (other languages, units without Vietnamese, markup TMX does not define) is
reported. A <seg> keeps its spaces ("Picture: ") and its words, those of <hi> and <sub> too; its
inline codes (<bpt>/<ept>, <ph>, <ut>, <hi>) become tag markers, numbered alike in the source and its
translations (tmx_inline). Writing is atomic and keeps every distinct translation of a source (one <tu>
per alternative); tag markers go out as <bpt i x>/<ept i> around the words and <ph x> for a standalone,
their content the HTML markup, with the project's tag map or one made from the markers themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbench.core.counted import counted
from workbench.core.errors import ImportProblem
from workbench.core.exporting.export_target import atomic_write_bytes
from workbench.core.exporting.xml_characters import xml_text
from workbench.core.language.language_rules import LANGUAGES, language_code
from workbench.core.memory.tmx_inline import (
    ParsedSeg,
    UndefinedMarkup,
    has_words,
    number_tags,
    parse_seg,
    render,
    tags_from_markers,
)
from workbench.core.memory.translation_memory import MemoryUnit
from workbench.core.tags.inline_tags import TagInfo, TagMap, markers, nesting_problems
from workbench.core.untrusted_xml import parse_untrusted

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_TMX_BYTES = 500 * 1024 * 1024


@dataclass(slots=True)
class TmxRead:
    """The units read from a TMX file and what was decided on the way, for the user to see."""

    units: list[MemoryUnit] = field(default_factory=list)
    target_languages: tuple[str, ...] = ()
    #: the header's srclang ("" when absent or "*all*")
    header_language: str = ""
    #: units that declare the Vietnamese source themselves while the header names another language
    overriding_header: int = 0
    #: units translated from another language into Vietnamese, read the other way round, by that language
    reversed: Counter[str] = field(default_factory=Counter)
    #: translations left out because the language is not translated here, by language
    other_languages: Counter[str] = field(default_factory=Counter)
    #: units without any Vietnamese text
    without_source: int = 0
    #: texts left out because their <seg> holds an element or entity TMX does not define, by "<g>" or "&nbsp;"
    undefined_markup: Counter[str] = field(default_factory=Counter)

    def summary(self, source_language: str = "vi") -> list[str]:
        """One plain sentence per decision or omission; empty when the file was read as it stands."""
        lines = []
        if self.overriding_header:
            lines.append(
                f"the header gives the source language as {self.header_language!r}, but "
                f"{counted(self.overriding_header, 'unit')} {'declares' if self.overriding_header == 1 else 'declare'} "
                f"{source_language!r}: read by the units' own languages"
            )
        if self.reversed:
            lines.append(
                f"{counted(sum(self.reversed.values()), 'unit')} translated into {source_language!r} "
                f"(from {_listed(self.reversed)}) read the other way round, from their {source_language!r} text"
            )
        if self.other_languages:
            lines.append(
                f"{counted(sum(self.other_languages.values()), 'translation')} left out in languages not translated here "
                f"({_listed(self.other_languages)}; kept: {', '.join(self.target_languages)})"
            )
        if self.without_source:
            lines.append(f"{counted(self.without_source, 'unit')} without a {source_language!r} text left out")
        if self.undefined_markup:
            lines.append(
                f"{counted(sum(self.undefined_markup.values()), 'text')} left out: their <seg> holds markup or entities TMX "
                f"does not define ({', '.join(sorted(self.undefined_markup))}), so their text cannot be known"
            )
        return lines


def _listed(counts: Counter[str]) -> str:
    return ", ".join(f"{language}: {count}" for language, count in sorted(counts.items()))


def _local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


#: the native markup a pair's <bpt>/<ept> carries, by the letter of its tag
NATIVE = {"b": "b", "i": "i", "u": "u", "sup": "sup", "sub": "sub", "s": "s", "a": "a"}


def _native(info: TagInfo) -> tuple[str, str]:
    """(opening, closing) markup as HTML would write it: what a peer shows inside the code."""
    if not info.paired:
        return ("<br/>" if info.kind == "break" else "\t" if info.kind == "tab" else info.opening()), ""
    name = NATIVE.get(info.letter, "span")
    href = f' href="{info.href}"' if info.href else ""
    return f"<{name}{href}>", f"</{name}>"


def _fill_seg(seg: etree._Element, text: str, tags: TagMap) -> None:
    """A <seg> with the text's markers as <bpt i x>…<ept i> for pairs and <ph x> for standalones."""
    found = markers(text, tags)
    seg.text = xml_text(text[: found[0].start] if found else text)
    for index, marker in enumerate(found):
        info = tags[marker.number]
        opening, closing = _native(info)
        if marker.role == "open":
            code = etree.SubElement(seg, "bpt", i=str(marker.number), x=str(marker.number))
            code.text = xml_text(opening)
        elif marker.role == "close":
            code = etree.SubElement(seg, "ept", i=str(marker.number))
            code.text = xml_text(closing)
        else:
            code = etree.SubElement(seg, "ph", x=str(marker.number))
            code.text = xml_text(opening)
        end = found[index + 1].start if index + 1 < len(found) else len(text)
        code.tail = xml_text(text[marker.end : end])


def workbench_targets(source_language: str = "vi") -> tuple[str, ...]:
    """The languages the workbench translates into, for the shared memory (a project has its own)."""
    return tuple(code for code in LANGUAGES if code != source_language)


def load_tmx(
    path: Path, source_language: str = "vi", target_languages: Sequence[str] | None = None, inline_tags: bool = True
) -> TmxRead:
    """Every distinct (Vietnamese, language, translation) of the file into `target_languages`, with the report.
    `inline_tags`: the codes become tag markers (tmx_inline); else the plain words (a reference set's)."""
    source = str(path)
    tree = parse_untrusted(path, "a TMX file", MAX_TMX_BYTES)
    root = tree.getroot()
    if not isinstance(root.tag, str) or _local_name(root) != "tmx" or root.find("{*}body") is None:
        raise ImportProblem(source, "is not a TMX file (no <tmx> with a <body>)")
    header = root.find("{*}header")
    declared = language_code(header.get("srclang", "")) if header is not None else ""
    read = TmxRead(target_languages=tuple(target_languages or workbench_targets(source_language)))
    read.header_language = "" if declared == "*all*" else declared
    seen: set[tuple[str, str, str]] = set()
    found_languages: set[str] = set()
    for tu in root.iter("{*}tu"):
        own = language_code(tu.get("srclang", ""))
        unit_source = read.header_language if not own or own == "*all*" else own
        variants: dict[str, list[str]] = {}
        unreadable: set[str] = set()
        parsed: list[tuple[str, ParsedSeg]] = []
        for tuv in tu.iterchildren("{*}tuv"):
            seg = tuv.find("{*}seg")
            code = language_code(tuv.get(XML_LANG) or tuv.get("lang") or "")
            if seg is None or not code:
                continue
            try:
                parsed.append((code, parse_seg(seg)))
            except UndefinedMarkup as exc:
                read.undefined_markup[str(exc)] += 1
                unreadable.add(code)
        reference = next((k for k, (code, _) in enumerate(parsed) if code == source_language), 0)
        number_tags([p for _, p in parsed], reference)
        for code, seg_read in parsed:
            text = render(seg_read, inline_tags)
            if has_words(text) and text not in variants.get(code, []):
                variants.setdefault(code, []).append(text)
        found_languages.update(variants)
        originals = variants.pop(source_language, [])
        if not originals:
            read.without_source += bool(variants) and source_language not in unreadable
            continue
        if unit_source and unit_source != source_language:
            read.reversed[unit_source] += 1
        elif own == source_language and read.header_language not in ("", source_language):
            read.overriding_header += 1
        for language, texts in variants.items():
            if language not in read.target_languages:
                read.other_languages[language] += len(texts)
                continue
            for text in texts:
                if (originals[0], language, text) not in seen:
                    seen.add((originals[0], language, text))
                    read.units.append(MemoryUnit(originals[0], text, language, source_language,
                                                 tu.get("creationid", ""), tu.get("changeid", ""),
                                                 tu.get("creationdate", "")))  # fmt: skip
    if not read.units:
        if read.header_language not in ("", source_language) and source_language not in found_languages:
            problem = f"has source language {read.header_language!r} and no unit with a {source_language!r} text"
        else:
            problem = f"holds no translation unit with a {source_language!r} text and a translation into " + ", ".join(
                read.target_languages
            )
        details = read.summary(source_language)
        raise ImportProblem(source, problem + (f" ({'; '.join(details)})" if details else ""))
    return read


def read_tmx(
    path: Path, source_language: str = "vi", target_languages: Sequence[str] | None = None, inline_tags: bool = True
) -> list[MemoryUnit]:
    """The units of `load_tmx`, for callers that need no report."""
    return load_tmx(path, source_language, target_languages, inline_tags).units


def write_tmx(
    path: Path, units: Iterable[MemoryUnit], source_language: str = "vi", tags: Mapping[str, TagMap] | None = None,
    read_markers: bool = False,
) -> int:  # fmt: skip
    """A <tu> per source with a <tuv> per language (vi, en, km in one unit); a second translation of the
    same source into a language goes into a second <tu>, so none is lost. Written atomically, never over
    a database or onto a folder (export_target). Returns the number of <tu>. `tags`: a source's tag map
    (a project's segments), whose markers are written as TMX inline codes in every language;
    `read_markers`: a source without a map there has one made from its unit's markers (tmx_inline), so
    the shared memory's markers go out as codes too. A <tu> whose markers do not nest is written as the
    text it holds, markers and all, with no codes."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for unit in units:
        alternatives = grouped.setdefault(unit.source, {}).setdefault(unit.target_language, [])
        if unit.target not in alternatives:
            alternatives.append(unit.target)
    root = etree.Element("tmx", version="1.4")
    header = {
        "creationtool": "workbench", "creationtoolversion": "1", "datatype": "plaintext", "segtype": "sentence",
        "adminlang": "en", "srclang": source_language, "o-tmf": "workbench",
    }  # fmt: skip
    etree.SubElement(root, "header", header)
    body = etree.SubElement(root, "body")
    written = 0
    for original, targets in grouped.items():
        for number in range(max(len(texts) for texts in targets.values())):
            tu = etree.SubElement(body, "tu")
            written += 1
            chosen = [(language, texts[number]) for language, texts in targets.items() if number < len(texts)]
            texts = [(source_language, original), *chosen]
            tag_map = _unit_map(original, [text for _, text in texts], tags or {}, read_markers)
            for language, text in texts:
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
                _fill_seg(etree.SubElement(tuv, "seg"), text, tag_map)
    atomic_write_bytes(Path(path), etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True))
    return written


def _unit_map(original: str, texts: Sequence[str], tags: Mapping[str, TagMap], read_markers: bool) -> TagMap:
    """The map a <tu>'s markers are written with; empty (plain text) when a text's markers do not nest."""
    tag_map = tags.get(original) if original in tags or not read_markers else tags_from_markers(texts)
    if not tag_map or any(nesting_problems(text, tag_map) for text in texts):
        return {}
    return tag_map
