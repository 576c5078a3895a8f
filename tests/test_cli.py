"""The headless commands a script or an acceptance check runs, with their exit codes."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_new_import_segments_stats(tmp_path: Path, article_path: Path) -> None:
    assert run("new", "angiang.wbp", "--source", "vi", "--targets", "en,km", cwd=tmp_path).returncode == 0
    imported = run("import", "angiang.wbp", str(article_path), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "soc-trang-article-vi.txt: new document, 37 segments (18 not for translation)" in imported.stdout
    listed = run("segments", "angiang.wbp", "--status", "untranslated", "--to", "km", "--json", cwd=tmp_path)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 19  # the work left: text marked not for translation is not listed, as stats counts it
    assert all(row["translatable"] for row in rows)
    assert rows[0]["translations"]["km"]["status"] == "untranslated"
    assert ["date", "15/11/2024"] in rows[1]["protected"]
    text_listing = run(
        "segments", "angiang.wbp", "--document", "soc-trang-article-vi.txt", "--limit", "3", cwd=tmp_path
    )
    assert len(text_listing.stdout.splitlines()) == 3
    assert "not for translation: menu or site banner" in text_listing.stdout
    stats = run("stats", "angiang.wbp", "--json", cwd=tmp_path)
    (doc,) = json.loads(stats.stdout)
    assert doc["segments"] == 37 and doc["not_translatable"] == 18
    assert doc["languages"]["en"]["by_status"]["untranslated"] == 19
    assert "1 document\n" in run("stats", "angiang.wbp", cwd=tmp_path).stdout


def test_bad_files_exit_non_zero_and_name_the_file(tmp_path: Path) -> None:
    run("new", "p.wbp", cwd=tmp_path)
    (tmp_path / "ok.txt").write_text("Câu một.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    result = run("import", "p.wbp", "ok.txt", "bad.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.txt: is not a text file" in result.stderr
    assert "ok.txt: new document, 1 segment (0 not for translation)" in result.stdout
    assert "Traceback" not in result.stderr


def test_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    missing = run("stats", "nowhere.wbp", cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere.wbp does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
    run("new", "p.wbp", cwd=tmp_path)
    again = run("new", "p.wbp", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_preview_changes_nothing(tmp_path: Path, article_path: Path) -> None:
    run("new", "p.wbp", cwd=tmp_path)
    preview = run("import", "p.wbp", str(article_path), "--preview", cwd=tmp_path)
    assert preview.returncode == 0
    assert "encoding utf-8, 37 segments" in preview.stdout
    assert "[photo caption]" in preview.stdout
    assert run("segments", "p.wbp", cwd=tmp_path).stdout == ""


def test_mark_flips_the_translation_flag(tmp_path: Path, article_path: Path) -> None:
    run("new", "p.wbp", cwd=tmp_path)
    run("import", "p.wbp", str(article_path), cwd=tmp_path)
    marked = run("mark", "p.wbp", "25", "--translate", cwd=tmp_path)
    assert marked.returncode == 0 and marked.stdout.strip() == f"{article_path.name} #25: to translate"
    rows = [json.loads(x) for x in run("segments", "p.wbp", "--json", cwd=tmp_path).stdout.splitlines()]
    assert rows[24]["source"] == "Minh Khang" and rows[24]["translatable"] is True


def test_a_listing_piped_into_head_stops_quietly(tmp_path: Path, article_path: Path) -> None:
    """`segments P | head -1`: the reader goes away after one line; no BrokenPipeError traceback."""
    run("new", "p.wbp", cwd=tmp_path)
    for i in range(20):  # more than a pipe holds, so the writer meets the closed pipe
        (tmp_path / f"bai-{i}.txt").write_text(article_path.read_text(encoding="utf-8"), encoding="utf-8")
    run("import", "p.wbp", *[f"bai-{i}.txt" for i in range(20)], cwd=tmp_path)
    for command in (["segments", "p.wbp"], ["models", "list"]):
        listing = subprocess.Popen(
            [sys.executable, str(REPO / "main.py"), *command],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert listing.stdout is not None and listing.stderr is not None
        listing.stdout.close()  # what `head` does once it has its lines
        errors = listing.stderr.read().decode()
        listing.wait(timeout=60)
        assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


def _figure(pattern: str, text: str) -> list[float]:
    """The numbers of a line of figures; each is finite and not negative."""
    found = re.search(pattern, text)
    assert found, (pattern, text)
    numbers = [float(group) for group in found.groups()]
    assert all(math.isfinite(n) and n >= 0 for n in numbers), (pattern, numbers)
    return numbers


def test_bench_prints_figures(tmp_path: Path) -> None:
    result = run("bench", "project", "--megabytes", "0.2", "--segments", "2000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    megabytes, imported = _figure(r"import ([\d.]+) MB of Vietnamese text: (\d+) segments", out)
    assert megabytes == 0.2 and imported > 0
    parse_s, parse_rate = _figure(r"decode\+segment: +([\d.]+) s \(cpu [\d.]+ s\) = ([\d.]+) MB/s", out)
    store_s, store_rate = _figure(r"with storing: +([\d.]+) s = ([\d.]+) MB/s", out)
    assert parse_rate > 0 and store_rate > 0
    assert store_s >= parse_s and store_rate <= parse_rate  # storing comes on top of decoding
    for seconds, rate in ((parse_s, parse_rate), (store_s, store_rate)):  # MB/s is the megabytes over the time,
        assert rate * max(seconds - 0.005, 0) <= megabytes + 0.05  # up to the rounding of both to the last digit
        assert rate * (seconds + 0.005) >= megabytes - 0.05
    segments, on_disk = _figure(r"project of (\d+) segments \(([\d.]+) MB on disk\)", out)
    assert segments == 2000 and on_disk > 0  # the size asked for
    opened, read, middle = _figure(r"open: ([\d.]+) ms; read (\d+) segments from the middle: ([\d.]+) ms", out)
    assert read == 100
    (both,) = _figure(r"open \+ read: ([\d.]+) ms", out)
    assert both > 0 and abs(both - (opened + middle)) <= 0.15  # the sum, up to rounding to 0.1 ms


def test_grid_bench_prints_figures(tmp_path: Path) -> None:
    result = run("bench", "grid", "--segments", "2000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    segments, columns = _figure(r"grid over (\d+) segments, (\d+) columns", out)
    assert (segments, columns) == (2000, 4)
    (opened,) = _figure(r"open project \+ build the model: ([\d.]+) ms", out)
    rows, roles, first = _figure(
        r"data\(\) pass over a visible page \((\d+) rows x (\d+) roles\): first ([\d.]+) ms", out
    )
    assert rows > 0 and roles > 0
    _figure(r"a page in the middle, not yet fetched: ([\d.]+) ms; again \(cached\): ([\d.]+) ms", out)
    (painted,) = _figure(r"project window open, first grid painted: ([\d.]+) ms", out)
    steps, median, worst = _figure(
        r"page-down through unread rows \((\d+) steps.*\): median ([\d.]+) ms, worst ([\d.]+) ms", out
    )
    assert steps > 0 and median <= worst
    assert opened > 0 and first > 0 and painted > 0


def test_settings_choose_a_model_per_language(tmp_path: Path) -> None:
    shown = run("settings", "--user", "Lan", "--role", "editor", "--model", "km=nllb-200-distilled-600M", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "user: Lan (editor)" in shown.stdout and "km=nllb-200-distilled-600M" in shown.stdout
    again = run("settings", cwd=tmp_path)
    assert "km=nllb-200-distilled-600M" in again.stdout  # remembered
    run("new", "p.wbp", cwd=tmp_path)
    refused = run("translate", "p.wbp", "--to", "km", cwd=tmp_path)
    assert "nllb-200-distilled-600M is not installed" in refused.stderr  # the choice is what translate uses
    cleared = run("settings", "--model", "km=", cwd=tmp_path)
    assert "catalogue defaults" in cleared.stdout
    bad = run("settings", "--model", "fr=x", cwd=tmp_path)
    assert bad.returncode == 2 and "LANG=NAME" in bad.stderr


def test_a_language_that_is_not_a_target_is_refused_not_read_as_nothing(tmp_path: Path, article_path: Path) -> None:
    run("new", "p.wbp", "--targets", "en,km,en", cwd=tmp_path)
    assert "vi -> en, km" in run("stats", "p.wbp", cwd=tmp_path).stdout  # a target given twice counts once
    run("import", "p.wbp", str(article_path), cwd=tmp_path)
    for command in (
        ["segments", "p.wbp", "--status", "untranslated", "--to", "fr"],
        ["report", "p.wbp", "--to", "fr"],
        ["tm", "lookup", "p.wbp", "Câu một.", "--to", "fr"],
        ["approve", "p.wbp", "--to", "fr", "--as", "editor"],
        ["export", "p.wbp", "--to", "fr", "--format", "po", "-o", "out.po"],
    ):
        refused = run(*command, cwd=tmp_path)
        assert refused.returncode == 2, command
        assert "fr is not a target language of p.wbp (its targets: en, km)" in refused.stderr, command
    both = run("report", "p.wbp", "--to", "en,km", cwd=tmp_path)
    assert both.returncode == 2 and "one target language at a time" in both.stderr


def test_approving_segments_by_id_says_why_some_were_not_approved(tmp_path: Path) -> None:
    run("new", "p.wbp", cwd=tmp_path)
    (tmp_path / "a.txt").write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    run("import", "p.wbp", "a.txt", cwd=tmp_path)
    done = run("approve", "p.wbp", "--to", "km", "--segments", "1,999", "--as", "editor", cwd=tmp_path)
    assert done.returncode == 1
    assert "0 segments approved in km" in done.stdout
    assert "not approved: a.txt #1: untranslated: only text a person confirmed is approved" in done.stdout
    assert "not approved: segment 999: there is no such segment in p.wbp" in done.stdout


def test_a_reimport_counts_what_the_user_marked_and_a_docx_has_no_encoding(tmp_path: Path) -> None:
    import docx

    run("new", "p.wbp", cwd=tmp_path)
    (tmp_path / "a.txt").write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    run("import", "p.wbp", "a.txt", cwd=tmp_path)
    run("mark", "p.wbp", "1", "--skip", "translated elsewhere", cwd=tmp_path)
    again = run("import", "p.wbp", "a.txt", cwd=tmp_path)
    assert "a.txt: updated: 2 unchanged, 0 changed, 0 added, 0 removed (1 not for translation)" in again.stdout
    document = docx.Document()
    document.add_paragraph("Câu ba.")
    document.save(str(tmp_path / "b.docx"))
    imported = run("import", "p.wbp", "b.docx", cwd=tmp_path)
    assert "b.docx: new document, 1 segment (0 not for translation); format docx\n" in imported.stdout


def test_choosing_a_model_that_does_not_exist_gets_a_note(tmp_path: Path) -> None:
    chosen = run("settings", "--model", "km=nllb-200-distiled-600M", cwd=tmp_path)
    assert chosen.returncode == 0
    assert "note: nllb-200-distiled-600M (km) is not installed and not in the model catalogue" in chosen.stdout
    known = run("settings", "--model", "km=nllb-200-distilled-600M", cwd=tmp_path)
    assert "note:" not in known.stdout


def test_segment_ids_that_cannot_be_ids_are_refused(tmp_path: Path) -> None:
    run("new", "p.wbp", cwd=tmp_path)
    for ids in ("99999999999999999999", "²", "-1", "4,x"):
        refused = run("approve", "p.wbp", "--to", "km", "--segments", ids, "--as", "editor", cwd=tmp_path)
        assert refused.returncode == 2 and "segment ids are numbers separated by commas" in refused.stderr, ids
        assert "Traceback" not in refused.stderr


def test_numbers_on_the_command_line_are_checked_before_anything_runs(tmp_path: Path) -> None:
    run("new", "p.wbp", cwd=tmp_path)
    for args, said in (
        (["segments", "p.wbp", "--limit", "-5"], "--limit: takes a whole number of 0 or more, not '-5'"),
        (["segments", "p.wbp", "--offset", "99999999999999999999999"], "--offset: takes a whole number of 0 or more"),
        (["mark", "p.wbp", "99999999999999999999999", "--translate"], "segment: takes a whole number of 1 or more"),
        (["translate", "p.wbp", "--to", "km", "--beam", "100000"], "--beam: takes a whole number from 1 to 16"),
        (["translate", "p.wbp", "--to", "km", "--beam", "0"], "--beam: takes a whole number from 1 to 16"),
        (["settings", "--beam", "-3"], "--beam: takes a whole number from 1 to 16"),
    ):
        refused = run(*args, cwd=tmp_path)
        assert refused.returncode == 2 and said in refused.stderr and "Traceback" not in refused.stderr, args


def test_ignoring_a_finding_names_what_is_wrong_with_the_request(tmp_path: Path) -> None:
    run("new", "p.wbp", cwd=tmp_path)
    (tmp_path / "a.txt").write_text("Câu một.\n", encoding="utf-8")
    run("import", "p.wbp", "a.txt", cwd=tmp_path)
    for ignore, said in (
        ("0:km:untranslated", "there is no segment 0 in p.wbp"),
        ("99999999999999999999999:km:untranslated", "segment ids are numbers"),
        ("1:fr:untranslated", "fr is not a target language of p.wbp"),
        ("1:km:nosuch", "no check is called 'nosuch'"),
        ("1-km", "--ignore takes SEGMENT:LANG:CHECK"),
    ):
        refused = run("check", "p.wbp", "--ignore", ignore, "--reason", "đúng", cwd=tmp_path)
        assert refused.returncode == 2 and said in refused.stderr and "Traceback" not in refused.stderr, ignore
    assert run("check", "p.wbp", "--ignore", "1:km:untranslated", "--reason", "đúng", cwd=tmp_path).returncode == 0


def test_a_command_works_with_the_settings_of_the_context_it_is_given(
    tmp_path: Path, private_settings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        import_files(project, [tmp_path / "a.txt"])
        first = project.segment_ids()[0]
        project.save_translation(first, "en", "Sentence one.", Status.TRANSLATED, Origin.HUMAN, "Dara")
    context = AppContext(Settings(user_name="Lan", role="editor"))  # the settings folder has no file

    assert cli_main(["settings"], context) == 0
    assert "user: Lan (editor)" in capsys.readouterr().out
    assert cli_main(["approve", str(tmp_path / "p.wbp"), "--to", "en"], context) == 0  # an editor, by the context
    assert "1 segment approved in en by Lan" in capsys.readouterr().out
    with Project.open(tmp_path / "p.wbp", read_only=True) as project:
        approved = project.segment(first).translations["en"]
    assert (approved.status, approved.author) == (Status.APPROVED, "Lan")
    assert not (private_settings / "settings.json").exists()  # nothing was read from or written to the file


def test_a_document_export_of_a_one_document_project_needs_no_document_name(tmp_path: Path, article_path: Path) -> None:
    run("new", "p.wbp", "--targets", "en", cwd=tmp_path)
    run("import", "p.wbp", str(article_path), cwd=tmp_path)
    written = run("export", "p.wbp", "--to", "en", "--format", "txt", "-o", "out.txt", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert "Sóc Trăng" in (tmp_path / "out.txt").read_text(encoding="utf-8")  # the source stands in
    (tmp_path / "second.txt").write_text("Câu thứ hai của tài liệu khác.\n", encoding="utf-8")
    run("import", "p.wbp", "second.txt", cwd=tmp_path)
    refused = run("export", "p.wbp", "--to", "en", "--format", "txt", "-o", "two.txt", cwd=tmp_path)
    assert refused.returncode != 0 and not (tmp_path / "two.txt").exists()
    assert "name it (--document); this project has soc-trang-article-vi.txt, second.txt" in refused.stderr
