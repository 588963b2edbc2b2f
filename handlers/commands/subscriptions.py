"""/wg for deadline reminders (knowledge.announcements; bot.announcer posts them at 09:00).

/wg subscribe [7d 1d 0d]     this channel gets reminders that many days before each deadline (admins)
/wg unsubscribe              this channel stops getting them (admins)
/wg remind me [7d 1d 0d]     reminders for you alone, by DM (anyone); `/wg remind me off` stops them
/wg subscriptions            admins see every subscription; others this channel's and their own
/wg calendar                 where the calendar feed is (with its secret token, for admins only)
"""

from __future__ import annotations

from knowledge import announcements

from ..blocks import escape, list_message
from ..rights import NOT_ADMIN, actor_of, is_admin_user
from ..slack_text import mention
from .admin import note
from .registry import Invocation, subcommand

STOP_WORDS = ("off", "stop", "never", "none")
EXAMPLE = "`/wg subscribe 7d 1d 0d` (days before each deadline; 0d is the day itself)"


def _when(leads: str) -> str:
    """'7d 1d 0d' -> '7 days, 1 day and on the day'."""
    words = ["on the day" if d == 0 else f"{d} day{'s' if d != 1 else ''}" for d in announcements.parse_leads(leads)]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _subscribe(inv: Invocation, target: str, kind: str, leads: str) -> dict:
    try:
        row = announcements.subscribe(inv.kb, target, leads or None, kind, actor_of(inv.user_id))
    except ValueError as e:  # a bad lead time, or a target that is no channel
        return note(f":warning: {escape(str(e))}. Nothing was changed. For example: {EXAMPLE}")
    who = "You will get a DM" if kind == "user" else f"<#{target}> will get a message"
    stop = "`/wg remind me off`" if kind == "user" else "`/wg unsubscribe`"
    # The bot posts only where it is a member (no chat:write.public): say so where it matters.
    invite = "" if kind == "user" else " I post only in channels I am in: `/invite @Rapporteur` here if I am not."
    return note(
        f":white_check_mark: {who} {_when(row['leads'])} before each deadline, at 09:00 "
        f"(and when a deadline moves). {stop} stops it.{invite}"
    )


def _unsubscribe(inv: Invocation, target: str, whose: str) -> dict:
    try:
        announcements.unsubscribe(inv.kb, target, actor_of(inv.user_id))
    except ValueError:
        return note(f"{whose} no deadline reminders, so nothing was changed. `/wg subscriptions` lists them.")
    return note(
        ":white_check_mark: Done: no more deadline reminders " + ("for you." if target == inv.user_id else "here.")
    )


@subcommand("subscribe", usage="subscribe [7d 1d 0d]", summary="deadline reminders in this channel (admins)")
def subscribe(inv: Invocation) -> dict:
    if not is_admin_user(inv.services, inv.user_id):
        return note(NOT_ADMIN + " To get reminders yourself, by DM: `/wg remind me`.")
    return _subscribe(inv, inv.channel_id or "", "channel", inv.args)


@subcommand("unsubscribe", usage="unsubscribe", summary="no more deadline reminders in this channel (admins)")
def unsubscribe(inv: Invocation) -> dict:
    if inv.args.lower() == "me":
        return _unsubscribe(inv, inv.user_id or "", "You get")
    if not is_admin_user(inv.services, inv.user_id):
        return note(NOT_ADMIN + " Your own reminders stop with `/wg remind me off`.")
    return _unsubscribe(inv, inv.channel_id or "", "This channel gets")


@subcommand("remind", usage="remind me [7d 1d 0d|off]", summary="deadline reminders for you, by DM")
def remind(inv: Invocation) -> dict | None:
    first, _, leads = inv.args.partition(" ")
    if first.lower() != "me":
        return None  # "/wg remind us what the HLPF is" is a question
    if leads.strip().lower() in STOP_WORDS:
        return _unsubscribe(inv, inv.user_id or "", "You get")
    return _subscribe(inv, inv.user_id or "", "user", leads.strip())


@subcommand("subscriptions", usage="subscriptions", summary="who gets deadline reminders")
def subscriptions(inv: Invocation) -> dict:
    rows = announcements.list_subscriptions(inv.kb)
    if not is_admin_user(inv.services, inv.user_id):
        rows = [r for r in rows if r["channel"] in (inv.channel_id, inv.user_id)]
    lines = [
        (f"{mention(r['channel'])} by DM" if r["kind"] == "user" else f"<#{r['channel']}>")
        + f" \u2014 {r['leads']}"
        + (f", {escape(r['group'])} only" if r.get("group") else "")
        + (f" _(paused: {escape(r['paused_reason'] or 'Slack refused')})_" if r["paused"] else "")
        for r in rows
    ]
    return list_message(
        "Deadline reminders",
        lines,
        empty="No reminders here yet.",
        footer=f"{EXAMPLE} \u00b7 `/wg remind me` for yourself",
    )


CALENDAR_PATH = "/calendar.ics"
HOW_TO_SUBSCRIBE = "Outlook: Add calendar > Subscribe from web; Google Calendar: Other calendars > From URL."


@subcommand("calendar", usage="calendar", summary="the deadlines' calendar feed, to subscribe to")
def calendar(inv: Invocation) -> dict | None:
    if inv.args:
        return None  # "/wg calendar of meetings?" is a question
    settings = inv.services.settings
    url = f"{settings.public_url or 'https://YOUR-BOT-HOST'}{CALENDAR_PATH}"
    if not settings.calendar_token:
        return note(
            f"The deadlines' calendar: `{escape(url)}` (public: anyone with the address can read it). {HOW_TO_SUBSCRIBE}"
        )
    if not is_admin_user(inv.services, inv.user_id):
        return note("The deadlines' calendar has a private address; ask one of the secretariat's admins for it.")
    return note(
        f"The deadlines' calendar, for you alone: `{escape(url)}?token={escape(settings.calendar_token)}` "
        f"(the token is a secret: share it only with people who may read the deadlines). {HOW_TO_SUBSCRIBE}"
    )
