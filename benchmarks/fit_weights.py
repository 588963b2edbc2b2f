"""Fits the answer-scoring weights and threshold (knowledge.answering.scoring) on question sets.

    python benchmarks/fit_weights.py [--sets benchmarks/question_sets.txt] [--rounds 4] [--write]

Each report is imported into a fresh in-memory knowledge base; every question's candidates are
ranked and their features kept, with a label: does the candidate's rendered answer contain every
expected string? The weights and the threshold are fitted together on a listwise loss in which
refusing is one more candidate, then coordinate search moves one at a time to maximise
    correct - 2 * wrong
over all sets together (a confident wrong answer costs twice an honest "I don't know"), where a
question is correct when its best candidate passes (or, for a "none" question, nothing clears the
threshold). It prints the figures before and after and, with --write, the weights to paste.
WRONG_COST and REAL_WEIGHT in the environment change the two costs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from benchmarks.bench_quality import passes  # noqa: E402
from benchmarks.question_sets import load_sets  # noqa: E402
from knowledge.answering import _context, rank, render, scoring  # noqa: E402
from knowledge.answering.question import read  # noqa: E402
from knowledge.answering.records import record_answer  # noqa: E402
from knowledge.importer import import_file  # noqa: E402
from knowledge.store import KnowledgeBase  # noqa: E402

WRONG_COST = float(os.environ.get("WRONG_COST", "2.0"))
# Real reports of other bodies are fewer sets than the sample-like ones, and what the answerer must
# generalise to: each counts one and a half times.
REAL_WEIGHT = float(os.environ.get("REAL_WEIGHT", "1.5"))


# A record that answers fully (a meeting by its number, a wording the secretariat taught) stays first:
# a rule of the product, not a weight to learn.
FIXED = {"record_full"}
ITERATIONS, RATE = 4000, 2.0


def collect(report: str, questions: list[dict]) -> list[dict]:
    """For each question: its kind and, per candidate, (features, passes)."""
    kb = KnowledgeBase(":memory:")
    import_file(kb, report)
    ctx = _context(kb)
    out = []
    for item in questions:
        reading = read(item["q"], ctx.vocabulary, ctx.abbreviations)
        reply = record_answer(kb, item["q"])
        rows = []
        for r in rank(kb, reading, reply):
            if r.candidate.origin == "record":
                text = r.candidate.text
            else:
                text = render.evidence_answer(reading, r.candidate, 1.0, render.needs_context(r.features)).text
            ok = item["kind"] != "none" and passes(item, True, text)
            rows.append((r.features, ok, text))
        out.append({"none": item["kind"] == "none", "rows": rows, "english": reading.english})
    kb.close()
    return out


def evaluate(data: list[dict], weights: dict, threshold: float) -> tuple[int, int, int]:
    correct = wrong = total = 0
    for q in data:
        total += 1
        best = max(q["rows"], key=lambda r: scoring.score(r[0], weights), default=None)
        answered = best is not None and scoring.score(best[0], weights) >= threshold
        if q["none"]:
            correct += not answered
            wrong += answered
        elif answered:
            correct += best[1]
            wrong += not best[1]
    return correct, wrong, total


def objective(per_set: list[list[dict]], weights, threshold) -> float:
    """Each set counts the same, whatever its size: real reports weigh as much as fixtures."""
    return _table(per_set).objective(weights, threshold)


class _Table:
    """Every candidate's features of every question as one matrix, so that the objective of a set
    of weights is a few array operations (the coordinate search tries thousands)."""

    def __init__(self, per_set) -> None:
        import numpy as np

        self.np = np
        self.names = sorted({k for _, data in per_set for q in data for r in q["rows"] for k in r[0]})
        rows, ok, question = [], [], []
        self.none, set_of, self.sizes, self.set_weights = [], [], [], []
        for index, (name, data) in enumerate(per_set):
            self.sizes.append(len(data))
            self.set_weights.append(REAL_WEIGHT if "real" in name else 1.0)
            for q in data:
                set_of.append(index)
                for r in q["rows"]:
                    rows.append([r[0].get(n, 0.0) for n in self.names])
                    ok.append(r[1])
                    question.append(len(self.none))
                self.none.append(q["none"])
        self.x = np.array(rows, dtype=float).reshape(len(rows), len(self.names))
        self.ok, self.question = np.array(ok, dtype=bool), np.array(question, dtype=int)
        self.none, self.set_of = np.array(self.none, dtype=bool), np.array(set_of, dtype=int)
        self.starts = np.r_[0, np.flatnonzero(np.diff(self.question)) + 1] if len(rows) else np.array([], dtype=int)

    def objective(self, weights: dict, threshold: float) -> float:
        np = self.np
        n = len(self.none)
        best = np.full(n, -np.inf)
        best_ok = np.zeros(n, dtype=bool)
        if len(self.starts):
            s = self.x @ np.array([weights.get(name, 0.0) for name in self.names])
            top = np.maximum.reduceat(s, self.starts)
            asked = self.question[self.starts]
            best[asked] = top
            # the first candidate reaching its question's best, as max() picks it
            first = np.flatnonzero(s == top[np.searchsorted(asked, self.question)])
            first = first[np.r_[True, np.diff(self.question[first]) != 0]]
            best_ok[self.question[first]] = self.ok[first]
        answered = best >= threshold
        correct = np.where(self.none, ~answered, answered & best_ok)
        wrong = np.where(self.none, answered, answered & ~best_ok)
        per_set = np.bincount(self.set_of, weights=correct - WRONG_COST * wrong, minlength=len(self.sizes))
        return float((per_set / np.maximum(self.sizes, 1) * self.set_weights).sum())


_TABLES: dict[int, tuple[object, _Table]] = {}


def _table(per_set) -> _Table:
    cached = _TABLES.get(id(per_set))
    if cached is None or cached[0] is not per_set:
        cached = (per_set, _Table(per_set))
        _TABLES[id(per_set)] = cached
    return cached[1]


def fit(
    per_set,
    weights: dict,
    threshold: float,
    rounds: int,
    from_current: bool = False,
    hold: frozenset[str] = frozenset(),
) -> tuple[dict, float]:
    """Weights and threshold together by gradient descent on a listwise loss in which refusing is
    one more candidate, scored by the threshold (as a reader with a no-answer option is trained):
    a question with a passing candidate pulls those up and the refusal down; a question the report
    does not answer, or none of whose candidates pass, pulls the refusal up. So the weights learn
    what tells an answer from a near miss, not only which candidate is best. Each set counts the
    same; then a few rounds of coordinate search on the objective itself from there.

    ``from_current`` skips the descent and searches from the given weights: the descent's optimum
    of the smooth loss answers fewer of the sample-style sets than the weights it starts from, so a
    new feature is fitted in beside them (at zero) instead. ``hold`` keeps some weights as given."""
    import numpy as np

    if from_current:
        return _coordinate_search(per_set, dict(weights), threshold, rounds, FIXED | hold)

    names = list(weights)
    rows, targets, shares, starts = [], [], [], []
    for name, data in per_set:
        share = (REAL_WEIGHT if "real" in name else 1.0) / max(1, len(data))
        for q in data:
            if not q["rows"]:
                continue
            y = np.array([1.0 if r[1] else 0.0 for r in q["rows"]])
            refuse = q["none"] or not y.any()
            starts.append(len(rows))
            # each candidate's features, then the refusal: no features, only the threshold's column
            rows.extend([r[0].get(n, 0.0) for n in names] + [0.0] for r in q["rows"])
            rows.append([0.0] * len(names) + [1.0])
            targets.extend(list(y / y.sum()) + [0.0] if not refuse else [0.0] * len(y) + [1.0])
            shares.extend([share * (WRONG_COST if refuse else 1.0)] * (len(y) + 1))
    x, target, share = np.array(rows), np.array(targets), np.array(shares)
    starts = np.array(starts)
    question_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(rows)]))
    fixed = np.array([n in FIXED for n in names] + [False])
    w = np.array([weights[n] for n in names] + [threshold], dtype=float)
    # Plain gradient descent on a convex loss, run to convergence: the same data gives the same weights.
    for _ in range(ITERATIONS):
        s = x @ w
        s -= np.maximum.reduceat(s, starts)[question_of]
        p = np.exp(s)
        p /= np.add.reduceat(p, starts)[question_of]
        grad = x.T @ (share * (p - target)) / len(per_set) + 0.02 * np.r_[w[:-1], 0.0] / len(per_set)
        grad[fixed] = 0.0
        w -= RATE * grad
    threshold = float(w[-1])
    w = w[:-1]
    fitted = {n: round(float(v), 3) for n, v in zip(names, w, strict=True)}
    scores = sorted({round(scoring.score(r[0], fitted), 3) for _, data in per_set for q in data for r in q["rows"][:3]})
    threshold = max(scores + [round(threshold, 3)], key=lambda t: objective(per_set, fitted, t))
    return _coordinate_search(per_set, fitted, threshold, rounds, FIXED | hold)


def _coordinate_search(per_set, fitted: dict, threshold: float, rounds: int, fixed) -> tuple[dict, float]:
    """Moves one weight (or the threshold) at a time while the objective itself improves."""
    steps = [-1.0, -0.5, -0.2, -0.1, -0.05, 0.05, 0.1, 0.2, 0.5, 1.0]
    best = objective(per_set, fitted, threshold)
    for _ in range(rounds):
        improved = False
        for name in [n for n in fitted if n not in fixed] + ["<threshold>"]:
            for step in steps:
                trial_w, trial_t = dict(fitted), threshold
                if name == "<threshold>":
                    trial_t = round(threshold + step, 3)
                else:
                    trial_w[name] = round(fitted[name] + step, 3)
                value = objective(per_set, trial_w, trial_t)
                if value > best:
                    best, fitted, threshold, improved = value, trial_w, trial_t, True
        if not improved:
            break
    return fitted, threshold


def show_failures(name: str, data: list[dict], questions: list[dict], weights: dict, threshold: float) -> None:
    for item, q in zip(questions, data, strict=True):
        ranked = sorted(q["rows"], key=lambda r: -scoring.score(r[0], weights))
        best = ranked[0] if ranked else None
        answered = best is not None and scoring.score(best[0], weights) >= threshold
        ok = (not answered) if q["none"] else (answered and best[1])
        if ok:
            continue
        print(f"FAIL {name} {item['q']!r} expect={item['expect']} answered={answered}")
        for r in ranked[:2] + [r for r in ranked if r[1]][:1]:
            print(f"   {scoring.score(r[0], weights):6.2f} ok={r[1]} {r[2][:110]!r}")
            print(f"          {scoring.explain(r[0])}")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--sets", default=None)
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--write", action="store_true")
    p.add_argument("--from-current", action="store_true", help="search from the committed weights, no descent")
    p.add_argument("--hold", default="", help="comma-separated weights kept as they are")
    p.add_argument("--show", default=None, help="print the failures of the sets whose name holds this")
    a = p.parse_args()
    per_set = {}
    for name, report, questions in load_sets(a.sets):
        try:
            per_set[name] = collect(report, questions)
        except Exception as e:  # a report this build cannot read yet is reported, not fatal
            print(f"{name}: skipped ({type(e).__name__}: {e})", file=sys.stderr)
    hold = frozenset(filter(None, a.hold.split(",")))
    weights, threshold = fit(
        list(per_set.items()), dict(scoring.WEIGHTS), scoring.THRESHOLD, a.rounds, a.from_current, hold
    )
    print(f"{'set':<28} {'before':>16} {'after':>16}  reachable")
    for name, data in per_set.items():
        b = evaluate(data, scoring.WEIGHTS, scoring.THRESHOLD)
        f = evaluate(data, weights, threshold)
        reach = sum(1 for q in data if q["none"] or any(r[1] for r in q["rows"]))
        top = sum(1 for q in data if q["rows"] and max(q["rows"], key=lambda r: scoring.score(r[0], weights))[1])
        print(
            f"{name:<28} {b[0]:>3}/{b[2]:<3} wrong {b[1]:<3} {f[0]:>3}/{f[2]:<3} wrong {f[1]:<3} {reach:>3}  top1 {top}"
        )
    if a.show:
        for name, _report, questions in load_sets(a.sets, a.show):
            if name in per_set:
                show_failures(name, per_set[name], questions, weights, threshold)
    print("WEIGHTS =", json.dumps(weights, indent=4))
    print("THRESHOLD =", threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
