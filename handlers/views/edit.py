"""The deadline form: a modal to add a deadline (`/wg add deadline`) or edit one (the Edit button an
admin sees under an answer about a deadline).

On submit the fields are checked before Slack gets its answer: a title that is empty or over 200
characters, or a date that does not read, comes back as response_action "errors" (shown under the
field, the form stays open, nothing saved). Otherwise the deadline is saved through KnowledgeBase
as ``slack:USER_ID`` (so history and /wg undo know it), the form closes and the admin gets a DM.
"""

from __future__ import annotations

import json
import logging

from knowledge import dates
from knowledge.edit_commands import describe_record
from knowledge.schema import KINDS
from knowledge.store import ValidationError

from ..blocks import UNDO_HINT, escape
from ..delivery import slack_error, tell_user
from ..rights import NOT_ADMIN, actor_of, is_admin_user
from ..services import Services, services_of
from ..slack_text import is_number

log = logging.getLogger("rapporteur.slack")

CALLBACK_ID = "deadline_form"
MAX_TITLE = next(f.max_length for f in KINDS["deadlines"] if f.name == "title")


def register(app) -> None:
    app.view(CALLBACK_ID)(submitted)


def form(record: dict | None = None) -> dict:
    """The modal, empty or filled from a deadline record."""
    record = record or {}

    def field(block_id, label, value, hint, optional=False, **element):
        element = {"type": "plain_text_input", "action_id": "value", **element}
        if value:
            element["initial_value"] = value
        return {
            "type": "input",
            "block_id": block_id,
            "optional": optional,
            "element": element,
            "label": {"type": "plain_text", "text": label},
            "hint": {"type": "plain_text", "text": hint},
        }

    title = f"Edit deadline {record['id']}" if record.get("id") else "Add a deadline"
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": json.dumps({"id": record.get("id")}),
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            field("title", "Title", record.get("title"), "e.g. Comments on the draft outline", max_length=MAX_TITLE),
            field(
                "due",
                "Due",
                dates.human(record["due"]) if record.get("due") else None,
                "e.g. 16 March 2020 or 2020-03-16",
            ),
            field("send_to", "Send to", record.get("send_to"), "optional: where contributions go", optional=True),
        ],
    }


def open_form(client, trigger_id: str | None, record: dict | None = None) -> str | None:
    """views.open; None when the form is open, else what went wrong, for the admin."""
    try:
        client.views_open(trigger_id=trigger_id, view=form(record))
        return None
    except Exception as e:  # expired_trigger_id (over 3 s), or the network
        log.warning("views.open failed: %s", slack_error(e))
        return (
            f"I could not open the form (Slack said `{slack_error(e)}`); type `/wg add deadline TITLE by DATE` instead."
        )


def open_edit_form(body: dict, action: dict, context, client, respond) -> None:
    """An Edit button: the form, filled with the deadline as it is now."""
    services, user = services_of(context), body["user"]["id"]
    kind, _, record_id = action.get("value", "").partition(":")
    if not is_admin_user(services, user):
        respond(text=NOT_ADMIN, response_type="ephemeral", replace_original=False)
        return
    found = kind == "deadlines" and is_number(record_id)
    record = services.kb().get(kind, int(record_id)) if found else None
    if record is None:
        respond(
            text="That deadline no longer exists; nothing to edit.", response_type="ephemeral", replace_original=False
        )
        return
    error = open_form(client, body.get("trigger_id"), record)
    if error:
        respond(text=error, response_type="ephemeral", replace_original=False)


def read(view: dict) -> tuple[dict, dict]:
    """(fields to save, errors by block_id) from a submitted form."""
    values = (view.get("state") or {}).get("values") or {}
    text = {
        b: " ".join((((values.get(b) or {}).get("value") or {}).get("value") or "").split())
        for b in ("title", "due", "send_to")
    }
    errors = {}
    if not text["title"]:
        errors["title"] = "Give the deadline a title, e.g. Comments on the draft outline."
    elif len(text["title"]) > MAX_TITLE:
        errors["title"] = f"The title is {len(text['title'])} characters; at most {MAX_TITLE} are allowed."
    try:
        due = dates.parse_date(text["due"]).isoformat()
    except ValueError as e:
        due, errors["due"] = None, str(e) if text["due"] else "Give the date it is due, e.g. 16 March 2020."
    return {"title": text["title"], "due": due, "send_to": text["send_to"] or None}, errors


def save(services: Services, record_id: int | None, fields: dict, user: str) -> str:
    """Add or update the deadline as the admin; what was done, for the DM."""
    kb, actor = services.kb(), actor_of(user)
    if record_id is None:
        record = kb.add("deadlines", fields, actor)
        return f"Added deadline {record['id']}: {escape(describe_record('deadlines', record))}. {UNDO_HINT}"
    with kb.transaction():
        current = kb.get("deadlines", record_id)
        if current is None:
            raise ValidationError(f"deadline {record_id} no longer exists")
        moved = {k: v for k, v in fields.items() if current.get(k) != v}
        if not moved:
            return f"Deadline {record_id} already said that; nothing changed."
        record = kb.update("deadlines", record_id, moved, actor)
    return f"Changed deadline {record_id}: {escape(describe_record('deadlines', record))}. {UNDO_HINT}"


def submitted(ack, body: dict, view: dict, context, client) -> None:
    """Checked and saved before the ack, so that a problem shows in the form, not in a message;
    the admin's DM goes after it."""
    services, user = services_of(context), body["user"]["id"]
    fields, errors = read(view)
    if not is_admin_user(services, user):
        errors = {"title": NOT_ADMIN}
    if not errors:
        try:
            record_id = json.loads(view.get("private_metadata") or "{}").get("id")
            done = save(services, int(record_id) if record_id is not None else None, fields, user)
        except (ValidationError, ValueError, TypeError, OverflowError) as e:  # all but the first: forged metadata
            errors = {"title": f"{e}; nothing was saved."}
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    tell_user(client, user, done)  # after the ack: Bolt has already answered Slack
