"""Repetitions: a confirmed translation fills the project's other segments with the same source.

"The same source" is the memory's: the texts share `normalize_for_matching` (case, spacing, Unicode form
and tone placement folded). A repetition is filled as "translated" or as a "draft" per the setting
(`Settings.propagate_repetitions`), never over a person's work: a row a person wrote (origin human) or
one a person vouched for (translated, approved, needs-work) stays as it is. A row still exactly as an
earlier propagation wrote it (origin tm, "repetition of …", its last revision that propagation's) is the
program's copy, not a person's: it follows a corrected confirmation instead of going stale. The rows left
for a person's text that differs are counted (`repetitions_kept`) so the caller can say so. The window
(Ctrl+Enter) and the CLI (`confirm`, `edit --confirm`) call the same functions, so the rule lives here only.
"""

from __future__ import annotations

import sqlite3

from workbench.core.errors import ProjectError
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.records import CONFIRMED, Origin, Status, TranslationState
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import label_of
from workbench.core.store.translations import write_translation
from workbench.core.timestamps import now

#: the values of Settings.propagate_repetitions and the status each one writes (None: propagation is off)
MODES: dict[str, Status | None] = {"translated": Status.TRANSLATED, "draft": Status.DRAFT, "off": None}
#: statuses that mean a person has already vouched for a row
_PERSONS_STATUSES = ("translated", "approved", "needs-work")
#: the detail (and revision note) a propagation writes, before the source segment's label
_DETAIL = "repetition of "
#: SQL: the row `t` is still as a propagation wrote it (its latest revision is that propagation's)
_PROPAGATED = f"""(t.origin = '{Origin.TM}' AND substr(t.origin_detail, 1, {len(_DETAIL)}) = '{_DETAIL}'
    AND EXISTS (SELECT 1 FROM revisions r WHERE r.id = (SELECT max(id) FROM revisions
                WHERE segment_id = t.segment_id AND language = t.language)
        AND r.note = t.origin_detail AND r.text = t.text AND r.status = t.status))"""
#: SQL: the row `t` (of a LEFT JOIN) holds no person's work
_OPEN = f"""(t.segment_id IS NULL OR (t.origin != '{Origin.HUMAN}'
    AND t.status NOT IN ({",".join(repr(s) for s in _PERSONS_STATUSES)})) OR {_PROPAGATED})"""


def repetitions_of(project: Project, segment_id: int, language: str) -> list[int]:
    """The other live translatable segments with the same source whose `language` row holds no person's work
    (what `propagate_confirmation` would fill), in document order."""
    return _open_repetitions(project.connection, segment_id, language)


def repetitions_kept(project: Project, segment_id: int, language: str) -> list[int]:
    """The other segments with the same source whose `language` row is a person's text, different from the
    segment's: what a propagation leaves as it is (for "1 left: a person's text")."""
    return kept_repetitions(project.connection, segment_id, language)


def _same_source(db: sqlite3.Connection, segment_id: int, language: str) -> list[tuple[int, bool, str | None]]:
    """(id, holds no person's work, text) of the other live translatable segments with the same source."""
    row = db.execute(
        "SELECT source, words FROM segments WHERE id = ? AND position IS NOT NULL", (segment_id,)
    ).fetchone()
    if row is None:
        return []
    key = normalize_for_matching(row[0])
    if not key:
        return []
    # Folding keeps the words apart as they were, so the word count is the same for every text sharing the
    # key: SQLite narrows the scan to those, Python compares the keys.
    candidates = db.execute(
        f"""SELECT s.id, s.source, {_OPEN}, t.text FROM segments s
            LEFT JOIN translations t ON t.segment_id = s.id AND t.language = ?
            WHERE s.position IS NOT NULL AND s.translatable = 1 AND s.words = ? AND s.id != ?
            ORDER BY s.document_id, s.position""",
        (language, row[1], segment_id),
    ).fetchall()
    keys: dict[str, str] = {}
    found = []
    for other_id, source, is_open, text in candidates:
        other_key = keys.get(source)
        if other_key is None:
            other_key = keys[source] = normalize_for_matching(source)
        if other_key == key:
            found.append((other_id, bool(is_open), text))
    return found


def _open_repetitions(db: sqlite3.Connection, segment_id: int, language: str) -> list[int]:
    return [other_id for other_id, is_open, _text in _same_source(db, segment_id, language) if is_open]


def kept_repetitions(db: sqlite3.Connection, segment_id: int, language: str) -> list[int]:
    """`repetitions_kept` inside the caller's transaction."""
    text = _text_of(db, segment_id, language)
    return [i for i, is_open, other in _same_source(db, segment_id, language) if not is_open and other != text]


def _text_of(db: sqlite3.Connection, segment_id: int, language: str) -> str | None:
    row = db.execute(
        "SELECT text FROM translations WHERE segment_id = ? AND language = ?", (segment_id, language)
    ).fetchone()
    return None if row is None else str(row[0])


class RepetitionIndex:
    """The project's live segments grouped by normalised source in one pass, for confirming many at once
    (`confirm`): each lookup is then a dict access, not a scan of every segment with the same word count.
    It follows the rows filled through it (`fill_repetitions`), so a later lookup sees them as written."""

    def __init__(self, db: sqlite3.Connection, language: str) -> None:
        self.language = language
        self._key_of: dict[int, str] = {}
        self._groups: dict[str, list[int]] = {}
        self._open: set[int] = set()
        #: the text of each row holding a person's work (for `kept`)
        self._persons: dict[int, str] = {}
        keys: dict[str, str] = {}
        rows = db.execute(
            f"""SELECT s.id, s.source, s.translatable, {_OPEN}, t.text FROM segments s
               LEFT JOIN translations t ON t.segment_id = s.id AND t.language = ?
               WHERE s.position IS NOT NULL ORDER BY s.document_id, s.position""",
            (language,),
        )
        for segment_id, source, translatable, is_open, text in rows:
            key = keys.get(source)
            if key is None:
                key = keys[source] = normalize_for_matching(source)
            self._key_of[segment_id] = key
            if translatable and key:
                self._groups.setdefault(key, []).append(segment_id)
                if is_open:
                    self._open.add(segment_id)
                else:
                    self._persons[segment_id] = text

    def open_repetitions(self, segment_id: int) -> list[int]:
        """What `repetitions_of` says, from the index."""
        key = self._key_of.get(segment_id, "")
        if not key:
            return []
        return [i for i in self._groups.get(key, ()) if i != segment_id and i in self._open]

    def kept(self, segment_id: int, text: str) -> list[int]:
        """What `repetitions_kept` says for the segment confirmed as `text`, from the index."""
        key = self._key_of.get(segment_id, "")
        if not key:
            return []
        return [i for i in self._groups.get(key, ()) if i in self._persons and self._persons[i] != text]

    def written(self, segment_id: int, state: TranslationState) -> None:
        """The segment's row is now `state` (a person's confirmation, or a repetition filled)."""
        propagated = state.origin is Origin.TM and state.origin_detail.startswith(_DETAIL)
        if not propagated and (state.origin is Origin.HUMAN or str(state.status) in _PERSONS_STATUSES):
            self._open.discard(segment_id)
            self._persons[segment_id] = state.text
        elif segment_id in self._key_of:
            self._open.add(segment_id)
            self._persons.pop(segment_id, None)


def fill_repetitions(
    db: sqlite3.Connection, project: Project, segment_id: int, language: str, author: str, mode: str,
    index: RepetitionIndex | None = None,
) -> list[int]:  # fmt: skip
    """`propagate_confirmation` inside the caller's transaction (so an edit and its repetitions are written
    together); `index` (of `language`) replaces the scan when many segments are confirmed at once."""
    if mode not in MODES:
        raise ProjectError(f"unknown way to propagate repetitions {mode!r}: choose {', '.join(MODES)}")
    status = MODES[mode]
    if status is None:
        return []
    if language not in project.info.target_languages:
        raise ProjectError(f"{language!r} is not a target language of {project.path.name}")
    row = db.execute(
        "SELECT text, status FROM translations WHERE segment_id = ? AND language = ?", (segment_id, language)
    ).fetchone()
    if row is None or row[1] not in {str(s) for s in CONFIRMED} or not row[0].strip():
        return []
    candidates = _open_repetitions(db, segment_id, language) if index is None else index.open_repetitions(segment_id)
    if not candidates:
        return []
    label = label_of(project, segment_id)
    state = TranslationState(row[0], status, Origin.TM, f"{_DETAIL}{label}", author)
    changed = _unlike(db, candidates, language, state)
    stamp = now()
    for other_id in changed:
        write_translation(db, other_id, language, state, stamp, note=state.origin_detail)
        if index is not None:
            index.written(other_id, state)
    return changed


def _unlike(db: sqlite3.Connection, ids: list[int], language: str, state: TranslationState) -> list[int]:
    """The rows of `ids` not already holding `state` (filling one again would only add a revision)."""
    wanted = (state.text, str(state.status), str(state.origin), state.origin_detail)
    same: set[int] = set()
    for start in range(0, len(ids), 500):  # within SQLite's limit of parameters
        chunk = ids[start : start + 500]
        rows = db.execute(
            f"""SELECT segment_id, text, status, origin, origin_detail FROM translations
                WHERE language = ? AND segment_id IN ({",".join("?" * len(chunk))})""",
            (language, *chunk),
        )
        same.update(segment_id for segment_id, *current in rows if tuple(current) == wanted)
    return [i for i in ids if i not in same]


def propagate_confirmation(project: Project, segment_id: int, language: str, author: str, mode: str) -> list[int]:
    """Copy the confirmed text of `segment_id` in `language` into its repetitions, as `mode` says
    ("translated", "draft" or "off"), in one transaction; returns the ids changed (none when the segment's
    text is not confirmed, or nothing is left to fill)."""
    if mode not in MODES:
        raise ProjectError(f"unknown way to propagate repetitions {mode!r}: choose {', '.join(MODES)}")
    if MODES[mode] is None:
        return []
    with project.transaction() as db:
        return fill_repetitions(db, project, segment_id, language, author, mode)
