"""Reading records out of a report's paragraphs: meetings, documents, deadlines, events, partners,
recommendations and people, each with the paragraph and sentence it came from.

The rules read the genre, not one report: how such reports say that a meeting was held, that
something is due by a date, which partners stand at which tier, who was asked to do what.
Every record gets a natural ``key`` so that importing a revised report updates it in place.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from . import dates
from .paragraphs import Paragraph, sentences
from .textpatterns import (
    EVENT_WORDS, PERSON, ROLE_WORDS, abbreviation_definitions, event_key, find_symbols, glossary_definitions,
    meeting_numbers, named_events, ordinal, symbol_key,
)


@dataclass
class Extracted:
    group_name: str
    group_abbreviation: str | None
    title: str
    paragraphs: list[Paragraph]
    key: str = ""  # what identifies the report across revisions: the meetings it covers
    records: dict[str, list[dict]] = field(default_factory=dict)
    aliases: list[tuple[str, str]] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _stemmed(text: str) -> str:
    from .question import content_stems

    return " ".join(sorted(content_stems(text)))


def _digest(text: str) -> str:
    return hashlib.sha1(_norm(text).encode()).hexdigest()[:12]


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:.-\u2013")
    return text[:1].upper() + text[1:] if text else text


class ReportReader:
    """One pass over one report. Keeps what later rules need: the meetings' dates (which are not
    deadlines), the abbreviations (so "HLPF 2020" and "High-level Political Forum 2020" meet)."""

    def __init__(self, paragraphs: list[Paragraph], filename: str = "report"):
        self.paragraphs = paragraphs
        self.filename = filename
        self.text = "\n".join(p.full_text for p in paragraphs)
        self.aliases = self._aliases()
        self.expansions = {a: e for a, e in self.aliases if " " not in a}
        self.meetings: dict[int, dict] = {}
        self.claimed_dates: set[tuple[int, int, int]] = set()  # (paragraph position, sentence, begin)
        # "CWG-FHR-19" names the group's 19th meeting
        self.meeting_prefixes = [a for a, long in self.aliases if re.search(r"\b(group|committee|task force|working party)\b", long, re.I)]
        self.latest_meeting: date | None = None
        opening = " ".join(p.text for p in paragraphs[:15])
        addressee = re.search(r"\b(Council|Plenipotentiary Conference|Conference|Assembly|Board|Committee)\s+is\s+(?:invited|requested|asked)", opening)
        self.addressee = addressee.group(1) if addressee else None
        self.default_year = self._default_year()

    # -- context -------------------------------------------------------------------------------

    def _aliases(self) -> list[tuple[str, str]]:
        seen, out = set(), []
        for abbr, long in abbreviation_definitions(self.text) + glossary_definitions(self.text):
            if (abbr, long) not in seen:
                seen.add((abbr, long))
                out.append((abbr, long))
        return out

    def _default_year(self) -> int | None:
        """The year that a date written without one ("till 15 March") falls in: the year of the
        latest dated meeting (reports are written after their meetings), else the commonest year."""
        years = Counter(int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", self.text))
        return years.most_common(1)[0][0] if years else None

    def group(self) -> tuple[str, str | None]:
        pattern = re.compile(r"\b(group|committee|task force|commission|council|forum|panel|board)\b", re.I)
        for abbr, long in self.aliases:
            if re.search(r"\b(group|committee|task force|working party)\b", long, re.I):
                return long, abbr
        m = re.search(r"((?:Council |Expert |Open-ended |Intergovernmental )*(?:Working |Expert |Study )?Group (?:on|for) [A-Z][^,.()\n]{2,80})", self.text)
        if m:
            return m.group(1).strip(), None
        for abbr, long in self.aliases:
            if pattern.search(long):
                return long, abbr
        return self.filename, None

    def key(self) -> str:
        """A revised report covers the same meetings, whatever its title line says now."""
        numbers = sorted(self.meetings)
        if numbers:
            return "Report on meeting" + ("s " if len(numbers) > 1 else " ") + ", ".join(str(n) for n in numbers)
        for p in self.paragraphs:
            if len(p.text) > 10:
                return p.text[:120]
        return self.filename

    def title(self) -> str:
        """The report's own title line ("Report of the ... on its 12th and 13th meetings"), for
        citations; else a name made from the meetings it covers."""
        for p in self.paragraphs[:8]:
            if re.match(r"(?i)(?:\w+\s+){0,2}report\b", p.text) and 15 <= len(p.text) <= 200 and not p.text.endswith("."):
                return p.text
        return self.key()

    def _dates(self, text: str) -> list[dates.DateSpan]:
        """Dates in a sentence. One written without a year takes the year of a year named in the
        same sentence, else the report's; and since a report is written after its meetings, a
        yearless date that would fall before the last meeting belongs to the following year."""
        named = re.findall(r"\b((?:19|20)\d\d)\b", text)
        spans = dates.find_dates(text, int(named[-1]) if named else self.default_year)
        out = []
        for span in spans:
            if not span.year_given and not named and self.latest_meeting and span.start < self.latest_meeting:
                bumped = dates.find_dates(text[span.begin:span.finish], span.start.year + 1)
                if bumped:
                    b = bumped[0]
                    span = dates.DateSpan(b.start, b.end, span.begin, span.finish, False)
            out.append(span)
        return out

    def _events_in(self, text: str) -> list[tuple[str, int, int]]:
        return named_events(text, self.expansions)

    def _event_before(self, paragraph: Paragraph, upto: str | None = None) -> str | None:
        """The last event named in this paragraph (before ``upto``), else in its headings."""
        text = paragraph.full_text
        if upto and upto in text:
            text = text[: text.index(upto) + len(upto)]
        found = self._events_in(text)
        if found:
            return found[-1][0]
        unyeared = _capitalised_events(text)  # "The Regional Workshop on X ... It will now take place"
        if unyeared:
            return unyeared[-1]
        if paragraph.headings:
            heading = paragraph.headings[-1]
            found = self._events_in(heading)
            if found:
                return found[-1][0]
            if len(heading) < 100 and EVENT_WORDS.search(heading) and heading[:1].isupper() and not _has_verb(heading):
                return re.sub(r"\s*\([^)]*\)\s*$", "", heading)  # "Global Forum on X (GET-25)"
        return None

    @staticmethod
    def _provenance(p: Paragraph, sentence: str) -> dict:
        return {"paragraph": p.number or None, "source": sentence[:2000]}

    # -- meetings --------------------------------------------------------------------------------

    def read_meetings(self) -> list[dict]:
        carried: set[tuple[int, int]] = set()
        for p in self.paragraphs:
            previous = None
            for si, s in enumerate(sentences(p.full_text)):
                mentions = meeting_numbers(s, self.meeting_prefixes)
                if not mentions:
                    # "The fourth session took place on ... Mr X chaired it alone": a sentence with no
                    # meeting of its own speaks of the one meeting the sentence before named.
                    if previous and not re.search(r"\b(meetings|sessions|both|all)\b", s, re.I):
                        carried.add((p.position, si))
                        self._meeting_counts(p, s, previous)
                        self._meeting_people(p, s, previous)
                    continue
                previous = mentions if len({n for n, _, _ in mentions}) == 1 else None
                self._meeting_dates(p, si, s, mentions)
                self._meeting_counts(p, s, mentions)
                self._meeting_people(p, s, mentions)
                self._meeting_summaries(p, s, mentions)
        # Sentences about "the meetings" (no number) speak of all of them; "the session", in the
        # singular, of the meeting the report is about (the one it names most).
        named = Counter(n for p in self.paragraphs for n, _, _ in meeting_numbers(p.full_text, self.meeting_prefixes))
        main = [(named.most_common(1)[0][0], 0, 0)] if named else []
        for p in self.paragraphs:
            for si, s in enumerate(sentences(p.full_text)):
                if (p.position, si) in carried or meeting_numbers(s, self.meeting_prefixes) \
                        or not re.search(r"\b(meetings?|sessions?)\b", s, re.I):
                    continue
                plural = re.search(r"\b(meetings|sessions|both|each)\b", s, re.I)
                which = [(n, 0, 0) for n in self.meetings] if plural or not main else main
                self._meeting_counts(p, s, which)
                self._meeting_people(p, s, which, everyone=True)
        self._representations()
        held = [date.fromisoformat(m["end"]) for m in self.meetings.values() if m.get("end")]
        if held:  # now the year of a date written without one can be read against the meetings
            self.latest_meeting = max(held)
            self.default_year = self.latest_meeting.year
        out = []
        for number, m in sorted(self.meetings.items()):
            m.setdefault("paragraph", None)
            m["key"] = f"meeting:{number}"
            m["vice_chairs"] = list(m.get("vice_chairs", {}).values())
            out.append(m)
        return out

    def _meeting(self, number: int, p: Paragraph, s: str) -> dict:
        m = self.meetings.setdefault(number, {"number": number, **self._provenance(p, s)})
        if not m.get("paragraph") and p.number:
            m.update(self._provenance(p, s))  # cite a numbered paragraph rather than the summary
        return m

    _HELD = re.compile(r"\b(held|took place|take place|takes place|convened|conducted|met|opened|hosted|organi[sz]ed|was on|were on|in session|ran)\b", re.I)

    def _meeting_dates(self, p: Paragraph, si: int, s: str, mentions) -> None:
        if not self._HELD.search(s):
            return
        spans = self._dates(s)
        if not spans:
            return
        for i, (number, start, end) in enumerate(mentions):
            limit = mentions[i + 1][1] if i + 1 < len(mentions) else len(s)
            if limit <= end:  # "34th and 35th meetings ... on X and Y": pair them in order below
                continue
            mine = [sp for sp in spans if end <= sp.begin < limit]
            if not mine:
                continue
            first = mine[0]
            last = mine[-1] if re.search(r"\b(closed|ended|until|till|to)\b", s[first.finish: mine[-1].begin]) else first
            m = self._meeting(number, p, s)
            if m.get("start"):
                continue
            m.update(start=first.start.isoformat(), end=last.end.isoformat(), **self._provenance(p, s))
            for sp in mine if last is not first else [first]:
                self.claimed_dates.add((p.position, si, sp.begin))
            for sp in (first, last):
                self.claimed_dates.add((p.position, si, sp.begin))
            name = r"((?:[A-Z][\w'\u2019\-]+)(?:(?:,?\s+|\s+(?:des|de|du|of|la|le|del|di)\s+)[A-Z][\w'\u2019\-]+){0,3})"
            place = re.match(r"\s*,?\s*(?:in|at)\s+(?:the\s+)?" + name, s[last.finish:]) \
                or re.search(r"(?:\b(?:held|hosted|convened|met|took place)\b[^.]*?|^\W*(?:\([^)]*\))?\W*)\b(?:in|at)\s+(?:the\s+)?" + name,
                             s[end:first.begin])
            if place:
                m["place"] = place.group(1).strip(" ,")
        # "The 34th and 35th meetings were held on 25 September 2019 and 6-7 February 2020"
        grouped = [mn for mn in mentions if mn[2] == mentions[-1][2]]
        after = [sp for sp in spans if sp.begin >= mentions[-1][2]]
        if len(grouped) > 1 and len(after) == len(grouped):
            for (number, _, _), sp in zip(grouped, after):
                m = self._meeting(number, p, s)
                if not m.get("start"):
                    m.update(start=sp.start.isoformat(), end=sp.end.isoformat(), **self._provenance(p, s))
                    self.claimed_dates.add((p.position, si, sp.begin))

    def _meeting_counts(self, p: Paragraph, s: str, mentions) -> None:
        for cm in re.finditer(r"\b(\d{1,4})\s+(?:input\s+|written\s+)?(documents|contributions|submissions|papers)\b", s, re.I):
            if not re.search(r"\b(consider|examin|review|discuss|submitted|received|presented|before|comprised|worked on|dealt with|tabled|had)", s, re.I):
                continue
            number = self._mention_in_clause(s, mentions, cm.start())
            if number is not None:
                self._meeting(number, p, s)["documents_considered"] = int(cm.group(1))
        dm = re.search(
            r"\b((?:more than|over|some|about|around|approximately|nearly|almost|close to)\s+)?(\d{1,5})\s+"
            r"(?:\w+\s+){0,2}?(delegates|participants|representatives|experts|attendees)\b", s, re.I)
        if dm:
            value = (dm.group(1) or "") + dm.group(2)
            for number, _, _ in mentions:
                self._meeting(number, p, s).setdefault("delegates", value.strip())

    def _mention_in_clause(self, s: str, mentions, position: int) -> int | None:
        """The meeting named in the same clause as ``position`` ("19 documents, while 23 documents
        were before the 13th meeting"), else the nearest one before it."""
        bounds = [0] + [m.end() for m in re.finditer(r",\s*(?:while|whereas|and|but)\b|;|\band\s+(?=the\s+\S+\s+meeting)", s)] + [len(s)]
        for a, b in zip(bounds, bounds[1:]):
            if a <= position < b:
                inside = [mn for mn in mentions if a <= mn[1] < b]
                if len({mn[0] for mn in inside}) == 1:
                    return inside[0][0]
        return self._nearest_mention(mentions, position)

    @staticmethod
    def _nearest_mention(mentions, position: int) -> int | None:
        if not mentions:
            return None
        before = [mn for mn in mentions if mn[1] <= position]
        if before:
            return before[-1][0]  # "the 34th meeting considered 20 documents"
        return min(mentions, key=lambda mn: abs(mn[1] - position))[0]

    def _meeting_people(self, p: Paragraph, s: str, mentions, everyone: bool = False) -> None:
        chair = re.search(
            r"\b(?:chaired by|under the chair(?:man|woman|person)?ship of|presided (?:over )?by)\s+(?P<rest>.*)", s, re.I)
        chair_person = None
        if chair:
            pm = PERSON.search(chair.group("rest"))
            if pm and (pm.start() < 5 or re.fullmatch(r"(?:the\s+)?[\w\s-]{0,30}", chair.group("rest")[:pm.start()])):
                chair_person = (pm.group("name"), _country_after(chair.group("rest")[pm.end():]))
        else:
            pm = PERSON.search(s)
            if pm and re.match(r"\s*(?:\([^)]*\))?\s*(?:,\s*[^,]{0,60},\s*)?(?:chaired|presided|co-chaired)", s[pm.end():]):
                chair_person = (pm.group("name"), _country_after(s[pm.end():]))
            shared = re.search(r"\b(?:shared the chair|co-chaired)\b", s)
            if shared:  # "Ms A (Ghana) and Mr B (Canada) shared the chair"
                names = [m.group("name") for m in PERSON.finditer(s[: shared.start()])]
                if len(names) >= 2:
                    chair_person = (" and ".join(names), None)
        if chair_person:
            for number, _, _ in mentions:
                m = self._meeting(number, p, s)
                m["chair"], m["chair_country"] = chair_person[0], chair_person[1]
        if re.search(r"vice[- ]?chair", s, re.I) and not chair:
            if not re.search(r"\battended\b|\bpresent\b|\bin attendance\b|\bparticipat|\btook part\b|\bjoined\b|\bassisted\b", s, re.I) \
                    or re.search(r"\bthank|\bappreciat|\bgratitude|\bcongratulat", s, re.I):
                return  # thanks in the conclusions are not attendance
            for name, country, deputy in _people_with_countries(s):
                for number, _, _ in mentions:
                    m = self._meeting(number, p, s)
                    m.setdefault("vice_chairs", {})[name] = {"name": name, "country": country, "represented_by": deputy}

    def _representations(self) -> None:
        """"At the 19th meeting, Mr Diallo was represented by Ms Camara": a stand-in said apart
        from the list of vice-chairs."""
        for p in self.paragraphs:
            for s in sentences(p.full_text):
                m = re.search(r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?(?P<who>[A-Z][\w'\u2019-]+)\s+(?:\([^)]*\)\s+)?(?:was|were)\s+(?:represented|replaced)\s+by\s+", s)
                if not m:
                    continue
                deputy = PERSON.match(s[m.end():]) or PERSON.search(s[m.end():m.end() + 40])
                if not deputy:
                    continue
                mentioned = [n for n, _, _ in meeting_numbers(s, self.meeting_prefixes)] or list(self.meetings)
                for number in mentioned:
                    for vc in self.meetings.get(number, {}).get("vice_chairs", {}).values():
                        if vc["name"].split()[-1] == m.group("who") and not vc.get("represented_by"):
                            vc["represented_by"] = deputy.group("name")

    def _meeting_summaries(self, p: Paragraph, s: str, mentions) -> None:
        if not re.search(r"summary report", s, re.I):
            return
        symbols = [sym for sym, start, _ in find_symbols(s) if start > mentions[-1][1]]
        numbers = [n for n, _, _ in mentions]
        if symbols and len(symbols) == len(numbers):
            for number, symbol in zip(numbers, symbols):
                self._meeting(number, p, s)["summary_symbol"] = symbol

    # -- documents --------------------------------------------------------------------------

    def read_documents(self) -> list[dict]:
        docs: dict[str, dict] = {}
        numbers = set(self.meetings)

        def put(symbol: str | None, title: str, p: Paragraph, unit: str, *, submitter=None, strong=False):
            if symbol and meeting_numbers(symbol, self.meeting_prefixes) and \
                    re.fullmatch(r"[^/]*-\d{1,3}", symbol):
                return  # "AHG-CCB-5" names the group's fifth meeting, not a document
            title = _tidy(title)
            if not title and not symbol:
                return
            key = "doc:" + (symbol_key(symbol) if symbol else _norm(title)[:120])
            doc = docs.get(key)
            if doc is None:
                doc = docs[key] = {"symbol": symbol, "title": title or symbol, "key": key,
                                   "meeting": _meeting_in_symbol(symbol, numbers) if symbol else None,
                                   "_strong": strong, **self._provenance(p, unit)}
            elif strong and (not doc["_strong"] or len(title) > len(doc["title"] or "")) and title:
                doc.update(title=title, _strong=True, **self._provenance(p, unit))
            if submitter and not doc.get("submitter"):
                doc["submitter"] = submitter

        for p in self.paragraphs:
            if p.cells is not None:  # a row of a table of documents: "Symbol | Title | Source"
                symbol = next((v for v in p.cells.values() if find_symbols(v) and find_symbols(v)[0][0] == v.strip()), None)
                if symbol:
                    title = next((v for h, v in p.cells.items() if re.search(r"(?i)title|subject|name", h)), "")
                    source = next((v for h, v in p.cells.items() if re.search(r"(?i)source|submitt|author|origin|from", h)), None)
                    put(symbol, title, p, p.text, submitter=source, strong=bool(title))
                continue
            self._document_summary(p, docs)
            in_list = any(re.search(r"documents?.*(?:considered|examined|reviewed|before)", h, re.I) for h in p.headings)
            units = [p.text] + p.items
            # "...the following documents: (a) provisional agenda (X/1); (b) draft guide (X/12)"
            enumerated = re.split(r"[;:,]?\s+\([a-z]\)\s+", p.text)
            if len(enumerated) > 2:
                units = [enumerated[0]] + enumerated[1:] + p.items
            for unit in units:
                symbols = find_symbols(unit)
                is_item = bool(re.search(r"[;.)]?\s*$", unit)) and len(unit) < 300 and not _has_verb(unit)
                if symbols and is_item:
                    title = _title_before_symbols(unit, symbols)
                    submitter = None
                    m = re.match(r"(?:Contribution|Proposal|Submission|Input)s?\s+(?:by|from)\s+(?:the\s+)?(?P<who>[^:]{2,80}?)\s*[:\u2013\u2014-]\s+(?P<title>.+)", title)
                    if m:  # "Contribution by Canada: Options for ..." names its submitter
                        submitter, title = m.group("who").strip(), m.group("title").strip()
                    for symbol, _, _ in symbols:
                        put(symbol, title, p, unit, submitter=submitter, strong=bool(title))
                    continue
                if symbols:
                    submitter, title = self._contribution(p, unit)
                    summary = re.search(r"summary report", unit, re.I)
                    for symbol, start, _ in symbols:
                        meeting = next((m for m in self.meetings.values() if m.get("summary_symbol") == symbol), None)
                        if summary and meeting:
                            put(symbol, f"Summary report of the {ordinal(meeting['number'])} meeting", p, unit, strong=True)
                        else:
                            put(symbol, title or "", p, unit, submitter=submitter, strong=bool(title))
                    continue
                if in_list and unit is not p.text or (in_list and not p.is_heading and not _has_verb(unit)):
                    if 8 <= len(unit) <= 250 and not _has_verb(unit):
                        put(None, unit, p, unit)
        out = []
        for doc in docs.values():
            doc.pop("_strong", None)
            if not doc.get("title"):
                doc["title"] = doc["symbol"]
            out.append(doc)
        return out

    def _document_summary(self, p: Paragraph, docs: dict[str, dict]) -> None:
        """"X introduced their document, which proposes ...": what a contribution says, kept with it.
        The symbol stands in the sentence or in the heading above it."""
        for s in sentences(p.text, semicolons=False):
            if not re.search(r"\b(?:introduced|presented)\b[^.]*\b(?:document|contribution|proposal)\b[^.]*\b(?:which|that|proposing|setting out|describing)\b", s, re.I):
                continue
            symbols = find_symbols(s) or next((find_symbols(h) for h in reversed(p.headings) if find_symbols(h)), [])
            if symbols:
                key = "doc:" + symbol_key(symbols[0][0])
                docs.setdefault(key, {"symbol": symbols[0][0], "title": "", "key": key, "_strong": False,
                                      "meeting": None, **self._provenance(p, s)})
                docs[key]["summary"] = s[:1000]
                who = re.match(r"(?:The\s+)?(?:representative of\s+)?(?:the\s+)?([A-Z][\w .'\u2019&-]{2,60}?)\s+(?:introduced|presented)", s)
                if who and not docs[key].get("submitter"):
                    docs[key]["submitter"] = who.group(1).strip()

    def _contribution(self, p: Paragraph, unit: str) -> tuple[str | None, str | None]:
        """(submitter, title) of a contribution: "Contribution by X: TITLE", "X introduced their document"."""
        submitter = title = None
        for text in [unit] + list(reversed(p.headings)):
            m = re.search(r"\b(?:Contribution|Proposal|Submission|Input)s?\s+(?:by|from|of)\s+(?:the\s+)?(?P<who>[A-Z][\w .,'\u2019&-]+?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?P<title>[^:(]+?)(?:\s*\(|:|$)", text)
            if m:
                submitter = submitter or m.group("who").strip()
                candidate = m.group("title").strip()
                if not _has_verb(candidate) and len(candidate) > 5:
                    title = title or candidate
                break
        m = re.search(r"(?:^|\.\s+)(?:The\s+)?(?P<who>[A-Z][\w .'\u2019&-]{2,60}?)\s+(?:introduced|presented|submitted)\s+(?:their|its|his|her|the)\s+(?:document|contribution|proposal)", unit)
        if m:
            submitter = submitter or m.group("who").strip()
        return submitter, title

    # -- deadlines ---------------------------------------------------------------------------

    _CUE = re.compile(
        r"(?:\bby|\btill|\buntil|\bno later than|\bnot later than|\bon or before|\bbefore|\bdue(?: on| by)?|"
        r"\bdeadline(?: of| is| was| will be| for \w+)?|\bextended (?:till|to|until)|\bcloses?(?: on)?|\bclosing(?: date)?(?: is| of)?|"
        r"\bopen until|\bsubmitted by|\bexpires?(?: on)?)\s*(?:the\s+deadline\s+of\s+)?(?:\w+\s+)?$",
        re.I,
    )
    _EVENT_CUE = re.compile(
        r"(?:\bheld|\btake place|\btook place|\btakes place|\bscheduled|\bconvened|\bmeet|\bmeets|\brun|\bwill be|\bbetween)"
        r"(?:\s+\w+){0,2}\s+(?:on|from|for|between|in)?\s*$|\bfrom\s*$|\bon\s*$",
        re.I,
    )

    def classify(self, p: Paragraph, si: int, s: str, span: dates.DateSpan) -> str:
        """'deadline', 'event' or '' for a date in a sentence."""
        if (p.position, si, span.begin) in self.claimed_dates:
            return ""
        before = s[max(0, span.begin - 60): span.begin]
        if re.search(r"\b(?:by|till|until|no later than|not later than|on or before|before|deadline(?: \w+)?)\s*(?:the\s+deadline\s+of\s+)?$", before, re.I) \
                or re.search(r"\b(?:by|before)\s+(?:the\s+)?(?:end|close|closing)\s+of\s+(?:business|the\s+day|day|work)\s+(?:on\s+)?$", before, re.I):
            return "deadline"  # "by end of business on 30 June 2025" too
        if re.search(r"\b(?:close|closes|closing|closed|due|expire|expires|submitted|received|reach\w*)\s+(?:\w+\s+)?(?:on|by|before)?\s*$", before, re.I):
            return "deadline"
        if self._EVENT_CUE.search(before) and not re.search(r"\bdue on\s*$|\bdeadline\b[^.]*$", before, re.I):
            return "event"
        if self._CUE.search(before):
            return "deadline"
        if re.search(r"\bdeadline|\bdue\b|\bclosing date\b|\bcut-?off\b", s, re.I) and not span.is_range:
            return "deadline"
        if span.is_range or re.search(r"\b(held|take place|took place|scheduled|convened|will be)\b", s, re.I):
            return "event"
        return ""

    def _table_deadline(self, p: Paragraph) -> dict | None:
        """A row of an action table ("Action | Responsible | Deadline"): what, who, by when."""
        cells = p.cells or {}
        when = next((v for h, v in cells.items() if re.search(r"(?i)deadline|due|by when|date|timeline", h)), None)
        spans = self._dates(when or "")
        if not when or not spans:
            return None
        what = next((v for h, v in cells.items() if re.search(r"(?i)action|task|item|what|deliverable|activity", h)), None)
        what = what or next(v for v in cells.values() if v and v != when)
        who = next((v for h, v in cells.items() if re.search(r"(?i)responsib|owner|lead|who|by whom|actor", h)), None)
        return {"title": _tidy(what)[:200], "due": spans[0].end.isoformat(), "original_due": None, "send_to": None,
                "subject": None, "audience": who, "event": None, **self._provenance(p, p.text), "_context": p.text}

    def read_deadlines(self) -> list[dict]:
        found: list[dict] = []
        for p in self.paragraphs:
            if p.cells is not None:
                row = self._table_deadline(p)
                if row:
                    found.append(row)
                continue
            for si, s in enumerate(sentences(p.full_text)):
                spans = self._dates(s)
                kinds = [self.classify(p, si, s, sp) for sp in spans]
                due_spans = [sp for sp, k in zip(spans, kinds) if k == "deadline"]
                if not due_spans:
                    continue
                extended = re.search(r"\b(extended|postponed|moved|pushed back|new deadline)\b", s, re.I)
                if extended and len(due_spans) >= 2:
                    original, due = due_spans[0], due_spans[-1]
                    found.append(self._deadline(p, s, due, original.start))
                    continue
                for sp in due_spans:
                    record = self._deadline(p, s, sp, None)
                    record["_extension"] = bool(extended) and sp.begin > extended.start()
                    found.append(record)
        return self._merge_extensions(found)

    def _deadline(self, p: Paragraph, s: str, span: dates.DateSpan, original: date | None) -> dict:
        title = deadline_title(s, span.begin)
        if self.addressee:  # "the draft of this report" is the report to Council that we are reading
            title = re.sub(r"\b(?:this|the present) report\b", f"this report to {self.addressee}", title, flags=re.I)
        topic = p.headings[-1] if p.headings else None
        if _weak_title(title) and topic:
            title = topic if _weak_title(title, strict=True) else f"{title} ({topic})"
        email = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", s)
        subject = re.search(r"subject(?: line)?\s*[:\-]?\s*[\u201c\"\u2018']?([^\u201d\"\u2019')]+)", s, re.I)
        audience = re.search(r"\b((?:ITU\s+)?(?:Member States|membership|Sector Members|members|stakeholders|delegations|Vice[- ]Chairs|administrations))\b", s, re.I)
        event = self._events_in(s)
        return {
            "title": title, "due": span.end.isoformat(),
            "original_due": original.isoformat() if original else None,
            "send_to": email.group(0).rstrip(".") if email else None,
            "subject": subject.group(1).strip(" .") if subject else None,
            "audience": audience.group(1) if audience else None,
            "event": event[-1][0] if event else (_unyeared_event(s[: span.begin].split(",")[0] + ",") or self._event_before(p, s)),
            **self._provenance(p, s), "_context": p.full_text,
        }

    def _merge_extensions(self, found: list[dict]) -> list[dict]:
        """An extension said in its own sentence moves the deadline it extends instead of adding one."""
        kept: list[dict] = []
        for d in found:
            is_extension = d.pop("_extension", False)
            target = None
            if is_extension:
                candidates = [k for k in kept if k["due"] < d["due"]]
                scored = [(fuzz.token_set_ratio(_stemmed(k["title"] + " " + k["source"]), _stemmed(d["title"] + " " + d["source"])), k) for k in candidates]
                scored = [x for x in scored if x[0] >= 60]
                if scored:
                    target = max(scored, key=lambda x: x[0])[1]
            if target is not None:
                target.update(original_due=target["original_due"] or target["due"], due=d["due"],
                              paragraph=d["paragraph"], source=target["source"] + " " + d["source"],
                              send_to=target["send_to"] or d["send_to"])
                continue
            duplicate = next((k for k in kept if k["due"] == d["due"] and fuzz.token_set_ratio(k["title"], d["title"]) >= 80), None)
            if duplicate is None:
                kept.append(d)
        keys = Counter()
        for d in kept:
            base = "deadline:" + _norm(d["title"])[:80]
            keys[base] += 1
            d["key"] = base if keys[base] == 1 else f"{base}:{keys[base]}"
            d.pop("_context", None)
        return kept

    # -- events -------------------------------------------------------------------------------

    def read_events(self) -> list[dict]:
        events: dict[str, dict] = {}

        def event(name: str, p: Paragraph, s: str) -> dict:
            key = "event:" + event_key(name, self.expansions)
            e = events.get(key)
            if e is None:
                e = events[key] = {"name": name, "key": key, **self._provenance(p, s)}
            elif len(name) > len(e["name"]) and not re.match(r"\d", name):
                e["name"] = name
            return e

        for p in self.paragraphs:
            for si, s in enumerate(sentences(p.full_text)):
                spans = all_spans = self._dates(s)
                in_sentence: list[dict] = []
                window = self._open_close_window(p, si, s, spans)
                if window:
                    name, first, last = window
                    e = event(name, p, s)
                    e.update(start=first.start.isoformat(), end=last.end.isoformat(), **self._provenance(p, s))
                    in_sentence.append(e)
                    spans = [sp for sp in spans if sp not in (first, last)]
                for sp in spans:
                    if self.classify(p, si, s, sp) != "event":
                        continue
                    before = s[: sp.begin]
                    sub = re.search(r"including (?:the |a |an )?(?:[\w]+-day |[\w]+-week )?([\w -]{3,60}?)\s+(?:on|from|between)\s*$", before, re.I)
                    named = self._events_in(before)
                    parent = named[-1][0] if named else self._event_before(p, s)
                    if sub and parent:
                        name = f"{parent} {sub.group(1).strip()}"
                    elif named and sp.begin - named[-1][2] < 120:
                        name = named[-1][0]
                    elif parent and re.search(r"\b(the|this) (meeting|forum|summit|event|conference|session|day)\b|\bit\b", before, re.I):
                        name = parent
                    elif _unyeared_event(before) or _event_subject(before):
                        name = _unyeared_event(before) or _event_subject(before)
                    else:
                        continue
                    e = event(name, p, s)
                    e.update(start=sp.start.isoformat(), end=sp.end.isoformat(), **self._provenance(p, s))
                    in_sentence.append(e)
                if in_sentence:
                    place = _place_after(s, all_spans[-1].finish) or _place_after(s, 0)
                    if place:
                        for e in in_sentence:
                            e.setdefault("place", place)
                theme = re.search(r"\b(?:theme|banner|motto|slogan)\b[^\u201c\"]*[\u201c\"]([^\u201d\"]{5,400})[\u201d\"]", s, re.I)
                if theme:
                    named = self._events_in(s)
                    name = named[0][0] if named else self._event_before(p, s)
                    if name:
                        e = event(name, p, s)
                        e["theme"] = theme.group(1).strip()
                        e.setdefault("paragraph", p.number)
        self._hosts(events)
        return [e for e in events.values() if e.get("start") or e.get("theme")]

    def _hosts(self, events: dict[str, dict]) -> None:
        """"Fiji has offered to host GET-25 in Suva": the place of an event named elsewhere."""
        for p in self.paragraphs:
            for s in sentences(p.full_text):
                for m in re.finditer(r"\bhost(?:s|ed|ing)?\s+(?:the\s+)?(?P<name>[A-Z][\w&+\-]*(?:\s+[\w&+\-]+){0,6}?)\s+(?:in|at)\s+"
                                     r"(?P<place>[A-Z][\w'\u2019\-]+(?:,\s*[A-Z][\w'\u2019\-]+)?)", s):
                    key = event_key(m.group("name"), self.expansions)
                    for e in events.values():
                        if not e.get("place") and (event_key(e["name"], self.expansions) == key
                                                   or set(key.split()) <= set(e["key"].split(":", 1)[1].split())):
                            e["place"] = m.group("place")

    def _open_close_window(self, p: Paragraph, si: int, s: str, spans):
        """"The Forum will open on 3 November 2025 and close on 5 November 2025": an event's dates,
        though "close on" alone would read as a deadline. Claims both dates for the event."""
        m = re.search(r"\b(?:open|opens|begin|begins|start|starts)\s+on\s+[^;]*?\band\s+(?:close|closes|end|ends|finish|finishes|conclude|concludes)\s+on\b", s, re.I)
        if not m or len(spans) < 2:
            return None
        subject = s[: m.start()]
        if re.search(r"\b(registration|call|submissions?|nominations?|applications?|consultation|survey|questionnaire)\b", subject, re.I):
            return None  # a window for sending something in: its close is a deadline
        named = self._events_in(subject)
        name = named[-1][0] if named else (_unyeared_event(subject) or self._event_before(p, s))
        if not name:
            return None
        inside = [sp for sp in spans if m.start() <= sp.begin <= m.end() + 40]
        if len(inside) < 2:
            return None
        for sp in inside[:2]:
            self.claimed_dates.add((p.position, si, sp.begin))
        return name, inside[0], inside[1]

    # -- partners -----------------------------------------------------------------------------

    def read_partners(self) -> list[dict]:
        partners: dict[str, dict] = {}

        def put(name: str, tier: str, p: Paragraph, s: str, event_name: str | None):
            name = _tidy(re.sub(r"^(?:and|the)\s+", "", name.strip(), flags=re.I))
            abbreviation = None
            m = re.match(r"(.+?)\s*\(([^)]+)\)$", name)
            if m:
                name, abbreviation = m.group(1).strip(), m.group(2).strip()
            if not name or len(name) > 120 or _has_verb(name):
                return
            key = "partner:" + _norm(name)
            partners[key] = {"name": name, "abbreviation": abbreviation, "tier": _tier(tier), "event": event_name,
                             "key": key, **self._provenance(p, s)}

        for p in self.paragraphs:
            units = [(s, False) for s in sentences(p.text, semicolons=False)] + [(i, True) for i in p.items]
            heading_partners = any(re.search(r"partner|sponsor", h, re.I) for h in p.headings + [p.text])
            for s, is_item in units:
                if not re.search(r"partner|sponsor", s, re.I) and not (is_item and heading_partners):
                    continue
                event_name = (self._events_in(s) or [(self._event_before(p, s),)])[-1][0]
                # "A – Diamond partner" (a bullet)
                m = re.match(r"^(?P<name>[^\u2013\u2014:]+?)\s+[\u2013\u2014-]\s+(?P<tier>[\w -]+?)\s+(?:partner|sponsor)s?\b", s, re.I)
                if m:
                    put(m.group("name"), m.group("tier"), p, s, event_name)
                    continue
                # "Gold partners: A and B."
                colon = list(re.finditer(r"(?P<tier>\b[A-Z][\w-]*(?:\s+[\w-]+){0,3}?)\s+(?:partners?|sponsors?)\s*:\s*(?P<names>[^.;:]+)", s))
                if colon:
                    for m in colon:
                        for name in _split_names(m.group("names")):
                            put(name, m.group("tier"), p, s, event_name)
                    continue
                said = _partners_in_prose(s)
                if said:
                    for names, tier in said:
                        for name in _split_names(names):
                            put(name, tier, p, s, event_name)
                    continue
                # "partners A (Platinum); B (Gold); C, D (Contributing Partners)"
                start = re.search(r"(?:partners?|sponsors?)\b[^A-Z(]*", s, re.I)
                if not start:
                    continue
                listed = s[start.end():]
                head = re.match(r"[^;()]*?:\s*", listed)  # "partners of the Forum 2022: A (Gold); ..."
                if head:
                    listed = listed[head.end():]
                for chunk in listed.split(";"):
                    m = re.match(r"^\s*(?P<names>.+?)\s*\((?P<tier>[^()]+)\)\s*[.;,]?\s*$", chunk)
                    if not m or _is_abbreviation_of(m.group("tier"), m.group("names")):
                        continue
                    for name in _split_names(m.group("names")):
                        put(name, m.group("tier"), p, s, event_name)
        return list(partners.values())

    # -- recommendations ------------------------------------------------------------------------

    _VERBS = re.compile(
        r"\b(requested|encouraged|invited|urged|recommended|agreed|decided|noted|appreciated|welcomed|supported|"
        r"emphasi[sz]ed|stressed|thanked|called upon|called on|expressed|considered|endorsed|approved|instructed|"
        r"asked|took note|should|proposed|suggested|reaffirmed|highlighted|acknowledged|resolved|requests|"
        r"encourages|invites|recommends|notes|welcomes|urges)\b",
        re.I,
    )

    def read_recommendations(self) -> list[dict]:
        out: list[dict] = []
        seen = set()
        for p in self.paragraphs:
            text = p.text.strip()
            if p.is_heading and not text.endswith(":"):
                continue
            if any(re.search(r"documents?\b.*\b(?:were|was) (?:considered|examined|reviewed)", h, re.I) for h in p.headings + [text]):
                continue  # a list of documents, not an outcome
            if text.endswith(":") and not p.items:
                continue  # a stem; its sub-items carry it
            if p.stem:
                text = p.stem.rstrip(": ") + " " + text
            elif not self._VERBS.search(text) and p.headings and self._VERBS.search(p.headings[-1]) \
                    and re.match(r"\d", p.number or ""):
                text = p.headings[-1] + ": " + text  # "...the secretariat should, on an annual basis: Undertake ..."
            if p.items:
                text = text.rstrip() + " " + "; ".join(p.items)
            verb = self._VERBS.search(text)
            if not verb or len(text) < 25:
                continue
            if find_symbols(text) and not re.search(r"\b(requested|encouraged|invited|urged|agreed|recommended)\b", text, re.I):
                continue  # a document introduced or listed, not an outcome
            if meeting_numbers(text) and re.search(r"\b(held|attended|chaired)\b", text):
                continue  # the meetings' own facts
            key = "rec:" + (p.number or "") + ":" + _digest(text)
            if key in seen:
                continue
            seen.add(key)
            actor, verb_word = _actor_and_verb(text, verb)
            topic = p.headings[-1] if p.headings else None
            out.append({"topic": topic[:300] if topic else None, "text": text[:4000], "actor": actor,
                        "verb": verb_word, "key": key, **self._provenance(p, text)})
        return out

    # -- people ------------------------------------------------------------------------------------

    def read_people(self) -> list[dict]:
        people: dict[str, dict] = {}

        def put(name: str, p: Paragraph, s: str, role=None, country=None):
            key = "person:" + _norm(name)
            person = people.setdefault(key, {"name": name, "key": key, "role": None, "country": None, **self._provenance(p, s)})
            if role and not person["role"]:
                person["role"] = _tidy(role)
            if country and not person["country"]:
                person["country"] = country

        for m in self.meetings.values():
            if m.get("chair"):
                put(m["chair"], _para_at(self.paragraphs, m), m["source"], "Chair", m.get("chair_country"))
            for vc in m.get("vice_chairs") or []:
                put(vc["name"], _para_at(self.paragraphs, m), m["source"], "Vice-Chair", vc["country"])
                if vc.get("represented_by"):
                    put(vc["represented_by"], _para_at(self.paragraphs, m), m["source"],
                        f"represented Vice-Chair {vc['name']}", None)
        for p in self.paragraphs:
            for s in sentences(p.full_text):
                list_role = None
                previous_end = 0
                for pm in PERSON.finditer(s):
                    name = pm.group("name")
                    gap = s[previous_end: pm.start()]
                    before = s[max(0, pm.start() - 80): pm.start()]
                    after = s[pm.end(): pm.end() + 160]
                    role = _role_as(after) or _role_after(after) or _role_before(before)
                    heading_role = re.search(r"\b(secretariat|vice[- ]chairs?|chairs?|rapporteurs?|coordinators?|facilitators?|co-chairs?)\s*:?\s*$", before, re.I)
                    if heading_role:  # "the secretariat Ms A, Mr B" / "five Vice-Chairs: Ms A, Mr B"
                        list_role = re.sub(r"s$", "", heading_role.group(1)).title().replace("Vice Chair", "Vice-Chair")
                    elif previous_end and not re.fullmatch(r"\s*,?\s*(?:and\s+)?", gap):
                        list_role = None
                    put(name, p, s, role or list_role, _country_after(after))
                    previous_end = pm.end() + (len(re.match(r"\s*(?:\([^)]*\))?", after).group(0)))
        # "Mr Diallo" later in the text is the "Mr Abdoulaye Diallo" named before.
        for key, person in list(people.items()):
            if " " not in person["name"]:
                fuller = [p for p in people.values() if p is not person and p["name"].endswith(" " + person["name"])]
                if len(fuller) == 1:
                    for k in ("role", "country"):
                        fuller[0][k] = fuller[0][k] or person[k]
                    del people[key]
        return list(people.values())


# -- helpers shared by the rules above ------------------------------------------------------------


def _unyeared_event(before: str) -> str | None:
    """"The Regional Youth Summit for the Americas, scheduled for": a capitalised name with a word
    for an event in it, standing just before the date (no year in the name)."""
    m = None
    for m in re.finditer(r"((?:[A-Z][\w'\u2019\-]*\s+(?:(?:of|on|for|and|the|in|de)\s+)*){0,7}[A-Z][\w'\u2019\-]*)", before):
        pass
    if not m or len(before) - m.end() > 60:
        return None
    name = re.sub(r"^(?:The|This|A|An)\s+", "", m.group(1).strip())
    if EVENT_WORDS.search(name) and len(name.split()) >= 2:
        return name
    return None


def _capitalised_events(text: str) -> list[str]:
    """Capitalised names with a word for an event in them, without a year ("Regional Workshop on
    Satellite Licensing for Asia and the Pacific"), in the order they stand."""
    names = []
    for m in re.finditer(r"\b((?:[A-Z][\w'\u2019\-]*\s+(?:(?:of|on|for|and|the|in|de)\s+)*){1,8}[A-Z][\w'\u2019\-]*)", text):
        name = re.sub(r"^(?:The|This|A|An|It|In|At|On)\s+", "", m.group(1).strip())
        if EVENT_WORDS.search(name) and len(name.split()) >= 2 and not _has_verb(name):
            names.append(name)
    return names


def _event_subject(before: str) -> str | None:
    """"an information session on ASHI for Member States will take place on": the subject of an
    event verb, when it names a kind of event."""
    m = re.search(r"\b(?:an?|the)\s+([\w\s&'\u2019-]{3,80}?)\s+(?:will take place|will be held|is scheduled(?: for)?|"
                  r"takes place|was held|will be organi[sz]ed|will run|will be convened)\s+(?:on|from|in|at|between)?\s*$", before, re.I)
    if m and EVENT_WORDS.search(m.group(1)) and not re.search(r"\b(meeting|meetings)\b", m.group(1), re.I):
        name = m.group(1).strip()
        return name[:1].upper() + name[1:]
    return None


def _weak_title(title: str, strict: bool = False) -> bool:
    """A title that does not say what is due ("Comments", "And the new deadline")."""
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", title) if w.lower() not in
             {"the", "a", "an", "and", "of", "on", "to", "for", "new", "deadline", "no", "later", "than", "date", "closing"}]
    if strict:
        return len(words) == 0 or bool(re.search(r"\b(?:was|were|is|are|has been|have been|no later than)\b", title, re.I))
    return len(words) <= 1 or bool(re.search(r"\b(?:was|were|is|are|has been|have been)\b", title, re.I))


def _has_verb(text: str) -> bool:
    return bool(re.search(
        r"\b(was|were|is|are|will|has|have|had|noted|requested|encouraged|invited|agreed|thanked|appreciated|"
        r"introduced|presented|held|took|provided|received|considered|expressed|supported)\b", text))


def _title_before_symbols(unit: str, symbols) -> str:
    first = symbols[0][1]
    head = unit[:first]
    head = re.sub(r"[\s(]*$", "", head)
    head = re.sub(r"\)\s*(?:and|,)\s*$", ")", head)
    head = re.sub(r"\s*\((?:see\s+)?$", "", head)
    head = re.sub(r"^(?:[ivx]+\.|\d+(?:\.\d+)*\.?|[a-z]\))\s+", "", head)
    return head.strip(" ;,:-\u2013(")


def _meeting_in_symbol(symbol: str, numbers: set[int]) -> int | None:
    for token in re.findall(r"(?<=[A-Za-z&-])(\d{1,3})(?=[-/]|$)", symbol):
        if int(token) in numbers:
            return int(token)
    return None


def _country_after(text: str) -> str | None:
    m = re.match(r"\s*\(([^)]{2,60})\)", text)
    if m and not re.fullmatch(r"[A-Z]{2,8}", m.group(1)):
        return m.group(1).strip()
    return None


def _people_with_countries(sentence: str) -> list[tuple[str, str | None, str | None]]:
    """Vice-chairs in a sentence: name, country, and who stood in for them."""
    out = []
    matches = list(PERSON.finditer(sentence))
    skip = set()
    for i, pm in enumerate(matches):
        if i in skip:
            continue
        after = sentence[pm.end():]
        country = _country_after(after)
        deputy = None
        rest = re.sub(r"^\s*\([^)]*\)", "", after)
        dm = re.match(r"\s*,?\s*(?:who\s+(?:was|were)\s+)?(?:represented|replaced|substituted|stood in for)\s+by\s+", rest, re.I)
        if dm and i + 1 < len(matches):
            deputy = matches[i + 1].group("name")
            skip.add(i + 1)
        out.append((pm.group("name"), country, deputy))
    return out


def _role_after(after: str) -> str | None:
    m = re.match(r"\s*(?:\([^)]*\))?\s*,\s*(?:the\s+)?(?P<role>[^,;.()]{3,120}?)(?=\s*(?:,|;|\.|\(|$| and (?:Mr|Ms|Mrs|Dr|Prof)))", after)
    if m and ROLE_WORDS.search(m.group("role")) and not re.match(r"(?:Mr|Ms|Mrs|Dr|Prof|and|or|to|as|for)\b", m.group("role"), re.I):
        return m.group("role").strip()
    return None


def _role_as(after: str) -> str | None:
    """"Ms X (Kazakhstan) as Chair", "with Mr Y (Dominican Republic) as co-chair"."""
    m = re.match(r"\s*(?:\([^)]*\))?\s*,?\s*as\s+(?:the\s+|its\s+|their\s+)?(?P<role>(?:co-|vice-|deputy\s+|acting\s+)?"
                 r"(?:chair(?:man|person|woman)?|rapporteur|secretary|coordinator|facilitator|convenor|convener|moderator)"
                 r"(?:\s+of\s+(?:the\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})?)\b", after, re.I)
    return m.group("role")[:1].upper() + m.group("role")[1:] if m else None


def _role_before(before: str) -> str | None:
    m = re.search(r"((?:(?:outgoing|former|previous|incoming|acting|new)\s+)?(?:Head|Director|Chief|Chair(?:man|person|woman)?|President|Deputy [\w-]+|Secretary-General|"
                  r"Counsellor|Coordinator|Officer|Minister|Ambassador|Rapporteur)(?:\s+of(?:\s+the)?\s+[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,5})?"
                  r"(?:\s*\([A-Z&\-]{2,10}\))?)\s*,?\s*$",
                  before)
    return m.group(1) if m else None


def _place_after(sentence: str, offset: int) -> str | None:
    for m in re.finditer(r"\b(?:in|at)\s+((?:[A-Z][\w'\u2019\-]+)(?:(?:\s+|,\s*)[A-Z][\w'\u2019\-]+){0,3})", sentence[offset:]):
        place = m.group(1).strip(" ,")
        if not re.match(r"(?:The|This|Council|Resolution|Annex|Section|Paragraph|Document|Collaboration|Line|ITU)\b", place) \
                and not EVENT_WORDS.search(place) and not re.search(r"\d", place):
            return place
    return None


_TIER = r"(?P<tier>[A-Z][\w]*(?:[ -][A-Z][\w]*)?)(?:[- ]level)?"
_NAMES = r"(?:the\s+)?(?P<names>[A-Z][^.;:]*?)"
_PROSE_TIERS = [
    # "X as Host partner, Y and Z as Strategic partners"; "A and B joined as Gold sponsors"
    re.compile(_NAMES + r"\s+(?:has\s+|have\s+)?(?:joined\s+|acts?\s+|acting\s+)?as\s+(?:an?\s+|the\s+)?" + _TIER + r"\s+(?:partners?|sponsors?)\b"),
    # "Silver-level partners are New Zealand and PITA"
    re.compile(_TIER + r"\s+(?:partners?|sponsors?)\s+(?:are|were|include|included|is|was)\s+" + _NAMES + r"(?=[.;]|$)"),
    # "Luxembourg and ERAN are Bronze partners"
    re.compile(_NAMES + r"\s+(?:is|are|was|were|remain|remains)\s+(?:an?\s+|the\s+)?" + _TIER + r"\s+(?:partners?|sponsors?)\b"),
    # "Platinum sponsorship was provided by the Kingdom of Bahrain"
    re.compile(_TIER + r"\s+(?:sponsorship|partnership|support)\s+(?:was|is|has been)\s+(?:provided|offered|given)\s+by\s+" + _NAMES + r"(?=[.;,]|$)"),
    # "Chile and GSOA are supporting the Summit at Silver level"
    re.compile(_NAMES + r"\s+(?:is|are)\s+(?:supporting|sponsoring)\s+[^.;]*?\s+at\s+" + _TIER + r"\s+level\b"),
]


def _partners_in_prose(sentence: str) -> list[tuple[str, str]]:
    """(names, tier) as prose says them; names are the run since the previous match."""
    found = []
    for pattern in _PROSE_TIERS:
        for m in pattern.finditer(sentence):
            names = m.group("names")
            if pattern is _PROSE_TIERS[0] or pattern is _PROSE_TIERS[2] or pattern is _PROSE_TIERS[4]:
                # only the part after the previous tier or the last clause break is this tier's names
                names = re.split(r"(?:,\s+(?:and|while|whereas)\s+|;\s*|:\s*|\.\s+|\bwhile\s+|\b(?:partners?|sponsors?)\s+of\s+the\s+[^,]*?,?\s+)", names)[-1]
                names = re.sub(r"^(?:and|while|whereas|also)\s+", "", names.strip(" ,"))
            if not re.search(r"(?i)^(?:it|they|this|these|the group|the task force|the working party)$", names.strip()):
                found.append((names, m.group("tier")))
    seen, unique = set(), []
    for names, tier in found:  # two patterns may read the same clause
        if (names, tier) not in seen:
            seen.add((names, tier))
            unique.append((names, tier))
    return unique


def _split_names(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(",", "\x00"), text)
    parts = re.split(r",\s*|\s+and\s+(?![^()]*\))|\s*&\s*", text)
    return [p.replace("\x00", ",").strip() for p in parts if p.strip()]


def _is_abbreviation_of(paren: str, names: str) -> bool:
    paren = paren.strip()
    if not re.fullmatch(r"[A-Z][A-Z&\-]{1,9}", paren):
        return False
    words = re.findall(r"[A-Za-z]+", names)
    initials = "".join(w[0] for w in words[-len(paren) - 2:]).upper()
    return all(ch in initials for ch in paren.replace("-", "").replace("&", ""))


def _tier(text: str) -> str:
    text = re.sub(r"\s+(?:partners?|sponsors?)$", "", text.strip(), flags=re.I)
    text = re.sub(r"^(?:the|our)\s+", "", text, flags=re.I)
    return " ".join(w if w.isupper() else w.capitalize() if i == 0 or w.lower() not in {"for", "of", "and", "the"} else w.lower()
                    for i, w in enumerate(text.split())) or "Partner"


def _actor_and_verb(text: str, verb_match: re.Match) -> tuple[str | None, str]:
    verb = verb_match.group(1).lower()
    head = text[: verb_match.start()]
    passive = re.search(r"(?:^|[.;:]\s*)(?:the\s+)?([\w\s,&'\u2019\-]{2,80}?)\s+(?:was|were|is|are|has been|have been)\s+(?:also\s+)?$", head, re.I)
    if passive:
        return _tidy(passive.group(1)), verb
    obj = re.match(r"\s*(?:the\s+)?([\w\s&'\u2019\-]{2,60}?)\s+to\s+\w+", text[verb_match.end():], re.I)
    if obj and re.search(r"\b(requested|encouraged|invited|urged|asked|called upon|called on|instructed)\b", verb):
        return _tidy(obj.group(1)), verb
    subject = re.search(r"(?:the\s+)?([\w\s&'\u2019\-]{2,60}?)\s*$", head, re.I)
    return (_tidy(subject.group(1)) if subject and subject.group(1).strip() else None), verb


def _para_at(paragraphs: list[Paragraph], record: dict) -> Paragraph:
    for p in paragraphs:
        if p.number == record.get("paragraph") and record.get("source", "")[:40] in p.full_text:
            return p
    return paragraphs[0]


_TASK_NOUNS = r"(?:final |additional |further |written |draft )?(?:comments?|contributions?|inputs?|nominations?|submissions?|proposals?|registrations?|applications?|feedback|responses?|replies|views|candidatures?|reports?)"


def deadline_title(sentence: str, date_offset: int) -> str:
    """What is due, read from the sentence that gives the date."""
    head = sentence[:date_offset]
    head = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|\d+\))\s+", "", head)
    head = re.sub(r"^(?:And|But|Also|Further(?:more)?|Moreover),?\s+", "", head)
    title = None
    m = re.search(rf"^(?:The\s+)?(?!deadline\b)((?:[\w-]+\s+){{0,3}}?{_TASK_NOUNS}(?:\s+(?:on|to|for|of|from)\s+[^,;(]+?)?)\s*(?:,[^,]{{0,100}},)?\s+(?:should|must|shall|are|is|were|was|can|may|will)\b", head, re.I)
    if m:
        title = m.group(1)
    m = None if title else re.search(r"\bdeadline (?:for|to|of|on) (.+?)(?:\s+(?:is|was|will be|has been|had been)\b|,|\(|$)", head, re.I)
    if m and len(m.group(1)) > 3:
        title = m.group(1)
    if title is None:
        m = re.search(rf"\b(?:for|of|on)\s+({_TASK_NOUNS}(?:\s+(?:on|to|for)\s+[^,;]+?)?)(?:\s+by\b|\s+till\b|\s+until\b|,|$)", head, re.I)
        if m:
            title = m.group(1)
            if not re.search(r"\s(?:on|to|for)\s", title):
                subject = re.match(r"\s*(?:an?|the)\s+([\w\s-]{3,50}?)\s+(?:was|were|is|are|has been|will be)\b", head, re.I)
                obj = re.search(r"\b(?:to|will|shall|would) (?:prepare|post|circulate|publish|draft|finali[sz]e|share|submit|make) (?:an?\s+|the\s+)?([^,;]+?)(?:\s+based\b|\s+and\b|\s+for\b|\s+online\b|\s+available\b|,|$)", head, re.I)
                if subject:
                    title += " on the " + subject.group(1).strip()
                elif obj:
                    title += " on the " + obj.group(1).strip()
    if title is None:
        m = re.search(r"\b(?:encouraged|invited|requested|asked|urged|called upon|reminded|expected|required)\s+to\s+(.+)", head, re.I)
        if m:
            title = m.group(1)
    if title is None:
        m = re.search(rf"\b({_TASK_NOUNS}(?:\s+(?:on|to|for)\s+[^,;]+?)?)\s+(?:are|is|were|was|must be|should be|shall be)\s+(?:due|expected|accepted|received|submitted)", head, re.I)
        if m:
            title = m.group(1)
    if title is None:  # "Call for session proposals: open until 12 June 2026"
        m = re.search(r"(?:^|[.;]\s+|-\s+)([A-Z][^:;.]{3,120}):\s*(?:(?:open|due|closes?|closing)\s+)?(?:until|till|by|before|on)?\s*$", head)
        if m:
            title = m.group(1)
    if title is None:
        clause = re.split(r"[,;:]\s+", head.strip())[-1] if head.strip() else sentence
        clause = re.sub(r"^(?:The\s+)?(?:Group|group|meeting|Council)\s+(?:noted|agreed|decided)\s+(?:that\s+)?", "", clause)
        title = clause
    title = re.sub(r"^(?:and|but|also|while|whereas)\s+", "", title.strip(), flags=re.I)
    title = re.sub(r"^(?:will|shall|would|must|should|can|may)\s+(?:accept|receive|take)\s+", "", title, flags=re.I)
    title = re.sub(r"\s+(?:would|will|shall|is to|was to)?\s*(?:close|closes|end|ends|expire|expires)$", "", title, flags=re.I)
    title = re.sub(r"\s+(?:must|should|shall|will|are|is|can|may)\s+be\s+\w+$", "", title)
    title = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "", title)
    title = re.sub(r"\([^)]*\)?", "", title)
    title = re.sub(r"\s+(?:by|till|until|before|on or before|no later than|not later than|on|at|is|was|were|due)\s*(?:the deadline of)?\s*$", "", title.strip(), flags=re.I)
    words = title.split()
    if len(words) > 12:
        cut = 12
        for i, w in enumerate(words[:12]):
            if re.fullmatch(r"(?:19|20)\d\d", w):
                cut = i + 1
                break
            if i >= 4 and re.fullmatch(r"(?:highlighting|including|taking|in order|as|which|that|where|while)", w, re.I):
                cut = i
                break
        words = words[:cut]
    while words and words[-1].lower() in {"the", "a", "an", "of", "to", "for", "on", "in", "and", "by", "with", "at"}:
        words.pop()
    return _tidy(" ".join(words)) or "Deadline"


def read_report_records(paragraphs: list[Paragraph], filename: str = "report") -> Extracted:
    reader = ReportReader(paragraphs, filename)
    meetings = reader.read_meetings()  # first: meeting dates are not deadlines or events
    records = {
        "meetings": meetings,
        "documents": reader.read_documents(),
        "events": reader.read_events(),  # before deadlines: it claims "open on ... and close on" spans
        "deadlines": reader.read_deadlines(),
        "partners": reader.read_partners(),
        "recommendations": reader.read_recommendations(),
        "people": reader.read_people(),
    }
    name, abbreviation = reader.group()
    return Extracted(name, abbreviation, reader.title(), paragraphs, records=records, aliases=reader.aliases,
                     key=reader.key())
