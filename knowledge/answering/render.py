"""Stage 5, rendering: the chosen candidate as an answer — the fact the question asks for first
where it can be picked out (the date, the name, the number), then the sentence it stands in,
citing its report and paragraph; or an honest "I don't know".
"""

from __future__ import annotations

import re

from ..evidence.holds import context_dates
from ..lexicon import content_stems
from .candidates import Candidate
from .question import Reading
from .result import MAX_CHARS, Answer, Source

# Which holding is the fact for which answer type, most specific first.
FACT_HOLDINGS = {
    "date": ("date",),
    "time": ("time",),
    "duration": ("duration",),
    "language": ("language",),
    "person": ("person",),
    "count": ("number",),
    "amount": ("amount", "number"),
    "place": ("place",),
    "contact": ("contact",),
    "symbol": ("symbol",),
}
SENTENCE_ROOM = MAX_CHARS - 160  # what is left of an answer for the sentence after the fact and heading

NOT_KNOWN = "I don't know that from the reports I have."
NOT_ENGLISH = "I read questions in English. Could you ask it in English?"


def fact_of(reading: Reading, c: Candidate) -> str | None:
    """The first fact of the asked type the candidate holds that the question does not name itself
    (asked "how many comments on version 3.0?", the count, never "3.0")."""
    asked = reading.text.lower()
    for holding in FACT_HOLDINGS.get(reading.answer_type, ()):
        values = [v for v in c.holds.get(holding, []) if v.strip() and v.strip().lower() not in asked]
        if holding == "number":  # a count is not the year of a date ("as of 2025-03-25 there were 8169")
            values = [v for v in values if not _a_year_of(v, c.text)] or values
        if values:
            return values[0]
    if reading.answer_type == "date" and context_dates(c.context):
        return _session_of(c.context)
    return None


def _a_year_of(number: str, text: str) -> bool:
    """Whether a number a sentence holds is a year: 1900-2099, or the first part of an ISO date."""
    return bool(re.fullmatch(r"(?:19|20)\d\d", number.strip())) or bool(
        re.search(rf"\b{re.escape(number.strip())}-\d\d-\d\d\b", text)
    )


def _session_of(context: str) -> str:
    """The dated heading a unit stands under ("Thursday, 21 November 2019"), whole."""
    return next(part for part in context.split(" / ") if context_dates(part))


def needs_context(features: dict[str, float]) -> bool:
    """Whether the heading above a sentence answered part of the question, so it is shown with it."""
    return features["coverage"] > features["text_coverage"] + 0.05


def _window(text: str, reading: Reading, room: int) -> str:
    """A long sentence cut to the part around the first word the question asks about."""
    if len(text) <= room:
        return text
    stems = {t.stem for t in reading.terms}
    start = 0
    for m in re.finditer(r"\w+", text):
        word_stems = content_stems(m.group(0))
        if word_stems and word_stems[0] in stems:
            start = max(0, m.start() - room // 3)
            break
    piece = text[start : start + room]
    return ("\u2026" if start else "") + piece.strip() + ("\u2026" if start + room < len(text) else "")


def evidence_answer(reading: Reading, c: Candidate, confidence: float, use_context: bool) -> Answer:
    fact = fact_of(reading, c)
    body = _window(c.text, reading, SENTENCE_ROOM)
    heading = c.context.split(" / ")[-1] if c.context else ""
    if heading and (use_context or len(c.text.split()) < 8) and heading not in body:
        body = f"{heading[:150].rstrip(':')}: {body}"
    text = f"{fact} \u2014 {body}" if fact and fact != c.text.strip() else body
    source = Source(c.report, c.paragraph or None, None, c.text[:MAX_CHARS])
    return Answer(True, text[:MAX_CHARS], round(confidence, 3), [source], fact=fact)


def unknown(suggestions: list[str] | None = None, confidence: float = 0.0) -> Answer:
    return Answer(False, NOT_KNOWN, round(confidence, 3), suggestions=suggestions or [])
