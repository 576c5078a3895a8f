"""The words a person added: the user's own list (a file per language in the config folder) and the check
that a word is one word (letters, marks and digits, with inner apostrophes and hyphens) before it goes into
any list."""

from __future__ import annotations

import logging
import unicodedata
from pathlib import Path

import regex

from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.exporting.export_target import atomic_write_bytes
from workbench.core.settings import config_dir
from workbench.core.user_file import read_regular_file

log = logging.getLogger(__name__)

#: longer than any real word (the longest km_KH entry has 171 characters): a pasted paragraph is refused
LONGEST_WORD = 200
#: a user dictionary file past this is not a list of words someone typed
_USER_FILE_LIMIT = 8 * 2**20
#: the unreadable user dictionaries already said in the log (once each)
_said: set[str] = set()


#: a word: letters, marks and digits (Khmer's are letters and marks too), with an apostrophe or hyphen only
#: between them (don't, e-mail, ឆ្នាំ); Khmer punctuation (។ ៕) and every other sign is not part of a word
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*")
_INNER = "'’-‐"
_SPACES = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a line break", "\u00a0": "a no-break space"}


def checked_word(word: str) -> str:
    """`word` trimmed, or a WorkbenchError saying why it cannot go into a dictionary, naming the character
    that is not part of a word visibly (“,” U+002C COMMA; a tab as U+0009)."""
    trimmed = word.strip()
    if not trimmed:
        raise WorkbenchError("an empty word cannot go into a dictionary")
    shown = _visible(trimmed[:40]) + ("…" if len(trimmed) > 40 else "")
    if _WORD.fullmatch(trimmed) is None:
        raise WorkbenchError(f"“{shown}” {_why_not_a_word(trimmed)}")
    if len(trimmed) > LONGEST_WORD:
        raise WorkbenchError(f"“{shown}” is {len(trimmed)} characters long: that is not one word")
    return trimmed


def _why_not_a_word(text: str) -> str:
    bad = next((ch for ch in text if ch not in _INNER and unicodedata.category(ch)[0] not in "LMN"), None)
    if bad is None:  # only an apostrophe or hyphen out of place
        place = "at the start" if text[0] in _INNER else "at the end" if text[-1] in _INNER else "twice in a row"
        mark = next(ch for ch in (text[0], text[-1], *text) if ch in _INNER)
        return f"has {_named(mark)} {place}: an apostrophe or hyphen goes only between letters"
    if bad == " ":
        return "has a space in it: a dictionary takes one word at a time"
    if bad.isspace():
        return f"has {_named(bad)} in it: a dictionary takes one word at a time"
    if unicodedata.category(bad) in ("Cc", "Cf", "Co", "Cn", "Cs"):
        return f"has an invisible character ({_named(bad)}) in it: type the word again"
    return (
        f"has {_named(bad)} in it: a word is letters, marks and digits, with an apostrophe or hyphen only between them"
    )


def _named(ch: str) -> str:
    """A character as a person can read it in a message: “,” (U+002C COMMA); a tab (U+0009)."""
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    described = f"{code} {name}" if name else code
    if ch in _SPACES:
        return f"{_SPACES[ch]} ({code})"
    return f"“{ch}” ({described})" if ch.isprintable() else described


def _visible(text: str) -> str:
    """`text` with its invisible characters written as escapes (a tab as \\t), so a message shows them."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def user_dictionary_path(language: str) -> Path:
    return config_dir() / "spelling" / f"{language}.txt"


def _read_lines(language: str) -> list[str]:
    """The lines of the user's file for `language`, strictly: a file that cannot be read (not UTF-8, too
    large, a link, unreadable) raises WorkbenchError naming it, so nothing is written over a list this program
    could not read."""
    path = user_dictionary_path(language)
    try:
        if path.is_symlink():
            raise ImportProblem(str(path), "is a symbolic link: this program reads and writes only its own file")
        if not path.exists():
            return []
        data = read_regular_file(path, _USER_FILE_LIMIT)
    except OSError as exc:
        raise ImportProblem(str(path), f"cannot be read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise ImportProblem(str(path), f"is not UTF-8 text (byte {exc.start})") from None


def _words_of(lines: list[str]) -> set[str]:
    words = set()
    for line in lines:
        try:
            words.add(checked_word(line))
        except WorkbenchError:
            continue  # a hand-edited line that is not one word is skipped (and kept in the file)
    return words


def read_user_words(language: str) -> set[str]:
    """The user's words for `language`, or WorkbenchError naming the file when it cannot be read."""
    return _words_of(_read_lines(language))


def user_words(language: str) -> set[str]:
    """The user's words for checking (a missing file: none). A file that cannot be read gives none and is
    said by the caller (user_words_problem: `check`, the window's status bar); adding or removing a word refuses instead (read_user_words)."""
    try:
        return read_user_words(language)
    except WorkbenchError as exc:
        if str(exc) not in _said:
            _said.add(str(exc))
            log.info("your dictionary is left out of spell checking: %s", exc)  # the caller says it to the user
        return set()


def user_words_problem(language: str) -> str | None:
    """Why the user's dictionary for `language` cannot be read, or None when it can (or there is none)."""
    try:
        read_user_words(language)
    except WorkbenchError as exc:
        return str(exc)
    return None


def _write_user_lines(language: str, lines: list[str]) -> None:
    """The list written whole, synced, then put in place (export_target's one atomic write): never half a list,
    and a folder or disk that refuses is a WorkbenchError naming the file."""
    path = user_dictionary_path(language)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbenchError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    atomic_write_bytes(path, "".join(f"{line}\n" for line in lines).encode("utf-8"))


def add_user_word(language: str, word: str) -> str:
    """Add `word` to the user's dictionary (every line already there kept); the word as kept (trimmed).
    An unreadable file is refused (WorkbenchError naming it) and left as it is."""
    word = checked_word(word)
    lines = _read_lines(language)
    if word not in _words_of(lines):
        _write_user_lines(language, [*lines, word])
    return word


def remove_user_word(language: str, word: str) -> bool:
    """Take `word` out of the user's dictionary; False when it was not there (an unreadable file: refused)."""
    lines = _read_lines(language)
    kept = [line for line in lines if line.strip() != word.strip()]
    if len(kept) == len(lines):
        return False
    _write_user_lines(language, kept)
    return True
