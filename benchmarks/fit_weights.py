"""Fits the answer-scoring weights and threshold (knowledge.answering.scoring) on question sets.

    python benchmarks/fit_weights.py [--sets benchmarks/question_sets.txt] [--rounds 4] [--write]

Each report is imported into a fresh in-memory knowledge base; every question's candidates are
ranked and their features kept, with a label: does the candidate's rendered answer contain every
expected string? Coordinate search then moves one weight at a time to maximise
    correct - 2 * wrong
over all sets together (a confident wrong answer costs twice an honest "I don't know"), where a
question is correct when its best candidate passes (or, for a "none" question, nothing clears the
threshold). It prints the figures before and after and, with --write, the weights to paste.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from benchmarks.question_sets import load_sets  # noqa: E402
from knowledge.answering import _context, rank, render, scoring  # noqa: E402
from knowledge.answering.question import read  # noqa: E402
from knowledge.answering.records import record_answer  # noqa: E402
from knowledge.importer import import_file  # noqa: E402
from knowledge.store import KnowledgeBase  # noqa: E402

WRONG_COST = 2.0


def fold(text: str) -> str:
    import re

    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).lower()


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
                use = r.features["coverage"] > r.features["text_coverage"] + 0.05
                text = render.evidence_answer(reading, r.candidate, 1.0, use).text
            ok = bool(item["expect"]) and len(text) <= 800 and all(fold(e) in fold(text) for e in item["expect"])
            rows.append((r.features, ok))
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


def objective(data, weights, threshold) -> float:
    c, w, _ = evaluate(data, weights, threshold)
    return c - WRONG_COST * w


def fit(data, weights: dict, threshold: float, rounds: int) -> tuple[dict, float]:
    steps = [-1.0, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1.0]
    best = objective(data, weights, threshold)
    for _ in range(rounds):
        improved = False
        for name in list(weights) + ["<threshold>"]:
            for step in steps:
                trial_w, trial_t = dict(weights), threshold
                if name == "<threshold>":
                    trial_t = threshold + step
                else:
                    trial_w[name] = round(weights[name] + step, 3)
                value = objective(data, trial_w, trial_t)
                if value > best:
                    best, weights, threshold, improved = value, trial_w, trial_t, True
        if not improved:
            break
    return weights, threshold


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--sets", default=None)
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--write", action="store_true")
    a = p.parse_args()
    per_set = {}
    for name, report, questions in load_sets(a.sets):
        try:
            per_set[name] = collect(report, questions)
        except Exception as e:  # a report this build cannot read yet is reported, not fatal
            print(f"{name}: skipped ({type(e).__name__}: {e})", file=sys.stderr)
    everything = [q for d in per_set.values() for q in d]
    weights, threshold = fit(everything, dict(scoring.WEIGHTS), scoring.THRESHOLD, a.rounds)
    print(f"{'set':<28} {'before':>16} {'after':>16}  reachable")
    for name, data in per_set.items():
        b = evaluate(data, scoring.WEIGHTS, scoring.THRESHOLD)
        f = evaluate(data, weights, threshold)
        reach = sum(1 for q in data if q["none"] or any(ok for _, ok in q["rows"]))
        print(f"{name:<28} {b[0]:>3}/{b[2]:<3} wrong {b[1]:<3} {f[0]:>3}/{f[2]:<3} wrong {f[1]:<3} {reach:>3}")
    print("WEIGHTS =", json.dumps(weights, indent=4))
    print("THRESHOLD =", threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
