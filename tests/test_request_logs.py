"""Request logs, secrets kept out of every log line, and /healthz when the knowledge base breaks.

The app runs under uvicorn in a thread (as in test_slack_http); the "rapporteur.requests" records are
captured with caplog. One test runs `rapporteur serve` itself as a subprocess, to see the lines as the
platform sees them on stderr, with the logging configuration serve installs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.http_server import build_asgi
from bot.request_log import REDACTED, REQUEST_LOGGER, LineFormatter, RequestLog, SecretFilter, install_secret_filter
from bot.settings import SlackSettings
from bot.slack_app import build_app
from handlers.commands.registry import SUBCOMMANDS, subcommand
from knowledge.schema import SCHEMA_VERSION
from knowledge.store import KnowledgeBase
from slack_fakes import (
    BOT_TOKEN,
    BOT_USER_ID,
    FORM,
    SIGNING_SECRET,
    TEAM_ID,
    AppServer,
    FakeSlack,
    SlackSender,
    slash_body,
)

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"time", "method", "path", "status", "duration_ms"}


def copy_of(sample_db, path: Path) -> str:
    with KnowledgeBase(sample_db) as source:
        source.backup(path)
    return str(path)


def settings_for(fake: FakeSlack) -> SlackSettings:
    return SlackSettings(
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url}
    )


@pytest.fixture(scope="module")
def server(fake, sample_db, tmp_path_factory):
    db = copy_of(sample_db, tmp_path_factory.mktemp("logs") / "kb.sqlite")
    with AppServer(build_asgi(build_app(settings_for(fake), db))) as s:
        yield s


def request_lines(caplog) -> list[dict]:
    records = [r for r in caplog.records if r.name == REQUEST_LOGGER]
    for r in records:
        assert "\n" not in r.getMessage()
    return [json.loads(r.getMessage()) for r in records]


def at(name):
    return lambda c: c.path.endswith("/" + name)


def mention(text, *, channel, user="U1"):
    return {
        "type": "app_mention",
        "user": user,
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": f"{time.time():.6f}",
        "channel": channel,
    }


# -- one JSON line per request ------------------------------------------------------------------


def test_one_json_line_per_request_with_status_path_and_slack_ids(slack, fake, caplog):
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    responses = [
        slack.command("deadlines next week", response_url=fake.response_url("logs1"), user_id="U7", channel_id="C7"),
        slack.request(
            "POST",
            "/slack/events",
            slash_body("secret question", response_url=fake.response_url("x")),
            {"Content-Type": FORM},
        ),  # unsigned
        slack.request("GET", "/healthz"),
        slack.request("GET", "/nope"),
        slack.event(mention("when is the HLPF input deadline?", channel="C8", user="U8"), retry=1),
        slack.action(
            {"action_id": "feedback_up", "value": "no-such-answer"},
            user_id="U9",
            channel_id="C9",
            response_url=fake.response_url("act1"),
        ),
    ]
    fake.wait_for("response_url", at("logs1"))
    fake.wait_for("response_url", at("act1"))
    fake.wait_for("chat.postMessage", lambda c: c.body.get("channel") == "C8")

    lines = request_lines(caplog)
    assert [r.status for r in responses] == [200, 401, 200, 404, 200, 200]
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("POST", "/slack/events", 200),
        ("POST", "/slack/events", 401),
        ("GET", "/healthz", 200),
        ("GET", "/nope", 404),
        ("POST", "/slack/events", 200),
        ("POST", "/slack/events", 200),
    ]
    for line, response in zip(lines, responses, strict=True):
        assert KEYS <= set(line) and line["status"] == response.status
        assert isinstance(line["duration_ms"], float) and 0 <= line["duration_ms"] < 5000
        assert line["time"].endswith("Z")
    command, unsigned, health, missing, event, action = lines
    assert command == {**command, "kind": "command", "type": "/wg", "team": TEAM_ID, "user": "U7", "channel": "C7"}
    assert "kind" not in unsigned and unsigned["refused"] == "invalid or missing signature"  # junk is not parsed
    assert event == {
        **event,
        "kind": "event",
        "type": "app_mention",
        "team": TEAM_ID,
        "user": "U8",
        "channel": "C8",
        "retry": 1,
    }
    assert action == {
        **action,
        "kind": "action",
        "type": "block_actions",
        "action_id": "feedback_up",
        "user": "U9",
        "channel": "C9",
        "team": TEAM_ID,
    }
    assert "kind" not in health and "kind" not in missing
    # identifiers only: no text anyone typed, no verification token, no response_url
    shown = json.dumps(lines)
    for text in ("next week", "secret question", "HLPF", "legacy", "response", "no-such-answer"):
        assert text not in shown


def test_request_lines_are_bare_json_on_the_platforms_log():
    record = logging.LogRecord(REQUEST_LOGGER, logging.INFO, __file__, 1, '{"path":"/healthz"}', None, None)
    other = logging.LogRecord("rapporteur.slack", logging.WARNING, __file__, 1, "post failed: %s", ("x",), None)
    formatter = LineFormatter("%(levelname)s %(name)s: %(message)s")
    assert formatter.format(record) == '{"path":"/healthz"}'
    assert formatter.format(other) == "WARNING rapporteur.slack: post failed: x"


def test_a_failing_app_is_logged_as_500():
    async def broken(scope, receive, send):
        raise RuntimeError("boom")

    records = []
    logger = logging.getLogger("test.request_log.broken")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        pass

    scope = {"type": "http", "method": "GET", "path": "/healthz", "headers": []}
    with pytest.raises(RuntimeError):
        asyncio.run(RequestLog(broken, logger=logger)(scope, receive, send))
    [record] = records
    line = json.loads(record.getMessage())
    assert (line["status"], line["error"], line["path"]) == (500, "RuntimeError", "/healthz")


# -- no secret in any log line ------------------------------------------------------------------


@pytest.fixture
def leaky_subcommand():
    """/wg leak: a Web API call that fails, raised to the command handler, which logs the exception."""

    @subcommand("leak", usage="leak", summary="fails")
    def leak(inv):
        inv.client.chat_postMessage(channel=inv.channel_id, text="hello")

    yield
    SUBCOMMANDS.pop("leak", None)


def test_no_token_or_signing_secret_in_any_log_line_even_after_web_api_failures(slack, fake, caplog, leaky_subcommand):
    caplog.set_level(logging.DEBUG)  # everything: Bolt's and slack_sdk's debug lines too
    install_secret_filter([BOT_TOKEN, SIGNING_SECRET], handlers=[caplog.handler])  # what serve installs
    # A Slack (or a proxy) whose error echoes the credentials it was sent: the worst case for a log line.
    fake.fail("chat.postMessage", f"invalid_auth for {BOT_TOKEN} signed with {SIGNING_SECRET}", times=3)

    assert slack.command("leak", response_url=fake.response_url("leak")).status == 200
    fake.wait_for("response_url", at("leak"))  # the apology, after the exception was logged
    assert slack.event(mention("when is the HLPF input deadline?", channel="C-LEAK")).status == 200
    fake.wait_for("chat.postMessage", count=3)  # the /wg leak post, the answer, the DM saying it failed
    assert slack.request("POST", "/slack/events", "token=" + BOT_TOKEN, {"Content-Type": FORM}).status == 401
    logging.getLogger("rapporteur.slack").error("settings were %s and %s", BOT_TOKEN, SIGNING_SECRET)

    failures = [r for r in caplog.records if r.exc_info and "invalid_auth" in str(r.exc_info[1])]
    assert failures and BOT_TOKEN in str(failures[0].exc_info[1])  # the exception itself did carry the token
    text = caplog.text
    assert "Traceback" in text and "invalid_auth for xoxb-" + REDACTED in text
    assert f"settings were xoxb-{REDACTED} and {REDACTED}" in text
    for record in caplog.records:
        for part in (record.getMessage(), record.exc_text or "", record.stack_info or ""):
            assert BOT_TOKEN not in part and SIGNING_SECRET not in part
    assert BOT_TOKEN not in text and SIGNING_SECRET not in text
    assert len(request_lines(caplog)) == 3


def test_secret_filter_redacts_values_tokens_and_tracebacks():
    f = SecretFilter(["s3cret-signing-value", "abc", None])  # too short to redact: "abc"
    assert (
        f.redact("a xoxp-1-2-abc and xapp-1-A1-xyz, s3cret-signing-value")
        == f"a xoxp-{REDACTED} and xapp-{REDACTED}, {REDACTED}"
    )
    assert f.redact("abc") == "abc"
    try:
        raise ValueError("s3cret-signing-value")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed: %s", ("xoxb-9-9",), sys.exc_info())
    assert f.filter(record) is True
    assert record.getMessage() == f"failed: xoxb-{REDACTED}"
    assert "s3cret-signing-value" not in logging.Formatter().format(record)


def test_serve_writes_json_request_lines_and_no_secret_to_stderr(fake, sample_db, tmp_path):
    db = copy_of(sample_db, tmp_path / "kb.sqlite")
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "RAPPORTEUR_DB": db,
        "LOG_LEVEL": "INFO",
        "RAPPORTEUR_ANNOUNCER": "off",
        "WEB_CONCURRENCY": "1",
    }
    env.pop("SLACK_APP_TOKEN", None)
    fake.reset()
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        sender = SlackSender(f"http://127.0.0.1:{port}")
        answered = wait_healthy(sender, proc)
        fake.fail("chat.postMessage", f"invalid_auth for {BOT_TOKEN}", times=2)
        statuses = [
            sender.event(mention("when is the HLPF input deadline?", channel="C-SERVE")).status,
            sender.request("POST", "/slack/events", "x=1", {"Content-Type": FORM}).status,
            sender.request("GET", "/healthz").status,
        ]
        fake.wait_for("chat.postMessage", count=2, timeout=10)  # the answer, then the DM saying why it failed
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert statuses == [200, 401, 200]
    out = log_path.read_text()
    assert BOT_TOKEN not in out and SIGNING_SECRET not in out
    assert f"chat.postMessage to C-SERVE failed: invalid_auth for xoxb-{REDACTED}" in out
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert len(lines) == answered + 3  # the health checks that got an answer, then ours
    assert [(line["path"], line["status"]) for line in lines[-3:]] == [
        ("/slack/events", 200),
        ("/slack/events", 401),
        ("/healthz", 200),
    ]
    assert lines[-3]["kind"] == "event" and lines[-3]["channel"] == "C-SERVE"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(sender: SlackSender, proc: subprocess.Popen, timeout: float = 15) -> int:
    """Poll /healthz until it answers 200; returns how many polls got an HTTP answer."""
    answered, deadline = 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"rapporteur serve exited with status {proc.returncode}"
        try:
            status = sender.request("GET", "/healthz").status
        except OSError:
            time.sleep(0.02)
            continue
        answered += 1
        if status == 200:
            return answered
    raise AssertionError("rapporteur serve did not become healthy")


# -- /healthz when the knowledge base breaks ----------------------------------------------------


def break_file(path: Path, how: str) -> None:
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    if how == "directory":
        path.unlink()
        path.mkdir()
    elif how == "corrupt":
        path.write_bytes(b"this is not a SQLite database, whatever it once was. " * 200)
    elif how == "missing":
        path.unlink()


@pytest.mark.parametrize(
    "how, error",
    [
        ("directory", "IsADirectoryError: the knowledge base path is not a file"),
        ("corrupt", "DatabaseError: file is not a database"),
        ("missing", "FileNotFoundError: the knowledge base file does not exist"),
        ("newer schema", f"schema version {SCHEMA_VERSION + 1}, this Rapporteur expects {SCHEMA_VERSION}"),
    ],
)
def test_healthz_is_503_when_the_knowledge_base_cannot_be_opened(fake, sample_db, tmp_path, caplog, how, error):
    db = Path(copy_of(sample_db, tmp_path / "kb.sqlite"))
    with AppServer(build_asgi(build_app(settings_for(fake), str(db)))) as server:
        sender = SlackSender(server.url)
        ok = sender.request("GET", "/healthz")
        assert ok.status == 200 and ok.json()["ok"] is True
        assert ok.json()["schema_version"] == SCHEMA_VERSION and ok.json()["counts"]["paragraphs"] > 0
        if how == "newer schema":
            with KnowledgeBase(db) as kb:
                kb.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
        else:
            break_file(db, how)
        for _ in range(3):  # whichever worker thread (and its kept connection) answers
            r = sender.request("GET", "/healthz")
            assert r.status == 503 and r.headers["content-type"] == "application/json"
            data = r.json()
            assert data["ok"] is False and error in data["error"] and str(db) not in data["error"]
    assert [r.getMessage() for r in caplog.records if r.name == "rapporteur.http"] == [
        f"health check failed: {data['error']}"
    ]  # once, not at every probe


def test_healthz_recovers_when_the_file_is_back(fake, sample_db, tmp_path):
    db = Path(copy_of(sample_db, tmp_path / "kb.sqlite"))
    with AppServer(build_asgi(build_app(settings_for(fake), str(db)))) as server:
        sender = SlackSender(server.url)
        shutil.move(db, tmp_path / "aside.sqlite")
        assert sender.request("GET", "/healthz").status == 503
        shutil.move(tmp_path / "aside.sqlite", db)
        r = sender.request("GET", "/healthz")
        assert r.status == 200 and r.json()["ok"] is True and r.json()["groups"] == 1
