"""Whether a date in a sentence is a deadline's, an event's, or neither, read from the words around
it. A date an earlier stage claimed (a meeting's, an event's opening and closing) is neither."""

from __future__ import annotations

from .. import dates
from . import cues

DEADLINE, EVENT, NEITHER = "deadline", "event", ""


def classify(s: str, span: dates.DateSpan, claimed: bool = False) -> str:
    """'deadline', 'event' or '' for a date in a sentence."""
    if claimed:
        return NEITHER
    before = s[max(0, span.begin - 60) : span.begin]
    if cues.DOCUMENT_DATE.search(before):
        return NEITHER
    if cues.DUE_BEFORE.search(before) or cues.END_OF_BUSINESS.search(before):
        return DEADLINE  # "by end of business on 30 June 2025" too
    if cues.CLOSES_ON.search(before):
        return DEADLINE
    if cues.EVENT_CUE.search(before) and not cues.NOT_EVENT_AFTER_ALL.search(before):
        return EVENT
    if cues.DEADLINE_CUE.search(before):
        return DEADLINE
    if cues.DEADLINE_WORD.search(s) and not span.is_range:
        return DEADLINE
    if span.is_range or cues.EVENT_WORD_IN_SENTENCE.search(s):
        return EVENT
    return NEITHER
