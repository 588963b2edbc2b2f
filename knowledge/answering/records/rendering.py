"""Saying the search's best candidate as an answer: outcomes whole (with the other items of their
list), a paragraph's best sentences, several equally good records together, or one record's line."""

from __future__ import annotations

import re

from ... import dates
from ...naming import capitalised, meeting_name
from ..result import Answer
from .context import Scope
from .lines import (
    Row,
    best_sentences,
    deadline_line,
    document_line,
    event_line,
    partner_name,
    person_line,
    recommendations_text,
)
from .meetings import asks_a_deadline, meeting_fact
from .replies import Candidate, reply, source, unknown


def render(s: Scope, best: Candidate, candidates: list[Candidate]) -> Answer:
    """The answer the best candidate gives, among the other candidates."""
    if best.kind in ("recommendations", "paragraphs") and "deadlines" in s.q.kinds:
        # The paragraph that matched holds a deadline record: answer with that record, the
        # structured reading of the same sentence (what, when, where to send it).
        same = s.kb.records(
            "deadlines",
            "report_id IS ? AND paragraph = ?",
            [best.record.get("report_id"), best.record.get("paragraph")],
        )
        if len(same) == 1:
            best = Candidate("deadlines", same[0], best.score, best.coverage)
    kind = best.kind
    if kind in ("recommendations", "paragraphs"):
        # A contribution a delegation proposed is often what "what did X propose?" wants too.
        related = next(
            (
                c
                for c in candidates
                if c.kind == "documents" and c.score >= best.score - 0.06 and c.record.get("summary")
            ),
            None,
        )
        if kind == "recommendations":
            return _outcomes(s, best, candidates, related)
        text = best_sentences(best.record["text"], s.q)
        if related:
            text += " Related: " + document_line(related.record)
        return Answer(True, text, round(min(1.0, best.score), 3), [source(s.ctx, best.record)], [])
    ties = [
        c
        for c in candidates
        if c.kind == kind
        and c is not best
        and c.score >= best.score - 0.02
        and c.record.get("id") != best.record.get("id")
    ]
    if ties and kind in ("deadlines", "events", "documents", "people"):
        return _several(s, best, ties)
    return _one_record(s, best, candidates)


def _outcomes(s: Scope, best: Candidate, candidates: list[Candidate], related: Candidate | None) -> Answer:
    """The outcomes that fit as well as the best, with the rest of its list, said as one."""
    r = best.record
    chosen = {
        c.record["id"]: c.record for c in candidates if c.kind == "recommendations" and c.score >= best.score - 0.04
    }
    for sibling in siblings(s, r):
        chosen.setdefault(sibling["id"], sibling)
    records = sorted(chosen.values(), key=lambda x: x["id"])[:8]
    text = recommendations_text(records)
    topic = r.get("topic")
    if topic and len(topic) < 120 and topic.lower()[:40] not in text.lower():
        text = f"On {topic}: {text}"
    if related and len(text) < 500:
        text += " Related: " + document_line(related.record)
    return reply(s, text, [("recommendations", x) for x in records], best.score)


def _several(s: Scope, best: Candidate, ties: list[Candidate]) -> Answer:
    """Several records fit the question equally well: show them all rather than pick one."""
    kind = best.kind
    line = {
        "deadlines": lambda x: deadline_line(x, s.today, short=True),
        "events": event_line,
        "documents": document_line,
        "people": person_line,
    }[kind]
    chosen = [best] + ties[:3]
    text = "Several match:\n" + "\n".join(f"• {line(c.record)}" for c in chosen)
    return reply(s, text, [(kind, c.record) for c in chosen], best.score * 0.8)


def _one_record(s: Scope, best: Candidate, candidates: list[Candidate]) -> Answer:
    """One record's line, as what is asked of its kind."""
    kind, r, confidence = best.kind, best.record, best.score
    if kind == "deadlines":
        text = deadline_line(r, s.today)
        if s.q.intent == "where" and not r.get("send_to"):
            text += " The report does not say where to send it."
        return reply(s, text, [(kind, r)], confidence)
    if kind == "events":
        if "theme" in s.q.words and not r.get("theme"):
            return unknown(f"The reports give no theme for {r['name']}.", candidates, confidence)
        return reply(s, event_line(r, s.q), [(kind, r)], confidence)
    if kind == "partners":
        return reply(
            s,
            f"{partner_name(r)} is a {r['tier']} partner" + (f" of {r['event']}." if r.get("event") else "."),
            [(kind, r)],
            confidence,
        )
    if kind == "people":
        return reply(s, person_line(r), [(kind, r)], confidence)
    if kind == "documents":
        return reply(s, document_line(r), [(kind, r)], confidence, r.get("symbol"))
    if kind == "meetings":
        if asks_a_deadline(s.q):
            return unknown("I don't know that from the reports I have.", candidates)
        line = (
            meeting_fact(s, r)
            or f"{capitalised(meeting_name(r))} was held on {dates.human_range(r['start'], r['end'])}."
        )
        return reply(s, line, [(kind, r)], confidence)
    return unknown("I don't know that from the reports I have.", candidates)


def siblings(s: Scope, r: Row) -> list[dict]:
    """The other items of one list ("The secretariat was requested: i. ...; ii. ...; iii. ..."):
    one outcome, said in parts, is answered whole."""
    number = r.get("paragraph") or ""
    parent, _, last = number.rpartition(" ")
    if not parent or not re.fullmatch(r"[ivx]+\.|\d+\.?|\d+\)", last):
        return []
    rows = s.rows("recommendations", "report_id IS ? AND paragraph LIKE ?", [r.get("report_id"), parent + " %"])
    stem_text = r["text"][:30]
    return [x for x in rows if x["text"][:30] == stem_text and x["paragraph"].count(" ") == number.count(" ")]
