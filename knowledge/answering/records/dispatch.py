"""The record side's entry point: read the question, choose the group, try the structured
handlers in a fixed order (the first that answers wins), else the search's best match; then label
the answer with its group and fit it to the message size."""

from __future__ import annotations

import re
from datetime import date

from ...question import parse
from ...schema import KINDS
from ...store import KnowledgeBase
from ..result import Answer, fit as _fit
from .abbreviations import abbreviation_meaning
from .context import Context, Scope, _choose_group, _context, _with_context
from .deadlines import deadlines_in_period
from .documents import document_by_symbol
from .events import event_by_name
from .fallback import ANSWER_THRESHOLD, best_match
from .meetings import meeting_by_number, meeting_next_or_last, meetings_in_general, naming_the_next_meeting
from .partners import partners_by_tier
from .people import organisation_of_person, people_by_organisation, people_by_role, person_by_role
from .ranking import ranked

# Tried in this order; the order decides which handler answers a question two could take.
HANDLERS = (
    abbreviation_meaning,
    meeting_by_number,
    meeting_next_or_last,
    document_by_symbol,
    partners_by_tier,
    deadlines_in_period,
    meetings_in_general,
    event_by_name,
    people_by_role,
    person_by_role,
    people_by_organisation,
    organisation_of_person,
)


_NOT_OF_MEETINGS = tuple(h for h in HANDLERS if h not in (meeting_by_number, meeting_next_or_last))


def answer_in_scope(s: Scope, handlers=HANDLERS) -> Answer:
    """The first structured handler's answer, else the search's best match."""
    for handler in handlers:
        reply = handler(s)
        if reply is not None:
            return reply
    return best_match(s)


def record_answer(
    kb: KnowledgeBase, question: str, today: date | None = None, group: str | None = None, context: str | None = None
) -> Answer:
    """Answer one question. ``context`` is the previous question of the same conversation (a Slack
    thread): a short follow-up ("and the final draft one?") borrows what it asks from there."""
    ctx = _context(kb)
    text = _with_context(question, context)
    q = parse(text, today, ctx.correct, ctx.meeting_prefixes)
    if not q.words and not q.meetings and not q.symbols:
        return Answer(False, "I could not find a question there. Try e.g. “When is the next deadline?”", 0.0)
    group_id, group_label = _choose_group(ctx, q, group)
    if group and group_id is None:
        names = ", ".join(g["abbreviation"] or g["name"] for g in ctx.groups) or "none yet"
        return Answer(False, f"I have no reports from a group called “{group}”. Groups I know: {names}.", 0.0)
    scope = Scope(kb, ctx, q, today, group_id)
    named = naming_the_next_meeting(scope)
    if named:  # "contributions for the next session": the deadlines name it by its number
        scope = Scope(kb, ctx, parse(named, today, ctx.correct, ctx.meeting_prefixes), today, group_id)
        reply = answer_in_scope(scope, _NOT_OF_MEETINGS)  # it asks what is due, not the meeting's facts
    else:
        reply = answer_in_scope(scope)
    if len(ctx.groups) > 1:
        label = group_label or group_label_of(kb, ctx, reply)
        if label and reply.answered:
            reply.group = label
            reply.text = f"[{label}] {reply.text}"
    reply.text = _fit(reply.text)
    return reply


_A_MEETING = re.compile(r"(?i)\b(?:meeting|mtg|session|plenary)s?\b")


def meetings_named(kb: KnowledgeBase, question: str, today: date | None = None) -> str:
    """The question with a meeting it names by place or as "the next" named by its number, when it
    asks what is due for it ("contributions for the Montevideo meeting" -> "for the 14th
    meeting"), as the reports title such deadlines; else the question as asked."""
    if not _A_MEETING.search(question):
        return question  # most questions name none: not read twice
    ctx = _context(kb)
    q = parse(question, today, ctx.correct, ctx.meeting_prefixes)
    if not q.words:
        return question
    return naming_the_next_meeting(Scope(kb, ctx, q, today, None)) or question


def group_label_of(kb: KnowledgeBase, ctx: Context, reply: Answer) -> str | None:
    """The label of the one group the answer's records belong to; None when they are of several
    (each fact then says whose it is) or of none known."""
    labels = set()
    for ref in reply.record_ids:
        record = kb.get(ref["kind"], ref["id"]) if ref["kind"] in KINDS else None
        if record:
            labels |= {g["abbreviation"] or g["name"] for g in ctx.groups if g["id"] == record.get("group_id")}
    return labels.pop() if len(labels) == 1 else None


def explain(kb: KnowledgeBase, question: str, today: date | None = None, limit: int = 8) -> list[str]:
    """The search's best candidates with their scores, for tuning (``rapporteur ask --explain``)."""
    ctx = _context(kb)
    q = parse(question, today, ctx.correct, ctx.meeting_prefixes)
    candidates = ranked(Scope(kb, ctx, q, today, None))
    lines = [f"intent={q.intent} kinds={sorted(q.kinds)} words={q.words} threshold={ANSWER_THRESHOLD}"]
    for c in candidates[:limit]:
        label = c.record.get("title") or c.record.get("name") or c.record.get("text") or c.record.get("number")
        lines.append(f"{c.score:6.3f} cov={c.coverage:5.3f} {c.kind:<15} {str(label)[:90]}")
    return lines
