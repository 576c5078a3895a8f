"""The project's own spelling dictionary (table spelling_words): words a person added for one target
language, kept in the project file so that everyone who opens the project, and its copies, has them."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.spelling.word_lists import checked_word
from workbench.core.store.project_store import Project
from workbench.core.timestamps import now


@dataclass(frozen=True, slots=True)
class ProjectWord:
    language: str
    word: str
    added_by: str
    added_at: str


def project_words(project: Project, language: str) -> set[str]:
    return {
        row[0] for row in project.connection.execute("SELECT word FROM spelling_words WHERE language = ?", (language,))
    }


def project_word_list(project: Project, language: str | None = None) -> list[ProjectWord]:
    """Every word of the project's dictionary (of one language), sorted, with who added it and when."""
    rows = project.connection.execute(
        "SELECT language, word, added_by, added_at FROM spelling_words"
        + (" WHERE language = ?" if language else "")
        + " ORDER BY language, word",
        (language,) if language else (),
    )
    return [ProjectWord(*row) for row in rows]


def add_project_words(project: Project, language: str, words: list[str], author: str) -> list[str]:
    """Add `words` (each checked first: one bad word and nothing is added); the words new to the project."""
    checked = [checked_word(word) for word in words]
    known = project_words(project, language)
    new = sorted({word for word in checked if word not in known})
    if new:
        stamp = now()
        with project.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO spelling_words(language, word, added_by, added_at) VALUES (?, ?, ?, ?)",
                [(language, word, author, stamp) for word in new],
            )
    return new


def remove_project_word(project: Project, language: str, word: str) -> bool:
    """Take `word` out of the project's dictionary; False when it was not there."""
    with project.transaction() as db:
        gone = db.execute("DELETE FROM spelling_words WHERE language = ? AND word = ?", (language, word.strip()))
    return gone.rowcount > 0
