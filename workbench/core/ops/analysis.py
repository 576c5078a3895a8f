"""What a job holds before anyone starts on it (memoQ/Trados "Analyze", OmegaT "Statistics"): per document
and for the project, its segments, words and characters, its repetitions, how much the memories already
cover (match bands per target language), the machine drafts, and how much is translated and approved.

Definitions, the same in the window, the CLI and the CSV:
- Only live, translatable segments are counted (text marked not for translation is no work; its number
  is given apart as `not_translatable`).
- Source words are Vietnamese syllables, counted by spaces as `stats` counts them; characters are code
  points, with and without white space (zero-width spaces and joiners are not characters).
- A repetition is a segment whose source, normalised as the memory matches it (match_normalization:
  case, spacing, Unicode form and tone placement folded), already appeared earlier in what is analysed
  (documents in project order, segments in document order). The first occurrence counts in the match
  bands, every later one as a repetition only (memoQ's way): a repeated sentence is translated once.
- A segment's band is its best match into that target language in the project memory and the shared
  memory (threshold 50): "100", "95-99", "85-94", "75-84", "50-74" or "none". The project memory holds
  every segment a person confirmed, so a translated segment is a 100 % match of itself on a re-analysis.
  Each distinct source is asked once for every language: by its matching key first (one indexed query
  per memory), by a fuzzy search only for the languages without a 100 % match (analysis_matching).
- MT drafts: drafts whose text came from a model. Translated and approved: rows of that status; their
  words are the source's words, as `stats` counts progress.
- The target text: words and characters of every non-empty translation (Khmer words by khmer_words,
  since Khmer writes no spaces between words; other text by spaces).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from workbench.core.errors import WorkbenchError
from workbench.core.language.khmer_words import khmer_words
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.project_memory import Memories
from workbench.core.ops.analysis_matching import BestMatch
from workbench.core.progress import Cancelled, NullProgress, Progress
from workbench.core.records import Origin, SegmentRecord, Status
from workbench.core.store.project_store import Project

#: the match bands, best first: (name, lowest score in it)
BANDS: tuple[tuple[str, int], ...] = (("100", 100), ("95-99", 95), ("85-94", 85), ("75-84", 75), ("50-74", 50))
NO_MATCH = "none"
BAND_NAMES: tuple[str, ...] = (*(name for name, _ in BANDS), NO_MATCH)
#: the lowest score that is a match at all
THRESHOLD = 50
_PAGE = 5000
_REPORT_EVERY = 100
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_KHMER_RUN = regex.compile(r"[\u1780-\u17ff\u19e0-\u19ff]+")


def band_of(score: int | None) -> str:
    """The band of a match score (None: no match reaching THRESHOLD)."""
    if score is not None:
        for name, lowest in BANDS:
            if score >= lowest:
                return name
    return NO_MATCH


def character_counts(text: str) -> tuple[int, int]:
    """(characters, characters without white space) of `text`; invisible separators are not counted."""
    visible = text.translate(_INVISIBLE)
    return len(visible), len("".join(visible.split()))


def word_count(text: str) -> int:
    """Words of a text in any of the project's languages: Khmer words by khmer_words, the rest by spaces."""
    if not _KHMER_RUN.search(text):
        return len(text.split())
    rest = [token for token in _KHMER_RUN.sub(" ", text).split() if any(c.isalnum() for c in token)]
    return len(khmer_words(text)) + len(rest)


@dataclass(slots=True)
class Counts:
    """Segments with their words and characters (the source's, unless said otherwise)."""

    segments: int = 0
    words: int = 0
    characters: int = 0
    characters_no_spaces: int = 0

    def add(self, words: int, characters: int, no_spaces: int) -> None:
        self.segments += 1
        self.words += words
        self.characters += characters
        self.characters_no_spaces += no_spaces

    def add_counts(self, other: Counts) -> None:
        self.segments += other.segments
        self.words += other.words
        self.characters += other.characters
        self.characters_no_spaces += other.characters_no_spaces

    def as_dict(self) -> dict[str, int]:
        return {
            "segments": self.segments,
            "words": self.words,
            "characters": self.characters,
            "characters_no_spaces": self.characters_no_spaces,
        }


def _counts_by_band() -> dict[str, Counts]:
    return {name: Counts() for name in BAND_NAMES}


@dataclass(slots=True)
class LanguageFigures:
    """One target language of one row: the bands (first occurrences only) and how far the work is."""

    bands: dict[str, Counts] = field(default_factory=_counts_by_band)
    mt_drafts: Counts = field(default_factory=Counts)
    translated: Counts = field(default_factory=Counts)
    approved: Counts = field(default_factory=Counts)
    #: the translations written so far (every non-empty one), counted in the target language
    target: Counts = field(default_factory=Counts)

    def add_figures(self, other: LanguageFigures) -> None:
        for name in BAND_NAMES:
            self.bands[name].add_counts(other.bands[name])
        for mine, theirs in zip(self._parts(), other._parts(), strict=True):
            mine.add_counts(theirs)

    def _parts(self) -> tuple[Counts, ...]:
        return self.mt_drafts, self.translated, self.approved, self.target

    def as_dict(self) -> dict[str, object]:
        return {
            "bands": {name: self.bands[name].as_dict() for name in BAND_NAMES},
            "mt_drafts": self.mt_drafts.as_dict(),
            "translated": self.translated.as_dict(),
            "approved": self.approved.as_dict(),
            "target_text": self.target.as_dict(),
        }


@dataclass(slots=True)
class AnalysisRow:
    """A document's figures, or the project total's (`document_id` None)."""

    name: str
    document_id: int | None
    all: Counts = field(default_factory=Counts)
    repetitions: Counts = field(default_factory=Counts)
    not_translatable: int = 0
    languages: dict[str, LanguageFigures] = field(default_factory=dict)

    def add_row(self, other: AnalysisRow) -> None:
        self.all.add_counts(other.all)
        self.repetitions.add_counts(other.repetitions)
        self.not_translatable += other.not_translatable
        for language, figures in other.languages.items():
            self.languages.setdefault(language, LanguageFigures()).add_figures(figures)

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.name,
            "segments": self.all.as_dict(),
            "repetitions": self.repetitions.as_dict(),
            "not_translatable": self.not_translatable,
            "languages": {language: figures.as_dict() for language, figures in self.languages.items()},
        }


@dataclass(frozen=True, slots=True)
class LookupCost:
    """What the bands cost: distinct sources asked, key queries (one per memory and source, every language at
    once) and fuzzy searches (one per source without a 100 % match in some language, each memory searched)."""

    distinct_sources: int = 0
    exact_queries: int = 0
    fuzzy_searches: int = 0


@dataclass(slots=True)
class Analysis:
    project: str
    source_language: str
    languages: list[str]
    documents: list[AnalysisRow]
    total: AnalysisRow
    cost: LookupCost = field(default_factory=LookupCost)

    def rows(self) -> list[AnalysisRow]:
        """Every document's row, then the total."""
        return [*self.documents, self.total]

    def as_dict(self) -> dict[str, object]:
        return {
            "project": self.project,
            "source_language": self.source_language,
            "target_languages": self.languages,
            "bands": list(BAND_NAMES),
            "documents": [row.as_dict() for row in self.documents],
            "total": self.total.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class _Source:
    """A counted segment: its document, matching key and source figures."""

    document_id: int
    key: str
    words: int
    characters: int
    no_spaces: int


def analyze(
    project: Project,
    memories: Memories | None,
    document_id: int | None = None,
    languages: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """The analysis of a document (or the whole project) into `languages` (default: every target language).

    `memories` None asks the project's own memory only. Progress counts the distinct sources looked up in
    each language; a cancel raises `Cancelled` (nothing is written: the analysis only reads)."""
    progress = progress or NullProgress()
    wanted = list(languages) if languages else list(project.info.target_languages)
    unknown = [language for language in wanted if language not in project.info.target_languages]
    if unknown:
        raise WorkbenchError(
            f"{project.path.name} is not translated into {', '.join(unknown)} "
            f"(its target languages: {', '.join(project.info.target_languages)})"
        )
    documents = [d for d in project.documents() if document_id is None or d.id == document_id]
    rows = {d.id: AnalysisRow(d.name, d.id, languages={lang: LanguageFigures() for lang in wanted}) for d in documents}
    firsts: dict[str, None] = {}  # the matching keys seen, in order of first occurrence
    counted: list[tuple[_Source, bool]] = []  # every segment, and whether it repeats an earlier one
    for segment in _segments(project, document_id):
        row = rows[segment.document_id]
        if not segment.translatable:
            row.not_translatable += 1
            continue
        source = _source_figures(segment)
        row.all.add(source.words, source.characters, source.no_spaces)
        repeated = source.key in firsts
        if repeated:
            row.repetitions.add(source.words, source.characters, source.no_spaces)
        else:
            firsts[source.key] = None
        counted.append((source, repeated))
        _count_progress(row, segment, source, wanted)
    best = BestMatch(memories if memories is not None else Memories(project), THRESHOLD)
    scores = _band_scores(best, list(firsts), wanted, progress)
    for source, repeated in counted:
        if not repeated:
            for language in wanted:
                band = band_of(scores[source.key].get(language))
                rows[source.document_id].languages[language].bands[band].add(
                    source.words, source.characters, source.no_spaces
                )
    total = AnalysisRow("Total", None, languages={lang: LanguageFigures() for lang in wanted})
    for row in rows.values():
        total.add_row(row)
    cost = LookupCost(len(firsts), best.exact_queries, best.fuzzy_searches)
    info = project.info
    return Analysis(info.name, info.source_language, wanted, list(rows.values()), total, cost)


def _segments(project: Project, document_id: int | None) -> Iterable[SegmentRecord]:
    """The live segments in project order, read a page at a time."""
    offset = 0
    while page := project.segments(document_id, offset=offset, limit=_PAGE):
        yield from page
        offset += len(page)


def _source_figures(segment: SegmentRecord) -> _Source:
    characters, no_spaces = character_counts(segment.source)
    key = normalize_for_matching(segment.source)
    return _Source(segment.document_id, key, len(segment.source.split()), characters, no_spaces)


def _count_progress(row: AnalysisRow, segment: SegmentRecord, source: _Source, languages: list[str]) -> None:
    """The segment's MT draft, translated or approved state and target text in each language."""
    figures = (source.words, source.characters, source.no_spaces)
    for language in languages:
        translation = segment.translations.get(language)
        if translation is None:
            continue
        into = row.languages[language]
        if translation.status is Status.DRAFT and translation.origin is Origin.MT:
            into.mt_drafts.add(*figures)
        elif translation.status is Status.TRANSLATED:
            into.translated.add(*figures)
        elif translation.status is Status.APPROVED:
            into.approved.add(*figures)
        if translation.text.strip():
            into.target.add(word_count(translation.text), *character_counts(translation.text))


def _band_scores(
    best: BestMatch, keys: list[str], languages: list[str], progress: Progress
) -> dict[str, dict[str, int]]:
    """matching key -> language -> best score, each distinct source asked once for every language."""
    scores: dict[str, dict[str, int]] = {}
    for done, key in enumerate(keys):
        if done % _REPORT_EVERY == 0:
            if progress.is_cancelled():
                raise Cancelled("the analysis was cancelled")
            progress.report(done, len(keys), "matching against the memories")
        scores[key] = best.scores(key, languages)
    progress.report(len(keys), len(keys), "")
    return scores
