"""Stage 4, scoring: one linear function of the named features ranks every candidate, records and
evidence alike; the best answers only when its score clears the threshold.

The weights and the threshold are fitted by benchmarks/fit_weights.py on every development set
(a confident wrong answer costs twice an honest "I don't know"); re-run it when features change.
"""
from __future__ import annotations

WEIGHTS = {
    "coverage": 2.556,
    "text_coverage": -0.123,
    "missing_rare": -0.511,
    "bm25": 2.897,
    "type_match": 0.54,
    "numbers": 0.443,
    "phrase": 0.468,
    "short": 0.013,
    "record": 2.79,
    "record_confidence": 3.106,
    "record_from_text": -0.239,
    "coverage_gap": 1.927,
    "record_gap": -2.061,
    "record_kind_fit": 0.195,
    "record_full": 5.582,
}
THRESHOLD = 5.96


def score(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    w = weights or WEIGHTS
    return sum(w.get(name, 0.0) * value for name, value in features.items())


def explain(features: dict[str, float], weights: dict[str, float] | None = None) -> str:
    """The features that moved a score, largest contribution first: 'coverage 0.80*2.0 ...'."""
    w = weights or WEIGHTS
    parts = sorted(((name, value, w.get(name, 0.0)) for name, value in features.items() if value),
                   key=lambda x: -abs(x[1] * x[2]))
    return " ".join(f"{name}={value:.2f}" for name, value, _ in parts)
