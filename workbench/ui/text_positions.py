"""Places in a text as Qt counts them and as Python does: QTextCursor positions are UTF-16 code units, so a
character past U+FFFF (an emoji, a rare CJK ideograph) is two of them and one in a Python string."""

from __future__ import annotations


def qt_position(text: str, index: int) -> int:
    """A Python index in `text` as a Qt position."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def python_index(text: str, position: int) -> int:
    """A Qt position in `text` as a Python index (the end of the text for a position past it)."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
