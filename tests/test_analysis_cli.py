"""`analyze`: the figures an office plans a job with, as a table, as JSON for a script and as CSV for a
spreadsheet (read back with the csv module), against the user's shared memory."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.memory.translation_memory import MemoryUnit
from workbench.core.store.project_store import Project

KNOWN = "Núi Cấm là điểm du lịch nổi tiếng của tỉnh An Giang."
NEAR = "Lễ hội Ok Om Bok của đồng bào Khmer diễn ra vào rằm tháng mười âm lịch hằng năm tại Sóc Trăng."
NEAR_UNIT = "Lễ hội Ok Om Bok của đồng bào Khmer diễn ra vào rằm tháng mười âm lịch tại Trà Vinh."
NEW = "Rừng tràm Trà Sư vào mùa nước nổi."


@pytest.fixture
def wbp(tmp_path: Path, app_context: AppContext) -> Path:
    path = tmp_path / "angiang.wbp"
    (tmp_path / "bai.txt").write_text("\n\n".join([KNOWN, NEAR, NEW, KNOWN]), encoding="utf-8")
    (tmp_path / "tin.txt").write_text(NEW, encoding="utf-8")
    with Project.create(path, "angiang", "vi", ["en", "km"]) as project:
        import_files(project, [tmp_path / "bai.txt", tmp_path / "tin.txt"])
    shared = app_context.open_shared_memory()
    shared.add([MemoryUnit(KNOWN, "Cam Mountain", "en"), MemoryUnit(NEAR_UNIT, "Ok Om Bok", "en")], "2026-01-01")
    shared.close()
    return path


def run(context: AppContext, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli_main(["analyze", *args], context)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_gives_bands_per_language_and_repetitions(
    wbp: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(app_context, capsys, str(wbp), "--json")
    assert code == 0
    found = json.loads(out)
    assert found["target_languages"] == ["en", "km"]
    assert [d["document"] for d in found["documents"]] == ["bai.txt", "tin.txt"]
    total = found["total"]
    assert total["segments"]["segments"] == 5
    assert total["repetitions"]["segments"] == 2  # KNOWN again in bai.txt, NEW again in tin.txt
    en = total["languages"]["en"]["bands"]
    assert (en["100"]["segments"], en["85-94"]["segments"], en["none"]["segments"]) == (1, 1, 1)
    assert en["100"]["words"] == len(KNOWN.split())
    assert total["languages"]["km"]["bands"]["none"]["segments"] == 3  # the memory has no Khmer


def test_csv_file_reads_back_in_a_spreadsheet_encoding(
    wbp: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "analysis.csv"
    code, out, _ = run(app_context, capsys, str(wbp), "--to", "en", "--csv", str(target))
    assert code == 0 and str(target) in out
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    by_key = {(r["document"], r["language"], r["category"]): r for r in rows}
    assert int(by_key[("Total", "en", "100")]["words"]) == len(KNOWN.split())
    assert int(by_key[("bai.txt", "", "repetitions")]["segments"]) == 1
    assert int(by_key[("Total", "", "all")]["characters"]) == 2 * len(KNOWN) + len(NEAR) + 2 * len(NEW)
    assert {r["language"] for r in rows} == {"", "en"}  # --to en: no Khmer lines


def test_csv_to_stdout_without_bom_and_one_document(
    wbp: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(app_context, capsys, str(wbp), "--document", "tin.txt", "--csv")
    assert code == 0 and not out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["document"] for r in rows} == {"tin.txt", "Total"}


def test_the_table_and_bad_input(wbp: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(app_context, capsys, str(wbp))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("angiang: vi -> en, km; 5 segments")
    header = next(line for line in lines if "no match" in line).split()
    total = next(line for line in lines if line.strip().startswith("Total")).split()
    assert total[1 + header.index("100")] == str(len(KNOWN.split()))
    code, _, err = run(app_context, capsys, str(wbp), "--to", "fr")
    assert code != 0 and "fr" in err
    code, _, err = run(app_context, capsys, str(wbp), "--document", "nope.txt")
    assert code != 0 and "nope.txt" in err
    code, _, err = run(app_context, capsys, str(wbp), "--csv", str(wbp))
    assert code != 0 and "project file" in err
