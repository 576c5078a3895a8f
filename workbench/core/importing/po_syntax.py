"""The strict reader of gettext PO syntax: the grammar and the checks `msgfmt --check` makes, in our own
code (an office PC has no msgfmt), so import and merge never take a malformed file for text.

polib reads leniently: an unterminated string ("Xin chà), a line of stray text or a msgid without msgstr
come through as text, and a merge would write them as translated. Here every string ends on its line with
a known escape; every entry is [msgctxt] msgid (msgstr | msgid_plural msgstr[0] msgstr[1] …) with the
indexes in order; no comment falls inside an entry; #~ is used for a whole entry; no msgctxt and msgid
come twice (obsolete entries included, as msgfmt counts them). The header's Plural-Forms must be
`nplurals=N; plural=EXPR;` with an expression of gettext's grammar that gives a form below N for
n = 0…1000 without dividing by zero, and every translated plural entry has exactly N forms.

Accepted as peers write them (Poedit, Lokalize, translate-toolkit, msgmerge): comments of every kind,
#| previous msgids, #~ obsolete entries, wrapped strings, several strings on one line, CRLF.
Stricter than msgfmt (said in the message): a `domain` line, an octal or hex escape beyond ASCII (a byte
of some charset, not a character), NUL and EOT in a text (EOT separates msgctxt from msgid in our
keys). Not checked (msgfmt --check does): the header's presence and fields, c-format directives and a msgstr
that begins or ends with a newline its msgid does not (the QA checks look at placeholders and spacing), a template's plural entries with every msgstr[] empty, and the number of
forms where the header has no Plural-Forms at all (hand-made files; nothing says what is right). Everything is linear in the file: one pass of anchored regexes per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.core.counted import counted
from workbench.core.errors import ImportProblem
from workbench.core.importing.plural_expression import PluralExpressionError, compile_plural

#: msgfmt checks the plural expression for these n
PLURAL_CHECK_RANGE = range(1001)
MAX_PLURAL_EXPRESSION = 500
#: xgettext's placeholder in a template's header: no plural forms said yet
TEMPLATE_PLURAL_FORMS = "nplurals=INTEGER; plural=EXPRESSION;"
_WHITESPACE = re.compile(r"[ \t\r\f\v]*")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[[0-9]*\])?")
_PLURAL_KEYWORD = re.compile(r"msgstr\[([0-9]+)\]")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(?:([ntbrfva\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "\\": "\\", '"': '"'}
_KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural", "msgstr"})
_FORBIDDEN = re.compile("[\x00\x04]")


@dataclass(slots=True)
class PoMessage:
    """One entry as the file has it, strings decoded; `line` is where its msgid (or msgctxt) stands."""

    line: int
    obsolete: bool = False
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PluralForms:
    nplurals: int
    expression: str


class _Reader:
    """The state machine over the file's tokens: the entry being read and which of its fields a string
    continues."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.messages: list[PoMessage] = []
        self.pending = PoMessage(0)  # comments and previous msgids waiting for their entry
        self.current: PoMessage | None = None
        #: the field a string continues: msgctxt, msgid, msgid_plural, msgstr, or a plural index
        self.field: str | int | None = None
        self.previous_field: str | None = None
        self.needs_string = False
        self.line = 0

    def fail(self, problem: str, column: int | None = None) -> ImportProblem:
        where = f"line {self.line}" + (f", column {column}" if column is not None else "")
        return ImportProblem(self.source, f"is not a valid PO file: {where}: {problem}")

    # -- lines -------------------------------------------------------------------------------------
    def read(self, text: str) -> list[PoMessage]:
        for number, raw in enumerate(text.split("\n"), 1):
            self.line = number
            self.tokens(raw, 0, obsolete=False)
        self.end_of_entry()
        return self.messages

    def tokens(self, raw: str, position: int, obsolete: bool, previous: bool = False) -> None:
        """The keywords and strings of one line from `position`; a # starts a comment to the line's end."""
        while True:
            position = _WHITESPACE.match(raw, position).end()  # type: ignore[union-attr]
            if position >= len(raw):
                return
            char = raw[position]
            if char == "#":
                if previous:
                    raise self.fail("a comment inside a #| line", position + 1)
                self.comment(raw, position, obsolete)
                return
            if char == '"':
                position = self.string(raw, position, obsolete, previous)
                continue
            word = _WORD.match(raw, position)
            if word is None:
                raise self.fail(f"stray text {raw[position : position + 20]!r}", position + 1)
            self.keyword(word.group(), position, obsolete, previous)
            position = word.end()

    def comment(self, raw: str, position: int, obsolete: bool) -> None:
        kind, rest = raw[position + 1 : position + 2], raw[position + 2 :]
        if kind == "~" and not obsolete:
            if rest.startswith("|"):
                self.tokens(raw, position + 3, obsolete=True, previous=True)
            else:
                self.tokens(raw, position + 2, obsolete=True)
            return
        if kind == "|":
            self.tokens(raw, position + 2, obsolete, previous=True)
            return
        self.end_of_entry()
        if kind == ",":
            self.pending.flags.extend(flag.strip() for flag in rest.split(",") if flag.strip())
        elif kind == ":":
            self.pending.references.extend(rest.split())
        elif kind == ".":
            self.pending.extracted_comments.append(rest[1:] if rest.startswith(" ") else rest)
        elif not obsolete:
            text = raw[position + 1 :]
            self.pending.translator_comments.append(text[1:] if text.startswith(" ") else text)

    # -- tokens ------------------------------------------------------------------------------------
    def keyword(self, word: str, position: int, obsolete: bool, previous: bool) -> None:
        column = position + 1
        if self.needs_string:
            raise self.fail(f"{self.field_name()} has no string before {word!r}", column)
        plural = _PLURAL_KEYWORD.fullmatch(word)
        if previous:
            if word not in ("msgctxt", "msgid", "msgid_plural"):
                raise self.fail(f"#| holds msgctxt, msgid or msgid_plural, not {word!r}", column)
            self.end_of_entry()
            self.previous_field, self.needs_string = word, True
            return
        if word == "domain":
            raise self.fail("a 'domain' line: only PO files of one domain can be read", column)
        if word not in _KEYWORDS and plural is None:
            raise self.fail(f"unknown keyword {word!r}", column)
        if word == "msgctxt" or (word == "msgid" and self.field != "msgctxt"):
            self.end_of_entry()
            self.start(obsolete)
        elif self.current is None:
            raise self.fail(f"{word} without a msgid before it", column)
        message = self.current
        assert message is not None
        if message.obsolete != obsolete:
            raise self.fail("inconsistent use of #~ (an entry is obsolete in all its lines or in none)", column)
        if word == "msgctxt":
            message.msgctxt, self.field = "", "msgctxt"
        elif word == "msgid":
            self.field = "msgid"
        elif word == "msgid_plural":
            if self.field != "msgid":
                raise self.fail("msgid_plural not right after its msgid", column)
            message.msgid_plural, self.field = "", "msgid_plural"
        elif word == "msgstr":
            if self.field == "msgid_plural":
                raise self.fail("an entry with msgid_plural has msgstr[0], msgstr[1], …, not msgstr", column)
            if self.field != "msgid":
                raise self.fail("msgstr not right after its msgid", column)
            self.field = "msgstr"
        else:
            assert plural is not None
            index = int(plural.group(1))
            if self.field == "msgid":
                raise self.fail(f"{word} in an entry without msgid_plural", column)
            if self.field not in ("msgid_plural",) and not isinstance(self.field, int):
                raise self.fail(f"{word} not right after its msgid_plural", column)
            if index != len(message.msgstr_plural):
                raise self.fail(f"{word} where msgstr[{len(message.msgstr_plural)}] was due (wrong plural index)", column)  # fmt: skip
            message.msgstr_plural.append("")
            self.field = index
        self.needs_string = True

    def start(self, obsolete: bool) -> None:
        pending = self.pending
        pending.line, pending.obsolete = self.line, obsolete
        self.current, self.field, self.pending, self.previous_field = pending, None, PoMessage(0), None

    def string(self, raw: str, position: int, obsolete: bool, previous: bool) -> int:
        found = _STRING.match(raw, position)
        if found is None:
            raise self.fail("the string is not closed on its line (end-of-line within string)", position + 1)
        text = self.unescape(found.group(1), position + 2)
        if previous:
            self.append_previous(text, position + 1)
        elif self.current is None or self.field is None:
            raise self.fail("a string outside any entry", position + 1)
        else:
            if self.current.obsolete != obsolete:
                raise self.fail("inconsistent use of #~ (an entry is obsolete in all its lines or in none)", position + 1)  # fmt: skip
            self.append(text)
        self.needs_string = False
        return found.end()

    def append(self, text: str) -> None:
        message, name = self.current, self.field
        assert message is not None
        if isinstance(name, int):
            message.msgstr_plural[name] += text
        elif name == "msgctxt":
            message.msgctxt = (message.msgctxt or "") + text
        elif name == "msgid_plural":
            message.msgid_plural = (message.msgid_plural or "") + text
        else:
            setattr(message, str(name), getattr(message, str(name)) + text)

    def append_previous(self, text: str, column: int) -> None:
        if self.previous_field is None:
            raise self.fail("a #| string without msgctxt, msgid or msgid_plural before it", column)
        name = f"previous_{self.previous_field}"
        setattr(self.pending, name, (getattr(self.pending, name) or "") + text)

    def unescape(self, body: str, column: int) -> str:
        def replace(match: re.Match[str]) -> str:
            simple, octal, hexadecimal, other = match.groups()
            if simple is not None:
                return _SIMPLE_ESCAPES[simple]
            if other is not None:
                escape = "\\" + other
                raise self.fail(f"the escape {escape!r} is not one of C's (invalid control sequence)", column + match.start())  # fmt: skip
            digits = (hexadecimal or "").lstrip("0") or "0"
            value = int(octal, 8) if octal is not None else (int(digits, 16) if len(digits) <= 2 else 0x100)
            if value > 0x7F:
                raise self.fail(f"the escape {match.group()!r} is a byte of some charset, not a character: write the character itself", column + match.start())  # fmt: skip
            return chr(value)

        text = _ESCAPE.sub(replace, body) if "\\" in body else body
        forbidden = _FORBIDDEN.search(text)
        if forbidden is not None:
            raise self.fail(f"a text holds the control character U+{ord(forbidden.group()):04X}", column)
        return text

    # -- entries -----------------------------------------------------------------------------------
    def field_name(self) -> str:
        if self.previous_field is not None and self.current is None:
            return f"#| {self.previous_field}"
        return self.field if isinstance(self.field, str) else f"msgstr[{self.field}]"

    def end_of_entry(self) -> None:
        """A comment, a new entry or the end of the file closes the current entry; it must be whole."""
        if self.needs_string:
            raise self.fail(f"{self.field_name()} has no string")
        if self.current is None:
            return
        message = self.current
        if self.field == "msgctxt":
            raise self.fail("msgctxt without a msgid after it")
        if self.field == "msgid":
            raise self.fail(f"the entry {message.msgid[:40]!r} (line {message.line}) has no msgstr")
        if self.field == "msgid_plural":
            raise self.fail(f"the entry {message.msgid[:40]!r} (line {message.line}) has no msgstr[0]")
        self.messages.append(message)
        self.current, self.field = None, None


def read_po_messages(text: str, source: str) -> list[PoMessage]:
    """Every entry of a decoded PO file, refused as a whole (ImportProblem naming the line) if any part
    is malformed, duplicated or disagrees with the header's Plural-Forms."""
    reader = _Reader(source)
    messages = reader.read(text)
    first: dict[tuple[str | None, str], int] = {}
    for message in messages:
        key = (message.msgctxt, message.msgid)
        if key in first:
            name = message.msgid[:40] if message.msgctxt is None else f"{message.msgctxt}: {message.msgid[:40]}"
            raise ImportProblem(
                source, f"is not a valid PO file: line {message.line}: the entry {name!r} is there twice "
                f"(first on line {first[key]}; duplicate message definition)",
            )  # fmt: skip
        first[key] = message.line
    header = next((m for m in messages if not m.obsolete and m.msgctxt is None and not m.msgid), None)
    forms = plural_forms(header.msgstr, source, header.line) if header is not None else None
    # a template's plural entries (every msgstr[] empty, as xgettext writes them) have nothing to count;
    # without Plural-Forms (msgfmt refuses that, hand-made files have it) the entries count for themselves
    translated = [m for m in messages if m.msgid_plural is not None and not m.obsolete and any(m.msgstr_plural)]
    if translated and forms is not None and not forms.expression:
        raise ImportProblem(
            source, f"is not a valid PO file: line {translated[0].line}: a translated plural entry, but the "
            f"header's Plural-Forms has no plural=EXPRESSION",
        )  # fmt: skip
    for message in translated:
        if forms is not None and len(message.msgstr_plural) != forms.nplurals:
            raise ImportProblem(
                source, f"is not a valid PO file: line {message.line}: the entry {message.msgid[:40]!r} has "
                f"{counted(len(message.msgstr_plural), 'plural form')}, the header's Plural-Forms says "
                f"nplurals={forms.nplurals}",
            )  # fmt: skip
    return messages


_NPLURALS = re.compile(r"nplurals\s*=\s*([^;]*)")
_PLURAL = re.compile(r"(?<![a-z])plural\s*=\s*([^;]*)")


def plural_forms(header: str, source: str, line: int) -> PluralForms | None:
    """The header's Plural-Forms checked as msgfmt checks it; None when the header has none."""
    value = next((row.split(":", 1)[1] for row in header.split("\n") if row.startswith("Plural-Forms:")), None)
    if value is None or value.strip() == TEMPLATE_PLURAL_FORMS:
        return None

    def fail(problem: str) -> ImportProblem:
        return ImportProblem(source, f"is not a valid PO file: line {line}: the header's Plural-Forms {problem}")

    nplurals = _NPLURALS.search(value)
    if nplurals is None or not re.fullmatch(r"[0-9]+", nplurals.group(1).strip()):
        shown = nplurals.group(1).strip() if nplurals else ""
        raise fail(f"has no valid nplurals (nplurals={shown!r} is not a whole number)")
    count = int(nplurals.group(1))
    plural = _PLURAL.search(value)
    if plural is None:
        return PluralForms(count, "")  # msgfmt minds only when the file has plural entries
    expression = plural.group(1).strip()
    if len(expression) > MAX_PLURAL_EXPRESSION:
        raise fail(f"has a plural expression longer than {MAX_PLURAL_EXPRESSION} characters")
    try:
        evaluate = compile_plural(expression)
        for n in PLURAL_CHECK_RANGE:
            form = evaluate(n)
            if form >= count:
                raise fail(f"says nplurals={count} but plural={expression} gives {form} for n={n}")
    except PluralExpressionError as exc:
        raise fail(f"has an invalid plural expression {expression!r}: {exc}") from None
    return PluralForms(count, expression)
