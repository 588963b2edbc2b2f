"""Answering delegates' questions from the knowledge base (first version: FTS over paragraphs)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from .store import KnowledgeBase


@dataclass
class Source:
    report: str | None
    paragraph: str | None
    symbol: str | None = None
    text: str | None = None


@dataclass
class Answer:
    answered: bool
    text: str
    confidence: float
    sources: list[Source] = field(default_factory=list)
    record_ids: list[dict] = field(default_factory=list)  # [{"kind": "deadlines", "id": 3}]
    suggestions: list[str] = field(default_factory=list)
    group: str | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        data["answer"] = data.pop("text")
        return data


def answer(kb: KnowledgeBase, question: str, today: date | None = None, group: str | None = None,
           context: str | None = None) -> Answer:
    """context: the previous question in the same conversation (a Slack thread), for follow-ups."""
    words = re.findall(r"\w+", question.lower())
    if not words:
        return Answer(False, "I could not read a question there.", 0.0)
    rows = kb.db.execute(
        "SELECT paragraphs.number, paragraphs.text FROM paragraphs_fts JOIN paragraphs "
        "ON paragraphs.rowid = paragraphs_fts.rowid WHERE paragraphs_fts MATCH ? ORDER BY rank LIMIT 1",
        [" OR ".join(f'"{w}"' for w in words)],
    ).fetchall()
    if not rows:
        return Answer(False, "I don't know; nothing in the reports matches that.", 0.0)
    number, text = rows[0]
    return Answer(True, text[:800], 0.3, [Source(None, number)])


def render_text(reply: Answer) -> str:
    lines = [reply.text]
    for src in reply.sources[:3]:
        lines.append(f"Source: {src.report or 'report'}, paragraph {src.paragraph}" + (f" ({src.symbol})" if src.symbol else ""))
    if reply.suggestions:
        lines.append("Did you mean: " + " | ".join(reply.suggestions))
    return "\n".join(lines)
