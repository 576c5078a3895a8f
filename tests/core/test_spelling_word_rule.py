"""What can go into a dictionary (the user's, the project's, an imported list): one word, letters, marks and
digits with an apostrophe or hyphen only between them; anything else is refused with the character named
so a person can see it (a tab is not printed raw)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.commands.main import main
from workbench.core.errors import WorkbenchError
from workbench.core.spelling.word_lists import checked_word, read_user_words, user_dictionary_path
from workbench.core.store.project_store import Project
from workbench.core.store.spelling_words import add_project_words, project_words


@pytest.mark.parametrize("word", ["don't", "don’t", "e-mail", "COVID-19", "Sihanoukville", "ឆ្នាំ", "ក្ឞ្ឞុំ", "Xuyên"])
def test_a_real_word_is_taken(word: str) -> None:
    assert checked_word(f" {word} ") == word


@pytest.mark.parametrize(
    "word, named",
    [
        ("héllo,", "“,” (U+002C COMMA)"),
        ("x;y", "“;” (U+003B SEMICOLON)"),
        ("a\tb", "a tab (U+0009)"),
        ("two words", "a space"),
        ("ខ្ញុំ។", "U+17D4 KHMER SIGN KHAN"),
        ("x\u200by", "U+200B ZERO WIDTH SPACE"),
        ("-abc", "at the start"),
        ("abc'", "at the end"),
        ("a--b", "twice in a row"),
        ("(Mekong)", "“(” (U+0028 LEFT PARENTHESIS)"),
    ],
)
def test_anything_else_is_refused_naming_the_character_visibly(word: str, named: str) -> None:
    with pytest.raises(WorkbenchError) as refused:
        checked_word(word)
    message = str(refused.value)
    assert named in message
    assert message.isprintable()  # a tab or an invisible character shows as an escape, not raw


def test_the_users_and_the_projects_dictionaries_and_an_import_refuse_punctuation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["spelling", "--user", "--to", "en", "--add", "Mekong", "héllo,"]) != 0
    assert "U+002C" in capsys.readouterr().err
    assert not user_dictionary_path("en").exists() or read_user_words("en") == set()  # nothing added
    path = tmp_path / "p.wbp"
    with Project.create(path, "p", "vi", ["en"]) as project:
        with pytest.raises(WorkbenchError, match=r"U\+003B"):
            add_project_words(project, "en", ["Tonle", "x;y"], "Lan")
        assert project_words(project, "en") == set()
    assert main(["spelling", str(path), "--to", "en", "--add", "x;y"]) != 0
    assert "U+003B SEMICOLON" in capsys.readouterr().err
    words = tmp_path / "words.txt"
    words.write_text("Tonle\nSap,\nKampot\n", encoding="utf-8")
    assert main(["spelling", str(path), "--to", "en", "--import", str(words)]) != 0
    refused = capsys.readouterr().err
    assert "words.txt" in refused and "line 2" in refused and "U+002C" in refused
    with Project.open(path) as project:
        assert project_words(project, "en") == set()  # all or nothing
