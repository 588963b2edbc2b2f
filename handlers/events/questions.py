"""Questions asked by mentioning the bot in a channel or by messaging it directly."""

from __future__ import annotations

import logging

from ..blocks import HOW_TO_ASK
from ..delivery import SORRY, answer_in_conversation, plain, post_or_tell
from ..services import services_of

log = logging.getLogger("rapporteur.slack")


def on_mention(event: dict, context, client) -> None:
    """`@Rapporteur QUESTION` in a channel: the answer goes in the thread of that message; a
    mention in a thread the bot answered in is a follow-up to the question before."""
    if event.get("channel", "").startswith("D"):
        return  # a direct message: on_direct_message answers it
    _answer(event, context, client, event.get("thread_ts") or event["ts"])


def on_direct_message(event: dict, context, client) -> None:
    """A direct message: answered in the DM, in its thread if it was sent in one (a follow-up)."""
    _answer(event, context, client, event.get("thread_ts"))


def _answer(event: dict, context, client, thread_ts: str | None) -> None:
    question, channel, user = plain(event.get("text")), event["channel"], event.get("user")
    if not question:
        post_or_tell(client, {"text": HOW_TO_ASK}, channel=channel, user_id=user, thread_ts=thread_ts)
        return
    try:
        answer_in_conversation(
            services_of(context), client, question=question, channel=channel, user_id=user, thread_ts=thread_ts
        )
    except Exception:  # a bug while answering: say so rather than stay silent
        log.exception("answering %r failed", question)
        post_or_tell(client, {"text": SORRY}, channel=channel, user_id=user, thread_ts=thread_ts)
