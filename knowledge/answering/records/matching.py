"""Word-level matching shared by the handlers and the search: stems of a text, a stem found in a
set (exactly, by prefix or fuzzily), words standing together, and what a text names (a person, a
role)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process

from ...question import STOPWORDS, stem, tokens
from ...textpatterns import PERSON, words_to_ordinals

# Words that make one role another: a Deputy Secretary-General is not the Secretary-General.
ROLE_MODIFIERS = {"deputy", "vice", "assistant", "acting", "associate", "interim", "co-chair", "senior", "former"}

ROLE_HEADS = {
    "secretary",
    "secretary-general",
    "director",
    "director-general",
    "chair",
    "chairman",
    "chairperson",
    "president",
    "head",
    "coordinator",
    "rapporteur",
    "minister",
    "officer",
    "commissioner",
    "registrar",
}

# "no later than thirty days before the next session": a time that answers "when?" without a date.
RELATIVE_TIME = re.compile(
    r"\b(?:\w+|\d+)[- ](?:days?|weeks?|months?)\s+(?:before|after|prior to|ahead of|following)\b", re.I
)

# Words that ask for a field by its name: matched by any record that has that field filled.
ATTRIBUTE_WORDS = {
    "subject": ("subject",),
    "email": ("send_to",),
    "e-mail": ("send_to",),
    "address": ("send_to",),
    "theme": ("theme",),
    "venue": ("place",),
    "place": ("place",),
    "location": ("place",),
    "city": ("place",),
    "tier": ("tier",),
    "level": ("tier",),
    "submitt": ("submitter",),
    "abbreviation": ("abbreviation",),
    "role": ("role",),
    "title": ("title", "role"),
    "country": ("country",),
}
ATTRIBUTE_WORDS = {stem(word): fields for word, fields in ATTRIBUTE_WORDS.items()}


def r_has(c, fields: tuple[str, ...]) -> bool:
    """Whether a candidate's record has any of these fields filled."""
    return any(c.record.get(f) for f in fields)


def _names_someone(text: str) -> bool:
    """A person ("Ms X"), a country in brackets, or a "from/by Name" in the text."""
    return bool(
        PERSON.search(text)
        or re.search(r"\b[A-Z][a-z]+ \([A-Z][a-z]+(?: [A-Z][a-z]+)*\)", text)
        or re.search(r"\b[A-Z][a-z]+(?:, [A-Z][a-z]+)+,? and [A-Z][a-z]+", text)  # "Georgia, Romania and Uzbekistan"
        or re.search(r"\b(?:from|by)\s+(?:the\s+)?[A-Z][a-z]{2,}", text)
    )


def _role_phrase(words: list[str]) -> tuple[str, str] | None:
    """("execut", "secretar") for "the Executive Secretary": a role named with a qualifier, whose
    two words must stand together in an answer."""
    for a, b in pairwise(words):
        if (
            b in ROLE_HEADS and a not in ROLE_HEADS and re.fullmatch(r"[a-z-]+", a) and not a.endswith(("ed", "ing"))
        ):  # "elected Chair": a verb, not a kind of chair
            return stem(a), stem(b)
    return None


@lru_cache(maxsize=50_000)
def _stem_sequence(text: str) -> tuple[str, ...]:
    """The stems of a text's content words, in order."""
    return tuple(stem(t) for t in tokens(text or "") if t not in STOPWORDS)


def _adjacent(sequence: Sequence[str], a: str, b: str) -> bool:
    """Whether ``a`` is directly followed by ``b`` in the sequence."""
    return any(x == a and y == b for x, y in pairwise(sequence))


@lru_cache(maxsize=50_000)  # the same records' fields are scored for question after question
def _stems_of(text: str) -> frozenset[str]:
    """The stems of a text's content words, ordinals written as numbers."""
    # "the eighth session" in a report meets "8th session" in a question
    if _ORDINAL_HINT.search(text or ""):
        text = words_to_ordinals(text)
    return frozenset(stem(t) for t in tokens(text or "") if t not in STOPWORDS)


_ORDINAL_HINT = re.compile(r"(?i)(?:first|second|third|th|fifth|ninth|twelfth)\b")


@lru_cache(maxsize=200_000)
def _match(s: str, stems_: frozenset[str]) -> float:
    """How well a stem is found among stems: 1 exactly, 0.9 by a long common prefix, 0.8 fuzzily."""
    if s in stems_:
        return 1.0
    if len(s) < 4 or s.isdigit():
        return 0.0
    for t in stems_:
        if len(t) >= 4 and (t.startswith(s) or s.startswith(t)) and min(len(s), len(t)) >= 0.7 * max(len(s), len(t)):
            return 0.9
    best = process.extractOne(s, stems_, scorer=fuzz.ratio, score_cutoff=86) if len(s) >= 5 else None
    return 0.8 if best else 0.0
