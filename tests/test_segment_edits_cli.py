"""Editing and confirming from a script, approvals that say why nothing was approved, and segment labels
('le-hoi.txt #2') accepted wherever a command takes a segment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """le-hoi.txt: three sentences, the first and third the same; tin.txt: two."""
    (tmp_path / "le-hoi.txt").write_text("Lễ hội mở màn.\n\nCâu hai.\n\nLễ hội mở màn.\n", encoding="utf-8")
    (tmp_path / "tin.txt").write_text("Tin một.\n\nTin hai.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        import_files(project, [tmp_path / "le-hoi.txt", tmp_path / "tin.txt"])
    return tmp_path / "p.wbp"


def _ids(path: Path) -> list[int]:
    with Project.open(path, read_only=True) as project:
        return project.segment_ids()


def _translation(path: Path, segment_id: int, language: str = "km"):  # type: ignore[no-untyped-def]
    with Project.open(path, read_only=True) as project:
        return project.segment(segment_id).translations[language]


def _cli(context: AppContext, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli_main(list(args), context)
    out, err = capsys.readouterr()
    return code, out, err


def test_edit_by_label_writes_the_users_text_and_confirm_fills_repetitions(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = AppContext(Settings(user_name="Dara", propagate_repetitions="translated"), path.parent / "shared.db")
    first, second, third, *_ = _ids(path)
    code, out, _err = _cli(context, capsys, "edit", str(path), "le-hoi.txt #1", "--to", "km", "--text", "ពិធីបុណ្យ។")
    assert code == 0 and "le-hoi.txt #1 (km): draft by Dara" in out
    left = _translation(path, first)
    assert (left.text, left.status, left.origin, left.author) == ("ពិធីបុណ្យ។", Status.DRAFT, Origin.HUMAN, "Dara")
    assert _translation(path, third).status is Status.UNTRANSLATED  # an unconfirmed edit fills nothing

    code, out, _err = _cli(
        context, capsys, "edit", str(path), str(first), "--to", "km", "--text", "ពិធីបុណ្យ។", "--confirm"
    )
    assert code == 0 and "le-hoi.txt #1 (km): translated by Dara" in out
    assert "1 repetition of the same source filled (translated)" in out
    assert _translation(path, first).status is Status.TRANSLATED
    repeated = _translation(path, third)
    assert (repeated.text, repeated.status) == ("ពិធីបុណ្យ។", Status.TRANSLATED)
    assert _translation(path, second).status is Status.UNTRANSLATED
    with Project.open(path, read_only=True) as project:
        assert project.revisions(first, "km")[-1]["author"] == "Dara"


def test_an_edit_that_cannot_be_made_says_why_and_changes_nothing(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = AppContext(Settings(user_name="Dara"), path.parent / "shared.db")
    first, second, *_ = _ids(path)
    cli_main(["mark", str(path), "le-hoi.txt #2", "--skip", "a caption"], context)
    capsys.readouterr()
    for args, said in (
        (["999", "--to", "km"], "there is no segment 999 in p.wbp"),
        (["le-hoi.txt #9", "--to", "km"], "le-hoi.txt has segments #1 to #3"),
        (["nope.txt #1", "--to", "km"], "p.wbp has no document 'nope.txt'"),
        ([str(second), "--to", "km"], "le-hoi.txt #2 is not for translation (a caption)"),
        ([str(first), "--to", "fr"], "fr is not a target language of p.wbp"),
    ):
        code, _out, err = _cli(context, capsys, "edit", str(path), *args, "--text", "x")
        assert code == 2 and said in err, args
    code, _out, err = _cli(context, capsys, "edit", str(path), str(first), "--to", "km", "--text", " ", "--confirm")
    assert code == 2 and "an empty translation cannot be confirmed" in err
    with Project.open(path, read_only=True) as project:
        assert all(
            t.status is Status.UNTRANSLATED for s in project.segments() for t in s.translations.values()
        )  # nothing was written by any of them


def test_a_removed_segment_is_refused(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    context = AppContext(Settings(user_name="Dara"), path.parent / "shared.db")
    _first, second, *_ = _ids(path)
    (path.parent / "le-hoi.txt").write_text("Lễ hội mở màn.\n\nLễ hội mở màn.\n", encoding="utf-8")
    with Project.open(path) as project:
        import_files(project, [path.parent / "le-hoi.txt"])
    code, _out, err = _cli(context, capsys, "edit", str(path), str(second), "--to", "km", "--text", "x")
    assert code == 2 and "removed from its document" in err


def test_confirm_turns_drafts_into_translated_and_counts_what_it_left(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = AppContext(Settings(user_name="Lan", propagate_repetitions="off"), path.parent / "shared.db")
    a1, a2, a3, b1, b2 = _ids(path)
    with Project.open(path) as project:
        project.save_translation(a1, "km", "ពិធីបុណ្យ។", Status.DRAFT, Origin.MT, "tiny-nllb")
        project.save_translation(a2, "km", "", Status.DRAFT, Origin.HUMAN, "Dara")
        project.save_translation(b1, "km", "ព័ត៌មានមួយ។", Status.DRAFT, Origin.MT, "tiny-nllb")
        project.save_translation(b2, "km", "ព័ត៌មានពីរ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    code, out, _err = _cli(context, capsys, "confirm", str(path), "--to", "km", "--document", "le-hoi.txt")
    assert code == 0 and "1 draft confirmed in km by Lan" in out
    assert "1 empty draft left as it is: there is no text to confirm" in out
    done = _translation(path, a1)
    # a machine draft confirmed unchanged keeps its origin, as Ctrl+Enter keeps it (the report tells them apart)
    assert (done.status, done.origin, done.author) == (Status.TRANSLATED, Origin.MT, "Lan")
    assert _translation(path, b1).status is Status.DRAFT  # another document: not asked for
    assert _translation(path, a3).status is Status.UNTRANSLATED  # `settings --propagate off`

    code, out, _err = _cli(context, capsys, "confirm", str(path), "--to", "km", "--segments", "tin.txt #1,tin.txt #2")
    assert code == 1 and "1 draft confirmed in km" in out
    assert "not confirmed: tin.txt #2: already confirmed" in out
    assert _translation(path, b1).status is Status.TRANSLATED
    code, out, _err = _cli(context, capsys, "confirm", str(path), "--to", "km", "--document", "tin.txt")
    assert code == 0 and "nothing to confirm: no drafts; 2 segments already confirmed" in out


def test_approve_that_approves_nothing_says_why(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    context = AppContext(Settings(user_name="Chị Hoa", role="editor"), path.parent / "shared.db")
    a1, a2, a3, b1, b2 = _ids(path)
    with Project.open(path) as project:
        for segment_id in (a1, a2, b1):
            project.save_translation(segment_id, "km", "ព្រាង។", Status.DRAFT, Origin.MT, "tiny-nllb")
        project.save_translation(b2, "km", "រួច។", Status.APPROVED, Origin.HUMAN, "Chị Hoa")
    code, out, _err = _cli(context, capsys, "approve", str(path), "--to", "km")
    assert code == 0 and "0 segments approved in km" in out
    assert "nothing to approve: 3 drafts are not confirmed yet" in out
    assert "1 segment is untranslated" in out and "1 segment is already approved" in out
    code, out, _err = _cli(context, capsys, "approve", str(path), "--to", "km", "--document", "tin.txt")
    assert "nothing to approve: 1 draft is not confirmed yet" in out and "untranslated" not in out
    # confirming from a script is what lets the editor approve them; the first sentence's repetition (#3) is
    # filled as it is confirmed (the default `settings --propagate translated`)
    code, out, _err = _cli(context, capsys, "confirm", str(path), "--to", "km")
    assert "3 drafts confirmed" in out and "1 repetition of the same source filled (translated)" in out
    code, out, _err = _cli(context, capsys, "approve", str(path), "--to", "km")
    assert code == 0 and "4 segments approved in km" in out and "nothing to approve" not in out
    assert {_translation(path, i).status for i in (a1, a2, a3, b1, b2)} == {Status.APPROVED}


def test_labels_are_accepted_by_send_back_approve_and_check(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    context = AppContext(Settings(user_name="Chị Hoa", role="editor"), path.parent / "shared.db")
    a1, a2, a3, _b1, b2 = _ids(path)
    with Project.open(path) as project:
        for segment_id in (a1, a2, b2):
            project.save_translation(segment_id, "km", "បកប្រែ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    code, out, _err = _cli(
        context, capsys, "approve", str(path), "--to", "km", "--document", "le-hoi.txt", "--segments", "#2, tin.txt #2"
    )
    assert code == 1 and "1 segment approved in km" in out
    assert "not approved: tin.txt #2: not in the document asked for" in out and f"segment {b2}" not in out
    assert _translation(path, a2).status is Status.APPROVED and _translation(path, a1).status is Status.TRANSLATED
    code, out, _err = _cli(context, capsys, "approve", str(path), "--to", "km", "--segments", "tin.txt #2")
    assert code == 0 and _translation(path, b2).status is Status.APPROVED
    code, out, _err = _cli(context, capsys, "send-back", str(path), "le-hoi.txt#1", "--to", "km", "--comment", "sai")
    assert code == 0 and "le-hoi.txt #1 (km) sent back: sai" in out
    assert _translation(path, a1).status is Status.NEEDS_WORK
    code, _out, err = _cli(context, capsys, "send-back", str(path), "tin.txt #7", "--to", "km", "--comment", "sai")
    assert code == 2 and "tin.txt has segments #1 to #2" in err

    code, out, _err = _cli(context, capsys, "check", str(path), "--to", "km")
    assert "le-hoi.txt #3 [km] " in out  # findings are named by their labels
    code, out, _err = _cli(context, capsys, "check", str(path), "--to", "km", "--json")
    assert {"segment": a3, "label": "le-hoi.txt #3", "check": "untranslated"}.items() <= json.loads(out)[0].items()
    code, out, _err = _cli(
        context, capsys, "check", str(path), "--ignore", "le-hoi.txt #3:km:untranslated", "--reason", "later"
    )
    assert code == 0
    code, out, _err = _cli(context, capsys, "check", str(path), "--to", "km")
    assert "le-hoi.txt #3 [km]" not in out


def test_segments_lists_the_label_a_command_takes_back(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    context = AppContext(Settings(user_name="Dara"), path.parent / "shared.db")
    code, out, _err = _cli(context, capsys, "segments", str(path), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["label"] for row in rows] == [
        "le-hoi.txt #1", "le-hoi.txt #2", "le-hoi.txt #3", "tin.txt #1", "tin.txt #2",
    ]  # fmt: skip
    code, out, _err = _cli(context, capsys, "segments", str(path))
    assert "tin.txt #2 " in out.splitlines()[-1]
    code, out, _err = _cli(context, capsys, "edit", str(path), rows[4]["label"], "--to", "en", "--text", "News two.")
    assert code == 0 and _translation(path, rows[4]["id"], "en").text == "News two."


def test_editing_approved_text_returns_it_to_the_editor_and_text_can_come_from_stdin(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    context = AppContext(Settings(user_name="Dara", propagate_repetitions="off"), path.parent / "shared.db")
    *_rest, b2 = _ids(path)
    with Project.open(path) as project:
        project.save_translation(b2, "en", "News two.", Status.APPROVED, Origin.HUMAN, "Chị Hoa")
    code, out, _err = _cli(context, capsys, "edit", str(path), "tin.txt #2", "--to", "en", "--text", "News two.")
    assert code == 0 and "tin.txt #2 (en): unchanged, approved" in out
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"The second news item.\n")))
    code, out, _err = _cli(context, capsys, "edit", str(path), "tin.txt #2", "--to", "en", "--text", "-", "--confirm")
    assert code == 0 and "it was approved: an editor approves the new text again" in out
    edited = _translation(path, b2, "en")
    assert (edited.text, edited.status, edited.author) == ("The second news item.", Status.TRANSLATED, "Dara")


def test_edit_with_an_empty_text_clears_the_segment_as_emptying_a_cell_does(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    context = AppContext(Settings(user_name="Dara", propagate_repetitions="off"), path.parent / "shared.db")
    first, *_ = _ids(path)
    _cli(context, capsys, "edit", str(path), "le-hoi.txt #1", "--to", "en", "--text", "The festival opens.")
    for text in ("", "  "):
        code, out, _err = _cli(context, capsys, "edit", str(path), "le-hoi.txt #1", "--to", "en", "--text", text)
        assert code == 0 and "le-hoi.txt #1 (en): " in out and "untranslated" in out
        cleared = _translation(path, first, "en")
        assert (cleared.text, cleared.status) == ("", Status.UNTRANSLATED)  # not an empty "draft"
    code, out, _err = _cli(context, capsys, "check", str(path), "--to", "en", "--json")
    assert {"label": "le-hoi.txt #1", "check": "untranslated"}.items() <= json.loads(out)[0].items()
    code, out, _err = _cli(context, capsys, "approve", str(path), "--to", "en", "--document", "le-hoi.txt")
    assert "draft" not in out


def test_a_corrected_confirmation_reaches_the_programs_copies_and_says_what_a_person_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "le-hoi.txt").write_text("Lễ hội mở màn.\n\nCâu hai.\n\nLễ hội mở màn.\n", encoding="utf-8")
    (tmp_path / "hop-tac.txt").write_text("Lễ hội mở màn.\n\nHợp tác.\n\nLễ hội mở màn.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        import_files(project, [tmp_path / "le-hoi.txt", tmp_path / "hop-tac.txt"])
    path = tmp_path / "p.wbp"
    context = AppContext(Settings(user_name="Dara", propagate_repetitions="translated"), tmp_path / "shared.db")
    a1, _a2, a3, h1, _h2, h3 = _ids(path)
    edit = ("edit", str(path), "le-hoi.txt #1", "--to", "en", "--confirm", "--text")
    code, out, _err = _cli(context, capsys, *edit, "The festival opens.")
    assert code == 0 and "3 repetitions of the same source filled (translated)" in out
    # a person rewrites one copy (typed, not confirmed)
    _cli(context, capsys, "edit", str(path), "hop-tac.txt #1", "--to", "en", "--text", "Opening of the fête.")
    code, out, _err = _cli(context, capsys, *edit, "The Festival opens.")
    assert code == 0 and "2 repetitions of the same source filled (translated), 1 left: a person's text" in out
    for segment_id in (a3, h3):
        follows = _translation(path, segment_id, "en")
        assert (follows.text, follows.status, follows.origin) == ("The Festival opens.", Status.TRANSLATED, Origin.TM)
    assert _translation(path, h1, "en").text == "Opening of the fête."
    assert _translation(path, a1, "en").text == "The Festival opens."
    # confirming the same text again: nothing to fill, the person's text still said
    code, out, _err = _cli(context, capsys, *edit, "The Festival opens.")
    assert "1 repetition of the same source left: a person's text" in out


def test_text_from_stdin_that_is_not_utf8_or_too_long_is_refused_and_nothing_changes(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from workbench.commands import segment_edits

    context = AppContext(Settings(user_name="Dara", propagate_repetitions="off"), path.parent / "shared.db")
    *_rest, b2 = _ids(path)
    before = _translation(path, b2, "en")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Tin t\xf4i")))
    code, _out, err = _cli(context, capsys, "edit", str(path), "tin.txt #2", "--to", "en", "--text", "-")
    assert code == 2 and "standard input (--text -) is not UTF-8" in err
    monkeypatch.setattr(segment_edits, "STDIN_LIMIT", 10)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x" * 11)))
    code, _out, err = _cli(context, capsys, "edit", str(path), "tin.txt #2", "--to", "en", "--text", "-")
    assert code == 2 and "more than 10 bytes" in err
    assert _translation(path, b2, "en") == before
