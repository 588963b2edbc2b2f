"""The /wg slash command: acknowledged at once (Bolt's ack function), answered by a lazy listener
through response_url. `/wg add deadline` alone opens the form from the ack function itself, so that
views.open never waits behind answers for its 3-second trigger_id."""

from __future__ import annotations

import logging

from ..delivery import SORRY
from ..rights import is_admin_user
from ..services import services_of
from ..views.edit import open_form

# Importing registers the subcommands (help orders them by builtin.HELP_ORDER, not by import order).
from . import admin, builtin, reports, subscriptions  # noqa: F401
from .admin import asks_for_form
from .registry import SUBCOMMANDS, Invocation, dispatch, subcommand

__all__ = ["register", "SUBCOMMANDS", "Invocation", "subcommand"]

log = logging.getLogger("rapporteur.slack")


def register(app) -> None:
    app.command("/wg")(ack=acknowledge_wg, lazy=[run_wg])


def acknowledge_wg(ack, command: dict, context, client, respond) -> None:
    ack()  # an empty ack shows nothing; the reply follows through response_url
    if asks_for_form(command.get("text") or "") and is_admin_user(services_of(context), command.get("user_id")):
        error = open_form(client, command.get("trigger_id"))
        if error:
            respond(text=f":warning: {error}", response_type="ephemeral")


def run_wg(command: dict, respond, context, client) -> None:
    services = services_of(context)
    try:
        message = dispatch(command.get("text", ""), command, services, client)
    except Exception:
        log.exception("/wg %r failed", command.get("text"))
        message = {"response_type": "ephemeral", "text": SORRY}
    if message.get("no_reply"):
        return  # answered otherwise (admin.NO_REPLY: the ack opened a form)
    try:
        response = respond(**message)
    except Exception as e:  # response_url unreachable or expired: nobody left to tell
        log.warning("response_url failed: %s", e)
        return
    if response.status_code != 200:
        log.warning("response_url answered %s: %s", response.status_code, response.body)
