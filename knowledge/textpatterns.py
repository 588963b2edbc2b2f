"""Patterns of the genre that both the importer and the answerer need: ordinals, people's names,
document symbols, abbreviations defined in the text, and named events ("WSIS Forum 2020").

Nothing here knows any one report: these are the shapes in which intergovernmental reports
write such things.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_UNITS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS_ORD = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS) if w}
ORDINAL_WORDS.update({w: 10 + i for i, w in enumerate(_TEENS)})
ORDINAL_WORDS.update(_TENS_ORD)
for _tens_word, _tens in _TENS.items():
    for _i, _unit in enumerate(_UNITS[1:], 1):
        ORDINAL_WORDS[f"{_tens_word}-{_unit}"] = _tens + _i
        ORDINAL_WORDS[f"{_tens_word} {_unit}"] = _tens + _i

_ORDINAL_WORD_RE = "|".join(sorted((re.escape(w) for w in ORDINAL_WORDS), key=len, reverse=True))
ORDINAL = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|{_ORDINAL_WORD_RE})"
_ORDINAL_LIST = rf"{ORDINAL}(?:\s*(?:,|and|&)\s*{ORDINAL})*"
MEETING_MENTION = re.compile(
    rf"\b(?P<list>{_ORDINAL_LIST})\s+(?:[\w&\-]+\s+){{0,2}}?(?:meetings?|mtgs?|sessions?|plenary|plenaries)\b"
    r"|\b(?:meetings?|mtgs?|sessions?)\s+(?:no\.?\s*|nos\.?\s*|number\s+|#)?(?P<nums>\d{1,3}(?:\s*(?:,|and|&)\s*\d{1,3})*)\b(?![.,]\d)",
    re.IGNORECASE,
)


def ordinal_value(token: str) -> int | None:
    token = token.lower().strip()
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)?", token)
    if m:
        return int(m.group(1))
    return ORDINAL_WORDS.get(token)


def meeting_numbers(text: str, prefixes: Sequence[str] = ()) -> list[tuple[int, int, int]]:
    """(number, start, end) for each meeting a text names: "34th and 35th meetings", "Meetings 3
    and 4", "the thirteenth meeting", and, given the group's abbreviation as a prefix, "CWG-FHR-19"."""
    found = []
    for m in MEETING_MENTION.finditer(text):
        if m.group("nums"):
            plural = re.match(r"(?i)(?:meetings|mtgs|sessions)\b", m.group(0))
            numbers = re.finditer(r"\d{1,3}", m.group("nums"))
            for n in numbers if plural else [next(numbers)]:  # "At Meeting 5, 16 documents" is one meeting
                found.append((int(n.group(0)), m.start(), m.end()))
            continue
        for o in re.finditer(ORDINAL, m.group("list"), re.IGNORECASE):
            value = ordinal_value(o.group(0))
            if value:
                found.append((value, m.start() + o.start(), m.end()))
    for prefix in prefixes:
        for m in re.finditer(rf"(?<![\w-]){re.escape(prefix)}[-\s]?(\d{{1,3}})\b(?![-/.]\w)", text, re.IGNORECASE):
            found.append((int(m.group(1)), m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def ordinal_word(n: int) -> str | None:
    """8 -> 'eighth' (the forms reports write), for numbers up to 99."""
    for word, value in ORDINAL_WORDS.items():
        if value == n and " " not in word:
            return word
    return None


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 21 -> '21st', 112 -> '112th': the one ordinal suffix
    for meetings, sessions and anything else numbered, in every module."""
    n = int(n)
    suffix = "th" if 11 <= abs(n) % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(abs(n) % 10, "th")
    return f"{n}{suffix}"


def words_to_ordinals(text: str) -> str:
    """'thirty-fourth meeting' -> '34th meeting', so questions and reports meet in one form."""

    def repl(m: re.Match) -> str:
        return ordinal(ORDINAL_WORDS[m.group(0).lower()])

    return re.sub(rf"\b(?:{_ORDINAL_WORD_RE})\b", repl, text, flags=re.IGNORECASE)


# -- people ----------------------------------------------------------------------------------

HONORIFIC = r"(?:H\.\s?E\.\s+)?(?:Prof\.?\s+Dr\.?|Prof\.?|Professor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mme\.?|Eng\.?|Ambassador|Amb\.)"
_NAME_TOKEN = r"[A-Z][\w'\u2019\-]+"
_PARTICLE = r"(?:de|da|del|della|van|von|der|bin|binti|al|el|la|le|dos|du|di)"
PERSON = re.compile(
    rf"\b(?P<honorific>{HONORIFIC})\s+(?P<name>{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+|[A-Z]\.\s+)?{_NAME_TOKEN}){{0,4}})"
)
ROLE_WORDS = re.compile(
    r"\b(Secretary|Director|Chair|Chairman|Chairperson|Chairwoman|Head|Minister|President|"
    r"Coordinator|Counsellor|Officer|Adviser|Advisor|Rapporteur|Vice|Deputy|Representative|"
    r"Ambassador|Manager|Expert|Chief|Registrar|Editor|Facilitator|Convener|Convenor)\b"
)


# -- document symbols --------------------------------------------------------------------------

# A symbol is one token of letters and digits joined by "-" or "/" ("S19-CWGWSIS34-C-0002",
# "CWGWSIS35/2", "A/RES/73/218"). Requiring a digit and either a "/" or two joints keeps
# "COVID-19", "ITU-D" and "PP-18" out.
SYMBOL = re.compile(r"(?<![\w/-])([A-Z][A-Za-z&]*\d*(?:[-/][A-Za-z0-9&.]+)+)(?![\w/-])")


def is_symbol(token: str) -> bool:
    token = token.rstrip(".")
    if not re.search(r"\d", token) or not re.search(r"[A-Za-z]", token):
        return False
    joints = len(re.findall(r"[-/]", token))
    return "/" in token or joints >= 2


def find_symbols(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(1).rstrip("."), m.start(1), m.end(1)) for m in SYMBOL.finditer(text) if is_symbol(m.group(1))]


def symbol_key(symbol: str) -> str:
    return re.sub(r"/(?:en|fr|es|ar|ru|zh)$", "", symbol.strip(), flags=re.IGNORECASE).upper()


# -- abbreviations ------------------------------------------------------------------------------

_ABBR_DEF = re.compile(r"\(\s*(?P<abbr>[A-Z][A-Za-z0-9&\-+.]{0,18}[A-Za-z0-9](?:\s(?:19|20)\d\d)?)\s*\)")
_SMALL_WORDS = {"of", "on", "for", "and", "the", "in", "to", "de", "la", "du", "des", "at", "&"}


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def abbreviation_definitions(text: str) -> list[tuple[str, str]]:
    """("HLPF", "High-level Political Forum") for each "Long Name (ABBR)" in the text.

    The long form is the shortest run of words before the parenthesis whose first word starts
    with the abbreviation's first letter and whose letters contain the abbreviation's letters in
    order; that rejects "(Platinum)" and "(Russian Federation)" style parentheses.
    """
    found: list[tuple[str, str]] = []
    for m in _ABBR_DEF.finditer(text):
        abbr = m.group("abbr")
        year = ""
        ym = re.search(r"\s((?:19|20)\d\d)$", abbr)
        if ym:
            year, abbr = ym.group(1), abbr[: ym.start()]
        core = _letters(abbr)
        if len(core) < 2 or (abbr[1:].islower() and "-" not in abbr):
            continue  # "(Platinum)", "(Gold)": a capitalised word, not an abbreviation
        before = text[max(0, m.start() - 160) : m.start()].rstrip()
        if year:
            if not before.endswith(year):
                continue
            before = before[: -len(year)].rstrip()
        words = re.findall(r"[\w&'\u2019\-+]+", before)
        best, best_hits = None, 0
        for n in range(1, min(10, len(words)) + 1):
            candidate = words[-n:]
            if candidate[0].lower() in _SMALL_WORDS:
                continue
            if candidate[0][0].lower() != core[0]:
                continue
            if _is_subsequence(core, _letters(" ".join(candidate))) and _initials_cover(core, candidate):
                # the long form whose words' initials spell most of the abbreviation, shortest first:
                # "International Federation for Information Processing", not "Information Processing"
                significant = [w for w in candidate if w.lower() not in _SMALL_WORDS]
                # a long form in lower case ("non-geostationary satellite orbit (NGSO)") counts whole
                capitalised = [w for w in significant if w[0].isupper()] or significant
                matched = min(len(core), sum(1 for w in capitalised if w[0].lower() in core))
                extra = (len(significant) - len(capitalised)) + max(0, len(capitalised) - len(core))
                hits = matched - extra
                if hits > best_hits:
                    best, best_hits = " ".join(candidate), hits
        if best is None:
            # Abbreviations from another language's word order: "Telecommunication Development
            # Bureau (BDT)" has the abbreviation's letters as its initials, in another order.
            for n in range(2, min(8, len(words)) + 1):
                significant = [w for w in words[-n:] if w.lower() not in _SMALL_WORDS]
                if words[-n].lower() in _SMALL_WORDS:
                    continue
                if sorted(w[0].lower() for w in significant) == sorted(core):
                    best = " ".join(words[-n:])
                    break
        if best:
            found.append((abbr + (" " + year if year else ""), best + (" " + year if year else "")))
    return found


_GLOSSARY_LINE = re.compile(
    r"^\s*(?:[-\u2022\u00b7*]\s+)?(?P<abbr>[A-Z][A-Za-z0-9&+]{1,15}(?:-[A-Z0-9]+)?)\s*(?:[-\u2013\u2014:=]|\t)\s*(?P<long>[A-Za-z][^.;:]{3,100}?)\s*\.?$"
)


def glossary_definitions(text: str) -> list[tuple[str, str]]:
    """("CIRT", "computer incident response team") for glossary lines "CIRT - computer incident
    response team" / "CIRT: ...", when the long form's words spell the abbreviation."""
    found = []
    for line in text.splitlines():
        m = _GLOSSARY_LINE.match(line)
        if not m:
            continue
        abbr, long = m.group("abbr"), m.group("long").strip()
        core = _letters(abbr)
        words = [w for w in re.findall(r"[\w'\-]+", long) if w.lower() not in _SMALL_WORDS]
        if (
            len(core) >= 2
            and words
            and words[0][0].lower() == core[0]
            and _is_subsequence(core, _letters(long))
            and _initials_cover(core, words)
            and len(words) <= len(core) + 2
        ):
            found.append((abbr, long))
    return found


def _is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


def _initials_cover(core: str, words: list[str]) -> bool:
    """Most of the long form's significant words must start a letter of the abbreviation."""
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    initials = [w[0].lower() for w in significant]
    hits = sum(1 for ch in initials if ch in core)
    return hits >= max(1, len(significant) - 1)


# -- named events ---------------------------------------------------------------------------------

EVENT_WORDS = re.compile(
    r"\b(forum|summit|conference|day|days|meeting|session|assembly|week|prizes?|congress|symposium|"
    r"workshop|expo|exhibition|festival|dialogue|hackathon|retreat|council|plenipotentiary|"
    r"seminar|colloquium|webinar|award|awards|event|consultation|panel|celebration|ceremony|games|"
    r"briefing|training|course|roundtable|round table|town hall|launch|hearing|exhibit|fair|camp)\b",
    re.IGNORECASE,
)
_CAP = r"(?:[A-Z][\w+&'\u2019\-]*|[A-Z]{2,}[\w+&\-]*)"
_CONNECT = r"(?:of|on|for|and|the|in|de)"
NAMED_EVENT = re.compile(
    rf"\b((?:{_CAP}\s+(?:{_CONNECT}\s+)*){{0,7}}{_CAP}\s+(?:19|20)\d\d)\b"
    rf"|\b((?:19|20)\d\d\s+{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP}){{0,5}})\b"
)
_NOT_EVENT_START = re.compile(r"^(?:The|This|That|In|On|At|By|For|Since|Of|And|An?|Its|Their|To)\s+")


def named_events(text: str, expansions: dict[str, str] | None = None) -> list[tuple[str, int, int]]:
    """Event names with a year in them, as written, with their position in ``text``.

    A candidate counts when a word of it (or of what its abbreviation stands for) names a kind of
    event, so that "Resolution 1332 (Modified 2019)" is not mistaken for one.
    """
    expansions = expansions or {}
    found = []
    for m in NAMED_EVENT.finditer(text):
        name = (m.group(1) or m.group(2)).strip()
        start = m.start(1) if m.group(1) else m.start(2)
        while True:
            trimmed = _NOT_EVENT_START.sub("", name)
            if trimmed == name:
                break
            start += len(name) - len(trimmed)
            name = trimmed
        if m.group(1) and re.search(r"\sof\s(?:the\s)?", name):
            # "Outcomes of the WSIS Forum 2020" names the forum, not the outcomes.
            tail = re.split(r"\sof\s(?:the\s)?", name)[-1]
            if EVENT_WORDS.search(" ".join(expansions.get(w, w) for w in tail.split())):
                start += len(name) - len(tail)
                name = tail
        if m.group(2):
            name = re.split(r"\s(?:and|&)\s", name)[0]
        expanded = " ".join(expansions.get(w.lower(), expansions.get(w, w)) for w in name.split())
        if EVENT_WORDS.search(expanded) and not re.search(
            r"\b(Resolution|Report|Rev|Modified|Revised|Updated)\b", name
        ):
            found.append((name, start, start + len(name)))
    return found


def event_key(name: str, expansions: dict[str, str] | None = None) -> str:
    """One key for "HLPF 2020", "2020 HLPF" and "High-level Political Forum 2020"."""
    expansions = expansions or {}
    words = []
    for w in re.findall(r"[\w+&\-]+", name):
        words.extend(re.findall(r"[\w+&\-]+", expansions.get(w, expansions.get(w.lower(), w)).lower()))
    words = [w for w in words if w not in _SMALL_WORDS]
    return " ".join(sorted(words))
