"""The Bolt app, built from settings: token, signing secret, and a Web API client that talks to
SLACK_API_URL when set and retries what is worth retrying.

Bolt runs here as it is meant to on a long-running server: in its default mode
(``process_before_response=False``), each listener acknowledging Slack in its ack function and
doing the real work in a ``lazy=`` function. The two run on separate bounded thread pools: acks on
``ACK_THREADS`` threads that never answer a question, work on ``WORK_THREADS``; so an ack never
waits behind answering, and a burst beyond the queues is refused with a log line instead of
piling up without end. A rate limit that asks for a long wait is not waited out on a work thread
(``ShortRateLimitRetryHandler``): the post fails, the asker is told, and the other answers go on.
Announcements have their own client and thread (bot.announcer), never these.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date

from slack_bolt import App
from slack_bolt.lazy_listener.thread_runner import ThreadLazyListenerRunner
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

# Ack functions are short (an ack, at most a form opened or a record saved): a few threads suffice.
ACK_THREADS, ACK_QUEUE = 8, 200
# Answering is CPU-bound under the GIL: more threads than this only take CPU from the acks.
WORK_THREADS, WORK_QUEUE = 4, 200
WEB_API_TIMEOUT_S = 10
MAX_RATE_LIMIT_WAIT_S = 3  # a longer Retry-After is not waited out on a work thread


class Busy(RuntimeError):
    """A bounded pool's queue is full."""


class BoundedExecutor(ThreadPoolExecutor):
    """A thread pool that holds at most ``queue_size`` tasks waiting for a thread: ``submit``
    raises Busy beyond that, rather than queueing without bound."""

    def __init__(self, threads: int, queue_size: int, name: str):
        super().__init__(threads, thread_name_prefix=name)
        self.name = name
        self._slots = threading.BoundedSemaphore(threads + queue_size)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        if not self._slots.acquire(blocking=False):
            raise Busy(f"{self.name}: every thread busy and the queue full")
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future


class WorkRunner(ThreadLazyListenerRunner):
    """Bolt's runner of lazy listeners, on the work pool; work refused by a full queue is logged."""

    def start(self, function, request) -> None:
        try:
            super().start(function, request)
        except Busy as e:
            self.logger.warning("dropped %s: %s", getattr(function, "__name__", function), e)


class ShortRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries HTTP 429 after Retry-After, but only when that is at most MAX_RATE_LIMIT_WAIT_S."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        wait = next((v[0] for k, v in response.headers.items() if k.lower() == "retry-after"), "1")
        return str(wait).isascii() and str(wait).isdigit() and int(wait) <= MAX_RATE_LIMIT_WAIT_S


def build_client(settings: SlackSettings) -> WebClient:
    """A Web API client that retries short rate limits (after Retry-After), dropped connections and
    Slack's 500/503s; errors such as channel_not_found are not retried, they are told."""
    kwargs = {"base_url": settings.api_url} if settings.api_url else {}
    return WebClient(
        token=settings.bot_token,
        timeout=WEB_API_TIMEOUT_S,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            ShortRateLimitRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=1),
        ],
        **kwargs,
    )


def build_app(settings: SlackSettings, db_path: str, *, today: Callable[[], date] | None = None) -> App:
    """The app with every listener registered. Calls auth.test once, to fail early on a bad token."""
    services = Services(db_path, today=today, settings=settings)
    # Bolt also reads SLACK_BOT_TOKEN itself and warns that our client's token wins: it is the same one.
    quiet = _Without("`token` will be unused")
    log.addFilter(quiet)
    try:
        app = App(
            name="rapporteur",
            client=build_client(settings),
            signing_secret=settings.signing_secret or "",
            process_before_response=False,
            listener_executor=BoundedExecutor(ACK_THREADS, ACK_QUEUE, "slack-ack"),
            logger=log,
        )
    finally:
        log.removeFilter(quiet)
    app.listener_runner.lazy_listener_runner = WorkRunner(log, BoundedExecutor(WORK_THREADS, WORK_QUEUE, "slack-work"))

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
