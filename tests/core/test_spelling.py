"""Spell checking in the core: which words are underlined, what is suggested, the project's and the user's
dictionaries, and dictionaries that are missing or damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.qa.project_run import check_project
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings, config_dir
from workbench.core.spelling.checker import NoDictionary, SpellChecker, checker_for, spell_checker
from workbench.core.spelling.dictionary_files import HUNSPELL_NAMES, user_dictionary_folder
from workbench.core.spelling.word_lists import add_user_word, user_dictionary_path, user_words
from workbench.core.store.project_store import Project
from workbench.core.store.spelling_words import add_project_words, project_word_list, remove_project_word

WORDS = ["this", "is", "a", "sentence", "about", "the", "plan", "province", "of", "culture"]


def tiny_english(words: list[str] = WORDS, dic: bytes | None = None) -> Path:
    """An en_US hunspell dictionary in the user's dictionaries folder (found before the system's), and the
    same words as every other English variant, so the system's en_GB does not vouch for a word too."""
    folder = user_dictionary_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for name in HUNSPELL_NAMES["en"]:
        (folder / f"{name}.aff").write_text(
            "SET UTF-8\nTRY esiantrolcdugmphbyfvkwz\nREP 1\nREP s c\n", encoding="utf-8"
        )
        (folder / f"{name}.dic").write_bytes(f"{len(words)}\n{chr(10).join(words)}\n".encode())
    if dic is not None:
        (folder / "en_US.dic").write_bytes(dic)
    return folder / "en_US.dic"


def without_system_dictionaries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the shipped and the user's dictionaries are found: a damaged one has nothing to fall back to."""
    from workbench.core.spelling import dictionary_files

    found = dictionary_files.search_folders
    monkeypatch.setattr(dictionary_files, "search_folders", lambda: [entry for entry in found() if not entry[1]])


def test_a_word_any_english_variant_knows_is_correct() -> None:
    tiny_english(["colour", "the"])
    (user_dictionary_folder() / "en_US.dic").write_text("2\ncolor\nthe\n", encoding="utf-8")
    assert english().misspelled("the colour, the color, the culor") == [(27, 32)]


def english() -> SpellChecker:
    checker = spell_checker("en")
    assert isinstance(checker, SpellChecker), checker
    return checker


def test_a_misspelled_word_is_found_and_codes_numbers_and_names_of_places_are_not() -> None:
    tiny_english()
    text = "This is a sentense about the plan 25/CT-TTg of 2024."
    checker = english()
    assert [text[a:b] for a, b in checker.misspelled(text)] == ["sentense"]
    assert "sentence" in checker.suggest("sentense")
    assert checker.misspelled("") == []


def test_a_name_taken_from_the_vietnamese_source_without_its_marks_is_not_a_typo() -> None:
    tiny_english()
    text = "The plan of Long Xuyen about Hoa Binh"
    assert [text[a:b] for a, b in english().misspelled(text)] == ["Long", "Xuyen", "Hoa", "Binh"]
    assert english().misspelled(text, source="Kế hoạch của Long Xuyên về Hòa Bình") == []
    assert english().misspelled("Dak Lak", source="Đắk Lắk") == []


def test_khmer_is_split_into_words_before_the_dictionary_is_asked() -> None:
    checker = spell_checker("km")
    assert isinstance(checker, SpellChecker)
    good = "ខ្ញុំស្រលាញ់ប្រទេសកម្ពុជា។"
    assert checker.misspelled(good) == []
    bad = "ខ្ញុំក្ឞ្ឞុំកម្ពុជា"
    assert [bad[a:b] for a, b in checker.misspelled(bad)] == ["ក្ឞ្ឞុំ"]
    assert checker.misspelled("ខ្ញុំ Hanoi ABC-123") == []  # Latin in Khmer: names and codes, not Khmer words
    typo = "ខ្ញុំប្រទែសកម្ពុជា"  # ប្រទេស (country) with the wrong vowel: its fragments ប្រ and ស are words too
    assert [typo[a:b] for a, b in checker.misspelled(typo)] == ["ប្រទែស"]
    assert "ប្រទេស" in checker.suggest("ប្រទែស")


def test_without_the_spelling_engine_each_language_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from workbench.core.spelling import checker as module

    real = importlib.util.find_spec
    monkeypatch.setattr(module.importlib.util, "find_spec", lambda name: None if name == "spylls" else real(name))
    found = spell_checker("km")
    assert isinstance(found, NoDictionary) and "pip install spylls" in found.message


def test_a_word_added_to_the_project_is_correct_there_and_kept_in_the_project(tmp_path: Path) -> None:
    tiny_english()
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        assert add_project_words(project, "en", ["Mekong", " Angkor "], "Lan") == ["Angkor", "Mekong"]
        checker = checker_for(project, "en")
        assert isinstance(checker, SpellChecker)
        assert checker.misspelled("Mekong and Angkor") == [(7, 10)]  # "and" is not in the tiny dictionary
        assert [(w.word, w.added_by) for w in project_word_list(project, "en")] == [
            ("Angkor", "Lan"),
            ("Mekong", "Lan"),
        ]
        assert remove_project_word(project, "en", "Angkor") and not remove_project_word(project, "en", "Angkor")
    with Project.open(tmp_path / "p.wbp") as again:
        assert [w.word for w in project_word_list(again)] == ["Mekong"]


@pytest.mark.parametrize("word", ["two words", "tab\tbed", "zero\u200bwidth", "bell\x07", "", "x" * 300])
def test_a_word_with_spaces_or_control_characters_is_refused_and_nothing_changes(tmp_path: Path, word: str) -> None:
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        add_project_words(project, "en", ["Mekong"], "Lan")
        with pytest.raises(WorkbenchError, match=r"space|tab|invisible|empty|not one word"):
            add_project_words(project, "en", ["Angkor", word], "Lan")
        assert [w.word for w in project_word_list(project)] == ["Mekong"]
    add_user_word("en", "Tonle")
    before = user_dictionary_path("en").read_bytes()
    with pytest.raises(WorkbenchError, match=r"space|tab|invisible|empty|not one word"):
        add_user_word("en", word)
    assert user_dictionary_path("en").read_bytes() == before


def test_the_users_dictionary_is_a_file_of_words_beside_the_settings(tmp_path: Path) -> None:
    tiny_english()
    add_user_word("en", "Sihanoukville")
    assert user_dictionary_path("en").parent.parent == config_dir()
    assert user_dictionary_path("en").read_text(encoding="utf-8") == "Sihanoukville\n"
    user_dictionary_path("en").write_text("Sihanoukville\nnot one word\n\x01bad\nKampot\n", encoding="utf-8")
    assert user_words("en") == {"Sihanoukville", "Kampot"}  # a hand-edited line that is not a word is skipped
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        checker = checker_for(project, "en")
        assert isinstance(checker, SpellChecker)
        assert checker.misspelled("Sihanoukville Kampot plan") == []


@pytest.mark.parametrize(
    "dic, problem",
    [(b"3\nthis\n\xff\xfeis\n", "not valid utf-8"), (b"this\nis\n", "word count"), (b"", "word count")],
)
def test_a_damaged_dictionary_is_named_with_its_language_and_checking_goes_on_without_it(
    dic: bytes, problem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_system_dictionaries(monkeypatch)  # the system's en_US would be used instead (test_spelling_fallback)
    path = tiny_english(dic=dic)
    for name in HUNSPELL_NAMES["en"]:  # a good en_GB would be used instead
        (user_dictionary_folder() / f"{name}.dic").write_bytes(dic)
    checker = spell_checker("en")
    assert isinstance(checker, NoDictionary)
    assert "English" in checker.message and str(path) in checker.message and problem in checker.message
    assert isinstance(spell_checker("km"), SpellChecker)  # the other language is unaffected


def test_the_spelling_check_warns_about_a_misspelled_translation_until_the_word_is_added(tmp_path: Path) -> None:
    tiny_english()
    source = tmp_path / "a.txt"
    source.write_text("Kế hoạch của tỉnh.\n\nVăn hóa.\n", encoding="utf-8")
    from workbench.core.importing.file_import import prepare_import

    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        first, second = project.segment_ids()
        project.save_translation(first, "en", "The plan of the provinse.", Status.TRANSLATED, Origin.HUMAN, "Lan")
        project.save_translation(second, "en", "Culture.", Status.TRANSLATED, Origin.HUMAN, "Lan")
        project.save_translation(second, "km", "វប្បធម៌ក្ឞ្ឞុំ។", Status.TRANSLATED, Origin.HUMAN, "Lan")
        found = [p for p in check_project(project, parallel=False) if p.check_id == "spelling"]
        assert [(p.segment_id, p.language, p.severity.value) for p in found] == [
            (first, "en", "warning"),
            (second, "km", "warning"),
        ]
        assert "provinse" in found[0].message and "ក្ឞ្ឞុំ" in found[1].message
        add_project_words(project, "en", ["provinse"], "Lan")
        assert [p.segment_id for p in check_project(project, parallel=False) if p.check_id == "spelling"] == [second]
        Settings(spell_check=False).save()
        assert not [p for p in check_project(project, parallel=False) if p.check_id == "spelling"]


def test_the_vietnamese_source_is_checked_only_when_asked_and_either_tone_placement_is_right(tmp_path: Path) -> None:
    folder = user_dictionary_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vi_VN.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (folder / "vi_VN.dic").write_text("4\nvăn\nhoá\ncủa\ntỉnh\n", encoding="utf-8")
    source = tmp_path / "a.txt"
    source.write_text("Văn hóa của tỉnhh.\n", encoding="utf-8")
    from workbench.core.importing.file_import import prepare_import

    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        project.store_document(prepare_import(source))
        assert not [p for p in check_project(project, parallel=False) if p.check_id == "source-spelling"]
        Settings(spell_check_source=True).save()
        (found,) = [p for p in check_project(project, parallel=False) if p.check_id == "source-spelling"]
        assert found.message == "not in the dictionary: “tỉnhh”"  # hóa is hoá with the tone on the other vowel


def test_the_windows_live_check_waits_for_the_dictionary_instead_of_loading_it(tmp_path: Path) -> None:
    from workbench.core.qa.live_context import QaContext, check_segment

    tiny_english()
    source = tmp_path / "a.txt"
    source.write_text("Kế hoạch của tỉnh.\n", encoding="utf-8")
    from workbench.core.importing.file_import import prepare_import

    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        project.store_document(prepare_import(source))
        (sid,) = project.segment_ids()
        project.save_translation(sid, "en", "The plan of the provinse.", Status.TRANSLATED, Origin.HUMAN, "Lan")
        context = QaContext.load(project)
        segment = project.segment(sid)
        assert "spelling" not in {p.check_id for p in check_segment(segment, "en", context)}  # not loaded yet
        english().misspelled("loaded")  # what the editor's background load does
        assert "spelling" in {p.check_id for p in check_segment(segment, "en", context)}
