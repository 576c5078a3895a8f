"""Translation memory, glossary and quality checks in the core, and their CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.glossary import (
    Term,
    TermFinder,
    add_term,
    read_glossary_csv,
    read_glossary_tbx,
    terms,
    write_glossary_csv,
    write_glossary_tbx,
)
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.project_memory import Memories, prefill_from_memory
from workbench.core.memory.tmx import read_tmx, write_tmx
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory, add_unit
from workbench.core.qa.checks import CHECKS, Severity, Subject, check_subject
from workbench.core.qa.project_run import check_project, ignore_problem
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

PLAN = "Kế hoạch số 720/KH-UBND của Ủy ban nhân dân tỉnh về văn hóa đối ngoại."


def test_matching_folds_case_spacing_and_tone_placement_but_keeps_diacritics() -> None:
    assert normalize_for_matching("Hòa  Bình") == normalize_for_matching("hoà bình")
    assert normalize_for_matching("thủy lợi") == normalize_for_matching("thuỷ lợi")
    assert normalize_for_matching("của") == "của"  # not a syllable with two spellings
    assert normalize_for_matching("hòa") != normalize_for_matching("hoa")


def test_a_confirmed_segment_is_found_again_exactly_and_fuzzily(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(
        PLAN + "\n\nKế hoạch số 720/KH-UBND của Ủy ban nhân dân tỉnh về văn hoá đối ngoại năm nay.\n", encoding="utf-8"
    )
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        first, second = project.segment_ids()
        project.save_translation(
            first, "en", "Plan 720/KH-UBND on cultural diplomacy.", Status.TRANSLATED, Origin.HUMAN, "Lan"
        )
        memories = Memories(project)
        exact = memories.lookup(PLAN.upper(), "en")
        assert exact[0].score == 100 and exact[0].unit.target == "Plan 720/KH-UBND on cultural diplomacy."
        fuzzy = memories.lookup(project.segment(second).source, "en")
        assert 75 <= fuzzy[0].score < 100 and fuzzy[0].memory == "project"
        shown = fuzzy[0].describe_differences()
        assert "năm nay" in shown.split("{+")[-1] and "hóa" not in shown  # hoá/hòa placement is no difference
        assert memories.lookup("Một câu hoàn toàn khác về du lịch.", "en") == []
        assert memories.lookup(PLAN, "km") == []


def test_hundred_percent_matches_prefill_drafts_and_never_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(f"{PLAN}\n\n{PLAN}\n\nCâu khác.\n", encoding="utf-8")
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([MemoryUnit(PLAN, "ផែនការលេខ 720/KH-UBND", "km", origin="old project")], "2026-01-01")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        ids = project.segment_ids()
        project.save_translation(ids[1], "km", "mine", Status.DRAFT, Origin.HUMAN, "Dara")
        filled = prefill_from_memory(project, Memories(project, shared), "km")
        assert filled == [ids[0]]
        draft = project.segment(ids[0]).translations["km"]
        assert (draft.text, draft.status, draft.origin, draft.origin_detail) == (
            "ផែនការលេខ 720/KH-UBND", Status.DRAFT, Origin.TM, "shared memory",
        )  # fmt: skip
        assert project.segment(ids[1]).translations["km"].text == "mine"
    shared.close()


def test_prefill_takes_the_match_the_fuzzy_lookup_ranked_first_and_never_a_99_percent_one(tmp_path: Path) -> None:
    """The prefill asks the memories by key alone; for every segment it drafts what lookup(threshold=100)
    put first: the project's memory before the shared one, the oldest unit, the first of units as old."""
    both = "Hội nghị tổng kết công tác văn hóa đối ngoại năm 2025 của Ủy ban nhân dân tỉnh."
    shared_only = "Sở Văn hóa, Thể thao và Du lịch tổ chức lễ hội mùa xuân tại quảng trường trung tâm."
    folded = "Công trình thủy lợi Hòa Bình được khánh thành vào sáng nay."
    near = (
        "Ban chỉ đạo tỉnh đã họp để đánh giá kết quả thực hiện kế hoạch phát triển kinh tế xã hội và "
        "định hướng nhiệm vụ năm 2025."
    )
    alone = "Một câu không có trong bộ nhớ nào."
    written = [both, shared_only, folded.upper().replace("THỦY", "THUỶ").replace("HÒA", "HOÀ"), near, alone]
    source = tmp_path / "a.txt"
    source.write_text("\n\n".join(written) + "\n", encoding="utf-8")
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([MemoryUnit(both, "shared, oldest of all", "km", created_at="2020-01-01")], "x")
    shared.add([MemoryUnit(shared_only, text, "km", created_at=when) for text, when in (
        ("shared, newer", "2025-06-01"), ("shared, tie 1", "2024-05-05"), ("shared, tie 2", "2024-05-05"),
    )], "x")  # fmt: skip
    shared.add([MemoryUnit(near.replace("2025", "2026"), "a 99 % match", "km", created_at="2020-01-01")], "x")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        ids = project.segment_ids()
        with project.transaction() as db:
            for unit in (
                MemoryUnit(both, "project, newer", "km", created_at="2025-03-01"),
                MemoryUnit(both, "project, older", "km", created_at="2024-01-01"),
                MemoryUnit(folded, "project, tie 1", "km", created_at="2024-02-02"),
                MemoryUnit(folded, "project, tie 2", "km", created_at="2024-02-02"),
            ):
                add_unit(db, unit, "x")
        memories = Memories(project, shared)
        fuzzy: dict[int, tuple[str, str]] = {}
        for segment in project.segments_by_ids(ids):
            first = memories.lookup(segment.source, "km", threshold=100, limit=1)
            if first and first[0].score == 100:
                fuzzy[segment.id] = (first[0].unit.target, f"{first[0].memory} memory")
        assert fuzzy[ids[0]] == ("project, older", "project memory")  # the project's own beats an older shared one
        assert fuzzy[ids[1]][0] in ("shared, tie 1", "shared, tie 2")
        assert fuzzy[ids[2]][0] in ("project, tie 1", "project, tie 2")  # upper case, another tone placement
        assert [m.score for m in memories.lookup(near, "km")] == [99]
        filled = prefill_from_memory(project, Memories(project, shared), "km")
        assert filled == sorted(fuzzy) == ids[:3]
        drafts = {s.id: s.translations["km"] for s in project.segments_by_ids(ids)}
        assert {i: (d.text, d.origin_detail) for i, d in drafts.items() if d.text} == fuzzy
        assert {drafts[i].status for i in fuzzy} == {Status.DRAFT}
        assert drafts[ids[3]].status is drafts[ids[4]].status is Status.UNTRANSLATED  # 99 %: left to the model
    shared.close()


def test_tmx_round_trip_and_hostile_files_are_refused(tmp_path: Path) -> None:
    units = [
        MemoryUnit(PLAN, "Plan 720.", "en"),
        MemoryUnit(PLAN, "ផែនការ 720។", "km"),
        MemoryUnit("Câu hai.", "Two.", "en"),
    ]
    path = tmp_path / "out.tmx"
    assert write_tmx(path, units) == 2
    again = read_tmx(path)
    assert sorted((u.source, u.target_language, u.target) for u in again) == sorted(
        (u.source, u.target_language, u.target) for u in units
    )
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><tmx version="1.4"><body/></tmx>'
    )
    with pytest.raises(ImportProblem, match=r"bomb\.tmx.*entities"):
        read_tmx(bomb)
    wrong = tmp_path / "en.tmx"
    wrong.write_text(
        '<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>'
    )
    with pytest.raises(ImportProblem, match="source language 'en'"):
        read_tmx(wrong)
    not_tmx = tmp_path / "x.tmx"
    not_tmx.write_bytes(b"\x00\x01binary")
    with pytest.raises(ImportProblem, match=r"x\.tmx"):
        read_tmx(not_tmx)


def test_glossary_terms_are_found_longest_first_and_round_trip_through_csv_and_tbx(
    project: Project, tmp_path: Path
) -> None:
    add_term(project, Term("Ủy ban nhân dân tỉnh", {"en": "Provincial People's Committee", "km": "គណៈកម្មាធិការប្រជាជនខេត្ត"},
                           {"en": ("People's Committee of the province",)}, "official name"))  # fmt: skip
    add_term(project, Term("Ủy ban", {"en": "Committee"}))
    finder = TermFinder(terms(project))
    found = finder.find("Theo UỶ BAN NHÂN DÂN TỈNH An Giang")
    assert [f.term.source for f in found] == ["Ủy ban nhân dân tỉnh"]
    for name, write, read in (
        ("g.csv", write_glossary_csv, read_glossary_csv),
        ("g.tbx", write_glossary_tbx, read_glossary_tbx),
    ):
        write(tmp_path / name, terms(project))
        back = {t.source: t for t in read(tmp_path / name)}
        assert back["Ủy ban nhân dân tỉnh"].targets["km"] == "គណៈកម្មាធិការប្រជាជនខេត្ត"
        assert back["Ủy ban nhân dân tỉnh"].forbidden["en"] == ("People's Committee of the province",)
        assert back["Ủy ban nhân dân tỉnh"].note == "official name"


def _problems(source: str, target: str, language: str = "en", **kwargs: object) -> set[str]:
    from workbench.core.language.protected_spans import find_protected_spans

    subject = Subject(source, target, language, kwargs.pop("status", Status.TRANSLATED), kwargs.pop("origin", Origin.HUMAN),  # type: ignore[arg-type]
                      tuple(find_protected_spans(source)), kwargs.pop("terms", ()))  # type: ignore[arg-type]  # fmt: skip
    return {p.check_id for p in check_subject(subject)}


def test_there_are_at_least_twenty_checks_each_with_id_severity_and_languages() -> None:
    assert len(CHECKS) >= 20 and len({c.id for c in CHECKS}) == len(CHECKS)
    assert all(c.severity in ("error", "warning", "info") and c.languages and c.description for c in CHECKS)
    assert "repeated-word" not in {c.id for c in CHECKS if "km" in c.languages}


def test_a_findings_severity_reads_and_prints_as_the_word_reports_have_always_shown() -> None:
    import json

    (problem,) = [p for p in check_subject(Subject("Có 12 hộ.", "There are households.", "en", Status.TRANSLATED,
                                                   Origin.HUMAN)) if p.check_id == "number-missing"]  # fmt: skip
    assert problem.severity is Severity.ERROR and problem.severity == "error"
    assert f"{problem.severity}" == "error" and json.dumps({"severity": problem.severity}) == '{"severity": "error"}'
    assert [s.value for s in Severity] == ["error", "warning", "info"]


def test_checks_find_what_a_translator_would_miss() -> None:
    source = "Ngày 07/06/2023, tỉnh có 9.889 hộ theo Chỉ thị 25/CT-TTg (xem sotttt.angiang.gov.vn)."
    good = "On 7 June 2023 the province had 9,889 households under Directive 25/CT-TTg (see sotttt.angiang.gov.vn)."
    assert _problems(source, good) == set()
    assert {"number-missing", "code-missing"} <= _problems(
        source, good.replace("9,889", "9,898").replace("25/CT-TTg", "25/CT")
    )
    assert "url-missing" in _problems(source, good.replace("sotttt.angiang.gov.vn", "the website"))
    assert "end-punctuation" not in _problems("Tỉnh An Giang.", "ខេត្តអានយ៉ាង។", "km")
    km_digits = "ខេត្តមាន ៩៨៨៩ គ្រួសារ។"
    assert "number-missing" not in _problems("Tỉnh có 9889 hộ.", km_digits, "km")
    assert "vietnamese-left" in _problems("Tỉnh có nhiều cảnh đẹp.", "The province có nhiều cảnh đẹp.")
    assert "vietnamese-left" not in _problems("Tỉnh Đồng Tháp.", "Dong Thap province.")
    assert "same-as-source" in _problems("Tỉnh An Giang.", "Tỉnh An Giang.")
    assert "repeated-word" in _problems("Một hai.", "One the the two.")
    assert "brackets" in _problems("Câu (một).", "Sentence (one.")
    assert "double-space" in _problems("Câu một.", "Sentence  one.")
    assert "no-khmer" in _problems("Câu một.", "Sentence one.", "km")
    assert "invisible-characters" in _problems("Câu một.", "Sentence\u200b one.")
    assert "unedited-mt-approved" in _problems("Câu một.", "Sentence one.", status=Status.APPROVED, origin=Origin.MT)
    assert "untranslated" in _problems("Câu một.", "", status=Status.UNTRANSLATED)


def test_project_checks_use_the_glossary_find_inconsistencies_and_respect_ignored_findings(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(f"{PLAN}\n\n{PLAN.replace('hóa', 'hoá')}\n", encoding="utf-8")  # the same for a translator
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]) as project:
        project.store_document(prepare_import(source))
        add_term(
            project,
            Term(
                "Ủy ban nhân dân tỉnh",
                {"en": "Provincial People's Committee"},
                {"en": ("People's Committee of the province",)},
            ),
        )
        first, second = project.segment_ids()
        project.save_translation(
            first,
            "en",
            "Plan 720/KH-UBND of the People's Committee of the province on cultural diplomacy.",
            Status.TRANSLATED,
            Origin.HUMAN,
            "a",
        )
        project.save_translation(
            second,
            "en",
            "Plan 720/KH-UBND of the Provincial People's Committee on cultural diplomacy.",
            Status.TRANSLATED,
            Origin.HUMAN,
            "a",
        )
        found = {(p.segment_id, p.check_id) for p in check_project(project)}
        assert {
            (first, "forbidden-term"),
            (first, "term-not-used"),
            (first, "inconsistent-translation"),
            (second, "inconsistent-translation"),
        } <= found
        assert (second, "term-not-used") not in found
        ignore_problem(project, second, "en", "inconsistent-translation", "the second is the correct one", "editor")
        assert (second, "inconsistent-translation") not in {(p.segment_id, p.check_id) for p in check_project(project)}
        with pytest.raises(WorkbenchError, match="say why"):
            ignore_problem(project, first, "en", "forbidden-term", " ", "editor")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_cli_check_lists_checks_and_exits_1_on_errors_and_tm_glossary_commands(tmp_path: Path) -> None:
    listed = _run("check", "--list", cwd=tmp_path)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == len(CHECKS)
    assert listed.stdout.splitlines()[0].split("\t")[:3] == ["untranslated", "warning", "en,km"]
    source = tmp_path / "a.txt"
    source.write_text(PLAN + "\n", encoding="utf-8")
    assert _run("new", "p.wbp", "--source", "vi", "--targets", "en", cwd=tmp_path).returncode == 0
    assert _run("import", "p.wbp", str(source), cwd=tmp_path).returncode == 0
    with Project.open(tmp_path / "p.wbp") as project:
        project.save_translation(
            project.segment_ids()[0], "en", "Plan 721/KH-UBND.", Status.TRANSLATED, Origin.HUMAN, "a"
        )
    checked = _run("check", "p.wbp", "--to", "en", cwd=tmp_path)
    assert checked.returncode == 1 and "code-missing" in checked.stdout and "1 errors" in checked.stdout
    assert (
        _run(
            "glossary", "add", "p.wbp", "Ủy ban nhân dân tỉnh", "--en", "Provincial People's Committee", cwd=tmp_path
        ).returncode
        == 0
    )
    assert "Provincial People's Committee" in _run("glossary", "list", "p.wbp", cwd=tmp_path).stdout
    segment_id = str(Project.open(tmp_path / "p.wbp", read_only=True).segment_ids()[0])
    ignored = _run(
        "check", "p.wbp", "--ignore", f"{segment_id}:en:code-missing", "--reason", "renumbered plan", cwd=tmp_path
    )
    assert ignored.returncode == 0, ignored.stderr
    assert "code-missing" not in _run("check", "p.wbp", "--to", "en", cwd=tmp_path).stdout
    refused = _run("check", "p.wbp", "--ignore", f"{segment_id}:en:code-missing", cwd=tmp_path)
    assert refused.returncode == 2 and "say why" in refused.stderr
    assert _run("tm", "export", "out.tmx", "--project", "p.wbp", cwd=tmp_path).returncode == 0
    assert "Plan 721/KH-UBND." in (tmp_path / "out.tmx").read_text(encoding="utf-8")


def test_a_large_project_is_checked_by_forked_workers_with_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.core.qa import project_run

    source = tmp_path / "a.txt"
    lines = [f"Kế hoạch số {n}/KH-UBND của Ủy ban nhân dân tỉnh ({n + 500} hộ)." for n in range(1, 41)]
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        add_term(project, Term("Ủy ban nhân dân tỉnh", {"en": "Provincial People's Committee"}))
        for number, segment_id in enumerate(project.segment_ids(), start=1):
            text = (
                f"Plan {number}/KH-UBND ({number + 500 + number % 3} households)" if number % 2 else f"Plan {number}."
            )
            project.save_translation(segment_id, "en", text, Status.TRANSLATED, Origin.HUMAN, "a")
        serial = sorted(check_project(project))
        monkeypatch.setattr(project_run, "PARALLEL_FROM", 1)
        parallel = sorted(check_project(project))
    assert parallel == serial and len(serial) > 40
    assert {p.check_id for p in serial} >= {"code-missing", "number-missing", "term-not-used", "untranslated"}


def test_a_month_given_by_name_is_not_a_missing_number() -> None:
    source = "Lễ hội được tổ chức vào tháng 4 và tháng 12 hằng năm."
    assert "number-missing" not in _problems(source, "The festival is held in April and December every year.")
    assert "number-missing" not in _problems(source, "ពិធីបុណ្យនេះប្រារព្ធឡើងនៅខែមេសា និងខែធ្នូ ជារៀងរាល់ឆ្នាំ។", "km")
    # The wrong month, or a month left out, is still found; a month name alone is no number.
    assert "number-missing" in _problems(source, "The festival is held in May and December every year.")
    assert "number-missing" in _problems("Có 4 đội tham gia.", "April teams take part.")
