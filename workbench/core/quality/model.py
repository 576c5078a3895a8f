"""The quality model: a logistic regression from a draft's signals to the chance that a person confirms it
unchanged or nearly so, a documented default for an office with no history, and the bands.

Features (all from signals.py; a missing signal is replaced by a neutral value and an indicator says so,
so a draft with no back-translation or no second model is scored, never refused):

- mean_logprob: the model's mean token log-probability: the strongest signal a decoder gives.
- min_logprob (+ min_logprob_missing): the least sure token; one very unsure word is often the wrong one.
- length_deviation: |ln(output tokens / input tokens)|: a draft much shorter or longer than usual
  dropped or invented something.
- spans_lost: protected numbers, codes, dates the draft lost (capped at 3): each needs fixing by hand.
- runaway: the draft repeats itself or hit the length cap: nearly always rewritten.
- qa: the QA checks' findings on the draft, an error counting 3 and any other finding 1.
- round_trip (+ round_trip_missing): chrF between the source and the back-translation, 0-1.
- agreement (+ agreement_missing): chrF between this draft and another model's, 0-1.

A fitted model standardises each feature (the training mean and standard deviation) and is fitted by
Newton's method with an L2 penalty (`PENALTY`; the bias is not penalised): the same history always gives
the same weights. The default works on raw units, centred on neutral values (`DEFAULT`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.core.errors import WorkbenchError

FEATURES = (
    "mean_logprob",
    "min_logprob",
    "min_logprob_missing",
    "length_deviation",
    "spans_lost",
    "runaway",
    "qa",
    "round_trip",
    "round_trip_missing",
    "agreement",
    "agreement_missing",
)

#: a score at or above this is "good": at least 7 drafts in 10 like it were kept as the model wrote them
#: (or nearly), so an editor may skim it
GOOD_FROM = 0.7
#: a score below this is "poor": fewer than 3 in 10 were kept, so a person usually rewrites it and
#: translating from the source is as quick (pre-translation may leave it out of the cell)
POOR_BELOW = 0.3
#: a fit needs at least this many labelled drafts, and at least `MIN_EACH` of each label: fewer fit noise
MIN_EXAMPLES = 30
MIN_EACH = 5
#: the L2 penalty on the standardised weights: keeps a small history from trusting one feature too much
PENALTY = 1.0


class NotEnoughHistory(WorkbenchError):
    """Too few confirmed drafts to fit the quality model: the default (or the last fit) stays."""


def band_of(score: float) -> str:
    return "good" if score >= GOOD_FROM else "poor" if score < POOR_BELOW else "check"


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def raw_features(signals: Mapping[str, Any]) -> dict[str, float | None]:
    """The model's features from a draft's signals; None where the signal is missing (imputed later)."""
    ratio = _number(signals.get("length_ratio"))
    qa_errors = _number(signals.get("qa_errors")) or 0.0
    qa_findings = _number(signals.get("qa_findings")) or 0.0
    min_logprob = _number(signals.get("min_logprob"))
    round_trip = _number(signals.get("round_trip"))
    agreement = _number(signals.get("agreement"))
    return {
        "mean_logprob": _number(signals.get("mean_logprob")),
        "min_logprob": min_logprob,
        "min_logprob_missing": float(min_logprob is None),
        "length_deviation": abs(math.log(ratio)) if ratio and ratio > 0 else None,
        "spans_lost": min(3.0, _number(signals.get("spans_lost")) or 0.0),
        "runaway": float(bool(signals.get("runaway"))),
        "qa": 3 * qa_errors + max(0.0, qa_findings - qa_errors),
        "round_trip": round_trip,
        "round_trip_missing": float(round_trip is None),
        "agreement": agreement,
        "agreement_missing": float(agreement is None),
    }


@dataclass(frozen=True, slots=True)
class QualityModel:
    """score = sigmoid(bias + sum(weight * (feature - centre) / scale)); a missing feature takes `impute`."""

    weights: tuple[float, ...]
    bias: float
    centres: tuple[float, ...]
    scales: tuple[float, ...]
    #: the value a missing feature takes (the default's neutral value; a fit's training mean)
    impute: tuple[float, ...]
    #: "" for the default; else when it was fitted
    fitted_at: str = ""
    #: labelled drafts the fit used, from this project and from the shared history, and how many were kept
    project_examples: int = 0
    shared_examples: int = 0
    positives: int = 0
    #: the project's confirmed segments in the language when it was fitted (the automatic refit counts from here)
    confirmed_at_fit: int = 0

    @property
    def is_default(self) -> bool:
        return not self.fitted_at

    @property
    def examples(self) -> int:
        return self.project_examples + self.shared_examples

    def vector(self, signals: Mapping[str, Any]) -> list[float]:
        raw = raw_features(signals)
        return [float(v) if (v := raw[name]) is not None else self.impute[i] for i, name in enumerate(FEATURES)]

    def score(self, signals: Mapping[str, Any]) -> float:
        """The chance, 0-1, that the draft is confirmed unchanged or nearly so. Plain Python, no numpy: scoring
        runs in every pre-translation, and numpy loaded at start-up starts its BLAS threads before the CLI
        blocks Ctrl+C for its workers (a thread then takes the signal); only a fit needs it."""
        z = self.bias + sum(
            w * (x - c) / s
            for w, x, c, s in zip(self.weights, self.vector(signals), self.centres, self.scales, strict=True)
        )
        return round(1 / (1 + math.exp(-max(-50.0, min(50.0, z)))), 4)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "features": list(FEATURES),
            "weights": list(self.weights),
            "bias": self.bias,
            "centres": list(self.centres),
            "scales": list(self.scales),
            "impute": list(self.impute),
            "fitted_at": self.fitted_at,
            "project_examples": self.project_examples,
            "shared_examples": self.shared_examples,
            "positives": self.positives,
            "confirmed_at_fit": self.confirmed_at_fit,
        }

    @classmethod
    def from_json(cls, data: Any) -> QualityModel | None:
        """The stored model, or None when it is not one this version reads (the caller keeps the default)."""
        try:
            if data["version"] != 1 or tuple(data["features"]) != FEATURES:
                return None
            columns = [tuple(float(x) for x in data[key]) for key in ("weights", "centres", "scales", "impute")]
            if any(len(c) != len(FEATURES) or not all(map(math.isfinite, c)) for c in columns):
                return None
            if any(s <= 0 for s in columns[2]) or not math.isfinite(float(data["bias"])):
                return None
            return cls(
                columns[0], float(data["bias"]), columns[1], columns[2], columns[3], str(data["fitted_at"]),
                int(data["project_examples"]), int(data["shared_examples"]), int(data["positives"]),
                int(data["confirmed_at_fit"]),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError):
            return None


#: name: (weight per raw unit, neutral value), and why
_DEFAULT_WEIGHTS: dict[str, tuple[float, float]] = {
    # a decent real model's drafts average about -0.6 nats a token; 0.2 nats surer moves a draft up ~0.4 logit
    "mean_logprob": (2.0, -0.6),
    # one token below -3 nats (under 5 % sure) is often a wrong word: a little weight, the mean dominates
    "min_logprob": (0.25, -3.0),
    "min_logprob_missing": (0.0, 0.0),
    # tripled or a third of the usual length (ln 3 = 1.1) costs ~1.2 logits beyond the usual 0.3
    "length_deviation": (-1.5, 0.3),
    # a lost number or code must be put back by hand: the draft cannot be confirmed unchanged
    "spans_lost": (-1.5, 0.0),
    # a repeating or cut-off draft is nearly always rewritten
    "runaway": (-3.0, 0.0),
    # each finding costs 0.7 logit, an error (weighted 3) 2.1
    "qa": (-0.7, 0.0),
    # a back-translation close to the source (chrF 0.8 vs a neutral 0.5) is good evidence the meaning survived
    "round_trip": (3.0, 0.5),
    "round_trip_missing": (0.0, 0.0),
    # two models agreeing is evidence too, a little weaker (they may share a training corpus)
    "agreement": (2.0, 0.5),
    "agreement_missing": (0.0, 0.0),
}
#: a draft with every signal at its neutral value scores 0.6, "check": with no history, no draft is
#: called good on the decoder's word alone unless it is clearly surer than usual
_DEFAULT_BIAS = 0.4
DEFAULT = QualityModel(
    weights=tuple(_DEFAULT_WEIGHTS[n][0] for n in FEATURES),
    bias=_DEFAULT_BIAS,
    centres=tuple(_DEFAULT_WEIGHTS[n][1] for n in FEATURES),
    scales=(1.0,) * len(FEATURES),
    impute=tuple(_DEFAULT_WEIGHTS[n][1] for n in FEATURES),
)


def enough(labels: Sequence[bool]) -> str:
    """ "" when the labels are enough to fit, else what is missing, in words."""
    kept = sum(labels)
    if len(labels) >= MIN_EXAMPLES and kept >= MIN_EACH and len(labels) - kept >= MIN_EACH:
        return ""
    return (
        f"the quality model needs at least {MIN_EXAMPLES} confirmed machine drafts, at least {MIN_EACH} kept "
        f"(unchanged or nearly) and {MIN_EACH} edited more; there are {len(labels)} ({kept} kept, "
        f"{len(labels) - kept} edited more)"
    )


def fit(
    signals: Sequence[Mapping[str, Any]], labels: Sequence[bool], fitted_at: str, project_examples: int,
    confirmed_at_fit: int, keeping: str = "the default model",
) -> QualityModel:  # fmt: skip
    """Logistic regression of the labels on the signals' features (Newton's method, L2 on the weights)."""
    import numpy as np  # only here: see QualityModel.score

    missing = enough(labels)
    if missing:
        raise NotEnoughHistory(f"{missing}; {keeping} stays in use")
    raw = [raw_features(s) for s in signals]
    impute = []
    for i, name in enumerate(FEATURES):
        seen = [v for r in raw if (v := r[name]) is not None]
        impute.append(float(np.mean(seen)) if seen else DEFAULT.impute[i])
    x = np.array([[v if (v := r[n]) is not None else impute[i] for i, n in enumerate(FEATURES)] for r in raw])
    y = np.array([1.0 if label else 0.0 for label in labels])
    centres = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-9] = 1.0  # a feature that never varies gets no weight from the penalty
    z = np.hstack([np.ones((len(y), 1)), (x - centres) / scales])
    penalty = np.eye(z.shape[1]) * PENALTY
    penalty[0, 0] = 0.0
    beta = np.zeros(z.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -50, 50)))
        gradient = z.T @ (p - y) + penalty @ beta
        hessian = (z.T * (p * (1 - p))) @ z + penalty + np.eye(z.shape[1]) * 1e-9
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return QualityModel(
        weights=tuple(round(float(w), 6) for w in beta[1:]),
        bias=round(float(beta[0]), 6),
        centres=tuple(float(c) for c in centres),
        scales=tuple(float(s) for s in scales),
        impute=tuple(impute),
        fitted_at=fitted_at,
        project_examples=project_examples,
        shared_examples=len(labels) - project_examples,
        positives=int(y.sum()),
        confirmed_at_fit=confirmed_at_fit,
    )
