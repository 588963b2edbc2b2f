"""The Slack app driven over HTTP as Slack drives it, against a fake Web API on loopback.

The app runs under uvicorn in a thread; requests are signed with the signing secret; every Web API
call and response_url post lands in FakeSlack, which the tests wait on (with a timeout, never a
fixed sleep). Answers come from a canned ``answer`` where the text matters, so that these tests do
not depend on the answering engine; one test runs the real engine end to end.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date

import pytest

import handlers.delivery
from bot.http_server import build_asgi
from bot.settings import SlackSettings
from bot.slack_app import build_app
from handlers.commands.registry import SUBCOMMANDS, dispatch, subcommand
from handlers.memory import answer_from_json
from handlers.services import Services
from knowledge.answering import Answer, Source
from knowledge.store import KnowledgeBase
from slack_fakes import (
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    JSON,
    SIGNING_SECRET,
    AppServer,
    FakeSlack,
    SlackSender,
    signed_headers,
    slash_body,
)

TODAY = date(2020, 3, 10)  # a Tuesday: "next week" is 16-22 March 2020


def seed(path: str) -> None:
    with KnowledgeBase(path) as kb:
        kb.add("deadlines", {"title": "HLPF input", "due": "2020-03-16", "paragraph": "12", "send_to": "hlpf@un.org"})
        kb.add("deadlines", {"title": "Final draft", "due": "2020-03-20", "original_due": "2020-03-13"})
        kb.add("deadlines", {"title": "Far future report", "due": "2020-06-01"})
        kb.add("deadlines", {"title": "Old input", "due": "2019-11-22"})
        kb.add(
            "meetings",
            {
                "number": 35,
                "start": "2020-02-06",
                "end": "2020-02-07",
                "place": "Geneva",
                "chair": "Ms. Ana Pérez",
                "chair_country": "Chile",
                "paragraph": "3",
            },
        )
        kb.add("partners", {"name": "UNICEF", "tier": "Tier 1"})
        kb.add("partners", {"name": "Youth Forum", "tier": "Tier 2"})
        kb.add(
            "documents", {"symbol": "A/HRC/WG.6/35/L.1", "title": "Draft report of the working group", "meeting": 35}
        )
        kb.add("recommendations", {"topic": "youth", "text": "Increase youth participation in the forum."})
        kb.db["paragraphs"].insert(
            {
                "group_id": 1,
                "number": "12",
                "heading": "Deadlines",
                "position": 1,
                "text": "Inputs to the HLPF are due by 16 March 2020.",
            }
        )


# -- fixtures: one fake Slack and one running app for the module --------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("slack") / "kb.sqlite")
    seed(path)
    return path


def settings_for(fake: FakeSlack) -> SlackSettings:
    return SlackSettings(
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url}
    )


@pytest.fixture(scope="module")
def app(fake, db):
    return build_app(settings_for(fake), db, today=lambda: TODAY)


@pytest.fixture(scope="module")
def server(app):
    with AppServer(build_asgi(app)) as s:
        yield s


@pytest.fixture
def canned(monkeypatch):
    """A predictable answer engine; records (question, context) of every call."""
    asked = []

    def fake_answer(kb, question, today=None, group=None, context=None):
        asked.append((question, context))
        if question.startswith("unsure"):
            return Answer(
                False,
                "I am not sure what you mean.",
                0.2,
                suggestions=["when is the HLPF input deadline?", "when is the final draft due?"],
            )
        return Answer(
            True,
            f"Answer to: {question}",
            0.9,
            [Source("Report 35", "12", "A/HRC/WG.6/35/L.1")],
            [{"kind": "deadlines", "id": 1}],
        )

    monkeypatch.setattr(handlers.delivery, "answer", fake_answer)
    return asked


def to(channel):
    return lambda c: c.body.get("channel") == channel


def at(name):
    return lambda c: c.path.endswith("/" + name)


def mention(text, *, channel, ts, user="U1", thread_ts=None, **extra):
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts, "channel": channel}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


def dm(text, *, channel, ts, user="U1", thread_ts=None, **extra):
    event = {"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts, "channel": channel}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


def sentinel(slack, fake, channel="C-SENTINEL"):
    """A request known to be answered: once its answer is in, earlier requests had their chance."""
    slack.event(mention("sentinel", channel=channel, ts=f"{time.time():.6f}"))
    fake.wait_for("chat.postMessage", to(channel))


def ref_of(message: dict) -> str:
    return next(
        e["value"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "feedback_up"
    )


# -- the HTTP surface ---------------------------------------------------------------------------


def test_healthz_reports_schema_and_counts(slack):
    r = slack.request("GET", "/healthz")
    assert r.status == 200 and r.headers["content-type"] == "application/json"
    data = r.json()
    assert data["ok"] is True and data["schema_version"] >= 1
    assert data["counts"]["deadlines"] == 4 and data["counts"]["paragraphs"] == 1


def test_calendar_feed_when_the_module_exists(slack, monkeypatch):
    import types

    monkeypatch.setitem(
        sys.modules,
        "knowledge.calendar",
        types.SimpleNamespace(ics_feed=lambda kb: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    )
    r = slack.request("GET", "/calendar.ics")
    assert r.status == 200 and r.headers["content-type"].startswith("text/calendar")
    assert r.body.startswith(b"BEGIN:VCALENDAR")


def test_calendar_404_without_the_module(slack, monkeypatch):
    monkeypatch.setitem(sys.modules, "knowledge.calendar", None)  # makes the import fail
    assert slack.request("GET", "/calendar.ics").status == 404


def test_unknown_paths_and_get_on_events(slack):
    assert slack.request("GET", "/nope").status == 404
    assert slack.request("GET", "/slack/events").status == 405


@pytest.mark.parametrize("how", ["unsigned", "wrong secret", "stale", "future", "garbage timestamp", "tampered"])
def test_bad_signatures_get_401_and_no_web_api_call(slack, fake, canned, how):
    body = slash_body("when is the HLPF input deadline?", response_url=fake.response_url("forged"))
    headers = signed_headers(body, "application/x-www-form-urlencoded")
    if how == "unsigned":
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
    elif how == "wrong secret":
        headers = signed_headers(body, "application/x-www-form-urlencoded", secret="not-the-secret")
    elif how in ("stale", "future"):
        shift = -6 * 60 if how == "stale" else 6 * 60
        headers = signed_headers(body, "application/x-www-form-urlencoded", timestamp=int(time.time()) + shift)
    elif how == "garbage timestamp":
        headers["X-Slack-Request-Timestamp"] = "yesterday"
    elif how == "tampered":
        body = body.replace("HLPF", "XXXX")
    r = slack.request("POST", "/slack/events", body, headers)
    assert r.status == 401
    sentinel(slack, fake)
    assert [c.method for c in fake.calls] == ["chat.postMessage"]  # the sentinel's answer only
    assert canned == [("sentinel", None)]


def test_url_verification_is_answered(slack):
    body = json.dumps({"token": "legacy", "challenge": "abc123", "type": "url_verification"})
    r = slack.post(body, JSON)
    assert r.status == 200 and "abc123" in r.body.decode()


# -- /wg ----------------------------------------------------------------------------------------


def test_slash_question_is_acked_then_answered_ephemerally_with_share(slack, fake, canned):
    r = slack.command("when is the HLPF input deadline?", response_url=fake.response_url("q1"))
    assert r.status == 200 and r.body == b"" and r.seconds < 1.0
    [call] = fake.wait_for("response_url", at("q1"))
    msg = call.body
    assert msg["response_type"] == "ephemeral"
    assert msg["text"].startswith("Answer to: when is the HLPF input deadline?")
    assert msg["blocks"][0]["text"]["text"] == "Answer to: when is the HLPF input deadline?"
    assert "Report 35, paragraph 12" in json.dumps(msg["blocks"])
    assert {"share_answer", "feedback_up", "feedback_down"} <= {
        e["action_id"] for b in msg["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    assert canned == [("when is the HLPF input deadline?", None)]


@pytest.mark.parametrize(
    "text, expected, absent",
    [
        (
            "deadlines next week",
            ["Deadlines \u2014 next week", "HLPF input", "Final draft", "extended from 13 March 2020"],
            ["Far future", "Old input"],
        ),
        ("deadlines March 2020", ["Deadlines \u2014 March 2020", "HLPF input"], ["Far future"]),
        ("deadlines", ["Upcoming deadlines", "HLPF input", "Far future"], ["Old input"]),
        ("deadlines all", ["All deadlines", "Old input", "Far future"], []),
        ("meeting 35", ["Meeting 35", "6\u20137 February 2020", "Geneva", "Ms. Ana Pérez (Chile)"], []),
        ("meeting 99", ["No meeting 99 in the reports. Known meetings: 35."], []),
        ("partners tier 1", ["Partners \u2014 tier 1", "UNICEF"], ["Youth Forum"]),
        ("partners", ["UNICEF", "Youth Forum"], []),
        ("doc A/HRC/WG.6/35/L.1", ["Draft report of the working group", "(meeting 35)"], []),
        ("recs youth", ["Recommendations \u2014 youth", "Increase youth participation"], []),
        (
            "help",
            [
                "/wg deadlines [next week|March 2020|all]",
                "/wg meeting 35",
                "/wg partners [TIER]",
                "/wg doc SYMBOL",
                "/wg recs TOPIC",
                "/wg QUESTION",
            ],
            [],
        ),
        ("", ["/wg deadlines"], []),
    ],
)
def test_subcommands(slack, fake, canned, text, expected, absent):
    name = f"sub{abs(hash(text))}"
    slack.command(text, response_url=fake.response_url(name))
    [call] = fake.wait_for("response_url", at(name))
    shown = json.dumps(call.body, ensure_ascii=False)
    assert call.body["response_type"] == "ephemeral" and call.body["blocks"][0]["type"] == "header"
    for word in expected:
        assert word in shown
    for word in absent:
        assert word not in shown
    assert canned == []  # lists, not answers


@pytest.mark.parametrize(
    "text", ["what did the working group decide on youth?", "deadlines for the HLPF?", "meeting dates please"]
)
def test_text_that_is_no_subcommand_is_a_question(slack, fake, canned, text):
    slack.command(text, response_url=fake.response_url("free"))
    [call] = fake.wait_for("response_url", at("free"))
    assert call.body["text"].startswith(f"Answer to: {text}")
    assert canned == [(text, None)]


def test_other_modules_add_subcommands_through_the_registry(slack, fake):
    @subcommand("ping", usage="ping", summary="check the bot")
    def ping(inv):
        return {"text": f"pong {inv.args} for {inv.user_id} in {inv.channel_id}"}

    try:
        slack.command("ping hello", response_url=fake.response_url("ping"), user_id="U9", channel_id="C9")
        [call] = fake.wait_for("response_url", at("ping"))
        assert call.body == {"text": "pong hello for U9 in C9", "response_type": "ephemeral"}
        slack.command("help", response_url=fake.response_url("help2"))
        assert "/wg ping" in json.dumps(fake.wait_for("response_url", at("help2"))[0].body)
    finally:
        SUBCOMMANDS.pop("ping")


def test_real_engine_answers_within_slack_limits(slack, fake):
    slack.command("when is the HLPF input deadline?", response_url=fake.response_url("real"))
    [call] = fake.wait_for("response_url", at("real"), timeout=10)
    assert call.body["text"].strip() and 1 <= len(call.body["blocks"]) <= 50


# -- mentions, DMs, threads ---------------------------------------------------------------------


def test_mention_is_answered_in_the_thread_of_that_message(slack, fake, canned):
    r = slack.event(mention("when is the HLPF input deadline?", channel="C-M1", ts="1000.000100"))
    assert r.status == 200 and r.seconds < 1.0
    [call] = fake.wait_for("chat.postMessage", to("C-M1"))
    assert call.token == BOT_TOKEN
    assert call.body["thread_ts"] == "1000.000100"
    assert call.body["text"].startswith("Answer to: when is the HLPF input deadline?")
    assert canned == [("when is the HLPF input deadline?", None)]


def test_follow_up_in_a_thread_has_the_previous_question_as_context(slack, fake, canned):
    slack.event(mention("when is the HLPF input deadline?", channel="C-F1", ts="2000.1"))
    fake.wait_for("chat.postMessage", to("C-F1"))
    slack.event(mention("and the final draft one?", channel="C-F1", ts="2000.2", thread_ts="2000.1"))
    calls = fake.wait_for("chat.postMessage", to("C-F1"), count=2)
    assert all(c.body["thread_ts"] == "2000.1" for c in calls)
    slack.event(mention("where do I send it?", channel="C-F1", ts="2000.3", thread_ts="2000.1"))
    fake.wait_for("chat.postMessage", to("C-F1"), count=3)
    assert canned == [
        ("when is the HLPF input deadline?", None),
        ("and the final draft one?", "when is the HLPF input deadline?"),
        ("where do I send it?", "and the final draft one?"),
    ]


def test_direct_message_is_answered_in_the_dm_and_a_thread_reply_is_a_follow_up(slack, fake, canned, db):
    slack.event(dm("when is the HLPF input deadline?", channel="D-1", ts="3000.1"))
    [first] = fake.wait_for("chat.postMessage", to("D-1"))
    assert "thread_ts" not in first.body  # in the DM itself, not in a thread
    answer_ts = first.response["ts"]
    _wait_until_remembered(db, "D-1", answer_ts)  # the bot notes the thread just after posting
    slack.event(dm("and the final draft one?", channel="D-1", ts="3000.5", thread_ts=answer_ts))
    second = fake.wait_for("chat.postMessage", to("D-1"), count=2)[1]
    assert second.body["thread_ts"] == answer_ts
    assert canned[-1] == ("and the final draft one?", "when is the HLPF input deadline?")


def _wait_until_remembered(db: str, channel: str, thread_ts: str, timeout: float = 5.0) -> None:
    import sqlite3
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = sqlite3.connect(db)
        try:
            row = conn.execute(
                "SELECT 1 FROM slack_threads WHERE channel = ? AND thread_ts = ?", [channel, thread_ts]
            ).fetchone()
        except sqlite3.OperationalError:
            row = None
        finally:
            conn.close()
        if row:
            return
        time.sleep(0.01)
    raise AssertionError(f"thread {channel}/{thread_ts} was not remembered")


def test_a_bare_mention_gets_how_to_ask(slack, fake, canned):
    slack.event(mention("", channel="C-B1", ts="3500.1"))
    [call] = fake.wait_for("chat.postMessage", to("C-B1"))
    assert "/wg QUESTION" in call.body["text"] and call.body["thread_ts"] == "3500.1"
    assert canned == []


def test_a_retried_event_is_answered_once(slack, fake, canned):
    event = mention("when is the HLPF input deadline?", channel="C-R1", ts="4000.1")
    assert slack.event(event, event_id="EvRETRY1").status == 200
    fake.wait_for("chat.postMessage", to("C-R1"))
    for retry in (1, 2, 3):
        assert slack.event(event, event_id="EvRETRY1", retry=retry).status == 200
    sentinel(slack, fake)
    assert len(fake.calls_to("chat.postMessage", to("C-R1"))) == 1


def test_a_restart_does_not_answer_an_event_again(slack, fake, canned, db):
    event = mention("when is the HLPF input deadline?", channel="C-R2", ts="4100.1")
    slack.event(event, event_id="EvRESTART1")
    fake.wait_for("chat.postMessage", to("C-R2"))
    restarted = build_app(settings_for(fake), db, today=lambda: TODAY)  # a new process, the same file
    with AppServer(build_asgi(restarted)) as again:
        second = SlackSender(again.url)
        assert second.event(event, event_id="EvRESTART1", retry=1).status == 200
        sentinel(second, fake, channel="C-R2-SENTINEL")
    assert len(fake.calls_to("chat.postMessage", to("C-R2"))) == 1


@pytest.mark.parametrize(
    "event",
    [
        dm("I am another bot", channel="D-BOT", ts="5000.1", bot_id="B-OTHER"),
        dm("legacy bot message", channel="D-BOT", ts="5000.2", subtype="bot_message", bot_id="B-OTHER"),
        dm("my own answer", channel="D-BOT", ts="5000.3", user=BOT_USER_ID, bot_id=BOT_ID),
        mention("a bot mentions me", channel="C-BOT", ts="5000.4", bot_id="B-OTHER"),
        dm("edited", channel="D-BOT", ts="5000.5", subtype="message_changed"),
    ],
)
def test_bots_and_non_messages_are_never_answered(slack, fake, canned, event):
    assert slack.event(event).status == 200
    sentinel(slack, fake)
    assert [c.body["channel"] for c in fake.calls_to("chat.postMessage")] == ["C-SENTINEL"]
    assert canned == [("sentinel", None)]


def test_channel_not_found_is_told_to_the_user_and_the_app_keeps_serving(slack, fake, canned):
    fake.fail("chat.postMessage", "channel_not_found", when=lambda body: body.get("channel") == "C404")
    slack.event(mention("when is the HLPF input deadline?", channel="C404", ts="6000.1", user="U7"))
    [told] = fake.wait_for("chat.postMessage", to("U7"))
    assert "couldn't post in <#C404>" in told.body["text"] and "/invite @Rapporteur" in told.body["text"]
    assert "Answer to: when is the HLPF input deadline?" in json.dumps(told.body["blocks"])
    assert slack.request("GET", "/healthz").json()["ok"] is True
    sentinel(slack, fake)


def test_a_rate_limited_post_is_retried(slack, fake, canned):
    fake.fail(
        "chat.postMessage",
        "ratelimited",
        status=429,
        headers={"Retry-After": "0"},
        when=lambda body: body.get("channel") == "C-RL",
    )
    slack.event(mention("when is the HLPF input deadline?", channel="C-RL", ts="6100.1"))
    first, second = fake.wait_for("chat.postMessage", to("C-RL"), count=2, timeout=10)
    assert first.body == second.body  # the same message, sent again after Retry-After


def test_a_crash_while_answering_is_told_and_the_app_keeps_serving(slack, fake, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("engine bug")

    monkeypatch.setattr(handlers.delivery, "answer", broken)
    slack.command("when is the HLPF input deadline?", response_url=fake.response_url("crash"))
    assert "something went wrong" in fake.wait_for("response_url", at("crash"))[0].body["text"]
    slack.event(mention("when is the HLPF input deadline?", channel="C-CRASH", ts="6200.1"))
    [call] = fake.wait_for("chat.postMessage", to("C-CRASH"))
    assert "something went wrong" in call.body["text"] and call.body["thread_ts"] == "6200.1"
    assert slack.request("GET", "/healthz").status == 200


# -- buttons ------------------------------------------------------------------------------------


def _ephemeral_answer(slack, fake, text, name) -> dict:
    slack.command(text, response_url=fake.response_url(name), channel_id="C-S1", user_id="U3")
    return fake.wait_for("response_url", at(name))[0].body


def test_share_in_channel_posts_for_everyone_and_removes_the_ephemeral(slack, fake, canned):
    ref = ref_of(_ephemeral_answer(slack, fake, "when is the HLPF input deadline?", "s1"))
    r = slack.action(
        {"action_id": "share_answer", "value": ref},
        user_id="U03SHARER",
        channel_id="C-S1",
        response_url=fake.response_url("s1-click"),
        ephemeral=True,
    )
    assert r.status == 200
    shared, deleted = fake.wait_for("response_url", at("s1-click"), count=2)
    assert shared.body["response_type"] == "in_channel" and shared.body["replace_original"] is False
    shown = json.dumps(shared.body["blocks"])
    assert "<@U03SHARER> shared an answer to _when is the HLPF input deadline?_" in shown
    assert "Answer to: when is the HLPF input deadline?" in shown and "share_answer" not in shown
    assert deleted.body.get("delete_original") is True
    assert fake.calls_to("chat.postMessage") == []  # no chat:write.public, no membership needed


@pytest.mark.parametrize("channel", ["G-PRIVATE", "D-SOMEONE"])
def test_share_works_in_private_channels_and_dms_the_bot_is_not_in(slack, fake, canned, channel):
    # chat.postMessage would answer not_in_channel there; the interaction's response_url does not care
    fake.fail("chat.postMessage", "not_in_channel", times=5)
    slack.command("when is the HLPF input deadline?", response_url=fake.response_url("p1"), channel_id=channel)
    ref = ref_of(fake.wait_for("response_url", at("p1"))[0].body)
    slack.action(
        {"action_id": "share_answer", "value": ref},
        user_id="U03SHARER",
        channel_id=channel,
        response_url=fake.response_url("p1-click"),
        ephemeral=True,
    )
    shared, deleted = fake.wait_for("response_url", at("p1-click"), count=2)
    assert shared.body["response_type"] == "in_channel" and deleted.body.get("delete_original") is True
    assert fake.calls_to("chat.postMessage") == []


def test_share_with_an_expired_response_url_tells_the_user(slack, fake, canned):
    ref = ref_of(_ephemeral_answer(slack, fake, "when is the HLPF input deadline?", "s2"))
    fake.fail("response_url", "expired_url", status=404, when=lambda body: body.get("response_type") == "in_channel")
    slack.action(
        {"action_id": "share_answer", "value": ref},
        user_id="U03SHARER",
        channel_id="C-S1",
        response_url=fake.response_url("s2-click"),
        ephemeral=True,
    )
    _, told = fake.wait_for("response_url", at("s2-click"), count=2)
    assert told.body["response_type"] == "ephemeral" and "would not let me share" in told.body["text"]
    assert told.body.get("replace_original") is False


@pytest.mark.parametrize("action_id, verdict", [("feedback_up", "up"), ("feedback_down", "down")])
def test_feedback_clicks_are_recorded(slack, fake, canned, db, action_id, verdict):
    ref = ref_of(_ephemeral_answer(slack, fake, f"question for {verdict}?", f"fb-{verdict}"))
    slack.action(
        {"action_id": action_id, "value": ref},
        user_id="U3",
        channel_id="C-S1",
        response_url=fake.response_url(f"fb-{verdict}-click"),
        ephemeral=True,
    )
    [thanks] = fake.wait_for("response_url", at(f"fb-{verdict}-click"))
    assert thanks.body["text"].startswith("Thanks")
    with KnowledgeBase(db) as kb:
        rows = list(kb.db["feedback"].rows_where("question = ?", [f"question for {verdict}?"]))
    assert len(rows) == 1
    row = rows[0]
    # only a 👎 waits on the review list
    assert (row["user_id"], row["channel"], row["verdict"], row["status"]) == (
        "U3",
        "C-S1",
        verdict,
        "open" if verdict == "down" else None,
    )
    assert row["answer"] == f"Answer to: question for {verdict}?"
    assert (row["kind"], row["record_id"]) == ("deadlines", 1)


def test_did_you_mean_in_an_ephemeral_answer_replaces_it_with_that_answer(slack, fake, canned):
    msg = _ephemeral_answer(slack, fake, "unsure hlpf", "dym1")
    buttons = [e for b in msg["blocks"] if b.get("block_id") == "suggestions" for e in b["elements"]]
    assert [b["value"] for b in buttons] == ["when is the HLPF input deadline?", "when is the final draft due?"]
    slack.action(
        {"action_id": buttons[1]["action_id"], "value": buttons[1]["value"]},
        user_id="U3",
        channel_id="C-S1",
        response_url=fake.response_url("dym1-click"),
        ephemeral=True,
    )
    [call] = fake.wait_for("response_url", at("dym1-click"))
    assert call.body["replace_original"] is True
    assert call.body["text"].startswith("Answer to: when is the final draft due?")


def test_did_you_mean_in_a_thread_answers_in_that_thread(slack, fake, canned):
    message = {"type": "message", "ts": "7000.9", "thread_ts": "7000.1", "bot_id": BOT_ID, "text": "not sure"}
    slack.action(
        {"action_id": "suggestion_0", "value": "when is the HLPF input deadline?"},
        user_id="U4",
        channel_id="C-T1",
        response_url=fake.response_url("dym2"),
        message=message,
    )
    [call] = fake.wait_for("chat.postMessage", to("C-T1"))
    assert call.body["thread_ts"] == "7000.1"
    assert call.body["text"].startswith("Answer to: when is the HLPF input deadline?")


def test_buttons_on_an_unknown_answer_say_so(slack, fake):
    slack.action({"action_id": "feedback_up", "value": "999999"}, response_url=fake.response_url("gone"))
    assert "ask again" in fake.wait_for("response_url", at("gone"))[0].body["text"]


# -- App Home -----------------------------------------------------------------------------------


def test_home_tab_shows_the_next_30_days_recent_changes_and_how_to_ask(slack, fake):
    slack.event({"type": "app_home_opened", "user": "U5", "channel": "D-H", "tab": "home"})
    [call] = fake.wait_for("views.publish")
    assert call.body["user_id"] == "U5" and call.token == BOT_TOKEN
    view = call.body["view"] if isinstance(call.body["view"], dict) else json.loads(call.body["view"])
    shown = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home"
    upcoming = json.dumps(view["blocks"][: [b["type"] for b in view["blocks"]].index("divider")])
    assert "Upcoming deadlines" in upcoming and "HLPF input" in upcoming and "Final draft" in upcoming
    assert "Far future report" not in upcoming and "Old input" not in upcoming
    assert "Recent changes" in shown and "add deadline" in shown
    assert "How to ask" in shown


def test_messages_tab_does_not_publish(slack, fake):
    slack.event({"type": "app_home_opened", "user": "U5", "channel": "D-H", "tab": "messages"})
    sentinel(slack, fake)
    assert fake.calls_to("views.publish") == []


# -- units, called with fakes -------------------------------------------------------------------


class FakeClient:
    """Stands in for WebClient: records chat_postMessage, optionally failing for some channels."""

    def __init__(self, fail_for: dict | None = None):
        self.posts, self.fail_for = [], fail_for or {}

    def chat_postMessage(self, **kw):
        from slack_sdk.errors import SlackApiError
        from slack_sdk.web import SlackResponse

        self.posts.append(kw)
        if kw["channel"] in self.fail_for:
            data = {"ok": False, "error": self.fail_for[kw["channel"]]}
            raise SlackApiError(
                "failed",
                SlackResponse(
                    client=self, http_verb="POST", api_url="", req_args={}, data=data, headers={}, status_code=200
                ),
            )
        return type("Resp", (), {"data": {"ok": True, "ts": f"9.{len(self.posts)}", "channel": kw["channel"]}})()


@pytest.fixture
def services(tmp_path):
    path = str(tmp_path / "unit.sqlite")
    seed(path)
    return Services(path, today=lambda: TODAY)


def test_on_mention_unit(services, canned):
    from handlers.events.questions import on_mention

    client = FakeClient()
    on_mention(
        {"type": "app_mention", "user": "U1", "text": "<@UBOT> what &amp; when?", "ts": "1.5", "channel": "C1"},
        {"services": services},
        client,
    )
    [post] = client.posts
    assert (post["channel"], post["thread_ts"]) == ("C1", "1.5")
    assert canned == [("what & when?", None)]
    assert services.memory().thread_question("C1", "1.5") == "what & when?"


def test_failed_post_unit_tells_the_user_by_dm(services, canned):
    from handlers.delivery import answer_in_conversation

    client = FakeClient(fail_for={"C1": "not_in_channel"})
    answer_in_conversation(services, client, question="q?", channel="C1", user_id="U1", thread_ts="1.1")
    assert [p["channel"] for p in client.posts] == ["C1", "U1"]
    assert "Invite me" in client.posts[1]["text"]


def test_dispatch_unit(services):
    reply = dispatch("deadlines next week", {"user_id": "U1", "channel_id": "C1"}, services)
    assert reply["response_type"] == "ephemeral" and "HLPF input" in reply["text"]


def test_memory_unit(services):
    memory = services.memory()
    assert memory.first_time("Ev1") and not memory.first_time("Ev1")
    assert memory.thread_question("C1", "1.1") is None
    memory.remember_thread("C1", "1.1", "first?")
    memory.remember_thread("C1", "1.1", "second?")
    assert memory.thread_question("C1", "1.1") == "second?"
    original = Answer(True, "text", 0.7, [Source("R", "1", "S", "t")], [{"kind": "deadlines", "id": 2}], ["s?"], "WG")
    ref = memory.save_answer("q?", original, user_id="U1", channel="C1")
    assert memory.load_answer(ref) == ("q?", original)
    assert memory.load_answer("nope") is None and memory.load_answer("424242") is None
    assert answer_from_json({"answer": "x", "future_field": 1}).text == "x"


def test_the_memory_tables_come_from_a_migration_that_adopts_old_ones(tmp_path):
    import sqlite3

    import sqlite_utils

    from knowledge.schema import MIGRATIONS, _v6_slack_memory

    assert _v6_slack_memory in MIGRATIONS
    path = str(tmp_path / "old.sqlite")
    with KnowledgeBase(path) as kb:  # a file whose tables an older release made outside the migrations
        kb.conn.execute("INSERT INTO slack_events_seen VALUES ('Ev-old', 1.0)")
    db = sqlite_utils.Database(sqlite3.connect(path))
    _v6_slack_memory(db)  # again: idempotent, and it keeps what is there
    _v6_slack_memory(db)
    assert db.execute("SELECT event_id FROM slack_events_seen").fetchall() == [("Ev-old",)]
    assert {"slack_events_seen", "slack_threads", "slack_answers"} <= set(db.table_names())


def test_seen_requests_are_pruned_while_the_bot_runs_not_only_at_start(tmp_path):
    from handlers.memory import PRUNE_EVERY_S, SEEN_EVENTS_KEPT_S

    now = [1_000_000.0]
    services = Services(str(tmp_path / "p.sqlite"), clock=lambda: now[0])
    assert services.first_time("trigger:old")
    now[0] += PRUNE_EVERY_S / 2
    assert services.first_time("trigger:newer")
    now[0] += SEEN_EVENTS_KEPT_S + PRUNE_EVERY_S  # a day and more later, same process
    assert services.first_time("trigger:today")
    seen = [r[0] for r in services.kb().conn.execute("SELECT event_id FROM slack_events_seen ORDER BY seen_at")]
    assert seen == ["trigger:today"]


# -- `rapporteur serve` -------------------------------------------------------------------------


SLACK_ENV = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL", "PORT")


def test_serve_without_settings_says_what_is_missing(monkeypatch, capsys):
    from bot.cli import main

    for name in SLACK_ENV:
        monkeypatch.delenv(name, raising=False)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "SLACK_BOT_TOKEN" in err and "SLACK_SIGNING_SECRET" in err and "manifest.json" in err


def test_serve_picks_socket_mode_with_an_app_token(monkeypatch, fake, tmp_path):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.cli import main

    started = []
    monkeypatch.setattr(
        SocketModeHandler, "start", lambda self: started.append((self.app_token, self.client.web_client.base_url))
    )
    for k, v in {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": "xapp-1-test",
        "SLACK_API_URL": fake.api_url,
        "RAPPORTEUR_DB": str(tmp_path / "s.sqlite"),
    }.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    assert main(["serve"]) == 0
    assert started == [("xapp-1-test", fake.api_url)]  # Socket Mode's Web API calls go to SLACK_API_URL too


def test_serve_runs_uvicorn_on_port_in_http_mode(monkeypatch, fake, tmp_path):
    import uvicorn

    from bot.cli import main

    runs = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append(kw | {"app": app}))
    for k, v in {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "PORT": "4321",
        "RAPPORTEUR_DB": str(tmp_path / "h.sqlite"),
    }.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert main(["serve"]) == 0
    assert [(r["port"], r.get("workers")) for r in runs] == [(4321, None)]
    assert callable(runs[0]["app"])


def test_serve_with_web_concurrency_runs_worker_processes_from_a_factory(monkeypatch, fake, tmp_path):
    import uvicorn

    from bot.cli import main
    from bot.http_server import create_app

    runs = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append(kw | {"app": app}))
    db_file = str(tmp_path / "w.sqlite")
    for k, v in {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "RAPPORTEUR_DB": db_file,
        "WEB_CONCURRENCY": "3",
    }.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    assert main(["serve", "--port", "4322"]) == 0
    [run] = runs
    assert (run["app"], run["factory"], run["workers"], run["port"]) == ("bot.http_server:create_app", True, 3, 4322)
    with AppServer(create_app()) as worker:  # what each worker process builds
        assert SlackSender(worker.url).request("GET", "/healthz").json()["ok"] is True
    monkeypatch.setenv("WEB_CONCURRENCY", "many")
    assert main(["serve"]) == 2


def test_manifest_and_procfile():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    manifest = json.loads((root / "manifest.json").read_text())
    assert (root / "Procfile").read_text().strip() == "web: rapporteur serve"
    settings = manifest["settings"]
    assert sorted(settings["event_subscriptions"]["bot_events"]) == ["app_home_opened", "app_mention", "message.im"]
    assert settings["interactivity"]["is_enabled"] is True
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/wg"
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history"} <= scopes
    assert "chat:write.public" not in scopes  # "Share in channel" goes through response_url
    urls = [settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"], command["url"]]
    assert all(u.endswith("/slack/events") for u in urls)


def test_the_cli_does_not_import_slack():
    code = (
        "import sys, bot.cli; bot.cli.build_parser(); "
        "print([m for m in sys.modules if m.split('.')[0] in ('slack_bolt', 'slack_sdk', 'uvicorn')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
