"""The post-editing report: per document and per model, drafts left unchanged and how much was edited."""

from __future__ import annotations

from pathlib import Path

from workbench.core.importing.file_import import prepare_import
from workbench.core.ops.approval import approve
from workbench.core.records import Origin, Status, TranslationState
from workbench.core.review.post_edit_report import format_report, post_edit_report
from workbench.core.store.project_store import Project
from workbench.core.store.translations import write_translation


def test_unchanged_drafts_and_edit_distance_are_counted_per_model(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Câu một.\n\nCâu hai.\n\nCâu ba.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        first, second, third = project.segment_ids()
        times = iter(["2026-11-27T08:00:00+00:00", "2026-11-27T08:01:00+00:00", "2026-11-27T08:02:00+00:00",
                      "2026-11-27T08:04:00+00:00", "2026-11-27T08:05:00+00:00", "2026-11-27T08:06:00+00:00"])  # fmt: skip
        with project.transaction() as db:
            for segment_id, draft, model, final in (
                (first, "Sentence one.", "opus-mt-vi-en", "Sentence one."),
                (second, "Sentence two", "opus-mt-vi-en", "The second sentence."),
                (third, "Third sentence.", "m2m100_418M", "Third sentence!"),
            ):
                mt = TranslationState(draft, Status.DRAFT, Origin.MT, model, score=-0.5)
                write_translation(db, segment_id, "en", mt, next(times))
                human = TranslationState(final, Status.TRANSLATED, Origin.HUMAN, author="Lan")
                write_translation(db, segment_id, "en", human, next(times))
        report = post_edit_report(project, "en")
        opus = report.by_model["opus-mt-vi-en"]
        assert (opus.segments, opus.unchanged) == (2, 1) and opus.unchanged_share == 0.5
        assert 0 < opus.mean_distance < 50
        assert report.by_model["m2m100_418M"].unchanged == 0
        assert report.by_document["a.txt"].segments == 3
        assert report.confirmed == 3 and round(report.segments_per_hour) == 36  # 3 confirmations over 5 minutes
        assert any("opus-mt-vi-en: 2 post-edited drafts, 50% unchanged" in line for line in format_report(report))
        approve(project, "en", "Hoa", "editor", segment_ids=[first, second])
        opus = post_edit_report(project, "en").by_model["opus-mt-vi-en"]
        assert (opus.approved, opus.approved_unchanged) == (2, 1)  # the first went out as the model wrote it


def test_a_report_with_nothing_post_edited_says_so(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        lines = format_report(post_edit_report(project, "km"))
    assert lines[0].startswith("post-editing in km: 0 confirmations")
    assert lines[1:] == ["  no machine or memory draft has been post-edited yet: nothing to compare"]


def test_a_route_is_a_group_of_its_own_shown_with_its_hops(tmp_path: Path) -> None:
    route = "vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M"
    source = tmp_path / "a.txt"
    source.write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        first, second = project.segment_ids()
        times = iter(f"2026-11-27T08:0{minute}:00+00:00" for minute in range(4))
        with project.transaction() as db:
            for segment_id, model in ((first, route), (second, "nllb-200-distilled-600M")):
                draft = TranslationState("ប្រយោគ។", Status.DRAFT, Origin.MT, model, score=-0.5)
                write_translation(db, segment_id, "km", draft, next(times))
                human = TranslationState("ប្រយោគ។", Status.TRANSLATED, Origin.HUMAN, author="Lan")
                write_translation(db, segment_id, "km", human, next(times))
        report = post_edit_report(project, "km")
    assert set(report.by_model) == {route, "nllb-200-distilled-600M"}  # the route apart from its second model
    lines = format_report(report)
    assert "  by model or route:" in lines
    assert any(
        line.startswith("    vi-en-km: opus-mt-vi-en → nllb-200-distilled-600M: 1 post-edited draft") for line in lines
    )
