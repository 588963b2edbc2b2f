"""The group's deadlines, events and meetings as an iCalendar (RFC 5545) feed.

Delegates subscribe to it from Outlook, Google Calendar or Apple Calendar (``GET /calendar.ics``, or a
file written by ``rapporteur ics``). Two properties matter to a subscribed calendar:

* every entry keeps its UID across refreshes: it is derived from the group, the kind and the record's
  natural key (else its id), never from a date, so an extended deadline moves instead of appearing
  twice; records that share a UID (a later report restating a deadline) become one entry, the most
  recently updated;
* dates are all-day (``DTSTART;VALUE=DATE``, with ``DTEND`` the day after the last day, as RFC 5545
  makes it exclusive), because reports give days, not times, and a time would shift across zones.

The same data always gives the same bytes (DTSTAMP is the record's last update), so clients and
caches see no change when there is none.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event, vDuration

from . import dates
from .naming import meeting_label
from .record_types import Deadline, Event as EventRecord, Meeting, RecordColumns
from .schema import SINGULAR
from .store import KnowledgeBase

PRODID = "-//Rapporteur//Working group deadlines and events//EN"
UID_DOMAIN = "rapporteur"
REFRESH = timedelta(hours=6)
_UNKNOWN_UPDATE = datetime(2000, 1, 1, tzinfo=timezone.utc)


def ics_feed(kb: KnowledgeBase, group_id: int | None = None) -> bytes:
    """Every deadline, event and meeting with a date (of one group, with ``group_id``), as one
    VCALENDAR (CRLF lines, folded at 75 octets)."""
    groups = {g["id"]: g for g in kb.groups() if group_id is None or g["id"] == group_id}
    where, params = ("group_id = ?", [group_id]) if group_id is not None else (None, [])
    reports = {r["id"]: r["title"] for r in kb.db["reports"].rows_where(select="id, title")}
    entries: dict[str, tuple[date, Event, str]] = {}
    for kind, read in (("deadlines", _deadline_entry), ("events", _event_entry), ("meetings", _meeting_entry)):
        for record in kb.records(kind, where, params, order_by="id"):
            entry = read(record, groups, reports)
            # Later reports restate records under the same key: the newest wins, once.
            if entry and (entry[0] not in entries or entry[3] >= entries[entry[0]][2]):
                entries[entry[0]] = entry[1:]
    return _calendar(groups, [entries[uid][1] for uid in sorted(entries, key=lambda u: (entries[u][0], u))])


# One calendar entry of a record: (uid, first day, the VEVENT, when the record last changed), or
# None for a record with no day to put it on.
Entry = tuple[str, date, Event, str] | None


def _deadline_entry(deadline: Deadline, groups: dict, reports: dict) -> Entry:
    if not deadline["due"]:
        return None  # due "within one month of the session": no day to put it on
    due = date.fromisoformat(deadline["due"])
    group = groups.get(deadline.get("group_id"))
    uid = record_uid(group, "deadlines", deadline)
    lines = [f"Due {dates.due_text(due, deadline.get('original_due'))}."]
    if deadline.get("send_to"):
        lines.append(f"Send to: {deadline['send_to']}")
    if deadline.get("subject"):
        lines.append(f"Subject: {deadline['subject']}")
    if deadline.get("audience"):
        lines.append(f"From: {deadline['audience']}")
    if deadline.get("event"):
        lines.append(f"For: {deadline['event']}")
    lines += _source_lines(deadline, reports)
    summary = _labelled(f"Deadline: {deadline['title']}", group, len(groups) > 1)
    event = _all_day(uid, summary, due, due, "\n".join(lines), deadline, "Deadline")
    return uid, due, event, deadline.get("updated_at") or ""


def _event_entry(record: EventRecord, groups: dict, reports: dict) -> Entry:
    group = groups.get(record.get("group_id"))
    lines = [f"Theme: {record['theme']}"] if record.get("theme") else []
    summary = _labelled(record["name"], group, len(groups) > 1)
    return _dated_entry(record, "events", "Event", summary, lines, group, reports)


def _meeting_entry(meeting: Meeting, groups: dict, reports: dict) -> Entry:
    group = groups.get(meeting.get("group_id"))
    name = (group["abbreviation"] or group["name"]) if group else "Working group"
    lines = [f"Chair: {meeting['chair']}"] if meeting.get("chair") else []
    return _dated_entry(meeting, "meetings", "Meeting", f"{name} {meeting_label(meeting)}", lines, group, reports)


def _dated_entry(
    record: EventRecord | Meeting, kind: str, category: str, summary: str, lines: list[str], group, reports: dict
) -> Entry:
    """An event or a meeting: from its start to its end, where it is held."""
    start = dates.from_iso(record.get("start"))
    if start is None:
        return None  # a calendar entry needs a day
    uid = record_uid(group, kind, record)
    lines = lines + _source_lines(record, reports)
    event = _all_day(uid, summary, start, dates.from_iso(record.get("end")), "\n".join(lines), record, category)
    if record.get("place"):
        event.add("location", record["place"])
    return uid, start, event, record.get("updated_at") or ""


def _calendar(groups: dict, events: list[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    names = ", ".join(g["abbreviation"] or g["name"] for g in groups.values()) or "Working group"
    calendar.add("x-wr-calname", f"{names} deadlines and events")
    calendar.add("x-wr-caldesc", "Deadlines, events and meetings from the working group's reports (Rapporteur)")
    # How often subscribing clients should fetch again (Outlook and Apple read these; Google decides itself).
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def record_uid(group: dict | None, kind: str, record: RecordColumns) -> str:
    """'deadline-cwg-wsis-sdg-1f0c8e2a9b7d4c35@rapporteur': the kind, the group, and a digest of group
    key, kind and the record's natural key (or its id when it has none, e.g. added by hand).
    Never a date, so an extension updates the entry instead of adding one."""
    group_key = group["key"] if group else "group"
    identity = record.get("key") or f"id:{record['id']}"
    digest = hashlib.sha256(f"{group_key}\x1f{kind}\x1f{identity}".encode()).hexdigest()[:16]
    group_slug = re.sub(r"[^a-z0-9]+", "-", group_key.lower()).strip("-")[:40] or "group"
    return f"{SINGULAR[kind]}-{group_slug}-{digest}@{UID_DOMAIN}"


def _all_day(
    uid: str, summary: str, start: date, last: date | None, description: str, record: RecordColumns, category: str
) -> Event:
    last = last if last and last >= start else start
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", start)  # a date: written as DTSTART;VALUE=DATE
    event.add("dtend", last + timedelta(days=1))  # exclusive: the day after the last day
    updated = _updated(record)
    event.add("dtstamp", updated)
    event.add("last-modified", updated)
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")  # information, not time the reader is busy
    if description:
        event.add("description", description)
    return event


def _labelled(summary: str, group: dict | None, many_groups: bool) -> str:
    if many_groups and group:
        return f"[{group['abbreviation'] or group['name']}] {summary}"
    return summary


def _source_lines(record: RecordColumns, reports: dict[int, str]) -> list[str]:
    report_id = record.get("report_id")
    where = [reports[report_id]] if report_id is not None and report_id in reports else []
    if record.get("paragraph"):
        where.append(f"para. {record['paragraph']}")
    lines = ["Source: " + ", ".join(where)] if where else []
    if record.get("source"):
        lines.append(f"“{record['source']}”")
    return lines


def _updated(record: RecordColumns) -> datetime:
    try:
        value = datetime.fromisoformat(record.get("updated_at") or "")
    except ValueError:
        return _UNKNOWN_UPDATE
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
