"""What the Slack bot remembers between requests, in tables of the knowledge base file.

- ``slack_events_seen``: requests already taken — an event's id, an interaction's or a command's
  trigger_id — so that an event Slack retries (X-Slack-Retry-Num), or a signed request someone
  replays within its five minutes, is handled once, also across a restart.
- ``slack_threads``: the last question asked in each thread, the context for a follow-up there.
- ``slack_answers``: answers given, so that the buttons under one (share, 👍/👎) act on what the
  person saw, with a short id in the button instead of the whole answer.

The tables are created by the knowledge base's migrations (knowledge.schema._v6_slack_memory);
this module only reads and writes them.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timezone

from knowledge.answering import Answer, Source

from .slack_text import is_number

# Slack retries an event for about an hour, and a signature is good for five minutes: a day is a
# wide margin. Old ids are pruned at most every PRUNE_EVERY_S seconds, as requests come in.
SEEN_EVENTS_KEPT_S = 24 * 3600
PRUNE_EVERY_S = 600
MAX_STORED_QUESTION = 2000  # characters of a question kept; Slack allows 40,000 in a message


class Memory:
    """The bot's tables on one SQLite connection (the calling thread's)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def first_time(self, request_key: str, now: float | None = None) -> bool:
        """True the first time a request key is seen; atomic, so two deliveries racing cannot both win."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO slack_events_seen (event_id, seen_at) VALUES (?, ?)",
            [request_key, time.time() if now is None else now],
        )
        return cur.rowcount == 1

    def prune_seen(self, now: float | None = None) -> int:
        """Forget request keys older than SEEN_EVENTS_KEPT_S; how many were forgotten."""
        cutoff = (time.time() if now is None else now) - SEEN_EVENTS_KEPT_S
        return self.conn.execute("DELETE FROM slack_events_seen WHERE seen_at < ?", [cutoff]).rowcount

    def remember_thread(self, channel: str, thread_ts: str, question: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO slack_threads (channel, thread_ts, question, at) VALUES (?, ?, ?, ?)",
            [channel, thread_ts, question[:MAX_STORED_QUESTION], time.time()],
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
            [
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
                user_id,
                channel,
                question[:MAX_STORED_QUESTION],
                json.dumps(reply.to_json(), ensure_ascii=False, default=str),
            ],
        )
        return str(cur.lastrowid)

    def load_answer(self, ref: str) -> tuple[str, Answer] | None:
        """The question and answer stored under ``ref``, or None if there is no such answer."""
        if not is_number(str(ref)):
            return None
        row = self.conn.execute("SELECT question, answer FROM slack_answers WHERE id = ?", [int(ref)]).fetchone()
        if row is None:
            return None
        return row[0], answer_from_json(json.loads(row[1]))


def answer_from_json(data: dict) -> Answer:
    """Answer.to_json() read back; unknown keys (fields added later) are ignored."""
    sources = [
        Source(s.get("report"), s.get("paragraph"), s.get("symbol"), s.get("text"))
        for s in data.get("sources") or []
        if isinstance(s, dict)
    ]
    return Answer(
        answered=bool(data.get("answered")),
        text=str(data.get("answer") or ""),
        confidence=float(data.get("confidence") or 0.0),
        sources=sources,
        record_ids=list(data.get("record_ids") or []),
        suggestions=list(data.get("suggestions") or []),
        group=data.get("group"),
    )
