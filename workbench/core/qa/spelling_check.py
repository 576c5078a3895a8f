"""The `spelling` QA check (and `source-spelling`, the Vietnamese source's typos when asked for): what the
checks of a project need to know about spelling, small enough to travel to worker processes, which load
their own dictionaries once."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import VIETNAMESE
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.settings import Settings
from workbench.core.spelling.checker import (
    NoDictionary,
    SpellChecker,
    dictionary_problem,
    is_loaded,
    skipped_dictionaries,
    spell_checker,
)
from workbench.core.spelling.dictionary_files import LANGUAGE_NAMES, DictionaryFiles, find_dictionary
from workbench.core.spelling.word_lists import user_words, user_words_problem
from workbench.core.store.project_store import Project
from workbench.core.store.spelling_words import project_words

#: the words a finding names at most
_SHOWN = 5


@dataclass(frozen=True, slots=True)
class SpellingSetup:
    """Which languages are spell checked, and the words a person added to each (project and user)."""

    languages: tuple[str, ...]
    source: bool
    extra: tuple[tuple[str, frozenset[str]], ...] = ()
    #: the dictionary found for each language when the checks started (None: none installed)
    files: tuple[tuple[str, DictionaryFiles | None], ...] = ()

    @classmethod
    def load(cls, project: Project, settings: Settings) -> SpellingSetup | None:
        if not settings.spell_check:
            return None
        languages = tuple(project.info.target_languages)
        every = (*languages, VIETNAMESE) if settings.spell_check_source else languages
        extra = tuple((lang, frozenset(project_words(project, lang) | user_words(lang))) for lang in every)
        files = tuple((lang, find_dictionary(lang)) for lang in every)
        return cls(languages, settings.spell_check_source, extra, files)

    def words_of(self, language: str) -> frozenset[str]:
        return next((words for lang, words in self.extra if lang == language), frozenset())

    def read_dictionaries(self) -> None:
        """Read every dictionary now: before forking workers, so that they share it instead of each reading."""
        for language, _words in self.extra:
            checker = self.checker(language)
            if isinstance(checker, SpellChecker):
                with contextlib.suppress(WorkbenchError):  # a damaged file: the check goes without it
                    checker.load()

    def checker(self, language: str) -> SpellChecker | NoDictionary:
        files = next((found for lang, found in self.files if lang == language), None)
        return _kept_checker(language, self.words_of(language), files)


def spelling_notes(setup: SpellingSetup | None, languages: Sequence[str] | None = None) -> list[str]:
    """What a person should know about a run's spelling check, in words for its output (not the log): each
    language (of `languages`, or every one checked) that went unchecked and why, each damaged dictionary
    passed over for the next one, and a user dictionary that could not be read."""
    if setup is None:
        return []
    notes = []
    for language, _words in setup.extra:
        if languages is not None and language not in languages and language != VIETNAMESE:
            continue
        about = f"spelling of {LANGUAGE_NAMES.get(language, language)} ({language})"
        problem = dictionary_problem(language)
        if problem:
            notes.append(f"{about} not checked: {problem}")
        else:
            notes += [f"{about}: skipped {note}" for note in skipped_dictionaries(language)]
        unreadable = user_words_problem(language)
        if unreadable:
            notes.append(f"{about}: your dictionary is left out ({unreadable})")
    return notes


@lru_cache(maxsize=8)
def _kept_checker(language: str, extra: frozenset[str], _files: DictionaryFiles | None) -> SpellChecker | NoDictionary:
    """One checker per language, word list and dictionary, so its verdicts carry over from row to row."""
    return spell_checker(language, extra)


def misspelled_words(
    setup: SpellingSetup,
    text: str,
    language: str,
    spans: Sequence[ProtectedSpan] | None = None,
    loaded_only: bool = False,
    source: str = "",
) -> list[str]:
    """The misspelled words of `text` (none when the language has no dictionary: the editor says so; none
    either with `loaded_only` while its dictionary is not loaded yet)."""
    if loaded_only and not is_loaded(language):
        return []
    checker = setup.checker(language)
    if isinstance(checker, NoDictionary):
        return []
    return [text[a:b] for a, b in checker.misspelled(text, spans, source)]


def spelling_message(words: Sequence[str]) -> str | None:
    if not words:
        return None
    unique = list(dict.fromkeys(words))
    shown = ", ".join(f"“{w}”" for w in unique[:_SHOWN]) + (
        f" and {len(unique) - _SHOWN} more" if len(unique) > _SHOWN else ""
    )
    return f"not in the dictionary: {shown}"


def target_spelling(
    setup: SpellingSetup, target: str, language: str, loaded_only: bool = False, source: str = ""
) -> str | None:
    """The finding for a translation; the names it took from `source` (without their marks) are not typos."""
    if language not in setup.languages or not target.strip():
        return None
    return spelling_message(misspelled_words(setup, target, language, None, loaded_only, source))


def source_spelling(
    setup: SpellingSetup, source: str, spans: Sequence[ProtectedSpan], loaded_only: bool = False
) -> str | None:
    if not setup.source:
        return None
    return spelling_message(misspelled_words(setup, source, VIETNAMESE, spans, loaded_only))
