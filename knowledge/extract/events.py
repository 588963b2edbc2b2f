"""Events: name, dates, place and theme. The stage is handed the dates the meetings claimed, and
returns the events with those dates and the ones it claimed itself ("will open on X and close on
Y": the close is the event's, not a deadline), for the deadline stage."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..paragraphs import Paragraph, sentences
from ..textpatterns import event_key, meeting_numbers
from . import cues
from .context import ReportContext, provenance
from .datekinds import EVENT, classify
from .text import event_subject, place_after, unyeared_event


@dataclass(frozen=True)
class EventsRead:
    records: list[dict]
    claimed: frozenset[tuple[int, int, int]]


def read_events(ctx: ReportContext, claimed_before: frozenset) -> EventsRead:
    """The report's events with dates or themes, and every date claimed so far, for the deadline stage."""
    events = _Events(ctx)
    claimed = set(claimed_before)
    for p in ctx.paragraphs:
        if p.cells is not None:
            events.table_row(p, p.cells)
            continue
        for si, s in enumerate(sentences(p.full_text)):
            events.sentence(p, si, s, claimed)
    events.hosts()
    records = [e for e in events.by_key.values() if e.get("start") or e.get("theme")]
    return EventsRead(records, frozenset(claimed))


class _Events:
    """The events as they are being read, by key; lives only inside ``read_events``."""

    def __init__(self, ctx: ReportContext):
        self.ctx = ctx
        self.by_key: dict[str, dict] = {}

    def event(self, name: str, p: Paragraph, s: str) -> dict:
        """The event a name keys to, made if new; the longer name wins."""
        key = "event:" + event_key(name, self.ctx.expansions)
        e = self.by_key.get(key)
        if e is None:
            e = self.by_key[key] = {"name": name, "key": key, **provenance(p, s)}
        elif len(name) > len(e["name"]) and not re.match(r"\d", name):
            e["name"] = name
        return e

    def sentence(self, p: Paragraph, si: int, s: str, claimed: set) -> None:
        """The events a sentence dates (an open-and-close window, or dates read as an event's), with their
        place, and a theme."""
        spans = all_spans = self.ctx.dates_in(s)
        in_sentence: list[dict] = []
        window = self.open_close_window(p, si, s, spans, claimed)
        if window:
            name, first, last = window
            e = self.event(name, p, s)
            e.update(start=first.start.isoformat(), end=last.end.isoformat(), **provenance(p, s))
            in_sentence.append(e)
            spans = [sp for sp in spans if sp not in (first, last)]
        for sp in spans:
            if classify(s, sp, (p.position, si, sp.begin) in claimed) != EVENT:
                continue
            name = self.name_before(p, s, s[: sp.begin], sp.begin)
            if name:
                e = self.event(name, p, s)
                e.update(start=sp.start.isoformat(), end=sp.end.isoformat(), **provenance(p, s))
                in_sentence.append(e)
        if in_sentence:
            place = place_after(s, all_spans[-1].finish) or place_after(s, 0)
            if place:
                for e in in_sentence:
                    e.setdefault("place", place)
        self.theme(p, s)

    def table_row(self, p: Paragraph, cells: dict[str, str]) -> None:
        """A row of a table of events ("Event | Dates | Venue"): its name, dates and place. A row
        naming one of the group's numbered meetings is a meeting, not an event."""

        def cell(pattern):
            return next((v.strip() for h, v in cells.items() if pattern.search(h) and v.strip()), None)

        name, when, where = cell(cues.TABLE_EVENT_NAME), cell(cues.TABLE_EVENT_DATES), cell(cues.TABLE_EVENT_PLACE)
        spans = self.ctx.dates_in(when or "")
        if not name or not spans or meeting_numbers(name, list(self.ctx.meeting_prefixes)):
            return
        e = self.event(name, p, p.text)
        e.update(start=spans[0].start.isoformat(), end=spans[-1].end.isoformat(), **provenance(p, p.text))
        if where and not cues.UNKNOWN_PLACE.search(where):
            e.setdefault("place", where)

    def name_before(self, p: Paragraph, s: str, before: str, offset: int) -> str | None:
        """The event a date belongs to: a sub-event of the one named ("including a two-day
        workshop on"), the event named just before, the one the paragraph is about, or the subject."""
        sub = cues.EVENT_PART.search(before)
        named = self.ctx.events_in(before)
        parent = named[-1][0] if named else self.ctx.event_before(p, s)
        if sub and parent:
            return f"{parent} {sub.group(1).strip()}"
        if named and offset - named[-1][2] < 120:
            return named[-1][0]
        if parent and cues.EVENT_ANAPHOR.search(before):
            return parent
        return unyeared_event(before) or event_subject(before)

    def theme(self, p: Paragraph, s: str) -> None:
        """An event's theme, banner or motto, as quoted."""
        theme = cues.THEME.search(s)
        if theme:
            named = self.ctx.events_in(s)
            name = named[0][0] if named else self.ctx.event_before(p, s)
            if name:
                e = self.event(name, p, s)
                e["theme"] = theme.group(1).strip()
                e.setdefault("paragraph", p.number)

    def hosts(self) -> None:
        """ "Fiji has offered to host GET-25 in Suva": the place of an event named elsewhere."""
        for p in self.ctx.paragraphs:
            for s in sentences(p.full_text):
                for m in cues.HOSTS.finditer(s):
                    key = event_key(m.group("name"), self.ctx.expansions)
                    for e in self.by_key.values():
                        if not e.get("place") and (
                            event_key(e["name"], self.ctx.expansions) == key
                            or set(key.split()) <= set(e["key"].split(":", 1)[1].split())
                        ):
                            e["place"] = m.group("place")

    def open_close_window(self, p: Paragraph, si: int, s: str, spans, claimed: set):
        """ "The Forum will open on 3 November 2025 and close on 5 November 2025": an event's dates,
        though "close on" alone would read as a deadline. Claims both dates for the event."""
        m = cues.OPEN_AND_CLOSE.search(s)
        if not m or len(spans) < 2:
            return None
        subject = s[: m.start()]
        if cues.SENDING_IN.search(subject):
            return None  # a window for sending something in: its close is a deadline
        named = self.ctx.events_in(subject)
        name = named[-1][0] if named else (unyeared_event(subject) or self.ctx.event_before(p, s))
        if not name:
            return None
        inside = [sp for sp in spans if m.start() <= sp.begin <= m.end() + 40]
        if len(inside) < 2:
            return None
        for sp in inside[:2]:
            claimed.add((p.position, si, sp.begin))
        return name, inside[0], inside[1]
