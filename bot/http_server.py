"""The ASGI application for HTTP mode, served by uvicorn.

- ``POST /slack/events``: events, slash commands and interactivity, through Bolt's ASGI adapter
  (which verifies every request's signature: unsigned, forged or stale requests get 401).
- ``GET /healthz``: {ok, schema_version, counts}, for the platform's health checks.
- ``GET /calendar.ics``: the deadlines as a calendar feed, when ``knowledge.calendar`` exists.
"""
from __future__ import annotations

import asyncio
import importlib
import json
import logging

from slack_bolt import App, BoltResponse
from slack_bolt.adapter.asgi import SlackRequestHandler
from slack_bolt.adapter.asgi.http_request import AsgiHttpRequest
from slack_bolt.request import BoltRequest

from handlers.services import Services

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
            status, payload = await asyncio.to_thread(health, services)
            await _send(send, status, json.dumps(payload).encode(), "application/json")
        elif path == "/calendar.ics" and method == "GET":
            feed = await asyncio.to_thread(calendar_feed, services)
            if feed is None:
                await _send(send, 404, b"no calendar feed in this version", "text/plain; charset=utf-8")
            else:
                await _send(send, 200, feed, "text/calendar; charset=utf-8")
        else:
            await _send(send, 404, b"Not Found", "text/plain; charset=utf-8")

    return asgi


def health(services: Services) -> tuple[int, dict]:
    try:
        stats = services.kb().stats()
    except Exception as e:  # the database is unreadable: say so, with a status the platform sees
        log.exception("health check failed")
        return 503, {"ok": False, "error": f"{type(e).__name__}: {e}"}
    counts = {k: v for k, v in stats.items() if k not in ("schema_version", "groups")}
    return 200, {"ok": True, "schema_version": stats["schema_version"], "counts": counts}


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
    import os

    from .settings import SlackSettings, db_path
    from .slack_app import build_app

    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return build_asgi(build_app(SlackSettings(), db_path()[0]))
