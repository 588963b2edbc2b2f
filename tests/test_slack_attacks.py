"""What Slack, or an attacker, would send, and what the bot must make of it.

The app runs under uvicorn on loopback against the fake Web API (tests/slack_fakes.py), as in
test_slack_http.py. Each test sends what would arrive and checks what leaves: nothing typed or
imported can ping a channel or disguise a link, a replayed request changes nothing, junk is
turned away before it is parsed and in one log line, and the smaller holes of issue 14 stay shut.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
from datetime import date
from pathlib import Path

import pytest

import handlers.delivery
from bot.http_server import MAX_BODY_BYTES
from handlers.blocks import text_size
from knowledge.answering import Answer, Source
from knowledge.store import KnowledgeBase
from slack_fakes import (
    BOT_TOKEN,
    FORM,
    JSON,
    SIGNING_SECRET,
    action_body,
    serve_bot,
    sign,
    signed_headers,
    slash_body,
    view_submission_body,
)

TODAY = date(2020, 3, 10)
ADMIN, DELEGATE = "UADMIN0001", "UDELEGATE1"
HOSTILE = "<!channel> Budget & <draft> <http://evil.example|click>"
CALENDAR_TOKEN = "calendar-secret-0123456789"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("attacks") / "kb.sqlite")
    with KnowledgeBase(path) as kb:
        kb.add("deadlines", {"title": HOSTILE, "due": "2020-03-16", "send_to": "<mailto:x@evil.example|budget office>"})
        kb.add("partners", {"name": "<!here> Partner & co", "tier": "Tier 1"})
        for i in range(300):
            kb.add("recommendations", {"topic": "the topic", "text": f"Recommendation {i}: " + "the words of it " * 12})
    return path


@pytest.fixture(scope="module")
def server(fake, db):
    with serve_bot(
        fake,
        db,
        lambda: TODAY,
        RAPPORTEUR_ADMINS=ADMIN,
        RAPPORTEUR_CALENDAR_TOKEN=CALENDAR_TOKEN,
        RAPPORTEUR_PUBLIC_URL="https://rapporteur.example.org/",
    ) as s:
        yield s


@pytest.fixture
def hostile_answers(monkeypatch):
    """An answer engine whose every word is hostile: answer, source and suggestion."""

    def fake_answer(kb, question, today=None, group=None, context=None):
        return Answer(
            True,
            f"{HOSTILE} (you asked: {question})",
            0.9,
            [Source(HOSTILE, "12", HOSTILE)],
            [{"kind": "deadlines", "id": 1}],
            suggestions=[HOSTILE],
        )

    monkeypatch.setattr(handlers.delivery, "answer", fake_answer)


_names = iter(range(10**6))


def wg(slack, fake, text, *, user=DELEGATE, channel="C0ATT") -> dict:
    name = f"a{next(_names)}"
    slack.command(text, response_url=fake.response_url(name), user_id=user, channel_id=channel)
    return fake.wait_for("response_url", lambda c: c.path.endswith("/" + name))[0].body


def shown_texts(value) -> str:
    """Every string Slack shows of a message: all but button and option values, which only come back to us."""
    if isinstance(value, dict):
        return " ".join(shown_texts(v) for k, v in value.items() if k != "value")
    if isinstance(value, list):
        return " ".join(shown_texts(v) for v in value)
    return value if isinstance(value, str) else ""


def assert_inert(message: dict) -> None:
    """No ping, no link, no markup of anyone's making anywhere in what goes to Slack."""
    shown = shown_texts(message)
    for markup in ("<!channel>", "<!here>", "<http://evil", "<draft>", "<mailto:x@evil"):
        assert markup not in shown, f"{markup} reached Slack as markup"


def sentinel(slack, fake, channel="C-SENTINEL"):
    """A request known to be answered: once its answer is in, earlier requests had their chance."""
    slack.event(
        {
            "type": "app_mention",
            "user": "U0SENTINEL",
            "text": "<@UBOT> sentinel",
            "ts": f"{time.time():.6f}",
            "channel": channel,
        }
    )
    fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == channel, timeout=10)


# -- 1. nothing typed or imported pings or links ------------------------------------------------


def test_a_hostile_deadline_title_is_shown_as_written_in_lists(slack, fake):
    reply = wg(slack, fake, "deadlines all")
    assert_inert(reply)
    assert "&lt;!channel&gt; Budget &amp; &lt;draft&gt;" in reply["text"]  # the fallback text too


@pytest.mark.parametrize(
    "text",
    [
        "partners <!channel>",
        "recs &lt;!here&gt; budget",
        "doc <http://evil.example|x>",
        "history <!channel> 1",
        "meeting 12 <!channel>",
    ],
)
def test_the_askers_own_words_in_a_list_reply_are_escaped(slack, fake, text, hostile_answers):
    assert_inert(wg(slack, fake, text))


def test_answers_never_ping_in_slash_replies_threads_or_shared_messages(slack, fake, hostile_answers):
    reply = wg(slack, fake, "when is the <!channel> budget due?")
    assert_inert(reply)
    assert reply["text"].startswith("&lt;!channel&gt; Budget &amp;")
    slack.event({"type": "app_mention", "user": DELEGATE, "text": "<@UBOT> budget?", "ts": "1.1", "channel": "C0PING"})
    [posted] = fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "C0PING")
    assert_inert(posted.body)
    ref = next(
        e["value"]
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "feedback_up"
    )
    slack.action(
        {"action_id": "share_answer", "value": ref},
        user_id=DELEGATE,
        channel_id="C0ATT",
        response_url=fake.response_url("share-hostile"),
        ephemeral=True,
    )
    shared, _ = fake.wait_for("response_url", lambda c: c.path.endswith("/share-hostile"), count=2)
    assert_inert(shared.body)


def test_answers_do_not_unfurl_links(slack, fake, hostile_answers):
    slack.event({"type": "app_mention", "user": DELEGATE, "text": "<@UBOT> budget?", "ts": "2.1", "channel": "C0UNF"})
    [posted] = fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "C0UNF")
    assert posted.body["unfurl_links"] is False and posted.body["unfurl_media"] is False


# -- 2. a replayed request changes nothing ------------------------------------------------------


def replay(slack, body: str, content_type: str, times: int = 2) -> list[int]:
    """The same signed request, byte for byte, sent ``times`` times (within its five minutes)."""
    headers = signed_headers(body, content_type)
    return [slack.request("POST", "/slack/events", body, headers).status for _ in range(times)]


def count(db, sql: str, params=()) -> int:
    with KnowledgeBase(db) as kb:
        return kb.conn.execute(sql, params).fetchone()[0]


def test_a_replayed_admin_command_changes_the_knowledge_base_once(slack, fake, db):
    body = slash_body(
        "add deadline Replayed comments by 1 April 2020",
        response_url=fake.response_url("rp"),
        user_id=ADMIN,
        channel_id="C0ATT",
    )
    assert replay(slack, body, FORM, times=3) == [200, 200, 200]
    fake.wait_for("response_url", lambda c: c.path.endswith("/rp"))
    sentinel(slack, fake)
    assert count(db, "SELECT count(*) FROM deadlines WHERE title = 'Replayed comments'") == 1
    assert len(fake.calls_to("response_url", lambda c: c.path.endswith("/rp"))) == 1


def test_a_replayed_form_submission_saves_once(slack, fake, db):
    values = {
        b: {"value": {"type": "plain_text_input", "value": v}}
        for b, v in (("title", "Replayed form"), ("due", "2 April 2020"), ("send_to", None))
    }
    view = {
        "type": "modal",
        "callback_id": "deadline_form",
        "private_metadata": json.dumps({"id": None}),
        "state": {"values": values},
    }
    assert replay(slack, view_submission_body(view, user_id=ADMIN), FORM) == [200, 200]
    fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == ADMIN)
    sentinel(slack, fake)
    assert count(db, "SELECT count(*) FROM deadlines WHERE title = 'Replayed form'") == 1


def test_a_replayed_button_click_counts_once(slack, fake, db, hostile_answers):
    reply = wg(slack, fake, "a question to thumb down twice?")
    ref = next(
        e["value"]
        for b in reply["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "feedback_down"
    )
    body = action_body(
        {"action_id": "feedback_down", "value": ref},
        user_id=DELEGATE,
        channel_id="C0ATT",
        response_url=fake.response_url("thumbs"),
        ephemeral=True,
    )
    assert replay(slack, body, FORM) == [200, 200]
    fake.wait_for("response_url", lambda c: c.path.endswith("/thumbs"))
    sentinel(slack, fake)
    assert count(db, "SELECT count(*) FROM feedback WHERE question = ?", ["a question to thumb down twice?"]) == 1


# -- 3. junk is turned away cheaply -------------------------------------------------------------


def post_raw(server, body: bytes, headers: dict) -> tuple[int, bytes]:
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("POST", "/slack/events", body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def signed_bytes(body: bytes, content_type: str, timestamp: str | None = None) -> dict:
    import hashlib
    import hmac

    ts = timestamp or str(int(time.time()))
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + digest}


NOW = str(int(time.time()))
JUNK = [
    (
        "a bad signature on 900 KB",
        b"text=" + b"x" * 900_000,
        {"Content-Type": FORM, "X-Slack-Request-Timestamp": NOW, "X-Slack-Signature": "v0=" + "0" * 64},
        401,
    ),
    ("an unsigned body that is not UTF-8", b"\xff\xfe\xfd{", {"Content-Type": JSON}, 401),
    ("a signed body that is not UTF-8", b"\xff\xfe\xfd{", "signed", 400),
    ("signed malformed JSON", b'{"type": "event_callback", ', "signed", 400),
    ("signed JSON that is no object", b"[1, 2, 3]", "signed", 400),
    ("a signed payload= that is not JSON", b"payload=%7Bnot+json", "signed", 400),
    ("a signed payload= that is no object", b"payload=%5B1%5D", "signed", 400),
    (
        "Arabic-Indic digits in the timestamp",
        b"text=hi",
        "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660",
        401,
    ),
    ("a superscript digit in the timestamp", b"text=hi", "\u00b2", 401),
    ("a body over the limit, signed", b"text=" + b"x" * (MAX_BODY_BYTES + 1), "signed", 413),
]


@pytest.mark.parametrize("how, body, headers, status", JUNK, ids=[j[0] for j in JUNK])
def test_junk_gets_a_clear_status_one_log_line_and_no_traceback(server, fake, caplog, how, body, headers, status):
    if headers == "signed":
        headers = signed_bytes(body, JSON if body[:1] in b"{[\xff" else FORM)
    elif isinstance(headers, str):  # a timestamp to sign with, the way a forger would
        headers = {
            "Content-Type": FORM,
            "X-Slack-Request-Timestamp": headers,
            "X-Slack-Signature": sign(body.decode(), headers),
        }
        headers = {k: v.encode("utf-8").decode("latin-1") for k, v in headers.items()}
    fake.reset()
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        got, answer = post_raw(server, body, headers)
    assert got == status and json.loads(answer)["error"]
    records = [r for r in caplog.records if r.name.startswith(("rapporteur", "slack_bolt", "uvicorn"))]
    assert [r.name for r in records] == ["rapporteur.requests"], [r.getMessage()[:200] for r in records]
    line = json.loads(records[0].getMessage())
    assert line["status"] == status and line["refused"] and len(records[0].getMessage()) < 500
    assert not any(r.exc_info for r in caplog.records)
    assert fake.calls == []


def test_a_declared_body_over_the_limit_is_refused_before_it_is_sent(server):
    host, port = server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest("POST", "/slack/events")
        conn.putheader("Content-Type", FORM)
        conn.putheader("Content-Length", str(50 * MAX_BODY_BYTES))
        conn.endheaders()  # and not one byte of the body
        response = conn.getresponse()
        assert response.status == 413
    finally:
        conn.close()


@pytest.mark.parametrize("text", ["meeting \u00b2", "history deadline \u00b2", "meeting 99999999999999999999999"])
def test_digits_that_int_refuses_are_read_as_words_not_crashed_on(slack, fake, text, hostile_answers):
    reply = wg(slack, fake, text)
    assert "went wrong" not in reply["text"]


# -- 6. the smaller holes -----------------------------------------------------------------------


def test_a_dm_with_files_but_without_the_file_share_subtype_is_imported(slack, fake, db):
    data = (FIXTURES / "report_beta.txt").read_bytes()
    file = {
        "id": "F0BETA",
        "name": "report_beta.txt",
        "size": len(data),
        "url_private": fake.add_file("report_beta.txt", data),
    }
    slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "user": ADMIN,
            "channel": "D0FILES",
            "text": "our new report",
            "ts": "9100.1",
            "files": [file],
        }
    )
    [reply] = fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "D0FILES", timeout=10)
    assert reply.body["text"].startswith(":white_check_mark: Imported report_beta.txt")
    assert [c.token for c in fake.calls_to("file_download")] == [BOT_TOKEN]


def test_a_long_list_keeps_to_what_slack_takes_in_one_message(slack, fake):
    reply = wg(slack, fake, "recs the")
    assert text_size(reply["blocks"]) <= 12_000 and len(reply["text"]) <= 3000
    assert "cut short" in json.dumps(reply["blocks"])


def test_a_huge_question_is_not_stored_whole(slack, fake, db, hostile_answers):
    question = "what is due " + "very " * 100_000  # 500 KB, under the body limit
    wg(slack, fake, question)
    assert count(db, "SELECT max(length(question)) FROM slack_answers") <= 2000


def test_the_calendar_feed_wants_its_token(slack, fake):
    assert slack.request("GET", "/calendar.ics").status == 404
    assert slack.request("GET", "/calendar.ics?token=guess").status == 404
    feed = slack.request("GET", f"/calendar.ics?token={CALENDAR_TOKEN}")
    assert feed.status == 200 and feed.body.startswith(b"BEGIN:VCALENDAR")
    shown = wg(slack, fake, "calendar", user=ADMIN)["text"]
    assert f"https://rapporteur.example.org/calendar.ics?token={CALENDAR_TOKEN}" in shown
    assert CALENDAR_TOKEN not in wg(slack, fake, "calendar", user=DELEGATE)["text"]
