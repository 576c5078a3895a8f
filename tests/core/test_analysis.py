"""The analysis an office plans a job with: memory match bands on a crafted memory (each unit scored by the
real matcher into its band), repetitions counted once, figures per document and in total, Khmer target text
counted in characters and words, and a cancel."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import import_files
from workbench.core.language.khmer_words import khmer_words
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory, add_unit
from workbench.core.ops.analysis import BAND_NAMES, analyze, band_of, character_counts, word_count
from workbench.core.ops.analysis_matching import BestMatch
from workbench.core.progress import Cancelled
from workbench.core.records import Origin, Status, TranslationState
from workbench.core.store.project_store import Project
from workbench.core.store.translations import write_translation

EXACT = "Núi Cấm là điểm du lịch nổi tiếng của tỉnh An Giang."
#: segment source -> the memory unit's source, chosen so the real scorer puts it in the band named
CRAFTED = {
    "95-99": (
        "Ủy ban nhân dân tỉnh Sóc Trăng vừa tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm nay.",
        "Ủy ban nhân dân tỉnh Sóc Trăng vừa tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm qua.",
    ),
    "85-94": (
        "Lễ hội Ok Om Bok của đồng bào Khmer diễn ra vào rằm tháng mười âm lịch hằng năm tại Sóc Trăng.",
        "Lễ hội Ok Om Bok của đồng bào Khmer diễn ra vào rằm tháng mười âm lịch tại Trà Vinh.",
    ),
    "75-84": (
        "Nông dân huyện Mỹ Xuyên thu hoạch lúa tôm đạt năng suất cao trong vụ mùa này.",
        "Nông dân huyện Mỹ Xuyên thu hoạch lúa tôm đạt năng suất thấp do thời tiết.",
    ),
    "50-74": (
        "Trường học ở vùng sâu vùng xa được xây dựng mới khang trang với nhiều phòng học hiện đại.",
        "Trường học ở vùng sâu vùng xa được sửa chữa lại sau mùa mưa bão năm trước.",
    ),
    "none": (
        "Chợ nổi Ngã Năm họp từ sáng sớm với hàng trăm ghe thuyền buôn bán trái cây.",
        "Chợ nổi Ngã Năm là điểm đến hấp dẫn du khách quốc tế.",
    ),
}
UNMATCHED = "Rừng tràm Trà Sư vào mùa nước nổi."
KHMER = "ភ្នំកាំជាកន្លែងទេសចរណ៍ 2026"


def _words(text: str) -> int:
    return len(text.split())


@pytest.fixture
def shared(tmp_path: Path) -> Generator[SharedMemory, None, None]:
    memory = SharedMemory(tmp_path / "shared.sqlite")
    yield memory
    memory.close()


@pytest.fixture
def crafted(project: Project, shared: SharedMemory, tmp_path: Path) -> Project:
    """Two documents: every band once in the first, with a repetition of the exact one (spelled in capitals)
    and a sentence repeated in the second document; the memory units half in each memory."""
    first = [EXACT, *(source for source, _unit in CRAFTED.values()), EXACT.upper(), UNMATCHED]
    second = [UNMATCHED, "Hết."]
    (tmp_path / "a.txt").write_text("\n\n".join(first), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n".join(second), encoding="utf-8")
    import_files(project, [tmp_path / "a.txt", tmp_path / "b.txt"])
    units = [MemoryUnit("  " + EXACT.lower(), "Cam Mountain", "en")]
    units += [MemoryUnit(unit, f"en {band}", "en") for band, (_source, unit) in CRAFTED.items()]
    with project.transaction() as db:
        for unit in units[::2]:
            add_unit(db, unit, "2026-01-01")
    shared.add(units[1::2], "2026-01-01")
    return project


def test_the_fixture_units_fall_in_their_bands_by_the_real_scorer() -> None:
    for band, (source, unit) in CRAFTED.items():
        assert band_of(int(fuzz.ratio(normalize_for_matching(source), normalize_for_matching(unit))) or None) == band


def test_each_segment_counts_in_the_band_of_its_best_match(crafted: Project, shared: SharedMemory) -> None:
    result = analyze(crafted, Memories(crafted, shared), languages=["en"])
    first = result.documents[0]
    bands = first.languages["en"].bands
    expected_segments = {"100": 1, "95-99": 1, "85-94": 1, "75-84": 1, "50-74": 1, "none": 2}
    assert {name: bands[name].segments for name in BAND_NAMES} == expected_segments
    for band, (source, _unit) in CRAFTED.items():
        if band != "none":
            assert bands[band].words == _words(source)
    assert bands["none"].words == _words(CRAFTED["none"][0]) + _words(UNMATCHED)
    assert bands["100"].words == _words(EXACT)
    # the same sentence in capitals is a repetition, not a second 100 % match
    assert (first.repetitions.segments, first.repetitions.words) == (1, _words(EXACT))
    assert first.all.segments == 8
    # the second document repeats a sentence of the first: a repetition there, a new sentence "none"
    second = result.documents[1]
    assert (second.repetitions.segments, second.languages["en"].bands["none"].segments) == (1, 1)
    assert result.total.all.segments == 10
    assert result.total.repetitions.segments == 2
    assert sum(c.segments for c in result.total.languages["en"].bands.values()) == 8
    # Khmer has no memory at all: every first occurrence is "none"
    khmer = analyze(crafted, Memories(crafted, shared), languages=["km"]).total.languages["km"]
    assert khmer.bands["none"].segments == 8


def test_without_the_shared_memory_its_units_do_not_count(crafted: Project) -> None:
    bands = analyze(crafted, None, languages=["en"]).total.languages["en"].bands
    # the project memory holds units 0, 2, 4 of the list: the exact one, 85-94 and 50-74
    assert (bands["100"].segments, bands["85-94"].segments, bands["50-74"].segments) == (1, 1, 1)
    assert bands["95-99"].segments == bands["75-84"].segments == 0


def test_a_document_alone_counts_its_own_repetitions_only(crafted: Project, shared: SharedMemory) -> None:
    second_id = crafted.documents()[1].id
    result = analyze(crafted, Memories(crafted, shared), document_id=second_id)
    assert [row.name for row in result.documents] == ["b.txt"]
    assert result.total.repetitions.segments == 0  # its sentence from a.txt is not repeated within b.txt


def test_progress_translated_approved_and_machine_drafts(crafted: Project, shared: SharedMemory) -> None:
    segments = crafted.segments(crafted.documents()[0].id)
    states = [
        TranslationState("draft by a model", Status.DRAFT, Origin.MT, "tiny"),
        TranslationState("a memory draft", Status.DRAFT, Origin.TM),
        TranslationState("a person's words", Status.TRANSLATED, Origin.HUMAN, author="Lan"),
        TranslationState("accepted", Status.APPROVED, Origin.HUMAN, author="Minh"),
    ]
    with crafted.transaction() as db:
        for segment, state in zip(segments, states, strict=False):
            write_translation(db, segment.id, "en", state, "2026-02-01")
        write_translation(db, segments[0].id, "km", TranslationState(KHMER, Status.TRANSLATED, Origin.HUMAN), "x")
    result = analyze(crafted, Memories(crafted, shared))
    en = result.total.languages["en"]
    assert (en.mt_drafts.segments, en.mt_drafts.words) == (1, _words(segments[0].source))
    assert (en.translated.segments, en.translated.words) == (1, _words(segments[2].source))
    assert (en.approved.segments, en.approved.words) == (1, _words(segments[3].source))
    assert en.target.segments == 4
    assert en.target.words == sum(_words(s.text) for s in states)
    km = result.total.languages["km"]
    assert (km.translated.segments, km.target.segments) == (1, 1)
    assert km.target.words == len(khmer_words(KHMER)) + 1  # the Khmer words and the number
    assert (km.target.characters, km.target.characters_no_spaces) == (len(KHMER), len(KHMER) - 1)


def test_khmer_is_counted_in_words_after_segmentation_and_in_characters() -> None:
    assert word_count(KHMER) == len(khmer_words(KHMER)) + 1
    assert len(khmer_words(KHMER)) > 1  # Khmer writes no spaces: one space-separated chunk is several words
    assert word_count("Nui Cam, An Giang") == 4
    # a zero-width space shown between Khmer words is no character
    assert character_counts("ភ្នំ\u200bកាំ x") == (len("ភ្នំកាំ x"), len("ភ្នំកាំx"))


def test_non_translatable_segments_are_left_out(crafted: Project, shared: SharedMemory) -> None:
    segment = crafted.segments()[0]
    crafted.set_translatable(segment.id, False, "a name")
    row = analyze(crafted, Memories(crafted, shared), languages=["en"]).documents[0]
    assert (row.not_translatable, row.all.segments) == (1, 7)
    # the capitalised repetition of the sentence left out is now the first occurrence, and a 100 % match
    assert (row.repetitions.segments, row.languages["en"].bands["100"].segments) == (0, 1)


def test_a_cancel_stops_the_analysis(crafted: Project, shared: SharedMemory) -> None:
    class CancelAtOnce:
        def report(self, done: int, total: int, message: str = "") -> None:
            pass

        def is_cancelled(self) -> bool:
            return True

    with pytest.raises(Cancelled):
        analyze(crafted, Memories(crafted, shared), progress=CancelAtOnce())


def test_an_unknown_language_is_named(crafted: Project) -> None:
    with pytest.raises(WorkbenchError, match="fr"):
        analyze(crafted, None, languages=["fr"])


def test_one_search_for_every_language_scores_as_a_lookup_per_language(crafted: Project, shared: SharedMemory) -> None:
    # the same crafted units into Khmer too, the near ones in the other memory than their English twin
    units = [MemoryUnit(unit, f"km {band}", "km") for band, (_source, unit) in CRAFTED.items()]
    with crafted.transaction() as db:
        for unit in units[1::2]:
            add_unit(db, unit, "2026-01-01")
    shared.add(units[::2], "2026-01-01")
    memories = Memories(crafted, shared)
    best = BestMatch(memories, 50)
    for segment in crafted.segments():
        key = normalize_for_matching(segment.source)
        expected = {}
        for language in ("en", "km"):
            found = memories.lookup(segment.source, language, threshold=50, limit=1)
            if found:
                expected[language] = found[0].score
        assert best.scores(key, ["en", "km"]) == expected, segment.source
    assert best.fuzzy_searches > 0 and best.exact_queries == 2 * len(crafted.segments())
