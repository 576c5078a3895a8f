"""Gettext PO/POT files: one segment per msgid, with everything export needs to write the entry back.

msgctxt, references, comments, flags, previous msgids (#|) and plural forms travel in the block's metadata;
obsolete entries (#~) in the document's properties, so an export gives them back. A msgstr already in the
file becomes the translation for the file's Language (translated, or draft when fuzzy). The bytes are
decoded by the charset the header declares when that decodes them cleanly (as gettext does), otherwise
by detection.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import polib

from workbench.core.errors import ImportProblem
from workbench.core.importing.po_syntax import PoMessage, read_po_messages
from workbench.core.importing.text_decoding import DecodedText, decode_text, normalize
from workbench.core.language.language_rules import language_code
from workbench.core.records import BlockKind, ImportedTranslation, SourceBlock, Status

PLURAL_SEPARATOR = "\x00plural"
#: the header's "Content-Type: text/plain; charset=CP1251\n", found in the raw bytes (the header is first)
_CHARSET = re.compile(rb"Content-Type:[^\"\n]*?charset=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HEADER_BYTES = 8192


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
        "previous_msgid_plural": entry.previous_msgid_plural,
        "previous_msgctxt": entry.previous_msgctxt,
        "linenum": entry.linenum,
    }


def plural_texts(entry: polib.POEntry) -> list[str]:
    """The texts of a plural entry's two segments (singular, plural), the same for import and merge:
    msgstr[0] and msgstr[1]; a language with one form (Khmer, Vietnamese) leaves the plural segment empty."""
    forms = [entry.msgstr_plural.get(i, "") for i in sorted(entry.msgstr_plural)]
    return [forms[0] if forms else "", forms[1] if len(forms) > 1 else ""]


def _decode_po(data: bytes, source: str) -> DecodedText:
    """The header's charset when it decodes the bytes cleanly (a byte-order mark still wins); detection
    otherwise, as for any text ("CHARSET" is a POT's placeholder). A file that says UTF-8 is read as UTF-8
    (NFC), as msgfmt reads it: a byte that is not UTF-8 is refused, naming its line, rather than guessed at
    (detection took Khmer with Vietnamese for VNI re-encoded)."""
    declared = _CHARSET.search(data[:_HEADER_BYTES])
    if declared is not None and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        charset = declared.group(1).decode("ascii").lower()
        if charset.replace("-", "").replace("_", "") == "utf8":
            try:
                return DecodedText(normalize(data.decode("utf-8")), "utf-8")
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                raise ImportProblem(
                    source,
                    f"is not a valid PO file: line {line}: the byte 0x{data[exc.start]:02X} is not UTF-8, "
                    "though the header says charset=UTF-8",
                ) from None
        if charset != "charset":
            if not data.isascii():
                try:  # UTF-8 bytes by accident in a real cp1251/latin-1/cp1258 text: next to impossible
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    pass
                else:
                    return DecodedText(
                        normalize(text),
                        "utf-8",
                        (f"{source}: the header says charset={declared.group(1).decode('ascii')}, but the file is "
                         "UTF-8 (a tool re-encoded it and left the header): read as UTF-8",),
                    )  # fmt: skip
            try:
                return decode_text(data, source, charset)
            except ImportProblem as problem:
                detected = decode_text(data, source)
                why = f"{source}: the header's charset={declared.group(1).decode('ascii')} cannot read it ({problem.problem})"
                return DecodedText(
                    detected.text, detected.encoding, (*detected.warnings, f"{why}; read as {detected.encoding}")
                )
    return decode_text(data, source)


def _occurrence(reference: str) -> tuple[str, str]:
    """A #: reference split as polib splits it: ("file.c", "12"); one without a line number stays whole."""
    name, _, line = reference.rpartition(":")
    return (name, line) if name and line.isdigit() else (reference, "")


def _entry(message: PoMessage) -> polib.POEntry:
    return polib.POEntry(
        msgid=message.msgid, msgstr=message.msgstr, msgctxt=message.msgctxt,
        msgid_plural=message.msgid_plural or "",
        msgstr_plural=dict(enumerate(message.msgstr_plural)) if message.msgid_plural is not None else {},
        occurrences=[_occurrence(r) for r in message.references], comment="\n".join(message.extracted_comments),
        tcomment="\n".join(message.translator_comments), flags=list(message.flags),
        previous_msgctxt=message.previous_msgctxt, previous_msgid=message.previous_msgid,
        previous_msgid_plural=message.previous_msgid_plural, obsolete=message.obsolete, linenum=message.line,
    )  # fmt: skip


def parse_po(data: bytes, source: str) -> tuple[polib.POFile, str, tuple[str, ...]]:
    """(the parsed file, its encoding, what the user should know of its decoding) for import and for
    merging a hand-off back. The file is read by our
    strict reader (`po_syntax`: what msgfmt refuses is refused here) and handed on as polib's objects,
    which the export writes back; polib's own lenient parser never sees it."""
    decoded = _decode_po(data, source)
    text = decoded.text[1:] if decoded.text.startswith("\ufeff") else decoded.text
    po = polib.POFile(wrapwidth=0)
    for message in read_po_messages(text, source):
        if not message.obsolete and message.msgctxt is None and not message.msgid:  # the header (only one)
            po.header = "\n".join(message.translator_comments)
            po.metadata_is_fuzzy = list(message.flags)
            po.metadata.update(_metadata(message.msgstr))
            continue
        po.append(_entry(message))
    return po, decoded.encoding, decoded.warnings


def _metadata(header: str) -> dict[str, str]:
    """The header's "Key: value" lines, a line without a colon continuing the previous value (as polib)."""
    metadata: dict[str, str] = {}
    key = None
    for line in header.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            metadata[key] = value.strip()
        elif key is not None:
            metadata[key] += "\n" + line.strip()
    return metadata


def po_blocks(data: bytes, source: str) -> tuple[list[SourceBlock], dict[str, Any], str, tuple[str, ...]]:
    """(blocks, properties, encoding, warnings): one block per entry; translations ride in meta["translations"]."""
    po, encoding, warnings = parse_po(data, source)
    language = po_language(po.metadata)
    blocks: list[SourceBlock] = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        meta = _entry_meta(entry)
        fuzzy = "fuzzy" in entry.flags
        status = Status.DRAFT if fuzzy else Status.TRANSLATED
        author = po.metadata.get("Last-Translator", "")
        texts = plural_texts(entry) if entry.msgid_plural else [entry.msgstr]
        translations = []
        if language:
            translations = [ImportedTranslation(language, text, status, author) if text else None for text in texts]
        meta["translations"] = translations
        meta["msgstr_plural_all"] = (
            [entry.msgstr_plural.get(i, "") for i in sorted(entry.msgstr_plural)] if entry.msgid_plural else None
        )
        blocks.append(SourceBlock(BlockKind.PO_ENTRY, entry.msgid, meta=meta, split_sentences=False))
    properties = {
        "po_metadata": dict(po.metadata),
        "po_header": po.header,
        "po_language": language,
        "po_fuzzy_header": bool(po.metadata_is_fuzzy),
        #: obsolete entries (#~) exactly as the file has them: nothing to translate, given back on export
        "po_obsolete": [str(entry) for entry in po.obsolete_entries()],
    }
    return blocks, properties, encoding, warnings
