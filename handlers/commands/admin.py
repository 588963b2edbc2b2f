"""/wg for the secretariat: who the admins are, and changes to the knowledge base typed as sentences.

    /wg admins | admins add @someone | admins remove @someone        (admins)
    /wg add deadline TITLE by DATE | edit deadline ID due DATE | delete deadline ID | undo   (admins)
    /wg add deadline                   opens the deadline form (handlers.views.edit)
    /wg history [KIND ID]              recent changes (anyone)

Admins are named by Slack user ID in RAPPORTEUR_ADMINS and in the knowledge base (knowledge.admins);
each person acts as ``slack:USER_ID``, the actor the changes log records and ``undo`` goes by. The
work is knowledge.admins' and knowledge.edit_commands'; a refused or bad command changes nothing
and says why, with an example.
"""

from __future__ import annotations

import html
import re

from knowledge import admins, edit_commands
from knowledge.schema import PLURAL
from knowledge.store import ValidationError

from ..blocks import UNDO_HINT, change_line, escape, list_message
from ..rights import NOT_ADMIN, actor_of, is_admin_user
from ..slack_text import is_number, mention, mention_ids
from .registry import Invocation, subcommand

NO_REPLY = {"no_reply": True}  # a subcommand's reply when it answered otherwise (it opened a form)
HISTORY_LIMIT = 15


def asks_for_form(text: str) -> bool:
    """`/wg add deadline` alone: the form (opened by the command's ack, see handlers.commands)."""
    return " ".join(text.lower().split()) in ("add deadline", "add deadlines")


def note(text: str) -> dict:
    """A one-paragraph reply (mrkdwn, already escaped where it quotes people or reports)."""
    return {"text": text}


def problem(error: Exception | str) -> dict:
    """A refusal from knowledge.*, its example shown as a /wg command, and that nothing changed."""
    text = re.sub(
        r"(?i)(for example:?\s+)((?:add|edit|delete) [^;]+?)(\.?)(?=;|$)", r"\1`/wg \2`\3", escape(str(error))
    )
    return note(f":warning: {text.rstrip('.')}. Nothing was changed.")


@subcommand(
    "admins",
    usage="admins [add|remove @someone]",
    summary="who may change the knowledge base (admins)",
    aliases=("admin",),
)
def admins_command(inv: Invocation) -> dict:
    if not is_admin_user(inv.services, inv.user_id):
        return note(NOT_ADMIN)
    raw = html.unescape(inv.command.get("text") or "").split(maxsplit=2)  # mentions intact: <@U123|maria>
    action, target = (raw[1].lower() if len(raw) > 1 else "list"), (raw[2] if len(raw) > 2 else "")
    env = inv.services.settings.admins
    if action == "list":
        lines = [
            f"{mention(a['user_id'])} \u2014 "
            + (
                f"named in {admins.ENV_VAR}"
                if a["from_env"]
                else f"added by {_who(a['added_by'])} on {(a['added_at'] or '')[:10]}"
            )
            for a in admins.list_admins(inv.kb, env)
        ]
        return list_message(
            "Admins",
            lines,
            empty=f"No admins yet: name some in {admins.ENV_VAR}.",
            footer="`/wg admins add @someone` \u00b7 `/wg admins remove @someone`",
        )
    change = {"add": admins.add_admin, "remove": admins.remove_admin}.get(action)
    if change is None:
        return note(
            f":warning: I don't know `/wg admins {escape(action)}`; use `/wg admins`, "
            "`/wg admins add @someone` or `/wg admins remove @someone`. Nothing was changed."
        )
    try:
        done = change(inv.kb, target, actor_of(inv.user_id), env)
    except ValidationError as e:
        return note(f":warning: {escape(str(e))}. Nothing was changed. For example: `/wg admins {action} @maria`")
    said = mention_ids(escape(done.message))  # "U012ABCDEF is now an admin", as a mention
    return note(f":white_check_mark: {said}. {UNDO_HINT}")


def _who(actor: str | None) -> str:
    return mention(actor[6:]) if actor and actor.startswith("slack:") else escape(actor or "?")


def _edit(verb: str, usage: str, summary: str):
    """/wg VERB ...: one knowledge.edit_commands sentence, carried out as the admin."""

    @subcommand(verb, usage=usage, summary=summary)
    def run(inv: Invocation) -> dict | None:
        text = f"{verb} {inv.args}".strip()
        form = verb == "add" and inv.args.lower() in ("deadline", "deadlines")
        if not is_admin_user(inv.services, inv.user_id):
            try:
                edit_commands.parse(text)
            except ValidationError:
                return note(NOT_ADMIN) if form else None  # not a command: answered as a question
            return note(NOT_ADMIN)
        if form:
            return NO_REPLY  # the ack opened the form
        try:
            result = edit_commands.run(inv.kb, text, actor_of(inv.user_id))
        except ValidationError as e:
            return problem(e)
        undo = f" {UNDO_HINT}" if result.ok and verb != "undo" else ""
        return note(f":white_check_mark: {escape(result.message)}.{undo}")

    return run


_edit(
    "add",
    "add deadline TITLE by DATE",
    "add a record (admins; also event, meeting, partner, person, "
    "recommendation, document); `/wg add deadline` alone opens a form",
)
_edit("edit", "edit deadline ID due DATE", "change one field of a record (admins), e.g. title, due, place")
_edit("delete", "delete deadline ID", "delete a record (admins)")
_edit("undo", "undo", "take back your own last change (admins)")


@subcommand("history", usage="history [KIND ID]", summary="recent changes, or one record's (e.g. `history deadline 3`)")
def history(inv: Invocation) -> dict | None:
    words = inv.args.split()
    kind = PLURAL.get(words[0].lower()) if words else None
    if words and kind is None and words[0].lower() not in ("admins", "review"):
        return None  # "/wg history of the group?" is a question
    kind = kind or (words[0].lower() if words else None)
    if len(words) > 2 or (len(words) == 2 and not is_number(words[1].lstrip("#"))):
        return note(
            f":warning: `/wg history {escape(inv.args)}`: give a kind and an id, e.g. `/wg history deadline 3`."
        )
    record_id = int(words[1].lstrip("#")) if len(words) == 2 else None
    changes = inv.kb.history(kind=kind, record_id=record_id, limit=HISTORY_LIMIT)
    lines = [f"`{c['id']}` {change_line(c)}" + (" _(undone)_" if c.get("undone_by") else "") for c in changes]
    title = "Recent changes" + (f" \u2014 {' '.join(words)}" if words else "")
    return list_message(
        title,
        lines,
        empty="No changes recorded there yet.",
        footer="Admins: `/wg undo` takes back your own last change.",
    )
