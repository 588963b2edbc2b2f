"""The iCalendar feed: RFC 5545 shape, all-day dates, and UIDs that survive an extension."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from bot.cli import main
from knowledge.calendar import ics_feed
from knowledge.store import KnowledgeBase


@pytest.fixture
def kb(tmp_path):
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        group = kb.ensure_group("Working Group on Statistics", "WG-STAT")
        kb.add(
            "deadlines",
            {
                "title": "Comments on the draft; annex, too",
                "due": "2020-03-16",
                "send_to": "secretariat@example.org",
                "subject": "WG comments",
                "paragraph": "12",
                "key": "deadline:comments on the draft",
                "group_id": group,
            },
        )
        kb.add("deadlines", {"title": "Nominations", "due": "2020-03-12", "group_id": group})
        kb.add(
            "events",
            {
                "name": "Data Forum",
                "start": "2020-10-19",
                "end": "2020-10-23",
                "place": "Bern",
                "theme": "Open data",
                "group_id": group,
            },
        )
        kb.add("events", {"name": "Undated side event", "group_id": group})
        kb.add(
            "meetings", {"number": 35, "start": "2020-02-06", "end": "2020-02-07", "place": "Geneva", "group_id": group}
        )
        yield kb


def events_by_summary(feed: bytes) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(feed).walk("VEVENT")}


def test_feed_is_rfc5545_shaped(kb):
    feed = ics_feed(kb)
    assert isinstance(feed, bytes)
    assert feed.startswith(b"BEGIN:VCALENDAR\r\n") and feed.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in feed.replace(b"\r\n", b"")  # every line ends in CRLF
    assert all(len(line) <= 75 for line in feed.split(b"\r\n"))  # folded
    calendar = Calendar.from_ical(feed)
    assert str(calendar["VERSION"]) == "2.0" and "Rapporteur" in str(calendar["PRODID"])
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event


def test_deadlines_events_and_meetings_are_all_day_with_exclusive_ends(kb):
    feed = ics_feed(kb)
    assert b"DTSTART;VALUE=DATE:20200316\r\n" in feed and b"DTEND;VALUE=DATE:20200317\r\n" in feed
    events = events_by_summary(feed)
    assert set(events) == {
        "Deadline: Comments on the draft; annex, too",
        "Deadline: Nominations",
        "Data Forum",
        "WG-STAT meeting 35",
    }  # the undated event cannot be placed
    forum = events["Data Forum"]
    assert forum.decoded("DTSTART") == date(2020, 10, 19) and forum.decoded("DTEND") == date(2020, 10, 24)
    assert str(forum["LOCATION"]) == "Bern"
    meeting = events["WG-STAT meeting 35"]
    assert meeting.decoded("DTEND") == date(2020, 2, 8)
    comments = events["Deadline: Comments on the draft; annex, too"]
    description = str(comments["DESCRIPTION"])
    assert "Send to: secretariat@example.org" in description and "Subject: WG comments" in description
    assert "para. 12" in description


def test_an_extension_keeps_the_uid_and_moves_the_date(kb):
    before = {str(e["UID"]): e for e in Calendar.from_ical(ics_feed(kb)).walk("VEVENT")}
    comments = kb.records("deadlines", "title LIKE 'Comments%'")[0]
    kb.update("deadlines", comments["id"], {"due": "2020-03-20", "original_due": "2020-03-16"})
    after = {str(e["UID"]): e for e in Calendar.from_ical(ics_feed(kb)).walk("VEVENT")}
    assert set(before) == set(after) and len(after) == 4
    [uid] = [u for u, e in after.items() if str(e["SUMMARY"]).startswith("Deadline: Comments")]
    assert uid.startswith("deadline-wg-stat-") and uid.endswith("@rapporteur")
    assert after[uid].decoded("DTSTART") == date(2020, 3, 20)
    assert "extended from 16 March 2020" in str(after[uid]["DESCRIPTION"])


def test_uids_come_from_group_kind_and_key_and_restatements_merge(kb):
    group = kb.groups()[0]["id"]
    # A later report restates the deadline under the same key: one calendar entry, the newer one.
    kb.add(
        "deadlines",
        {
            "title": "Comments on the draft; annex, too",
            "due": "2020-03-18",
            "key": "deadline:comments on the draft",
            "group_id": group,
        },
    )
    other = kb.ensure_group("Another group", "AG")
    kb.add(
        "deadlines",
        {
            "title": "Comments on the draft",
            "due": "2020-03-16",
            "key": "deadline:comments on the draft",
            "group_id": other,
        },
    )
    uids = [str(e["UID"]) for e in Calendar.from_ical(ics_feed(kb)).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 5
    restated = [
        e
        for e in Calendar.from_ical(ics_feed(kb)).walk("VEVENT")
        if str(e["SUMMARY"]).startswith("[WG-STAT] Deadline: Comments")
    ]
    assert [e.decoded("DTSTART") for e in restated] == [date(2020, 3, 18)]
    assert any(u.startswith("deadline-ag-") for u in uids)
    assert any(str(e["SUMMARY"]).startswith("[AG] ") for e in Calendar.from_ical(ics_feed(kb)).walk("VEVENT"))


def test_same_data_same_bytes(kb):
    assert ics_feed(kb) == ics_feed(kb)


def test_empty_knowledge_base_is_a_valid_empty_calendar(tmp_path):
    with KnowledgeBase(tmp_path / "empty.sqlite") as empty:
        calendar = Calendar.from_ical(ics_feed(empty))
    assert calendar.walk("VEVENT") == []


def test_cli_ics_prints_the_feed(kb, capsysbinary, tmp_path):
    assert main(["--db", kb.path, "ics"]) == 0
    out = capsysbinary.readouterr().out
    assert out == ics_feed(kb)
    target = tmp_path / "feed.ics"
    assert main(["--db", kb.path, "ics", "--output", str(target)]) == 0
    assert target.read_bytes() == out
