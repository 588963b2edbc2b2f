"""Small text helpers the record readers share: normalising, tidying, and spotting verbs, places,
countries and unyeared event names. None of them knows a report; they read shapes of the genre."""

from __future__ import annotations

import hashlib
import re

from ..textpatterns import EVENT_WORDS
from . import cues


def norm(text: str) -> str:
    """Lower-case words joined by single spaces: what two spellings of one title share."""
    return " ".join(re.findall(r"\w+", text.lower()))


def stemmed(text: str) -> str:
    """The content stems of a text, sorted, for comparing two wordings of one ask."""
    from ..question import content_stems

    return " ".join(sorted(content_stems(text)))


def digest(text: str) -> str:
    return hashlib.sha1(norm(text).encode()).hexdigest()[:12]


def tidy(text: str) -> str:
    """Collapse spaces, strip trailing punctuation and capitalise: a label fit to show."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:.-\u2013")
    return text[:1].upper() + text[1:] if text else text


def has_verb(text: str) -> bool:
    """Whether a text is a clause rather than a name or a title."""
    return bool(cues.FINITE_VERB.search(text))


def country_after(text: str) -> str | None:
    """ "(Ghana)" just after a name: the country, unless it is an abbreviation."""
    m = re.match(r"\s*\(([^)]{2,60})\)", text)
    if m and not re.fullmatch(r"[A-Z]{2,8}", m.group(1)):
        return m.group(1).strip()
    return None


def place_after(sentence: str, offset: int) -> str | None:
    """The first "in/at Place" after ``offset`` that is not a document, an event or a number."""
    for m in re.finditer(
        r"\b(?:in|at)\s+((?:[A-Z][\w'\u2019\-]+)(?:(?:\s+|,\s*)[A-Z][\w'\u2019\-]+){0,3})", sentence[offset:]
    ):
        place = m.group(1).strip(" ,")
        if not cues.NOT_A_PLACE.match(place) and not EVENT_WORDS.search(place) and not re.search(r"\d", place):
            return place
    return None


def unyeared_event(before: str) -> str | None:
    """ "The Regional Youth Summit for the Americas, scheduled for": a capitalised name with a word
    for an event in it, standing just before the date (no year in the name)."""
    names = list(
        re.finditer(r"((?:[A-Z][\w'\u2019\-]*\s+(?:(?:of|on|for|and|the|in|de)\s+)*){0,7}[A-Z][\w'\u2019\-]*)", before)
    )
    m = names[-1] if names else None  # the last: the one nearest the date
    if not m or len(before) - m.end() > 60:
        return None
    name = re.sub(r"^(?:The|This|A|An)\s+", "", m.group(1).strip())
    if EVENT_WORDS.search(name) and len(name.split()) >= 2:
        return name
    return None


def capitalised_events(text: str) -> list[str]:
    """Capitalised names with a word for an event in them, without a year ("Regional Workshop on
    Satellite Licensing for Asia and the Pacific"), in the order they stand."""
    names = []
    for m in re.finditer(
        r"\b((?:[A-Z][\w'\u2019\-]*\s+(?:(?:of|on|for|and|the|in|de)\s+)*){1,8}[A-Z][\w'\u2019\-]*)", text
    ):
        name = re.sub(r"^(?:The|This|A|An|It|In|At|On)\s+", "", m.group(1).strip())
        if EVENT_WORDS.search(name) and len(name.split()) >= 2 and not has_verb(name):
            names.append(name)
    return names


def event_subject(before: str) -> str | None:
    """ "an information session on ASHI for Member States will take place on": the subject of an
    event verb, when it names a kind of event."""
    m = cues.EVENT_SUBJECT.search(before)
    if m and EVENT_WORDS.search(m.group(1)) and not re.search(r"\b(meeting|meetings)\b", m.group(1), re.I):
        name = m.group(1).strip()
        return name[:1].upper() + name[1:]
    return None


def split_names(text: str) -> list[str]:
    """ "A, B and C (D, E)" -> ["A", "B", "C (D, E)"]: a list of names, brackets kept whole."""
    text = re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(",", "\x00"), text)
    parts = re.split(r"[,;]\s*|\s+and\s+(?![^()]*\))|\s*&\s*", text)
    return [p.replace("\x00", ",").strip() for p in parts if p.strip()]
