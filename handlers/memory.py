"""What the Slack bot remembers between requests, in its own tables of the knowledge base file.

- ``slack_events_seen``: event ids already taken, so that an event Slack retries (X-Slack-Retry-Num)
  is answered once, also across a restart.
- ``slack_threads``: the last question asked in each thread, the context for a follow-up there.
- ``slack_answers``: answers given, so that the buttons under one (share, 👍/👎) act on what the
  person saw, with a short id in the button instead of the whole answer.

The tables live beside the knowledge base's own (created with IF NOT EXISTS, outside its migrations)
because they belong to this adapter, not to the domain.
"""
from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timezone

from knowledge.answering import Answer, Source

SCHEMA = """
CREATE TABLE IF NOT EXISTS slack_events_seen (event_id TEXT PRIMARY KEY, seen_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS slack_events_seen_at ON slack_events_seen (seen_at);
CREATE TABLE IF NOT EXISTS slack_threads (
    channel TEXT NOT NULL, thread_ts TEXT NOT NULL, question TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (channel, thread_ts)
);
CREATE TABLE IF NOT EXISTS slack_answers (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, channel TEXT, question TEXT NOT NULL,
    answer TEXT NOT NULL
);
"""

# Slack retries an event for about an hour; a day is a wide margin.
SEEN_EVENTS_KEPT_S = 24 * 3600


class Memory:
    """The bot's tables on one SQLite connection (the calling thread's)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @staticmethod
    def create(conn: sqlite3.Connection) -> None:
        conn.executescript(SCHEMA)
        conn.execute("DELETE FROM slack_events_seen WHERE seen_at < ?", [time.time() - SEEN_EVENTS_KEPT_S])

    def first_time(self, event_id: str) -> bool:
        """True the first time an event id is seen; atomic, so two deliveries racing cannot both win."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO slack_events_seen (event_id, seen_at) VALUES (?, ?)", [event_id, time.time()]
        )
        return cur.rowcount == 1

    def remember_thread(self, channel: str, thread_ts: str, question: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO slack_threads (channel, thread_ts, question, at) VALUES (?, ?, ?, ?)",
            [channel, thread_ts, question, time.time()],
        )

    def thread_question(self, channel: str, thread_ts: str | None) -> str | None:
        if not thread_ts:
            return None
        row = self.conn.execute(
            "SELECT question FROM slack_threads WHERE channel = ? AND thread_ts = ?", [channel, thread_ts]
        ).fetchone()
        return row[0] if row else None

    def save_answer(self, question: str, reply: Answer, *, user_id: str | None, channel: str | None) -> str:
        """Store an answer; returns the reference the message's buttons carry."""
        cur = self.conn.execute(
            "INSERT INTO slack_answers (at, user_id, channel, question, answer) VALUES (?, ?, ?, ?, ?)",
            [datetime.now(timezone.utc).isoformat(timespec="seconds"), user_id, channel, question,
             json.dumps(reply.to_json(), ensure_ascii=False, default=str)],
        )
        return str(cur.lastrowid)

    def load_answer(self, ref: str) -> tuple[str, Answer] | None:
        """The question and answer stored under ``ref``, or None if there is no such answer."""
        if not str(ref).isdigit():
            return None
        row = self.conn.execute("SELECT question, answer FROM slack_answers WHERE id = ?", [int(ref)]).fetchone()
        if row is None:
            return None
        return row[0], answer_from_json(json.loads(row[1]))


def answer_from_json(data: dict) -> Answer:
    """Answer.to_json() read back; unknown keys (fields added later) are ignored."""
    sources = [
        Source(s.get("report"), s.get("paragraph"), s.get("symbol"), s.get("text"))
        for s in data.get("sources") or [] if isinstance(s, dict)
    ]
    return Answer(
        answered=bool(data.get("answered")), text=str(data.get("answer") or ""),
        confidence=float(data.get("confidence") or 0.0), sources=sources,
        record_ids=list(data.get("record_ids") or []), suggestions=list(data.get("suggestions") or []),
        group=data.get("group"),
    )
