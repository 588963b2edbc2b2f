"""How fast answering is, at the sample's size and with 100,000 records.

    python benchmarks/bench_answer.py [--records 100000]

Prints, for the development questions: mean and p99 time per question on the sample knowledge base;
the same on a knowledge base grown with synthetic records to --records records; beside it, in the
same run, a naive rapidfuzz WRatio scan over every record's text (what answering would cost without
the FTS5 pre-filter); and a cold `rapporteur ask` against a bare `python -c pass`.
Then the evidence is grown to as many units (a synthetic report) and answering is timed beside the
floor: one raw FTS5 MATCH of the question's words OR-ed, ranked by bm25, over the same evidence.
Goals: <= 10 ms a question at the sample's size; at 100,000 records at most half the naive scan's
time; at 100,000 units of evidence at most twice the raw MATCH; a cold ask within 15 times a bare
interpreter start.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from knowledge.answering import answer  # noqa: E402
from knowledge.evidence.index import evidence_rows, replace_evidence  # noqa: E402
from knowledge.importer import import_file, sample_report_path  # noqa: E402
from knowledge.lexicon import content_stems  # noqa: E402
from knowledge.store import KnowledgeBase, search_text  # noqa: E402

QUESTIONS = ROOT.parent / "shared" / "eval" / "seed_questions.jsonl"
WORDS = (
    "budget review network policy roaming spectrum outreach youth digital inclusion gender cyber security "
    "resilience broadband satellite rural connectivity skills training data privacy standards climate "
    "emergency health finance audit procurement strategy evaluation platform registry observatory"
).split()
COUNTRIES = (
    "Aland Borduria Carpania Drania Elbonia Freedonia Genovia Latveria Molvania Ruritania Syldavia Zubrowka".split()
)


def questions() -> list[str]:
    if QUESTIONS.exists():
        return [json.loads(line)["q"] for line in QUESTIONS.read_text().splitlines() if line.strip()]
    return ["When is the HLPF input deadline?", "Who are the gold partners?", "What is the theme of HLPF 2020?"]


def synthetic(n: int, rng: random.Random) -> dict:
    """Records of every kind with made-up words, so the sample's records are needles in a haystack."""

    def phrase(k):
        return " ".join(rng.choice(WORDS) for _ in range(k))

    per = n // 5
    return {
        "deadlines": [
            {
                "title": f"Comments on the {phrase(3)} report",
                "due": f"20{rng.randint(21, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "source": f"Members were invited to send comments on the {phrase(4)} by the deadline.",
            }
            for _ in range(per)
        ],
        "documents": [
            {
                "symbol": f"SYN-{rng.randint(10, 99)}/{i}",
                "title": f"{phrase(4).capitalize()} ({phrase(2)})",
                "submitter": rng.choice(COUNTRIES),
            }
            for i in range(per)
        ],
        "recommendations": [
            {
                "topic": phrase(3).capitalize(),
                "text": f"The secretariat was requested to {phrase(8)}.",
                "actor": "Secretariat",
                "verb": "requested",
            }
            for _ in range(per)
        ],
        "people": [
            {
                "name": f"{rng.choice(COUNTRIES)} {rng.choice(WORDS).capitalize()}",
                "role": f"Head of {phrase(2)}",
                "country": rng.choice(COUNTRIES),
            }
            for _ in range(per)
        ],
        "events": [
            {
                "name": f"{phrase(2).title()} Forum {rng.randint(2021, 2029)}",
                "start": f"20{rng.randint(21, 29)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "place": rng.choice(COUNTRIES),
                "theme": phrase(5),
            }
            for _ in range(n - 4 * per)
        ],
    }


def time_questions(kb, qs, repeat=3) -> list[float]:
    for q in qs:  # warm caches, as a running bot has them
        answer(kb, q)
    times = []
    for _ in range(repeat):
        for q in qs:
            t = time.perf_counter()
            answer(kb, q)
            times.append(time.perf_counter() - t)
    return times


def naive_scan(kb, qs) -> list[float]:
    texts = []
    for kind in ("meetings", "documents", "deadlines", "events", "partners", "recommendations", "people"):
        texts += [search_text(kind, r) for r in kb.records(kind)]
    times = []
    for q in qs:
        t = time.perf_counter()
        process.extract(q, texts, scorer=fuzz.WRatio, limit=5)
        times.append(time.perf_counter() - t)
    return times


def grow_evidence(kb, n: int, rng: random.Random) -> None:
    """A synthetic report of ``n`` sentences beside the sample's, indexed as any report's evidence is."""

    def phrase(k):
        return " ".join(rng.choice(WORDS) for _ in range(k))

    text = "\n\n".join(
        f"{phrase(2).title()}\n\nThe group discussed the {phrase(5)} on {rng.randint(1, 28)} "
        f"March 20{rng.randint(21, 29)} and asked {rng.choice(COUNTRIES)} to {phrase(6)}."
        for _ in range(n // 2)
    )
    with kb.conn:
        group = kb.conn.execute("SELECT id FROM groups LIMIT 1").fetchone()[0]
        report = kb.conn.execute(
            "INSERT INTO reports (group_id, filename, title) VALUES (?, 'synthetic.txt', 'Synthetic') RETURNING id",
            [group],
        ).fetchone()[0]
        replace_evidence(kb.conn, group, report, evidence_rows(text))


def raw_match(kb, qs, tables=("search", "evidence_index")) -> list[float]:
    """The floor: one FTS5 MATCH of the question's words OR-ed, ranked by bm25, over the same texts
    (the records' search index and the evidence index: what answering reads)."""
    times = []
    for q in qs:
        stems = " OR ".join('"' + w + '"' for w in content_stems(q))
        plain = " OR ".join('"' + w + '"' for w in re.findall(r"\w+", q.lower()))
        t = time.perf_counter()
        for table in tables:
            words = stems if table == "evidence_index" else plain
            if words:
                kb.conn.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY bm25({table}) LIMIT 60", [words]
                ).fetchall()
        times.append(time.perf_counter() - t)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"mean {statistics.mean(times) * 1000:7.2f} ms   p99 {p99 * 1000:7.2f} ms   (n={len(times)})"


def cold_start(db: Path) -> tuple[float, float]:
    def median_run(cmd, n=5):
        runs = []
        for _ in range(n):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False)
            runs.append(time.perf_counter() - t)
        return statistics.median(runs)

    bare = median_run([sys.executable, "-c", "pass"])
    ask = median_run([sys.executable, "-m", "bot.cli", "--db", str(db), "ask", "When is the HLPF input deadline?"])
    return bare, ask


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    qs = questions()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kb.sqlite"
        with KnowledgeBase(db) as kb:
            import_file(kb, sample_report_path())
            records = sum(
                kb.count(k)
                for k in ("meetings", "documents", "deadlines", "events", "partners", "recommendations", "people")
            )
            print(f"sample knowledge base: {records} records")
            print("  answer      ", summary(time_questions(kb, qs)))
            print("  naive WRatio", summary(naive_scan(kb, qs)))
        bare, ask = cold_start(db)
        print(
            f"cold start: python -c pass {bare * 1000:.0f} ms, rapporteur ask {ask * 1000:.0f} ms ({ask / bare:.1f}x)"
        )
        with KnowledgeBase(db) as kb:
            t = time.perf_counter()
            kb.load(synthetic(args.records - records, random.Random(7)))
            print(f"grown to {args.records} records in {time.perf_counter() - t:.1f} s (one `load` transaction)")
            fast = time_questions(kb, qs, repeat=1)
            slow = naive_scan(kb, qs)
            print("  answer      ", summary(fast))
            print("  naive WRatio", summary(slow))
            print(f"  answering takes {statistics.mean(fast) / statistics.mean(slow):.0%} of the naive scan's time")
            floor = raw_match(kb, qs, ("search",))
            print("  raw FTS5 MATCH over the records", summary(floor))
            print(f"  answering takes {statistics.mean(fast) / statistics.mean(floor):.1f}x the raw MATCH's time")
            t = time.perf_counter()
            grow_evidence(kb, args.records, random.Random(11))
            units = kb.conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
            print(f"evidence grown to {units} units in {time.perf_counter() - t:.1f} s")
            fast = time_questions(kb, qs, repeat=1)
            floor = raw_match(kb, qs)
            print("  answer      ", summary(fast))
            print("  raw FTS5 MATCH (OR-ed words, bm25)", summary(floor))
            print(f"  answering takes {statistics.mean(fast) / statistics.mean(floor):.1f}x the raw MATCH's time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
