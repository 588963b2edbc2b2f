"""Commands for deadline announcements and the calendar feed: subscribe, unsubscribe, subscriptions,
announce and ics.

Slack is imported only inside ``announce`` (through ``bot.announcer``), so that adding these
commands costs ``rapporteur ask`` nothing at start-up. The token, the time zone and the admins come
in as ``bot.settings.Settings``, never from the environment here.
"""

from __future__ import annotations

import json
import os.path
import re
import sys
import time
from datetime import date, datetime, timezone

from knowledge import announcements, dates

from .cli_common import Register, UsageError, actor_of, group_id_option, open_kb
from .settings import Settings


def add_commands(command: Register) -> None:
    """Register subscribe, unsubscribe, subscriptions, announce and ics (called by bot.cli.build_parser)."""
    p = command(
        "subscribe", cmd_subscribe, "announce deadlines ahead of time in a Slack channel (or to one person, by DM)"
    )
    p.add_argument(
        "channel", metavar="CHANNEL", help="a channel ID such as C012AB3CD, or a user ID such as U012ABCDEF for DMs"
    )
    p.add_argument("--lead", metavar="LEADS", help="days before each deadline, e.g. 14d,7d,1d,0d (default 7d,1d,0d)")
    p.add_argument("--group", help="only this group's deadlines (default: every group)")
    p = command("unsubscribe", cmd_unsubscribe, "stop announcing deadlines to a channel or person")
    p.add_argument("channel", metavar="CHANNEL")
    p = command("subscriptions", cmd_subscriptions, "list the channels and people deadlines are announced to")
    p.add_argument("--json", action="store_true")
    p = command(
        "announce",
        cmd_announce,
        "post the deadline announcements that are due (at 09:00 in RAPPORTEUR_TZ); "
        "exit 1 if a post failed (it is retried next run)",
    )
    p.add_argument("--once", action="store_true", help="one pass, for cron (else: a pass every --interval seconds)")
    p.add_argument(
        "--now", metavar="ISO-TIME", help="the clock, e.g. 2020-03-09T09:00 (group time) or 2020-03-09T08:00+00:00"
    )
    p.add_argument("--dry-run", action="store_true", help="print what would be posted; post and record nothing")
    p.add_argument(
        "--interval", type=float, default=60.0, metavar="SECONDS", help="seconds between passes without --once"
    )
    p.add_argument("--group", help="only the subscriptions to this group's deadlines (the others wait for their run)")
    p = command("ics", cmd_ics, "print every deadline and event as an iCalendar feed")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--group", help="only this group's deadlines, events and meetings")


def _subscription_kind(target: str) -> str:
    """A user ID (or @mention) subscribes that person by DM; anything else is a channel."""
    return "user" if re.match(r"(<@|@)?[UW][A-Z0-9]{2,}", target.strip()) else "channel"


def cmd_subscribe(args, settings: Settings) -> int:
    leads = announcements.parse_leads(args.lead)  # refused before the file is opened
    with open_kb(args, settings) as kb:
        row = announcements.subscribe(
            kb, args.channel, args.lead, _subscription_kind(args.channel), actor_of(args, settings), group=args.group
        )
    who = "DMs to" if row["kind"] == "user" else "channel"
    print(f"subscribed {who} {row['channel']}: deadlines announced {announcements.format_leads(leads)} ahead, at 09:00")
    return 0


def cmd_unsubscribe(args, settings: Settings) -> int:
    with open_kb(args, settings) as kb:
        row = announcements.unsubscribe(kb, args.channel, actor_of(args, settings))
    print(f"unsubscribed {row['channel']}")
    return 0


def cmd_subscriptions(args, settings: Settings) -> int:
    with open_kb(args, settings, read_only=True) as kb:
        rows = announcements.list_subscriptions(kb)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(
            f"no subscriptions; add one with: rapporteur subscribe {announcements.EXAMPLE_CHANNEL_ID} --lead 7d,1d,0d"
        )
    for r in rows:
        status = f"paused ({r['paused_reason']})" if r["paused"] else "active"
        print(
            f"{r['id']:>4}  {r['channel']:<12} {r['kind']:<8} {r['leads']:<14} {r['group'] or 'all groups':<12} {status}"
        )
    return 0


def parse_now(text: str, tz) -> datetime:
    """--now: an ISO time (read in the group's zone unless it has an offset); a bare date means 09:00."""
    text = (text or "").strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return datetime.combine(day, announcements.ANNOUNCE_AT, tzinfo=tz)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--now '{text}' is not a time; write it like 2020-03-09T09:00 (read in {tz.key}) or 2020-03-09T08:00+00:00"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=tz)


def cmd_announce(args, settings: Settings) -> int:
    from .announcer import group_timezone  # imports Slack's client: only for this command

    tz = group_timezone(settings.timezone)
    fixed_now = parse_now(args.now, tz) if args.now else None
    if args.dry_run:
        return _dry_run(args, settings, fixed_now or datetime.now(timezone.utc), tz)
    if not settings.slack_bot_token:
        raise UsageError(
            "SLACK_BOT_TOKEN is not set; export SLACK_BOT_TOKEN=xoxb-... (the bot's token), or preview with --dry-run"
        )
    from .announcer import make_client, run_once

    client = make_client(settings.slack_bot_token, settings.slack_api_url)
    with open_kb(args, settings, read_only=True) as kb:
        group_id = group_id_option(kb, args.group)  # an unknown group is refused before anything posts
    while True:
        with open_kb(args, settings) as kb:
            summary = run_once(kb, client, now=fixed_now, tz=tz, env_admins=settings.admins, group_id=group_id)
        if args.once:
            print(summary.text())
            return 1 if summary.failed else 0
        if summary.posted_messages or summary.failed or summary.paused:
            print(f"{datetime.now(tz).isoformat(timespec='seconds')} {summary.text()}", flush=True)
        time.sleep(args.interval)


def _dry_run(args, settings: Settings, now: datetime, tz) -> int:
    with open_kb(args, settings, read_only=True) as kb:
        group_id = group_id_option(kb, args.group)
        plan, batches = announcements.preview(kb, now, tz)
    if group_id is not None:
        batches = [b for b in batches if plan.subscriptions[b.subscription_id].group_id == group_id]
    local = now.astimezone(tz)
    if not plan.open:
        print(
            f"nothing to do: it is {local:%H:%M} on {dates.human(local.date())} in {tz.key}; "
            f"announcements go out from 09:00"
        )
        return 0
    if not batches:
        print(f"nothing to announce on {dates.human(plan.today)} ({tz.key})")
    for batch in batches:
        print(f"--- to {batch.channel} ({batch.kind}), {len(batch.items)} notice{'s' if len(batch.items) != 1 else ''}")
        print(batch.text)
    return 0


def cmd_ics(args, settings: Settings) -> int:
    from knowledge.calendar import ics_feed

    with open_kb(args, settings, read_only=True) as kb:
        feed = ics_feed(kb, group_id=group_id_option(kb, args.group))
    if args.output:
        try:
            with open(args.output, "wb") as f:
                f.write(feed)
        except FileNotFoundError:
            raise UsageError(
                f"cannot write {args.output}: there is no folder {os.path.dirname(args.output) or '.'}"
            ) from None
        except IsADirectoryError:
            raise UsageError(
                f"{args.output} is a folder; name a file, e.g. {os.path.join(args.output, 'wg.ics')}"
            ) from None
        except PermissionError:
            raise UsageError(f"cannot write {args.output}: permission denied") from None
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(feed)
        sys.stdout.flush()
    return 0
