"""The last handler, for questions no structured handler took: the search's best candidate
(record or paragraph) when it clears the calibrated threshold, an honest "I don't know" with
suggestions when it does not."""

from __future__ import annotations

from ..result import Answer
from .context import Scope
from .ranking import ranked
from .rendering import render
from .replies import unknown

# Calibrated by benchmarks/calibrate.py on the development and fixture question sets: the lowest
# score at which wrong answers stay rarer than honest "I don't know"s. Re-run it when scoring changes.
ANSWER_THRESHOLD = 0.56
UNSURE_BELOW = 0.7  # an answer scored below this comes with "did you mean" suggestions


def best_match(s: Scope) -> Answer:
    """The answer of the best-ranked candidate, or "I don't know"."""
    candidates = ranked(s)
    if not candidates:
        return unknown("I don't know: nothing in the reports matches that question.")
    best = candidates[0]
    if best.score < ANSWER_THRESHOLD:
        return unknown("I don't know that from the reports I have.", candidates, best.score)
    closest = max(candidates, key=lambda c: c.coverage)
    if (
        closest.coverage - best.coverage >= 0.25
        and closest.kind in ("paragraphs", "recommendations")
        and s.q.intent in ("when", "how_many")
    ):
        # The text that best matches the question's subject does not say what is asked (a date, a
        # number): answering from something that matches less well would be a confident guess.
        what = "date" if s.q.intent == "when" else "number"
        return unknown(f"The reports mention that, but give no {what} for it.", candidates, best.score)
    reply = render(s, best, candidates)
    if reply.answered and reply.confidence < UNSURE_BELOW:
        # unsure: offer what else the question may have meant
        chosen = {(ref["kind"], ref["id"]) for ref in reply.record_ids}
        others = [c for c in candidates[1:] if (c.kind, c.record.get("id")) not in chosen]
        reply.suggestions = unknown("", others).suggestions
    return reply
