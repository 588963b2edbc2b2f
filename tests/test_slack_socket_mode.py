"""`rapporteur serve` in Socket Mode, run as Slack runs it: no public URL, one websocket.

The fake Web API answers apps.connections.open with the ws:// URL of a stand-in Socket Mode server
on loopback (tests/slack_fakes.py); the app connects through Bolt's Socket Mode adapter as `serve`
builds it (bot.cli_serve.socket_mode_handler). The stand-in sends envelopes as Slack does — a /wg
command, an app_mention, a block_actions click, a disconnect asking the app to reconnect — and
checks that each is acknowledged with its envelope_id within Slack's 3 seconds and answered once.
"""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

import handlers.delivery
from bot.cli_serve import socket_mode_handler
from bot.settings import SlackSettings
from bot.slack_app import build_app
from knowledge.answering import Answer, Source
from knowledge.store import KnowledgeBase
from slack_fakes import (
    BOT_TOKEN,
    BOT_USER_ID,
    DISCONNECT,
    FakeSlack,
    SocketModeServer,
    event_envelope,
    interactive_envelope,
    slash_envelope,
)

TODAY = date(2020, 3, 10)
APP_TOKEN = "xapp-1-A1-stand-in"


@pytest.fixture
def canned(monkeypatch):
    def fake_answer(kb, question, today=None, group=None, context=None):
        return Answer(True, f"Answer to: {question}", 0.9, [Source("Report", "12")], [{"kind": "deadlines", "id": 1}])

    monkeypatch.setattr(handlers.delivery, "answer", fake_answer)


@pytest.fixture
def connected(tmp_path, canned):
    """(fake Web API, stand-in Socket Mode server), with the app connected to the latter."""
    db = str(tmp_path / "kb.sqlite")
    with KnowledgeBase(db) as kb:
        kb.add("deadlines", {"title": "HLPF input", "due": "2020-03-16"})
    with FakeSlack() as fake, SocketModeServer() as socket_mode:
        fake.socket_mode_url = socket_mode.url
        settings = SlackSettings(
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN, "SLACK_API_URL": fake.api_url}
        )
        assert settings.problem() is None and settings.socket_mode
        handler = socket_mode_handler(build_app(settings, db, today=lambda: TODAY), settings)
        handler.connect()
        try:
            socket_mode.wait_for_connections(1)
            yield fake, socket_mode
        finally:
            handler.close()


def answered(fake, where, *, method="response_url"):
    return fake.calls_to(method, where)


def test_envelopes_are_acknowledged_by_id_and_answered_once_across_a_reconnect(connected):
    fake, socket_mode = connected
    [opened] = fake.calls_to("apps.connections.open")
    assert opened.token == APP_TOKEN  # the app-level token opens the connection, the bot token answers

    # a /wg command: acked (empty, so nothing shows), answered through its response_url
    socket_mode.send(
        slash_envelope(
            "env-cmd-1", "when is the HLPF input deadline?", response_url=fake.response_url("sm-cmd"), channel_id="C-SM"
        )
    )
    assert socket_mode.wait_for_ack("env-cmd-1") == {"envelope_id": "env-cmd-1"}
    [reply] = fake.wait_for("response_url", lambda c: c.path.endswith("/sm-cmd"))
    assert reply.body["text"].startswith("Answer to: when is the HLPF input deadline?")

    # an app_mention, and Slack's retry of the same event: answered once, in the thread
    mention = {
        "type": "app_mention",
        "user": "U1",
        "text": f"<@{BOT_USER_ID}> when is it due?",
        "ts": "5.1",
        "channel": "C-SM",
    }
    socket_mode.send(event_envelope("env-ev-1", mention, event_id="EvSOCKET1"))
    socket_mode.wait_for_ack("env-ev-1")
    socket_mode.send(event_envelope("env-ev-2", mention, event_id="EvSOCKET1", retry_attempt=1))
    socket_mode.wait_for_ack("env-ev-2")
    [posted] = fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "C-SM")
    assert posted.body["thread_ts"] == "5.1" and posted.token == BOT_TOKEN

    # a block_actions click on the answer's 👍
    ref = next(
        e["value"]
        for b in reply.body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == "feedback_up"
    )
    socket_mode.send(
        interactive_envelope(
            "env-act-1",
            {"action_id": "feedback_up", "value": ref},
            channel_id="C-SM",
            response_url=fake.response_url("sm-act"),
            ephemeral=True,
        )
    )
    socket_mode.wait_for_ack("env-act-1")
    [thanks] = fake.wait_for("response_url", lambda c: c.path.endswith("/sm-act"))
    assert thanks.body["text"].startswith("Thanks")

    # Slack asks for a reconnection: the app opens a new connection and carries on there
    socket_mode.send(DISCONNECT)
    socket_mode.wait_for_connections(2)
    assert len(fake.calls_to("apps.connections.open")) == 2
    socket_mode.send(
        slash_envelope("env-cmd-2", "deadlines all", response_url=fake.response_url("sm-after"), channel_id="C-SM")
    )
    socket_mode.wait_for_ack("env-cmd-2")
    [after] = fake.wait_for("response_url", lambda c: c.path.endswith("/sm-after"))
    assert "HLPF input" in json.dumps(after.body)

    # and once: a sentinel's answer is in, so anything else would have come by now
    socket_mode.send(slash_envelope("env-sentinel", "help", response_url=fake.response_url("sm-sentinel")))
    fake.wait_for("response_url", lambda c: c.path.endswith("/sm-sentinel"))
    time.sleep(0.05)  # not a timing assertion: a short grace for a duplicate already in flight
    assert len(answered(fake, lambda c: c.path.endswith("/sm-cmd"))) == 1
    assert len(answered(fake, lambda c: c.body.get("channel") == "C-SM", method="chat.postMessage")) == 1
    assert len(answered(fake, lambda c: c.path.endswith("/sm-act"))) == 1
