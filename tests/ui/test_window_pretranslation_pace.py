"""The window pre-translates at the CLI's pace: its job decodes the CLI's batches and drafts what the CLI
drafts, and "this segment now" asked during the job is answered while the job is still decoding."""

from __future__ import annotations

import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from workbench.core.ops.pretranslation import plan_pretranslation, run_pretranslation, save_batch
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt import routes
from workbench.mt.pipeline import EngineDrafter, translate_units
from workbench.ui import mt_jobs

JOB_TIMEOUT_MS = 120_000
SENTENCES = 40  # more than one batch of the CLI's (32 segments)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    places = ["Núi Cấm", "Rừng tràm Trà Sư", "Chợ nổi Long Xuyên", "Miếu Bà Chúa Xứ", "Hồ Tà Pạ"]
    lines = [
        f"{places[i % len(places)]} đón {i + 3} đoàn khách{' từ Cần Thơ' * (i % 4)} trong tháng {i % 12 + 1}."
        for i in range(SENTENCES)
    ]
    path = tmp_path / "du-lich.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    return path


def _drafts(project: Project) -> dict[tuple[int, str], str]:
    return {
        (s.id, language): t.text
        for s in project.segments()
        for language, t in s.translations.items()
        if t is not None and t.text
    }


def test_a_window_job_decodes_the_clis_batches_and_drafts_what_the_cli_drafts(
    qtbot, open_window, tiny_models: Settings, article: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    settings = replace(tiny_models, beam_size=2)  # a real beam search, not only greedy
    window = open_window(article, settings=settings)
    copy = Path(shutil.copy(window.project.path, tmp_path / "cli.wbp"))  # before any draft
    batches: dict[str, list[int]] = {"en": [], "km": []}
    window.mt.drafts_ready.connect(lambda _job, language, _model, drafts: batches[language].append(len(drafts)))
    with qtbot.waitSignal(window.mt.job_ended, timeout=JOB_TIMEOUT_MS) as ended:
        job = window.start_pretranslation(None, None)
        assert job is not None
    assert ended.args[1] == "done", ended.args
    engine = window.mt.engines.for_model("tiny-nllb").engine
    for plan in job.plans:  # what the CLI's path (no urgent queue) makes of the same units
        cli = [len(b) for b in translate_units(plan.units, engine, "vi", plan.language, job.options)]
        assert cli[0] == 32 and batches[plan.language] == cli, plan.language
    window_drafts = _drafts(window.project)
    window.close()

    options = mt_jobs.translate_options(settings)
    with Project.open(copy) as project:
        for language in ("en", "km"):
            plan = plan_pretranslation(project, language, "tiny-nllb", options.cache_key())
            drafter = EngineDrafter(engine, "vi", options)
            run_pretranslation(plan, drafter, lambda p, name, batch: save_batch(project, p, name, batch))
        cli_drafts = _drafts(project)
    assert len(cli_drafts) == 2 * (SENTENCES + 3)  # the article and the window's short text, both languages
    assert window_drafts == cli_drafts


def test_a_segment_asked_for_now_is_answered_while_the_job_is_still_decoding(
    qtbot, open_window, tiny_models: Settings, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(article, settings=tiny_models)
    # The job's worker is held after its first batch, in the middle of the job, until the test lets it go:
    # the answer cannot come from the worker between batches.
    first_batch_out, release = threading.Event(), threading.Event()

    class HeldDrafter(EngineDrafter):
        def drafts(self, units, language, progress):  # type: ignore[no-untyped-def]
            batches = EngineDrafter.drafts(self, units, language, progress)
            try:
                for batch in batches:
                    yield batch
                    if not first_batch_out.is_set():
                        first_batch_out.set()
                        release.wait(60)
            finally:
                batches.close()

    monkeypatch.setattr(routes, "EngineDrafter", HeldDrafter)  # what the window's job drafts with
    drafted: set[int] = set()
    window.mt.drafts_ready.connect(
        lambda _job, _lang, _model, drafts: drafted.update(i for d in drafts for i in d.unit.segment_ids)
    )
    ended: list[str] = []
    window.mt.job_ended.connect(lambda _job, outcome, _message: ended.append(outcome))
    job = window.start_pretranslation(None, None)
    assert job is not None
    qtbot.waitUntil(first_batch_out.is_set, timeout=JOB_TIMEOUT_MS)
    qtbot.waitUntil(lambda: bool(drafted), timeout=10_000)
    waiting = next(i for i in window.model.ids if i not in drafted)
    segment = window.project.segment(waiting)
    try:
        with qtbot.waitSignal(window.mt.saved, timeout=30_000) as saved:
            assert window.mt.translate_now(segment, "en")
        assert saved.args[0] == [segment.id]
        assert not ended and window.mt.busy  # the job is still running, held mid-way
        assert not window.mt.segment_tasks.busy  # answered through the job's queue, not by a task of its own
        draft = window.project.segment(segment.id).translations["en"]
        assert draft.text and draft.origin_detail == "tiny-nllb"
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(ended), timeout=JOB_TIMEOUT_MS)
    assert ended == ["done"]
    window.close()
