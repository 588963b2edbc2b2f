"""Questions naming an event ("When is the WSIS Forum 2020?", "Where is ...?", "What is the theme
of ...?"), answered from that event's record or honestly not, rather than about another event."""

from __future__ import annotations

import re
from functools import lru_cache

from ...question import STOPWORDS, content_stems
from ..result import Answer
from .context import Scope
from .lines import event_line
from .replies import Candidate, reply, unknown


def event_by_name(s: Scope) -> Answer | None:
    """ "When is the WSIS Forum 2020?" names an event: answer from that event's record, or say
    that the reports do not give what is asked, rather than answer about another event."""
    q = s.q
    if q.intent not in ("when", "where") and "theme" not in q.words or "deadlines" in q.kinds:
        return None
    from ...textpatterns import event_key, named_events

    expansions = {a: sorted(e)[0] for a, e in s.ctx.expansions.items() if " " not in a}
    named = named_events(q.normalized, expansions) or named_events(q.normalized.title(), expansions)
    if not named:
        return None
    words = named[-1][0].split()
    while words and words[0].lower() in STOPWORDS | {"does", "will", "being", "held", "theme", "of"}:
        words.pop(0)
    named = [(as_written(s, " ".join(words)), 0, 0)] if words else named
    wanted = set(event_key(named[-1][0], expansions).split())
    events = s.rows("events")
    frozen = tuple(sorted(expansions.items()))
    match = [e for e in events if wanted <= _key_words(e["name"], frozen)]
    if not match:
        return unknown(
            f"The reports give no {'theme' if 'theme' in q.words else 'place' if q.intent == 'where' else 'dates'} "
            f"for {named[-1][0]}.",
            [Candidate("events", e) for e in events[:3]],
            0.2,
        )
    # the most specific event the question describes ("the ministerial meeting of HLPF 2020")
    e = max(match, key=lambda x: (len(content_stems(x["name"]) & q.stems), -len(x["name"])))
    asked = (
        "theme"
        if "theme" in q.words
        else "start"
        if re.search(r"\bwhen\b", q.text, re.I) or q.intent == "when"
        else "place"
    )
    if not e.get(asked):
        what = {"theme": "theme", "place": "place", "start": "dates"}[asked]
        return unknown(f"The reports mention {e['name']} but give no {what} for it.", [Candidate("events", e)], 0.3)
    return reply(s, event_line(e, q), [("events", e)], 0.9)


@lru_cache(maxsize=100_000)
def _key_words(name: str, expansions: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """An event name's key words, kept: every question naming an event compares it with them all."""
    from ...textpatterns import event_key

    return frozenset(event_key(name, dict(expansions)).split())


def as_written(s: Scope, name: str) -> str:
    """A name as the reports spell it ("WSIS Forum 2020" for a typed "wsis forum 2020")."""
    row = s.kb.conn.execute("SELECT text FROM paragraphs WHERE text LIKE ? LIMIT 1", [f"%{name}%"]).fetchone()
    if row:
        m = re.search(re.escape(name), row[0], re.I)
        if m:
            return m.group(0)
    return name
