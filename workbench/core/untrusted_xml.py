"""Reading XML that comes from elsewhere (TMX, XLIFF, TBX): no entity expansion, no network, no DTD,
a size limit, and entity declarations refused outright (an entity bomb) — each failure an
ImportProblem naming the file and the problem. Only a regular file is read (see user_file)."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from lxml import etree

from workbench.core.errors import ImportProblem
from workbench.core.importing.text_decoding import is_utf8
from workbench.core.user_file import read_regular_file

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


def parse_untrusted(path: Path, kind: str, max_bytes: int) -> etree._ElementTree:
    """The parsed file; `kind` ("a TMX file") words the refusal of entity declarations."""
    source = str(path)
    data = read_regular_file(Path(path), max_bytes)
    try:
        tree = etree.parse(BytesIO(data), _PARSER, base_url=source)
    except etree.XMLSyntaxError as exc:
        if "amplification" in str(exc) or "entity reference loop" in str(exc):  # libxml2 stopped an entity bomb
            raise ImportProblem(source, f"declares XML entities, which {kind} has no need of; refused") from exc
        declared = _DECLARED_ENCODING.match(data[:200])
        if declared and declared.group(1).lower().replace(b"-", b"") != b"utf8" and is_utf8(data):
            raise ImportProblem(
                source,
                f"says it is in {declared.group(1).decode('ascii')}, but its bytes are UTF-8 (a tool re-encoded it "
                "and left the declaration): change the encoding in its first line to UTF-8",
            ) from exc
        raise ImportProblem(source, f"is not well-formed XML ({exc})") from exc
    dtd = tree.docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):  # type: ignore[union-attr]
        raise ImportProblem(source, f"declares XML entities, which {kind} has no need of; refused")
    return tree


def refuse_unknown_entities(tree: etree._ElementTree, source: str) -> None:
    """An entity of a DTD that is never loaded ("&nbsp;", "&leak;") stands for text nobody knows: taking the
    rest of the element would store a sentence with a hole in it, so the file is refused."""
    entity = next(tree.getroot().iter(etree.Entity), None)
    if entity is not None:
        raise ImportProblem(
            source,
            f"uses the entity {entity.text} (line {entity.sourceline}), which is declared only in a DTD the "
            "workbench does not load, so its text is unknown; replace it with the character it stands for",
        )
