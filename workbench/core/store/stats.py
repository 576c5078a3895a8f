"""How far a project is: segments and words per document, target language and status."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.records import DocumentInfo, Status
from workbench.core.store.documents import DocumentStore


@dataclass(slots=True)
class StatusCounts:
    segments: int = 0
    words: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    words_by_status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DocumentStats:
    document: DocumentInfo
    not_translatable: int
    #: per target language
    languages: dict[str, StatusCounts]


class ProjectStats(DocumentStore):
    """The counts the statistics view, the CLI's `stats` and the dashboard show."""

    def stats(self) -> list[DocumentStats]:
        """Segment and word counts per document, target language and status (translatable segments only)."""
        result = []
        counts: dict[tuple[int, str, str], tuple[int, int]] = {}
        for row in self._db.execute(
            """SELECT s.document_id, t.language, t.status, count(*) AS n, sum(s.words) AS words
               FROM segments s JOIN translations t ON t.segment_id = s.id
               WHERE s.position IS NOT NULL AND s.translatable = 1 AND t.status != 'untranslated'
               GROUP BY s.document_id, t.language, t.status"""
        ):
            counts[(row["document_id"], row["language"], row["status"])] = (row["n"], row["words"] or 0)
        totals = {
            r[0]: (r[1], r[2] or 0)
            for r in self._db.execute(
                """SELECT document_id, count(*), sum(words) FROM segments
                   WHERE position IS NOT NULL AND translatable = 1 GROUP BY document_id"""
            )
        }
        skipped = dict(
            self._db.execute(
                """SELECT document_id, count(*) FROM segments
                   WHERE position IS NOT NULL AND translatable = 0 GROUP BY document_id"""
            ).fetchall()
        )
        for doc in self.documents():
            total_segments, total_words = totals.get(doc.id, (0, 0))
            languages = {}
            for lang in self.info.target_languages:
                c = StatusCounts(segments=total_segments, words=total_words)
                for status in Status:
                    if status is not Status.UNTRANSLATED:
                        n, words = counts.get((doc.id, lang, str(status)), (0, 0))
                        c.by_status[str(status)] = n
                        c.words_by_status[str(status)] = words
                c.by_status[Status.UNTRANSLATED] = total_segments - sum(c.by_status.values())
                c.words_by_status[Status.UNTRANSLATED] = total_words - sum(c.words_by_status.values())
                languages[lang] = c
            result.append(DocumentStats(doc, skipped.get(doc.id, 0), languages))
        return result

    # --- writing ----------------------------------------------------------------------------------
