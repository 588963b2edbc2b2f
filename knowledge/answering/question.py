"""Stage 1, reading the question: which type of answer it wants (a date, a person, a count ...), and
the terms to look for, each with the stems that may stand for it in a report (its synonyms, the
abbreviation the report defines for it, the report's own spelling of a misspelt word).

Classifying a question by its expected answer type is the first step of classic open-domain
question answering; nothing here knows any report, only English and the genre (knowledge.lexicon).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..lexicon import (
    ANSWER_TYPE_CUES,
    ANSWER_TYPE_WORDS,
    ANSWER_TYPES,
    CHAT_WORDS,
    STOPWORDS,
    SYNONYMS,
    YES_NO_START,
    stem,
    without_fillers,
    words,
)
from ..textpatterns import ORDINAL_WORDS, words_to_ordinals
from ..timezones import zone_abbreviations

# Function words of other languages delegates write in: a question made of them is not guessed at.
FOREIGN_WORDS = frozenset(
    """
el la los las del que qué cuando cuándo donde dónde quien quién cual cuál es son fue est sont quand où qui
quel quelle quels les des une du au aux pour avec der die das und wann wo wer ist sind wurde wird für mit
den dem ein eine quando onde quem é são foi il lo gli chi dove della per
""".split()
)


@dataclass(frozen=True)
class Term:
    """One word of the question to find: its stem, and other stems that count as finding it."""

    word: str
    stem: str
    alternatives: tuple[str, ...] = ()
    corrected: bool = False  # the question's word was not in the reports and was read as a close one


@dataclass(frozen=True)
class Reading:
    text: str
    answer_type: str  # one of lexicon.ANSWER_TYPES, "yesno" or "description"
    terms: tuple[Term, ...]
    numbers: tuple[str, ...]  # digits the question names (a meeting's number, a year, an issue)
    english: bool = True


# The question word a question opens with says what it asks, whatever the cue words after it
# ("who hosted the meeting?" asks for a person, not the place "hosted" would ask for).
_LEADING_TYPE = (
    (re.compile(r"^\W*(?:and\s+|so\s+|ok\s+)?(?:who|whom|whose)\b"), "person"),
    (re.compile(r"^\W*(?:and\s+|so\s+|ok\s+)?where\b"), "place"),
)


def answer_type(text: str) -> str:
    low = text.lower()
    for pattern, kind in _LEADING_TYPE:
        if pattern.match(low):
            return kind
    for kind in ANSWER_TYPES:
        if any(re.search(cue, low) for cue in ANSWER_TYPE_CUES[kind]):
            if kind == "decision" and re.match(r"^\s*(when|who|where|how many|how much)\b", low):
                continue
            return kind
    if YES_NO_START.match(low.strip()):
        return "yesno"
    return "description"


def is_english(text: str) -> bool:
    """Whether a question is written in English, judged by its script and its function words."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(1 for c in letters if "LATIN" not in unicodedata.name(c, "")) > len(letters) / 2:
        return False
    ws = words(text)
    foreign = sum(1 for w in ws if w in FOREIGN_WORDS)
    english = sum(1 for w in ws if w in STOPWORDS and w not in FOREIGN_WORDS)
    return not (foreign >= 2 and foreign > english)


# "the first glossary draft", "the second round": an ordinal word before what is not numbered in
# a series is an adjective, not a number to find ("the thirty-fifth meeting" is one)
_ORDINAL_ADJECTIVE = re.compile(
    r"(?i)\b(first|second|third|last|final)(\s+(?!(?:\w+\s+)?(?:meeting|mtg|session|sitting|plenary|edition|"
    r"round|phase|part|chapter|item|quarter|annual|ordinary|regular|extraordinary)s?\b))"
)
_VERSION = re.compile(r"\bv(\d+(?:\.\d+)*)\b", re.I)  # "v3.0" is how chat writes "version 3.0"
_ASKED_NOUN = re.compile(
    r"\b(?:which|what|into)\s+(cit(?:y|ies)|towns?|countr(?:y|ies)|persons?|langs?|languages?)\b", re.I
)


def _expanded(ws: list[str]) -> list[tuple[str, str | None]]:
    """The question's words with chat shorthand written out ("wg" -> "working", "group"), each
    with the shorthand it came from (None for a word as typed): a report may write "WG" too."""
    out: list[tuple[str, str | None]] = []
    for w in ws:
        expansion = CHAT_WORDS.get(w)
        out.extend((x, w) for x in expansion.split()) if expansion else out.append((w, None))
    return out


def read(text: str, vocabulary: frozenset[str] = frozenset(), abbreviations: dict[str, str] | None = None) -> Reading:
    """Read a question. ``vocabulary`` is the set of stems the reports hold (misspelt words are read
    as the closest of them); ``abbreviations`` maps a lower-case abbreviation to its expansion."""
    abbreviations = abbreviations or {}
    text = _VERSION.sub(r"version \1", without_fillers(text))
    kind = answer_type(text)
    terms: list[Term] = []
    seen: set[str] = set()
    # "which city is X in?": the noun says what kind of answer is wanted, not what the answer holds
    asked_for = {m.lower() for m in _ASKED_NOUN.findall(text)}
    codes = set(re.findall(r"\b[A-Z]{2,3}\b", text))  # "NL", "USA": maybe a country's code
    for w, shorthand in _expanded(words(text)):
        if w in STOPWORDS or w in ANSWER_TYPE_WORDS or w in asked_for or len(w) < 2 and not w.isdigit():
            continue
        if w in ORDINAL_WORDS:
            continue  # "thirty-fifth" is the number 35, matched as a number (digits or words)
        # a hyphenated word is looked for by its parts, as the index holds them too ('ipbes-1')
        parts = [p for p in w.split("-") if p and p not in STOPWORDS] if "-" in w else [w]
        for part in parts:
            s = stem(part)
            if s in seen:
                continue
            seen.add(s)
            term = _term(part, s, vocabulary, abbreviations, part.upper() in codes)
            if shorthand and stem(shorthand) != s:  # "WG" in a report finds "working group" asked as "wg"
                term = replace(term, alternatives=tuple(sorted({*term.alternatives, stem(shorthand)})))
            terms.append(term)
    if kind == "time":
        terms = _with_zones(text, terms)
    numbers = tuple(dict.fromkeys(re.findall(r"\d+", words_to_ordinals(_ORDINAL_ADJECTIVE.sub(r"\2", text)))))
    return Reading(text, kind, tuple(terms), numbers, is_english(text))


@lru_cache(maxsize=256)
def _country_of_code(code: str) -> tuple[str, ...]:
    """The stems of the country an ISO 3166 alpha-2 or alpha-3 code names ("nl" -> "netherland")."""
    import pycountry  # read only when a question holds a code the reports do not

    countries = pycountry.countries
    found = countries.get(alpha_2=code.upper()) if len(code) == 2 else countries.get(alpha_3=code.upper())
    if found is None:
        return ()
    names = " ".join(getattr(found, k, "") or "" for k in ("name", "common_name"))
    return tuple(dict.fromkeys(stem(x) for x in words(names) if x not in STOPWORDS))


def _with_zones(text: str, terms: list[Term]) -> list[Term]:
    """For a question about a time "in Berlin", the city's words also count as found where the
    report writes its clocks' abbreviations (CET, CEST), as minutes give a call's time."""
    zones = zone_abbreviations(text)
    if not zones:
        return terms
    out = []
    for term in terms:
        extra = {stem(a) for city, abbreviations in zones.items() if term.word in city.split() for a in abbreviations}
        out.append(
            replace(term, alternatives=tuple(sorted({*term.alternatives, *extra} - {term.stem}))) if extra else term
        )
    return out


def _term(word: str, s: str, vocabulary: frozenset[str], abbreviations: dict[str, str], capitals: bool = False) -> Term:
    alternatives = set(SYNONYMS.get(s, ()))
    expansion = abbreviations.get(word)
    if expansion:
        alternatives.update(stem(x) for x in words(expansion) if x not in STOPWORDS)
    elif capitals and vocabulary and s not in vocabulary:
        # "NL contribution?": a country's ISO code the report does not use stands for its name
        alternatives.update(x for x in _country_of_code(word) if x in vocabulary)
    corrected = False
    # a word is read as a misspelling only when neither it nor a form that stands for it is there
    if vocabulary and s not in vocabulary and not alternatives & vocabulary and not word.isdigit() and len(word) >= 4:
        close = process.extractOne(s, vocabulary, scorer=fuzz.ratio, score_cutoff=80)
        if close:
            alternatives.add(close[0])
            corrected = True
    return Term(word, s, tuple(sorted(alternatives - {s})), corrected)
