"""Dates as working-group reports write them, and as delegates ask about them.

Reports say "22 November 2019", "6-7 February 2020", "from 19 to 23 October", "7-17 July 2020",
"till 15 March" (the year comes from the surrounding text). Everything here works on
``datetime.date`` and returns ISO strings only at the storage boundary, so that the store,
the importer and the answerer agree on one representation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# Every name and short form of a month, longest first, as a regular expression's alternatives.
MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<{name}>" + MONTH_WORDS + r")\b\.?"
# Each weekday's name with the short forms reports and chat write it in.
WEEKDAYS = (
    ("monday", "mon"),
    ("tuesday", "tue", "tues"),
    ("wednesday", "wed"),
    ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"),
    ("saturday", "sat"),
    ("sunday", "sun"),
)
# "Monday 16 June 2025": a weekday before a date says nothing the date does not.
_WEEKDAY = r"(?:(?:" + "|".join(sorted((n for day in WEEKDAYS for n in day), key=len, reverse=True)) + r")\.?,?\s+)?"
_DASH = r"\s*(?:-|\u2013|\u2014|to|and|until|till)\s*"
_YEAR = r"(?:,?\s+(?P<{name}>(?:19|20)\d\d))"

# The order matters: ranges are tried before single dates so that "6-7 February" is one span.
_PATTERNS = [
    # 28 February - 3 March 2020
    re.compile(
        r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+"
        + _MONTH.format(name="m1")
        + _YEAR.format(name="y1")
        + "?"
        + _DASH
        + _WEEKDAY
        + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+"
        + _MONTH.format(name="m2")
        + _YEAR.format(name="y2")
        + "?",
        re.IGNORECASE,
    ),
    # 6-7 February 2020, from 19 to 23 October
    re.compile(
        r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
        + _DASH
        + r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+"
        + _MONTH.format(name="m2")
        + _YEAR.format(name="y2")
        + "?",
        re.IGNORECASE,
    ),
    # 22 November 2019, 15 March
    re.compile(
        r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.format(name="m1") + _YEAR.format(name="y1") + "?",
        re.IGNORECASE,
    ),
    # November 16-17, 2026 (the month first, as US minutes write a range)
    re.compile(
        r"\b" + _MONTH.format(name="m2") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|\u2013|\u2014)\s*"
        r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?![-/])" + _YEAR.format(name="y2") + "?",
        re.IGNORECASE,
    ),
    # November 22, 2019
    re.compile(
        r"\b" + _MONTH.format(name="m1") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?" + _YEAR.format(name="y1") + "?",
        re.IGNORECASE,
    ),
    # 2020-03-16
    re.compile(r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"),
]


@dataclass(frozen=True)
class DateSpan:
    """A date or a range found in text, with where it stood (for telling dates apart in a sentence)."""

    start: date
    end: date
    begin: int  # character offsets in the text searched
    finish: int
    year_given: bool = True

    @property
    def is_range(self) -> bool:
        return self.start != self.end


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[DateSpan]:
    """Every date or date range in ``text``, left to right, without overlaps.

    A date with no year takes the year of the next date in the same span, else ``default_year``;
    with neither it is skipped, because a guessed year is worse than none.
    """
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            span = _span_from_match(m, default_year)
            if span is not None:
                found.append(span)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda s: s.begin)


def _span_from_match(m: re.Match, default_year: int | None) -> DateSpan | None:
    groups = m.groupdict()
    if groups.get("iso"):
        try:
            d = date.fromisoformat(groups["iso"])
        except ValueError:
            return None
        return DateSpan(d, d, m.start(), m.end())
    y2 = groups.get("y2")
    y1 = groups.get("y1") or y2
    year_given = bool(y1)
    y1 = int(y1) if y1 else default_year
    if y1 is None:
        return None
    y2 = int(y2) if y2 else y1
    # The pattern names a month in m1 or m2 (or both): one alone serves for both ends.
    month1, month2 = groups.get("m1") or groups.get("m2") or "", groups.get("m2") or groups.get("m1") or ""
    m1 = MONTHS.get(month1.casefold().rstrip("."))
    m2 = MONTHS.get(month2.casefold().rstrip("."))
    if m1 is None or m2 is None:  # a look-alike letter that matched case-insensitively ("ſept")
        return None
    d1 = int(groups["d1"])
    d2 = int(groups["d2"]) if groups.get("d2") else d1
    start = _safe_date(y1, m1, d1)
    end = _safe_date(y2, m2, d2)
    if start is None or end is None:
        return None
    if end < start and y2 == y1 and not groups.get("y1"):
        # "28 December - 3 January 2021": the first part belongs to the year before.
        start = _safe_date(y1 - 1, m1, d1) or start
    if end < start:
        return None
    return DateSpan(start, end, m.start(), m.end(), year_given)


def parse_date(text: str, default_year: int | None = None) -> date:
    """One date typed by a person ("16 March 2020", "2020-03-16", "March 16 2020").

    Raises ValueError with an example of the right form, for the CLI and Slack to show as is.
    """
    text = (text or "").strip()
    spans = find_dates(text, default_year)
    if len(spans) == 1 and not spans[0].is_range:
        leftover = (text[: spans[0].begin] + text[spans[0].finish :]).strip(" ,.")
        if not leftover:
            return spans[0].start
    raise ValueError(f"'{text}' is not a date; write it like 16 March 2020 or 2020-03-16")


def from_iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def human(d: date | str | None) -> str:
    """16 March 2020."""
    if d is None:
        return ""
    if isinstance(d, str):
        d = date.fromisoformat(d)
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def human_range(start: date | str | None, end: date | str | None = None) -> str:
    """6–7 February 2020, 28 February – 3 March 2020, or a single date."""
    if isinstance(start, str):
        start = date.fromisoformat(start)
    if isinstance(end, str):
        end = date.fromisoformat(end)
    if start is None:
        return human(end)
    if end is None or end == start:
        return human(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {MONTH_NAMES[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTH_NAMES[start.month - 1]} \u2013 {human(end)}"
    return f"{human(start)} \u2013 {human(end)}"


def extension_note(original_due: date | str | None) -> str:
    """' (extended from 1 March 2020)' for a deadline that was moved, else '': the one way every
    list, the calendar and the command line say that a deadline was extended."""
    return f" (extended from {human(original_due)})" if original_due else ""


def due_text(due: date | str | None, original_due: date | str | None = None, words: str | None = None) -> str:
    """'16 March 2020 (extended from 1 March 2020)': a deadline's date as every caller shows it; for
    a deadline the report dates only in words, those words ('within one month of the session')."""
    if due is None:
        return words or "no date given"
    return human(due) + extension_note(original_due)


def days_between_phrase(due: date, today: date) -> str:
    """'in 5 days', 'today', 'tomorrow', '3 days ago'."""
    delta = (due - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def period_in_question(question: str, today: date | None) -> Period | None:
    """A period a delegate names: 'in March 2020', 'next week', 'this month', 'in february'."""
    q = question.lower()
    if today is not None:
        if "next week" in q:
            monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
            return Period(monday, monday + timedelta(days=6), "next week")
        if "this week" in q:
            monday = today - timedelta(days=today.weekday())
            return Period(today, monday + timedelta(days=6), "this week")
        if "next month" in q:
            first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
            return Period(first, month_end(first), "next month")
        if "this month" in q:
            return Period(today, month_end(today), "this month")
        m = re.search(r"next (\d{1,3}) days", q)
        if m:
            return Period(today, today + timedelta(days=int(m.group(1))), f"the next {m.group(1)} days")
    month_re = "|".join(sorted(MONTHS, key=len, reverse=True))
    m = re.search(r"\b(" + month_re + r")\b\.?(?:\s+((?:19|20)\d\d))?", q)
    if m and not re.search(r"\d{1,2}\s+" + re.escape(m.group(1)), q):
        if m.group(1) == "may" and not m.group(2):
            return None  # "may" is far more often the verb
        month = MONTHS[m.group(1)]
        year = int(m.group(2)) if m.group(2) else None
        if year is None:
            if today is None:
                return None
            year = today.year
        first = date(year, month, 1)
        return Period(first, month_end(first), f"{MONTH_NAMES[month - 1]} {year}")
    m = re.search(r"\bin ((?:19|20)\d\d)\b", q)
    if m:
        y = int(m.group(1))
        return Period(date(y, 1, 1), date(y, 12, 31), str(y))
    return None


def month_end(d: date) -> date:
    """The last day of d's month."""
    return (d.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
