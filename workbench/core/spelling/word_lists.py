"""The words a person added: the user's own list (a file per language in the config folder) and the check
that a word is one word (no spaces, no control characters) before it goes into any list."""

from __future__ import annotations

import logging
import os
import unicodedata
from pathlib import Path

from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.settings import config_dir
from workbench.core.user_file import read_regular_file

log = logging.getLogger(__name__)

#: longer than any real word (the longest km_KH entry has 171 characters): a pasted paragraph is refused
LONGEST_WORD = 200
#: a user dictionary file past this is not a list of words someone typed
_USER_FILE_LIMIT = 8 * 2**20


def checked_word(word: str) -> str:
    """`word` trimmed, or a WorkbenchError saying why it cannot go into a dictionary."""
    trimmed = word.strip()
    if not trimmed:
        raise WorkbenchError("an empty word cannot go into a dictionary")
    shown = trimmed[:40] + ("…" if len(trimmed) > 40 else "")
    if any(ch.isspace() for ch in trimmed):
        raise WorkbenchError(f"“{shown}” has a space in it: a dictionary takes one word at a time")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in trimmed):
        raise WorkbenchError(f"{trimmed!r} has a control or invisible character in it: type the word again")
    if len(trimmed) > LONGEST_WORD:
        raise WorkbenchError(f"“{shown}” is {len(trimmed)} characters long: that is not one word")
    return trimmed


def user_dictionary_path(language: str) -> Path:
    return config_dir() / "spelling" / f"{language}.txt"


def user_words(language: str) -> set[str]:
    """The user's words for `language` (a missing file: none; a line that is not one word is skipped)."""
    path = user_dictionary_path(language)
    if not path.exists():
        return set()
    try:
        text = read_regular_file(path, _USER_FILE_LIMIT).decode("utf-8")
    except (ImportProblem, UnicodeDecodeError) as exc:
        log.warning("user dictionary %s left out: %s", path, exc)
        return set()
    words = set()
    for line in text.splitlines():
        try:
            words.add(checked_word(line))
        except WorkbenchError:
            continue
    return words


def _write_user_words(language: str, words: set[str]) -> None:
    """The list written whole to a temporary file, then put in place: never half a list."""
    path = user_dictionary_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("".join(f"{w}\n" for w in sorted(words)), encoding="utf-8")
    os.replace(temporary, path)


def add_user_word(language: str, word: str) -> str:
    """Add `word` to the user's dictionary; the word as kept (trimmed)."""
    word = checked_word(word)
    words = user_words(language)
    if word not in words:
        _write_user_words(language, words | {word})
    return word


def remove_user_word(language: str, word: str) -> bool:
    """Take `word` out of the user's dictionary; False when it was not there."""
    words = user_words(language)
    if word.strip() not in words:
        return False
    _write_user_words(language, words - {word.strip()})
    return True
