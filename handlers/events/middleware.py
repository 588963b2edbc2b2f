"""Global middleware: handle each request once (events, commands, buttons, forms), answer no bot."""

from __future__ import annotations

import logging

from slack_bolt import BoltResponse

from ..services import services_of

log = logging.getLogger("rapporteur.slack")


def request_key(body: dict) -> str | None:
    """What makes a request the one it is: an event's event_id; a slash command's, a button's or a
    form's trigger_id (Slack makes a new one for every invocation). None for what has neither."""
    if body.get("type") == "event_callback":
        return body.get("event_id") or None
    trigger = body.get("trigger_id")
    return f"trigger:{trigger}" if isinstance(trigger, str) and trigger else None


def skip_repeats(body: dict, context, next, request):
    """Handle every request once. Slack retries an event it thinks went unanswered
    (X-Slack-Retry-Num), and anyone who saw a signed request can send it again within its five
    minutes: the same `/wg add deadline …` twice must not add two deadlines. The key, kept in
    SQLite, holds across a restart too."""
    key = request_key(body)
    if key and not services_of(context).first_time(key):
        retry = request.headers.get("x-slack-retry-num", ["?"])[0]
        log.info("request %s already taken; ignoring this delivery (retry %s)", key, retry)
        return BoltResponse(status=200, body="")
    return next()


def skip_bots(body: dict, next):
    """Other bots' messages (and our own, which Bolt already drops) are never answered."""
    event = body.get("event") or {}
    if body.get("type") == "event_callback" and (event.get("bot_id") or event.get("subtype") == "bot_message"):
        return BoltResponse(status=200, body="")
    return next()
