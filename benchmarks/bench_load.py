"""Load test: signed Slack requests at a fixed rate against `rapporteur serve` in HTTP mode.

Starts a fake Slack Web API (tests/slack_fakes.py) in this process and `rapporteur serve` as a
subprocess on a free loopback port, over a knowledge base filled with the sample report. Then sends
--rate requests a second for --seconds seconds on an open-loop schedule: request i leaves at
start + i/rate whatever the answers to the ones before (a thread pool sends them), so a slow server
gets the same load rather than a gentler one. The mix, fixed by --seed: 70% /wg slash commands (half
questions, half list subcommands), 20% app_mention events, 10% GET /healthz.

Latency is counted from each request's planned time to its complete response, so that a send delayed
by the client counts against the figures rather than hiding (coordinated omission). Errors: non-2xx
answers, exceptions (refused, reset, timed out), and answers that never reached Slack (response_url
for commands, chat.postMessage for mentions). Afterwards the server's log must hold one JSON request
line per HTTP answer received and neither the bot token nor the signing secret.

    .venv/bin/python benchmarks/bench_load.py [--rate 50] [--seconds 60]

Exit status 1 on any error or when the p99 latency reaches --max-p99-ms (200). Loopback only, bounded
in count (rate x seconds) and time; the server is stopped at the end, on Ctrl-C or SIGTERM too.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from knowledge.importer import import_file, sample_report_path  # noqa: E402
from knowledge.store import KnowledgeBase  # noqa: E402
from slack_fakes import BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, FakeSlack, SlackSender  # noqa: E402

QUESTIONS = [  # from the development set, about the sample report
    "When is the HLPF input deadline?",
    "When was the 35th meeting held?",
    "Who chairs the CWG-WSIS&SDG?",
    "What is the deadline for WSIS Prizes 2020 nominations?",
    "Who are the Gold partners of the WSIS Forum 2020?",
    "When is HLPF 2020?",
    "What did the group recommend about the UNGIS website?",
    "How many SDG indicators is ITU responsible for?",
]
LISTS = ["deadlines", "deadlines all", "meeting 35", "partners gold", "doc CWG-WSIS&SDG-35-16", "recs website", "help"]
MIX = [("question", 35), ("list", 35), ("mention", 20), ("healthz", 10)]
CHANNEL = "C-LOAD"
HTTP_TIMEOUT_S = 10
ANSWER_TIMEOUT_S = 30


@dataclass
class Result:
    i: int
    kind: str
    planned: float  # perf_counter times
    sent: float | None = None
    done: float | None = None
    status: int | None = None
    error: str | None = None


# -- the server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(fake: FakeSlack, db: str, port: int, log_file) -> subprocess.Popen:
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "RAPPORTEUR_DB": db,
        "LOG_LEVEL": "INFO",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "1"),
    }
    env.pop("SLACK_APP_TOKEN", None)
    # Its own session: only this script stops it, in its own time (and Ctrl-C reaches us first).
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_server(proc: subprocess.Popen | None) -> None:
    """SIGTERM (uvicorn shuts down gracefully), then SIGKILL after 15 s, or at once on a second Ctrl-C."""
    if proc is None:
        return
    try:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class Client:
    """Sends the mix's requests; counts every HTTP answer (the server logs one line for each)."""

    def __init__(self, base_url: str, fake: FakeSlack):
        self.sender = SlackSender(base_url)
        self.fake = fake
        self.answered = 0
        self._lock = threading.Lock()

    def send(self, kind: str, i: int, rng_text: str) -> int:
        if kind in ("question", "list"):
            r = self.sender.command(
                rng_text, response_url=self.fake.response_url(f"load{i}"), user_id=f"U{i % 23}", channel_id=CHANNEL
            )
        elif kind == "mention":
            event = {
                "type": "app_mention",
                "user": f"U{i % 23}",
                "text": f"<@{BOT_USER_ID}> {rng_text}",
                "ts": f"{1_700_000_000 + i}.000100",
                "channel": CHANNEL,
            }
            r = self.sender.event(event)
        else:
            r = self.sender.request("GET", "/healthz")
        with self._lock:
            self.answered += 1
        return r.status

    def wait_healthy(self, proc: subprocess.Popen, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"rapporteur serve exited with status {proc.returncode}")
            try:
                if self.send("healthz", 0, "") == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("the app did not become healthy")


# -- the schedule -------------------------------------------------------------------------------


def plan(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    kinds = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX], k=n)
    texts = {"question": QUESTIONS, "list": LISTS, "mention": QUESTIONS, "healthz": [""]}
    return [(k, rng.choice(texts[k])) for k in kinds]


def run(
    client: Client, requests: list[tuple[str, str]], rate: float, threads: int, stop: threading.Event
) -> list[Result]:
    """Open loop: request i is handed to the pool at start + i/rate; nothing waits for answers."""
    results: list[Result] = []

    def one(res: Result, text: str) -> None:
        res.sent = time.perf_counter()
        try:
            res.status = client.send(res.kind, res.i, text)
        except Exception as e:  # refused, reset, timed out: an error of the run, not of this script
            res.error = f"{type(e).__name__}: {e}"
        res.done = time.perf_counter()

    pool = ThreadPoolExecutor(threads, thread_name_prefix="load")
    start = time.perf_counter() + 0.05
    try:
        for i, (kind, text) in enumerate(requests):
            planned = start + i / rate
            delay = planned - time.perf_counter()
            if delay > 0 and stop.wait(delay) or stop.is_set():
                break
            res = Result(i, kind, planned)
            results.append(res)
            pool.submit(one, res, text)
    except BaseException:  # Ctrl-C (or SIGTERM) while sending: what has not left yet never will
        stop.set()
        raise
    finally:
        # every request has HTTP_TIMEOUT_S at most: the pool drains within that once sending stops
        pool.shutdown(wait=True, cancel_futures=stop.is_set())  # interrupted: drop what has not left
    return results


# -- figures ------------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def figures(ms: list[float]) -> str:
    if not ms:
        return "no data"
    return (
        f"mean {statistics.mean(ms):.1f} ms, p50 {pct(ms, 50):.1f} ms, p99 {pct(ms, 99):.1f} ms, max {max(ms):.1f} ms"
    )


def answers_delivered(fake: FakeSlack, results: list[Result]) -> tuple[list[float], list[str]]:
    """Wait (bounded) for every command's response_url post and every mention's answer; returns the
    answer latencies (planned time to arrival at the fake Slack, ms) and what never came."""
    commands = {f"load{r.i}": r for r in results if r.kind in ("question", "list") and r.status == 200}
    mentions = {f"{1_700_000_000 + r.i}.000100": r for r in results if r.kind == "mention" and r.status == 200}
    deadline = time.monotonic() + ANSWER_TIMEOUT_S

    def arrived():
        by_url = {c.path.rsplit("/", 1)[-1]: c for c in fake.calls_to("response_url")}
        by_thread = {
            c.body.get("thread_ts"): c for c in fake.calls_to("chat.postMessage") if c.body.get("channel") == CHANNEL
        }
        return ({k: by_url[k] for k in commands if k in by_url}, {k: by_thread[k] for k in mentions if k in by_thread})

    while True:
        got_commands, got_mentions = arrived()
        if (len(got_commands) == len(commands) and len(got_mentions) == len(mentions)) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    latencies = [(c.at - commands[k].planned) * 1000 for k, c in got_commands.items()]
    latencies += [(c.at - mentions[k].planned) * 1000 for k, c in got_mentions.items()]
    missing = [f"no answer at response_url for request {commands[k].i}" for k in commands if k not in got_commands]
    missing += [f"no answer posted for mention {mentions[k].i}" for k in mentions if k not in got_mentions]
    return latencies, missing


def check_log(text: str, answered: int) -> list[str]:
    problems = []
    for secret, name in ((BOT_TOKEN, "the bot token"), (SIGNING_SECRET, "the signing secret")):
        if secret in text:
            problems.append(f"{name} is in the server's log")
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                lines.append(json.loads(line))
            except ValueError:
                problems.append(f"a request line is not JSON: {line[:100]}")
    if len(lines) != answered:
        problems.append(f"{len(lines)} request lines in the server's log for {answered} HTTP answers")
    return problems


def report(
    args,
    results: list[Result],
    answer_ms: list[float],
    problems: list[str],
    log_lines: int,
    answered: int,
    leaked: bool,
) -> int:
    errors = [
        f"request {r.i} ({r.kind}): {r.error or f'HTTP {r.status}'}"
        for r in results
        if r.error or r.status is None or not 200 <= r.status < 300
    ]
    errors += problems
    latency = [(r.done - r.planned) * 1000 for r in results if r.done and not r.error]
    service = [(r.done - r.sent) * 1000 for r in results if r.done and not r.error]
    lag = [(r.sent - r.planned) * 1000 for r in results if r.sent]
    sends = sorted(r.sent for r in results if r.sent)
    achieved = (len(sends) - 1) / (sends[-1] - sends[0]) if len(sends) > 1 else 0.0
    kinds = {k: sum(r.kind == k for r in results) for k, _ in MIX}

    print(
        f"{len(results)} requests planned at {args.rate:g}/s for {args.seconds:g} s "
        f"({', '.join(f'{n} {k}' for k, n in kinds.items())}); achieved {achieved:.1f}/s; {len(errors)} errors"
    )
    print(f"latency (planned send to complete response): {figures(latency)}")
    for kind, _ in MIX:
        ms = [(r.done - r.planned) * 1000 for r in results if r.kind == kind and r.done and not r.error]
        print(f"  {kind:9s} {figures(ms)}")
    print(f"service time (actual send to complete response): {figures(service)}")
    print(f"send lag behind schedule: p99 {pct(lag, 99) if lag else 0:.1f} ms, max {max(lag, default=0):.1f} ms")
    print(f"answers (planned send to arrival at Slack): {figures(answer_ms)}")
    print(
        f"server log: {log_lines} JSON request lines for {answered} HTTP answers (warm-up and health polls "
        f"included); bot token or signing secret in it: {'YES' if leaked else 'no'}"
    )
    for e in errors[:10]:
        print("  error:", e)
    if len(errors) > 10:
        print(f"  ... and {len(errors) - 10} more")
    p99 = pct(latency, 99) if latency else float("inf")
    if p99 >= args.max_p99_ms:
        print(f"FAIL: p99 {p99:.1f} ms >= {args.max_p99_ms:g} ms")
    return 1 if errors or p99 >= args.max_p99_ms else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50, help="requests a second (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long to send (default 60)")
    parser.add_argument("--threads", type=int, default=64, help="sending threads (enough never to delay a send)")
    parser.add_argument("--seed", type=int, default=1, help="the mix's random seed")
    parser.add_argument("--max-p99-ms", type=float, default=200, help="fail at or above this p99 latency")
    args = parser.parse_args()
    if not 0 < args.rate <= 1000 or not 0 < args.seconds <= 3600:
        parser.error("--rate must be in (0, 1000] and --seconds in (0, 3600]")
    n = max(1, int(args.rate * args.seconds))

    stop = threading.Event()

    def on_term(signum, frame):  # SIGTERM: stop like Ctrl-C, through the finally blocks
        stop.set()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        db = os.path.join(tmp, "kb.sqlite")
        with KnowledgeBase(db) as kb:
            import_file(kb, sample_report_path())
        log_path = os.path.join(tmp, "serve.log")
        port = free_port()
        proc = None
        try:
            with open(log_path, "wb") as log_file:
                proc = start_server(fake, db, port, log_file)
            client = Client(f"http://127.0.0.1:{port}", fake)
            client.wait_healthy(proc)
            for i, (kind, text) in enumerate(plan(20, args.seed + 1)):  # warm-up: connections and caches
                client.send(kind, 10_000_000 + i, text)  # ids and ts of their own
            fake.reset()
            results = run(client, plan(n, args.seed), args.rate, args.threads, stop)
            answer_ms, missing = answers_delivered(fake, results)
        except KeyboardInterrupt:
            stop.set()
            print("interrupted: stopping the server", file=sys.stderr)
            return 130
        finally:
            stop_server(proc)
        log_text = Path(log_path).read_text(errors="replace")
        problems = missing + check_log(log_text, client.answered)
        log_lines = sum(1 for line in log_text.splitlines() if line.startswith("{"))
        leaked = BOT_TOKEN in log_text or SIGNING_SECRET in log_text
        return report(args, results, answer_ms, problems, log_lines, client.answered, leaked)


if __name__ == "__main__":
    sys.exit(main())
