"""Gettext PO/POT files: one segment per msgid, with everything export needs to write the entry back.

msgctxt, references, comments, flags and plural forms travel in the block's metadata. A msgstr already
in the file becomes the translation for the file's Language (translated, or draft when fuzzy).
"""

from __future__ import annotations

from typing import Any

import polib

from workbench.core.errors import ImportProblem
from workbench.core.language_rules import language_code
from workbench.core.records import BlockKind, ImportedTranslation, SourceBlock, Status
from workbench.core.text_decoding import decode_text

PLURAL_SEPARATOR = "\x00plural"


def po_language(metadata: dict[str, str]) -> str:
    """The file's target language as a project code: "km_KH" -> "km", "en-US" -> "en"."""
    return language_code(metadata.get("Language", ""))


def context_key(msgctxt: str | None, msgid: str) -> str:
    return f"{msgctxt}\x04{msgid}" if msgctxt is not None else msgid


def _entry_meta(entry: polib.POEntry) -> dict[str, Any]:
    return {
        "msgctxt": entry.msgctxt,
        "msgid": entry.msgid,
        "msgid_plural": entry.msgid_plural or None,
        "occurrences": [list(o) for o in entry.occurrences],
        "comment": entry.comment or "",
        "tcomment": entry.tcomment or "",
        "flags": list(entry.flags),
        "previous_msgid": entry.previous_msgid,
        "previous_msgctxt": entry.previous_msgctxt,
        "linenum": entry.linenum,
    }


def parse_po(data: bytes, source: str) -> tuple[polib.POFile, str]:
    """(the parsed file, its encoding) for import and for merging a hand-off back."""
    decoded = decode_text(data, source)
    try:
        return polib.pofile(decoded.text, wrapwidth=0), decoded.encoding
    except (OSError, ValueError, UnicodeError) as exc:
        raise ImportProblem(source, f"is not a valid PO file: {exc}") from exc


def po_blocks(data: bytes, source: str) -> tuple[list[SourceBlock], dict[str, Any], str]:
    """(blocks, properties, encoding): one block per entry; translations ride in meta["translations"]."""
    po, encoding = parse_po(data, source)
    language = po_language(po.metadata)
    blocks: list[SourceBlock] = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        meta = _entry_meta(entry)
        fuzzy = "fuzzy" in entry.flags
        status = Status.DRAFT if fuzzy else Status.TRANSLATED
        author = po.metadata.get("Last-Translator", "")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in sorted(entry.msgstr_plural)]
        else:
            forms = [entry.msgstr]
        translations = []
        if language:
            translations = [
                ImportedTranslation(language, text, status, author) if text else None
                for text in forms[: 2 if entry.msgid_plural else 1]
            ]
        meta["translations"] = translations
        meta["msgstr_plural_all"] = forms if entry.msgid_plural else None
        blocks.append(SourceBlock(BlockKind.PO_ENTRY, entry.msgid, meta=meta, split_sentences=False))
    properties = {
        "po_metadata": dict(po.metadata),
        "po_header": po.header,
        "po_language": language,
        "po_fuzzy_header": bool(po.metadata_is_fuzzy),
    }
    return blocks, properties, encoding
