"""How records are said in an answer: one line for a deadline, an event, a person, a document,
a partner; several outcomes joined; the sentences of a long paragraph that answer; and the question
a record could answer, offered as a suggestion."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from ... import dates
from ...naming import meeting_name
from ...question import Question
from ...textpatterns import ordinal
from .matching import _stems_of


def _paren(text: str | None) -> str:
    """ " (text)", or nothing when there is no text."""
    return f" ({text})" if text else ""


def _period_phrase(label: str) -> str:
    """ "in March 2020", "next week", "coming up": a period's label as it follows "Deadlines"."""
    if label in ("coming up", "in the reports"):
        return label
    if label.startswith(("next", "this", "the next", "on ")):
        return label
    return f"in {label}"


# A record as the handlers read it: a row of its kind (knowledge.record_types) or a paragraph.
Row = Mapping[str, Any]


def deadline_line(r: Row, today: date | None, short: bool = False) -> str:
    """A deadline: what, when (and in how many days), extended from when, by whom, where to send it.
    ``short`` for one item of a list."""
    due = dates.from_iso(r["due"])
    when = dates.human(due) if due else dates.due_text(None, words=r.get("due_words"))
    text = f"{r['title']}: {when}" if short else f"{r['title']} — due {when}"
    if today and due:
        text += f" ({dates.days_between_phrase(due, today)})"
    if r.get("original_due"):
        text += f", extended from {dates.human(r['original_due'])}"
    if r.get("audience") and not short:
        text += f"; to be done by {r['audience']}"
    if r.get("send_to"):
        text += f"; send to {r['send_to']}"
        if r.get("subject"):
            text += f" with the subject “{r['subject']}”"
    if not short and r.get("event") and r["event"].lower() not in r["title"].lower():
        text += f" ({r['event']})"
    return text + ("" if short else ".")


def event_line(r: Row, q: Question | None = None) -> str:
    """An event: its dates, place and theme, or just its theme or place when that is what is asked."""
    parts = []
    when = dates.human_range(r.get("start"), r.get("end")) if r.get("start") else None
    if q and "theme" in q.words and r.get("theme"):
        return f"The theme of {r['name']} is “{r['theme']}”."
    if q and q.intent == "where" and r.get("place"):
        return f"{r['name']} takes place in {r['place']}" + (f", {when}." if when else ".")
    parts.append(r["name"])
    if when:
        parts.append(f": {when}")
    if r.get("place"):
        parts.append(f", {r['place']}")
    text = "".join(parts) + "."
    if r.get("theme"):
        text += f" Theme: “{r['theme']}”."
    return text


def partner_name(p: Row) -> str:
    """A partner's name with its abbreviation."""
    return p["name"] + (f" ({p['abbreviation']})" if p.get("abbreviation") else "")


def person_line(p: Row) -> str:
    """A person: name, country and role ("X represented Vice-Chair Y." as the report says it)."""
    text = p["name"] + _paren(p.get("country"))
    if p.get("organisation"):
        text += f", {p['organisation']}"
    role = p.get("role")
    if role and re.match(r"(?i)represented\b", role):
        return f"{text} {role[0].lower()}{role[1:]}."  # "X represented Vice-Chair Y."
    if role:
        text += f" — {role}"
    return text + "."


def document_line(d: Row) -> str:
    """A document: symbol, title, submitter, meeting, and its summary (or where the report mentions it)."""
    text = f"{d['symbol']}: {d['title']}" if d.get("symbol") and d["title"] != d["symbol"] else d["title"]
    extra = []
    if d.get("submitter"):
        extra.append(f"submitted by {d['submitter']}")
    if d.get("meeting"):
        extra.append(f"{ordinal(d['meeting'])} meeting")
    text += (f" ({'; '.join(extra)})" if extra else "") + "."
    if d.get("summary"):
        text += " " + d["summary"][:500]
    elif d["title"] == d.get("symbol") and d.get("source"):
        text += f" The report mentions it: “{d['source'][:400]}”"  # no title given: show where it stands
    return text


def recommendations_text(records: list[Row]) -> str:
    """Several outcomes as one sentence when they share an opening ("The Group agreed to: a; b; c.")."""
    texts = [r["text"].rstrip(" ;.") for r in records]
    if len(texts) > 1:
        prefix = _common_prefix(texts)
        if len(prefix) > 30:
            return prefix.rstrip() + " " + "; ".join(t[len(prefix) :].strip() for t in texts) + "."
    return " ".join(t + "." for t in texts)


def _common_prefix(texts: list[str]) -> str:
    """The longest opening all texts share, cut back to a whole word."""
    first, prefix_len = texts[0], len(texts[0])
    for t in texts[1:]:
        i = 0
        while i < min(prefix_len, len(t)) and first[i] == t[i]:
            i += 1
        prefix_len = i
    prefix = first[:prefix_len]
    return prefix[: prefix.rfind(" ") + 1] if " " in prefix else ""


def best_sentences(text: str, q: Question) -> str:
    """A long paragraph cut to the two sentences sharing most words with the question, in order."""
    from ...paragraphs import sentences

    parts = sentences(text, semicolons=False)
    if len(text) <= 400 or len(parts) <= 1:
        return text
    scored = sorted(parts, key=lambda s: -len(_stems_of(s) & q.stems))
    keep = set(scored[:2])
    return " ".join(s for s in parts if s in keep)


def suggestion_for(kind: str, r: Row) -> str | None:
    """A question this record answers, offered when the asked one was not understood."""
    if kind == "deadlines":
        return f"When is the deadline for {_lower_first(r['title'])}?"
    if kind == "events":
        return f"When is {r['name']}?"
    if kind == "partners":
        return f"Who are the {r['tier']} partners?" if r.get("tier") else None
    if kind == "meetings":
        return f"When was {meeting_name(r)}?" if r.get("number") is not None else f"Where was {meeting_name(r)}?"
    if kind == "documents":
        return f"What is document {r['symbol']}?" if r.get("symbol") else None
    if kind == "people":
        return f"Who is {r['name']}?"
    if kind == "recommendations" and r.get("topic"):
        return f"What did the group say about {r['topic'][:80]}?"
    return None


def _lower_first(title: str) -> str:
    """ "Comments on the draft" -> "comments on the draft", in a sentence; a name keeps its
    capitals ("SMPTE 2025 ...", "DigiPro CFP")."""
    first = title.split(" ", 1)[0]
    if len(first) > 1 and (first[1:2].isupper() or any(ch.isupper() for ch in first[1:])):
        return title
    return title[:1].lower() + title[1:]
