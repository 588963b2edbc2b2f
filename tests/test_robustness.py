"""Holding up: hostile questions, a bulk load killed part way, writers and readers in separate
processes on one file, a backup taken while writing, and property tests for the parsers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from knowledge.answering import MAX_CHARS, answer
from knowledge.importer import import_text
from knowledge.question import parse
from knowledge.reading import ReportError
from knowledge.store import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "'; DROP TABLE deadlines; --",
    '" OR 1=1 --',
    '"NEAR(',
    "*",
    'deadline NEAR("hlpf" "input", 2) AND * OR ^',
    "x" * 100_000,
    "when\x00is\x07the\x1bdeadline\u202e?\u200f",
    "\u202eenildaed FPLH\u202c",
    "🎉🎉 when is the hlpf deadline 🎉",
    "SELECT * FROM search",
    "%s %d {0} ${HOME} $(rm -rf /)",
    "\n\t  ",
]


def test_hostile_questions_get_one_json_line_each_and_change_nothing(tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db), "import", str(sample_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    before = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db), "export"], capture_output=True, text=True, cwd=ROOT
    ).stdout
    stdin = "".join(q.replace("\n", " ") + "\n" for q in HOSTILE)
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db), "ask", "--json", "-"],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(HOSTILE)
    for line in lines:
        reply = json.loads(line)
        assert isinstance(reply["answered"], bool) and len(reply["answer"]) <= MAX_CHARS
    after = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db), "export"], capture_output=True, text=True, cwd=ROOT
    ).stdout
    assert after == before


def _big_load_file(path: Path, n: int) -> None:
    path.write_text(
        json.dumps(
            {
                "deadlines": [
                    {"title": f"Comments on draft {i}", "due": "2030-01-01", "source": "x " * 50} for i in range(n)
                ]
            }
        )
    )


def test_a_bulk_load_killed_part_way_leaves_all_or_nothing(tmp_path):
    db = tmp_path / "kb.sqlite"
    with KnowledgeBase(db) as kb:
        kb.add("deadlines", {"title": "Before", "due": "1 March 2020"})
    big = tmp_path / "big.json"
    _big_load_file(big, 40_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--db", str(db), "load", str(big)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # kill it once the load is under way (its transaction holds the write lock), well before it ends
    deadline = time.time() + 30
    while time.time() < deadline and not (db.parent / "kb.sqlite-wal").exists():
        time.sleep(0.01)
    time.sleep(1.0)
    assert proc.poll() is None, "the load finished before it could be killed; make it bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = conn.execute("SELECT count(*) FROM deadlines").fetchone()[0]
    assert count in (1, 40_001)
    conn.close()
    with KnowledgeBase(db) as kb:  # and it opens and takes writes again
        kb.add("deadlines", {"title": "After", "due": "2 March 2020"})


WRITER = """
import sys
from knowledge.store import KnowledgeBase
kb = KnowledgeBase(sys.argv[1])
for i in range(int(sys.argv[2])):
    kb.add("deadlines", {"title": f"{sys.argv[3]} {i}", "due": "1 March 2030"}, actor=sys.argv[3])
"""
READER = """
import sys
from knowledge.store import KnowledgeBase
from knowledge.answering import answer
kb = KnowledgeBase(sys.argv[1])
for i in range(int(sys.argv[2])):
    answer(kb, "when is the deadline for writer comments?")
    kb.records("deadlines", "due >= ?", ["2030-01-01"])
"""


def test_writers_and_readers_in_separate_processes_lose_nothing(tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    with KnowledgeBase(db) as kb:
        from knowledge.importer import import_file

        import_file(kb, sample_path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), "60", f"writer{w}"], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for w in range(3)
    ]
    procs += [
        subprocess.Popen([sys.executable, "-c", READER, str(db), "40"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    errors = [p.communicate(timeout=180)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    assert not any("locked" in e for e in errors)
    with KnowledgeBase(db) as kb:
        titles = {r["title"] for r in kb.records("deadlines", "due = ?", ["2030-03-01"])}
    assert titles == {f"writer{w} {i}" for w in range(3) for i in range(60)}


def test_a_backup_taken_while_another_process_writes_is_consistent(tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    with KnowledgeBase(db) as kb:
        from knowledge.importer import import_file

        import_file(kb, sample_path)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "200", "busy"], cwd=ROOT)
    try:
        copy = tmp_path / "copy.sqlite"
        with KnowledgeBase(db) as kb:
            kb.backup(copy)
    finally:
        writer.wait(timeout=120)
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with KnowledgeBase(copy) as backup:
        exported = backup.export()
        assert len(exported["partners"]) == 12
        # the copy holds a whole number of committed writes: each add is one transaction
        busy = [d for d in exported["deadlines"] if d["title"].startswith("busy ")]
        assert sorted(int(d["title"].split()[1]) for d in busy) == list(range(len(busy)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_question_is_parsed_and_answered_without_error(sample_kb, text):
    q = parse(text)
    assert q.intent in {"when", "who", "where", "how_many", "what", "list"}
    reply = answer(sample_kb, text)
    assert isinstance(reply.answered, bool) and len(reply.text) <= MAX_CHARS


_LINES = st.sampled_from(
    [
        "1. Introduction",
        "1.1. The 3rd meeting was held on 4 May 2021 in Geneva.",
        "a) Topic:",
        "1) The secretariat was requested to report by 1 June 2021;",
        "i. to publish the list;",
        "· Kenya",
        "2.1.1. Draft plan (WG-3/4);",
        "Partners: A (Gold); B, C (Silver).",
        "The deadline for comments is 15 March.",
        "Ms Ana Pereira (Portugal), Chair of the Group, thanked Mr Li.",
        "The Forum will be held from 6 to 7 June 2021 in Lima under the theme “Safe”.",
        "",
        "___",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=25))
def test_the_importer_takes_any_text_or_refuses_it_cleanly(tmp_path, lines):
    with KnowledgeBase(tmp_path / f"kb-{abs(hash(tuple(lines)))}.sqlite") as kb:
        try:
            import_text(kb, "\n".join(lines), "report.txt")
        except ReportError:
            assert kb.is_empty()  # refused: nothing written
        else:
            assert kb.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["name", "country", "represented_by", "town"]), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_JSON)
def test_any_nested_value_is_refused_or_answered_from(sample_kb, value):
    """Whatever shape a meeting's vice-chairs are given in, either it is refused (nothing written)
    or every question about the meeting is still answered without an error."""
    from knowledge.store import ValidationError

    meeting = sample_kb.records("meetings")[-1]
    try:
        sample_kb.update("meetings", meeting["id"], {"vice_chairs": value})
    except ValidationError:
        assert sample_kb.get("meetings", meeting["id"]) == meeting
        return
    for question in (
        f"who were the vice-chairs of the {meeting['number']}th meeting?",
        f"who chaired meeting {meeting['number']}?",
    ):
        assert isinstance(answer(sample_kb, question).answered, bool)
