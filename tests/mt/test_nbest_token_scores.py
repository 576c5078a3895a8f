"""Several hypotheses per input (glossary terms are enforced by choosing among them) and each output token's
log-probability (the quality estimate's minimum): both backends give the same on the tiny models."""

from __future__ import annotations

import pytest

from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine

SENTENCES = [
    "An Giang là tỉnh biên giới ở Đồng bằng sông Cửu Long.",
    "Năm 2023 tỉnh đón 9.889 lượt khách quốc tế.",
    "Núi Cấm",
]
PAIRS = [("nllb", "km"), ("marian", "en")]


def _engines(tiny, family: str):  # type: ignore[no-untyped-def]
    hf, ct2 = {"nllb": (tiny.nllb, tiny.nllb_ct2), "marian": (tiny.marian, tiny.marian_ct2)}[family]
    return load_engine(ct2, "tiny"), load_engine(hf, "tiny", backend="transformers")


@pytest.mark.parametrize(("family", "target"), PAIRS)
def test_token_scores_agree_across_backends_and_average_to_the_score(tiny, family: str, target: str) -> None:  # type: ignore[no-untyped-def]
    fast, reference = _engines(tiny, family)
    options = DecodingOptions(beam_size=1, max_output_tokens=16, token_scores=True)
    got = fast.translate_batch(SENTENCES, "vi", target, options)
    expected = reference.translate_batch(SENTENCES, "vi", target, options)
    for a, b in zip(got, expected, strict=True):
        assert a.tokens == b.tokens
        assert len(a.token_scores) == len(a.tokens) > 0
        assert a.token_scores == pytest.approx(b.token_scores, abs=0.01)
        assert all(s < 0 for s in a.token_scores)
        if a.cap is not None:  # stopped at its cap: no end token, so the score is the tokens' own mean
            assert a.score == pytest.approx(sum(a.token_scores) / len(a.token_scores), abs=0.01)


@pytest.mark.parametrize(("family", "target"), PAIRS)
def test_no_token_scores_unless_asked(tiny, family: str, target: str) -> None:  # type: ignore[no-untyped-def]
    for engine in _engines(tiny, family):
        hypothesis = engine.translate_batch(SENTENCES[:1], "vi", target, DecodingOptions(beam_size=1))[0]
        assert hypothesis.token_scores == () and hypothesis.alternatives == ()


@pytest.mark.parametrize(("family", "target"), PAIRS)
def test_several_hypotheses_come_best_first_and_the_same_from_both_backends(tiny, family: str, target: str) -> None:  # type: ignore[no-untyped-def]
    fast, reference = _engines(tiny, family)
    # beam 1 asked with 4 hypotheses: the beam is widened for the call, as it must be for an n-best list
    options = DecodingOptions(beam_size=1, max_output_tokens=12, num_hypotheses=4, token_scores=True)
    got = fast.translate_batch(SENTENCES, "vi", target, options)
    expected = reference.translate_batch(SENTENCES, "vi", target, options)
    plain = fast.translate_batch(SENTENCES, "vi", target, DecodingOptions(beam_size=4, max_output_tokens=12))
    for a, b, best in zip(got, expected, plain, strict=True):
        assert len(a.alternatives) == len(b.alternatives) == 4
        assert a.alternatives[0].tokens == a.tokens == best.tokens  # itself first: the beam's best
        assert len({h.tokens for h in a.alternatives}) == 4
        assert [h.tokens for h in a.alternatives] == [h.tokens for h in b.alternatives]
        assert [h.score for h in a.alternatives] == pytest.approx([h.score for h in b.alternatives], abs=0.05)
        # token scores for the best only (scoring every alternative would cost as much again as decoding them)
        assert len(a.token_scores) == len(a.tokens) and a.alternatives[0].token_scores == a.token_scores
        assert a.token_scores == pytest.approx(b.token_scores, abs=0.01)
        for h in a.alternatives[1:] + b.alternatives[1:]:
            assert h.token_scores == () and h.alternatives == ()
            assert h.cap is None or len(h.tokens) <= h.cap


def test_each_hypothesis_is_cut_at_its_own_cap(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = load_engine(tiny.nllb_ct2, "tiny")
    options = DecodingOptions(beam_size=4, max_output_tokens=200, num_hypotheses=4, token_scores=True)
    short, long = engine.translate_batch(["Núi Cấm", SENTENCES[0] * 3], "vi", "km", options)
    for h in short.alternatives:
        assert h.cap is None or 1 + len(h.tokens) <= h.cap
    assert len(short.token_scores) == len(short.tokens)
    assert max(len(h.tokens) for h in short.alternatives) < max(len(h.tokens) for h in long.alternatives)
