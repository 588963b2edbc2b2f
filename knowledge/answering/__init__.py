"""Answering a delegate's question from the knowledge base, or saying honestly that it cannot.

``answer(kb, question)`` runs the stages in order, each handing its result to the next:
question (what type of answer, which terms) -> candidates (units of evidence from FTS5, and the
structured records' own answer) -> features (named, per candidate) -> scoring (one linear function,
fitted on the development sets) -> render (the fact first, then the sentence and its paragraph).
A confident wrong answer is the worst outcome, so below the fitted threshold the reply is
"I don't know", and a question in another language is not guessed at.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date

from ..evidence import index
from ..evidence.holds import exact_dates
from ..lexicon import content_stems
from ..store import KnowledgeBase
from . import render, scoring
from .candidates import PASSAGE_SEEDS, Candidate, evidence_candidates, passage_candidates, record_candidate
from .features import Statistics, features, relative
from .question import Reading, read
from .records import _with_context, meetings_named, record_answer
from .result import MAX_CHARS, Answer, Source, fit, render_text

__all__ = ["answer", "explain", "Answer", "Source", "MAX_CHARS", "render_text", "rank"]


@dataclass(frozen=True)
class _Context:
    version: tuple
    statistics: Statistics
    vocabulary: frozenset[str]
    abbreviations: dict[str, str]
    groups: list[dict]


_CONTEXTS: dict[str, _Context] = {}
_LOCK = threading.Lock()


def _context(kb: KnowledgeBase) -> _Context:
    """What questions are read against — stems' frequencies, the abbreviations the reports define —
    built once per content version of a knowledge base file and shared by its connections."""
    version = kb.data_version()
    key = kb.cache_key
    with _LOCK:
        cached = _CONTEXTS.get(key)
        if cached is not None and cached.version == version:
            return cached
    frequencies, units = index.document_frequencies(kb.conn)
    abbreviations: dict[str, str] = {}
    for a in kb.aliases():
        alias = (a["alias"] or "").lower()
        if alias and " " not in alias and a["expansion"]:
            abbreviations.setdefault(alias, a["expansion"])
    groups = kb.groups()
    names = [g["name"] + " " + (g["abbreviation"] or "") for g in groups]
    names += [r[0] or "" for r in kb.conn.execute("SELECT title FROM reports")]
    topic = frozenset(s for n in names for s in content_stems(n))
    built = _Context(version, Statistics(frequencies, units, topic), frozenset(frequencies), abbreviations, groups)
    with _LOCK:
        _CONTEXTS[key] = built
    return built


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    features: dict[str, float]
    score: float


def rank(kb: KnowledgeBase, reading: Reading, record_reply: Answer, group_id: int | None = None) -> list[Ranked]:
    """Every candidate for a question, best first."""
    ctx = _context(kb)
    candidates = evidence_candidates(kb.conn, reading, group_id)
    candidates += passage_candidates(kb.conn, candidates[:PASSAGE_SEEDS])
    record = record_candidate(record_reply)
    if record is not None:
        candidates.append(record)
    best_rank = min((c.rank for c in candidates if c.origin == "evidence"), default=0.0)
    computed = [features(reading, c, ctx.statistics, best_rank) for c in candidates]
    relative(computed)
    out = [Ranked(c, f, scoring.score(f)) for c, f in zip(candidates, computed, strict=True)]
    return sorted(out, key=lambda r: -r.score)


def _group_id(ctx: _Context, requested: str | None) -> tuple[bool, int | None]:
    if not requested:
        return True, None
    for g in ctx.groups:
        if requested.lower() in {(g["abbreviation"] or "").lower(), g["name"].lower(), str(g["id"])}:
            return True, g["id"]
    return False, None


def answer(
    kb: KnowledgeBase, question: str, today: date | None = None, group: str | None = None, context: str | None = None
) -> Answer:
    """Answer one question. ``context`` is the previous question of the same conversation (a Slack
    thread): a short follow-up ("and the final draft one?") borrows what it asks from there."""
    ctx = _context(kb)
    known, group_id = _group_id(ctx, group)
    record_reply = record_answer(kb, question, today=today, group=group, context=context)
    if not known:
        return record_reply  # it names the groups there are
    text = meetings_named(kb, _with_context(question, context), today)
    reading = read(text, ctx.vocabulary, ctx.abbreviations)
    if not reading.english:
        return Answer(False, render.NOT_ENGLISH, 0.0)
    if not reading.terms and not reading.numbers:
        return record_reply
    ranked = rank(kb, reading, record_reply, group_id)
    if not ranked or ranked[0].score < scoring.THRESHOLD:
        confidence = ranked[0].score if ranked else 0.0
        suggestions = record_reply.suggestions if not record_reply.answered else []
        return render.unknown(suggestions, confidence / (scoring.THRESHOLD * 2))
    best = _narrowest(ranked)
    confidence = min(1.0, ranked[0].score / (scoring.THRESHOLD * 2))
    if best.candidate.origin == "record":
        reply = best.candidate.record_reply
        assert reply is not None
        reply.confidence = round(max(reply.confidence, confidence), 3)
        _quote_source(reply)
        if len(ctx.groups) > 1 and not reply.group and reply.sources:
            whose = {_group_of_report(kb, source.report) for source in reply.sources}
            if len(whose) == 1:  # facts of several groups say whose each is in their own words
                _label(kb, ctx, reply, whose.pop())
        return reply
    shown = _what_stands_under(best, ranked)
    reply = render.evidence_answer(reading, shown.candidate, confidence, render.needs_context(shown.features))
    if len(ctx.groups) > 1:
        _label(kb, ctx, reply, best.candidate.group_id)
    reply.text = fit(reply.text)
    return reply


_NARROWER_MARGIN = 0.5  # a unit scored far below its paragraph says less of what was asked


def _narrowest(ranked: list[Ranked]) -> Ranked:
    """Where the records answer with a whole paragraph of the report (no record holds the fact),
    the unit of that paragraph that says as much, and scores nearly as well, is the answer: the
    sentence, not the section."""
    best = ranked[0]
    if not best.features.get("record_from_text"):
        return best
    whole = " ".join(best.candidate.text.split())
    for r in ranked[1:6]:
        if (
            r.candidate.origin == "evidence"
            and r.candidate.kind != "heading"
            and " ".join(r.candidate.text.split()) in whole
            and r.features["type_match"] >= best.features["type_match"]
            and r.features["coverage"] >= best.features["coverage"] - 0.05
            and r.score >= best.score - _NARROWER_MARGIN
        ):
            return r
    return best


def _what_stands_under(best: Ranked, ranked: list[Ranked]) -> Ranked:
    """A heading alone says only what a section is about: where one wins, the answer shows it with
    what stands under it (its passage), when there is one."""
    if best.candidate.kind != "heading":
        return best
    return next((r for r in ranked if r.candidate.kind == "passage" and r.candidate.lead == best.candidate.text), best)


_DATE_LINE = 30  # characters: a date written alone on its line, as a heading
_LIST_LINE = 80  # characters: a list's line, not a sentence that names other things too


def _quote_source(reply: Answer) -> None:
    """A record's answer also quotes the report's own sentence it was read from, as an evidence
    answer does: the delegate sees the report's words ("by May 5th") beside the record's ("due
    5 May 2016"). Only for one record, or records all read from one line of a list ("Gold
    Partners: Portugal and Kenya"): a list drawn from several lines, or from a sentence that says
    more, cites its sources instead."""
    texts = {(source.text or "").strip() for source in reply.sources}
    if not reply.record_ids or len(texts) != 1:
        return
    quoted = texts.pop()
    if len(reply.record_ids) > 1 and (len(reply.record_ids) > len(reply.sources) or len(quoted) > _LIST_LINE):
        return
    # a line of a few words is quoted only when it is the date itself, as the report writes it
    # ("December 7, 2017" over that meeting's minutes)
    short = len(quoted.split()) < 4 and not (exact_dates(quoted) and len(quoted) <= _DATE_LINE)
    if short or quoted.lower() in reply.text.lower() or not _states_the_fact(quoted, reply.text):
        return
    reply.text = fit(f"{reply.text}\n\u201c{quoted}\u201d")


def _states_the_fact(quoted: str, text: str) -> bool:
    """Whether the sentence a record was read from says the fact the answer gives: some figure or
    name of the answer stands in it. A meeting's record cites the sentence that dated it, which
    says nothing of its summary record's symbol."""
    facts = [t for t in re.findall(r"[\w/.-]*\d[\w/.-]*", text) if not re.fullmatch(r"\d+(?:st|nd|rd|th)", t)]
    facts += [w for w in re.findall(r"\b[A-Z][\w'-]{2,}", text) if w not in _NOT_FACTS]
    return not facts or any(f.lower() in quoted.lower() for f in facts)


_NOT_FACTS = frozenset({"The", "Chair", "Vice-Chair", "Several", "Deadline", "Deadlines", "Meeting", "Partners"})


def _group_of_report(kb: KnowledgeBase, report: str | None) -> int | None:
    # sources name a report by its title, after the group's label ("AWG – Report of ...")
    row = kb.conn.execute(
        "SELECT group_id FROM reports WHERE ? LIKE '%' || title OR filename = ? ORDER BY length(title) DESC LIMIT 1",
        [report, report],
    ).fetchone()
    return row[0] if row else None


def _label(kb: KnowledgeBase, ctx: _Context, reply: Answer, group_id: int | None) -> None:
    """In a knowledge base of several groups, an answer says whose fact it is."""
    label = next((g["abbreviation"] or g["name"] for g in ctx.groups if g["id"] == group_id), None)
    if label:
        reply.group = label
        reply.text = fit(f"[{label}] {reply.text}")


def explain(kb: KnowledgeBase, question: str, today: date | None = None, limit: int = 8) -> list[str]:
    """The best candidates with their scores and the features behind them (``ask --explain``)."""
    ctx = _context(kb)
    reading = read(question, ctx.vocabulary, ctx.abbreviations)
    record_reply = record_answer(kb, question, today=today)
    ranked = rank(kb, reading, record_reply)
    terms = " ".join(t.stem + (f"({'|'.join(t.alternatives)})" if t.alternatives else "") for t in reading.terms)
    lines = [
        f"answer type={reading.answer_type} terms={terms} numbers={list(reading.numbers)} threshold={scoring.THRESHOLD}"
    ]
    for r in ranked[:limit]:
        lines.append(f"{r.score:6.3f} {r.candidate.origin:<8} {r.candidate.text[:90]!r}")
        lines.append(f"         {scoring.explain(r.features)}")
    return lines
