"""The search's first step: the records and paragraphs that may answer a question, found with
SQLite FTS5 on the question's words and their synonyms, ordinals and abbreviations (never a full
scan). Scoring them is ranking's job."""

from __future__ import annotations

import re

from ...question import STOPWORDS, SYNONYM_WORDS, stem, tokens
from ...schema import KINDS
from ...textpatterns import ordinal_word
from .context import Scope
from .replies import Candidate

CANDIDATES = 60  # the most records of one kind taken from the full-text search


def fts_query(s: Scope) -> str:
    """An FTS5 OR-query of the question's words, their synonyms, the phrases an unknown acronym
    may stand for, ordinals in words, and the abbreviations' expansions (at most 40 terms)."""
    terms = set()
    for w in s.q.words:
        terms.add(w)
        terms.update(SYNONYM_WORDS.get(stem(w), ()))
        if w not in s.ctx.known:
            for phrase in s.ctx.acronyms.get(w, ()):
                terms.update(t for t in tokens(phrase) if t not in STOPWORDS)
        word = ordinal_word(int(w[:-2])) if re.fullmatch(r"\d+(?:st|nd|rd|th)", w) else None
        if word:
            terms.add(word)  # reports write "the eighth session"
        for expansion in s.ctx.expansions.get(w, ()):
            terms.update(t for t in tokens(expansion) if t not in STOPWORDS)
    lowered = s.q.text.lower()
    for phrase, expansions in s.ctx.expansions.items():
        if " " in phrase and phrase in lowered:
            for e in expansions:
                terms.update(tokens(e))
    terms = {t for t in terms if re.search(r"\w", t)}
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in sorted(terms)[:40])


def candidates(s: Scope) -> list[Candidate]:
    """Unscored candidates: matching records (the asked-for kinds always among them), then
    matching paragraphs, each followed by the list that comes after it, if any."""
    match = fts_query(s)
    if not match:
        return []
    params: list[str | int] = [match]
    where = "" if s.group_id is None else " AND group_id = ?"
    if s.group_id is not None:
        params.append(s.group_id)
    return _record_candidates(s, match, where, params) + _paragraph_candidates(s, params)


def _record_candidates(s: Scope, match: str, where: str, params: list) -> list[Candidate]:
    """The records matching the query, best-ranked first, at most CANDIDATES of a kind."""
    rows = s.kb.conn.execute(
        f"SELECT kind, record_id FROM search WHERE search MATCH ?{where} ORDER BY rank LIMIT {CANDIDATES}", params
    ).fetchall()
    for kind in s.q.kinds & set(KINDS):  # make sure the asked-for kind is among the candidates
        rows += s.kb.conn.execute(
            f"SELECT kind, record_id FROM search WHERE search MATCH ? AND kind = ?{where} ORDER BY rank LIMIT 15",
            [match, kind] + params[1:],
        ).fetchall()
    seen = set()
    by_kind: dict[str, list[int]] = {}
    for kind, record_id in rows:
        if (kind, record_id) not in seen:
            seen.add((kind, record_id))
            by_kind.setdefault(kind, []).append(record_id)
    found: list[Candidate] = []
    for kind, ids in by_kind.items():
        ids = ids[:CANDIDATES]
        marks = ",".join("?" * len(ids))
        for r in s.kb.records(kind, f"id IN ({marks})", ids):
            found.append(Candidate(kind, r))
    return found


BROAD_ITEMS = 25  # items: a paragraph with more is a section of notes, whose own points answer


def _paragraph_candidates(s: Scope, params: list) -> list[Candidate]:
    """The 15 best-matching paragraphs, each followed by the list that comes after it, if any."""
    found: list[Candidate] = []
    group = "" if s.group_id is None else " AND paragraphs.group_id = ?"
    for r in s.kb.conn.execute(
        "SELECT paragraphs.id, paragraphs.number, paragraphs.heading, paragraphs.text, paragraphs.items, "
        "paragraphs.report_id, paragraphs.group_id, paragraphs.position FROM paragraphs_fts "
        f"JOIN paragraphs ON paragraphs.rowid = paragraphs_fts.rowid WHERE paragraphs_fts MATCH ?{group} "
        "ORDER BY rank LIMIT 15",
        params,
    ):
        if (r[4] or 0) > BROAD_ITEMS:
            continue  # a whole section of notes under one heading answers nothing in particular
        hit = _paragraph(r)
        found.append(Candidate("paragraphs", hit))
        # A list that follows a paragraph ("Comments were received from: · Kenya · Mexico")
        # answers questions about that paragraph's subject: offer it with the paragraph as context.
        for n in s.kb.conn.execute(
            "SELECT id, number, heading, text, items, report_id, group_id, position FROM paragraphs "
            "WHERE report_id = ? AND position = ? AND items > 0",
            [hit["report_id"], hit["position"] + 1],
        ):
            following = _paragraph(n)
            following["context"] = hit["text"]
            found.append(Candidate("paragraphs", following))
    return found


def _paragraph(r) -> dict:
    """A paragraph row as a record-like dict (its text is its own source)."""
    return {
        "id": r[0],
        "paragraph": r[1],
        "heading": r[2],
        "text": r[3],
        "items": r[4],
        "report_id": r[5],
        "group_id": r[6],
        "position": r[7],
        "source": r[3],
    }
