"""One structured log line per HTTP request, and no secret in any log line.

``RequestLog`` is an ASGI middleware: for every HTTP request it logs one JSON object on the
``rapporteur.requests`` logger (INFO), e.g.

    {"time":"2024-05-02T09:30:01.123Z","method":"POST","path":"/slack/events","status":200,
     "duration_ms":4.21,"kind":"command","type":"/wg","team":"T0001","user":"U1","channel":"C1"}

For Slack's requests it adds what kind of request it was (command, event or action), its type (the
command, the event type, the interaction type) and the team, user and channel IDs, read from the body
as it passes through to Bolt. It never logs a header, a token, the signing secret, the request body or
the text anyone typed. The line is written as the response starts (every response here is one body
right after its headers): duration_ms is the time until then, and the line exists before the client
has a byte of its answer.

``SecretFilter`` redacts the Slack tokens and the signing secret (their values, and anything shaped
like a Slack token: xoxb-..., xoxp-..., xapp-...) from every record, its traceback included.
``configure_logging`` sets up the process's logging the way `rapporteur serve` wants it: request lines
as bare JSON, everything else as "time level logger: message", the filter on every handler.
"""

from __future__ import annotations

import json
import logging
import re
import time
import urllib.parse
from collections.abc import Iterable
from datetime import datetime, timezone

REQUEST_LOGGER = "rapporteur.requests"
request_log = logging.getLogger(REQUEST_LOGGER)

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# The ASGI scope key the Slack endpoint sets once a request's signature checked out: only then are
# its IDs read from the body for the log line (junk is never parsed, let alone logged).
VERIFIED = "rapporteur.verified"
REFUSED = "rapporteur.refused"  # and why the endpoint refused one, if it did: the line says so

MAX_PARSED_BODY = 256 * 1024  # larger bodies are passed on untouched, and logged without their IDs
MAX_PATH = 200

_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_NAME = re.compile(r"[A-Za-z0-9_./:-]{1,64}")


# -- the middleware -------------------------------------------------------------------------------


class RequestLog:
    """ASGI middleware: one JSON line per HTTP request on the ``rapporteur.requests`` logger."""

    def __init__(self, app, *, slack_path: str = "/slack/events", logger: logging.Logger = request_log):
        self.app = app
        self.slack_path = slack_path
        self.log = logger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started, wall = time.perf_counter(), time.time()
        status: int | None = None
        logged = False
        body: list[bytes] = []
        size = 0
        slack = scope.get("path") == self.slack_path

        def emit(error: str | None = None) -> None:
            nonlocal logged
            logged = True
            try:
                line = {
                    "time": _iso(wall),
                    "method": scope.get("method"),
                    "path": (scope.get("path") or "")[:MAX_PATH],
                    "status": status if status is not None else (500 if error else None),
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                }
                if slack and size <= MAX_PARSED_BODY and scope.get(VERIFIED):
                    line.update(slack_fields(b"".join(body), scope.get("headers") or []))
                if scope.get(REFUSED):
                    line["refused"] = scope[REFUSED]
                if error:
                    line["error"] = error
                self.log.info(json.dumps(line, separators=(",", ":")))
            except Exception:  # a log line is never worth a failed request
                self.log.exception("could not log a request")

        async def receive_body():
            nonlocal size
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body") or b""
                size += len(chunk)
                if size <= MAX_PARSED_BODY:
                    body.append(chunk)
            return message

        async def send_logged(message):
            nonlocal status
            if message["type"] == "http.response.start" and not logged:
                status = message["status"]
                emit()
            await send(message)

        try:
            await self.app(scope, receive_body if slack else receive, send_logged)
        except BaseException as e:
            if not logged:
                emit(type(e).__name__)
            raise
        if not logged:
            emit()


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def slack_fields(body: bytes, headers: Iterable[tuple[bytes, bytes]]) -> dict:
    """kind, type, team, user and channel of a Slack request; only identifiers, never text."""
    content_type, retry = "", None
    for name, value in headers:
        name = name.lower()
        if name == b"content-type":
            content_type = value.decode("latin-1").lower()
        elif name == b"x-slack-retry-num":
            retry = value.decode("latin-1")
    out: dict = {}
    try:
        if "json" in content_type:
            _event_fields(json.loads(body), out)
        elif "form" in content_type:
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), max_num_fields=100)
            if "payload" in form:
                _action_fields(json.loads(form["payload"][0]), out)
            elif "command" in form:
                out.update(
                    kind="command",
                    type=_name(form["command"][0]),
                    team=_id(form.get("team_id", [None])[0]),
                    user=_id(form.get("user_id", [None])[0]),
                    channel=_id(form.get("channel_id", [None])[0]),
                )
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        pass  # not what Slack sends (Bolt answers it); the line keeps method, path and status
    if retry is not None and retry.isdigit():
        out["retry"] = int(retry)
    return {k: v for k, v in out.items() if v is not None}


def _event_fields(payload: dict, out: dict) -> None:
    event = payload.get("event") if isinstance(payload.get("event"), dict) else {}
    out.update(
        kind="event",
        type=_name(event.get("type") or payload.get("type")),
        team=_id(payload.get("team_id")),
        user=_id(event.get("user")),
        channel=_id(event.get("channel")),
    )


def _action_fields(payload: dict, out: dict) -> None:
    container = payload.get("container") if isinstance(payload.get("container"), dict) else {}
    out.update(
        kind="action",
        type=_name(payload.get("type")),
        team=_id(_get_id(payload.get("team"))),
        user=_id(_get_id(payload.get("user"))),
        channel=_id(_get_id(payload.get("channel")) or container.get("channel_id")),
    )
    actions = payload.get("actions")
    if isinstance(actions, list) and actions and isinstance(actions[0], dict):
        out["action_id"] = _name(actions[0].get("action_id"))
    view = payload.get("view")
    if isinstance(view, dict):
        out["callback_id"] = _name(view.get("callback_id"))


def _get_id(value) -> str | None:
    return value.get("id") if isinstance(value, dict) else value


def _id(value) -> str | None:
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def _name(value) -> str | None:
    return value if isinstance(value, str) and _NAME.fullmatch(value) else None


# -- secrets out of every log line -------------------------------------------------------------------

REDACTED = "[redacted]"
_TOKEN = re.compile(r"(xox[a-z]|xapp)-[A-Za-z0-9-]+")
MIN_SECRET_LENGTH = 6  # a shorter "secret" would redact ordinary words; Slack's are 32+ characters


class SecretFilter(logging.Filter):
    """Redacts the given secret values, and anything shaped like a Slack token, from every record it
    sees: its message, its traceback and its stack. Put it on handlers (a filter on a logger does not
    see its children's records)."""

    def __init__(self, secrets: Iterable[str | None] = ()):
        super().__init__()
        self.secrets = sorted({s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        text = _TOKEN.sub(lambda m: f"{m.group(1)}-{REDACTED}", text)
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: the handler reports it as it would have
            return True
        clean = self.redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            # formatters reuse exc_text: the traceback they print is the redacted one
            record.exc_text = self.redact(_plain.formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_plain = logging.Formatter()


def install_secret_filter(
    secrets: Iterable[str | None], handlers: Iterable[logging.Handler] | None = None
) -> SecretFilter:
    """A SecretFilter on each handler (default: every handler of every logger now configured),
    replacing one installed before."""
    secret_filter = SecretFilter(secrets)
    if handlers is None:
        loggers = [logging.getLogger()] + [
            logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
        ]
        handlers = {id(h): h for logger in loggers for h in logger.handlers}.values()
    for handler in handlers:
        for old in [f for f in handler.filters if isinstance(f, SecretFilter)]:
            handler.removeFilter(old)
        handler.addFilter(secret_filter)
    return secret_filter


class LineFormatter(logging.Formatter):
    """Request lines as their bare JSON; every other record as "time level logger: message"."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == REQUEST_LOGGER and not record.exc_info:
            return record.getMessage()
        return super().format(record)


def configure_logging(level: str | None = None, secrets: Iterable[str | None] = ()) -> None:
    """The process's logging for `rapporteur serve` (and each uvicorn worker process): a stderr handler
    at ``level`` (the LOG_LEVEL setting; default INFO) unless one exists, and the secret filter on every
    handler, redacting ``secrets`` (the settings' tokens and signing secret). uvicorn must run with
    log_config=None, so that its own records come through these handlers too."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(LineFormatter(LOG_FORMAT))
        root.addHandler(handler)
        root.setLevel((level or "INFO").upper())
    logging.captureWarnings(True)  # warnings through the handlers (and the filter) too
    install_secret_filter(secrets)
