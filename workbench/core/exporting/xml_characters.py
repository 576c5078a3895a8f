"""Characters XML 1.0 cannot hold: control codes that arrive from Word (U+000B, a manual line break in
some exports), from terminals or from damaged files.

lxml and python-docx refuse them outright ("All strings must be XML compatible"), so an export of a
project holding one would fail. They carry no text: imports drop them (`clean_text`), and every XML
writer passes its text through `xml_text` for what an older project or another path let in.
"""

from __future__ import annotations

import re

#: not allowed in XML 1.0: C0 controls other than tab, line feed and carriage return, U+FFFE/U+FFFF, lone
#: surrogates; and the C1 controls and DEL, allowed but never text in a translation. The standard `re`:
#: it looks for a set of code points about five times faster than `regex` (an import checks every file whole)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: vertical tab and form feed separate words where they stand
_SEPARATORS = re.compile(r"[\x0b\x0c]")


def xml_text(text: str) -> str:
    """`text` with the characters XML cannot hold removed (a vertical tab or form feed becomes a space)."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub("", _SEPARATORS.sub(" ", text))
