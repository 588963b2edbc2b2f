"""Reading a delegate's question: what it asks (when, who, where, how many, a list), about which
kind of record, and with which words — typos fixed against the knowledge base's own vocabulary.

Questions arrive the way people type: "hlpf deadline?", "when r wsis prize nominations due",
"HLFP input dedline". Everything here is about the question; nothing knows any report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from . import dates
from .lexicon import CHAIR_WORDS, STOPWORDS as LEXICON_STOPWORDS, without_fillers
from .textpatterns import find_symbols, meeting_numbers, words_to_ordinals

# The lexicon's stopwords, and "wg": the records are matched on what a group's records say, where
# "working group" names every one of them (the evidence side spells it out instead).
STOPWORDS = set(LEXICON_STOPWORDS) | {"wg"}

# Words that say which kind of record a question is about. They match records by kind, not by text.
KIND_WORDS = {
    "deadlines": {
        "deadline",
        "deadlines",
        "due",
        "dedline",
        "submit",
        "submission",
        "submissions",
        "send",
        "closes",
        "close",
        "closing",
        "cutoff",
        "cut-off",
        "extended",
        "extension",
        "latest",
        "until",
        "till",
        "apply",
        "register",
        "registration",
        "nominate",
        "nominations",
    },
    "meetings": {
        "meeting",
        "meetings",
        "session",
        "sessions",
        "chair",
        "chairs",
        "chaired",
        "chairman",
        "chairperson",
        "vice-chair",
        "vice-chairs",
        "delegates",
        "participants",
        "attended",
        "attend",
    },
    "partners": {
        "partner",
        "partners",
        "sponsor",
        "sponsors",
        "tier",
        "tiers",
        "platinum",
        "gold",
        "silver",
        "bronze",
        "diamond",
    },
    "documents": {
        "document",
        "documents",
        "doc",
        "docs",
        "contribution",
        "contributions",
        "symbol",
        "submit",
        "submitted",
        "paper",
        "propose",
        "proposed",
        "proposal",
        "proposals",
    },
    "recommendations": {
        "recommend",
        "recommended",
        "recommendation",
        "recommendations",
        "request",
        "requested",
        "encourage",
        "encouraged",
        "invited",
        "asked",
        "propose",
        "proposed",
        "proposal",
        "say",
        "said",
        "decide",
        "decided",
        "agree",
        "agreed",
        "noted",
        "should",
        "urged",
        "outcome",
        "outcomes",
    },
    # Not "forum" or "summit": those are parts of events' names, matched as text.
    "events": {"event", "events", "theme", "venue", "where"},
    "people": {"who", "director", "head", "secretary-general", "secretary", "chief", "officer"},
}
# Words a question uses for the kind of answer it wants ("which countries ...?"): reports name the
# countries themselves, so these are not words to find in the answer.
ANSWER_NOUNS = {
    "countries",
    "country",
    "states",
    "organisations",
    "organizations",
    "organisation",
    "organization",
    "delegations",
    "members",
    "people",
    "persons",
    "entities",
    "bodies",
    "institutions",
    "names",
    "ones",
}
ROLE_NOUNS = {
    "chair",
    "chairs",
    "chairman",
    "chairperson",
    "chairwoman",
    "co-chair",
    "cochair",
    "director",
    "secretary",
    "secretary-general",
    "head",
    "president",
    "rapporteur",
    "coordinator",
    "facilitator",
    "vice-chair",
    "minister",
    "officer",
    "deputy",
}
TIER_WORDS = {
    "platinum",
    "gold",
    "silver",
    "bronze",
    "diamond",
    "strategic",
    "premium",
    "premier",
    "contributing",
    "supporting",
    "founding",
    "principal",
    "associate",
    "media",
    "host",
}

_SUFFIXES = (
    "ational",
    "ations",
    "ation",
    "itions",
    "ition",
    "ators",
    "ator",
    "ments",
    "ment",
    "ings",
    "ing",
    "ions",
    "ion",
    "ness",
    "ies",
    "ied",
    "ers",
    "es",
    "ed",
    "ly",
    "al",
    "ate",
    "er",
    "s",
    "e",
)


@lru_cache(maxsize=200_000)  # words repeat across records and questions: stem each once
def stem(word: str) -> str:
    """A light suffix stripper: "nominations" and "nominate" both give "nomin"; British and
    American spellings meet ("organise", "organize")."""
    word = word.lower().strip("'\u2019")
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    word = re.sub(r"is(e|es|ed|ing|ation|ations)$", r"iz\1", word)
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if (
                suffix in ("ed", "ing", "er", "ers")
                and len(word) >= 4
                and word[-1] == word[-2]
                and word[-1] not in "aeioulsz"
            ):
                word = word[:-1]  # "mapped" -> "map", "planned" -> "plan"
            return word
    return word


def tokens(text: str) -> list[str]:
    """Words as matched: lower case, hyphenated and '&' words kept whole and also split."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    out = []
    for raw in re.findall(r"[\w][\w&+\-/'.]*[\w]|[\w]", text):
        raw = re.sub(r"'s$", "", raw.strip(".'"))  # "Haddad's seat" is about Haddad
        if not raw:
            continue
        out.append(raw)
        if re.search(r"[-&/+.]", raw) and not re.search(r"\d", raw):  # "WP.DTF", "co-chair"
            out.extend(p for p in re.split(r"[-&/+.]+", raw) if p)
    return out


def content_stems(text: str) -> set[str]:
    return {stem(t) for t in tokens(text) if t not in STOPWORDS}


# Plain-English equivalents that reports and delegates use for one another (not any report's terms).
SYNONYM_GROUPS = [
    {"annual", "annually", "yearly", "year", "every year"},
    {"request", "requested", "ask", "asked"},
    {"propose", "proposed", "proposal", "proposals", "suggest", "suggested", "suggestion"},
    {"comment", "comments", "commented", "feedback", "remarks"},
    {"send", "sent", "submit", "submitted", "address", "addressed", "receive", "received"},
    {"place", "venue", "location", "held"},
    {"deadline", "due", "closing", "close", "closes", "cut-off"},
    set(CHAIR_WORDS),
    {"country", "countries", "member states", "administrations"},
    {"start", "begin", "begins", "opens", "open"},
    {"meeting", "session", "mtg"},
    {"participants", "delegates", "attendees", "people", "ppl", "attended", "participated", "attendance"},
    {"represent", "represented", "replaced", "stood"},
    {"extend", "extended", "extension", "postpone", "postponed", "push", "pushed", "delay", "delayed"},
    {"previous", "former", "outgoing", "past"},
    {"co-chair", "cochair", "co-chairs", "co-chaired"},
    {"vice-chair", "vc", "vice-chairs", "vcs", "vicechair"},
    {"group", "groups", "grp", "grps"},
    {"document", "documents", "doc", "docs"},
    {"database", "databases", "db"},
    {"staff", "secretariat", "team"},
    # irregular verbs, whose forms a suffix stripper cannot join
    {"take", "took", "taken", "takes"},
    {"give", "gave", "given"},
    {"hold", "holds"},
    {"lead", "led", "leads"},
    {"write", "wrote", "written"},
    {"choose", "chose", "chosen"},
    {"begin", "began", "begun"},
    {"speak", "spoke", "spoken"},
    {"meet", "meets"},
]
SYNONYMS: dict[str, set[str]] = {}
SYNONYM_WORDS: dict[str, set[str]] = {}  # for searching: the words themselves, not their stems
for _group in SYNONYM_GROUPS:
    _stems = {stem(w) for w in _group}
    for _s in _stems:
        SYNONYMS.setdefault(_s, set()).update(_stems - {_s})
        SYNONYM_WORDS.setdefault(_s, set()).update(w for w in _group if " " not in w)


@dataclass
class Question:
    text: str
    normalized: str
    words: list[str]  # content words, typo-corrected, unstemmed
    stems: set[str]
    intent: str  # when | who | where | how_many | what | list
    kinds: set[str] = field(default_factory=set)
    meetings: list[int] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)
    period: dates.Period | None = None
    upcoming: bool = False
    wants_all: bool = False
    tier_words: set[str] = field(default_factory=set)


# "Rapporteur, when is ...": the bot addressed by its name. Only there is the word not a question's
# (a group's rapporteur is a role: "who is the rapporteur?").
_ADDRESS = re.compile(r"^\W*(?:(?:hey|hi|hello|ok)\W+)?@?(?:rapporteur|bot)\b\s*[,:!\-\u2013]\s*", re.I)


DEADLINE_PHRASE = re.compile(
    r"\bby (?:when|what date)\b|\buntil when\b|\bhow long do (?:\w+\s+){1,3}have\b"
    r"|\bhow (?:far|long|many days|many weeks|early) (?:ahead|before|in advance|prior)\b|\blast day (?:to|for)\b"
)


def clean(text: str) -> str:
    """Remove control and direction characters that would only confuse matching, and the bot's
    name where the question opens by addressing it."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = _ADDRESS.sub("", " ".join(text.split()))
    return without_fillers(text)[:1000]


def parse(text: str, today: date | None = None, correct=None, meeting_prefixes: Sequence[str] = ()) -> Question:
    """``correct``: a function from an unknown word to a known one (the knowledge base's vocabulary);
    ``meeting_prefixes``: the groups' abbreviations, for meetings named like "CWG-FHR-19"."""
    raw = clean(text)
    normalized = words_to_ordinals(raw)
    lowered = normalized.lower()
    symbols = [s for s, _, _ in find_symbols(normalized)]
    meetings = [n for n, _, _ in meeting_numbers(normalized, meeting_prefixes)]
    if meetings:  # "CWG-FHR-19" is a meeting here, not a document symbol
        symbols = [s for s in symbols if not meeting_numbers(s, meeting_prefixes)]
    words = []
    # An abbreviation typed in capitals is a name even when it spells a common word ("the FOR 2023").
    shouted = normalized.isupper()
    capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", normalized)} if not shouted else set()
    for t in tokens(normalized):
        if t in STOPWORDS and t not in capitals:
            continue
        if correct and not re.search(r"\d", t) and len(t) >= 4:
            t = correct(t)
        words.append(t)
    stems = {stem(w) for w in words}
    numbers = set(re.findall(r"\b\d+\b", " ".join(w for w in tokens(raw) if not re.search(r"(st|nd|rd|th)$", w))))
    intent = _intent(lowered, words)
    kinds = {kind for kind, kw in KIND_WORDS.items() if kw & set(words)}
    if DEADLINE_PHRASE.search(lowered):
        kinds.add("deadlines")  # "by when do we need to enter ...?" asks a deadline without the word
    if "who" in lowered.split() or lowered.startswith("who") or set(words) & ROLE_NOUNS:
        kinds.add("people")
    if meetings:
        kinds.add("meetings")
    if symbols:
        kinds.add("documents")
    period = dates.period_in_question(lowered, today)
    upcoming = bool(re.search(r"\b(upcoming|next|coming|soon|future|ahead|remaining|open)\b", lowered))
    wants_all = bool(re.search(r"\b(all|every|list|which deadlines|what deadlines|any deadlines)\b", lowered))
    return Question(
        raw,
        normalized,
        words,
        stems,
        intent,
        kinds,
        meetings,
        symbols,
        numbers,
        period,
        upcoming,
        wants_all,
        {w for w in words if w in TIER_WORDS},
    )


def _intent(lowered: str, words: list[str]) -> str:
    if re.search(r"\bhow (many|much)\b|\bnumber of\b|\bhow big\b", lowered):
        return "how_many"
    if re.search(r"^\s*why\b|\bfor what reason\b|\bhow come\b", lowered):
        return "why"
    if re.search(
        r"\bwhere\b|\bvenue\b|\blocation\b|\bwhich (city|country)\b|\bemail\b|\be-mail\b|\bsend (?:it|them) to\b",
        lowered,
    ):
        return "where"
    if re.search(r"\bwhen\b|\bwhat (date|day|time)\b|\bdates?\b|\bdue\b|\bdeadline\b|\bdedline\b|\bby when\b", lowered):
        return "when"
    if re.search(
        r"\bwho\b|\bwhom\b|\bwhich (organi[sz]ations?|countries|partners|vice[- ]chairs?|members?|delegations?)\b",
        lowered,
    ):
        return "who"
    if re.search(r"^(list|show|all)\b|\ball (the )?\w+$", lowered):
        return "list"
    return "what"
