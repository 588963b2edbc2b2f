"""The ack never waits behind answering (issue 14, point 5), driven over HTTP as Slack drives it.

Bolt runs in its default mode with lazy listeners: ack functions on their own threads, answers on
the work pool (bot.slack_app). Here every work thread is held inside a slow answer, and Slack's
next requests must still be acknowledged, and a form still opened within its trigger's 3 seconds;
a rate limit asking for a long wait must not be slept out on a work thread. No timing is asserted
beyond the fakes' own waits: the slow answers are held on an Event until the checks are done.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

import handlers.delivery
from bot.slack_app import WORK_THREADS
from knowledge.answering import Answer, Source
from knowledge.store import KnowledgeBase
from slack_fakes import serve_bot

TODAY = date(2020, 3, 10)
ADMIN = "UADMIN0002"


@pytest.fixture(scope="module")
def server(fake, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("after_ack") / "kb.sqlite")
    with KnowledgeBase(db) as kb:
        kb.add("deadlines", {"title": "HLPF input", "due": "2020-03-16"})
    with serve_bot(fake, db, lambda: TODAY, RAPPORTEUR_ADMINS=ADMIN) as s:
        yield s


@pytest.fixture
def held_answers(monkeypatch):
    """Answers that hold their work thread until released; ``started`` counts those begun."""
    release, started, lock = threading.Event(), [], threading.Lock()
    all_started = threading.Condition(lock)

    def slow_answer(kb, question, today=None, group=None, context=None):
        with lock:
            started.append(question)
            all_started.notify_all()
        release.wait(30)
        return Answer(True, f"Answer to: {question}", 0.9, [Source("Report", "12")], [{"kind": "deadlines", "id": 1}])

    def wait_started(n: int) -> None:
        with lock:
            assert all_started.wait_for(lambda: len(started) >= n, 10), f"{len(started)} answers started, not {n}"

    monkeypatch.setattr(handlers.delivery, "answer", slow_answer)
    yield release, wait_started
    release.set()


def test_acks_and_forms_do_not_wait_behind_answers(slack, fake, held_answers):
    release, wait_started = held_answers
    for i in range(WORK_THREADS + 4):  # every work thread busy answering, and more waiting for one
        assert slack.command(f"slow question {i}?", response_url=fake.response_url(f"slow{i}")).status == 200
    wait_started(WORK_THREADS)
    # Slack's next requests, while no work thread is free:
    acked = slack.command("add deadline", response_url=fake.response_url("form"), user_id=ADMIN)
    assert acked.status == 200 and acked.body == b""
    [opened] = fake.wait_for("views.open", timeout=3)  # the trigger_id is good for 3 seconds
    assert opened.body["trigger_id"].startswith("trigger.")
    assert (
        slack.event(
            {"type": "app_mention", "user": "U1", "text": "<@UBOT> and me?", "ts": "1.1", "channel": "C-LATER"}
        ).status
        == 200
    )
    assert fake.calls_to("response_url") == []  # no answer went out: they were all still being worked out
    release.set()
    fake.wait_for(
        "response_url", lambda c: c.path.split("/")[-1].startswith("slow"), count=WORK_THREADS + 4, timeout=20
    )
    fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "C-LATER", timeout=20)


def test_a_long_retry_after_is_not_slept_out_and_the_asker_is_told(slack, fake, monkeypatch):
    monkeypatch.setattr(
        handlers.delivery, "answer", lambda kb, q, **kw: Answer(True, f"Answer to: {q}", 0.9, [Source("Report", "12")])
    )
    fake.fail(
        "chat.postMessage",
        "ratelimited",
        status=429,
        headers={"Retry-After": "120"},
        when=lambda body: body.get("channel") == "C-STORM",
    )
    slack.event({"type": "app_mention", "user": "U0ASKER1", "text": "<@UBOT> when?", "ts": "2.1", "channel": "C-STORM"})
    [told] = fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "U0ASKER1", timeout=5)
    assert "limiting how fast I can post" in told.body["text"]
    assert len(fake.calls_to("chat.postMessage", lambda c: c.body.get("channel") == "C-STORM")) == 1


# -- units, with mock ack / respond / client, as Bolt's starter template tests its listeners ------


@pytest.mark.parametrize("user, opened", [(ADMIN, 1), ("UDELEGATE9", 0)])
def test_the_wg_ack_opens_the_form_for_admins_only(tmp_path, user, opened):
    from types import SimpleNamespace
    from unittest.mock import Mock

    from handlers.commands import acknowledge_wg
    from handlers.services import Services

    services = Services(
        str(tmp_path / "u.sqlite"), settings=SimpleNamespace(admins=ADMIN, calendar_token=None, public_url=None)
    )
    ack, client, respond = Mock(), Mock(), Mock()
    acknowledge_wg(
        ack, {"text": "add  Deadline", "user_id": user, "trigger_id": "t.1"}, {"services": services}, client, respond
    )
    ack.assert_called_once_with()
    assert client.views_open.call_count == opened and respond.call_count == 0
    acknowledge_wg(
        ack,
        {"text": "add deadline Budget by 1 May 2020", "user_id": user, "trigger_id": "t.2"},
        {"services": services},
        client,
        respond,
    )
    assert client.views_open.call_count == opened  # a typed deadline is work for later, not a form


@pytest.mark.parametrize(
    "body, key",
    [
        ({"type": "event_callback", "event_id": "Ev1", "trigger_id": "ignored"}, "Ev1"),
        ({"command": "/wg", "trigger_id": "123.456.abc"}, "trigger:123.456.abc"),
        ({"type": "block_actions", "trigger_id": "9.9"}, "trigger:9.9"),
        ({"type": "view_submission", "trigger_id": "8.8"}, "trigger:8.8"),
        ({"type": "view_closed"}, None),
        ({"type": "event_callback"}, None),
    ],
)
def test_what_makes_a_request_the_one_it_is(body, key):
    from handlers.events.middleware import request_key

    assert request_key(body) == key


def test_the_pools_are_bounded_and_work_beyond_the_queue_is_dropped_with_a_log_line(caplog):
    import logging

    from bot.slack_app import BoundedExecutor, Busy, WorkRunner

    release = threading.Event()
    pool = BoundedExecutor(1, 2, "test-pool")
    try:
        futures = [pool.submit(release.wait, 10) for _ in range(3)]  # one running, two waiting
        with pytest.raises(Busy):
            pool.submit(release.wait, 10)
        runner = WorkRunner(logging.getLogger("rapporteur.slack"), pool)
        with caplog.at_level(logging.WARNING, logger="rapporteur.slack"):
            runner.start(lambda: None, request=None)  # refused before Bolt builds anything from the request
        assert [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
        release.set()
        for f in futures:
            f.result(timeout=10)
        pool.submit(lambda: None).result(timeout=10)  # room again once the queue drained
    finally:
        release.set()
        pool.shutdown()
