"""Slash-command load test: N signed /wg commands, C at a time, against the HTTP app on loopback.

Starts a fake Slack Web API (tests/slack_fakes.py) and `rapporteur serve` in HTTP mode as a
separate process (or, with --in-process, under uvicorn in a thread), over a seeded knowledge base.
Reports errors and the latency of the ack (the HTTP response Slack waits for, which must come
within 3 s, and which the bot aims to give within 100 ms whatever the answering costs) and of the
answer (until it reaches response_url). The default mix is a quarter free-text questions, the rest
list subcommands.

    .venv/bin/python benchmarks/bench_slash.py [--n 200] [--concurrency 10] [--in-process] [--max-ack-p99-ms 100]

Exit status 1 if any request failed or the ack p99 reached --max-ack-p99-ms (100).
"""

from __future__ import annotations

import argparse
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from knowledge.store import KnowledgeBase  # noqa: E402
from slack_fakes import BOT_TOKEN, SIGNING_SECRET, AppServer, FakeSlack, SlackSender  # noqa: E402

QUESTIONS = [
    "when is the HLPF input deadline?",
    "what did the working group recommend on youth participation?",
    "who chaired meeting 35?",
]
LISTS = ["deadlines next week", "meeting 35", "partners tier 1", "doc A/HRC/WG.6/35/L.1", "recs youth", "help"]
MIXES = {"all": QUESTIONS[:2] + LISTS, "questions": QUESTIONS, "lists": LISTS}


def seed(path: str) -> None:
    """A knowledge base of a realistic size for one working group."""
    with KnowledgeBase(path) as kb:
        for i in range(60):
            kb.add("deadlines", {"title": f"Input {i} to the HLPF", "due": f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}"})
        kb.add("deadlines", {"title": "HLPF input", "due": "2020-03-16", "send_to": "hlpf@un.org"})
        for n in range(30, 40):
            kb.add(
                "meetings", {"number": n, "start": f"20{n - 16}-02-06", "end": f"20{n - 16}-02-07", "place": "Geneva"}
            )
        for i in range(40):
            kb.add("partners", {"name": f"Partner {i}", "tier": f"Tier {1 + i % 3}"})
        for i in range(80):
            kb.add("documents", {"symbol": f"A/HRC/WG.6/35/L.{i}", "title": f"Document {i}", "meeting": 35})
        for i in range(60):
            kb.add(
                "recommendations",
                {"topic": ["youth", "gender", "data"][i % 3], "text": f"Recommendation {i} on participation."},
            )
        kb.db["paragraphs"].insert_all(
            {
                "group_id": 1,
                "number": str(i),
                "heading": "Outcomes",
                "position": i,
                "text": f"Paragraph {i}: the working group agreed that inputs to the HLPF are due by 16 March 2020.",
            }
            for i in range(400)
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_subprocess(fake: FakeSlack, db: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "RAPPORTEUR_DB": db,
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "1"),
    }
    env.pop("SLACK_APP_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env
    )


def wait_healthy(sender: SlackSender, proc: subprocess.Popen | None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"rapporteur serve exited with status {proc.returncode}")
        try:
            if sender.request("GET", "/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit("the app did not become healthy")


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    if not ms:
        return f"{name}: no data"
    return (
        f"{name}: mean {statistics.mean(ms):.1f} ms, p50 {pct(ms, 50):.1f} ms, "
        f"p99 {pct(ms, 99):.1f} ms, max {max(ms):.1f} ms"
    )


def run(
    sender: SlackSender, fake: FakeSlack, n: int, concurrency: int, commands: list[str], max_ack_p99_ms: float = 3000
) -> int:
    sent: dict[str, float] = {}
    errors: list[str] = []

    def one(i: int):
        name = f"bench{i}"
        sent[name] = time.perf_counter()
        try:
            r = sender.command(
                commands[i % len(commands)],
                response_url=fake.response_url(name),
                user_id=f"U{i % 17}",
                channel_id="C-BENCH",
            )
        except OSError as e:
            errors.append(f"{name}: {e}")
            return None
        if r.status != 200:
            errors.append(f"{name}: HTTP {r.status} {r.body[:100]!r}")
        return r.seconds

    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        acks = [s for s in pool.map(one, range(n)) if s is not None]
    elapsed = time.perf_counter() - start
    try:
        fake.wait_for("response_url", lambda c: c.path.split("/")[-1] in sent, count=n, timeout=60)
    except AssertionError:
        errors.append("some answers never reached response_url")
    answers = {c.path.split("/")[-1]: c for c in fake.calls_to("response_url")}
    answer_latency = [answers[k].at - t for k, t in sent.items() if k in answers]
    bad = [k for k, c in answers.items() if not c.body.get("blocks")]
    errors += [f"{k}: answer without blocks" for k in bad]

    print(
        f"{n} slash commands ({', '.join(sorted(set(commands)))[:60]}...), {concurrency} at a time: {len(errors)} errors, "
        f"{n / elapsed:.0f} commands/s"
    )
    print(summary("ack (HTTP response)", acks))
    print(summary("answer (at response_url)", answer_latency))
    for e in errors[:10]:
        print("  error:", e)
    if acks and pct(acks, 99) * 1000 >= max_ack_p99_ms:
        print(f"  ack p99 reached {max_ack_p99_ms:.0f} ms")
    return 1 if errors or not acks or pct(acks, 99) * 1000 >= max_ack_p99_ms else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument(
        "--mix",
        choices=MIXES,
        default="all",
        help="which commands: lists (the adapter alone), questions (the answering engine), or all",
    )
    parser.add_argument("--in-process", action="store_true", help="serve under uvicorn in a thread of this process")
    parser.add_argument("--max-ack-p99-ms", type=float, default=100.0, help="fail when the ack p99 reaches this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        db = os.path.join(tmp, "bench.sqlite")
        seed(db)
        if args.in_process:
            from bot.http_server import build_asgi
            from bot.settings import SlackSettings
            from bot.slack_app import build_app

            settings = SlackSettings(
                {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url}
            )
            with AppServer(build_asgi(build_app(settings, db))) as server:
                sender = SlackSender(server.url)
                wait_healthy(sender, None)
                return run(sender, fake, args.n, args.concurrency, MIXES[args.mix], args.max_ack_p99_ms)
        port = free_port()
        proc = start_subprocess(fake, db, port)
        try:
            sender = SlackSender(f"http://127.0.0.1:{port}")
            wait_healthy(sender, proc)
            run(sender, fake, 20, 10, MIXES[args.mix])  # warm-up: every worker thread's connection and caches
            fake.reset()
            print()
            return run(sender, fake, args.n, args.concurrency, MIXES[args.mix], args.max_ack_p99_ms)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
