"""How long one announcement planning pass takes over 100,000 deadlines and 1,000 subscriptions.

The target is under 2 seconds on a 2-core machine. Planning must not look at every (deadline,
subscription) pair (10^8 here): it runs one range query per distinct lead over the ``due`` index and
fans the few deadlines found out to the subscriptions having that lead.

Scenarios (each the best of --repeat passes of ``plan_run``, which reads and decides but writes
nothing; "plan" keeps reminders as deadlines x subscribers, "+expand" also produces every notice
row, as the claim does):

* steady: every subscription was planned through yesterday (the daily case);
* after 3 days down: planned through four days ago (catch-up);
* first run: never planned (every deadline within each subscription's largest lead);
* steady + 500 changes: since the last run 400 deadlines were edited, 50 announced ones moved and 50
  were added (what importing a report brings);

then one real ``claim_due_notices`` (plan + insert the claims in one transaction) for the steady case.
Two date spreads: 100,000 deadlines over ten years (about 27 a day) and over one year (about 274 a day).

    .venv/bin/python benchmarks/bench_announce.py [--deadlines 100000] [--subscriptions 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge import announcements  # noqa: E402
from knowledge.store import KnowledgeBase, now_iso  # noqa: E402

TZ = ZoneInfo("Europe/Zurich")
NOW = datetime(2020, 3, 9, 9, 0, tzinfo=TZ)
TODAY = NOW.date()
LEAD_VARIANTS = ["7d 1d 0d", "14d 7d 1d 0d", "30d 7d 1d", "3d 0d", "1d"]
LIMIT_SECONDS = 2.0


def build(path: str, deadlines: int, subscriptions: int, spread_days: int, seed: int = 1) -> KnowledgeBase:
    rng = random.Random(seed)
    kb = KnowledgeBase(path)
    group = kb.default_group_id()
    first = TODAY - timedelta(days=spread_days // 2)
    stamp = now_iso()
    with kb.transaction():
        kb.conn.executemany(
            "INSERT INTO deadlines (group_id, title, due, send_to, paragraph, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    group,
                    f"Deadline {i}",
                    (first + timedelta(days=rng.randrange(spread_days))).isoformat(),
                    "secretariat@example.org",
                    str(i % 90),
                    stamp,
                )
                for i in range(deadlines)
            ),
        )
        kb.conn.executemany(
            "INSERT INTO subscriptions (channel, kind, leads, paused, created_by, created_at) VALUES (?, 'channel', ?, 0, 'bench', ?)",
            ((f"C{i:08d}", LEAD_VARIANTS[i % len(LEAD_VARIANTS)], stamp) for i in range(subscriptions)),
        )
        top = kb.conn.execute("SELECT COALESCE(MAX(id), 0) FROM changes").fetchone()[0]
        kb.db["meta"].upsert({"key": announcements.CHANGE_WATERMARK_KEY, "value": str(top)}, pk="key")
    return kb


def set_planned_through(kb: KnowledgeBase, day: date | None) -> None:
    with kb.transaction():
        kb.conn.execute("UPDATE subscriptions SET planned_through = ?", [day.isoformat() if day else None])


def best_of(repeat: int, func) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def edits_since_last_run(kb: KnowledgeBase, edited: int, moved: int, added: int) -> None:
    """Changes made through the store since the last run (so they are in the changes log), as a new
    report would bring: ``edited`` deadlines beyond every lead get a new subject (nothing to say),
    ``moved`` deadlines that every subscription had been told about move a week later, ``added`` new
    deadlines fall within the next 30 days."""
    rng = random.Random(2)
    subs = [r[0] for r in kb.conn.execute("SELECT id FROM subscriptions")]
    far = [
        r[0]
        for r in kb.conn.execute(
            "SELECT id FROM deadlines WHERE due BETWEEN ? AND ? ORDER BY id LIMIT ?",
            [(TODAY + timedelta(days=31)).isoformat(), (TODAY + timedelta(days=90)).isoformat(), edited],
        )
    ]
    near = [
        r[0]
        for r in kb.conn.execute(
            "SELECT id FROM deadlines WHERE due BETWEEN ? AND ? ORDER BY id LIMIT ?",
            [TODAY.isoformat(), (TODAY + timedelta(days=30)).isoformat(), moved],
        )
    ]
    with kb.transaction():
        for deadline_id in far:
            kb.update("deadlines", deadline_id, {"subject": "edited"})
        for deadline_id in near:
            record = kb.get("deadlines", deadline_id)
            kb.conn.executemany(
                "INSERT OR IGNORE INTO announcements (subscription_id, deadline_id, due, lead, status, attempts) "
                "VALUES (?, ?, ?, '30d', 'posted', 1)",
                [(s, deadline_id, record["due"]) for s in subs],
            )
            kb.update(
                "deadlines", deadline_id, {"due": (date.fromisoformat(record["due"]) + timedelta(days=7)).isoformat()}
            )
        for n in range(added):
            kb.add(
                "deadlines",
                {"title": f"New deadline {n}", "due": (TODAY + timedelta(days=rng.randrange(31))).isoformat()},
            )


def scenario_set(deadlines: int, subscriptions: int, spread_days: int, repeat: int) -> dict:
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        kb = build(os.path.join(tmp, "bench.sqlite"), deadlines, subscriptions, spread_days)
        results["build_seconds"] = round(time.perf_counter() - start, 2)

        def measure(name: str) -> None:
            seconds, plan = best_of(repeat, lambda: announcements.plan_run(kb, NOW, TZ))
            expanded, count = best_of(repeat, lambda: announcements.plan_run(kb, NOW, TZ).count())
            results[name] = {
                "seconds": round(seconds, 3),
                "seconds with every notice expanded": round(expanded, 3),
                "notices": count,
            }

        set_planned_through(kb, TODAY - timedelta(days=1))
        measure("steady")
        set_planned_through(kb, TODAY - timedelta(days=4))
        measure("after 3 days down")
        set_planned_through(kb, None)
        measure("first run")
        set_planned_through(kb, TODAY - timedelta(days=1))
        edits_since_last_run(kb, edited=400, moved=50, added=50)
        measure("steady + 500 changes")
        start = time.perf_counter()
        batches = announcements.claim_due_notices(kb, NOW, TZ)
        results["claim (steady + changes: plan, insert, render)"] = {
            "seconds": round(time.perf_counter() - start, 3),
            "claims": sum(len(b.items) for b in batches),
            "messages": len(batches),
        }
        start = time.perf_counter()
        second = announcements.claim_due_notices(kb, NOW, TZ)
        results["second claim, same time (nothing left)"] = {
            "seconds": round(time.perf_counter() - start, 3),
            "claims": sum(len(b.items) for b in second),
        }
        kb.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deadlines", type=int, default=100_000)
    parser.add_argument("--subscriptions", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = {
        "deadlines": args.deadlines,
        "subscriptions": args.subscriptions,
        "cpus": os.cpu_count(),
        "over 10 years": scenario_set(args.deadlines, args.subscriptions, 3650, args.repeat),
        "over 1 year": scenario_set(args.deadlines, args.subscriptions, 365, args.repeat),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(
            f"{args.deadlines:,} deadlines, {args.subscriptions:,} subscriptions, {os.cpu_count()} CPUs; "
            f"planning pass = best of {args.repeat}"
        )
        for spread in ("over 10 years", "over 1 year"):
            print(f"\ndeadlines spread {spread} (built in {report[spread]['build_seconds']} s):")
            print(f"  {'':<44} {'plan':>8} {'+expand':>8}")
            for name, r in report[spread].items():
                if name == "build_seconds":
                    continue
                expanded = r.get("seconds with every notice expanded")
                counts = ", ".join(f"{v:,} {k}" for k, v in r.items() if not k.startswith("seconds"))
                print(
                    f"  {name:<44} {r['seconds']:>7.3f}s {f'{expanded:.3f}s' if expanded is not None else '':>8}   {counts}"
                )
    # The target is on the realistic spread, counting the expansion of every notice too.
    slowest = max(
        r["seconds with every notice expanded"]
        for r in report["over 10 years"].values()
        if isinstance(r, dict) and "seconds with every notice expanded" in r
    )
    verdict = "within" if slowest < LIMIT_SECONDS else "OVER"
    print(
        f"\nslowest planning pass over 10 years, every notice expanded: {slowest:.3f} s "
        f"({verdict} the {LIMIT_SECONDS:.0f} s target)"
    )
    return 0 if slowest < LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
