"""The ASGI application for HTTP mode, served by uvicorn.

- ``POST /slack/events``: events, slash commands and interactivity. Junk is turned away before any
  of it is parsed or logged (``SlackEndpoint``): a body over MAX_BODY_BYTES gets 413, a missing,
  stale or wrong signature (checked on the raw bytes) 401, a signed body that is not what Slack
  sends (bad UTF-8, malformed JSON, a ``payload=`` that is no JSON object) 400; each is one log
  line and no traceback. What passes goes to Bolt (which checks the signature again).
- ``GET /healthz``: whether the knowledge base opens, its schema version and record counts, for the
  platform's health checks: 200 {ok: true, schema_version, counts}, or 503 {ok: false, error} when the
  file is missing, unreadable, not a database, or of another schema version than this code's.
- ``GET /calendar.ics``: the deadlines as a calendar feed; with RAPPORTEUR_CALENDAR_TOKEN set, only
  as ``/calendar.ics?token=THAT`` (anything else is 404), else public.

Every HTTP request is logged in one JSON line on the ``rapporteur.requests`` logger (bot/request_log.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import importlib
import json
import logging
import os
import stat
import threading
import time
import urllib.parse

from slack_bolt import App, BoltResponse
from slack_bolt.request import BoltRequest
from slack_bolt.request.internals import parse_body

from handlers.services import Services
from knowledge.schema import SCHEMA_VERSION
from knowledge.store import KnowledgeBase

from .request_log import REFUSED, VERIFIED, RequestLog

log = logging.getLogger("rapporteur.http")

EVENTS_PATH = "/slack/events"
# Slack's requests are a few kilobytes; a message event at Slack's 40,000-character limit, with its
# blocks, stays well under this. Larger bodies are refused (413) before they are read.
MAX_BODY_BYTES = 1024 * 1024
SIGNATURE_MAX_AGE_S = 5 * 60  # Slack's own rule: older (or later) timestamps are replays


class RefusedRequest(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def signature_matches(
    secret: str, body: bytes, timestamp: str | None, signature: str | None, now: float | None = None
) -> bool:
    """Slack's v0 signature over the raw bytes, within five minutes of now. Nothing is decoded
    first, so that a body that is not UTF-8 is refused as unsigned, not crashed on."""
    if not secret or not timestamp or not signature or not (timestamp.isascii() and timestamp.isdigit()):
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > SIGNATURE_MAX_AGE_S:
        return False
    expected = "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


class SlackEndpoint:
    """``POST /slack/events``: size, signature and shape checked, in that order, before Bolt sees a
    request; ``App.dispatch`` (synchronous) then runs on a worker thread, so that requests do not
    wait for each other on the event loop."""

    def __init__(self, app: App, signing_secret: str | None):
        self.app = app
        self.secret = signing_secret or ""

    async def __call__(self, scope, receive, send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        try:
            body = await self._body(headers, receive)
            if not signature_matches(
                self.secret, body, headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")
            ):
                raise RefusedRequest(401, "invalid or missing signature")
            scope[VERIFIED] = True
            text = self._checked(body, headers.get("content-type"))
        except RefusedRequest as e:  # the request's one log line says why (bot.request_log)
            scope[REFUSED] = e.reason
            await _send(send, e.status, json.dumps({"error": e.reason}).encode(), "application/json")
            return
        request = BoltRequest(body=text, query=scope.get("query_string", b"").decode("latin-1"), headers=headers)
        response: BoltResponse = await asyncio.to_thread(self.app.dispatch, request)
        raw_headers = [
            (k.encode("latin-1"), v.encode("latin-1"))
            for k, values in response.headers.items()
            if k.lower() != "content-length"
            for v in values
        ]
        data = response.body.encode() if isinstance(response.body, str) else (response.body or b"")
        await send(
            {
                "type": "http.response.start",
                "status": response.status,
                "headers": raw_headers + [(b"content-length", str(len(data)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": data})

    @staticmethod
    async def _body(headers: dict, receive) -> bytes:
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise RefusedRequest(413, f"body over {MAX_BODY_BYTES} bytes")
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                raise RefusedRequest(400, "the client went away")
            chunk = message.get("body") or b""
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise RefusedRequest(413, f"body over {MAX_BODY_BYTES} bytes")
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    @staticmethod
    def _checked(body: bytes, content_type: str | None) -> str:
        """The body as text, once it reads as Bolt will read it (a JSON object, or a form whose
        ``payload`` is one); else 400."""
        try:
            text = body.decode("utf-8")
            parsed = parse_body(text, (content_type or "").split(";")[0].strip() or None)
        except (UnicodeDecodeError, ValueError) as e:
            raise RefusedRequest(400, f"not a request Slack sends ({type(e).__name__})") from None
        if not isinstance(parsed, dict):
            raise RefusedRequest(400, "not a request Slack sends (no JSON object)")
        return text


def build_asgi(app: App, services: Services | None = None, *, signing_secret: str | None = None):
    """The ASGI callable: Slack's requests to Bolt, plus /healthz and /calendar.ics."""
    services = services or app.services
    secret = signing_secret if signing_secret is not None else getattr(services.settings, "signing_secret", None)
    slack = SlackEndpoint(app, secret)
    probe = HealthProbe(services.db_path)

    async def asgi(scope, receive, send):
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        path, method = scope.get("path", ""), scope.get("method", "GET")
        if path == EVENTS_PATH:
            if method != "POST":
                await _send(send, 405, b"use POST", "text/plain; charset=utf-8")
                return
            await slack(scope, receive, send)
        elif path == "/healthz" and method == "GET":
            status, payload = await asyncio.to_thread(probe.check)
            await _send(send, status, json.dumps(payload).encode(), "application/json")
        elif path == "/calendar.ics" and method == "GET" and calendar_allowed(services, scope):
            feed = await asyncio.to_thread(calendar_feed, services)
            if feed is None:
                await _send(send, 404, b"no calendar feed in this version", "text/plain; charset=utf-8")
            else:
                await _send(send, 200, feed, "text/calendar; charset=utf-8")
        else:
            await _send(send, 404, b"Not Found", "text/plain; charset=utf-8")

    return RequestLog(asgi, slack_path=EVENTS_PATH)


def calendar_allowed(services: Services, scope) -> bool:
    """The feed is public unless a calendar token is set; then ?token= must carry it."""
    token = getattr(services.settings, "calendar_token", None)
    if not token:
        return True
    given = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
    return hmac.compare_digest(given.encode(), token.encode())


async def _lifespan(receive, send) -> None:
    message = await receive()
    if message["type"] == "lifespan.startup":
        await send({"type": "lifespan.startup.complete"})
        message = await receive()
    if message["type"] == "lifespan.shutdown":
        await send({"type": "lifespan.shutdown.complete"})


class HealthProbe:
    """Opens the knowledge base file as a new worker would, and reads its schema version and counts.

    Each thread keeps its probe connection while the file stays the same one (device, inode, size and
    modification time), and opens it anew when the file was replaced, rewritten or removed, or after a
    failure: a connection kept across a change would go on reading the file that was.
    """

    def __init__(self, db_path: str):
        self.db_path = db_path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._last_error: str | None = None

    def check(self) -> tuple[int, dict]:
        try:
            stats = self._stats()
            if stats["schema_version"] != SCHEMA_VERSION:
                raise RuntimeError(
                    f"the knowledge base has schema version {stats['schema_version']}, "
                    f"this Rapporteur expects {SCHEMA_VERSION}"
                )
        except Exception as e:  # say so, with a status the platform sees
            self._drop()
            error = f"{type(e).__name__}: {e}"
            self._note(error)
            return 503, {"ok": False, "error": error, "expected_schema_version": SCHEMA_VERSION}
        self._note(None)
        counts = {k: v for k, v in stats.items() if k not in ("schema_version", "groups")}
        return 200, {
            "ok": True,
            "schema_version": stats["schema_version"],
            "counts": counts,
            "groups": len(stats.get("groups") or []),
        }

    def _stats(self) -> dict:
        key = None
        if self.db_path != ":memory:":
            try:
                st = os.stat(self.db_path)
            except FileNotFoundError:
                raise FileNotFoundError("the knowledge base file does not exist") from None
            if not stat.S_ISREG(st.st_mode):
                raise (
                    IsADirectoryError("the knowledge base path is not a file")
                    if stat.S_ISDIR(st.st_mode)
                    else OSError("the knowledge base path is not a regular file")
                )
            key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        kb = getattr(self._local, "kb", None)
        if kb is None or self._local.key != key:
            self._drop()
            kb = KnowledgeBase(self.db_path, migrate=False)  # a probe never writes: no migration here
            self._local.kb, self._local.key = kb, key
        return kb.stats()

    def _drop(self) -> None:
        kb = getattr(self._local, "kb", None)
        self._local.kb = None
        if kb is not None:
            with contextlib.suppress(Exception):  # a connection to a broken file may not close cleanly
                kb.close()

    def _note(self, error: str | None) -> None:
        """Log changes of state only: a platform probing every few seconds would flood the log."""
        with self._lock:
            changed, self._last_error = error != self._last_error, error
        if changed and error:
            log.error("health check failed: %s", error)
        elif changed:
            log.info("health check passes again")


def calendar_feed(services: Services) -> bytes | None:
    """knowledge.calendar.ics_feed(kb), or None while that module does not exist."""
    try:
        module = importlib.import_module("knowledge.calendar")
    except ImportError as e:
        if e.name in ("knowledge.calendar", None):
            return None
        raise
    feed = module.ics_feed(services.kb())
    return feed.encode() if isinstance(feed, str) else feed


async def _send(send, status: int, body: bytes, content_type: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app():
    """ASGI factory for uvicorn worker processes (WEB_CONCURRENCY > 1): each worker builds its own
    Bolt app from the environment; `rapporteur serve` sets RAPPORTEUR_DB for them."""
    from .request_log import configure_logging
    from .settings import SlackSettings, db_path
    from .slack_app import build_app

    settings = SlackSettings()
    configure_logging(settings.log_level, secrets=settings.secrets)
    return build_asgi(build_app(settings, db_path()[0]))
