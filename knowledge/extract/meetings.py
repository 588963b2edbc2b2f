"""Meetings: their numbers, dates, place, chair and vice-chairs (and who stood in for whom),
documents considered, delegates and summary report.

The stage returns the meetings and the dates it claimed (a meeting's dates are neither deadlines nor
events), which the event and deadline stages are handed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from ..paragraphs import Paragraph, sentences
from ..textpatterns import PERSON, find_symbols, meeting_numbers
from . import cues
from .context import ReportContext, provenance
from .text import country_after


@dataclass(frozen=True)
class MeetingsRead:
    records: list[dict]
    claimed: frozenset[tuple[int, int, int]]
    latest_end: date | None  # the last day of the last meeting


def read_meetings(ctx: ReportContext) -> MeetingsRead:
    """The report's meetings, and the dates they claim, for the stages after."""
    reader = _MeetingReader(ctx)
    reader.read_numbered()
    reader.cover_page()
    reader.table_rows()
    reader.read_unnumbered()
    reader.representations()
    reader.drop_out_of_order()
    if not reader.meetings:
        reader.dated_heading()
    held = [date.fromisoformat(m["end"]) for m in reader.meetings.values() if m.get("end")]
    out = []
    for number, m in sorted(
        reader.meetings.items(), key=lambda item: (isinstance(item[0], str), str(item[0]).zfill(12))
    ):
        m.setdefault("paragraph", None)
        m["key"] = f"meeting:{number}" if m["number"] is not None else f"meeting:{m.get('start')}"
        m["vice_chairs"] = list(m.get("vice_chairs", {}).values())
        out.append(m)
    return MeetingsRead(out, frozenset(reader.claimed), max(held) if held else None)


COVER_LINES = 15  # the lines of a report's cover page, where it names its session
SERIES_HEADINGS = 2  # headings that are dates alone, each over its meeting's minutes
_NEXT_MEETING_LABEL = re.compile(r"(?i)\bnext\s+(?:meeting|call|session|sync)\b")


class _MeetingReader:
    """The meetings as they are being read; lives only inside ``read_meetings``."""

    def __init__(self, ctx: ReportContext):
        self.ctx = ctx
        self.prefixes = list(ctx.meeting_prefixes)
        self.meetings: dict[int | str, dict] = {}  # by number, or "on DATE" for a session known by its date
        self.claimed: set[tuple[int, int, int]] = set()
        self.carried: set[tuple[int, int]] = set()
        self.reported = _reported(ctx, self.prefixes)

    def read_numbered(self) -> None:
        """Sentences that name a meeting by number; a sentence after one that named a single
        meeting, and names none, speaks of it too ("Mr X chaired it alone")."""
        for p in self.ctx.paragraphs:
            previous = None
            for si, s in enumerate(sentences(p.full_text)):
                mentions = meeting_numbers(s, self.prefixes)
                if not mentions:
                    if previous and not cues.ALL_MEETINGS.search(s):
                        self.carried.add((p.position, si))
                        self.counts(p, s, previous)
                        self.people(p, s, previous)
                    continue
                previous = mentions if len({n for n, _, _ in mentions}) == 1 else None
                self.dates(p, si, s, mentions)
                self.counts(p, s, mentions)
                self.people(p, s, mentions)
                self.summaries(p, s, mentions)

    def cover_page(self) -> None:
        """A UN cover page names the session on a line of its own and its place and dates on the
        next ("Twenty-fourth session" / "Geneva, 30 April – 1 May 2018"): that session's record."""
        head = self.ctx.paragraphs[:COVER_LINES]
        for i, p in enumerate(head):
            mentions = meeting_numbers(p.text, self.prefixes)
            if len(mentions) != 1 or len(p.text.split()) > 4:
                continue
            number = mentions[0][0]
            for q in head[i + 1 : i + 3]:
                line = cues.PLACE_AND_DATES.match(q.text)
                if line is None:
                    continue
                spans = self.ctx.dates_in(q.text)
                if not spans or spans[0].begin != line.start("dates"):
                    continue
                m = self.meeting(number, q, q.text)
                if not m.get("start"):
                    m.update(start=spans[0].start.isoformat(), end=spans[0].end.isoformat(), **provenance(q, q.text))
                    m.setdefault("place", line.group("place"))
                    self.claimed.add((q.position, 0, spans[0].begin))
                break

    def table_rows(self) -> None:
        """A table of the meetings ("Meeting | Dates | Venue | Delegates | Documents considered"):
        each row that names one meeting gives it what its columns say, where no sentence has."""
        for p in self.ctx.paragraphs:
            if not p.cells:
                continue
            cells = list(p.cells.items())
            mentions = meeting_numbers(cells[0][1], self.prefixes)
            if len(mentions) != 1:
                continue
            m = self.meeting(mentions[0][0], p, p.text)
            for header, value in cells[1:]:
                value = value.strip()
                if not value:
                    continue
                if cues.TABLE_DELEGATES.search(header) and re.match(r"\d", value):
                    m.setdefault("delegates", value)
                elif cues.TABLE_DOCUMENTS.search(header) and value.isdigit():
                    m.setdefault("documents_considered", int(value))
                elif cues.TABLE_VENUE.search(header) and not m.get("place"):
                    m["place"] = value
                elif cues.TABLE_WHEN.search(header) and not m.get("start"):
                    spans = self.ctx.dates_in(value)
                    if spans:
                        m.update(start=spans[0].start.isoformat(), end=spans[0].end.isoformat())

    def read_unnumbered(self) -> None:
        """Sentences about "the meetings" (no number) speak of all of them; "the session", in the
        singular, of the meeting the report is about (the one it names most)."""
        reported = self.reported
        main: list[tuple[int | str, int, int]] = [(n, 0, 0) for n in reported[:1]]
        # "both meetings were chaired by ...": the meetings reported on, not the next one announced
        plural: list[tuple[int | str, int, int]] = [(n, 0, 0) for n in self.meetings if n in reported] or [
            (n, 0, 0) for n in self.meetings
        ]
        for p in self.ctx.paragraphs:
            previous = None  # "Both meetings were chaired by Ms A. She was assisted by the Vice-Chairs: ..."
            for si, s in enumerate(sentences(p.full_text)):
                if (p.position, si) in self.carried or meeting_numbers(s, self.prefixes):
                    previous = None
                    continue
                if not cues.ANY_MEETING_WORD.search(s):
                    if previous and cues.VICE_CHAIR.search(s):
                        self.people(p, s, previous, everyone=True)
                    previous = None
                    continue
                which = plural if cues.PLURAL_MEETINGS.search(s) or not main else main
                previous = which
                self.counts(p, s, which)
                self.people(p, s, which, everyone=True)
                self.summaries(p, s, which)  # "summary records of the two sessions are ... A and B respectively"

    def drop_out_of_order(self) -> None:
        """Forget the dates of a meeting numbered after the report's own but held before it (or
        before and held after): a body numbers its sessions in the order it holds them, so those
        dates are of another series ("the second session of the meeting that set up the Platform,
        held in April 2012"). A meeting left with nothing but its number goes too."""
        own = self.meetings.get(self.reported[0]) if self.reported else None
        if not own or not own.get("start"):
            return
        for number, m in list(self.meetings.items()):
            if not isinstance(number, int) or number == own["number"] or not m.get("start"):
                continue
            if (number > own["number"]) != (m["start"] > own["start"]):
                for field in ("start", "end", "place"):
                    m.pop(field, None)
                if not set(m) - {"number", "paragraph", "source", "vice_chairs"}:
                    del self.meetings[number]

    def meeting(self, number: int, p: Paragraph, s: str) -> dict:
        return self.meetings.setdefault(number, {"number": number, **provenance(p, s)})

    def dates(self, p: Paragraph, si: int, s: str, mentions) -> None:
        """A meeting's dates (and place) from a sentence that says it was held."""
        if not cues.HELD.search(s):
            return
        spans = self.ctx.dates_in(s)
        if not spans:
            return
        for i, (number, _start, end) in enumerate(mentions):
            limit = mentions[i + 1][1] if i + 1 < len(mentions) else len(s)
            if limit <= end:  # "34th and 35th meetings ... on X and Y": pair them in order below
                continue
            mine = [sp for sp in spans if end <= sp.begin < limit]
            if mine:
                self.dated(p, si, s, number, end, mine)
        self.paired_dates(p, si, s, mentions, spans)

    def dated(self, p: Paragraph, si: int, s: str, number: int, mention_end: int, mine) -> None:
        """One meeting's dates (a range may be written "opened on X and closed on Y") and place."""
        first = mine[0]
        last = mine[-1] if cues.RANGE_CLOSE.search(s[first.finish : mine[-1].begin]) else first
        m = self.meeting(number, p, s)
        if m.get("start"):
            if not m.get("paragraph") and p.number and m["start"] == first.start.isoformat():
                m.update(provenance(p, s))  # cite the numbered paragraph that restates the summary's dates
            return
        m.update(start=first.start.isoformat(), end=last.end.isoformat(), **provenance(p, s))
        for sp in mine if last is not first else [first]:
            self.claimed.add((p.position, si, sp.begin))
        for sp in (first, last):
            self.claimed.add((p.position, si, sp.begin))
        place = re.match(r"\s*,?\s*(?:in|at)\s+(?:the\s+)?" + cues.PLACE_NAME, s[last.finish :]) or re.search(
            r"(?:\b(?:held|hosted|convened|met|took place)\b[^.]*?|^\W*(?:\([^)]*\))?\W*)\b(?:in|at)\s+(?:the\s+)?"
            + cues.PLACE_NAME,
            s[mention_end : first.begin],
        )
        if place:
            m["place"] = place.group(1).strip(" ,")

    def paired_dates(self, p: Paragraph, si: int, s: str, mentions, spans) -> None:
        """ "The 34th and 35th meetings were held on 25 September 2019 and 6-7 February 2020"."""
        grouped = [mn for mn in mentions if mn[2] == mentions[-1][2]]
        after = [sp for sp in spans if sp.begin >= mentions[-1][2]]
        if len(grouped) > 1 and len(after) == len(grouped):
            for (number, _, _), sp in zip(grouped, after, strict=True):
                m = self.meeting(number, p, s)
                if not m.get("start"):
                    m.update(start=sp.start.isoformat(), end=sp.end.isoformat(), **provenance(p, s))
                    self.claimed.add((p.position, si, sp.begin))

    def counts(self, p: Paragraph, s: str, mentions) -> None:
        """How many documents a meeting considered, and how many delegates took part."""
        for cm in cues.DOCUMENT_COUNT.finditer(s):
            if not cues.CONSIDERED.search(s):
                continue
            number = _mention_in_clause(s, mentions, cm.start())
            if number is not None:
                self.meeting(number, p, s)["documents_considered"] = int(cm.group(1))
        dm = cues.DELEGATE_COUNT.search(s)
        if dm:
            value = (dm.group(1) or "") + dm.group(2)
            for number, _, _ in mentions:
                self.meeting(number, p, s).setdefault("delegates", value.strip())

    def people(self, p: Paragraph, s: str, mentions, everyone: bool = False) -> None:
        """Who chaired a meeting, and the vice-chairs who attended it."""
        chair = cues.CHAIRED_BY.search(s)
        chair_person = _chair_in(s, chair)
        if chair_person:
            for number, _, _ in mentions:
                m = self.meeting(number, p, s)
                m["chair"], m["chair_country"] = chair_person
        if cues.VICE_CHAIR.search(s) and not chair:
            if not cues.ATTENDED.search(s) or cues.THANKS.search(s):
                return  # thanks in the conclusions are not attendance
            if cues.ALL_VICE_CHAIRS.search(s) and not PERSON.search(s):
                # "The Vice-Chairs are A, B and C. All three Vice-Chairs attended the 7th session."
                listed = [x for x in sentences(p.full_text) if cues.VICE_CHAIR.search(x) and PERSON.search(x)]
                s = listed[0] if listed else s
            # "The 8th session was attended by ... Ms C, who was unable to attend the 7th session":
            # the meetings named before the list, where some are named after it
            cue = cues.VICE_CHAIR.search(s)
            before = [mn for mn in mentions if cue is not None and mn[1] < cue.start()]
            attended = before or mentions
            for name, country, deputy in people_with_countries(s):
                for number, _, _ in attended:
                    m = self.meeting(number, p, s)
                    m.setdefault("vice_chairs", {})[name] = {"name": name, "country": country, "represented_by": deputy}

    def representations(self) -> None:
        """ "At the 19th meeting, Mr Diallo was represented by Ms Camara": a stand-in said apart
        from the list of vice-chairs."""
        for p in self.ctx.paragraphs:
            for s in sentences(p.full_text):
                m = cues.REPRESENTED_BY.search(s)
                if not m:
                    continue
                deputy = PERSON.match(s[m.end() :]) or PERSON.search(s[m.end() : m.end() + 40])
                if not deputy:
                    continue
                mentioned: list[int | str] = [n for n, _, _ in meeting_numbers(s, self.prefixes)] or list(self.meetings)
                known = {
                    name: vc
                    for other in self.meetings.values()
                    for name, vc in other.get("vice_chairs", {}).items()
                    if name.split()[-1] == m.group("who")
                }
                for number in mentioned:
                    if number not in self.meetings:
                        continue
                    chairs = self.meetings[number].setdefault("vice_chairs", {})
                    if known and not any(name.split()[-1] == m.group("who") for name in chairs):
                        # "At the eighth session, Mr A was unable to attend and was represented by Ms B"
                        name, vc = next(iter(known.items()))
                        chairs[name] = {"name": name, "country": vc.get("country"), "represented_by": None}
                    for vc in chairs.values():
                        if vc["name"].split()[-1] == m.group("who") and not vc.get("represented_by"):
                            vc["represented_by"] = deputy.group("name")

    def dated_heading(self) -> None:
        """Minutes that give their meetings no number give each one's date in a line of its own:
        "23rd - 24th March 2017 - Toulouse, France", "Meeting Date: April 29, 2026", "TAC Meeting -
        May 14, 2025" near the top (a label must say it is a meeting's date, not "Dev Days -"), and "Thursday, 21 November 2019" over a later session. Each such
        meeting has that date (and place), and no number."""
        titled = any(cues.MEETING_TITLE.search(p.text) for p in self.ctx.paragraphs[:3])
        # minutes of several meetings in one file, each under a heading that is its date alone
        dated = [p for p in self.ctx.paragraphs if p.is_heading and self._date_alone(p.text)]
        series = {p.position for p in dated} if len(dated) >= SERIES_HEADINGS else set()
        for i, p in enumerate(self.ctx.paragraphs):
            for line in [p.text] + p.items:
                label, rest = _label_and_date(self.ctx, line)
                next_one = bool(label and _NEXT_MEETING_LABEL.search(label))  # "Next meeting - 2021-12-07"
                if (
                    rest is None
                    or (label and not next_one and (i >= 12 or not cues.DATE_LABEL.search(label)))
                    or (not label and not titled and p.position not in series)
                ):
                    continue
                first = self.ctx.dates_in(rest)[0]
                place = cues.DATED_PLACE_LINE.match(rest[first.finish :])
                if not label and not place and not cues.DATE_ONLY_TAIL.match(rest[first.finish :]):
                    continue  # "June 11th: OpenImageIO" is a schedule's line, not a session's date
                if any(m.get("start") == first.start.isoformat() for m in self.meetings.values()):
                    continue
                record = {
                    "number": None,
                    "start": first.start.isoformat(),
                    "end": first.end.isoformat(),
                    "vice_chairs": {},
                    **provenance(p, line),
                }
                if place:
                    record["place"] = place.group("place").strip()
                self.meetings[f"on {record['start']}"] = record
                self.claim_everywhere(p, first)

    def _date_alone(self, line: str) -> bool:
        label, rest = _label_and_date(self.ctx, line)
        return (
            rest is not None
            and not label
            and bool(cues.DATE_ONLY_TAIL.match(rest[self.ctx.dates_in(rest)[0].finish :]))
        )

    def claim_everywhere(self, p: Paragraph, span) -> None:
        """Claim a date wherever it stands in the paragraph's sentences: it is the meeting's."""
        for si, s in enumerate(sentences(p.full_text)):
            for sp in self.ctx.dates_in(s):
                if sp.start == span.start:
                    self.claimed.add((p.position, si, sp.begin))

    def summaries(self, p: Paragraph, s: str, mentions) -> None:
        """The symbols of the meetings' summary reports."""
        if not re.search(r"summary (?:report|record)s?\b", s, re.I):
            return
        symbols = [sym for sym, start, _ in find_symbols(s) if start > mentions[-1][1]]
        numbers = [n for n, _, _ in mentions]
        said = _MEETINGS_COUNTED.search(s)  # "of the two sessions": the first two, not the one announced
        if (
            said
            and all(isinstance(n, int) for n in numbers)
            and len(numbers) > len(symbols) == _COUNT[said.group(1).lower()]
        ):
            numbers = sorted(numbers)[: len(symbols)]
        if symbols and len(symbols) == len(numbers):
            for number, symbol in zip(numbers, symbols, strict=True):
                self.meeting(number, p, s)["summary_symbol"] = symbol


_COUNT = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
_MEETINGS_COUNTED = re.compile(r"\b(both|two|three|four|five)\s+(?:meetings|sessions)\b", re.I)


def _reported(ctx: ReportContext, prefixes: list[str]) -> list[int]:
    """The meetings the report is about, the one it names most first: those its title or summary
    names ("Report of the first session", "This report presents the outcomes of the 11th and 12th
    meetings"), since a report also speaks of the sessions before and after it and of its parent
    body's; else every meeting it names."""
    named = Counter(n for p in ctx.paragraphs for n, _, _ in meeting_numbers(p.full_text, prefixes))
    heading = next(
        (
            found
            for p in ctx.paragraphs[:10]
            if re.search(r"\breport\b", p.text, re.I) and (found := meeting_numbers(p.text, prefixes))
        ),
        [],
    )
    own = {n for n, _, _ in heading}
    return [n for n, _ in named.most_common() if not own or n in own]


def _label_and_date(ctx: ReportContext, line: str) -> tuple[str, str | None]:
    """("Meeting Date:", "April 29, 2026") when a line is a date, alone or after a short label;
    (line, None) when it is not."""
    if len(line) > 160:
        return line, None
    line = cues.WEEKDAY.sub("", line)
    spans = ctx.dates_in(line)
    if spans and spans[0].begin <= 2:
        return "", line
    for m in (cues.DATE_LINE.match(line), cues.TITLE_THEN_DATE.match(line)):
        if m and m.group("label"):
            spans = ctx.dates_in(m.group("rest"))
            if spans and spans[0].begin <= 2:
                return m.group("label"), m.group("rest")
    return line, None


def _chair_in(s: str, chair: re.Match | None) -> tuple[str, str | None] | None:
    """(name, country) of whoever chaired, as the sentence says it, or None."""
    if chair and cues.SUBSIDIARY_BODY.search(s[: chair.start()]):
        return None  # "a contact group ..., co-chaired by Ms X": she chairs the group, not the meeting
    if chair:
        pm = PERSON.search(chair.group("rest"))
        if pm and (pm.start() < 5 or re.fullmatch(r"(?:the\s+)?[\w\s-]{0,30}", chair.group("rest")[: pm.start()])):
            return pm.group("name"), country_after(chair.group("rest")[pm.end() :])
        return None
    found = None
    pm = PERSON.search(s)
    if pm and cues.CHAIRED.match(s[pm.end() :]):
        found = (pm.group("name"), country_after(s[pm.end() :]))
    shared = cues.SHARED_CHAIR.search(s)
    if shared and not cues.SUBSIDIARY_BODY.search(s):  # "Ms A (Ghana) and Mr B (Canada) shared the chair"
        names = [m.group("name") for m in PERSON.finditer(s[: shared.start()])]
        if len(names) >= 2:
            found = (" and ".join(names), None)
    return found


def _mention_in_clause(s: str, mentions, position: int) -> int | None:
    """The meeting named in the same clause as ``position`` ("19 documents, while 23 documents
    were before the 13th meeting"), else the nearest one before it."""
    bounds = [0] + [m.end() for m in cues.CLAUSE_BREAK.finditer(s)] + [len(s)]
    for a, b in pairwise(bounds):
        if a <= position < b:
            inside = [mn for mn in mentions if a <= mn[1] < b]
            if len({mn[0] for mn in inside}) == 1:
                return inside[0][0]
    return _nearest_mention(mentions, position)


def _nearest_mention(mentions, position: int) -> int | None:
    if not mentions:
        return None
    before = [mn for mn in mentions if mn[1] <= position]
    if before:
        return before[-1][0]  # "the 34th meeting considered 20 documents"
    return min(mentions, key=lambda mn: abs(mn[1] - position))[0]


def people_with_countries(sentence: str) -> list[tuple[str, str | None, str | None]]:
    """Vice-chairs in a sentence: name, country, and who stood in for them."""
    out = []
    matches = list(PERSON.finditer(sentence))
    skip = set()
    for i, pm in enumerate(matches):
        if i in skip:
            continue
        after = sentence[pm.end() :]
        deputy = None
        rest = re.sub(r"^\s*\([^)]*\)", "", after)
        if cues.STOOD_IN.match(rest) and i + 1 < len(matches):
            deputy = matches[i + 1].group("name")
            skip.add(i + 1)
        out.append((pm.group("name"), country_after(after), deputy))
    return out
