"""A damaged hunspell dictionary that passes the first look (its encoding and word count are right) and fails
inside the engine: the language goes unchecked with the file named, and nothing else stops (the QA run, the
editor's underlines, `spelling --check` saying why)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_spelling import tiny_english
from workbench.core.qa.project_run import check_project
from workbench.core.records import Origin, Status
from workbench.core.spelling.checker import NoDictionary, SpellChecker, dictionary_problem, spell_checker
from workbench.core.spelling.dictionary_files import user_dictionary_folder
from workbench.core.store.project_store import Project

#: .aff texts the engine fails on (a REP table cut short, an IGNORE without letters, an AF alias the .dic
#: points past, a line of binary bytes) though each names its encoding and its .dic starts with the count
DAMAGED_AFF = {
    "truncated": ("SET UTF-8\nTRY esiantr\nREP 2\nREP a\n", None),
    "ignore": ("SET UTF-8\nIGNORE \n", None),
    "alias": ("SET UTF-8\nAF 1\nAF A\n", b"2\nplan/1\nprovince/7\n"),
    "binary": ("SET UTF-8\nMAXDIFF \x01\x02\x03\n", None),
}


def damaged_english(kind: str) -> Path:
    tiny_english()
    aff, dic = DAMAGED_AFF[kind]
    folder = user_dictionary_folder()
    for variant in ("en_US", "en_GB", "en_AU", "en_CA"):
        (folder / f"{variant}.aff").write_text(aff, encoding="utf-8")
        if dic is not None:
            (folder / f"{variant}.dic").write_bytes(dic)
    return folder / "en_US.aff"


@pytest.mark.parametrize("kind", sorted(DAMAGED_AFF))
def test_a_dictionary_the_engine_fails_on_stops_checking_its_language_and_says_which_file(kind: str) -> None:
    aff = damaged_english(kind)
    checker = spell_checker("en")
    assert isinstance(checker, SpellChecker | NoDictionary)
    if isinstance(checker, SpellChecker):
        assert checker.misspelled("The plan of the provinse.") == []  # no exception, no underline
        assert checker.suggest("provinse") == []
        assert checker.problem is not None and str(aff) in checker.problem
    problem = dictionary_problem("en")
    assert problem is not None and "English" in problem and str(aff) in problem


def test_the_qa_run_and_spelling_check_go_on_past_a_damaged_dictionary(tmp_path: Path) -> None:
    from tests.test_cli import run
    from workbench.core.importing.file_import import prepare_import

    aff = damaged_english("truncated")
    source = tmp_path / "a.txt"
    source.write_text("Kế hoạch của tỉnh.\n\nVăn hóa.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        first, second = project.segment_ids()
        project.save_translation(first, "en", "The plan of the provinse.", Status.TRANSLATED, Origin.HUMAN, "Lan")
        project.save_translation(second, "km", "វប្បធម៌ក្ឞ្ឞុំ។", Status.TRANSLATED, Origin.HUMAN, "Lan")
        found = [(p.segment_id, p.language) for p in check_project(project, parallel=False) if p.check_id == "spelling"]
        assert found == [(second, "km")]  # English goes unchecked; Khmer is still checked
    checked = run("spelling", "p.wbp", "--to", "en", "--check", cwd=tmp_path)
    assert checked.returncode != 0 and str(aff) in checked.stderr and "Traceback" not in checked.stderr


def test_a_khmer_word_list_is_read_in_the_encoding_its_aff_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.core.spelling.dictionary_files as files

    folder = user_dictionary_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "km_KH.aff").write_text("SET ISO8859-1\n", encoding="utf-8")
    (folder / "km_KH.dic").write_bytes(b"2\nsala\nk\xe9t\n")  # not UTF-8: read as the .aff says
    shipped = files.resource_path("dictionaries")
    original = files.search_folders
    monkeypatch.setattr(files, "search_folders", lambda: [entry for entry in original() if entry[0] != shipped])
    checker = spell_checker("km")  # the user's km_KH, not the shipped one: no exception escapes
    assert isinstance(checker, SpellChecker)
    assert checker.misspelled("ខ្ញុំ") == [(0, 5)]  # a Latin word list knows no Khmer word


def test_suggestions_stop_at_their_time_and_are_not_looked_for_past_a_words_length() -> None:
    tiny_english()
    checker = spell_checker("en")
    assert isinstance(checker, SpellChecker)
    assert "sentence" in checker.suggest("sentense")
    assert len(checker.suggest("sentense", seconds=0)) <= 1  # whatever was found when the time ran out
    assert checker.suggest("a" * 61) == []  # a run of typos or pasted text: the engine could take minutes
