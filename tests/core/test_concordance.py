"""Concordance: every occurrence of some words in the project's segments, its memory and the shared memory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.concordance import SHARED_MEMORY, concordance, match_spans, read_query
from workbench.core.memory.concordance_index import MEMORY_INDEXES
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.ops.segment_structure import split_segment, undo_split
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

TEXT = (
    "Văn hóa đối ngoại là trụ cột.\n\n"
    "Chính sách văn hoá, đối ngoại mới.\n\n"
    "Đối ngoại và văn hóa.\n\n"
    "Không có gì ở đây.\n"
)


@pytest.fixture
def memories(tmp_path: Path):  # type: ignore[no-untyped-def]
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    doc = tmp_path / "le-hoi.txt"
    doc.write_text(TEXT, encoding="utf-8")
    project.store_document(prepare_import(doc))
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add(
        [
            MemoryUnit("Phát triển văn hóa đối ngoại bền vững.", "Sustainable cultural diplomacy.", "en"),
            MemoryUnit("Phát triển văn hóa đối ngoại bền vững.", "ការទូតវប្បធម៌", "km"),
        ],
        "2026-01-01T00:00:00+00:00",
    )
    shared.add([MemoryUnit("Dối trá không phải văn hóa.", "Lying is not culture.", "en")], "2025-06-01T00:00:00+00:00")
    opened = Memories(project, shared)
    yield opened
    opened.close()
    project.close()


def _marked(hit_source: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [hit_source[a:b] for a, b in spans]


def test_the_phrase_is_found_in_segments_and_memories_with_translations_and_spans(memories: Memories) -> None:
    project = memories.project
    first = project.segment_ids()[0]
    project.save_translation(first, "en", "Cultural diplomacy is a pillar.", Status.TRANSLATED, Origin.HUMAN, "lan")
    hits = concordance(memories, "văn hóa đối ngoại")
    by_where = {h.where: h for h in hits}
    # the old spelling "hoá" and a comma between the words still match; words in another order do not
    assert set(by_where) == {"le-hoi.txt #1", "le-hoi.txt #2", SHARED_MEMORY}
    assert by_where["le-hoi.txt #1"].translations == {"en": "Cultural diplomacy is a pillar."}
    assert by_where["le-hoi.txt #1"].statuses == {"en": "translated"}
    assert _marked(by_where["le-hoi.txt #2"].source, by_where["le-hoi.txt #2"].spans) == ["văn hoá, đối ngoại"]
    shared = by_where[SHARED_MEMORY]
    assert shared.translations == {"en": "Sustainable cultural diplomacy.", "km": "ការទូតវប្បធម៌"}
    assert _marked(shared.source, shared.spans) == ["văn hóa đối ngoại"]
    # the segment's translation is in the project memory too: shown once, as the segment
    assert [h.where for h in hits].count("project memory") == 0
    # newest first: the project's segments (imported now) before the shared memory's unit of January
    assert hits[-1].where == SHARED_MEMORY


def test_a_project_memory_unit_of_a_changed_segment_is_shown_as_the_memory(memories: Memories) -> None:
    project = memories.project
    first = project.segment_ids()[0]
    project.save_translation(first, "en", "Old wording.", Status.TRANSLATED, Origin.HUMAN, "lan")
    project.save_translation(first, "en", "New wording.", Status.TRANSLATED, Origin.HUMAN, "lan")
    hits = concordance(memories, "trụ cột")
    # the segment with its translation now, and the memory's unit of the earlier one
    assert [(h.where, h.translations) for h in hits] == [
        ("le-hoi.txt #1", {"en": "New wording."}),
        ("project memory", {"en": "Old wording."}),
    ]


def test_diacritic_blind_finds_words_typed_without_marks_and_d_for_đ(memories: Memories) -> None:
    assert concordance(memories, "van hoa doi ngoai") == []  # marks matter unless asked
    hits = concordance(memories, "van hoa doi ngoai", diacritic_blind=True)
    assert {h.where for h in hits} == {"le-hoi.txt #1", "le-hoi.txt #2", SHARED_MEMORY}
    # "doi" finds đối and dối alike; each hit marks the word where it is
    doi = concordance(memories, "DOI", diacritic_blind=True)
    assert sorted(w for h in doi for w in _marked(h.source, h.spans)) == sorted(["đối", "đối", "Đối", "đối", "Dối"])


def test_a_language_keeps_that_languages_units_and_translations(memories: Memories) -> None:
    hits = concordance(memories, "văn hóa", language="km")
    shared = [h for h in hits if h.where == SHARED_MEMORY]
    assert [h.translations for h in shared] == [{"km": "ការទូតវប្បធម៌"}]  # the English-only unit is left out


def test_single_letters_and_common_words_are_found_as_words_not_inside_others(memories: Memories) -> None:
    hits = concordance(memories, "ở")
    assert [h.where for h in hits] == ["le-hoi.txt #4"]
    assert concordance(memories, "đâ") == []  # no partial words: "đây" is another word


def test_newest_first_and_the_limit(memories: Memories) -> None:
    hits = concordance(memories, "văn hóa", limit=2)
    assert len(hits) == 2
    every = concordance(memories, "văn hóa")
    assert [h.updated_at for h in every] == sorted((h.updated_at for h in every), reverse=True)
    assert every[-1].source == "Dối trá không phải văn hóa."  # the oldest unit last


@pytest.mark.parametrize("query", ["?*", "  ", ".*[]()", '"', "(*)", "-- ;"])
def test_a_query_of_punctuation_only_is_refused_with_a_message(memories: Memories, query: str) -> None:
    with pytest.raises(WorkbenchError, match="concordance query"):
        concordance(memories, query)


@pytest.mark.parametrize("query", ['"văn" "hóa"', "văn* hóa", "(văn) {hóa}", "văn^ hóa:", "văn|hóa"])
def test_fts_and_regex_syntax_is_read_as_words_literally(memories: Memories, query: str) -> None:
    hits = concordance(memories, query)
    assert hits and all({normalize_for_matching(w) for w in _marked(h.source, h.spans)} == {"văn hoá"} for h in hits)
    assert read_query(query).ignored_punctuation


def test_too_long_a_query_or_limit_is_refused(memories: Memories) -> None:
    with pytest.raises(WorkbenchError, match="at most"):
        concordance(memories, "văn " * 100)
    with pytest.raises(WorkbenchError, match="1 to"):
        concordance(memories, "văn", limit=0)


def test_a_changed_source_reaches_the_index(memories: Memories) -> None:
    project = memories.project
    last = project.segment_ids()[-1]
    with project.transaction() as db:
        db.execute("UPDATE segments SET source = 'Lễ hội Óc Om Bóc.' WHERE id = ?", (last,))
    assert [h.segment_id for h in concordance(memories, "óc om bóc")] == [last]
    assert concordance(memories, "không có gì") == []


def test_split_and_its_undo_are_followed(memories: Memories) -> None:
    project = memories.project
    first = project.segment_ids()[0]  # "Văn hóa đối ngoại là trụ cột."
    result = split_segment(project, first, 18, "lan")
    labels = {h.where: h.source for h in concordance(memories, "trụ cột")}
    assert labels == {"le-hoi.txt #2": "là trụ cột."}
    assert [h.source for h in concordance(memories, "văn hóa đối ngoại") if h.where == "le-hoi.txt #1"] == [
        "Văn hóa đối ngoại"
    ]
    undo_split(project, result, "lan")
    assert {h.where: h.source for h in concordance(memories, "trụ cột")} == {
        "le-hoi.txt #1": "Văn hóa đối ngoại là trụ cột."
    }


def test_a_removed_document_leaves_no_hits(memories: Memories, tmp_path: Path) -> None:
    project = memories.project
    other = tmp_path / "other.txt"
    other.write_text("Lễ hội đua ghe ngo.\n", encoding="utf-8")
    project.store_document(prepare_import(other))
    assert [h.where for h in concordance(memories, "đua ghe")] == ["other.txt #1"]
    with project.transaction() as db:
        db.execute("DELETE FROM documents WHERE name = 'other.txt'")
    assert concordance(memories, "đua ghe") == []


def test_a_shared_memory_made_before_the_concordance_is_indexed_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    SharedMemory(path).close()
    with sqlite3.connect(path) as db:
        for index in MEMORY_INDEXES:
            db.execute(f"DROP TABLE {index}")
            for trigger in ("insert", "delete", "update"):
                db.execute(f"DROP TRIGGER {index}_{trigger}")
        db.execute(
            "INSERT INTO tm_units(source_language, target_language, source, source_key, target, created_at)"
            " VALUES ('vi', 'en', 'Mùa nước nổi.', 'mùa nước nổi.', 'Flood season.', '2024')"
        )
    db.close()
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    memories = Memories(project, SharedMemory(path))
    hits = concordance(memories, "nước nổi")
    assert [(h.where, h.translations) for h in hits] == [(SHARED_MEMORY, {"en": "Flood season."})]
    memories.close()
    project.close()


def test_spans_map_back_to_text_in_decomposed_form() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Xin chào Hòa Bình!")
    spans = match_spans(text, read_query("hoà bình"))  # the tone on the other vowel, composed
    assert [text[a:b] for a, b in spans] == [unicodedata.normalize("NFD", "Hòa Bình")]


def test_fts_keywords_are_words_like_any_other(memories: Memories) -> None:
    assert concordance(memories, "NEAR(") == []
    assert concordance(memories, "văn AND") == []
    assert concordance(memories, 'văn" OR "hóa') == []  # the word "or" is not between them anywhere
    assert concordance(memories, "văn\\s+hóa") == []  # nor is the word "s"


def test_a_failed_import_leaves_the_index_as_it_was_and_the_next_one_indexed(memories: Memories) -> None:
    shared = memories.shared
    assert shared is not None

    def failing():  # type: ignore[no-untyped-def]
        yield MemoryUnit("Mùa nước nổi về.", "The flood season comes.", "en")
        raise WorkbenchError("the TMX file is damaged at line 3")

    with pytest.raises(WorkbenchError, match="line 3"):
        shared.add(failing(), "2026-02-01T00:00:00+00:00")
    assert concordance(memories, "nước nổi") == []
    shared.add([MemoryUnit("Nước nổi năm nay.", "This year's flood.", "en")], "2026-02-01T00:00:00+00:00")
    assert [h.source for h in concordance(memories, "nước nổi")] == ["Nước nổi năm nay."]
    # one by one (the project memory's own path, the triggers) as in bulk
    shared.db.execute("BEGIN")
    shared.db.execute(
        "INSERT INTO tm_units(source_language, target_language, source, source_key, target, created_at)"
        " VALUES ('vi', 'km', 'Nước nổi sớm.', 'nước nổi sớm.', 'ទឹកជំនន់', '2026-03-01')"
    )
    shared.db.execute("COMMIT")
    assert [h.source for h in concordance(memories, "nước nổi")] == ["Nước nổi sớm.", "Nước nổi năm nay."]
