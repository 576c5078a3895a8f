"""With an engine that decodes two calls at once (CTranslate2's two replicas), a segment asked for now is
answered while the pre-translation's batch is still decoding, greedily, and the batches stay full size."""

from __future__ import annotations

import threading

import pytest

from workbench.core.ops.pretranslation import Unit
from workbench.mt.engine import DecodingOptions, Hypothesis
from workbench.mt.loader import load_engine
from workbench.mt.pipeline import TranslateOptions, UrgentRequests, runs_in_parallel, translate_one, translate_units

OPTIONS = TranslateOptions(decoding=DecodingOptions(beam_size=2, max_output_tokens=12), max_batch_segments=8)


class BatchWaitsForTheRequest:
    """The real CTranslate2 engine; a batch of the pre-translation (more than one text) does not finish
    before the segment asked for now has been answered, or 20 s have passed."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.engine = engine
        self.model_name, self.family = engine.model_name, engine.family
        self.max_input_tokens = engine.max_input_tokens
        self.parallel_calls = engine.parallel_calls
        self.answered = threading.Event()
        self.batch_started = threading.Event()
        self.answered_during_a_batch = False
        self.batch_sizes: list[int] = []
        self.beams: list[int] = []

    def count_tokens(self, text: str) -> int:
        return int(self.engine.count_tokens(text))

    def translate_batch(self, texts, source, target, options) -> list[Hypothesis]:  # type: ignore[no-untyped-def]
        hypotheses = list(self.engine.translate_batch(texts, source, target, options))
        if len(texts) > 1:
            self.batch_sizes.append(len(texts))
            self.batch_started.set()
            self.answered_during_a_batch |= self.answered.wait(20)
        else:
            self.beams.append(options.beam_size)
        return hypotheses


@pytest.fixture
def engine(tiny) -> BatchWaitsForTheRequest:  # type: ignore[no-untyped-def]
    return BatchWaitsForTheRequest(load_engine(tiny.nllb_ct2_int8, "tiny-nllb"))


def test_ctranslate2_decodes_two_calls_at_once(tiny) -> None:  # type: ignore[no-untyped-def]
    assert runs_in_parallel(load_engine(tiny.nllb_ct2_int8, "tiny-nllb"))


def test_a_segment_asked_for_now_is_answered_while_a_batch_decodes(engine: BatchWaitsForTheRequest) -> None:
    units = [Unit(f"Câu số {i} về An Giang và Núi Cấm.", (i,), ()) for i in range(20)]
    wanted = Unit("Chợ nổi Long Xuyên họp từ sáng sớm.", (999,), ())
    urgent = UrgentRequests()
    drafts: list[str] = []

    def run() -> None:
        for batch in translate_units(units, engine, "vi", "km", OPTIONS, urgent=urgent):
            drafts.extend(d.unit.source for d in batch)

    worker = threading.Thread(target=run)
    worker.start()
    assert engine.batch_started.wait(20)
    draft = urgent.submit(wanted).result(timeout=20)
    engine.answered.set()
    worker.join(60)
    assert engine.answered_during_a_batch  # the batch was still decoding when the answer came
    assert draft.unit is wanted
    # greedy, as the window's urgent drafts always were, and the same text as a draft asked for alone
    assert engine.beams == [1]
    alone = translate_one(wanted, engine.engine, "vi", "km", OPTIONS.for_urgent())
    assert draft.text == alone.text
    assert engine.batch_sizes == [8, 8, 4] and sorted(drafts) == sorted(u.source for u in units)
    assert not urgent.serving
