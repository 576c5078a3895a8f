"""`concordance P "words"`: where each occurrence is, the source with the words marked, its translations;
`--to` keeps one language, `--json` gives the spans; a query of punctuation only is refused, nothing opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.memory.translation_memory import MemoryUnit
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project


@pytest.fixture
def wbp(tmp_path: Path, app_context: AppContext) -> Path:
    path = tmp_path / "doi-ngoai.wbp"
    (tmp_path / "bai.txt").write_text(
        "Văn hóa đối ngoại là trụ cột.\n\nTăng cường hợp tác kinh tế.\n", encoding="utf-8"
    )
    with Project.create(path, "p", "vi", ["en", "km"]) as project:
        import_files(project, [tmp_path / "bai.txt"])
        first = project.segment_ids()[0]
        project.save_translation(first, "km", "វប្បធម៌ការទូត", Status.TRANSLATED, Origin.HUMAN, "sokha")
    shared = app_context.open_shared_memory()
    shared.add(
        [
            MemoryUnit("Đẩy mạnh văn hóa đối ngoại.", "Promote cultural diplomacy.", "en"),
            MemoryUnit("Đẩy mạnh văn hóa đối ngoại.", "លើកកម្ពស់ការទូតវប្បធម៌", "km"),
        ],
        "2026-01-01T00:00:00+00:00",
    )
    shared.close()
    return path


def run(context: AppContext, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli_main(["concordance", *args], context)
    out, err = capsys.readouterr()
    return code, out, err


def test_each_hit_says_where_marks_the_words_and_shows_translations(
    wbp: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(app_context, capsys, str(wbp), "văn hóa đối ngoại")
    assert code == 0
    assert "2 hits" in out
    assert "bai.txt #1" in out and "  vi  «Văn hóa đối ngoại» là trụ cột." in out
    assert "  km  វប្បធម៌ការទូត (translated)" in out
    assert "shared memory" in out and "  vi  Đẩy mạnh «văn hóa đối ngoại»." in out
    assert "  en  Promote cultural diplomacy." in out
    assert out.index("bai.txt #1") < out.index("shared memory")  # newest first


def test_to_keeps_one_language_and_json_gives_the_spans(
    wbp: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(
        app_context, capsys, str(wbp), "van hoa doi ngoai", "--to", "en", "--diacritic-blind", "--json"
    )
    assert code == 0
    hits = json.loads(out)
    assert [(h["where"], h["translations"]) for h in hits] == [
        ("bai.txt #1", {}),
        ("shared memory", {"en": "Promote cultural diplomacy."}),
    ]
    assert hits[1]["spans"] == [[9, 26]] and hits[0]["segment_id"] is not None


def test_punctuation_is_ignored_and_said_so_and_a_query_of_it_only_is_refused(
    wbp: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(app_context, capsys, str(wbp), "kinh tế.*")
    assert code == 0 and "punctuation and symbols in a query are ignored" in out and "«kinh tế»" in out
    code, out, err = run(app_context, capsys, str(wbp), "[.*]")
    assert code != 0 and "no letters or digits" in err and out == ""
    code, _out, err = run(app_context, capsys, str(wbp), "văn", "--to", "fr")
    assert code != 0 and "fr" in err
    code, out, _err = run(app_context, capsys, str(wbp), "quokka")
    assert code == 0 and "no occurrence of 'quokka'" in out


def test_a_search_stopped_at_its_scan_limit_says_older_hits_were_not_searched(
    wbp: Path, app_context: AppContext, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.core.memory.concordance as concordance_module

    words = ["hòa", "thỏa", "khỏe", "thủy", "xòe"]  # 32 spellings (tone placements): words in any order
    shared = app_context.open_shared_memory()
    shared.add(
        [
            MemoryUnit(f"Câu {n}: " + " và ".join(words[n % 5 :] + words[: n % 5]) + ".", f"S {n}.", "en")
            for n in range(300)
        ],
        "2026-02-01T00:00:00+00:00",
    )
    shared.close()
    monkeypatch.setattr(concordance_module, "SCAN_LIMIT", 40)  # the 20,000 of a large memory, reached by 300
    code, out, _err = run(app_context, capsys, str(wbp), " ".join(words))
    assert code == 0 and "(scan limit reached: older hits not searched)" in out
    code, out, err = run(app_context, capsys, str(wbp), " ".join(words), "--json")
    assert code == 0 and json.loads(out) == [] and "note: scan limit reached: older hits not searched" in err
    code, out, _err = run(app_context, capsys, str(wbp), "văn hóa đối ngoại")
    assert code == 0 and "scan limit" not in out
