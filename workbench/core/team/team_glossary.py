"""The team glossary on the server (wb.glossary_terms): a project's terms pushed, the team's pulled into one.

A term is kept per (normalised term, language, translation): two translators' different translations of a
term are two rows, never one overwriting the other. Pulling picks, per term and language, the approved
translation (an editor's), else the oldest, and adds to the project's glossary only what it lacks: a term it
does not have, or a language its term has no translation for. A translation the project already has is
never replaced; where the team's differs it is listed, for a person to decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import psycopg

from workbench.core.memory.glossary import Term, terms, write_term
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.store.project_store import Project
from workbench.core.team.server_connection import server_faults
from workbench.core.timestamps import now


def push_terms(conn: psycopg.Connection[Any], server: str, glossary: list[Term]) -> int:
    """Add every translation of the terms (one transaction); returns how many the server did not have."""
    added = 0
    with server_faults(server, "adding terms to the team glossary"), conn.transaction(), conn.cursor() as cursor:
        for term in glossary:
            key = normalize_for_matching(term.source)
            for language, translation in sorted(term.targets.items()):
                if not key or not translation.strip() or "\x00" in term.source + translation + term.note:
                    continue
                cursor.execute(
                    """INSERT INTO wb.glossary_terms (target_language, term, term_key, translation, note)
                       VALUES (%s, %s, %s, %s, %s)
                       ON CONFLICT (term_key, target_language, md5(translation)) DO NOTHING""",
                    (language, term.source.strip(), key, translation, term.note),
                )
                added += cursor.rowcount
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        with server_faults(server, "committing the terms"):
            conn.commit()
    return added


def team_terms(conn: psycopg.Connection[Any], server: str) -> list[Term]:
    """The team's glossary as terms: per term and language the approved translation, else the oldest."""
    with server_faults(server, "reading the team glossary"):
        rows = conn.execute(
            """SELECT DISTINCT ON (term_key, target_language) term_key, term, target_language, translation, note
               FROM wb.glossary_terms
               ORDER BY term_key, target_language, approved_by IS NULL, created_at, id"""
        ).fetchall()
    found: dict[str, Term] = {}
    for key, source, language, translation, note in rows:
        term = found.setdefault(key, Term(source, {}, note=note))
        term.targets[language] = translation
    return list(found.values())


@dataclass
class GlossaryPull:
    terms_added: int = 0
    translations_added: int = 0
    #: (term, language, the project's translation, the team's) where they differ: kept as the project has it
    differing: list[tuple[str, str, str, str]] = field(default_factory=list)


def pull_into_project(project: Project, team: list[Term]) -> GlossaryPull:
    """Add to the project's glossary what the team's has and it lacks, in one transaction."""
    report = GlossaryPull()
    own = {normalize_for_matching(t.source): t for t in terms(project)}
    languages = set(project.info.target_languages)
    stamp = now()
    with project.transaction() as db:
        for term in team:
            key = normalize_for_matching(term.source)
            mine = own.get(key)
            wanted = {lang: text for lang, text in term.targets.items() if lang in languages}
            if mine is None:
                if wanted:
                    write_term(db, Term(term.source, wanted, note=term.note, fixed_unknown=True), stamp)
                    report.terms_added += 1
                continue
            missing = {lang: text for lang, text in wanted.items() if not mine.targets.get(lang)}
            for lang, text in sorted(wanted.items()):
                if mine.targets.get(lang) and normalize_for_matching(mine.targets[lang]) != normalize_for_matching(
                    text
                ):
                    report.differing.append((mine.source, lang, mine.targets[lang], text))
            if missing:
                merged = {**mine.targets, **missing}
                write_term(db, Term(mine.source, merged, mine.forbidden, fixed_unknown=True), stamp)
                report.translations_added += len(missing)
    return report
