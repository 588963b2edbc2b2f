"""The /wg slash command: acknowledged at once, answered after the ack through response_url."""
from __future__ import annotations

import logging

from ..background import after_ack
from ..delivery import SORRY
from ..services import services_of
from . import builtin  # noqa: F401  (registers the built-in subcommands)
from .registry import SUBCOMMANDS, Invocation, dispatch, subcommand

__all__ = ["register", "SUBCOMMANDS", "Invocation", "subcommand"]

log = logging.getLogger("rapporteur.slack")


def register(app) -> None:
    app.command("/wg")(wg)


def wg(ack, command: dict, respond, context, client) -> None:
    ack()  # an empty ack shows nothing; the reply follows through response_url
    after_ack(context, run_wg, command, respond, context, client)


def run_wg(command: dict, respond, context, client) -> None:
    try:
        message = dispatch(command.get("text", ""), command, services_of(context), client)
    except Exception:
        log.exception("/wg %r failed", command.get("text"))
        message = {"response_type": "ephemeral", "text": SORRY}
    try:
        response = respond(**message)
    except Exception as e:  # response_url unreachable or expired: nobody left to tell
        log.warning("response_url failed: %s", e)
        return
    if response.status_code != 200:
        log.warning("response_url answered %s: %s", response.status_code, response.body)
