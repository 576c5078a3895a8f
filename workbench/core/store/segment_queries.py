"""Reading segments: filtered and paged in document order, by id for a grid page, and their revisions."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

from workbench.core.errors import ProjectError
from workbench.core.language.language_rules import LANGUAGES
from workbench.core.language.protected_spans import ProtectedSpan
from workbench.core.records import ORIGIN_BY_VALUE, STATUS_BY_VALUE, Origin, SegmentRecord, Status, Translation
from workbench.core.store.project_file import ProjectFile
from workbench.core.store.project_health import stored_values
from workbench.core.tags.inline_tags import TagInfo, tags_from_json

_UNTRANSLATED = {code: Translation(code, "", Status.UNTRANSLATED, Origin.NONE, "", "", None, "") for code in LANGUAGES}


class SegmentQueries(ProjectFile):
    """The segment reads of a project (every one checks that what it reads parses back)."""

    def segments(
        self,
        document_id: int | None = None,
        status: Status | None = None,
        language: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[SegmentRecord]:
        """Current segments in document order, optionally only those with `status` (in `language`, or any)."""
        where, args = self._segment_filter(document_id, status, language)
        sql = f"SELECT s.* FROM segments s WHERE {' AND '.join(where)} ORDER BY s.document_id, s.position"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            args.extend([limit if limit is not None else -1, offset])
        rows = self._db.execute(sql, args).fetchall()
        return self._with_translations(rows)

    def _segment_filter(
        self, document_id: int | None, status: Status | None, language: str | None
    ) -> tuple[list[str], list[object]]:
        where = ["s.position IS NOT NULL"]
        args: list[object] = []
        if document_id is not None:
            where.append("s.document_id = ?")
            args.append(document_id)
        if status is not None:
            languages = [language] if language else list(self.info.target_languages)
            if status is Status.UNTRANSLATED:
                # Text marked not for translation is no work left, as `stats` counts it. No translation row
                # at all also means untranslated.
                where.append("s.translatable = 1")
                clause = "NOT EXISTS (SELECT 1 FROM translations t WHERE t.segment_id = s.id AND t.language = ?"
                where.append("(" + " OR ".join(f"{clause} AND t.status != 'untranslated')" for _ in languages) + ")")
                args.extend(languages)
            else:
                marks = ",".join("?" * len(languages))
                where.append(
                    f"EXISTS (SELECT 1 FROM translations t WHERE t.segment_id = s.id AND t.status = ?"
                    f" AND t.language IN ({marks}))"
                )
                args.extend([str(status), *languages])
        return where, args

    def segment_ids(
        self, document_id: int | None = None, status: Status | None = None, language: str | None = None
    ) -> list[int]:
        """Ids of the current segments in document order: what a grid holds before it fetches any row."""
        where, args = self._segment_filter(document_id, status, language)
        sql = f"SELECT s.id FROM segments s WHERE {' AND '.join(where)} ORDER BY s.document_id, s.position"
        return [row[0] for row in self._db.execute(sql, args)]

    def segments_by_ids(self, ids: Sequence[int]) -> list[SegmentRecord]:
        """The records of `ids`, in the order given (a page of a grid)."""
        rows: dict[int, sqlite3.Row] = {}
        for start in range(0, len(ids), 900):
            chunk = list(ids[start : start + 900])
            for row in self._db.execute(f"SELECT * FROM segments WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                rows[row["id"]] = row
        return self._with_translations([rows[i] for i in ids if i in rows])

    def segment(self, segment_id: int) -> SegmentRecord:
        rows = self._db.execute("SELECT * FROM segments WHERE id = ?", (segment_id,)).fetchall()
        if not rows:
            raise ProjectError(f"there is no segment {segment_id} in {self.path.name}")
        return self._with_translations(rows)[0]

    def _with_translations(self, rows: list[sqlite3.Row]) -> list[SegmentRecord]:
        with stored_values(self.path, "a segment"):
            return self._records(rows)

    def _records(self, rows: list[sqlite3.Row]) -> list[SegmentRecord]:
        translations: dict[int, dict[str, Translation]] = {r["id"]: {} for r in rows}
        ids = list(translations)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for t in self._db.execute(
                f"SELECT * FROM translations WHERE segment_id IN ({','.join('?' * len(chunk))})", chunk
            ):
                translations[t["segment_id"]][t["language"]] = Translation(
                    language=t["language"],
                    text=t["text"],
                    status=STATUS_BY_VALUE[t["status"]],
                    origin=ORIGIN_BY_VALUE[t["origin"]],
                    origin_detail=t["origin_detail"],
                    author=t["author"],
                    score=t["score"],
                    updated_at=t["updated_at"],
                    flags=tuple(t["flags"].splitlines()),
                )
        for found in translations.values():
            for lang in self.info.target_languages:
                if lang not in found:
                    found[lang] = _UNTRANSLATED[lang]
        return [
            SegmentRecord(
                id=r["id"],
                document_id=r["document_id"],
                position=r["position"] if r["position"] is not None else -1,
                paragraph=r["paragraph"],
                source=r["source"],
                translatable=bool(r["translatable"]),
                skip_reason=r["skip_reason"],
                spans=()
                if r["spans"] == "[]"
                else tuple(ProtectedSpan.from_json(r["source"], item) for item in json.loads(r["spans"])),
                translations=translations[r["id"]],
                tags=_tags_of(r["meta"]),
            )
            for r in rows
        ]

    def revisions(self, segment_id: int, language: str) -> list[sqlite3.Row]:
        return self._db.execute(
            "SELECT * FROM revisions WHERE segment_id = ? AND language = ? ORDER BY id",
            (segment_id, language),
        ).fetchall()


def _tags_of(meta: str) -> Mapping[int, TagInfo]:
    """The tag map kept in a segment's meta (most segments have none: no JSON is parsed for them)."""
    if '"tags"' not in meta:
        return _NO_TAGS
    return _parsed_tags(meta)


_NO_TAGS: Mapping[int, TagInfo] = MappingProxyType({})


@lru_cache(maxsize=4096)
def _parsed_tags(meta: str) -> Mapping[int, TagInfo]:
    """Cached by the stored text: a document's segments mostly share a few tag maps (a bold, an italic),
    and the read-only view keeps one caller from changing another's."""
    return MappingProxyType(tags_from_json(json.loads(meta).get("tags")))
