"""`spelling --check`: every misspelled word of a project's translations (or its source) in one language."""

from __future__ import annotations

from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import VIETNAMESE
from workbench.core.qa.row_checks import read_rows
from workbench.core.spelling.checker import NoDictionary, spell_checker
from workbench.core.spelling.word_lists import user_words
from workbench.core.store.project_store import Project
from workbench.core.store.spelling_words import project_words


def misspelled_segments(
    project: Project, language: str, document_id: int | None = None, extra: frozenset[str] | None = None
) -> list[tuple[int, list[str]]]:
    """(segment id, misspelled words) of each translation in `language` (the source's with "vi"), in reading
    order: what `spelling --check` lists. A language without a dictionary raises DictionaryProblem's text."""
    words = extra if extra is not None else frozenset(project_words(project, language) | user_words(language))
    checker = spell_checker(language, words)
    if isinstance(checker, NoDictionary):
        raise WorkbenchError(checker.message)
    found = []
    targets = [] if language == VIETNAMESE else [language]
    for sid, source, _spans, translatable, texts, _tags in read_rows(project.connection, document_id, targets):
        text = source if language == VIETNAMESE else texts.get(language, ("",))[0]
        if translatable and text:
            bad = [text[a:b] for a, b in checker.misspelled(text, source="" if language == VIETNAMESE else source)]
            if bad:
                found.append((sid, bad))
    return found
