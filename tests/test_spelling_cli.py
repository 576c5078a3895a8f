"""`spelling` on the command line: the project's dictionary, the user's, and the words no dictionary knows."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_spelling import tiny_english
from tests.test_cli import run
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project


def test_words_are_added_listed_exported_and_misspellings_listed_by_segment_label(tmp_path: Path) -> None:
    tiny_english(["the", "plan", "of", "province"])
    (tmp_path / "a.txt").write_text("Kế hoạch của tỉnh.\n\nVăn hóa.\n", encoding="utf-8")
    assert run("new", "p.wbp", "--targets", "en,km", cwd=tmp_path).returncode == 0
    assert run("import", "p.wbp", "a.txt", cwd=tmp_path).returncode == 0
    with Project.open(tmp_path / "p.wbp") as project:
        first, second = project.segment_ids()
        project.save_translation(first, "en", "The plan of the Mekong provinse.", Status.TRANSLATED, Origin.HUMAN, "x")
        project.save_translation(second, "km", "វប្បធម៌ក្ឞ្ឞុំ។", Status.TRANSLATED, Origin.HUMAN, "x")

    checked = run("spelling", "p.wbp", "--to", "en", "--check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "a.txt #1: Mekong, provinse" in checked.stdout
    assert "a.txt #1: ក្ឞ្ឞុំ" not in checked.stdout
    assert "a.txt #2: ក្ឞ្ឞុំ" in run("spelling", "p.wbp", "--to", "km", "--check", cwd=tmp_path).stdout

    refused = run("spelling", "p.wbp", "--to", "en", "--add", "Mekong", "two words", cwd=tmp_path)
    assert refused.returncode != 0 and "has a space in it" in refused.stderr
    assert run("spelling", "p.wbp", "--to", "en", "--list", cwd=tmp_path).stdout == ""  # nothing added
    assert run("spelling", "p.wbp", "--to", "en", "--add", "Mekong", cwd=tmp_path).returncode == 0
    assert "a.txt #1: provinse\n" in run("spelling", "p.wbp", "--to", "en", "--check", cwd=tmp_path).stdout

    assert run("spelling", "p.wbp", "--to", "en", "--export", "words.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "words.txt").read_text(encoding="utf-8") == "Mekong\n"
    (tmp_path / "bad.txt").write_text("Tonle\nSap lake\n", encoding="utf-8")
    bad = run("spelling", "p.wbp", "--to", "en", "--import", "bad.txt", cwd=tmp_path)
    assert bad.returncode != 0 and "bad.txt: line 2" in bad.stderr
    assert run("spelling", "p.wbp", "--to", "en", "--list", cwd=tmp_path).stdout.split("\t")[0] == "Mekong"


def test_the_users_dictionary_needs_no_project(tmp_path: Path) -> None:
    added = run("spelling", "--user", "--to", "km", "--add", "ក្ឞ្ឞុំ", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert run("spelling", "--user", "--to", "km", "--list", cwd=tmp_path).stdout == "ក្ឞ្ឞុំ\n"
    shown = run("spelling", "--user", "--to", "km", cwd=tmp_path).stdout
    assert "km_KH" in shown and "your words: 1" in shown


def test_export_writes_through_a_new_temporary_file_and_never_through_a_link_left_beside_it(tmp_path: Path) -> None:
    assert run("new", "p.wbp", "--targets", "en", cwd=tmp_path).returncode == 0
    assert run("spelling", "p.wbp", "--to", "en", "--add", "Mekong", cwd=tmp_path).returncode == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n", encoding="utf-8")
    (tmp_path / "words.txt.tmp").symlink_to(victim)  # where the old export wrote its temporary copy
    assert run("spelling", "p.wbp", "--to", "en", "--export", "words.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "words.txt").read_text(encoding="utf-8") == "Mekong\n"
    assert victim.read_text(encoding="utf-8") == "someone else's file\n"
    nowhere = run("spelling", "p.wbp", "--to", "en", "--export", "no/such/words.txt", cwd=tmp_path)
    assert nowhere.returncode != 0 and "words.txt" in nowhere.stderr and "Traceback" not in nowhere.stderr
