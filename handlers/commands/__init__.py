"""The /wg slash command: acknowledged at once, answered after the ack through response_url."""
from __future__ import annotations

import logging

from ..background import after_ack
from ..delivery import SORRY
from ..services import services_of
# Importing registers the subcommands; builtin first, so that /wg help lists delegates' commands first.
from . import builtin  # noqa: F401, I001
from . import admin, reports, subscriptions  # noqa: F401
from .registry import SUBCOMMANDS, Invocation, dispatch, subcommand

__all__ = ["register", "SUBCOMMANDS", "Invocation", "subcommand"]

log = logging.getLogger("rapporteur.slack")


def register(app) -> None:
    app.command("/wg")(wg)


def wg(ack, command: dict, respond, context, client) -> None:
    ack()  # an empty ack shows nothing; the reply follows through response_url
    after_ack(context, run_wg, command, respond, context, client)


def run_wg(command: dict, respond, context, client) -> None:
    services = services_of(context)
    try:
        message = dispatch(command.get("text", ""), command, services, client)
    except Exception:
        log.exception("/wg %r failed", command.get("text"))
        message = {"response_type": "ephemeral", "text": SORRY}
    if message.get("no_reply"):
        return  # the subcommand answered otherwise (admin.NO_REPLY: it opened a form)
    try:
        response = respond(**message)
    except Exception as e:  # response_url unreachable or expired: nobody left to tell
        log.warning("response_url failed: %s", e)
        return
    if response.status_code != 200:
        log.warning("response_url answered %s: %s", response.status_code, response.body)
