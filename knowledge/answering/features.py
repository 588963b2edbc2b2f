"""Stage 3, features: how well one candidate fits the question, as named numbers in [0, 1] (or -1
for evidence against it), computed the same way for records and evidence.

- coverage: the share of the question's term weight (idf) the candidate's text and headings hold;
- text_coverage: the same, in its own text only;
- missing_rare: the weight of the rarest term it lacks, relative to the question's rarest;
- bm25: its FTS5 rank relative to the best candidate's;
- type_match: it holds what the answer type asks for (a date for "when", a name for "who" ...);
- numbers: the digits the question names are there (1), absent (-1), or the question has none (0);
- phrase: two question terms stand side by side in it as in the question;
- short: a heading or fragment of under four words;
- record, record_confidence: it is the records' own answer, and how sure the records were;
- record_full: the records answer it fully (FULL_CONFIDENCE); record_from_text: the records' answer
  came from a paragraph, not a record; record_kind_fit: its records' kind suits the answer type;
- fresh_fact: it holds a fact of the wanted type that the question does not name itself;
  focus: the share of its words the question asks for; covered_typed / covered_untyped: its
  coverage when it does / does not hold the wanted type (a full match without the date asked for
  is the typical near miss);
- fact_after: a passage (a unit joined with the one after it) whose wanted fact stands only in
  the unit after (the fit finds that fact is more often another point's than the answer);
- coverage_gap, record_gap: its coverage against the best candidate's, and the best sentence's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process

from ..evidence.holds import context_dates
from ..lexicon import RESPONSIBILITY_VERBS, SAME_WORD, content_stems
from ..textpatterns import words_to_ordinals
from .candidates import Candidate
from .question import Reading, Term

_NONE: frozenset[str] = frozenset()

# Which holdings answer which answer type; the first list is what the answer must hold.
TYPE_HOLDINGS = {
    "date": ("date",),
    "time": ("time",),
    "duration": ("duration",),
    "language": ("language",),
    "place": ("place", "contact"),  # "where do I send comments?": an address is where
    "contact": ("contact",),
    "person": ("person", "role"),
    "count": ("number",),
    "amount": ("amount", "number"),
    "symbol": ("symbol", "file"),  # "which doc": a document's symbol, or the file that holds it
    "decision": ("decision",),
}


_RESPONSIBILITY_WEIGHT = 0.25


@dataclass(frozen=True)
class Statistics:
    """What the weights of terms depend on: each stem's document frequency over all units."""

    frequencies: dict[str, int]
    units: int
    topic: frozenset[str] = frozenset()  # stems of the groups' and reports' own names

    def weight(self, s: str) -> float:
        """A term's weight: its idf, less for the words of the group's own name, which every
        question about the group may carry and few sentences repeat."""
        return self.idf(s) * (0.25 if s in self.topic else 1.0)

    def idf(self, s: str) -> float:
        df = self.frequencies.get(s, 0)
        return math.log((self.units - df + 0.5) / (df + 0.5) + 1) if self.units else 1.0


def _term_weight(term: Term, stats: Statistics) -> float:
    stems = (term.stem,) + term.alternatives
    known = [stats.weight(s) for s in stems if s in stats.frequencies]
    if term.stem in stats.topic:
        return stats.weight(term.stem)
    return max(known) if known else stats.idf(term.stem) * (0.6 if term.word.isalpha() else 1.0)


_NAME_RUN = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+(?:of|and|for|the|on|&)?\s*[A-Z][\w'\u2019-]*)+")


@lru_cache(maxsize=8192)  # many candidates share a heading, and a passage repeats its units
def initials(text: str) -> frozenset[str]:
    """The initials of each run of capitalised words ("Visual Effects Society" -> "ves", "Academy of
    Motion Picture Arts and Sciences" -> "ampas" and "aompaas"), so that an abbreviation a question
    uses but the report never defines still finds the name it stands for."""
    out = set()
    for m in _NAME_RUN.finditer(text):
        words_ = re.findall(r"[\w'\u2019-]+|&", m.group(0))
        out.add("".join(w[0] for w in words_ if w[:1].isupper()).lower())
        out.add("".join(w[0] for w in words_ if w != "&").lower())
        capitals = [w for w in words_ if w[:1].isupper()]
        for i in range(1, len(capitals) - 1):  # "Project on Harmful Algal Bloom Alerts": also "haba"
            out.add("".join(w[0] for w in capitals[i:]).lower())
    return frozenset(o for o in out if len(o) >= 2)


def _no_names() -> frozenset[str]:
    return frozenset()


def _found(term: Term, stems: set[str], names: Callable[[], frozenset[str]] = _no_names) -> float:
    """How well a text's stems hold a question's term; ``names`` gives the initials of the text's
    names, worked out only when a short word is not found otherwise."""
    if term.stem in stems or SAME_WORD.get(term.stem, _NONE) & stems:
        return 1.0
    if (
        term.word.isalpha()
        and 2 <= len(term.word) <= 6
        and (term.word in names() or len(term.word) >= 3 and any(n.startswith(term.word) for n in names()))
    ):
        return 0.85  # "HAB" is "Harmful Algal Bloom (Alerts)"
    if any(a in stems for a in term.alternatives) or any(
        _agent_noun(x) & stems for x in (term.stem, *SAME_WORD.get(term.stem, _NONE))
    ):
        return 0.85
    if len(term.stem) >= 5:
        close = [s for s in stems if abs(len(s) - len(term.stem)) <= 2]
        if close and process.extractOne(term.stem, close, scorer=fuzz.ratio, score_cutoff=86):
            return 0.7
    return 0.0


@cache
def _agent_noun(s: str) -> frozenset[str]:
    """The stems of a verb's agent noun and of the verb an agent noun is made from, for the
    stems of the other: "took notes" finds "Note Taker" (take, taker), "who owns" finds "owner"."""
    forms = {s + "er", s + "r"}
    if len(s) > 4 and s.endswith("er"):
        forms |= {s[:-2], s[:-1]}
    return frozenset(f for f in forms if len(f) >= 3)


def features(reading: Reading, c: Candidate, stats: Statistics, best_rank: float) -> dict[str, float]:
    # The records' answer drawn from a paragraph (it cites one but names no record) is a passage like
    # any other: it earns no trust for being a record. An abbreviation's meaning or an answer about
    # the bot itself names no record either, and cites nothing: those are the records' own.
    from_paragraph = c.record_reply is not None and not c.record_reply.record_ids and bool(c.record_reply.sources)
    from_records = c.origin == "record" and not from_paragraph
    matched = c.text
    text_stems = set(content_stems(matched))
    text_names = cache(lambda: initials(matched))  # read only if a short word is missing
    context_stems = set(content_stems(c.context))
    context_names = cache(lambda: initials(c.context))  # "HAB" under "Pilot Project on Harmful Algal Bloom Alerts"
    total = found_all = found_text = 0.0
    rarest_missing = rarest = 0.0
    for term in reading.terms:
        if term.word.isdigit():
            continue  # numbers are the 'numbers' feature's, not words to cover
        w = _term_weight(term, stats)
        if reading.answer_type == "person" and term.word in RESPONSIBILITY_VERBS:
            w *= _RESPONSIBILITY_WEIGHT  # "who's handling X?": X is what to find
        total += w
        rarest = max(rarest, w)
        in_text = _found(term, text_stems, text_names)
        in_any = max(in_text, 0.6 * _found(term, context_stems, context_names))
        found_text += w * in_text
        found_all += w * in_any
        if in_any == 0 and term.stem not in stats.topic:
            rarest_missing = max(rarest_missing, w)
    f = {
        "coverage": found_all / total if total else 0.0,
        "text_coverage": found_text / total if total else 0.0,
        "missing_rare": rarest_missing / rarest if rarest else 0.0,
        "bm25": (c.rank / best_rank) if (c.origin == "evidence" and best_rank) else 0.0,
        "type_match": _type_match(reading, c),
        "numbers": _numbers(reading, c),
        "phrase": _phrase(reading, matched),
        "short": 1.0 if len(matched.split()) < 4 else 0.0,
        "record": 1.0 if from_records else 0.0,
        "record_confidence": c.record_reply.confidence if from_records and c.record_reply else 0.0,
        "record_from_text": 1.0 if from_paragraph else 0.0,
        "fresh_fact": _fresh_fact(reading, c),
        "focus": _focus(reading, text_stems),
        "record_kind_fit": _record_kind_fit(reading, c),
        "fact_after": _fact_after(reading, c),
        "record_full": 1.0 if c.record_reply is not None and c.record_reply.confidence >= FULL_CONFIDENCE else 0.0,
    }
    # A sentence that says everything the question asks about except the thing asked for (no date
    # for "when") is the typical near miss of a question the report does not answer.
    f["covered_untyped"] = f["coverage"] if f["type_match"] < 0 else 0.0
    f["covered_typed"] = f["coverage"] if f["type_match"] > 0 else 0.0
    return f


def relative(all_features: list[dict[str, float]]) -> None:
    """Features that compare a candidate with the others, added in place once all are computed:
    how far its coverage is from the best one's, and for the records' answer, from the best
    evidence's (records that cover the question less than a sentence does are likely wrong)."""
    if not all_features:
        return
    best = max(f["coverage"] for f in all_features)
    best_evidence = max(
        (f["coverage"] for f in all_features if not f["record"] and not f["record_from_text"]), default=0.0
    )
    for f in all_features:
        f["coverage_gap"] = f["coverage"] - best
        f["record_gap"] = (f["coverage"] - best_evidence) if (f["record"] or f["record_from_text"]) else 0.0


# The records' own confidence at which they answer a question fully (a meeting by its number, a
# deadline by its exact name, a wording the secretariat taught): on every development set, every
# such answer was right, so it stays first.
FULL_CONFIDENCE = 0.99

# Which kinds of record can answer which answer type fully.
RECORD_KINDS_FOR_TYPE = {
    "date": {"deadlines", "meetings", "events"},
    "time": {"meetings", "events"},
    "person": {"people", "meetings", "partners"},  # "who are the sponsors?" asks for parties, people or not
    "place": {"meetings", "events"},
    "count": {"meetings", "partners", "documents", "deadlines"},
    "amount": set(),
    "symbol": {"documents"},
    "decision": {"recommendations", "deadlines"},
}


def _record_kind_fit(reading: Reading, c: Candidate) -> float:
    """For the records' answer: 1 when its records are of a kind that answers the question's type,
    -1 when they are not, 0 when the question's type says nothing (or it is not a record)."""
    if c.record_reply is None:
        return 0.0
    kinds = {r["kind"] for r in c.record_reply.record_ids}
    wanted = RECORD_KINDS_FOR_TYPE.get(reading.answer_type)
    if wanted is None or not kinds:
        return 0.0
    return 1.0 if kinds & wanted else -1.0


def _type_match(reading: Reading, c: Candidate) -> float:
    wanted = TYPE_HOLDINGS.get(reading.answer_type)
    if not wanted:
        return 0.0
    if any(c.holds.get(k) for k in wanted):
        return 1.0
    if reading.answer_type == "date" and context_dates(c.context):
        return 1.0  # a point under a dated session heading happened that day
    if reading.answer_type == "person" and re.search(r"\bname\b", c.context, re.I):
        return 1.0  # a row of a table whose columns are names
    return -1.0


def _fresh_fact(reading: Reading, c: Candidate) -> float:
    """1 when the candidate holds a fact of the wanted type that the question does not already name
    (the answer to "when did X chair" is a date; to "who chaired X", a person other than X)."""
    wanted = TYPE_HOLDINGS.get(reading.answer_type)
    if not wanted:
        return 0.0
    asked = reading.text.lower()
    facts = [v for k in wanted for v in c.holds.get(k, ())]
    return 1.0 if any(v.lower() not in asked for v in facts) else 0.0


def _fact_after(reading: Reading, c: Candidate) -> float:
    """For a passage: 1 when the fact the question wants stands only in the unit after its lead
    (the heading or question names the subject; what follows gives the date, name or number)."""
    wanted = TYPE_HOLDINGS.get(reading.answer_type)
    if c.kind != "passage" or not wanted:
        return 0.0
    return 1.0 if any(c.holds.get(k) for k in wanted) and not any(c.lead_holds.get(k) for k in wanted) else 0.0


def _focus(reading: Reading, text_stems: set[str]) -> float:
    """How much of the sentence is about the question: the share of its content words that the
    question asks for (a sentence that mentions the terms in passing scores low)."""
    if not text_stems:
        return 0.0
    asked = {t.stem for t in reading.terms} | {a for t in reading.terms for a in t.alternatives}
    return len(text_stems & asked) / len(text_stems)


def _numbers(reading: Reading, c: Candidate) -> float:
    if not reading.numbers:
        return 0.0
    text = c.text + " " + c.context

    def present(digits: set[str]) -> bool:
        return all(n in digits or n.lstrip("0") in digits for n in reading.numbers)

    if present(set(re.findall(r"\d+", text))):
        return 1.0
    # "the twenty-fourth session" holds 24 as "the 24th session" does (read only when it may: slow)
    if not _ORDINAL_HINT.search(text):
        return -1.0
    return 1.0 if present(set(re.findall(r"\d+", words_to_ordinals(text)))) else -1.0


_ORDINAL_HINT = re.compile(
    r"(?i)\b(?:first|second|third|fifth|eighth|ninth|twelfth|\w+(?:th|ieth))\b|(?:twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)-"
)


def _phrase(reading: Reading, text: str) -> float:
    seq = content_stems(text)
    pairs = set(pairwise(seq))
    stems = [t.stem for t in reading.terms]
    asked = list(pairwise(stems))
    return sum(1 for p in asked if p in pairs) / len(asked) if asked else 0.0
