"""What the CLI says about a segment names it as the user does ('le-hoi.txt #2', the grid's number), never by
the database id the user never typed; --json keeps both. A second send-back says it was sent back already;
a concordance without Vietnamese marks that finds nothing points to --diacritic-blind. (--json keeping
both id and label: tests/test_segment_edits_cli.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders.returned_handoff import returned_xliff
from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """tin.txt first (ids 1-3), then le-hoi.txt (ids 4-6): le-hoi.txt #2 is id 5, so an id and a number differ."""
    (tmp_path / "tin.txt").write_text("Tin một.\n\nTin hai.\n\nTin ba.\n", encoding="utf-8")
    (tmp_path / "le-hoi.txt").write_text("Lễ hội mở màn.\n\nCâu hai.\n\nNgười dân vui.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        import_files(project, [tmp_path / "tin.txt"])
        import_files(project, [tmp_path / "le-hoi.txt"])
    return tmp_path / "p.wbp"


@pytest.fixture
def editor(path: Path) -> AppContext:
    return AppContext(Settings(user_name="Chị Hoa", role="editor"), path.parent / "shared.db")


def _id(path: Path, document: str, number: int) -> int:
    with Project.open(path, read_only=True) as project:
        doc = project.document(document)
        assert doc is not None
        row = project.connection.execute(
            "SELECT id FROM segments WHERE document_id = ? AND position = ?", (doc.id, number - 1)
        ).fetchone()
        return int(row[0])


def _translate(path: Path, segment_id: int, text: str = "បកប្រែ។", status: Status = Status.TRANSLATED) -> None:
    with Project.open(path) as project:
        project.save_translation(segment_id, "km", text, status, Origin.HUMAN, "Dara")


def _cli(context: AppContext, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli_main(list(args), context)
    out, err = capsys.readouterr()
    return code, out, err


def test_send_back_names_the_label_in_its_error_and_says_when_it_was_sent_back_already(
    path: Path, editor: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    second = _id(path, "le-hoi.txt", 2)
    assert second != 2
    code, _out, err = _cli(editor, capsys, "send-back", str(path), "le-hoi.txt #2", "--to", "km", "--comment", "x")
    assert code == 2 and "le-hoi.txt #2 has no text in km to send back" in err and f"segment {second}" not in err
    _translate(path, second)
    code, out, _err = _cli(editor, capsys, "send-back", str(path), "le-hoi.txt #2", "--to", "km", "--comment", "sai")
    assert code == 0 and "le-hoi.txt #2 (km) sent back: sai" in out and "already" not in out
    with Project.open(path, read_only=True) as project:
        revisions = project.connection.execute("SELECT count(*) FROM revisions").fetchone()[0]
    # the same again: a note, and nothing written (no second revision saying the same)
    code, out, _err = _cli(editor, capsys, "send-back", str(path), "le-hoi.txt #2", "--to", "km", "--comment", "sai")
    assert code == 0 and "note: le-hoi.txt #2 (km) was already sent back with this comment; nothing changed" in out
    with Project.open(path, read_only=True) as project:
        assert project.connection.execute("SELECT count(*) FROM revisions").fetchone()[0] == revisions
    # another reason: the translator reads the newest one, and the editor hears it replaced the first
    code, out, _err = _cli(
        editor, capsys, "send-back", str(path), "le-hoi.txt #2", "--to", "km", "--comment", "thiếu dấu chấm"
    )
    assert code == 0 and "note: le-hoi.txt #2 (km) was already sent back ('sai')" in out
    assert "its comment is now: thiếu dấu chấm" in out and f"segment {second}" not in out
    with Project.open(path, read_only=True) as project:
        row = project.connection.execute(
            "SELECT text FROM comments WHERE segment_id = ? AND language = 'km'", (second,)
        ).fetchone()
        assert row[0] == "thiếu dấu chấm"
        assert project.segment(second).translations["km"].status is Status.NEEDS_WORK


def test_mark_says_the_label_only(path: Path, editor: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    second = _id(path, "le-hoi.txt", 2)
    code, out, _err = _cli(editor, capsys, "mark", str(path), "le-hoi.txt #2", "--skip", "a caption")
    assert code == 0 and out.strip() == "le-hoi.txt #2: not for translation (a caption)"
    code, out, _err = _cli(editor, capsys, "mark", str(path), str(second), "--translate")
    assert code == 0 and out.strip() == "le-hoi.txt #2: to translate"


def test_approve_segments_says_why_each_was_not_approved_by_its_label(
    path: Path, editor: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, third = (_id(path, "le-hoi.txt", n) for n in (1, 2, 3))
    _translate(path, first)
    _translate(path, third, status=Status.DRAFT)
    with Project.open(path) as project:
        project.set_translatable(second, False, "a byline")
    code, out, _err = _cli(
        editor, capsys, "approve", str(path), "--to", "km", "--segments", "le-hoi.txt #1,le-hoi.txt #2,le-hoi.txt #3"
    )
    assert code == 1 and "1 segment approved in km" in out
    assert "not approved: le-hoi.txt #2: not for translation" in out
    assert "not approved: le-hoi.txt #3: draft: only text a person confirmed is approved" in out
    assert f"segment {second}" not in out and f"segment {third}" not in out
    code, out, _err = _cli(editor, capsys, "approve", str(path), "--to", "km", "--segments", "le-hoi.txt #1")
    assert "not approved: le-hoi.txt #1: already approved" in out and f"segment {first}" not in out
    code, out, _err = _cli(
        editor, capsys, "approve", str(path), "--to", "km", "--document", "tin.txt", "--segments", "le-hoi.txt #1"
    )
    assert "not approved: le-hoi.txt #1: not in the document asked for" in out


def test_merge_plan_lines_and_a_wrong_take_name_segments_by_label(
    path: Path, editor: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [_id(path, "tin.txt", n) for n in (1, 2, 3)] + [_id(path, "le-hoi.txt", n) for n in (1, 2, 3)]
    _translate(path, ids[4], "ចាស់។", Status.APPROVED)  # le-hoi.txt #2 approved here: the file's text conflicts
    with Project.open(path, read_only=True) as project:
        returned = returned_xliff(project, path.parent, ["មួយ។", "ពីរ។", "បី។", "បុណ្យ។", "ថ្មី។", "សប្បាយ។"])
    code, out, _err = _cli(editor, capsys, "merge", str(path), str(returned), "--to", "km", "--dry-run")
    assert code == 0
    assert "conflict: le-hoi.txt #2 (matched by id)" in out and "update: le-hoi.txt #3 (matched by id)" in out
    assert "update: tin.txt #1 (matched by id)" in out
    assert not any(f"segment {i}" in out for i in ids)
    code, _out, err = _cli(editor, capsys, "merge", str(path), str(returned), "--to", "km", "--take", "tin.txt #2")
    assert code == 2
    assert "returned.xlf: tin.txt #2 is not a conflict of this merge (its conflicts: le-hoi.txt #2)" in err
    with Project.open(path, read_only=True) as project:
        assert project.segment(ids[0]).translations["km"].text == ""  # nothing was merged
    code, out, _err = _cli(editor, capsys, "merge", str(path), str(returned), "--to", "km")
    assert code == 0 and "5 segments written; 1 conflict left as they are" in out
    assert "(resolve with --take 'le-hoi.txt #2' or --take all)" in out
    code, out, _err = _cli(editor, capsys, "merge", str(path), str(returned), "--to", "km", "--take", "le-hoi.txt #2")
    with Project.open(path, read_only=True) as project:
        assert code == 0 and project.segment(ids[4]).translations["km"].text == "ថ្មី។"


def test_a_concordance_without_marks_that_finds_nothing_points_to_diacritic_blind(
    path: Path, editor: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _cli(editor, capsys, "concordance", str(path), "le hoi mo man")
    assert code == 0 and "no occurrence of 'le hoi mo man'" in out and "--diacritic-blind" in out
    code, out, _err = _cli(editor, capsys, "concordance", str(path), "le hoi mo man", "--diacritic-blind")
    assert code == 0 and "le-hoi.txt #1" in out
    # typed with its marks, a query that finds nothing has no such advice: the marks were meant
    code, out, _err = _cli(editor, capsys, "concordance", str(path), "lễ hội đêm")
    assert code == 0 and "no occurrence" in out and "--diacritic-blind" not in out


def test_check_ignore_by_id_says_which_segment_by_its_label(
    path: Path, editor: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    second = _id(path, "le-hoi.txt", 2)
    code, out, _err = _cli(
        editor, capsys, "check", str(path), "--ignore", f"{second}:km:untranslated", "--reason", "a name only"
    )
    assert code == 0 and out.strip() == "ignored untranslated on le-hoi.txt #2 (km): a name only"
