"""Answer quality on every question set the project has, beside the anchor's on the same questions.

    python benchmarks/bench_quality.py [--sets FILE] [--only NAME] [--markdown]

For each set in benchmarks/question_sets.txt (and any other list given by --sets): the report is
imported into a fresh knowledge base, every question answered in-process exactly as
`rapporteur ask --json` answers it, and scored as ../shared/eval/score.py scores
(every expected string in an answer of at most 800 characters; a "none" question must be refused).
The anchor is ../shared/eval/baseline.py (BM25 sentence retrieval) on the same report and questions,
when the shared material is beside the checkout. Columns: Rapporteur's score, the anchor's, wrong
answers among those answered, and "none" questions refused.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from benchmarks.question_sets import ROOT, load_sets  # noqa: E402
from knowledge.answering import answer  # noqa: E402
from knowledge.importer import import_file  # noqa: E402
from knowledge.reading import read_report  # noqa: E402
from knowledge.store import KnowledgeBase  # noqa: E402

BASELINE = os.path.normpath(os.path.join(ROOT, "..", "shared", "eval", "baseline.py"))


def fold(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).lower()


def passes(item: dict, answered: bool, text: str) -> bool:
    if item["kind"] == "none":
        return not answered
    return answered and len(text) <= 800 and all(fold(e) in fold(text) for e in item["expect"])


def _anchor():
    if not os.path.exists(BASELINE):
        return None
    spec = importlib.util.spec_from_file_location("baseline", BASELINE)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, os.path.dirname(BASELINE))
    spec.loader.exec_module(module)
    return module


def score_set(report: str, questions: list[dict], anchor) -> dict:
    kb = KnowledgeBase(":memory:")
    import_file(kb, report)
    ok = wrong = answered = refused_none = 0
    started = time.perf_counter()
    for item in questions:
        reply = answer(kb, item["q"])
        good = passes(item, reply.answered, reply.text)
        ok += good
        answered += reply.answered
        wrong += reply.answered and not good
        refused_none += item["kind"] == "none" and not reply.answered
    elapsed = (time.perf_counter() - started) / max(1, len(questions))
    kb.close()
    anchor_ok = None
    if anchor is not None:
        # the anchor reads the report's text as this project's readers give it (a PDF has no other)
        replies = anchor.answer_all(read_report(report), [it["q"] for it in questions])
        anchor_ok = sum(passes(it, r["answered"], r["answer"]) for it, r in zip(questions, replies, strict=True))
    return {
        "n": len(questions),
        "ok": ok,
        "anchor": anchor_ok,
        "answered": answered,
        "wrong": wrong,
        "none": sum(1 for it in questions if it["kind"] == "none"),
        "none_refused": refused_none,
        "ms": elapsed * 1000,
    }


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--sets", default=None)
    p.add_argument("--only", default=None)
    a = p.parse_args()
    anchor = _anchor()
    print("| set | Rapporteur | anchor | wrong / answered | 'none' refused | ms/question |")
    print("|---|---|---|---|---|---|")
    for name, report, questions in load_sets(a.sets, a.only):
        r = score_set(report, questions, anchor)
        anchor_text = f"{r['anchor']}/{r['n']} ({r['anchor'] / r['n']:.0%})" if r["anchor"] is not None else "n/a"
        print(
            f"| {name} | {r['ok']}/{r['n']} ({r['ok'] / r['n']:.0%}) | {anchor_text} | "
            f"{r['wrong']}/{r['answered']} | {r['none_refused']}/{r['none']} | {r['ms']:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
