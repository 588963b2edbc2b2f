"""Events: @-mentions in channels and direct messages are answered, a report an admin shares in a
direct message is imported (handlers.events.files); the rest is acknowledged."""
from __future__ import annotations

from ..background import after_ack
from .files import on_file_shared
from .middleware import skip_bots, skip_repeats
from .questions import on_direct_message, on_mention


def register(app) -> None:
    app.use(skip_bots)
    app.use(skip_repeats)
    app.event("app_mention")(mention)
    app.event({"type": "message", "subtype": "file_share"}, matchers=[is_direct_message])(file_shared)
    app.event({"type": "message", "subtype": None}, matchers=[is_direct_message])(direct_message)
    # Edits, deletions, other subtypes and channels: a 200, so that Slack does not retry them.
    app.event("message")(acknowledge)


def is_direct_message(event: dict) -> bool:
    return event.get("channel_type") == "im"


def mention(ack, event: dict, context, client) -> None:
    ack()
    after_ack(context, on_mention, event, context, client)


def direct_message(ack, event: dict, context, client) -> None:
    ack()
    after_ack(context, on_direct_message, event, context, client)


def file_shared(ack, event: dict, context, client) -> None:
    ack()
    after_ack(context, on_file_shared, event, context, client)


def acknowledge(ack) -> None:
    ack()
