"""What every record reader needs to know about the report as a whole, read once: its text, the
abbreviations it defines, the prefixes that name the group's meetings, whom it is addressed to, and
the year a date written without one falls in.

The context is frozen: a stage that learns something later stages need (the meetings' last day)
hands it on by making a new context (``after_meetings``), never by setting shared state.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from .. import dates
from ..paragraphs import Paragraph
from ..textpatterns import EVENT_WORDS, abbreviation_definitions, glossary_definitions, named_events
from . import cues
from .text import capitalised_events, has_verb


@dataclass(frozen=True)
class ReportContext:
    paragraphs: tuple[Paragraph, ...]
    filename: str
    text: str
    aliases: tuple[tuple[str, str], ...]
    expansions: dict[str, str]
    meeting_prefixes: tuple[str, ...]  # "CWG-FHR" in "CWG-FHR-19" names the group's 19th meeting
    addressee: str | None  # "Council is invited to ...": the body the report is written to
    default_year: int | None
    latest_meeting: date | None = None
    month_first: bool = False  # it writes "May 14, 2025", so "closes 5/16" is the 16th of May

    @classmethod
    def read(cls, paragraphs: list[Paragraph], filename: str = "report") -> ReportContext:
        """Read what every stage needs from the report's paragraphs, once."""
        text = "\n".join(p.full_text for p in paragraphs)
        aliases = _aliases(text)
        opening = " ".join(p.text for p in paragraphs[:15])
        addressee = cues.ADDRESSEE.search(opening)
        years = Counter(int(y) for y in cues.YEAR.findall(text))
        return cls(
            paragraphs=tuple(paragraphs),
            filename=filename,
            text=text,
            aliases=tuple(aliases),
            expansions={a: e for a, e in aliases if " " not in a},
            meeting_prefixes=tuple(a for a, long in aliases if cues.GROUP_WORDS.search(long)),
            addressee=addressee.group(1) if addressee else None,
            default_year=years.most_common(1)[0][0] if years else None,
            month_first=len(cues.MONTH_FIRST_DATE.findall(text)) > len(cues.DAY_FIRST_DATE.findall(text)),
        )

    def after_meetings(self, latest: date | None) -> ReportContext:
        """Reports are written after their meetings: once the meetings' last day is known, a date
        written without a year falls in that year, or the next one if it would fall before it."""
        if latest is None:
            return self
        return replace(self, latest_meeting=latest, default_year=latest.year)

    # -- reading dates and events ------------------------------------------------------------

    def dates_in(self, text: str) -> list[dates.DateSpan]:
        """Dates in a sentence. One written without a year takes the year of a year named in the
        same sentence, else the report's; and since a report is written after its meetings, a
        yearless date that would fall before the last meeting belongs to the following year."""
        named = cues.YEAR.findall(text)
        spans = dates.find_dates(text, int(named[-1]) if named else self.default_year)
        out = []
        for span in spans:
            if text[span.finish : span.finish + 1].isdigit():
                continue  # "October 2026" read as "October 20": a month and year, not a day
            if not span.year_given and not named and self.latest_meeting and span.start < self.latest_meeting:
                bumped = dates.find_dates(text[span.begin : span.finish], span.start.year + 1)
                if bumped:
                    b = bumped[0]
                    span = dates.DateSpan(b.start, b.end, span.begin, span.finish, False)
            out.append(span)
        if self.month_first and self.default_year:
            out = sorted(out + self._numeric(text, out), key=lambda sp: sp.begin)
        return out

    def _numeric(self, text: str, found: list[dates.DateSpan]) -> list[dates.DateSpan]:
        """ "CFP closes 5/16": a month/day date after a deadline's cue, in a report that writes its
        dates month first (elsewhere "5/3" could be the 5th of March, and a bare "1/2" is anything)."""
        out = []
        for m in cues.NUMERIC_DUE.finditer(text):
            if any(sp.begin <= m.start("date") < sp.finish for sp in found):
                continue
            month, day = int(m.group("month")), int(m.group("day"))
            try:
                d = date(self.default_year or 0, month, day)
            except ValueError:
                continue
            if self.latest_meeting and d < self.latest_meeting:
                continue  # a deadline read from minutes falls after the meeting, not months before
            out.append(dates.DateSpan(d, d, m.start("date"), m.end("date"), False))
        return out

    def events_in(self, text: str) -> list[tuple[str, int, int]]:
        return named_events(text, self.expansions)

    def event_before(self, paragraph: Paragraph, upto: str | None = None) -> str | None:
        """The last event named in this paragraph (before ``upto``), else in its headings."""
        text = paragraph.full_text
        if upto and upto in text:
            text = text[: text.index(upto) + len(upto)]
        found = self.events_in(text)
        if found:
            return found[-1][0]
        unyeared = capitalised_events(text)  # "The Regional Workshop on X ... It will now take place"
        if unyeared:
            return unyeared[-1]
        if paragraph.headings:
            heading = paragraph.headings[-1]
            found = self.events_in(heading)
            if found:
                return found[-1][0]
            if len(heading) < 100 and EVENT_WORDS.search(heading) and heading[:1].isupper() and not has_verb(heading):
                return re.sub(r"\s*\([^)]*\)\s*$", "", heading)  # "Global Forum on X (GET-25)"
        return None

    # -- the report as a whole ---------------------------------------------------------------

    def group(self) -> tuple[str, str | None]:
        """The group the report is of: a defined abbreviation of a group or committee, else the body
        its title names, else a "Working Group on ..." named in the text, else any body, else the
        file's name."""
        for abbr, long in self.aliases:
            if cues.GROUP_WORDS.search(long):
                return long, abbr
        titled = _body_in_title(self.text)  # the body the title names, before any the text mentions
        if titled:
            # the abbreviation the report defines for it, or for the part of it that is the body
            defined = next((a for a, long in self.aliases if long.lower() in titled.lower()), None)
            return titled, defined
        m = cues.GROUP_NAME.search(self.text)
        if m:
            return m.group(1).strip(), None
        for abbr, long in self.aliases:
            if cues.BODY_WORDS.search(long):
                return long, abbr
        return self.filename, None

    def key(self, meeting_numbers: list[int]) -> str:
        """What identifies the report across revisions: a revised report covers the same meetings,
        whatever its title line says now."""
        numbers = sorted(meeting_numbers)
        if numbers:
            return "Report on meeting" + ("s " if len(numbers) > 1 else " ") + ", ".join(str(n) for n in numbers)
        for p in self.paragraphs:
            if len(p.text) > 10:
                return p.text[:120]
        return self.filename

    def title(self, meeting_numbers: list[int]) -> str:
        """The report's own title line ("Report of the ... on its 12th and 13th meetings"), for
        citations; else a heading that names a meeting ("conda-forge core meeting 2022-05-04"); else
        a name made from the meetings it covers. A line naming an agenda item ("Agenda item: 11",
        "Add new agenda items under ...") is no title."""
        opening = [p for p in self.paragraphs[:8] if 15 <= len(p.text) <= 200 and not p.text.endswith(".")]
        for fits in (
            lambda p: re.match(r"(?i)(?:\w+\s+){0,2}report\b", p.text) or _MINUTES_TITLE.search(p.text),
            lambda p: p.is_heading and _MEETING_TITLE.search(p.text) and not _SESSION_LINE.match(p.text),
        ):
            found = next((p for p in opening if fits(p)), None)
            if found is not None:
                return found.text
        return self.key(meeting_numbers)


# A title line of minutes, whatever comes first ("RISC-V ... SIG Meeting Minutes", "TSC Meeting Notes - 2022-08-18"),
# before a later heading that starts with "Report" ("Report back from the steering committee").
_MINUTES_TITLE = re.compile(r"(?i)\b(?:minutes|meeting notes|agenda(?!\s+items?\b)|proceedings|summary record)\b")


_MEETING_TITLE = re.compile(r"(?i)\b(?:meeting|call|minutes|notes|session|sitting|report)\b")
_SESSION_LINE = re.compile(r"(?i)^(?:council|plenary|assembly|committee)\s*[-\u2013,:]")  # a cover page's session line


def provenance(p: Paragraph, sentence: str) -> dict:
    """Where a record was read: the paragraph's number and the sentence, for citing it."""
    return {"paragraph": p.number or None, "source": sentence[:2000]}


def _body_in_title(text: str) -> str | None:
    """The body a report's opening lines name, for minutes that define no abbreviation of it:
    "HTTP Working Group Minutes - IETF106 Singapore" -> "HTTP Working Group", "Agenda for the July
    2nd video call of WebAssembly's Community Group" -> "WebAssembly's Community Group"; a line
    saying whose report, minutes or agenda it is first, then any line naming a body."""
    lines = [line.strip().lstrip("#").strip() for line in text.split("\n")[:20] if line.strip()][:12]
    ranked = [line for line in lines if cues.TITLE_OPENING.match(line)] + lines
    for line in ranked:
        m = cues.BODY_IN_TITLE.search(cues.TITLE_OPENING.sub("", line.split(" - ")[0]))
        if m and len(m.group("body")) <= 120 and " " in m.group("body").strip():  # "this SIG" names no body
            return m.group("body").strip()
    return None


def _aliases(text: str) -> list[tuple[str, str]]:
    seen, out = set(), []
    for abbr, long in abbreviation_definitions(text) + glossary_definitions(text):
        if (abbr, long) not in seen:
            seen.add((abbr, long))
            out.append((abbr, long))
    return out
