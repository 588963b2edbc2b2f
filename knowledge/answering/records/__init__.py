"""Record candidates: what the structured records (meetings, deadlines, partners, documents, people,
events, recommendations) answer of a question, with the records' own confidence.

This is the first engine's record side, kept as one source of candidates for the ranking in
knowledge.answering; the evidence layer is the other.

``record_answer(kb, question)`` is the one entry point (dispatch.py). It reads the question, then:
1. answers directly what the records hold in structured form, trying one handler module per family
   in a fixed order (dispatch.HANDLERS): an abbreviation's meaning, a meeting by number, a document
   by symbol, partners by tier, deadlines in a period, the meetings as a whole, an event by name,
   everyone with one role;
2. otherwise (fallback.py) finds candidates with SQLite FTS5 (search.py), scores them by how much
   of the question each covers (ranking.py, fit.py), and answers from the best (rendering.py) when
   its score clears a threshold calibrated on question sets (benchmarks/calibrate.py); below it, the
   reply says it does not know and offers suggestions.
A confident wrong answer is the worst outcome, so every path that answers checks that the
question's specific words (a meeting number, a tier, a year) are really there.

Each handler is a plain function of one ``Scope`` (context.py: the knowledge base, its context,
the question as read, today, the group) returning an Answer or None; none sets state another reads.
The lines records are said in are in lines.py.
"""

from __future__ import annotations

from .context import Context, Scope, _choose_group, _context, _with_context
from .dispatch import HANDLERS, answer_in_scope, explain, group_label_of, meetings_named, record_answer
from .fallback import ANSWER_THRESHOLD, UNSURE_BELOW
from .fields import FIELD_WEIGHTS
from .lines import (
    best_sentences,
    deadline_line,
    document_line,
    event_line,
    partner_name,
    person_line,
    recommendations_text,
    suggestion_for,
)
from .replies import Candidate
from .search import CANDIDATES

__all__ = [
    "record_answer",
    "meetings_named",
    "explain",
    "HANDLERS",
    "answer_in_scope",
    "group_label_of",
    "Context",
    "Scope",
    "Candidate",
    "ANSWER_THRESHOLD",
    "UNSURE_BELOW",
    "CANDIDATES",
    "FIELD_WEIGHTS",
    "deadline_line",
    "event_line",
    "person_line",
    "document_line",
    "partner_name",
    "recommendations_text",
    "best_sentences",
    "suggestion_for",
    "_with_context",
    "_context",
    "_choose_group",
]
