"""Where a language's hunspell dictionary is found, and its files checked before the engine reads them.

Searched in order: the dictionaries shipped under resources/dictionaries/ (km_KH), the user's config folder
(`<config>/dictionaries`, where a person can drop any .aff/.dic pair), then the system's hunspell and
myspell folders (Debian's hunspell-en-us, hunspell-en-gb, hunspell-vi). A damaged pair is skipped, said
by name, for the next one in that order (a broken en_US.dic in the config folder: the system's en_US); only
when none works does the language go without spell checking. Nothing else stops.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.resources import resource_path
from workbench.core.settings import config_dir
from workbench.core.user_file import read_regular_file

#: the hunspell names tried for each language, in order
HUNSPELL_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("en_US", "en_GB", "en_AU", "en_CA"),
    "km": ("km_KH",),
    "vi": ("vi_VN",),
}
LANGUAGE_NAMES = {"en": "English", "km": "Khmer", "vi": "Vietnamese"}
SYSTEM_FOLDERS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"), Path("/usr/share/myspell/dicts"))
#: larger than any real dictionary (en_US.dic is 0.5 MB, km_KH.dic 1.5 MB)
FILE_LIMIT = 64 * 2**20


class DictionaryProblem(WorkbenchError):
    """A language has no usable dictionary; the message says which language and, when there is one, which file."""

    def __init__(self, language: str, problem: str) -> None:
        super().__init__(f"no {LANGUAGE_NAMES.get(language, language)} spelling dictionary: {problem}")
        self.language = language
        #: the file and what is wrong with it, without the language (for the note of a pair skipped)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class DictionaryFiles:
    language: str
    name: str  # en_US
    aff: Path
    dic: Path
    #: the language's other variants installed (en_GB beside en_US): a word any of them knows is correct
    also: tuple[DictionaryFiles, ...] = ()

    @property
    def stem(self) -> str:
        return str(self.aff.with_suffix(""))


def user_dictionary_folder() -> Path:
    return config_dir() / "dictionaries"


def search_folders() -> list[tuple[Path, bool]]:
    """(folder, whether links in it are followed): the user's folder holds only files the user put there."""
    shipped = resource_path("dictionaries")
    return [
        (shipped, False),
        (user_dictionary_folder(), False),
        *((folder, True) for folder in SYSTEM_FOLDERS),
    ]


def _plain_file(path: Path, follow_links: bool) -> bool:
    try:
        status = os.stat(path) if follow_links else os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode)


def find_dictionary(language: str) -> DictionaryFiles | None:
    """The first .aff/.dic pair for `language` (with its other variants), or None when none is installed."""
    found = [files for name in HUNSPELL_NAMES.get(language, ()) if (files := _find_named(language, name))]
    if not found:
        return None
    first, *others = found
    return DictionaryFiles(first.language, first.name, first.aff, first.dic, tuple(others))


def _find_named(language: str, name: str) -> DictionaryFiles | None:
    return next(iter(_pairs_named(language, name)), None)


def _pairs_named(language: str, name: str) -> list[DictionaryFiles]:
    found = []
    for folder, follow in search_folders():
        for place in (folder / name, folder):
            aff, dic = place / f"{name}.aff", place / f"{name}.dic"
            if _plain_file(aff, follow) and _plain_file(dic, follow):
                found.append(DictionaryFiles(language, name, aff, dic))
    return found


def dictionary_candidates(language: str) -> list[DictionaryFiles]:
    """Every .aff/.dic pair installed for `language`, in the order they are tried (by name, then by folder):
    the checker takes the first that passes check_files, and each other name's first good one as a variant."""
    found: dict[str, DictionaryFiles] = {}  # one entry per real file: myspell/dicts is often a link to hunspell/
    for name in HUNSPELL_NAMES.get(language, ()):
        for files in _pairs_named(language, name):
            found.setdefault(os.path.realpath(files.dic), files)
    return list(found.values())


def dictionary_encoding(aff_text: bytes) -> str:
    """The encoding the .aff names (SET), hunspell's default without one, or \"unknown\"."""
    for line in aff_text.splitlines()[:200]:
        if line.startswith(b"SET "):
            name = line[4:].strip().decode("ascii", "replace")
            try:
                return codecs.lookup(name.replace("microsoft-", "")).name
            except LookupError:
                return "unknown"
    return "iso8859-1"  # hunspell's default


def check_files(files: DictionaryFiles) -> None:
    """Refuse a pair the engine would misread: too large, unreadable, in an unknown or wrong encoding, or a
    .dic without its leading word count. Raises DictionaryProblem naming the file."""
    language = files.language
    try:
        aff = read_regular_file(files.aff, FILE_LIMIT)
        dic = read_regular_file(files.dic, FILE_LIMIT)
    except ImportProblem as exc:
        raise DictionaryProblem(language, str(exc)) from None
    encoding = dictionary_encoding(aff)
    if encoding == "unknown":
        raise DictionaryProblem(language, f"{files.aff}: names an encoding this program does not know")
    texts = []
    for path, data in ((files.aff, aff), (files.dic, dic)):
        try:
            texts.append(data.decode(encoding))
        except UnicodeDecodeError as exc:
            raise DictionaryProblem(language, f"{path}: is not valid {encoding} (byte {exc.start})") from None
    first = texts[1].lstrip("\ufeff").split("\n", 1)[0].strip()
    if not first.isdigit():
        raise DictionaryProblem(language, f"{files.dic}: is damaged (its first line is not the word count)")
