"""The quality model on its own: missing signals are scored, not refused; a fit is deterministic and reads
back; the default's bands follow each signal the way its documentation says."""

from __future__ import annotations

import math

from workbench.core.quality.model import DEFAULT, GOOD_FROM, POOR_BELOW, QualityModel, band_of, fit

BASE = {"mean_logprob": -0.6, "min_logprob": -3.0, "length_ratio": 1.2, "spans_lost": 0, "runaway": False}


def test_the_default_follows_each_signal() -> None:
    base = DEFAULT.score(BASE)
    assert POOR_BELOW <= base < GOOD_FROM  # an ordinary draft, no history: "check"
    assert DEFAULT.score({**BASE, "mean_logprob": -0.1}) > base > DEFAULT.score({**BASE, "mean_logprob": -1.5})
    assert DEFAULT.score({**BASE, "round_trip": 0.9}) > base > DEFAULT.score({**BASE, "round_trip": 0.1})
    assert DEFAULT.score({**BASE, "agreement": 0.9}) > base > DEFAULT.score({**BASE, "agreement": 0.1})
    assert DEFAULT.score({**BASE, "qa_findings": 1, "qa_errors": 1}) < DEFAULT.score({**BASE, "qa_findings": 1}) < base
    assert band_of(DEFAULT.score({**BASE, "runaway": True})) == "poor"
    assert DEFAULT.score({**BASE, "spans_lost": 2}) < DEFAULT.score({**BASE, "spans_lost": 1}) < base
    assert DEFAULT.score({**BASE, "length_ratio": 4.0}) < base


def test_missing_or_unreadable_signals_are_scored_as_neutral() -> None:
    for odd in ({}, {"mean_logprob": None}, {"mean_logprob": math.nan, "length_ratio": 0}, {"min_logprob": "x"}):
        score = DEFAULT.score(odd)
        assert 0 <= score <= 1 and not math.isnan(score)
    assert DEFAULT.score({**BASE, "min_logprob": None}) == DEFAULT.score(BASE)  # imputed at the neutral value


def _history() -> tuple[list[dict[str, object]], list[bool]]:
    signals, labels = [], []
    for i in range(80):
        mean = -0.2 - 2.5 * ((i * 37) % 100) / 100
        back = None if i % 3 == 0 else round(0.9 - 0.2 * ((i * 53) % 5), 2)
        signals.append({**BASE, "mean_logprob": mean, "min_logprob": None if i % 4 else 3 * mean, "round_trip": back})
        labels.append((mean > -1.2) != (i % 9 == 0))
    return signals, labels


def test_a_fit_is_deterministic_and_reads_back() -> None:
    signals, labels = _history()
    first = fit(signals, labels, "2026-12-01T00:00:00+00:00", 80, 80)
    assert first == fit(signals, labels, "2026-12-01T00:00:00+00:00", 80, 80)
    assert QualityModel.from_json(first.to_json()) == first
    assert first.weights[0] > 0  # surer drafts are kept more often in this history
    assert first.score({**BASE, "mean_logprob": -0.3}) > first.score({**BASE, "mean_logprob": -2.5})
    assert QualityModel.from_json({"version": 2}) is None
    assert QualityModel.from_json({**first.to_json(), "scales": [0.0] * len(first.scales)}) is None
