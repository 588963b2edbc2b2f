"""Deadline announcements: planning (pure), the exactly-once claim, and posting to a fake Slack.

Every run uses a fixed clock in March 2020 and a fake Web API on loopback (tests/announce_fakes.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from announce_fakes import FakeSlack
from bot import announcer
from bot.cli import main
from knowledge import announcements
from knowledge.announcements import Subscription, lead_ranges, parse_leads, plan_lead_fanouts
from knowledge.store import KnowledgeBase

ZURICH = ZoneInfo("Europe/Zurich")
REPO = Path(__file__).resolve().parents[1]


def at(day: int, hour: int = 9, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2020, month, day, hour, minute, tzinfo=ZURICH)


@pytest.fixture
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture
def db(tmp_path) -> str:
    """A knowledge base with the deadlines of a report adopted in early March 2020."""
    path = str(tmp_path / "kb.sqlite")
    with KnowledgeBase(path) as kb:
        kb.add("deadlines", {"title": "Side-event proposals", "due": "2020-03-09"})
        kb.add(
            "deadlines",
            {
                "title": "Nominations for the bureau",
                "due": "2020-03-12",
                "send_to": "bureau@example.org",
                "paragraph": "8",
            },
        )
        kb.add(
            "deadlines",
            {
                "title": "Comments on the draft guidelines",
                "due": "2020-03-16",
                "send_to": "secretariat@example.org",
                "subject": "WG comments",
                "paragraph": "12",
            },
        )
        kb.add("deadlines", {"title": "Registration for the workshop", "due": "2020-03-20", "paragraph": "15"})
        kb.add("deadlines", {"title": "Country reports", "due": "2020-03-05", "paragraph": "3"})
    return path


def subscribe(db: str, channel: str, leads: str | None = None, kind: str = "channel") -> dict:
    with KnowledgeBase(db) as kb:
        return announcements.subscribe(kb, channel, leads, kind, "test")


def run(db: str, fake: FakeSlack, when: datetime, admins: str = "") -> announcer.RunSummary:
    """One announcer pass, as cron would start it: its own connection, a fixed clock."""
    client = announcer.make_client("xoxb-test", fake.base_url)
    with KnowledgeBase(db) as kb:
        return announcer.run_once(kb, client, now=when, tz=ZURICH, env_admins=admins)


def rows(db: str, sql: str, params=()) -> list[tuple]:
    with KnowledgeBase(db) as kb:
        return kb.conn.execute(sql, params).fetchall()


# -- lead times and pure planning ---------------------------------------------------------------


def test_parse_leads_accepts_the_written_forms():
    assert parse_leads("14d 7d 1d 0d") == (14, 7, 1, 0)
    assert parse_leads("7d,1d,0d") == (7, 1, 0)
    assert parse_leads(" 1D; 7 ") == (7, 1)
    assert parse_leads("") == parse_leads(None) == (7, 1, 0)


@pytest.mark.parametrize("bad", ["7x", "one week", "-1d", "400d", "7dd"])
def test_parse_leads_refuses_with_an_example(bad):
    with pytest.raises(ValueError) as e:
        parse_leads(bad)
    assert "14d 7d 1d 0d" in str(e.value)


def test_lead_ranges_are_single_days_when_runs_are_daily_and_widen_to_catch_up():
    today = date(2020, 3, 9)
    day = lambda n: today + timedelta(days=n)  # noqa: E731
    assert lead_ranges((7, 1, 0), today, day(-1)) == [(0, day(0), day(0)), (1, day(1), day(1)), (7, day(7), day(7))]
    # Never planned: each due date within 7 days goes to the lead whose day came most recently.
    assert lead_ranges((7, 1, 0), today, None) == [(0, day(0), day(0)), (1, day(1), day(1)), (7, day(2), day(7))]
    # Planned through 5 March: lead days 6 to 9 March count, so 1d covers dues 9 (not yet past) and
    # 10 March, and 7d dues 13 to 16 March.
    assert lead_ranges((7, 1), today, day(-4)) == [(1, day(0), day(1)), (7, day(4), day(7))]
    assert lead_ranges((7, 1), today, today) == []


@given(st.sets(st.integers(0, 366), min_size=1, max_size=6))
def test_format_and_parse_leads_round_trip(leads):
    assert parse_leads(announcements.format_leads(leads)) == tuple(sorted(leads, reverse=True))


@settings(max_examples=150, deadline=None)
@given(
    subs=st.lists(
        st.tuples(st.sets(st.integers(0, 10), min_size=1, max_size=4), st.one_of(st.none(), st.integers(-12, 1))),
        min_size=1,
        max_size=4,
    ),
    dues=st.lists(st.integers(-3, 14), max_size=12),
)
def test_lead_plan_matches_brute_force(subs, dues):
    """The range-query plan equals checking every (subscription, deadline) pair by hand."""
    today = date(2020, 3, 9)
    subscriptions = [
        Subscription(
            i,
            f"C{i}",
            "channel",
            tuple(sorted(leads, reverse=True)),
            None,
            None if offset is None else today + timedelta(days=offset),
        )
        for i, (leads, offset) in enumerate(subs, 1)
    ]
    deadlines = [(i, (today + timedelta(days=d)).isoformat(), None) for i, d in enumerate(dues, 1)]

    def due_between(first, last):
        return [d for d in deadlines if first <= d[1] <= last]

    planned_rows = [row for fanout in plan_lead_fanouts(subscriptions, today, due_between) for row in fanout.rows()]
    planned = set(planned_rows)
    assert len(planned) == len(planned_rows)  # no notice planned twice
    expected = set()
    for sub in subscriptions:
        for deadline_id, due, _ in deadlines:
            days_left = (date.fromisoformat(due) - today).days
            if days_left < 0:
                continue
            came = [
                lead
                for lead in sub.leads
                if date.fromisoformat(due) - timedelta(days=lead) <= today
                and (
                    sub.planned_through is None or date.fromisoformat(due) - timedelta(days=lead) > sub.planned_through
                )
            ]
            if came:
                expected.add((sub.id, deadline_id, due, f"{min(came)}d"))
    assert planned == expected


def test_announcement_day_opens_at_nine_in_the_group_time_zone():
    assert announcements.announcement_day(at(9, 8, 59), ZURICH) == (date(2020, 3, 9), False)
    assert announcements.announcement_day(at(9, 9, 0), ZURICH) == (date(2020, 3, 9), True)
    utc_0830 = datetime(2020, 3, 9, 8, 30, tzinfo=timezone.utc)  # 09:30 in Zurich, 08:30 in London
    assert announcements.announcement_day(utc_0830, ZURICH)[1] is True
    assert announcements.announcement_day(utc_0830, ZoneInfo("Europe/London"))[1] is False


def test_group_timezone_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_TZ", "America/New_York")
    assert announcer.group_timezone().key == "America/New_York"
    monkeypatch.delenv("RAPPORTEUR_TZ")
    assert announcer.group_timezone().key == "Europe/Zurich"
    monkeypatch.setenv("RAPPORTEUR_TZ", "Europe/Zurch")
    with pytest.raises(ValueError, match="Europe/Zurich"):
        announcer.group_timezone()


# -- the daily runs -----------------------------------------------------------------------------


def test_first_run_announces_what_is_due_within_seven_days_once(db, fake):
    subscribe(db, "C0WG")
    summary = run(db, fake, at(9))
    assert (summary.posted_messages, summary.posted_notices) == (1, 3)
    [post] = fake.posts("C0WG")
    text = post["text"]
    assert "*Side-event proposals*: due *9 March 2020* (today)" in text
    assert "*Nominations for the bureau*: due *12 March 2020* (in 3 days). Send to bureau@example.org." in text
    assert (
        "*Comments on the draft guidelines*: due *16 March 2020* (in 7 days). "
        "Send to secretariat@example.org, subject “WG comments”. _Source: para. 12_"
    ) in text
    assert "Registration" not in text  # 11 days away
    assert "Country reports" not in text  # already past
    assert post["unfurl_links"] is False

    before = len(fake.calls)
    summary = run(db, fake, at(9))
    assert summary.posted_messages == 0 and len(fake.calls) == before
    assert rows(db, "SELECT status, COUNT(*) FROM announcements GROUP BY status") == [("posted", 3)]


def test_daily_runs_post_each_lead_on_its_day(db, fake):
    subscribe(db, "C0WG")
    said: dict[int, list[str]] = {}
    for day in range(9, 21):
        run(db, fake, at(day))
        said[day] = [p["text"] for p in fake.posts("C0WG")][len(sum(said.values(), [])) :]
    assert [d for d, texts in said.items() if texts] == [9, 11, 12, 13, 15, 16, 19, 20]
    assert "*Nominations for the bureau*: due *12 March 2020* (tomorrow)" in said[11][0]
    assert "Registration for the workshop*: due *20 March 2020* (in 7 days)" in said[13][0]
    [day15] = said[15]
    assert "*Comments on the draft guidelines*: due *16 March 2020* (tomorrow)" in day15
    assert day15.count("•") == 1
    assert "(today)" in said[16][0] and "Comments on the draft" in said[16][0]


def test_before_nine_nothing_is_posted(db, fake):
    subscribe(db, "C0WG")
    summary = run(db, fake, at(9, 8, 59))
    assert summary.open is False and fake.calls == []
    assert rows(db, "SELECT COUNT(*) FROM announcements") == [(0,)]


def test_extension_posts_one_moved_notice(db, fake):
    subscribe(db, "C0WG")
    run(db, fake, at(9))
    with KnowledgeBase(db) as kb:
        comments = kb.records("deadlines", "title LIKE 'Comments%'")[0]
        kb.update("deadlines", comments["id"], {"due": "2020-03-20", "original_due": "2020-03-16"})
    run(db, fake, at(10, 14))
    run(db, fake, at(10, 15))
    moved = [p["text"] for p in fake.posts("C0WG")][1:]
    assert len(moved) == 1
    assert "*Comments on the draft guidelines* moved from 16 March 2020 to *20 March 2020* (in 10 days)" in moved[0]
    run(db, fake, at(13))  # the 7-day reminder for the new date still comes, on its day
    assert (
        "*Comments on the draft guidelines*: due *20 March 2020* (in 7 days, extended from 16 March 2020)"
        in fake.posts("C0WG")[-1]["text"]
    )


def test_a_move_there_and_back_is_told_each_time(db, fake):
    subscribe(db, "C0WG")
    run(db, fake, at(9))
    with KnowledgeBase(db) as kb:
        comments = kb.records("deadlines", "title LIKE 'Comments%'")[0]
    for day, due in ((10, "2020-03-20"), (11, "2020-03-16"), (12, "2020-03-20")):
        with KnowledgeBase(db) as kb:
            kb.update("deadlines", comments["id"], {"due": due})
        run(db, fake, at(day, 10))
    moves = [p["text"] for p in fake.posts("C0WG") if "moved from" in p["text"]]
    assert len(moves) == 3
    assert "moved from 20 March 2020 to *16 March 2020*" in moves[1]


def test_deletion_posts_one_notice_and_no_more_reminders(db, fake):
    subscribe(db, "C0WG")
    run(db, fake, at(9))
    with KnowledgeBase(db) as kb:
        nominations = kb.records("deadlines", "title LIKE 'Nominations%'")[0]
        kb.delete("deadlines", nominations["id"])
    run(db, fake, at(10))
    run(db, fake, at(11))
    texts = [p["text"] for p in fake.posts("C0WG")][1:]
    assert len(texts) == 1
    assert "*Nominations for the bureau* is no longer in the reports' records; it was due 12 March 2020." in texts[0]


def test_a_deadline_added_late_gets_the_reminder_now_current(db, fake):
    subscribe(db, "C0WG")
    run(db, fake, at(9))
    with KnowledgeBase(db) as kb:
        kb.add("deadlines", {"title": "Late addition", "due": "2020-03-13"})
    run(db, fake, at(10, 11))
    run(db, fake, at(10, 12))
    texts = [p["text"] for p in fake.posts("C0WG")]
    assert len(texts) == 2 and "*Late addition*: due *13 March 2020* (in 3 days)" in texts[1]


def test_catch_up_posts_only_the_most_recent_missed_lead(db, fake):
    subscribe(db, "C0WG", "14d 7d 1d")
    run(db, fake, at(1))  # nothing is within 14 days of 1 March except the past and 9-12 March
    first = len(fake.posts("C0WG"))
    run(db, fake, at(19))  # down from 2 to 18 March: 20 March's 14d and 7d days were missed too
    [text] = [p["text"] for p in fake.posts("C0WG")][first:]
    assert "*Registration for the workshop*: due *20 March 2020* (tomorrow)" in text
    assert text.count("•") == 1
    assert rows(db, "SELECT lead FROM announcements WHERE deadline_id = 4") == [("1d",)]


def test_past_deadlines_are_never_posted(db, fake):
    subscribe(db, "C0WG", "30d 0d")
    run(db, fake, at(10))  # 9 March's "today" was never said, and is not said late
    text = fake.posts("C0WG")[0]["text"]
    assert "Country reports" not in text and "Side-event proposals" not in text
    assert rows(db, "SELECT COUNT(*) FROM announcements WHERE due < '2020-03-10'") == [(0,)]


def test_channels_user_dms_and_groups(db, fake):
    with KnowledgeBase(db) as kb:
        other = kb.ensure_group("Second working group", "WG2")
        kb.add("deadlines", {"title": "WG2 questionnaire", "due": "2020-03-10", "group_id": other})
        announcements.subscribe(kb, "C0WG2", "7d", "channel", "test", group="wg2")
        announcements.subscribe(kb, "U0DELEGATE", "1d", "user", "test")
    run(db, fake, at(9))
    [wg2] = fake.posts("C0WG2")
    assert "WG2 questionnaire" in wg2["text"] and "Nominations" not in wg2["text"]
    [dm] = fake.posts("U0DELEGATE")
    assert dm["text"].startswith("*Your deadline reminders*") and "WG2 questionnaire" in dm["text"]


def test_text_from_reports_is_escaped_for_slack(db, fake):
    with KnowledgeBase(db) as kb:
        kb.add("deadlines", {"title": "Q&A on <annex> items", "due": "2020-03-10"})
    subscribe(db, "C0WG")
    run(db, fake, at(9))
    assert "*Q&amp;A on &lt;annex&gt; items*" in fake.posts("C0WG")[0]["text"]


# -- exactly once across processes --------------------------------------------------------------


def test_concurrent_announcers_post_each_announcement_exactly_once(db, tmp_path):
    fake = FakeSlack(post_delay=0.15).start()  # slow posts keep the processes' work overlapping
    try:
        channels = ["C0AAA", "C0BBB", "C0CCC", "U0DDD"]
        for channel in channels:
            subscribe(db, channel, "7d 1d 0d", "user" if channel.startswith("U") else "channel")
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_API_URL": fake.base_url,
            "RAPPORTEUR_TZ": "Europe/Zurich",
            "PYTHONPATH": str(REPO),
        }
        command = [sys.executable, "-m", "bot.cli", "--db", db, "announce", "--once", "--now", "2020-03-09T09:00"]
        processes = [
            subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)
        ]
        outputs = [p.communicate(timeout=30) for p in processes]
        assert [p.returncode for p in processes] == [0] * 4, outputs
        for channel in channels:
            assert len(fake.posts(channel, delivered_only=False)) == 1, channel
        assert sum(int(out.split("(")[1].split()[0]) for out, _ in outputs) == 4 * 3  # notices, summed
        assert rows(db, "SELECT status, COUNT(*) FROM announcements GROUP BY status") == [("posted", 12)]
    finally:
        fake.stop()


def test_the_background_thread_posts_once_and_stops(db, fake):
    subscribe(db, "C0WG")
    stop = threading.Event()
    client = announcer.make_client("xoxb-test", fake.base_url)
    thread = announcer.start_announcer_thread(db, client, stop, interval=0.02, tz=ZURICH, clock=lambda: at(9))
    deadline = time.monotonic() + 5
    while not fake.posts("C0WG") and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # several more passes
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert len(fake.posts("C0WG")) == 1


# -- Slack errors -------------------------------------------------------------------------------


def test_a_failed_post_is_retried_next_run(db, fake):
    subscribe(db, "C0WG")
    subscribe(db, "C0OTHER")
    fake.fail_channel("C0WG", "internal_error", times=1)
    summary = run(db, fake, at(9))
    assert summary.failed == [("C0WG", "internal_error")] and summary.posted_messages == 1
    assert len(fake.posts("C0OTHER")) == 1 and fake.posts("C0WG") == []
    assert rows(db, "SELECT DISTINCT status, error FROM announcements WHERE subscription_id = 1") == [
        ("failed", "internal_error")
    ]
    summary = run(db, fake, at(9, 9, 5))
    [post] = fake.posts("C0WG")
    assert post["text"].count("•") == 3 and summary.posted_messages == 1
    assert len(fake.posts("C0OTHER")) == 1
    assert rows(db, "SELECT DISTINCT status, attempts FROM announcements WHERE subscription_id = 1") == [("posted", 2)]


def test_a_failure_that_outlives_its_lead_is_not_posted_late(db, fake):
    subscribe(db, "C0WG")
    fake.fail_channel("C0WG", "internal_error", times=1)
    run(db, fake, at(9))
    run(db, fake, at(12))  # 9 March's "today" and the 7-day notices for 12 March are stale now
    [text] = [p["text"] for p in fake.posts("C0WG")]
    assert "Side-event" not in text
    assert "*Nominations for the bureau*: due *12 March 2020* (today)" in text
    assert "*Comments on the draft guidelines*: due *16 March 2020* (in 4 days)" in text  # still its 7d notice


def test_a_claim_left_by_a_crashed_process_is_retried_after_a_while(db, fake):
    subscribe(db, "C0WG")
    with KnowledgeBase(db) as kb:
        kb.conn.executemany(
            "INSERT INTO announcements (subscription_id, deadline_id, due, lead, claimed_at, status, attempts) "
            "VALUES (1, ?, ?, '7d', ?, 'claimed', 1)",
            [
                (3, "2020-03-16", "2020-03-09T07:30:00+00:00"),  # 30 minutes before the run: crashed
                (2, "2020-03-12", "2020-03-09T07:55:00+00:00"),
            ],  # 5 minutes: maybe still posting
        )
    run(db, fake, at(9))  # 08:00 UTC
    text = fake.posts("C0WG")[0]["text"]
    assert "Comments on the draft" in text and "Nominations" not in text
    assert rows(db, "SELECT deadline_id, status FROM announcements WHERE deadline_id IN (2, 3) ORDER BY 1") == [
        (2, "claimed"),
        (3, "posted"),
    ]


def test_rate_limits_are_waited_out(db, fake):
    subscribe(db, "C0WG")
    fake.rate_limit(times=1, retry_after=0)
    summary = run(db, fake, at(9))
    assert summary.posted_messages == 1 and not summary.failed
    assert len(fake.posts("C0WG", delivered_only=False)) == 2 and len(fake.posts("C0WG")) == 1


def test_a_lost_channel_pauses_its_subscription_and_tells_the_admins(db, fake):
    subscribe(db, "C0GONE")
    subscribe(db, "C0WG")
    with KnowledgeBase(db) as kb:
        kb.db["admins"].insert({"user_id": "U0ADMIN2", "added_by": "test", "added_at": "2020-01-01"})
    fake.fail_channel("C0GONE", "channel_not_found")
    summary = run(db, fake, at(9), admins="U0ADMIN1")
    assert summary.paused == [("C0GONE", "channel_not_found")] and summary.posted_messages == 1
    assert len(fake.posts("C0WG")) == 1  # the others are not held up
    for admin in ("U0ADMIN1", "U0ADMIN2"):
        [dm] = fake.posts(admin)
        assert "C0GONE" in dm["text"] and "channel_not_found" in dm["text"]
    with KnowledgeBase(db) as kb:
        [gone] = [s for s in announcements.list_subscriptions(kb) if s["channel"] == "C0GONE"]
    assert gone["paused"] is True and gone["paused_reason"] == "channel_not_found"

    calls = len(fake.calls)
    run(db, fake, at(10), admins="U0ADMIN1")
    assert [c for c in fake.calls[calls:] if c["args"].get("channel") != "C0WG"] == []  # not tried, not re-told

    fake.responders.clear()  # the bot is invited back, and someone subscribes again
    subscribe(db, "C0GONE")
    run(db, fake, at(10, 10), admins="U0ADMIN1")
    [resumed] = fake.posts("C0GONE")
    assert "Nominations for the bureau" in resumed["text"] and "Comments on the draft" in resumed["text"]


# -- the functions the Slack commands call ------------------------------------------------------


def test_subscribe_again_changes_leads_keeps_history_and_repeats_nothing(db, fake):
    first = subscribe(db, "C0WG")
    run(db, fake, at(9))
    again = subscribe(db, "<#C0WG|wg-news>", "14d 7d 1d 0d")
    assert (again["id"], again["leads"], again["created_by"]) == (first["id"], "14d 7d 1d 0d", "test")
    run(db, fake, at(9, 10))
    assert len(fake.posts("C0WG")) == 1


@pytest.mark.parametrize(
    "channel, leads, kind, words",
    [
        ("C0WG", "7x", "channel", ["'7x'", "14d 7d 1d 0d"]),
        ("C0WG", "7d", "person", ["'channel' or 'user'"]),
        ("C0WG", "7d", "user", ["not a Slack user ID", "U012ABCDEF"]),
        ("U0DELEGATE", "7d", "channel", ["is a user, not a channel", "/wg remind me"]),
        ("", None, "channel", ["C012AB3CD"]),
    ],
)
def test_subscribe_refuses_bad_input_and_changes_nothing(db, channel, leads, kind, words):
    with KnowledgeBase(db) as kb:
        with pytest.raises(ValueError) as e:
            announcements.subscribe(kb, channel, leads, kind, "U0ADMIN")
        assert all(w in str(e.value) for w in words), str(e.value)
        assert announcements.list_subscriptions(kb) == []


def test_unsubscribe_removes_and_refuses_the_unknown(db):
    with KnowledgeBase(db) as kb:
        announcements.subscribe(kb, "U0DELEGATE", "1d", "user", "U0DELEGATE")
        with pytest.raises(ValueError, match="no subscription"):
            announcements.unsubscribe(kb, "C0WG", "U0ADMIN")
        removed = announcements.unsubscribe(kb, "<@U0DELEGATE>", "U0DELEGATE")
        assert removed["channel"] == "U0DELEGATE" and announcements.list_subscriptions(kb) == []


# -- the command line ---------------------------------------------------------------------------


def test_cli_subscriptions_round_trip(db, capsys):
    assert main(["--db", db, "subscribe", "C0WG", "--lead", "14d,7d,1d,0d"]) == 0
    assert main(["--db", db, "subscribe", "U0DELEGATE"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "subscriptions", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["channel"], s["kind"], s["leads"], s["paused"]) for s in listed] == [
        ("C0WG", "channel", "14d 7d 1d 0d", False),
        ("U0DELEGATE", "user", "7d 1d 0d", False),
    ]
    assert main(["--db", db, "unsubscribe", "C0WG"]) == 0
    assert main(["--db", db, "subscriptions"]) == 0
    out = capsys.readouterr().out
    assert "U0DELEGATE" in out and "C0WG " not in out.split("unsubscribed C0WG")[-1]


@pytest.mark.parametrize(
    "argv, words",
    [
        (["subscribe", "C0WG", "--lead", "7x"], ["'7x'", "14d 7d 1d 0d"]),
        (["subscribe", "general"], ["'general'", "C012AB3CD"]),
        (["subscribe", "c0wg"], ["capitals", "C0WG"]),
        (["unsubscribe", "C0NONE"], ["C0NONE", "no subscription"]),
        (["announce", "--once", "--now", "9 March"], ["--now", "2020-03-09T09:00"]),
    ],
)
def test_cli_bad_input_is_one_line_exit_2_and_changes_nothing(db, capsys, argv, words):
    subscribe(db, "C0KEEP", "1d")
    before = rows(db, "SELECT * FROM subscriptions")
    assert main(["--db", db, *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and all(w in err for w in words), err
    assert rows(db, "SELECT * FROM subscriptions") == before


def test_cli_announce_without_a_token_is_refused(db, capsys, monkeypatch):
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    subscribe(db, "C0WG")
    assert main(["--db", db, "announce", "--once", "--now", "2020-03-09T09:00"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SLACK_BOT_TOKEN" in err and "--dry-run" in err
    assert rows(db, "SELECT COUNT(*) FROM announcements") == [(0,)]


def test_cli_dry_run_prints_and_changes_nothing(db, capsys, fake, monkeypatch):
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    subscribe(db, "C0WG")
    assert main(["--db", db, "announce", "--once", "--dry-run", "--now", "2020-03-09T09:00"]) == 0
    out = capsys.readouterr().out
    assert "--- to C0WG (channel), 3 notices" in out and "Comments on the draft guidelines" in out
    assert rows(db, "SELECT COUNT(*) FROM announcements") == [(0,)]
    assert rows(db, "SELECT planned_through FROM subscriptions") == [(None,)]
    assert fake.calls == []


def test_cli_announce_once_posts_through_slack_api_url(db, capsys, fake, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", fake.base_url)
    monkeypatch.delenv("RAPPORTEUR_TZ", raising=False)
    subscribe(db, "C0WG")
    assert main(["--db", db, "announce", "--once", "--now", "2020-03-09T09:00"]) == 0
    assert capsys.readouterr().out.strip() == "posted 1 message (3 notices)"
    assert fake.calls[0]["auth"] == "Bearer xoxb-test"
    fake.fail_channel("C0WG", "internal_error")
    with KnowledgeBase(db) as kb:
        kb.add("deadlines", {"title": "Late addition", "due": "2020-03-13"})
    assert main(["--db", db, "announce", "--once", "--now", "2020-03-09T10:00"]) == 1  # failed: cron hears it


def test_cli_announce_module_does_not_import_slack():
    """`rapporteur ask` loads this module's commands: it must not pull in slack_sdk or icalendar."""
    code = "import sys, bot.cli_announce; print('slack_sdk' in sys.modules, 'icalendar' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_run_for_one_group_serves_its_subscribers_and_leaves_the_others_theirs(db, fake):
    with KnowledgeBase(db) as kb:
        other = kb.ensure_group("Other Working Group", "OWG")
        kb.add("deadlines", {"title": "Other group's input", "due": "2020-03-10", "group_id": other})
        wg = announcements.subscribe(kb, "C0WG", None, "channel", "test", group="Working group")
        owg = announcements.subscribe(kb, "C0OWG", None, "channel", "test", group="OWG")
    client = announcer.make_client("xoxb-test", fake.base_url)
    with KnowledgeBase(db) as kb:
        summary = announcer.run_once(kb, client, now=at(9), tz=ZURICH, env_admins="", group_id=other)
    assert summary.posted_messages == 1 and not fake.posts("C0WG")
    [post] = fake.posts("C0OWG")
    assert "Other group's input" in post["text"] and "Side-event" not in post["text"]
    # the next run, for every group, still has the first group's reminders to post: nothing lost
    run(db, fake, at(9))
    [first_post] = fake.posts("C0WG")
    assert "Side-event proposals" in first_post["text"] and len(fake.posts("C0OWG")) == 1
    assert wg["id"] != owg["id"]


def test_cli_announce_for_one_group_posts_only_its_subscribers_and_refuses_an_unknown_group(
    db, capsys, fake, monkeypatch
):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", fake.base_url)
    monkeypatch.delenv("RAPPORTEUR_TZ", raising=False)
    with KnowledgeBase(db) as kb:
        kb.ensure_group("Other Working Group", "OWG")
    subscribe(db, "C0WG")  # every group's deadlines
    assert main(["--db", db, "announce", "--once", "--now", "2020-03-09T09:00", "--group", "XYZ"]) == 2
    assert "there is no group" in capsys.readouterr().err and not fake.calls
    assert main(["--db", db, "announce", "--once", "--now", "2020-03-09T09:00", "--group", "OWG"]) == 0
    assert not fake.calls  # no subscription is to OWG's deadlines
    assert main(["--db", db, "announce", "--once", "--now", "2020-03-09T09:00"]) == 0
    assert len(fake.posts("C0WG")) == 1  # the run for every group still has them all to post
