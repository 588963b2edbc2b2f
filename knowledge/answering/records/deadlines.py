"""Questions about deadlines in a period ("What is due in March?", "whats due 22 nov 2019?", "any
upcoming deadlines?", "list all deadlines"), answered from the deadline records."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from ... import dates
from ...question import KIND_WORDS, content_stems, stem
from ..result import Answer
from .context import Scope
from .lines import Row, _period_phrase, deadline_line
from .replies import reply


def deadlines_in_period(s: Scope) -> Answer | None:
    """The deadlines of the period the question gives (or the coming ones, or all), or None when
    the question asks about a particular deadline rather than a period."""
    q, today = s.q, s.today
    if "deadlines" not in q.kinds and not re.search(r"\bdue\b", q.text, re.I):
        return None
    period = _asked_period(s)
    if period is None and not (q.upcoming and today) and not (q.wants_all and not _specific_words(s)):
        return None
    if period:
        label = period.label
        rows = s.kb.deadlines(period.start, period.end, s.group_id)
        if _specific_words(s, extra={stem(w) for w in period.label.lower().split()}):
            rows = [r for r in rows if _covers(s, period, r)]
            if not rows:
                return None
    elif q.upcoming and today:
        label = "coming up"
        rows = s.kb.deadlines(today, None, s.group_id, limit=10)
    else:
        label = "in the reports"
        rows = s.kb.deadlines(group_id=s.group_id)
    if not rows:
        return Answer(True, f"No deadlines {_period_phrase(label)}.", 0.8)
    lines = [f"• {deadline_line(r, today, short=True)}" for r in rows]
    return reply(s, f"Deadlines {_period_phrase(label)}:\n" + "\n".join(lines), [("deadlines", r) for r in rows], 0.85)


def _asked_period(s: Scope) -> dates.Period | None:
    """The question's period, or the one day it names when it asks nothing more specific
    ("whats due 22 nov 2019?")."""
    q = s.q
    day = [sp for sp in dates.find_dates(q.text, s.today.year if s.today else None) if not sp.is_range]
    if q.period is None and day and not _specific_words(s):
        return dates.Period(day[0].start, day[0].end, f"on {dates.human(day[0].start)}")
    return q.period


def _specific_words(s: Scope, extra: AbstractSet[str] = frozenset()) -> set[str]:
    """The question's stems that name a particular deadline: not generic, not a date's."""
    generic = {stem(w) for ws in KIND_WORDS.values() for w in ws} | {
        stem(w)
        for w in (
            "upcoming",
            "next",
            "coming",
            "soon",
            "week",
            "month",
            "today",
            "list",
            "there",
            "any",
            "open",
            "future",
            "remaining",
            "what's",
            "whats",
        )
    }
    months = {stem(m) for m in dates.MONTHS}
    return {x for x in s.q.stems if x not in generic and x not in extra and not x.isdigit() and x not in months}


def _covers(s: Scope, period: dates.Period | None, record: Row) -> bool:
    """Whether a deadline record holds at least half the question's specific words."""
    words = content_stems(" ".join(str(v) for v in record.values() if isinstance(v, str)))
    specific = _specific_words(s, extra={stem(w) for w in (period.label.lower().split() if period else [])})
    return not specific or len(specific & words) / len(specific) >= 0.5
