"""Questions about meetings: one meeting by its number ("When was the 4th meeting?", "who chaired
meeting 5?") and the meetings as a whole ("who chaired the meetings?", "how many delegates?")."""

from __future__ import annotations

import json
import re
from datetime import date

from rapidfuzz import fuzz

from ... import dates
from ...lexicon import CHAIR_WORDS, DEADLINE_NOUNS, DELIVERABLES, MEETING_FACT_WORDS
from ...naming import capitalised, meeting_name
from ...question import DEADLINE_PHRASE, KIND_WORDS, content_stems, stem
from ...textpatterns import ordinal
from ..result import Answer
from .context import Scope
from .lines import Row, _paren
from .replies import Candidate, reply, unknown


def meeting_by_number(s: Scope) -> Answer | None:
    """The facts asked of the meetings the question numbers, when the meeting records hold them."""
    q = s.q
    by_number = bool(q.meetings)
    if not q.meetings:
        named_by_month = bool(_BY_MONTH.search(s.q.text))  # then not "this meeting", even if none or two match
        found = meetings_by_place(s) or meetings_by_month(s) or ([] if named_by_month else meetings_of_the_minutes(s))
        if not found:
            return None
    else:
        found = [m for n in dict.fromkeys(q.meetings) for m in s.rows("meetings", "number = ?", [n])]
        if not found:
            found, by_number = _nth_by_date(s, q.meetings), False
    if not found:
        if q.kinds & {"deadlines", "documents", "events", "partners"}:
            return None  # "contributions to meeting 6": a deadline about a meeting still to come
        known = ", ".join(str(m["number"]) for m in s.rows("meetings", order="number")) or "none"
        missing = ", ".join(ordinal(n) for n in q.meetings)
        return unknown(
            f"I have no record of a {missing} meeting. Meetings I know of: {known}.",
            [Candidate("meetings", m) for m in s.rows("meetings", order="number desc")[:3]],
        )
    if asks_a_deadline(q):
        return None  # "the deadline to register for the 24th plenary", "contributions for it": not its date
    # "the next session (5th)": a meeting named by its number may be called the next one too
    if _asks_beyond_meetings(s, found, RELATIVE_STEMS if by_number else frozenset(), strict=not by_number):
        return None  # "who presided over the closing plenary of the 8th session?": more than the meeting's facts
    lines: list[str] = []
    used: list[tuple[str, Row]] = []
    for m in found:
        line = meeting_fact(s, m)
        if line:
            lines.append(line)
            used.append(("meetings", m))
    if not lines:
        if q.intent == "where" and not any(m.get("place") for m in found):
            return unknown(
                f"The reports do not say where {meeting_name(found[0])} was held.",
                [Candidate("meetings", m) for m in found],
                0.3,
            )
        return None  # the meeting is known but not what is asked: let the search try
    return reply(s, " ".join(lines), used, 0.9)


_MEETING_WORD = re.compile(r"\b(?:meeting|mtg|session|summary record|summary report)s?\b", re.I)
# what only a meeting has: who attended, who stood in for a vice-chair ("the Kyrgyz VC in Bled")
_MEETING_FACT = re.compile(
    r"\b(?:attend\w*|participants?|delegates?|ppl|people took part|represent\w*|stood in|replaced|vice[- ]?chairs?|vcs?)\b",
    re.I,
)
_THIS_MEETING = re.compile(r"\b(?:meeting|mtg|session|call|plenary|sitting)s?\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _unnumbered(s: Scope) -> list[dict]:
    """The meetings the reports name by their date only, earliest first; none when any meeting has
    a number (a numbered series is asked for by its numbers)."""
    rows = s.rows("meetings", order="start")
    if any(m.get("number") is not None for m in rows):
        return []
    return [m for m in rows if m.get("start")]


def _nth_by_date(s: Scope, numbers: list[int]) -> list[dict]:
    """ "the second session" of minutes whose sessions have no numbers: the second by date."""
    dated = _unnumbered(s)
    return [dated[n - 1] for n in dict.fromkeys(numbers) if 1 <= n <= len(dated)]


def meetings_of_the_minutes(s: Scope) -> list[dict]:
    """The meeting "this meeting", "the call" or "the Monday session" means in minutes that name
    their meetings by date: the only one there is, or the one on the weekday the question names.
    Not the next or the last one (those are asked of a series), and never a guess between two."""
    if not _THIS_MEETING.search(s.q.text) or NEXT.search(s.q.text) or LAST.search(s.q.text):
        return []
    dated = _unnumbered(s)
    named_days = [d for d in _WEEKDAYS if re.search(rf"\b{d}\b", s.q.text, re.I)]
    if named_days:
        dated = [m for m in dated if f"{dates.from_iso(m['start']):%A}".lower() in named_days]
    elif len(dated) > 1:
        own = _minutes_own(dated, s.ctx.titles)
        return [own] if own else []
    return dated if len(dated) == 1 else []


# Sessions of one meeting fall within days; minutes that end with the dates of the meetings to
# come give dates weeks apart.
_SERIES_GAP_DAYS = 7


def _minutes_own(dated: list[dict], titles: frozenset[str] = frozenset()) -> dict | None:
    """Of the meetings named by date only (``_unnumbered``), the one the minutes record: the one
    their title dates (``titles``: "conda-forge core meeting 2022-05-04" over a backlog of earlier
    meetings' actions); else, when they also list the meetings to come ("Monday 4 January 2021"
    under the title, "Dates of future meetings" at the end), the first dated in the text, when it
    is also the earliest and every other is at least a week later. None otherwise."""
    if len(dated) < 2:
        return dated[0] if dated else None
    titled = [m for m in dated if (m.get("source") or "").strip() in titles]
    if len(titled) == 1:
        return titled[0]  # "conda-forge core meeting 2022-05-04": the minutes' title dates their meeting
    first = min(dated, key=lambda m: m["id"])
    later = [m for m in dated if m is not first]
    start = date.fromisoformat(first["start"])
    if all((date.fromisoformat(m["start"]) - start).days >= _SERIES_GAP_DAYS for m in later):
        return first
    return None


def _next_or_last_unnumbered(s: Scope, dated: list[dict], wants_next: bool) -> Answer | None:
    """The next and the last of meetings named by date only (``dated``): after the one the minutes
    record, the first not yet over; the latest begun by today. Where every one is past, the answer
    says which came next after the minutes' meeting, and that the reports know of none after."""
    own = _minutes_own(dated, s.ctx.titles)
    if own is None:
        return None
    today = s.today.isoformat() if s.today else None
    later = [m for m in dated if m["start"] > own["start"]]
    if wants_next:
        if not later:
            return None
        coming = [m for m in later if not today or m["end"] >= today]
        if coming:
            m = coming[0]
            return reply(s, f"The next meeting will be held {_on_and_in(m)}.", [("meetings", m)], 0.9)
        m = later[0]
        text = (
            f"The meeting after {meeting_name(own)} was held {_on_and_in(m)}; the reports name none after "
            f"{dates.human_range(later[-1]['start'], later[-1]['end'])}."
        )
        return reply(s, text, [("meetings", m)], 0.85)
    held = [m for m in [own] + later if not today or m["start"] <= today]
    if not held:
        return None
    m = held[-1]
    return reply(s, f"The last meeting I know of was held {_on_and_in(m)}.", [("meetings", m)], 0.85)


def asks_a_deadline(q) -> bool:
    """Whether a question about a meeting asks the deadline of something sent in for it, not the
    meeting's own date ("when do contributions for the Kraków meeting have to be in?")."""
    words = set(q.words)
    return bool(words & DEADLINE_NOUNS or (q.intent == "when" and words & DELIVERABLES))


def meetings_by_place(s: Scope) -> list[dict]:
    """The meetings a question names by where they were held ("the Montevideo meeting"): the
    numbered meetings whose place's first name (the city) the question holds beside a meeting word."""
    if not _MEETING_WORD.search(s.q.text) and not _MEETING_FACT.search(s.q.text):
        return []  # "how many attended in Accra?" names the meeting by its place and what it asks
    words = {w.lower() for w in re.findall(r"[^\W\d_][\w'-]+", s.q.text)}
    found, in_country = [], []
    for m in s.rows("meetings", "place IS NOT NULL", order="number"):
        if m.get("number") is None:
            continue
        *towns, country = (x.lower() for x in _place_parts(m["place"]))
        if any(set(town.split()) <= words for town in towns):
            found.append(m)
        elif country and set(country.split()) <= words:
            in_country.append(m)  # "the Slovenia session": the one meeting held in that country
    if not found and not in_country and _ONLINE.search(s.q.text):
        online = [
            m
            for m in s.rows("meetings", order="number")
            if m.get("number") is not None and _ONLINE.search(f"{m.get('place') or ''} {m.get('source') or ''}")
        ]
        return online if len(online) == 1 else []  # "the online session": the one held online
    return found or (in_country if len(in_country) == 1 else [])


def _place_parts(place: str) -> list[str]:
    """ "Tallinn Creative Hub, Tallinn, Estonia" -> its venue, city and country, the last being the
    country only when there are two parts or more ("Geneva (Switzerland)" -> "Geneva", "");
    a one-part place is a town."""
    parts = [p.strip(" )") for p in re.split(r"\s*,\s*", place) if p.strip(" )")]
    first = re.split(r"\s*\(", parts[0])[0].strip() if parts else ""
    if len(parts) < 2:
        return [first, ""]
    return [first, *parts[1:]]


def _city_and_country(place: str) -> tuple[str, str]:
    """ "Ljubljana, Slovenia" -> ("Ljubljana", "Slovenia"); "Geneva (Switzerland)" -> ("Geneva", "")."""
    parts = _place_parts(place)
    return parts[0], parts[-1]


_ONLINE = re.compile(r"(?i)\b(?:online|virtual(?:ly)?|remote(?:ly)?|video ?conference)\b")
# A meeting dated in the future tense is announced, not held ("The 13th meeting will be held on ...").
ANNOUNCED = re.compile(
    r"\b(?:will|shall|would)\s+(?:be\s+)?(?:held|hosted|convened|take place|meet)\b|\bis (?:scheduled|planned|to be held)\b"
    r"|\bscheduled (?:for|to)\b|\b(?:invitation|offer|proposal)\b.{0,80}\bto (?:hold|host|convene)\b",
    re.I,
)
NEXT_WORDS = ("next", "upcoming", "coming", "forthcoming", "following")
LAST_WORDS = ("last", "latest", "previous", "recent")  # "recent" also finds "most recent"
NEXT = re.compile(rf"\b(?:{'|'.join(NEXT_WORDS)})\b", re.I)
LAST = re.compile(rf"\b(?:{'|'.join(LAST_WORDS)})\b", re.I)
RELATIVE_STEMS = frozenset(stem(w) for w in NEXT_WORDS + LAST_WORDS)


def meeting_next_or_last(s: Scope) -> Answer | None:
    """ "When is the next meeting?" (the first one the reports announce that has not ended) and
    "when was the last meeting?" (the latest one held), from the meeting records and the tense of
    the sentence that dated each."""
    q = s.q
    if (
        q.meetings
        or not re.search(r"\b(?:meeting|mtg|session|call)s?\b", q.normalized, re.I)
        or set(q.words) & CHAIR_WORDS  # "the previous chair": a person, not a meeting
        or _asks_beyond_meetings(s, [], RELATIVE_STEMS)
    ):
        return None
    wants_next, wants_last = bool(NEXT.search(q.text)), bool(LAST.search(q.text))
    if wants_next == wants_last:
        return None
    unnumbered = _unnumbered(s)
    if unnumbered:
        return _next_or_last_unnumbered(s, unnumbered, wants_next)
    if wants_next:
        found = _announced_to_come(s)
        if not found:
            announced = [m for m in _numbered_by_date(s) if ANNOUNCED.search(m.get("source") or "")]
            if not announced:
                return None  # the reports announce none: what they say about it, if anything, is in the text
            m = announced[-1]  # announced, and over by today: the reports know of none after it
            text = (
                f"The next meeting the reports announce, the {ordinal(m['number'])}, was to be held {_on_and_in(m)}; "
                "they name none after it."
            )
            return reply(s, text, [("meetings", m)], 0.85)
        m = found[0]
        return reply(
            s, f"The next meeting, the {ordinal(m['number'])}, will be held {_on_and_in(m)}.", [("meetings", m)], 0.9
        )
    today = s.today.isoformat() if s.today else None
    held = [
        m
        for m in _numbered_by_date(s)
        if not ANNOUNCED.search(m.get("source") or "") and (not today or m["start"] <= today)
    ]
    if not held:
        return None
    m = held[-1]
    return reply(
        s, f"The last meeting I know of, the {ordinal(m['number'])}, was held {_on_and_in(m)}.", [("meetings", m)], 0.9
    )


def _numbered_by_date(s: Scope) -> list[dict]:
    """The numbered meetings with a date, earliest first."""
    return [m for m in s.rows("meetings", "start IS NOT NULL", order="start") if m.get("number") is not None]


def _announced_to_come(s: Scope) -> list[dict]:
    """The numbered meetings the reports announce ("will be held", "is scheduled for") and that
    are not over by today, earliest first: the first is the next meeting."""
    today = s.today.isoformat() if s.today else None
    return [
        m for m in _numbered_by_date(s) if ANNOUNCED.search(m.get("source") or "") and (not today or m["end"] >= today)
    ]


def _on_and_in(m: Row) -> str:
    """ "on 2–3 March 2027 in Mombasa, Kenya" (the place only when known) for a dated meeting."""
    return f"on {dates.human_range(m['start'], m['end'])}" + (f" in {m['place']}" if m.get("place") else "")


def _asks_beyond_meetings(
    s: Scope, found: list[dict], also: frozenset[str] = frozenset(), strict: bool = False
) -> bool:
    """Whether the question holds known words that no meeting record answers (beyond its group's
    name and the stems ``also`` allows). ``strict`` counts words the reports never use too: a
    meeting named by its place is a looser match than one named by its number."""
    answerable = {stem(w) for w in MEETING_FACT_WORDS} | {stem(w) for w in KIND_WORDS["meetings"]} | also
    for m in found:  # "which vice-chair from Poland": words the meeting's own record holds
        answerable |= content_stems(
            " ".join(str(m.get(f) or "") for f in ("vice_chairs", "chair", "chair_country", "place"))
        )
    others = {x for x in s.q.stems - answerable if not re.search(r"\d", x)}
    others -= {stem(w) for w in s.q.words if w.lower() in dates.MONTHS}  # "the March session": its date
    for named in _BY_MONTH.finditer(s.q.text):  # "the December steering meeting": the words that name it
        others -= set(content_stems(named.group(0)))
    others -= {stem(w) for w in s.q.words if _ABSENT.fullmatch(w.lower())}  # "who couldn't attend": attendance
    others -= {stem(w) for w in s.q.words if _ONLINE.fullmatch(w)}  # "the online session": how it was held
    countries = [v["country"] for m in found for v in json.loads(m.get("vice_chairs") or "[]") if v.get("country")]
    others -= {stem(w) for w in s.q.words if any(_demonym_of(c, [w]) for c in countries)}  # "the Danish vice-chair"
    # "when was this CSAF TC meeting?": the minutes' own title, or its initials ("Technical Committee")
    others -= s.ctx.group_stems | s.ctx.title_stems | s.ctx.title_initials
    others -= {stem(d) for d in _WEEKDAYS} | {stem("this")}
    asked = others if strict else others & s.ctx.known_stems
    return any(not s.is_subject(x) for x in asked)


def meeting_fact(s: Scope, m: Row) -> str | None:
    """The one fact of a meeting the question asks (summary, counts, chairs, place, dates), or None."""
    q, words = s.q, set(s.q.words)
    name = capitalised(meeting_name(m))
    vice = json.loads(m["vice_chairs"]) if m.get("vice_chairs") else []
    if words & {"summary", "report"} and m.get("summary_symbol"):
        return f"The summary report of {meeting_name(m)} is document {m['summary_symbol']}."
    if q.intent == "how_many" and words & {"documents", "document", "contributions", "docs", "papers"}:
        if m.get("documents_considered") is not None:
            return f"{name} considered {m['documents_considered']} documents."
        return None
    if q.intent == "how_many" and words & {
        "delegates",
        "participants",
        "attended",
        "people",
        "experts",
        "attendees",
        "representatives",
        "delegations",
    }:
        return f"{m['delegates']} delegates took part in {meeting_name(m)}." if m.get("delegates") else None
    if re.search(r"vice[- ]?chair|represent|attend|present|stood in|replaced", q.text, re.I):
        return vice_chair_fact(s, m, vice)
    if words & CHAIR_WORDS:
        return f"{name} was chaired by {m['chair']}{_paren(m.get('chair_country'))}." if m.get("chair") else None
    asks_when = re.search(r"\b(when|dates?|days?)\b", q.text, re.I)
    if q.intent == "who" and not asks_when:
        return None  # "who took the minutes?": a person the meeting record does not hold, not its date
    if q.intent == "where" and not (asks_when and m.get("start")):
        return f"{name} was held in {m['place']}." if m.get("place") else None
    if q.intent in ("when", "what", "list") or asks_when or words & {"held", "date", "dates", "took"}:
        if m.get("start"):
            subject = name if m.get("number") is not None else "The meeting"  # its date is its name
            return f"{subject} was held {_on_and_in(m)}."
    return None


def vice_chair_fact(s: Scope, m: Row, vice: list[dict]) -> str | None:
    """The vice-chairs of a meeting, or those of them the question names (by country or name)."""
    if not vice:
        return None
    lowered = s.q.text.lower()
    other_numbers = set(re.findall(r"\d+", lowered)) - {str(m.get("number"))}
    chosen = [v for v in vice if v.get("country") and v["country"].lower() in lowered]
    chosen = chosen or [v for v in vice if v.get("country") and _demonym_of(v["country"], s.q.words)]
    chosen = chosen or [v for v in vice if any(part.lower() in lowered for part in v["name"].split() if len(part) > 3)]
    # "the Kyrgyz VC wasn't in Bled, who represented her?": the one named; else who was absent
    if _ABSENT.search(lowered) and not other_numbers and not (len(chosen) == 1 and chosen[0].get("represented_by")):
        return _absent_vice_chairs(s, m, vice)  # "at the 34th but not the 35th": both are listed
    if chosen:
        parts = []
        for v in chosen:
            text = f"{v['name']}{_paren(v.get('country'))}"
            if v.get("represented_by"):
                text += f", represented by {v['represented_by']}"
            parts.append(text)
        return f"At {meeting_name(m)}: " + "; ".join(parts) + "."
    listed = ", ".join(
        f"{v['name']}{_paren(v.get('country'))}"
        + (f" (represented by {v['represented_by']})" if v.get("represented_by") else "")
        for v in vice
    )
    return f"Vice-Chairs at {meeting_name(m)}: {listed}."


# "which vice-chair couldn't make it to the Slovenia session?", "... didn't come to Montevideo"
_ABSENT = re.compile(
    r"\b(?:couldn'?t|could not|didn'?t|did not|wasn'?t|was not|weren'?t|were not|unable to|failed to|absent|missed|"
    r"not (?:at|in|present|there))\b"
)


def _absent_vice_chairs(s: Scope, m: Row, vice: list[dict]) -> str | None:
    """The vice-chairs the reports name at other meetings but not at this one: who was absent."""
    here = {v["name"] for v in vice}
    others: dict[str, dict] = {}
    for other in s.rows("meetings", "vice_chairs IS NOT NULL AND id != ?", [m["id"]]):
        for v in json.loads(other["vice_chairs"] or "[]"):
            if v["name"] not in here:
                others.setdefault(v["name"], v)
    if not others:
        return None
    names = "; ".join(f"{v['name']}{_paren(v.get('country'))}" for v in others.values())
    return f"Vice-Chairs the reports name at other meetings but not at {meeting_name(m)}: {names}."


_DEMONYM_ENDING = re.compile(r"(?:ian|ean|an|ese|ish|ic|i)$")


def _demonym_of(country: str, words: list[str]) -> bool:
    """Whether the question calls someone by the country's adjective ("the Danish vice-chair" of
    Denmark, "Mexican" of Mexico, "Ghanaian" of Ghana): a word with an adjective's ending whose
    stem begins the country's name. Only the countries of the people asked about are tried, so a
    loose match has little to go wrong with."""
    name = country.lower()
    for w in words:
        w = w.lower()
        if len(w) >= 5 and name.startswith(w) and name != w:
            return True  # "Kazakh" of Kazakhstan
        ending = _DEMONYM_ENDING.search(w)
        if not ending or len(w) < 5:
            continue
        root = w[: ending.start()][:5]
        if len(root) >= 3 and root[0] == name[0] and fuzz.ratio(root, name[: len(root)]) >= 66:
            return True  # "dan(ish)" is "den(mark)", "mexic(an)" is "mexic(o)"
    return False


def meetings_by_month(s: Scope) -> list[dict]:
    """The meetings a question names by their month, or their day ("the March session", "the
    March 2027 meeting", "the Dec 7 call", "the 8 November meeting"): those that began then, when
    exactly one did."""
    m = _BY_MONTH.search(s.q.text)
    if not m:
        return []
    month = dates.MONTHS[m.group("month").lower()]
    day = m.group("day") or m.group("day_first")
    found = [
        r
        for r in s.rows("meetings", "start IS NOT NULL", order="number")
        if int(r["start"][5:7]) == month
        and (not m.group("year") or r["start"][:4] == m.group("year"))
        and (not day or int(r["start"][8:10]) == int(day))
    ]
    return found if len(found) == 1 else []


_BY_MONTH = re.compile(
    r"(?i)\b(?:(?P<day_first>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>" + dates.MONTH_WORDS + r")\.?"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>\d{4}))?"
    r"(?:\s+[a-z][\w-]*)?\s+(?:meeting|mtg|session|plenary|sitting|call)s?\b"  # "the December steering meeting"
)


def meetings_in_general(s: Scope) -> Answer | None:
    """Questions about "the meetings" as a whole: who chaired them, how many delegates."""
    q, words = s.q, set(s.q.words)
    if q.meetings or "meetings" not in q.kinds:
        return None
    meetings = [m for m in s.rows("meetings", order="number") if m.get("number") is not None]
    if not meetings:
        return None  # minutes that name their meetings by date speak of one at a time
    numbers = " and ".join(ordinal(m["number"]) for m in meetings)
    meeting_words = {stem(w) for w in KIND_WORDS["meetings"]} | {
        stem(w)
        for w in (
            "group",
            "working",
            "who",
            "many",
            "people",
            "participated",
            "participate",
            "took",
            "part",
            "held",
            "attend",
        )
    }
    if q.stems - s.ctx.group_stems - meeting_words:
        return None  # "who chairs the task force?" is about something else
    if q.intent == "how_many" and words & {"delegates", "participants", "people", "attended", "participated"}:
        values = {m["delegates"] for m in meetings if m.get("delegates")}
        if len(values) == 1:
            return reply(
                s,
                f"{values.pop()} delegates took part in the {numbers} meetings.",
                [("meetings", m) for m in meetings],
                0.85,
            )
    if words & CHAIR_WORDS and not re.search(r"vice", q.text, re.I):
        return _chairs_of(s, meetings)
    return None


def _chairs_of(s: Scope, meetings: list[dict]) -> Answer | None:
    """ "X chaired the 3rd and 4th meetings; Y chaired the 5th meeting.", or None if no chair is known."""
    # meetings of several groups are numbered each in their own series: each chair says whose
    several = len({m.get("group_id") for m in meetings if m.get("chair")}) > 1
    labels = {g["id"]: g["abbreviation"] or g["name"] for g in s.ctx.groups} if several else {}
    by_chair: dict[tuple, list[int]] = {}
    for m in meetings:
        if m.get("chair"):
            by_chair.setdefault((labels.get(m.get("group_id"), ""), m["chair"], m.get("chair_country")), []).append(
                m["number"]
            )
    if by_chair:
        parts = [
            f"{label + ': ' if label else ''}{chair}{_paren(country)} chaired the "
            f"{' and '.join(ordinal(n) for n in ns)} meeting{'s' if len(ns) > 1 else ''}"
            for (label, chair, country), ns in sorted(by_chair.items(), key=lambda kv: -len(kv[1]))
        ]
        return reply(s, "; ".join(parts) + ".", [("meetings", m) for m in meetings if m.get("chair")], 0.85)
    return None


_HOW_MUCH = re.compile(r"(?i)\bhow much\b|\bfees?\b|\bcost\b")
_NEXT_MEETING = re.compile(r"\b(?:the\s+)?(?:next|upcoming|coming|forthcoming)\s+(meeting|mtg|session|plenary)\b", re.I)


def naming_the_next_meeting(s: Scope) -> str | None:
    """A deadline question about "the next session" or "the Montevideo meeting" with that
    meeting's number in its place ("contributions for the 9th session"), for the deadlines titled
    by it; None when the question asks no deadline, or no numbered meeting is the one it means."""
    q = s.q
    asks_when = q.intent == "when" or DEADLINE_PHRASE.search(q.text.lower())
    if q.meetings or not (asks_a_deadline(q) or ("deadlines" in q.kinds and asks_when)) or _HOW_MUCH.search(q.text):
        return None  # "a registration fee for the Kuala Lumpur session?" asks an amount, not a date
    at_place = meetings_by_place(s)
    if len(at_place) == 1:
        city = _city_and_country(at_place[0]["place"])[0]
        by_place = re.compile(rf"(?i)\b(?:the\s+)?{re.escape(city)}\s+(meeting|mtg|session|plenary)\b")
        if by_place.search(q.text):
            return by_place.sub(lambda m: f"the {ordinal(at_place[0]['number'])} {m.group(1)}", q.text, count=1)
    if not _NEXT_MEETING.search(q.text):
        return None
    coming = _announced_to_come(s)
    if not coming:
        return None
    return _NEXT_MEETING.sub(lambda m: f"the {ordinal(coming[0]['number'])} {m.group(1)}", q.text, count=1)
