"""Ranking the search's candidates: how much of the question each covers (fuzzy, field by field,
words weighted by how well they tell candidates apart), how well its kind fits what is asked, and
penalties for a missing number, a different year, or a rare word of the question it lacks."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from itertools import pairwise

from ...question import ANSWER_NOUNS, KIND_WORDS, SYNONYMS, stem
from . import search
from .context import Scope
from .fields import FIELD_WEIGHTS, with_fields
from .fit import kind_fit
from .matching import ATTRIBUTE_WORDS, _adjacent, _match, _stem_sequence, _stems_of, r_has
from .replies import Candidate
from .signals import Signals, alias_alternatives, signals_of


def ranked(s: Scope) -> list[Candidate]:
    """Candidates from the FTS pre-filter, scored, best first."""
    candidates = search.candidates(s)
    if not candidates:
        return []
    candidates = _roles_asked(s, score(s, signals_of(s), with_fields(s.kb, candidates)))
    candidates.sort(key=lambda c: c.score, reverse=True)
    candidates = penalise_missing_rare_words(s, candidates[:8]) + candidates[8:]
    candidates.sort(key=lambda c: c.score, reverse=True)
    return candidates


# A role the question names, in any form ("chairs", "chaired", "the co-chair", "vice-chairs").
_ROLE_ASKED = re.compile(
    r"(?i)\b(chair|vice|deputy|secretary|rapporteur|director|president|coordinator|facilitator|"
    r"convenor|convener|moderator|treasurer)(?:s|ed|ing|person|man|woman)?\b"
)


def _roles_asked(s: Scope, candidates: list[Candidate]) -> list[Candidate]:
    """Without the people whose role is not the one the question names: "who chairs the TAC?" is
    not answered by the TAC's members, whatever else of theirs matches."""
    asked = {m.group(1).lower() for m in _ROLE_ASKED.finditer(s.q.text)}
    if not asked:
        return candidates
    return [
        c for c in candidates if c.kind != "people" or all(w in (c.record.get("role") or "").lower() for w in asked)
    ]


@dataclass(frozen=True)
class Weighing:
    """How one question's stems are weighed, the same for every candidate."""

    query: list[str]  # the stems to cover, in order
    weights: dict[str, float]
    total: float  # the weights' sum (1.0 if none)
    pairs: list[tuple[str, str]]  # stems standing together in the question
    kind_stems: set[str]  # stems of the words that name a kind of record or answer
    alternatives: dict[str, list[set[str]]]  # the word sets that also count as a stem


def weighing(s: Scope, query: list[str], candidates: list[Candidate], field_stems: dict) -> Weighing:
    """Each question stem's weight: kind words count less, numbers more (years less), and words
    found in most candidates tell them apart least (a local inverse document frequency)."""
    kind_stems = {stem(w) for ws in KIND_WORDS.values() for w in ws} | {stem(w) for w in ANSWER_NOUNS}
    alternatives = alias_alternatives(s)
    pairs = list(pairwise(query))
    n = len(candidates)
    df = {x: sum(1 for c in candidates if any(x in fs for fs in field_stems[id(c)].values())) for x in query}
    weights = {}
    for x in query:
        base = 0.35 if x in kind_stems else 1.0
        if x.isdigit():  # a quantity or a meeting's number tells records apart; a year, less so
            base = 0.7 if re.fullmatch(r"(?:19|20)\d\d", x) else 1.5
        weights[x] = base * (0.6 + 0.4 * math.log(1 + n / (1 + df[x])) / math.log(1 + n))
    total = sum(weights.values()) or 1.0
    return Weighing(query, weights, total, pairs, kind_stems, alternatives)


def score(s: Scope, signals: Signals, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates again (fields filled in), each with its coverage and score."""
    field_stems = {id(c): {name: _stems_of(text) for name, text in c.fields.items()} for c in candidates}
    w = weighing(s, signals.query, candidates, field_stems)
    scored = []
    for c in candidates:
        coverage, missing_numbers = _coverage(s, c, w, field_stems[id(c)])
        # a number the question gives and the record lacks ("WSIS Prizes 2021") is another thing
        value = (
            coverage
            + kind_fit(s, signals, c)
            - 0.5 * missing_numbers
            - signals.unknown_words_penalty
            - 0.8 * other_year(signals, c.fields)
        )
        scored.append(replace(c, coverage=coverage, score=value))
    return scored


def _coverage(s: Scope, c: Candidate, w: Weighing, fstems: dict[str, frozenset[str]]) -> tuple[float, int]:
    """How much of the question's weight one candidate covers (0..1), and how many of the
    question's numbers it lacks."""
    fw = FIELD_WEIGHTS[c.kind]
    got = 0.0
    missing_numbers = 0
    for x in w.query:
        best = 0.0
        for name, stems_ in fstems.items():
            m = _match(x, stems_) or 0.9 * max((_match(alt, stems_) for alt in SYNONYMS.get(x, ())), default=0.0)
            if not m and any(alt <= stems_ for alt in w.alternatives.get(x, ())):
                m = 1.0  # "FOR" in the question, "Financial Operating Report" in the record
            if m:
                best = max(best, m * fw.get(name, 0.5))
        if best == 0 and ATTRIBUTE_WORDS.get(x) and r_has(c, ATTRIBUTE_WORDS[x]):
            best = 1.0  # "what subject line?" is matched by a record that has a subject
        if x in w.kind_stems and c.kind in s.q.kinds:
            best = max(best, 0.8)  # "deadline" is answered by a deadline record, said in it or not
        if x.isdigit() and best == 0:
            missing_numbers += 1
        got += w.weights[x] * best
    if w.pairs:  # words that stand together in the question and in a field: a phrase matched
        sequences = [_stem_sequence(t) for t in c.fields.values()]
        joined = sum(1 for a, b in w.pairs if any(_adjacent(seq, a, b) for seq in sequences))
        got += 0.15 * w.total * joined / len(w.pairs)
    return min(1.0, got / w.total), missing_numbers


def other_year(signals: Signals, fields: dict[str, str]) -> int:
    """1 when the question names something with one year ("WSIS Prizes 2019") and the record
    names the same thing with another year only ("WSIS Prizes 2020")."""
    for word, year in signals.named_years:
        text = " ".join(fields.values())
        years = set(re.findall(rf"\b{re.escape(word)}\s+((?:19|20)\d\d)\b", text, re.I))
        if years and year not in years:
            return 1
    return 0


def penalise_missing_rare_words(s: Scope, candidates: list[Candidate]) -> list[Candidate]:
    """A word of the question that the reports use rarely names what the question is about
    ("the sub-group on spectrum"); a candidate without it answers about something else."""
    generic = {stem(w) for ws in KIND_WORDS.values() for w in ws}
    rare: dict[str, bool] = {}
    out = []
    for c in candidates:
        value = c.score
        text_stems = set().union(*(_stems_of(t) for t in c.fields.values()))
        for word in s.q.words:
            x = stem(word)
            if (
                x in generic
                or x.isdigit()
                or len(word) < 4
                or _match(x, frozenset(text_stems))
                or any(alt in text_stems for alt in SYNONYMS.get(x, ()))
            ):
                continue
            if x not in rare:
                rare[x] = 0 < paragraph_frequency(s, word) <= 2
            if rare[x]:
                value -= 0.2
        out.append(replace(c, score=value))
    return out


def paragraph_frequency(s: Scope, word: str) -> int:
    """How many paragraphs of the knowledge base hold the word."""
    row = s.kb.conn.execute(
        "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?", ['"' + word.replace('"', '""') + '"']
    ).fetchone()
    return row[0] if row else 0
