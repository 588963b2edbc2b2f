"""What a unit of evidence holds: the dates, times, numbers, amounts, people, places, symbols and
outcomes in it, each as the words the report uses, so an answer can put the asked-for fact first.

Every finder is general: patterns of how reports write these things, countries from pycountry's
ISO list, never a name taken from one report.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import dates
from ..lexicon import DECISION_STEMS, HONORIFICS, NOT_NAME_WORDS, ORGANISATION_WORDS, TITLE_WORDS, content_stems
from ..textpatterns import find_symbols as document_symbols

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|\u2013|\u2014|to|and|until|through)\s*"
# Loose date shapes beyond the calendar dates knowledge.dates reads exactly: "23rd - 24th March 2017",
# "5/31", "the second half of 2017", "Q3 2026", "by June", "end of month", weekdays.
LOOSE_DATES = [
    re.compile(rf"\b{_DAY}(?:{_DASH}{_DAY})?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:19|20)\d\d)?\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:{_DASH}(?:{_MONTH}\s+)?{_DAY})?(?:,?\s+(?:19|20)\d\d)?\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?:19|20)\d\d\b", re.I),
    re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b"),
    re.compile(r"(?<![\d/.])\d{1,2}/\d{1,2}(?:/(?:19|20)?\d\d)?(?![\d/])"),
    re.compile(r"\b(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?:half|quarter)\s+of\s+(?:19|20)\d\d\b", re.I),
    re.compile(r"\bq[1-4]\s+(?:19|20)\d\d\b", re.I),
    re.compile(r"\b(?:end|beginning|start|middle|mid)\s+of\s+(?:the\s+)?(?:month|year|week|" + _MONTH + r")\b", re.I),
    re.compile(r"\bwithin\s+\w+\s+(?:days?|weeks?|months?|years?)\b", re.I),
    re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|yesterday)\b", re.I),
    re.compile(rf"\b(?:by|before|after|until|in|during|from)\s+{_MONTH}\b", re.I),
]
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
TIME = re.compile(
    r"\b\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?|utc|gmt|cet|cest|eet|est|edt|pst|pdt|[a-z]{2,4}t)?\b"
    r"|\b\d{1,2}\s*[ap]\.?m\.?\b|\bnoon\b|\bmidnight\b",
    re.I,
)
ENUMERATOR = re.compile(r"^\s*\(?\d{1,3}[.)]\s+(?=\D)")
NUMBER = re.compile(r"(?<![\w/#.-])\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?(?![\w/])|(?<![\w/#.-])\d+(?:\.\d+)?%?(?![\w/])")
# How long something lasts or how far ahead it is due: "10 minute timebox", "18 months", "two weeks".
DURATION = re.compile(
    r"\b(?:(?:at least|at most|up to|within|about|approximately|some|over|nearly)\s+)?(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|sixty|ninety|a few|several)[\s-]+(?:(?:calendar|working|business|full)\s+)?"
    r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|quarters?)\b",
    re.I,
)
NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|dozen|majority|unanimous(?:ly)?)\b",
    re.I,
)
MONEY = re.compile(
    r"(?:US\$|\$|€|£|¥|CHF|USD|EUR|GBP|JPY)\s?\d[\d ,.]*(?:\s?(?:million|billion|thousand|k|m|bn))?"
    r"|\b\d[\d ,.]*\s?(?:million|billion|thousand)?\s?(?:dollars|euros|francs|pounds|USD|EUR|CHF)\b"
    r"|\bamount \(in [A-Z]{3}\)",
    re.I,
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|int|dev|io|edu|gov)(?:/\S*)?\b")
ISSUE = re.compile(r"(?:#|\b(?:PR|issue|item|no\.?|number|rfc|decision|resolution)\s*#?)\s?\d+(?:/\d+)*\b", re.I)
FILE_NAME = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:md|pdf|docx?|txt|html?|ya?ml|json|csv|xlsx?|pptx?)\b", re.I)
DRAFT = re.compile(r"\bdraft-[a-z0-9-]+\b", re.I)
_HONORIFIC = "|".join(re.escape(h) for h in HONORIFICS)
_NAME = r"[A-Z][\w'\u2019\-]+"
_PARTICLE = r"(?:de|da|del|della|van|von|der|den|bin|binti|al|el|la|le|dos|du|di|ter)"
# a middle initial ("Mr. Robert T. Watson") is part of the name
TITLED_PERSON = re.compile(rf"\b(?:{_HONORIFIC})\.?\s+(?:(?:{_NAME}|[A-Z])\.?\s+){{0,3}}(?:{_PARTICLE}\s+)?{_NAME}")
PLAIN_PERSON = re.compile(rf"\b{_NAME}(?:\s+[A-Z]\.)?(?:\s+(?:{_PARTICLE}\s+)?{_NAME}){{1,2}}\b")
SPEAKER = re.compile(rf"^(?:\[[ xX]\]\s+)?({_NAME}(?:\s+{_NAME}){{0,2}})\s*(?::|\s-\s|\s\u2013\s|,)")
# An agenda line "Transport Information Header - James Gruessing": a topic, then its presenter.
TOPIC_PRESENTER = re.compile(
    rf"^(?P<topic>\S.*?\s\S.*?)\s+[-\u2013\u2014]\s+(?P<name>{_NAME}(?:\s+{_NAME}){{1,2}})(?:\s*\([^)]*\))?\s*$"
)
ROLE = re.compile(
    r"\b(?:co-?chairs?|vice-?chairs?|chair(?:man|woman|person)?s?|president|secretary(?:-general)?|"
    r"rapporteur|director|editor|coordinator|facilitator|convener|treasurer|officer|minute[- ]?taker|"
    r"scribe|note[- ]?taker|presenter|liaison|lead|head|moderator|bureau member)\b",
    re.I,
)
PLACE_CUE = re.compile(
    r"\b(?:in|at|venue|hosted by|held in|located in|city of)\s+((?:[A-Z][\w\u00c0-\u024f'-]+[ ,]*){1,4})"
)
ONLINE = re.compile(r"\b(?:virtual(?:ly)?|online|remote(?:ly)?|zoom|webex|teams|hybrid|video ?conference)\b", re.I)


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    """Names of countries as reports write them: ISO names, common and official ones."""
    import pycountry

    names = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value)
                names.add(value.split(",")[0])
    names = {n for n in names if len(n) > 3}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b")


@lru_cache(maxsize=1)
def _language_pattern() -> re.Pattern:
    """The names of the languages with a two-letter ISO 639 code (pycountry): "Swedish", "Russian"."""
    import pycountry

    names = {re.sub(r"\s*[(;,].*$", "", lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    names = {n for n in names if len(n) > 3}
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


def _spans(patterns: list[re.Pattern], text: str) -> list[str]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.group(0).strip()))
    return [t for _, t in sorted(found)]


def find_dates(text: str) -> list[str]:
    """Date expressions, the exact calendar ones (knowledge.dates) first, then the looser shapes."""
    exact = [text[s.begin : s.finish] for s in dates.find_dates(text, default_year=2000)]
    loose = _spans(LOOSE_DATES, text)
    out = list(exact)
    for d in loose:
        if not any(d in e or e in d for e in out):
            out.append(d)
    return out


def find_people(text: str) -> list[str]:
    """Names of people: titled names, a speaker or list entry ('Jane Doe - Company'), and two or
    three capitalised words that are not a heading's or a month's."""
    found = [m.group(0) for m in TITLED_PERSON.finditer(text)]
    presenter = TOPIC_PRESENTER.match(text)
    if presenter and _a_persons(presenter.group("name").split()):
        found.append(presenter.group("name"))  # "Client Hints - Yoav Weiss (remote)": the topic, then who
    speaker = SPEAKER.match(text)
    if speaker and not presenter and _a_persons(speaker.group(1).split()):
        found.append(speaker.group(1))
    for m in PLAIN_PERSON.finditer(text):
        parts = m.group(0).split()
        while len(parts) > 2 and parts[-1].isupper():  # "Guy Martin NVIDIA": the name, then the company
            parts.pop()
        name = " ".join(parts)
        if not _a_persons(parts) or any(p.isupper() and len(p) > 1 for p in parts):
            continue
        if presenter and m.end() <= presenter.end("topic"):
            continue  # the topic's words, not a person
        if _NAME_RUN_BEFORE.search(text[: m.start()]):
            continue  # "Centre for Trade Facilitation": the tail of a longer name, not a person
        if not any(name in f for f in found):
            found.append(name)
    return found


_NAME_RUN_BEFORE = re.compile(r"[A-Z][\w'\u2019-]+\s+(?:for|of|on|the|&)\s+$")


def _a_persons(parts: list[str]) -> bool:
    """Whether capitalised words can be a person's name: none starts headings ("ACTION:"), names
    an organisation ("United Nations") or a document ("Executive Guide")."""
    return not any(
        p.capitalize() in NOT_NAME_WORDS or p in ORGANISATION_WORDS or p in TITLE_WORDS for p in parts
    ) and not (len(parts) == 1 and parts[0].isupper())


@lru_cache(maxsize=1)
def _city_pattern() -> re.Pattern:
    """Names of cities the IANA time zone database names (Europe/Copenhagen, America/Montevideo):
    the major cities a report's meetings are held in, known without a gazetteer to download."""
    from ..timezones import city_zones

    names = {c.title() for c in city_zones() if len(c) > 3 and c.title() not in NOT_NAME_WORDS}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # not a longer name's first word ("Victoria Smith", "Lima Group")
    return re.compile(rf"\b(?:{alternatives})\b(?!\s+[A-Z][a-z])")


def find_places(text: str) -> list[str]:
    out = [m.group(0) for m in _country_pattern().finditer(text)]
    out += [m.group(0) for m in _city_pattern().finditer(text) if not any(m.group(0) in o for o in out)]
    for m in PLACE_CUE.finditer(text):
        place = m.group(1).strip(" ,")
        if place.split()[0] not in NOT_NAME_WORDS and not any(place in o for o in out):
            out.append(place)
    out += [m.group(0) for m in ONLINE.finditer(text)]
    return out


def find_symbols(text: str) -> list[str]:
    out = [s for s, _, _ in document_symbols(text)]  # document symbols of many bodies
    out += [m.group(0) for m in DRAFT.finditer(text)]
    out += [m.group(0) for m in ISSUE.finditer(text) if not any(m.group(0) in o for o in out)]
    return out


@lru_cache(maxsize=4096)
def context_dates(context: str) -> tuple[str, ...]:
    """The calendar dates in a unit's headings (a session's day), cached: many units share one
    context. Only whole dates: a heading naming a year ("the 2019 session") dates nothing."""
    return tuple(exact_dates(context)) if context else ()


def exact_dates(text: str) -> list[str]:
    """Whole calendar dates (a day, month and year, in any of the ways reports write them)."""
    return [
        text[s.begin : s.finish]
        for s in dates.find_dates(text, default_year=2000)
        if re.search(r"\d{4}", text[s.begin : s.finish])
    ]


def holds(text: str) -> dict[str, list[str]]:
    """Everything a unit's text holds, by type; types it does not hold are left out."""
    body = ENUMERATOR.sub("", text, count=1)  # an item's own number "2)" is not a number it states
    found = {
        "date": find_dates(text),
        "year": YEAR.findall(text),
        "time": [m.group(0) for m in TIME.finditer(text) if not re.fullmatch(r"\d{1,2}\.\d{2}", m.group(0))],
        "duration": [m.group(0) for m in DURATION.finditer(text) if not re.fullmatch(r"(?i)an?\s+\w+", m.group(0))],
        "language": _language_pattern().findall(text),
        "amount": [m.group(0).strip() for m in MONEY.finditer(text)],
        "number": [m.group(0) for m in NUMBER.finditer(body)] + [m.group(0) for m in NUMBER_WORDS.finditer(body)],
        "person": find_people(text),
        "role": [m.group(0) for m in ROLE.finditer(text)],
        "place": find_places(text),
        "symbol": find_symbols(text),
        "contact": EMAIL.findall(text) + [m.group(0) for m in URL.finditer(text)],
        "file": FILE_NAME.findall(text),
        "decision": sorted({w for w in content_stems(text) if w in DECISION_STEMS}),
    }
    return {k: v for k, v in found.items() if v}


def report_holds(texts: list[str]) -> list[dict[str, list[str]]]:
    """What each unit of one report holds, with the people the report names in full also found
    where a unit calls them by first name or surname alone ("Who's booking hotels? --> Cyril",
    under a participant list that has "Cyril Pernet"), or by their initials as a speaker's label
    ("CP: Ariel will pay ...", "(CHL) Update on ..."): minutes name people that way once they have
    listed them."""
    found = [holds(t) for t in texts]
    listed = {  # named as a list's entry ("Cyril Pernet", "Rémi Gau (BIDS maintainer)") or with a title
        name
        for text, f in zip(texts, found, strict=True)
        for name in f.get("person", ())
        if (text.startswith(name) and _LISTED.match(text[len(name) :]))
        or re.search(rf"\b(?:{_HONORIFIC_WORDS})\.?\s+{re.escape(name)}", text)
    }
    short = _short_names(listed)
    if not short:
        return found
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, short), key=len, reverse=True)) + r")\b")
    for text, f in zip(texts, found, strict=True):
        people = f.get("person", [])
        extra = [
            m.group(1)
            for m in pattern.finditer(text)
            if (
                short[m.group(1)] != "initials"
                or SPEAKER_INITIALS.match(text[m.start() :])
                or text[m.start() - 1 : m.start()] == "("  # "(CHL) Update on the images": who gave it
            )
            and not any(m.group(1) in p for p in people)
        ]
        if extra:
            f["person"] = people + list(dict.fromkeys(extra))
    return found


_LISTED = re.compile(r"\s*(?:$|[-\u2013,(\[|])")  # what follows a name that is a list's entry
_HONORIFIC_WORDS = "|".join(re.escape(h.rstrip(".")) for h in HONORIFICS)
SPEAKER_INITIALS = re.compile(r"[A-Z]{2,3}\s*:")  # "DH: when will we have a plan?"


def _short_names(full_names: set[str]) -> dict[str, str]:
    """First names and surnames ("name") of people named in full, and the initials ("initials")
    that only one of them has."""
    out: dict[str, str] = {}
    initials: dict[str, int] = {}
    for name in full_names:
        parts = [p for p in name.split() if p[:1].isupper()]
        if len(parts) < 2:
            continue
        for part in (parts[0], parts[-1]):
            if len(part) >= 3 and part.isalpha() and part.lower() not in _COMMON and part not in NOT_NAME_WORDS:
                out[part] = "name"
        code = "".join(p[0] for p in parts)
        initials[code] = initials.get(code, 0) + 1
    for code, count in initials.items():
        if count == 1 and 2 <= len(code) <= 3 and code not in out:
            out[code] = "initials"
    return out


# Capitalised at a sentence's start, these are words, whoever is named so ("Will", "May", "Mark")
_COMMON = frozenset({"will", "may", "mark", "grant", "rose", "bill", "april", "june", "august", "new", "young"})


__all__ = [
    "holds",
    "report_holds",
    "context_dates",
    "exact_dates",
    "find_dates",
    "find_people",
    "find_places",
    "find_symbols",
]
