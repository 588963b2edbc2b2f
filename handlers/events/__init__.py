"""Events: @-mentions in channels and direct messages are answered, a report an admin shares in a
direct message is imported (handlers.events.files); the rest is acknowledged. Each is acked by
Bolt's ack function and handled by a lazy listener, after the ack."""

from __future__ import annotations

from .files import on_file_shared
from .questions import on_direct_message, on_mention


def register(app) -> None:
    app.event("app_mention")(ack=acknowledge, lazy=[on_mention])
    # A report in a DM: Slack marks it file_share, but a message may carry files[] without it.
    app.event({"type": "message", "subtype": "file_share"}, matchers=[is_direct_message])(
        ack=acknowledge, lazy=[on_file_shared]
    )
    app.event({"type": "message", "subtype": None}, matchers=[is_direct_message, carries_files])(
        ack=acknowledge, lazy=[on_file_shared]
    )
    app.event({"type": "message", "subtype": None}, matchers=[is_direct_message])(
        ack=acknowledge, lazy=[on_direct_message]
    )
    # Edits, deletions, other subtypes and channels: a 200, so that Slack does not retry them.
    app.event("message")(acknowledge)


def is_direct_message(event: dict) -> bool:
    return event.get("channel_type") == "im"


def carries_files(event: dict) -> bool:
    return isinstance(event.get("files"), list) and any(isinstance(f, dict) for f in event["files"])


def acknowledge(ack) -> None:
    ack()
