"""How well a candidate's kind and content fit what the question asks: "when?" wants a date,
"where?" a place, "who?" a text naming someone (the right role, not a deputy), "how many?" a
number, "why?" a sentence; a record says it more precisely than its paragraph."""

from __future__ import annotations

import re

from ... import dates
from ...question import content_stems, tokens
from ...schema import KINDS
from ...store import search_text
from ...textpatterns import ROLE_WORDS
from .context import Scope
from .lines import Row
from .matching import RELATIVE_TIME, ROLE_MODIFIERS, _adjacent, _names_someone, _stem_sequence
from .replies import Candidate
from .signals import Signals


def kind_fit(s: Scope, signals: Signals, c: Candidate) -> float:
    """A bonus (or, negative, a penalty) for how well the candidate fits the question's intent."""
    q, r = s.q, c.record
    kinds = set(q.kinds)
    if q.intent == "when" and not kinds & {"deadlines"}:
        kinds |= {"events", "meetings"}
    if q.intent == "where":
        kinds |= {"events", "deadlines"}
    if q.intent == "who":
        kinds |= {"people", "partners", "paragraphs"}
    bonus = 0.0
    if c.kind in kinds:
        bonus += 0.12
    elif kinds and c.kind not in ("paragraphs", "recommendations"):
        bonus -= 0.12
    if q.intent == "why" and c.kind not in ("paragraphs", "recommendations"):
        bonus -= 0.3  # reasons are told in sentences, not in a record's fields
    if q.intent == "when":
        text = r.get("text") or "" if c.kind in ("paragraphs", "recommendations") else ""
        has_date = bool(
            r.get("due") or r.get("start") or (text and (dates.find_dates(text, 2000) or RELATIVE_TIME.search(text)))
        )
        bonus += 0.05 if has_date else -1.0  # "when?" is answered by a date or not at all
        if c.kind == "deadlines" and "deadlines" not in q.kinds:
            bonus -= 0.15  # "when is the forum?" asks for the forum's dates, not a deadline near it
    if q.intent == "where":
        has_place = bool(
            r.get("place")
            or r.get("send_to")
            or (c.kind == "paragraphs" and re.search(r"@|\bin [A-Z]", r.get("text") or ""))
        )
        bonus += 0.1 if has_place else -0.15
    if "theme" in q.words:
        bonus += 0.1 if r.get("theme") else -0.3  # a theme is asked: only a record with one answers
    # (added on to the same running sum, in the same order as ever: floating-point sums depend on it)
    bonus = _who_fit(s, signals, c, bonus)
    bonus = _how_many_fit(s, c, bonus)
    if c.kind == "paragraphs":
        bonus -= 0.06  # a record says it more precisely than the paragraph around it
    return bonus


def _who_fit(s: Scope, signals: Signals, c: Candidate, bonus: float) -> float:
    """For "who?": a list of names, a text naming someone, the role asked for (not a deputy's);
    the bonus so far, with these added."""
    q, r = s.q, c.record
    if q.intent == "who" and c.kind == "paragraphs" and r.get("items"):
        bonus += 0.1  # a list of countries or people under a paragraph answers "who"
    if (
        q.intent == "who"
        and c.kind in ("recommendations", "paragraphs", "deadlines", "documents")
        and not r.get("items")
        and not _names_someone(r.get("text") or r.get("source") or "")
    ):
        bonus -= 0.15  # "who ...?" is answered by a text that names someone
    if signals.role_phrase and not any(_adjacent(_stem_sequence(t), *signals.role_phrase) for t in c.fields.values()):
        bonus -= 0.3  # "who is the Executive Secretary?" is not answered by a Director
    if q.intent == "who" and c.kind == "people":
        bonus += 0.1 * role_fit(s, r)
        if missing_role_words(s, r):
            bonus -= 0.4
    return bonus


def _how_many_fit(s: Scope, c: Candidate, bonus: float) -> float:
    """For "how many?": answered by a number (not a year, not a date's day) the question does not
    hold; the bonus so far, with this added."""
    q, r = s.q, c.record
    if q.intent != "how_many":
        return bonus
    said: str = (
        (r.get("text") or "")
        if c.kind in ("paragraphs", "recommendations")
        else search_text(c.kind, dict(r))
        if c.kind in KINDS
        else ""
    )
    for span in reversed(dates.find_dates(said or "", 2000)):  # a date's day is no count
        said = said[: span.begin] + said[span.finish :]
    numbers = set(re.findall(r"\b\d[\d,.]*\b", said or "")) - q.numbers
    numbers = {n for n in numbers if not re.fullmatch(r"(?:19|20)\d\d", n)}
    words = re.findall(
        r"(?i)\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"twenty|thirty|forty|fifty|hundred|dozen)\b",
        said or "",
    )  # "two comments"
    bonus += 0.05 if numbers else -0.15 if words else -1.0
    return bonus


def missing_role_words(s: Scope, person: Row) -> bool:
    """ "Who is the Deputy Secretary-General?" is not answered by the Secretary-General."""
    asked = {w for w in s.q.words if w in ROLE_MODIFIERS or ROLE_WORDS.fullmatch(w.capitalize() or "")}
    have = {w.lower() for w in tokens(f"{person.get('role') or ''}")}
    return bool(asked - have - {"who"})


def role_fit(s: Scope, person: Row) -> float:
    """How well a person's role and name fit the question ("who is the ITU Secretary-General?")."""
    asked = s.q.stems - {"who"}
    have = content_stems(f"{person.get('role') or ''} {person.get('name') or ''}")
    if not asked or not have:
        return 0.0
    return len(asked & have) / len(asked | have) * 2 - 0.5
