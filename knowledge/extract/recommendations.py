"""Recommendations and other outcomes: what was requested, encouraged, agreed or decided, by and
of whom, under which topic."""

from __future__ import annotations

import re

from ..paragraphs import Paragraph
from ..textpatterns import find_symbols, meeting_numbers
from . import cues
from .context import ReportContext, provenance
from .text import digest, tidy


def read_recommendations(ctx: ReportContext) -> list[dict]:
    """Every outcome paragraph (requested, agreed, decided, ...) with its topic, actor and verb."""
    out: list[dict] = []
    seen = set()
    for p in ctx.paragraphs:
        text = _outcome_text(p)
        verb = cues.OUTCOME_VERBS.search(text) if text else None
        if not text or not verb or len(text) < 25:
            continue
        if find_symbols(text) and not cues.STRONG_OUTCOME.search(text):
            continue  # a document introduced or listed, not an outcome
        if meeting_numbers(text) and cues.MEETING_FACTS.search(text):
            continue  # the meetings' own facts
        key = "rec:" + (p.number or "") + ":" + digest(text)
        if key in seen:
            continue
        seen.add(key)
        actor, verb_word = _actor_and_verb(text, verb)
        topic = p.headings[-1] if p.headings else None
        out.append(
            {
                "topic": topic[:300] if topic else None,
                "text": text[:4000],
                "actor": actor,
                "verb": verb_word,
                "key": key,
                **provenance(p, text),
            }
        )
    return out


def _outcome_text(p: Paragraph) -> str | None:
    """A paragraph's text as an outcome reads, with the stem it completes and its items; None for
    headings, lists of documents and stems whose items carry them."""
    text = p.text.strip()
    if p.is_heading and not text.endswith(":"):
        return None
    if any(cues.LISTED_DOCUMENTS.search(h) for h in p.headings + [text]):
        return None  # a list of documents, not an outcome
    if text.endswith(":") and not p.items:
        return None  # a stem; its sub-items carry it
    if p.stem:
        text = p.stem.rstrip(": ") + " " + text
    elif (
        not cues.OUTCOME_VERBS.search(text)
        and p.headings
        and cues.OUTCOME_VERBS.search(p.headings[-1])
        and re.match(r"\d", p.number or "")
    ):
        text = p.headings[-1] + ": " + text  # "...the secretariat should, on an annual basis: Undertake ..."
    if p.items:
        text = text.rstrip() + " " + "; ".join(p.items)
    return text


def _actor_and_verb(text: str, verb_match: re.Match) -> tuple[str | None, str]:
    """Who an outcome is of (the passive subject, the one asked, or the subject) and its verb."""
    verb = verb_match.group(1).lower()
    head = text[: verb_match.start()]
    passive = re.search(
        r"(?:^|[.;:]\s*)(?:the\s+)?([\w\s,&'\u2019\-]{2,80}?)\s+(?:was|were|is|are|has been|have been)\s+(?:also\s+)?$",
        head,
        re.I,
    )
    if passive:
        return tidy(passive.group(1)), verb
    obj = re.match(r"\s*(?:the\s+)?([\w\s&'\u2019\-]{2,60}?)\s+to\s+\w+", text[verb_match.end() :], re.I)
    if obj and cues.ASKING_VERB.search(verb):
        return tidy(obj.group(1)), verb
    subject = re.search(r"(?:the\s+)?([\w\s&'\u2019\-]{2,60}?)\s*$", head, re.I)
    return (tidy(subject.group(1)) if subject and subject.group(1).strip() else None), verb
