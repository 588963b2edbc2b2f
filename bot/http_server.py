"""The ASGI application for HTTP mode, served by uvicorn.

- ``POST /slack/events``: events, slash commands and interactivity, through Bolt's ASGI adapter
  (which verifies every request's signature: unsigned, forged or stale requests get 401).
- ``GET /healthz``: whether the knowledge base opens, its schema version and record counts, for the
  platform's health checks: 200 {ok: true, schema_version, counts}, or 503 {ok: false, error} when the
  file is missing, unreadable, not a database, or of another schema version than this code's.
- ``GET /calendar.ics``: the deadlines as a calendar feed, when ``knowledge.calendar`` exists.

Every HTTP request is logged in one JSON line on the ``rapporteur.requests`` logger (bot/request_log.py).
"""
from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import logging
import os
import stat
import threading

from slack_bolt import App, BoltResponse
from slack_bolt.adapter.asgi import SlackRequestHandler
from slack_bolt.adapter.asgi.http_request import AsgiHttpRequest
from slack_bolt.request import BoltRequest

from handlers.services import Services
from knowledge.schema import SCHEMA_VERSION
from knowledge.store import KnowledgeBase

from .request_log import RequestLog

log = logging.getLogger("rapporteur.http")

EVENTS_PATH = "/slack/events"


class ThreadedSlackRequestHandler(SlackRequestHandler):
    """Bolt's ASGI adapter, dispatching on a worker thread: ``App.dispatch`` is synchronous, and on
    the event loop every request would wait for the one before it."""

    async def dispatch(self, request: AsgiHttpRequest) -> BoltResponse:
        body = await request.get_raw_body()
        headers = request.get_headers()
        timestamp = headers.get("x-slack-request-timestamp")
        if timestamp is not None and not timestamp.isdigit():
            # A forged timestamp: refuse it here, as Bolt would fail on int() and answer 500.
            return BoltResponse(status=401, body=json.dumps({"error": "invalid request"}))
        bolt_request = BoltRequest(body=body, query=request.query_string, headers=headers)
        return await asyncio.to_thread(self.app.dispatch, bolt_request)


def build_asgi(app: App, services: Services | None = None):
    """The ASGI callable: Slack's requests to Bolt, plus /healthz and /calendar.ics."""
    services = services or app.services
    slack = ThreadedSlackRequestHandler(app, path=EVENTS_PATH)
    probe = HealthProbe(services.db_path)

    async def asgi(scope, receive, send):
        if scope["type"] == "lifespan":
            await slack(scope, receive, send)
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
        elif path == "/calendar.ics" and method == "GET":
            feed = await asyncio.to_thread(calendar_feed, services)
            if feed is None:
                await _send(send, 404, b"no calendar feed in this version", "text/plain; charset=utf-8")
            else:
                await _send(send, 200, feed, "text/calendar; charset=utf-8")
        else:
            await _send(send, 404, b"Not Found", "text/plain; charset=utf-8")

    return RequestLog(asgi, slack_path=EVENTS_PATH)


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
                raise RuntimeError(f"the knowledge base has schema version {stats['schema_version']}, "
                                   f"this Rapporteur expects {SCHEMA_VERSION}")
        except Exception as e:  # say so, with a status the platform sees
            self._drop()
            error = f"{type(e).__name__}: {e}"
            self._note(error)
            return 503, {"ok": False, "error": error, "expected_schema_version": SCHEMA_VERSION}
        self._note(None)
        counts = {k: v for k, v in stats.items() if k not in ("schema_version", "groups")}
        return 200, {"ok": True, "schema_version": stats["schema_version"], "counts": counts,
                     "groups": len(stats.get("groups") or [])}

    def _stats(self) -> dict:
        key = None
        if self.db_path != ":memory:":
            try:
                st = os.stat(self.db_path)
            except FileNotFoundError:
                raise FileNotFoundError("the knowledge base file does not exist") from None
            if not stat.S_ISREG(st.st_mode):
                raise IsADirectoryError("the knowledge base path is not a file") if stat.S_ISDIR(st.st_mode) \
                    else OSError("the knowledge base path is not a regular file")
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
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def create_app():
    """ASGI factory for uvicorn worker processes (WEB_CONCURRENCY > 1): each worker builds its own
    Bolt app from the environment; `rapporteur serve` sets RAPPORTEUR_DB for them."""
    from .request_log import configure_logging
    from .settings import SlackSettings, db_path
    from .slack_app import build_app

    configure_logging()
    return build_asgi(build_app(SlackSettings(), db_path()[0]))
