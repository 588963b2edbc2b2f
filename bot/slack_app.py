"""The Bolt app, built from settings: token, signing secret, and a Web API client that talks to
SLACK_API_URL when set and retries what is worth retrying."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Callable

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from handlers import register_listeners
from handlers.services import CONTEXT_KEY, Services

from .settings import SlackSettings

log = logging.getLogger("rapporteur.slack")

# Threads for the work after the ack: answering is CPU-bound under the GIL, so more threads only
# add waiting on Web API calls in parallel while taking CPU from the acks (measured in bench_slash).
LISTENER_THREADS = 8
WEB_API_TIMEOUT_S = 10


def build_client(settings: SlackSettings) -> WebClient:
    """A Web API client that retries rate limits (after Retry-After), dropped connections and
    Slack's 500/503s; errors such as channel_not_found are not retried, they are told."""
    kwargs = {"base_url": settings.api_url} if settings.api_url else {}
    return WebClient(
        token=settings.bot_token, timeout=WEB_API_TIMEOUT_S,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=1),
        ],
        **kwargs,
    )


def build_app(settings: SlackSettings, db_path: str, *, today: Callable[[], date] | None = None) -> App:
    """The app with every listener registered. Calls auth.test once, to fail early on a bad token.

    process_before_response=True: the HTTP response goes out when the listener returns, right after
    its ack(); the real work was handed to the listener thread pool (handlers.background). Nothing
    runs in the background before the response exists, so the order of things is deterministic.
    """
    services = Services(db_path, today=today)
    # Bolt also reads SLACK_BOT_TOKEN itself and warns that our client's token wins: it is the same one.
    quiet = _Without("`token` will be unused")
    log.addFilter(quiet)
    try:
        app = App(
            name="rapporteur",
            client=build_client(settings),
            signing_secret=settings.signing_secret or "",
            process_before_response=True,
            listener_executor=ThreadPoolExecutor(LISTENER_THREADS, thread_name_prefix="slack-listener"),
            logger=log,
        )
    finally:
        log.removeFilter(quiet)

    @app.use
    def inject_services(context, next):
        context[CONTEXT_KEY] = services
        return next()

    @app.error
    def log_error(error, body):
        # A listener failed: log it and carry on; the process keeps serving.
        log.error("listener failed on a %s request: %r", body.get("type") or body.get("command"), error, exc_info=error)

    register_listeners(app)
    app.services = services  # for the HTTP server's /healthz and /calendar.ics
    return app


class _Without(logging.Filter):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def filter(self, record: logging.LogRecord) -> bool:
        return self.text not in record.getMessage()
