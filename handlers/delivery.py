"""Answering a question and posting the answer, shared by commands, events and actions.

Posting never raises: a Web API failure (after the client's own retries of rate limits and
connection errors) is logged and, where possible, told to the person who asked, so that one bad
channel never stops the process or leaves someone waiting in silence.
"""

from __future__ import annotations

import html
import logging
import re

from slack_sdk.errors import SlackApiError

from knowledge import review
from knowledge.answering import Answer, answer

from .blocks import MAX_BLOCKS, answer_message, context
from .services import Services
from .slack_text import MENTION

log = logging.getLogger("rapporteur.slack")

SORRY = "Sorry, something went wrong on my side while answering; it has been logged."


_LINK = re.compile(r"<(?P<target>#[A-Z0-9]+|[a-z]+:[^>|]*)(?:\|(?P<label>[^>]*))?>")


def plain(text: str | None) -> str:
    """A question as typed: Slack sends &, < and > escaped, mentions as <@U123>, and (with
    should_escape) channels and links as <#C123|name> and <https://...|label>: keep their labels."""
    text = MENTION.sub(" ", text or "")
    text = _LINK.sub(
        lambda m: (
            m.group("label")
            or ("" if m.group("target").startswith("#") else re.sub(r"^mailto:", "", m.group("target")))
        ),
        text,
    )
    return " ".join(html.unescape(text).split())


def ask(
    services: Services, question: str, *, user_id: str | None, channel: str | None, context_question: str | None = None
) -> tuple[Answer, str]:
    """The answer to a question and the reference its buttons carry."""
    kb = services.kb()
    reply = answer(kb, question, today=services.today(), context=context_question)
    ref = services.memory().save_answer(question, reply, user_id=user_id, channel=channel)
    if not reply.answered and review.normalise_question(question):
        # every way of asking (mention, DM, /wg, "did you mean") lands here: unanswered questions
        # go on the secretariat's review list once, from this one place
        review.record_unanswered(kb, question, user_id, channel)
    return reply, ref


def explain_failure(channel: str, error: str) -> str:
    """What a person can do about a failed post, in their words rather than Slack's."""
    where = f"<#{channel}>" if channel and channel[0] in "CG" else "that conversation"
    if error in ("channel_not_found", "not_in_channel", "is_archived", "restricted_action"):
        return (
            f"I couldn't post in {where} (Slack said `{error}`). Invite me with `/invite @Rapporteur`, or ask me here."
        )
    if error == "ratelimited":
        return f"Slack is limiting how fast I can post in {where}; please ask again in a minute."
    return f"I couldn't post in {where} (Slack said `{error}`); please try again."


def slack_error(e: Exception) -> str:
    if isinstance(e, SlackApiError):
        return str(e.response.get("error") or e.response.status_code)
    return type(e).__name__


def post(
    client, *, channel: str, text: str, blocks: list | None = None, thread_ts: str | None = None
) -> tuple[dict | None, str | None]:
    """chat.postMessage: (the response, None), or (None, the error) after logging it. Links in an
    answer are not unfurled: a report's URL must not grow a preview the report never showed."""
    try:
        return client.chat_postMessage(
            channel=channel, text=text, blocks=blocks, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False
        ).data, None
    except Exception as e:  # SlackApiError, or the network after the client's retries
        error = slack_error(e)
        log.warning("chat.postMessage to %s failed: %s", channel, error)
        return None, error


def tell_user(client, user_id: str, text: str, blocks: list | None = None) -> None:
    """A direct message from the app (posting to a user id opens the app's DM with them)."""
    _, error = post(client, channel=user_id, text=text, blocks=blocks)
    if error:
        log.warning("could not tell %s either: %s", user_id, error)


def post_or_tell(
    client, message: dict, *, channel: str, user_id: str | None, thread_ts: str | None = None
) -> dict | None:
    """Post a message; if that fails, DM the asker why, with the message itself when it fits."""
    data, error = post(client, channel=channel, thread_ts=thread_ts, **message)
    if data is not None or not user_id or channel.startswith("D"):
        return data
    note = explain_failure(channel, error)
    blocks = [context(note)] + (message.get("blocks") or [])[: MAX_BLOCKS - 1]
    tell_user(client, user_id, note + "\n\n" + message["text"], blocks)
    return None


def answer_in_conversation(
    services: Services, client, *, question: str, channel: str, user_id: str | None, thread_ts: str | None
) -> None:
    """Answer in a channel thread or DM, with the thread's previous question as the context of a
    follow-up, and remember this question for the next one."""
    memory = services.memory()
    previous = memory.thread_question(channel, thread_ts)
    reply, ref = ask(services, question, user_id=user_id, channel=channel, context_question=previous)
    # A reply in the thread of this answer will carry thread_ts = the thread root: either the
    # thread we answer in (remembered before posting, so that a quick follow-up finds it), or, for
    # a top-level DM answer, the answer itself (known once posted).
    if thread_ts:
        memory.remember_thread(channel, thread_ts, question)
    posted = post_or_tell(client, answer_message(reply, ref=ref), channel=channel, user_id=user_id, thread_ts=thread_ts)
    if not thread_ts and (posted or {}).get("ts"):
        memory.remember_thread(channel, posted["ts"], question)
