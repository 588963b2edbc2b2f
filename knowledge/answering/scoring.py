"""Stage 4, scoring: one linear function of the named features ranks every candidate, records and
evidence alike; the best answers only when its score clears the threshold.

The weights and the threshold are fitted by benchmarks/fit_weights.py on every development set:
a convex listwise loss in which refusing is one more candidate, run to convergence from zero (so the
same sets give the same weights), then coordinate search on correct - 2 * wrong, real reports of
other bodies counting one and a half times. record_full is not fitted: a record that answers fully
stays first. Re-run it when features change. The weights below come from the fitter's earlier,
warm-started descent (commit 646c3fc): the converged fit from zero on this commit's sets answers 8
fewer of 751 questions (fewer on the sample-style sets, 2 more on real reports), so these stay
until a refit beats them on the same table (benchmarks/bench_quality.py).
"""

from __future__ import annotations

WEIGHTS = {
    "coverage": 6.165,
    "text_coverage": -1.09,
    "missing_rare": 0.729,
    "bm25": 3.326,
    "type_match": 0.686,
    "numbers": 0.73,
    "phrase": 0.221,
    "short": 1.504,
    "record": 5.913,
    "record_confidence": 0.042,
    "record_from_text": 3.252,
    "coverage_gap": -0.393,
    "record_gap": -1.967,
    "record_kind_fit": 0.603,
    "record_full": 5.582,
    "fresh_fact": 0.506,
    "focus": -0.863,
    "covered_untyped": -1.046,
    "covered_typed": -1.531,
}
THRESHOLD = 7.673


def score(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    w = weights or WEIGHTS
    return sum(w.get(name, 0.0) * value for name, value in features.items())


def explain(features: dict[str, float], weights: dict[str, float] | None = None) -> str:
    """The features that moved a score, largest contribution first: 'coverage 0.80*2.0 ...'."""
    w = weights or WEIGHTS
    parts = sorted(
        ((name, value, w.get(name, 0.0)) for name, value in features.items() if value), key=lambda x: -abs(x[1] * x[2])
    )
    return " ".join(f"{name}={value:.2f}" for name, value, _ in parts)
