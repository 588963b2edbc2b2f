"""What the buttons under an answer do, after the ack: 👍/👎, "did you mean", "Share in channel"."""

from __future__ import annotations

import logging

from knowledge import review
from knowledge.store import ValidationError

from ..blocks import ACTION_FEEDBACK_UP, answer_message
from ..delivery import answer_in_conversation, ask
from ..rights import edit_targets
from ..services import services_of

log = logging.getLogger("rapporteur.slack")

EXPIRED = "I no longer have that answer; please ask again."
SHARE_FAILED = "Slack would not let me share that answer here (the button may be too old); please ask again."


def share_answer(body: dict, action: dict, context, client, respond) -> None:
    """Post an ephemeral /wg answer in the channel for everyone, then remove the ephemeral copy.

    Through the interaction's response_url with response_type in_channel, as Slack means a slash
    command's answer to be shared: it works in private channels and DMs too, without the bot being
    a member and without the broad chat:write.public scope that chat.postMessage would need."""
    services, user = services_of(context), body["user"]["id"]
    stored = services.memory().load_answer(action.get("value", ""))
    if stored is None:
        respond(text=EXPIRED, response_type="ephemeral", replace_original=False)
        return
    question, reply = stored
    message = answer_message(reply, ref=action["value"], shared_by=user, question=question)
    shared = respond(response_type="in_channel", replace_original=False, **message)
    if shared.status_code != 200:
        log.warning("sharing through response_url failed: %s %s", shared.status_code, shared.body)
        respond(text=SHARE_FAILED, response_type="ephemeral", replace_original=False)
        return
    respond(delete_original=True)


def record_feedback(body: dict, action: dict, context, respond) -> None:
    """👍/👎: one row in the feedback table through knowledge.review, for the secretariat to review."""
    services = services_of(context)
    stored = services.memory().load_answer(action.get("value", ""))
    if stored is None:
        respond(text=EXPIRED, response_type="ephemeral", replace_original=False)
        return
    question, reply = stored
    verdict = "up" if action["action_id"] == ACTION_FEEDBACK_UP else "down"
    first = reply.record_ids[0] if reply.record_ids else {}
    user, channel = body["user"]["id"], (body.get("channel") or {}).get("id")
    try:  # a 👎 goes on the review list (knowledge.review); a 👍 is kept, not listed
        review.record_feedback(
            services.kb(), question, reply.text, verdict, user, channel, first.get("kind"), first.get("id")
        )
    except ValidationError as e:  # e.g. an empty question: nothing to review
        log.info("feedback on %r not recorded: %s", question, e)
    thanks = "Thanks! Glad that helped." if verdict == "up" else "Thanks; someone will look at that answer."
    respond(text=thanks, response_type="ephemeral", replace_original=False)


def answer_suggestion(body: dict, action: dict, context, client, respond) -> None:
    """A "did you mean" click answers that question where the first answer was."""
    services, user = services_of(context), body["user"]["id"]
    question = action.get("value", "")
    channel = (body.get("channel") or {}).get("id")
    message = body.get("message") or {}
    if (body.get("container") or {}).get("is_ephemeral") or not message or not channel:
        reply, ref = ask(services, question, user_id=user, channel=channel)
        respond(
            replace_original=True,
            response_type="ephemeral",
            **answer_message(reply, ref=ref, shareable=True, edit=edit_targets(services, reply, user)),
        )
        return
    thread = message.get("thread_ts") or message.get("ts")
    answer_in_conversation(services, client, question=question, channel=channel, user_id=user, thread_ts=thread)
