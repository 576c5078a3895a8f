"""The export report says what went out, what stands in for a missing translation, and in which language."""

from __future__ import annotations

from pathlib import Path

from workbench.core.exporting.export_formats import export, handoff
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project


def test_the_report_says_what_stands_in_for_a_missing_translation_and_names_its_language(tmp_path: Path) -> None:
    source = tmp_path / "tin.txt"
    source.write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        import_files(project, [source])
        first = project.segments()[0]
        for language in ("en", "km"):
            project.save_translation(first.id, language, f"{language} one.", Status.APPROVED, Origin.HUMAN, "Hoa")
        tmx = export(project, "tmx", ["en", "km"], tmp_path / "out.tmx")
        assert "  tin.txt #2 [en] untranslated" in tmx.lines() and "  tin.txt #2 [km] untranslated" in tmx.lines()
        assert "2 without exported text, left out" in tmx.summary()
        text = export(project, "txt", ["en"], tmp_path / "out.txt", project.documents()[0].id)
        assert "1 without exported text, written in the source language instead" in text.summary()
        assert "1 entry" not in text.summary() and "2 entries" in text.summary()
        handed = handoff(project, "xliff", "km", tmp_path / "out.xlf")
        assert "1 with an empty target for the translator" in handed.summary()


def test_the_export_benchmark_runs_every_format_and_both_hand_offs_to_the_end() -> None:
    from workbench.bench.export_bench import run_export_benchmark

    printed: list[str] = []
    run_export_benchmark(200, printed.append)
    assert any(line.strip().startswith("hand-off po:") and "write back 200 segments" in line for line in printed)
    assert any(line.strip().startswith("hand-off xliff:") and "(200 conflicts)" in line for line in printed)
