"""What the buttons under an answer do, after the ack; and what follows an answer that only its asker
sees: the review list hears of unanswered questions, and admins get Edit buttons."""
from __future__ import annotations

import logging

from knowledge import review
from knowledge.answering import Answer
from knowledge.store import ValidationError

from ..blocks import ACTION_FEEDBACK_UP, MAX_EDIT_BUTTONS, add_edit_buttons, answer_message, answer_ref
from ..commands.admin import is_admin_user
from ..delivery import answer_in_conversation, ask, explain_failure, post
from ..services import Services, services_of

log = logging.getLogger("rapporteur.slack")

EXPIRED = "I no longer have that answer; please ask again."


def share_answer(body: dict, action: dict, context, client, respond) -> None:
    """Post an ephemeral /wg answer in the channel for everyone, then remove the ephemeral copy."""
    services, user = services_of(context), body["user"]["id"]
    stored = services.memory().load_answer(action.get("value", ""))
    if stored is None:
        respond(text=EXPIRED, response_type="ephemeral", replace_original=False)
        return
    question, reply = stored
    channel = (body.get("channel") or {}).get("id") or ""
    message = answer_message(reply, ref=action["value"], shared_by=user, question=question)
    posted, error = post(client, channel=channel, **message)
    if posted is None:
        respond(text=explain_failure(channel, error), response_type="ephemeral", replace_original=False)
        return
    services.memory().remember_thread(channel, posted["ts"], question)  # replies there are follow-ups
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
        review.record_feedback(services.kb(), question, reply.text, verdict, user, channel,
                               first.get("kind"), first.get("id"))
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
        respond(replace_original=True, response_type="ephemeral",
                **answer_message(reply, ref=ref, shareable=True, edit=edit_targets(services, reply, user)))
        return
    thread = message.get("thread_ts") or message.get("ts")
    answer_in_conversation(services, client, question=question, channel=channel, user_id=user, thread_ts=thread)


# -- what follows an answer only its asker sees ------------------------------------------------------


def after_answer(services: Services, message: dict, *, user_id: str | None, channel: str | None) -> dict:
    """A /wg reply, once made: if it is an answer, an unanswered question goes on the review list and
    an admin gets Edit buttons for the deadlines it cites (the reply is ephemeral: only they see it)."""
    ref = answer_ref(message)
    stored = services.memory().load_answer(ref) if ref else None
    if stored is None:
        return message  # a list, a note: not an answer
    question, reply = stored
    targets = edit_targets(services, reply, user_id)
    return add_edit_buttons(message, targets) if targets else message


def edit_targets(services: Services, reply: Answer, user_id: str | None) -> list[tuple[str, str]]:
    """(button value, title) of the deadlines an answer cites, when the viewer is an admin."""
    ids = [r["id"] for r in reply.record_ids if r.get("kind") == "deadlines"][:MAX_EDIT_BUTTONS]
    if not ids or not is_admin_user(services, user_id):
        return []
    records = [services.kb().get("deadlines", i) for i in ids]
    return [(f"deadlines:{r['id']}", str(r["title"])) for r in records if r]
