"""The user's own dictionary is never written over when it cannot be read: adding or removing a word is
refused with the file's name and the file stays as it was; checking goes on without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.spelling.word_lists import (
    add_user_word,
    read_user_words,
    remove_user_word,
    user_dictionary_path,
    user_words,
)


def _unreadable_kinds(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "latin-1":
        path.write_bytes("Kampot\nPhnom\nBiên Hòa\n".encode("latin-1", "replace") + b"caf\xe9\n")
    elif kind == "too large":
        path.write_bytes(b"Kampot\n" * (9 * 2**20 // 7))
    elif kind == "link":
        target = path.parent / "elsewhere.txt"
        target.write_text("Kampot\n", encoding="utf-8")
        path.symlink_to(target)
    elif kind == "a folder":
        # A file that cannot be opened even by root (a chmod 0 file is readable as root).
        path.mkdir()
        (path / "Kampot").write_text("Kampot\n", encoding="utf-8")


@pytest.mark.parametrize("kind", ["latin-1", "too large", "link", "a folder"])
def test_a_user_dictionary_that_cannot_be_read_is_never_written_over(kind: str) -> None:
    path = user_dictionary_path("en")
    _unreadable_kinds(path, kind)
    before = os.lstat(path)
    for change in (lambda: add_user_word("en", "Sihanoukville"), lambda: remove_user_word("en", "Kampot")):
        with pytest.raises(WorkbenchError) as refused:
            change()
        assert str(path) in str(refused.value)
    with pytest.raises(WorkbenchError, match=str(path)):
        read_user_words("en")
    after = os.lstat(path)
    assert (after.st_mode, after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_mode,
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert user_words("en") == set()  # checking goes on without it
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    if kind == "a folder":
        assert [p.name for p in path.iterdir()] == ["Kampot"]  # nothing written into it


def test_adding_and_removing_keep_every_other_line_of_a_hand_edited_file() -> None:
    path = user_dictionary_path("km")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\ufeffKampot\n# my places\nBattambang\n", encoding="utf-8")
    add_user_word("km", "Sihanoukville")
    assert path.read_text(encoding="utf-8") == "Kampot\n# my places\nBattambang\nSihanoukville\n"
    assert remove_user_word("km", "Kampot")
    assert path.read_text(encoding="utf-8") == "# my places\nBattambang\nSihanoukville\n"
    assert not remove_user_word("km", "Kampot")


def test_the_command_line_refuses_to_add_to_an_unreadable_user_dictionary_and_says_why(tmp_path: Path) -> None:
    from tests.test_cli import run

    path = user_dictionary_path("en")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"Kampot\ncaf\xe9\n")
    refused = run("spelling", "--user", "--to", "en", "--add", "Mekong", cwd=tmp_path)
    assert refused.returncode != 0 and str(path) in refused.stderr and "not UTF-8" in refused.stderr
    listed = run("spelling", "--user", "--to", "en", "--list", cwd=tmp_path)
    assert listed.returncode != 0 and str(path) in listed.stderr
    assert "left out" in run("spelling", "--user", "--to", "en", cwd=tmp_path).stdout
    assert path.read_bytes() == b"Kampot\ncaf\xe9\n"


def test_a_dictionary_folder_that_cannot_be_made_is_said_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.core.spelling.word_lists import add_user_word

    blocker = tmp_path / "config"
    blocker.write_text("a file where the settings folder should be", encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(blocker))
    with pytest.raises(WorkbenchError, match="cannot be written"):
        add_user_word("en", "Mekong")
    assert blocker.read_text(encoding="utf-8") == "a file where the settings folder should be"
