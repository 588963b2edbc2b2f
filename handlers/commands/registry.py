"""The /wg subcommands: a registry other modules add to, and the dispatcher that reads it.

A feature adds a subcommand from its own module, without touching this one:

    from handlers.commands.registry import subcommand

    @subcommand("subscribe", usage="subscribe [deadlines]", summary="post deadline reminders here")
    def subscribe(inv: Invocation) -> dict | None: ...

A subcommand returns the message to show (``respond`` keyword arguments: text, blocks, and
optionally response_type), or None when its arguments don't fit, in which case the whole text is
answered as a question ("/wg deadlines for the HLPF?").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from knowledge.store import KnowledgeBase

from ..blocks import answer_message
from ..delivery import ask, plain
from ..rights import edit_targets
from ..services import Services


@dataclass(frozen=True)
class Invocation:
    """One /wg call, as a subcommand sees it."""

    args: str  # the text after the subcommand's name
    command: dict  # Slack's slash-command payload: user_id, channel_id, response_url, ...
    services: Services
    client: object = None  # the request's WebClient, for subcommands that call the Web API

    @property
    def kb(self) -> KnowledgeBase:
        return self.services.kb()

    @property
    def today(self) -> date:
        return self.services.today()

    @property
    def user_id(self) -> str | None:
        return self.command.get("user_id")

    @property
    def channel_id(self) -> str | None:
        return self.command.get("channel_id")


Subcommand = Callable[[Invocation], "dict | None"]

# name -> function; a function's ``usage`` and ``summary`` attributes feed /wg help.
SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand(name: str, *, usage: str | None = None, summary: str = "", aliases: tuple[str, ...] = ()):
    """Register the decorated function as ``/wg NAME`` (and its aliases, which help does not list)."""

    def register(func: Subcommand) -> Subcommand:
        func.usage = usage or name
        func.summary = summary
        SUBCOMMANDS[name.lower()] = func
        for alias in aliases:
            SUBCOMMANDS[alias.lower()] = func
        return func

    return register


def dispatch(text: str, command: dict, services: Services, client=None) -> dict:
    """The reply to ``/wg TEXT``: a subcommand's, else the answer to TEXT as a question."""
    text = plain(text)
    name, _, rest = text.partition(" ")
    func = SUBCOMMANDS.get(name.lower()) if name else SUBCOMMANDS.get("help")
    inv = Invocation(args=rest.strip(), command=command, services=services, client=client)
    if func is not None:
        reply = func(inv)
        if reply is not None:
            return {"response_type": "ephemeral", **reply}
    return answer_question(replace(inv, args=text))


def answer_question(inv: Invocation) -> dict:
    """A question asked with /wg: an ephemeral answer; an admin also gets Edit buttons for the
    deadlines it cites (only they see it)."""
    reply, ref = ask(inv.services, inv.args, user_id=inv.user_id, channel=inv.channel_id)
    edit = edit_targets(inv.services, reply, inv.user_id)
    return {"response_type": "ephemeral", **answer_message(reply, ref=ref, shareable=True, edit=edit)}
