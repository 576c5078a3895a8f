"""A damaged dictionary in the user's folder does not turn a language's spell checking off while another
dictionary for it works: the next one in the search order checks, the damaged file is named once, and
`check` says in its own output (not a log line) which language went unchecked and why."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from workbench.commands.main import main
from workbench.core.records import Origin, Status
from workbench.core.spelling import dictionary_files
from workbench.core.spelling.checker import (
    NoDictionary,
    SpellChecker,
    dictionary_status,
    skipped_dictionaries,
    spell_checker,
)
from workbench.core.spelling.dictionary_files import user_dictionary_folder
from workbench.core.store.project_store import Project

AFF = "SET UTF-8\nTRY esiantrolcdugmphbyfvkwz\n"
WORDS = ["the", "plan", "of", "province", "culture"]


def _pair(folder: Path, name: str = "en_US", dic: bytes | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.aff").write_text(AFF, encoding="utf-8")
    text = dic if dic is not None else f"{len(WORDS)}\n{chr(10).join(WORDS)}\n".encode()
    (folder / f"{name}.dic").write_bytes(text)
    return folder / f"{name}.dic"


@pytest.fixture
def system_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for /usr/share/hunspell, searched after the user's folder (the machine's own is left out)."""
    system = tmp_path / "hunspell"
    system.mkdir()
    shipped = dictionary_files.resource_path("dictionaries")
    monkeypatch.setattr(
        dictionary_files,
        "search_folders",
        lambda: [(shipped, False), (user_dictionary_folder(), False), (system, True)],
    )
    return system


def _damaged_user_english() -> Path:
    return _pair(user_dictionary_folder(), dic=os.urandom(64).replace(b"\n", b"\xff") + b"\xff")


def test_a_damaged_user_dictionary_is_skipped_for_the_next_one_and_named_once(system_folder: Path) -> None:
    damaged = _damaged_user_english()
    good = _pair(system_folder)
    checker = spell_checker("en")
    assert isinstance(checker, SpellChecker), checker
    assert checker.misspelled("The plan of the provinse.") == [(16, 24)]
    (skipped,) = skipped_dictionaries("en")
    assert str(damaged) in skipped and "not valid utf-8" in skipped
    status = dictionary_status("en")
    assert str(good) in status and status.count(str(damaged)) == 1


def test_only_when_no_dictionary_works_is_the_language_unchecked_with_every_file_named(system_folder: Path) -> None:
    damaged = _damaged_user_english()
    also_damaged = _pair(system_folder, dic=b"no word count\n")
    checker = spell_checker("en")
    assert isinstance(checker, NoDictionary)
    assert "English" in checker.message and str(damaged) in checker.message and str(also_damaged) in checker.message
    assert isinstance(spell_checker("km"), SpellChecker)  # the shipped Khmer one is not affected


def _project(tmp_path: Path) -> Path:
    from workbench.core.importing.file_import import prepare_import

    source = tmp_path / "a.txt"
    source.write_text("Kế hoạch của tỉnh.\n", encoding="utf-8")
    path = tmp_path / "p.wbp"
    with Project.create(path, "p", "vi", ["en"]) as project:
        project.store_document(prepare_import(source))
        (first,) = project.segment_ids()
        project.save_translation(first, "en", "The plan of the provinse.", Status.TRANSLATED, Origin.HUMAN, "Lan")
    return path


def test_check_and_spelling_use_the_next_dictionary_and_say_the_damaged_one_in_their_output(
    tmp_path: Path, system_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = _damaged_user_english()
    _pair(system_folder)
    project = _project(tmp_path)
    assert main(["spelling", str(project), "--to", "en", "--check"]) == 0
    out = capsys.readouterr().out
    assert "a.txt #1: provinse" in out and out.count(str(damaged)) == 1
    main(["check", str(project), "--to", "en"])
    shown = capsys.readouterr()
    assert "spelling: not in the dictionary: “provinse”" in shown.out
    assert shown.out.count(str(damaged)) == 1 and "skipped" in shown.out
    assert "WARNING" not in shown.err and str(damaged) not in shown.err


def test_check_says_which_languages_spelling_was_not_checked_and_why(
    tmp_path: Path, system_folder: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    damaged = _damaged_user_english()
    project = _project(tmp_path)
    main(["check", str(project)])
    shown = capsys.readouterr()
    lines = shown.out.splitlines()
    note = next(line for line in lines if line.startswith("spelling of English (en) not checked"))
    assert str(damaged) in note and "not valid utf-8" in note
    assert lines[-1].endswith("notes")  # the summary stays the last line
    assert "provinse" not in shown.out and "WARNING" not in shown.err
    assert not [r for r in caplog.records if r.levelname == "WARNING" and "spelling" in r.getMessage()]


def test_a_variant_the_engine_fails_on_is_left_out_and_said_in_the_check_output(
    tmp_path: Path, system_folder: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from tests.core.test_spelling_damaged import DAMAGED_AFF

    _pair(system_folder)
    variant = _pair(user_dictionary_folder(), "en_GB")
    variant.with_suffix(".aff").write_text(DAMAGED_AFF["truncated"][0], encoding="utf-8")  # passes the first look
    project = _project(tmp_path)
    main(["check", str(project), "--to", "en"])
    out = capsys.readouterr().out
    assert "spelling: not in the dictionary: “provinse”" in out  # en_US still checks
    note = next(line for line in out.splitlines() if "left out" in line)
    assert note.startswith("spelling of English (en): skipped") and str(variant.with_suffix(".aff")) in note
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
