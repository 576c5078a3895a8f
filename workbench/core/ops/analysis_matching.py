"""The best memory match of each distinct source, into every target language at once, for the analysis.

The analysis needs a score per (source, language), never the unit, its differences or a second-best.
So each memory is asked once per source for all languages: one key query (`SELECT target_language ...
WHERE source_key = ?`, on the UNIQUE index's prefix) says which languages have a 100 % match; only for
the others is the fuzzy search run, once, its candidates (translation_memory.lookup's: the units sharing
most indexed pairs, whatever their language) scored into each language. The scores are the ones
`Memories.lookup(source, language, threshold=50, limit=1)` gives (a test compares them); a lookup per
language would search the pair index again for each language and diff the words of the match it returns.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Sequence

from rapidfuzz import fuzz

from workbench.core.memory.memory_index import shared_pairs
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import CANDIDATES


class BestMatch:
    """Best scores per matching key and language in the project's and the shared memory, counting the cost."""

    def __init__(self, memories: Memories, threshold: int) -> None:
        self.threshold = threshold
        self.databases: list[sqlite3.Connection] = [memories.project.connection]
        if memories.shared is not None:
            self.databases.append(memories.shared.db)
        self.exact_queries = 0
        self.fuzzy_searches = 0

    def scores(self, key: str, languages: Sequence[str]) -> dict[str, int]:
        """language -> best score reaching the threshold (a language without a match is left out)."""
        found: dict[str, int] = {}
        if not key:
            return found
        for db in self.databases:
            self.exact_queries += 1
            rows = db.execute("SELECT DISTINCT target_language FROM tm_units WHERE source_key = ?", (key,)).fetchall()
            found.update((row[0], 100) for row in rows if row[0] in languages)
        missing = [language for language in languages if language not in found]
        if missing:
            self.fuzzy_searches += 1
            for db in self.databases:
                for language, score in self._fuzzy(db, key, missing).items():
                    found[language] = max(score, found.get(language, 0))
        return found

    def _fuzzy(self, db: sqlite3.Connection, key: str, languages: Sequence[str]) -> dict[str, int]:
        """translation_memory.lookup's fuzzy part, for several languages from one candidate search."""
        shared = shared_pairs(db, key)
        if not shared:
            return {}
        best = heapq.nlargest(CANDIDATES, shared, key=shared.__getitem__)
        threshold = self.threshold
        shortest = len(key) * threshold / (200 - threshold)  # a shorter (or longer) text cannot reach it
        longest = len(key) * (200 - threshold) / threshold
        scores: dict[str, int] = {}
        for other, language in db.execute(
            f"""SELECT source_key, target_language FROM tm_units WHERE id IN ({",".join("?" * len(best))})
                AND target_language IN ({",".join("?" * len(languages))}) AND length(source_key) BETWEEN ? AND ?""",
            (*best, *languages, shortest, longest),
        ).fetchall():
            score = min(99, int(fuzz.ratio(key, other, score_cutoff=threshold)))
            if score >= threshold and score > scores.get(language, 0):
                scores[language] = score
        return scores
