"""The pre-translation use case on its own, with a stand-in for the model: memory first, then the cache,
then the model; what it says it changed; a selection; a cancel; and no memory learns from a draft."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path

import pytest

from workbench.core.importing.file_import import import_files
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory, units
from workbench.core.ops.pretranslation import (
    Draft,
    PretranslationResult,
    Unit,
    plan_pretranslation,
    run_pretranslation,
    save_batch,
)
from workbench.core.progress import Cancelled, NullProgress, Progress
from workbench.core.records import Origin, Status
from workbench.core.store.draft_store import cached_drafts
from workbench.core.store.project_store import Project

OPTIONS = "beam=4;max=256;khmer_digits=0"
KNOWN = "Núi Cấm là điểm du lịch nổi tiếng."


class EchoDrafter:
    """Drafts "km: <source>", one unit per batch, and records what it was asked to translate."""

    model = "echo"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def drafts(self, units: Sequence[Unit], language: str, progress: Progress) -> Generator[list[Draft], None, None]:
        total = sum(len(u.segment_ids) for u in units)
        done = 0
        for unit in units:
            if progress.is_cancelled():
                raise Cancelled(f"stopped after {done} of {total} segments")
            self.asked.append(unit.source)
            yield [Draft(unit, f"{language}: {unit.source}", -0.5, ())]
            done += len(unit.segment_ids)
            progress.report(done, total)


class CancelAfter:
    def __init__(self, reports: int) -> None:
        self.reports, self.left = 0, reports

    def report(self, done: int, total: int, message: str = "") -> None:
        self.reports += 1

    def is_cancelled(self) -> bool:
        return self.reports >= self.left


@pytest.fixture
def article(project: Project, tmp_path: Path) -> Project:
    text = "\n\n".join([KNOWN, "Hòa Bình có hồ lớn.", KNOWN, "Chợ nổi Long Xuyên họp từ sáng sớm.", "Rừng tràm."])
    (tmp_path / "bai.txt").write_text(text, encoding="utf-8")
    import_files(project, [tmp_path / "bai.txt"])
    return project


@pytest.fixture
def shared(tmp_path: Path) -> Generator[SharedMemory, None, None]:
    memory = SharedMemory(tmp_path / "shared.sqlite")
    memory.add([MemoryUnit(KNOWN, "ភ្នំកាំ", "km", origin="old project")], "2026-01-01")
    yield memory
    memory.close()


def _run(
    project: Project,
    drafter: EchoDrafter,
    memories: Memories | None = None,
    segment_ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> PretranslationResult:
    """The use case as the CLI runs it: plan, then decode and save each batch in this thread."""
    plan = plan_pretranslation(project, "km", drafter.model, OPTIONS, None, segment_ids, memories)
    return run_pretranslation(
        plan, drafter, lambda p, model, batch: save_batch(project, p, model, batch), progress or NullProgress()
    )


def test_memory_matches_come_first_and_the_model_drafts_the_rest(article: Project, shared: SharedMemory) -> None:
    drafter = EchoDrafter()
    result = _run(article, drafter, Memories(article, shared))
    by_source = {s.source: s.translations["km"] for s in article.segments()}
    assert (by_source[KNOWN].text, by_source[KNOWN].origin) == ("ភ្នំកាំ", Origin.TM)
    assert KNOWN not in drafter.asked  # the person's translation is not asked of the model
    assert sorted(drafter.asked) == sorted(s for s in by_source if s != KNOWN)
    for source, km in by_source.items():
        if source != KNOWN:
            assert (km.text, km.status, km.origin, km.origin_detail) == (
                f"km: {source}",
                Status.DRAFT,
                Origin.MT,
                "echo",
            )
    assert all(s.translations["en"].status is Status.UNTRANSLATED for s in article.segments())
    # what it says it changed is every segment, once, in Khmer only
    assert sorted(result.changes.segment_ids) == sorted(article.segment_ids())
    assert result.changes.languages == ("km",)
    assert (len(result.plan.from_memory), result.translated) == (2, 3)


def test_pretranslation_teaches_no_memory(article: Project, shared: SharedMemory) -> None:
    """Drafts are not confirmed translations: neither the project's memory nor the shared one learns them."""
    _run(article, EchoDrafter(), Memories(article, shared))
    assert [u.target for u in units(shared.db)] == ["ភ្នំកាំ"]
    assert list(units(article.connection)) == []


def test_a_second_run_drafts_from_the_cache_without_the_model(article: Project) -> None:
    _run(article, EchoDrafter())
    for segment in article.segments():
        article.save_translation(segment.id, "km", "", Status.UNTRANSLATED, Origin.NONE, "test")
    again = EchoDrafter()
    result = _run(article, again)
    assert again.asked == [] and result.translated == 0
    assert sorted(result.plan.from_cache) == sorted(result.changes.segment_ids) == sorted(article.segment_ids())
    assert all(s.translations["km"].text == f"km: {s.source}" for s in article.segments())


def test_a_selection_drafts_only_the_selected_segments(article: Project) -> None:
    ids = article.segment_ids()
    result = _run(article, EchoDrafter(), segment_ids=[ids[1], ids[2]])
    assert sorted(result.changes.segment_ids) == [ids[1], ids[2]]
    drafted = [s.id for s in article.segments() if s.translations["km"].text]
    assert drafted == [ids[1], ids[2]]


def test_a_cancel_keeps_the_batches_saved_before_it(article: Project) -> None:
    with pytest.raises(Cancelled):
        _run(article, EchoDrafter(), progress=CancelAfter(reports=2))
    drafted = [s for s in article.segments() if s.translations["km"].status is Status.DRAFT]
    assert len(drafted) == 3  # two batches, the first of them a source that two segments share
    assert cached_drafts(article, "echo", OPTIONS, "km", [s.source for s in drafted]).keys() == {
        s.source for s in drafted
    }
