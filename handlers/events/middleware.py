"""Global middleware for Events API requests: answer each event once, and never a bot."""
from __future__ import annotations

import logging

from slack_bolt import BoltResponse

from ..services import services_of

log = logging.getLogger("rapporteur.slack")


def skip_repeats(body: dict, context, next, request):
    """Slack retries an event it thinks went unanswered (X-Slack-Retry-Num); the event id, kept in
    SQLite, makes sure it is answered once, even if the process restarted in between."""
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if event_id and not services_of(context).memory().first_time(event_id):
        retry = request.headers.get("x-slack-retry-num", ["?"])[0]
        log.info("event %s already taken; ignoring delivery (retry %s)", event_id, retry)
        return BoltResponse(status=200, body="")
    return next()


def skip_bots(body: dict, next):
    """Other bots' messages (and our own, which Bolt already drops) are never answered."""
    event = body.get("event") or {}
    if body.get("type") == "event_callback" and (event.get("bot_id") or event.get("subtype") == "bot_message"):
        return BoltResponse(status=200, body="")
    return next()
