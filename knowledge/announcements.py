"""Deadline announcements: who subscribed, which notices are due, and the claim that makes each one
go out exactly once.

A channel (or a delegate, by DM) subscribes with lead times such as ``7d 1d 0d``: a notice goes out
that many days before each deadline, at 09:00 in the group's time zone. Besides the reminders, a
subscriber that was told about a deadline hears once when its date moves (an extension) or when it is
deleted.

Exactly once rests on the ``announcements`` table: every notice has a key (subscription, deadline,
due date, lead) under a unique index, and is inserted as a *claim* inside one ``BEGIN IMMEDIATE``
transaction before anything is posted. A second announcer on the same file waits for that transaction
and then finds the keys taken, so it posts nothing twice; a restart finds them too. A claim ends as
``posted`` or ``failed``; failed claims, and claims left ``claimed`` by a process that died, are
claimed again by a later run while they are still worth saying, else marked ``superseded``.

The ``lead`` column says what kind of notice a row is:

* ``"7d"``: the reminder 7 days before the deadline due on ``due``;
* ``"moved:<change id>"``: the date moved from ``previous_due`` to ``due``; the id of the edit that
  moved it keeps a move back and forth from colliding with the first move;
* ``"deleted:<change id>"``: the deadline was deleted; ``due`` is the date the subscriber knew.

Planning never scans every (deadline, subscription) pair: each subscription remembers the day it was
planned through (``planned_through``), so a run looks only at deadlines whose lead day fell since.
Subscriptions sharing leads and that day share one range query per lead over the ``due`` index,
whose deadlines fan out to all of them. Changes are read from the ``changes`` log after the last
change a run has seen (kept in ``meta``). The planning functions are pure (rows and a clock in,
notices out); ``plan_run`` feeds them from SQLite and ``claim_due_notices`` writes the claims.
Nothing here imports Slack: ``bot.announcer`` posts.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence, Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo

from . import dates
from .admins import normalise_user_id
from .store import SYSTEM_ACTOR, KnowledgeBase, ValidationError, now_iso

DEFAULT_LEADS: tuple[int, ...] = (7, 1, 0)
MAX_LEAD_DAYS = 366
ANNOUNCE_AT = time(9, 0)
# A claim still 'claimed' after this long belongs to a process that died before it could say how its
# post went; long enough that a slow but live announcer (rate limits, retries) is not overtaken.
STALE_CLAIM_AFTER = timedelta(minutes=10)
# A notice Slack refuses this many times (for a reason other than a lost channel) is left 'failed'
# rather than retried every run for ever.
MAX_ATTEMPTS = 10
CHANGE_WATERMARK_KEY = "announcer_last_change_id"
EXAMPLE_CHANNEL_ID = "C012AB3CD"
SUBSCRIPTION_KINDS = ("channel", "user")

_LEAD_WORD = re.compile(r"(\d{1,3})d?")
_CHANNEL_ID = re.compile(r"[CGD][A-Z0-9]{2,20}")
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")


# -- lead times --------------------------------------------------------------------------------


def parse_leads(text: str | None) -> tuple[int, ...]:
    """'14d 7d 1d 0d', '7d,1d,0d' or '7 1 0' -> (14, 7, 1, 0): days before a deadline, largest first.

    Empty text means the default, 7d 1d 0d. Raises ValueError naming the bad word, with an example.
    """
    words = [w for w in re.split(r"[\s,;]+", (text or "").strip().lower()) if w]
    if not words:
        return DEFAULT_LEADS
    leads: set[int] = set()
    for word in words:
        m = _LEAD_WORD.fullmatch(word)
        if not m or int(m.group(1)) > MAX_LEAD_DAYS:
            raise ValueError(
                f"'{word}' is not a lead time; write days before the deadline, e.g. 14d 7d 1d 0d "
                f"(0d is the day itself, at most {MAX_LEAD_DAYS}d)"
            )
        leads.add(int(m.group(1)))
    return tuple(sorted(leads, reverse=True))


def format_leads(leads: Iterable[int]) -> str:
    """(7, 1, 0) -> '7d 1d 0d', the form stored and shown."""
    return " ".join(f"{n}d" for n in sorted(set(leads), reverse=True))


def current_lead(leads: Iterable[int], days_left: int) -> int | None:
    """The lead whose day came most recently for a deadline ``days_left`` days away (the smallest
    lead not below it), or None when no lead day has come yet."""
    reached = [lead for lead in leads if lead >= days_left]
    return min(reached) if reached else None


# -- subscriptions -----------------------------------------------------------------------------


def _normalise_target(target: str, kind: str) -> str:
    """A Slack channel or user ID as typed ('#C012AB3CD', '<#C012AB3CD|general>', '<@U012ABCDEF>')."""
    if kind == "user":
        return normalise_user_id(target)  # one reading of user IDs, shared with the admins list
    raw = (target or "").strip()
    m = re.fullmatch(r"<[#@]([A-Z0-9]+)(?:\|[^>]*)?>", raw)
    candidate = m.group(1) if m else raw.lstrip("#@")
    pattern, example, what = _CHANNEL_ID, EXAMPLE_CHANNEL_ID, "Slack channel ID"
    if pattern.fullmatch(candidate):
        return candidate
    # Only a word with a digit is taken for a lower-cased ID: 'general' must not become 'GENERAL'.
    if pattern.fullmatch(candidate.upper()) and re.search(r"\d", candidate):
        raise ValidationError(f"'{raw}' is not a {what}: IDs are written in capitals, e.g. {candidate.upper()}")
    if _USER_ID.fullmatch(candidate):
        raise ValidationError(
            f"{candidate} is a user, not a channel; a delegate subscribes personally with kind 'user' "
            f"(in Slack: /wg remind me)"
        )
    hint = "open the channel's details; the ID is at the bottom"
    raise ValidationError(f"'{raw}' is not a {what}; it looks like {example} ({hint})")


def _group_id(kb: KnowledgeBase, group: str | None) -> int | None:
    if group is None or not str(group).strip():
        return None
    wanted = str(group).strip().lower()
    for g in kb.groups():
        if wanted in {g["key"], (g["name"] or "").lower(), (g["abbreviation"] or "").lower()}:
            return g["id"]
    known = ", ".join(g["abbreviation"] or g["name"] for g in kb.groups()) or "none yet"
    raise ValidationError(f"there is no group '{group}'; groups are: {known}")


def subscribe(
    kb: KnowledgeBase,
    channel: str,
    leads_text: str | None = None,
    kind: str = "channel",
    actor: str = SYSTEM_ACTOR,
    *,
    group: str | None = None,
) -> dict:
    """Subscribe a channel (or, with kind 'user', a delegate by DM) to deadline announcements.

    Subscribing again changes the leads and resumes a paused subscription, keeping what it was
    already told, so nothing is repeated. ``group`` limits it to one group's deadlines.
    Returns the subscription row; raises ValueError (nothing changed) on bad input.
    """
    if kind not in SUBSCRIPTION_KINDS:
        raise ValidationError(f"kind must be 'channel' or 'user', not '{kind}'")
    channel = _normalise_target(channel, kind)
    leads = format_leads(parse_leads(leads_text))
    with kb.transaction():
        group_id = _group_id(kb, group)
        existing = _subscription_by_channel(kb, channel)
        if existing:
            kb.db.table("subscriptions").update(
                existing["id"],
                {
                    "kind": kind,
                    "leads": leads,
                    "group_id": group_id,
                    "paused": 0,
                    "paused_reason": None,
                },
            )
        else:
            kb.db.table("subscriptions").insert(
                {
                    "channel": channel,
                    "kind": kind,
                    "leads": leads,
                    "group_id": group_id,
                    "paused": 0,
                    "paused_reason": None,
                    "created_by": actor,
                    "created_at": now_iso(),
                }
            )
        saved = _subscription_by_channel(kb, channel)
        assert saved is not None  # written just above, in this transaction
        return saved


def unsubscribe(kb: KnowledgeBase, channel: str, actor: str = SYSTEM_ACTOR) -> dict:
    """End a subscription, with the record of what it was told. Returns the removed row.

    ``actor`` is who asked; it is accepted for symmetry with ``subscribe`` (the row it would be
    stored on is the one removed). Raises ValueError, nothing changed, if there is no such subscription.
    """
    target = (channel or "").strip()
    m = re.fullmatch(r"<[#@]([A-Z0-9]+)(?:\|[^>]*)?>", target)
    target = m.group(1) if m else target.lstrip("#@")
    with kb.transaction():
        row = _subscription_by_channel(kb, target)
        if row is None:
            raise ValidationError(
                f"'{channel}' has no subscription; `rapporteur subscriptions` lists them "
                f"(e.g. rapporteur unsubscribe {EXAMPLE_CHANNEL_ID})"
            )
        kb.conn.execute("DELETE FROM announcements WHERE subscription_id = ?", [row["id"]])
        kb.db.table("subscriptions").delete(row["id"])
    return row


def list_subscriptions(kb: KnowledgeBase) -> list[dict]:
    """Every subscription, oldest first, with its group's name (None: every group)."""
    groups = {g["id"]: g["abbreviation"] or g["name"] for g in kb.groups()}
    rows = []
    for row in kb.db["subscriptions"].rows_where(order_by="id"):
        row["paused"] = bool(row.get("paused"))
        row["group"] = groups.get(row["group_id"]) if row.get("group_id") else None
        rows.append(row)
    return rows


def pause_subscription(kb: KnowledgeBase, subscription_id: int, reason: str) -> bool:
    """Stop announcing to a subscription Slack will not deliver to. True if it was running until now,
    so that admins are told once, not every run."""
    with kb.transaction():
        cursor = kb.conn.execute(
            "UPDATE subscriptions SET paused = 1, paused_reason = ? WHERE id = ? AND COALESCE(paused, 0) = 0",
            [reason, subscription_id],
        )
        return cursor.rowcount == 1


def _subscription_by_channel(kb: KnowledgeBase, channel: str) -> dict | None:
    rows = list(kb.db["subscriptions"].rows_where("channel = ?", [channel]))
    return rows[0] if rows else None


# -- the clock ---------------------------------------------------------------------------------


def announcement_day(now: datetime, tz: ZoneInfo) -> tuple[date, bool]:
    """The group's local date at ``now``, and whether announcements are open (it is 09:00 or later).

    A naive ``now`` is read as local time in ``tz``.
    """
    local = now.replace(tzinfo=tz) if now.tzinfo is None else now.astimezone(tz)
    return local.date(), local.time() >= ANNOUNCE_AT


def _utc_iso(now: datetime, tz: ZoneInfo) -> str:
    aware = now.replace(tzinfo=tz) if now.tzinfo is None else now
    return aware.astimezone(timezone.utc).isoformat(timespec="seconds")


# -- planning (pure) ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    channel: str
    kind: str
    leads: tuple[int, ...]
    group_id: int | None
    planned_through: date | None

    def covers(self, group_id: int | None) -> bool:
        return self.group_id is None or self.group_id == group_id


class Notice(NamedTuple):
    """One thing to tell one subscriber; ``key`` is the unique key of its claim.

    A named tuple, not a dataclass: a first run can plan millions, and tuples are the cheapest to make.
    """

    subscription_id: int
    deadline_id: int
    due: str  # ISO date
    lead: str  # "7d", "moved:<change id>" or "deleted:<change id>"
    previous_due: str | None = None

    @property
    def key(self) -> tuple[int, int, str, str]:
        return (self.subscription_id, self.deadline_id, self.due, self.lead)

    @property
    def change_id(self) -> int | None:
        return int(self.lead.split(":", 1)[1]) if ":" in self.lead else None


DeadlinesDueBetween = Callable[[str, str], Iterable[tuple[int, str, int | None]]]


def lead_ranges(leads: Iterable[int], today: date, planned_through: date | None) -> list[tuple[int, date, date]]:
    """For one set of leads: (lead, first due, last due) for the deadlines each lead announces today.

    A lead's day for a deadline due D is D - lead; it is announced now if that day fell after
    ``planned_through`` and by ``today`` (and D is not past). When several lead days fell in that
    span (after downtime) only the most recent, the smallest lead, counts, so each lead keeps only
    the dues no smaller lead has taken. Each lead's range starts no earlier and ends later than any
    smaller lead's, so what is left is one range: from the day after the last smaller range.
    """
    ranges = []
    taken_through: date | None = None
    for lead in sorted(set(leads)):
        last = today + timedelta(days=lead)
        first = today if planned_through is None else max(today, planned_through + timedelta(days=lead + 1))
        if first > last:
            continue
        start = first if taken_through is None else max(first, taken_through + timedelta(days=1))
        if start <= last:
            ranges.append((lead, start, last))
        taken_through = last
    return ranges


@dataclass
class Fanout:
    """The reminders of one lead for one profile of subscribers (same leads, same planned-through
    day): each deadline found in the lead's due range, to each subscriber covering its group.

    Kept as deadlines x subscriber ids rather than one object per notice, because a first run can
    mean millions of notices; ``rows`` expands it as plain tuples straight into the claim insert.
    """

    lead: str
    deadlines: list[tuple[int, str, int | None]]  # (id, due, group_id)
    every_group: list[int]  # ids of subscriptions to every group's deadlines
    by_group: dict[int, list[int]]  # group id -> ids of subscriptions to that group only

    def rows(
        self, skip_pairs: AbstractSet[tuple[int, int]] = frozenset(), skip_deadlines: AbstractSet[int] = frozenset()
    ) -> Iterator[tuple[int, int, str, str]]:
        """(subscription id, deadline id, due, lead), leaving out the (subscription, deadline) pairs
        in ``skip_pairs``; ``skip_deadlines`` (their deadline ids) keeps that check off the rest."""
        lead = self.lead
        for deadline_id, due, group_id in self.deadlines:
            targets = self.every_group + self.by_group[group_id] if group_id in self.by_group else self.every_group
            if deadline_id in skip_deadlines:
                yield from ((s, deadline_id, due, lead) for s in targets if (s, deadline_id) not in skip_pairs)
            else:
                yield from ((s, deadline_id, due, lead) for s in targets)


def plan_lead_fanouts(
    subscriptions: Iterable[Subscription], today: date, deadlines_due_between: DeadlinesDueBetween
) -> list[Fanout]:
    """The reminders whose lead day fell after each subscription's ``planned_through`` and by ``today``.

    ``deadlines_due_between(first, last)`` yields (id, due, group_id) for deadlines due in that
    inclusive ISO range, via the due index. Per subscription and deadline only the most recent lead
    day counts (catch-up after downtime sends one notice, not one per missed lead); a subscription
    never planned gets the lead now current for everything within its leads. Deadlines before
    ``today`` are never planned.

    Subscriptions with the same leads and planned-through day announce the same deadlines, so the
    work is one range query per distinct (leads, day, lead), shared between profiles with the same
    range: never deadlines x subscriptions.
    """
    profiles: dict[tuple, list[Subscription]] = defaultdict(list)
    for sub in subscriptions:
        profiles[(sub.leads, sub.planned_through)].append(sub)
    fetched: dict[tuple[str, str], list[tuple]] = {}
    fanouts: list[Fanout] = []
    for (leads, planned_through), subs in profiles.items():
        every_group = [s.id for s in subs if s.group_id is None]
        by_group: dict[int, list[int]] = defaultdict(list)
        for s in subs:
            if s.group_id is not None:
                by_group[s.group_id].append(s.id)
        for lead, first, last in lead_ranges(leads, today, planned_through):
            span = (first.isoformat(), last.isoformat())
            if span not in fetched:
                fetched[span] = list(deadlines_due_between(*span))
            if fetched[span]:
                fanouts.append(Fanout(f"{lead}d", fetched[span], every_group, dict(by_group)))
    return fanouts


@dataclass(frozen=True, slots=True)
class DeadlineNow:
    """A changed deadline as it stands."""

    id: int
    due: str | None  # None for a deadline due only in words
    group_id: int | None


def plan_change_notices(
    subscriptions: Iterable[Subscription],
    changed: dict[int, int],
    current: dict[int, DeadlineNow],
    told: dict[int, dict[int, str | None]],
    today: date,
) -> list[Notice]:
    """Notices for deadlines changed since the last run.

    ``changed``: deadline id -> id of its latest change; ``current``: the changed deadlines that still
    exist; ``told``: deadline id -> {subscription id: the due date it last heard, or None if what it
    last heard was the deletion}. A subscriber told one date hears once that it moved, or that the
    deadline was deleted; one never told (a new deadline, or one moved into its leads) gets the
    reminder now current, which the lead pass would miss because that lead day went by before the
    deadline existed. Nothing is said about a deadline already past.
    """
    subs = [s for s in subscriptions if s.leads]
    active = {s.id for s in subs}
    # Subscribers with the same leads share the lead now current for a deadline.
    by_leads: dict[tuple[int, ...], list[Subscription]] = defaultdict(list)
    for s in subs:
        by_leads[s.leads].append(s)
    today_iso = today.isoformat()
    widest = max((s.leads[0] for s in subs), default=-1)
    notices: list[Notice] = []
    for deadline_id, change_id in changed.items():
        now = current.get(deadline_id)
        heard = {
            sub_id: due for sub_id, due in told.get(deadline_id, {}).items() if due is not None and sub_id in active
        }
        if now is None:
            lead = f"deleted:{change_id}"
            notices += [Notice(sub_id, deadline_id, due, lead) for sub_id, due in heard.items() if due >= today_iso]
            continue
        if now.due is None or now.due < today_iso:
            continue  # over, or due only "within one month of the session": no day to remind of
        lead = f"moved:{change_id}"
        notices += [Notice(sub_id, deadline_id, now.due, lead, due) for sub_id, due in heard.items() if due != now.due]
        days_left = (date.fromisoformat(now.due) - today).days
        if days_left > widest:
            continue
        for leads, group in by_leads.items():
            reached = current_lead(leads, days_left)
            if reached is None:
                continue
            lead = f"{reached}d"
            notices += [
                Notice(s.id, deadline_id, now.due, lead) for s in group if s.id not in heard and s.covers(now.group_id)
            ]
    return notices


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """An earlier claim that did not end as posted, with its deadline as it stands now."""

    id: int
    notice: Notice
    current_due: str | None  # None: the deadline no longer exists


def retry_decision(row: ClaimRow, sub: Subscription | None, today: date) -> str:
    """'retry' if the notice is still worth saying today, 'wait' while its subscription is paused,
    else 'superseded' (the date moved again, the deadline passed, or a later lead took over)."""
    if sub is None:  # paused: unsubscribing deletes a subscription's claims
        return "wait"
    notice, today_iso = row.notice, today.isoformat()
    if notice.due < today_iso:
        return "superseded"
    if notice.lead.startswith("deleted:"):
        return "retry" if row.current_due is None else "superseded"
    if row.current_due != notice.due:
        return "superseded"
    if notice.lead.startswith("moved:"):
        return "retry"
    days_left = (date.fromisoformat(notice.due) - today).days
    return "retry" if f"{current_lead(sub.leads, days_left)}d" == notice.lead else "superseded"


# -- reading what planning needs ---------------------------------------------------------------


@dataclass
class Plan:
    """What a run would do: reminders by lead, notices about changes, earlier claims to retry or give
    up on, and how far it brings the changes log."""

    today: date
    open: bool
    subscriptions: dict[int, Subscription]
    fanouts: list[Fanout] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # about changes, and reminders they bring
    retries: list[ClaimRow] = field(default_factory=list)
    superseded: list[int] = field(default_factory=list)
    last_change_id: int = 0
    # (subscription, deadline) pairs the fanouts must leave out: a change notice or a retried claim
    # already covers them.
    skip_pairs: set[tuple[int, int]] = field(default_factory=set)

    def new_rows(self) -> Iterator[tuple[int, int, str, str, str | None]]:
        """Every new notice as (subscription id, deadline id, due, lead, previous due)."""
        skip_deadlines = {deadline_id for _, deadline_id in self.skip_pairs}
        for fanout in self.fanouts:
            for row in fanout.rows(self.skip_pairs, skip_deadlines):
                yield (*row, None)
        yield from self.notices

    def count(self) -> int:
        return sum(1 for _ in self.new_rows())


def _json_ids(ids: Iterable[int]) -> str:
    return json.dumps(sorted(set(ids)))


def active_subscriptions(kb: KnowledgeBase) -> dict[int, Subscription]:
    rows = kb.conn.execute(
        "SELECT id, channel, kind, leads, group_id, planned_through FROM subscriptions WHERE COALESCE(paused, 0) = 0"
    ).fetchall()
    subs = {}
    for id_, channel, kind, leads, group_id, planned_through in rows:
        subs[id_] = Subscription(
            id_, channel, kind or "channel", parse_leads(leads), group_id, dates.from_iso(planned_through)
        )
    return subs


def _change_watermark(kb: KnowledgeBase) -> int:
    row = kb.conn.execute("SELECT value FROM meta WHERE key = ?", [CHANGE_WATERMARK_KEY]).fetchone()
    return int(row[0]) if row else 0


def plan_run(kb: KnowledgeBase, now: datetime, tz: ZoneInfo, group_id: int | None = None) -> Plan:
    """Read what is needed and decide, writing nothing (a dry run stops here). With ``group_id``,
    only the subscriptions to that group's deadlines: the others' claims wait untouched."""
    today, is_open = announcement_day(now, tz)
    subs = active_subscriptions(kb)
    if group_id is not None:
        subs = {k: s for k, s in subs.items() if s.group_id == group_id}
    watermark = _change_watermark(kb)
    plan = Plan(today, is_open, subs, last_change_id=watermark)
    if not is_open or not subs:
        return plan

    def deadlines_due_between(first: str, last: str):
        return kb.conn.execute("SELECT id, due, group_id FROM deadlines WHERE due BETWEEN ? AND ?", [first, last])

    plan.fanouts = plan_lead_fanouts(subs.values(), today, deadlines_due_between)

    changed: dict[int, int] = {}
    for change_id, record_id in kb.conn.execute(
        "SELECT id, record_id FROM changes WHERE id > ? AND kind = 'deadlines' ORDER BY id", [watermark]
    ):
        changed[record_id] = change_id
    plan.last_change_id = max([watermark, *changed.values()])
    if changed:
        ids = _json_ids(changed)
        current = {
            r[0]: DeadlineNow(*r)
            for r in kb.conn.execute(
                "SELECT id, due, group_id FROM deadlines WHERE id IN (SELECT value FROM json_each(?))", [ids]
            )
        }
        told: dict[int, dict[int, str | None]] = defaultdict(dict)
        # The latest claim not given up on is what the subscriber heard (or is hearing right now).
        for sub_id, deadline_id, due, _ in kb.conn.execute(
            "SELECT subscription_id, deadline_id, CASE WHEN lead LIKE 'deleted:%' THEN NULL ELSE due END, "
            "MAX(id) FROM announcements WHERE deadline_id IN (SELECT value FROM json_each(?)) "
            "AND +status IN ('posted', 'claimed') GROUP BY subscription_id, deadline_id",
            [ids],
        ):
            told[deadline_id][sub_id] = due
        plan.notices = plan_change_notices(subs.values(), changed, current, told, today)
        # A reminder the lead pass also planned is the same claim (the change pass chose the same,
        # current, lead); beside a "moved" notice it would say nothing new. Either way: leave it out.
        plan.skip_pairs = {(n.subscription_id, n.deadline_id) for n in plan.notices}

    stale_before = _utc_iso(now - STALE_CLAIM_AFTER, tz)
    for row in kb.conn.execute(
        "SELECT a.id, a.subscription_id, a.deadline_id, a.due, a.lead, a.previous_due, d.due "
        "FROM announcements a LEFT JOIN deadlines d ON d.id = a.deadline_id "
        "WHERE a.status IN ('failed', 'claimed') AND (a.status = 'failed' OR a.claimed_at < ?) "
        "AND COALESCE(a.attempts, 0) < ? AND a.lead NOT LIKE 'news:%'",
        [stale_before, MAX_ATTEMPTS],
    ).fetchall():
        claim = ClaimRow(row[0], Notice(*row[1:6]), row[6])
        decision = retry_decision(claim, subs.get(claim.notice.subscription_id), today)
        if decision == "retry":
            plan.retries.append(claim)
        elif decision == "superseded":
            plan.superseded.append(claim.id)
        # A paused subscription's claims wait, untouched, until it is resumed.
    if plan.retries:  # a retried claim exists already: take it over rather than plan it again
        retried = {r.notice.key for r in plan.retries}
        plan.skip_pairs |= {(r.notice.subscription_id, r.notice.deadline_id) for r in plan.retries}
        plan.notices = [n for n in plan.notices if n.key not in retried]
    return plan


# -- claiming ----------------------------------------------------------------------------------


@dataclass
class Item:
    """One line of an announcement, with what a delegate needs to act on it."""

    claim_id: int | None
    notice: Notice
    title: str
    send_to: str | None = None
    subject: str | None = None
    paragraph: str | None = None
    report: str | None = None
    group: str | None = None
    original_due: str | None = None


@dataclass
class Batch:
    """Everything one subscriber is told in one run: a single message."""

    subscription_id: int
    channel: str
    kind: str
    items: list[Item]
    text: str

    @property
    def claim_ids(self) -> list[int]:
        return [i.claim_id for i in self.items if i.claim_id is not None]


def claim_due_notices(kb: KnowledgeBase, now: datetime, tz: ZoneInfo, group_id: int | None = None) -> list[Batch]:
    """Plan and claim in one write transaction; return one batch per subscriber to post.

    Only the claims this call inserted or took over are returned: keys another announcer claimed
    first are skipped by the unique index, so whoever posts a notice is the one that claimed it.
    With ``group_id``, only the subscriptions to that group's deadlines are served; the others are
    left as they were (their plans and the changes log's watermark do not move), so the next run
    that serves them loses nothing.
    """
    claimed_at = _utc_iso(now, tz)
    with kb.transaction():
        news = claim_news(kb, now, tz, group_id)  # what's new in an imported report goes out at once, not at 09:00
        plan = plan_run(kb, now, tz, group_id)
        if not plan.open:
            return news
        before = kb.conn.execute("SELECT COALESCE(MAX(id), 0) FROM announcements").fetchone()[0]
        kb.conn.executemany(
            "INSERT OR IGNORE INTO announcements (subscription_id, deadline_id, due, lead, previous_due, "
            "claimed_at, status, attempts) VALUES (?, ?, ?, ?, ?, ?, 'claimed', 1)",
            ((*row, claimed_at) for row in plan.new_rows()),
        )
        # Inside this transaction no one else inserts, and SQLite gives new rows ids above the
        # largest, so the rows above `before` are exactly the claims this run won.
        claimed = [
            (row[0], Notice(*row[1:]))
            for row in kb.conn.execute(
                "SELECT id, subscription_id, deadline_id, due, lead, previous_due FROM announcements "
                "WHERE id > ? ORDER BY id",
                [before],
            )
        ]
        for retry in plan.retries:
            kb.conn.execute(
                "UPDATE announcements SET status = 'claimed', claimed_at = ?, error = NULL, "
                "attempts = COALESCE(attempts, 0) + 1 WHERE id = ?",
                [claimed_at, retry.id],
            )
            claimed.append((retry.id, retry.notice))
        if plan.superseded:
            kb.conn.execute(
                "UPDATE announcements SET status = 'superseded' WHERE id IN (SELECT value FROM json_each(?))",
                [_json_ids(plan.superseded)],
            )
        kb.conn.execute(
            "UPDATE subscriptions SET planned_through = ? WHERE COALESCE(paused, 0) = 0 "
            "AND (planned_through IS NULL OR planned_through < ?) AND id IN (SELECT value FROM json_each(?))",
            [plan.today.isoformat(), plan.today.isoformat(), _json_ids(plan.subscriptions)],
        )
        if group_id is None:  # a run for one group leaves the other groups' change notices to come
            kb.db.table("meta").upsert({"key": CHANGE_WATERMARK_KEY, "value": str(plan.last_change_id)}, pk="key")
    return news + build_batches(kb, claimed, plan.subscriptions, plan.today)


def preview(kb: KnowledgeBase, now: datetime, tz: ZoneInfo) -> tuple[Plan, list[Batch]]:
    """What a run at ``now`` would post, claiming nothing (``announce --dry-run``)."""
    plan = plan_run(kb, now, tz)
    news = news_batches(kb, _news_rows(kb, now, tz), announcement_day(now, tz)[0])
    if not plan.open:
        return plan, news
    pending = [(None, Notice(*row)) for row in plan.new_rows()] + [(None, r.notice) for r in plan.retries]
    return plan, news + build_batches(kb, pending, plan.subscriptions, plan.today)


def mark_posted(kb: KnowledgeBase, claim_ids: list[int], now: datetime, tz: ZoneInfo, slack_ts: str | None) -> None:
    with kb.transaction():
        kb.conn.execute(
            "UPDATE announcements SET status = 'posted', posted_at = ?, slack_ts = ?, error = NULL "
            "WHERE id IN (SELECT value FROM json_each(?))",
            [_utc_iso(now, tz), slack_ts, _json_ids(claim_ids)],
        )


def mark_failed(kb: KnowledgeBase, claim_ids: list[int], error: str) -> None:
    """A post that did not go through: the next run claims it again (see ``retry_decision``)."""
    with kb.transaction():
        kb.conn.execute(
            "UPDATE announcements SET status = 'failed', error = ? WHERE id IN (SELECT value FROM json_each(?))",
            [error[:500], _json_ids(claim_ids)],
        )


# -- what the message says ---------------------------------------------------------------------


def build_batches(
    kb: KnowledgeBase, claimed: Sequence[tuple[int | None, Notice]], subscriptions: dict[int, Subscription], today: date
) -> list[Batch]:
    """Group claims by subscriber and fill in what each line needs from the records."""
    if not claimed:
        return []
    deadline_ids = _json_ids(n.deadline_id for _, n in claimed)
    deadlines = {
        row["id"]: row
        for row in kb.db.query(
            "SELECT d.id, d.title, d.due, d.original_due, d.send_to, d.subject, d.paragraph, "
            "r.title AS report, COALESCE(g.abbreviation, g.name) AS grp FROM deadlines d "
            "LEFT JOIN reports r ON r.id = d.report_id LEFT JOIN groups g ON g.id = d.group_id "
            "WHERE d.id IN (SELECT value FROM json_each(?))",
            [deadline_ids],
        )
    }
    # A deleted deadline is described from the change that deleted it.
    change_ids = _json_ids(n.change_id for _, n in claimed if n.lead.startswith("deleted:") and n.change_id is not None)
    deleted = {
        row[0]: json.loads(row[1])
        for row in kb.conn.execute(
            "SELECT id, before FROM changes WHERE id IN (SELECT value FROM json_each(?)) AND before IS NOT NULL",
            [change_ids],
        )
    }
    groups_shown = len(kb.groups()) > 1
    by_sub: dict[int, list[Item]] = defaultdict(list)
    for claim_id, notice in claimed:
        record = deadlines.get(notice.deadline_id)
        if record is None:
            record = deleted.get(notice.change_id, {}) if notice.change_id else {}
        by_sub[notice.subscription_id].append(
            Item(
                claim_id,
                notice,
                record.get("title") or f"deadline {notice.deadline_id}",
                record.get("send_to"),
                record.get("subject"),
                record.get("paragraph"),
                record.get("report"),
                record.get("grp") if groups_shown else None,
                record.get("original_due"),
            )
        )
    batches = []
    for sub_id, items in sorted(by_sub.items()):
        sub = subscriptions.get(sub_id)
        if sub is None:
            continue
        items.sort(key=lambda i: (i.notice.due, i.title))
        batches.append(Batch(sub_id, sub.channel, sub.kind, items, render_message(items, today, sub.kind)))
    return batches


def render_message(items: list[Item], today: date, kind: str = "channel") -> str:
    """One message: a heading, then a line per deadline (what, when, in how many days, where to
    send it, and the paragraph it comes from). Slack-style *bold*, readable as plain text too."""
    heading = "Your deadline reminders" if kind == "user" else "Deadline reminders"
    lines = [f"*{heading}* — {dates.human(today)}"]
    for item in items:
        lines.append("• " + render_item(item, today))
    return "\n".join(lines)


def render_item(item: Item, today: date) -> str:
    notice = item.notice
    due = date.fromisoformat(notice.due)
    name = f"*{item.title}*" + (f" ({item.group})" if item.group else "")
    if notice.lead.startswith("deleted:"):
        return f"{name} is no longer in the reports' records; it was due {dates.human(due)}."
    when = dates.days_between_phrase(due, today)
    if notice.lead.startswith("moved:"):
        text = f"{name} moved from {dates.human(notice.previous_due)} to *{dates.human(due)}* ({when})."
    else:
        extended = f", extended from {dates.human(item.original_due)}" if item.original_due else ""
        text = f"{name}: due *{dates.human(due)}* ({when}{extended})."
    if item.send_to:
        text += f" Send to {item.send_to}" + (f", subject “{item.subject}”" if item.subject else "") + "."
    elif item.subject:
        text += f" Subject “{item.subject}”."
    source = []
    if item.report:
        source.append(item.report)
    if item.paragraph:
        source.append(f"para. {item.paragraph}")
    if source:
        text += " _Source: " + ", ".join(source) + "_"
    return text


# -- what's new in an imported report -----------------------------------------------------------
#
# Importing a report queues one notice per subscriber that covers its group, when the import brought
# new deadlines, moved ones or new events: a row of ``announcements`` with ``deadline_id`` 0 and
# ``lead`` "news:<report id>:<first change id>-<last change id>", status 'queued'. The announcer
# claims queued notices in the same ``BEGIN IMMEDIATE`` transaction as reminders (``claim_news``),
# so each goes out exactly once, and posts them like reminders; the message is planned from the
# changes log between the two change ids, so nothing but the key is stored. A failed post is
# claimed again by a later run.

NEWS_PREFIX = "news:"
NEWS_LINES = 15  # lines of one kind shown before "and N more"


@dataclass
class ImportNews:
    """What an import brought that subscribers want to hear: new deadlines, deadlines whose date
    moved (before, after), and new events."""

    report: str
    new_deadlines: list[dict] = field(default_factory=list)
    moved: list[tuple[dict, dict]] = field(default_factory=list)
    new_events: list[dict] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new_deadlines or self.moved or self.new_events)


def plan_import_news(report: str, changes: Iterable[dict], today: date | None = None) -> ImportNews:
    """The news in a run of the changes log (rows with kind, action, before, after as dicts). Given
    ``today``, deadlines already past and events already over are left out, as reminders leave them."""
    news = ImportNews(report)
    for c in _current(changes, today.isoformat() if today else ""):
        before, after = c.get("before"), c.get("after")
        if c["kind"] == "deadlines" and c["action"] == "add" and after and after.get("due"):
            news.new_deadlines.append(after)
        elif (
            c["kind"] == "deadlines"
            and c["action"] == "edit"
            and before
            and after
            and before.get("due")
            and after.get("due")
            and before.get("due") != after.get("due")
        ):
            news.moved.append((before, after))
        elif c["kind"] == "events" and c["action"] == "add" and after:
            news.new_events.append(after)
    news.new_deadlines.sort(key=lambda d: d["due"])
    news.new_events.sort(key=lambda e: e.get("start") or "")
    return news


def _current(changes: Iterable[dict], today_iso: str) -> Iterator[dict]:
    """The changes whose deadline or event is not over by ``today_iso`` (all of them given "")."""
    for c in changes:
        after = c.get("after") or {}
        if (after.get("due") or after.get("end") or after.get("start") or "9999") >= today_iso:
            yield c


def render_news(news: ImportNews, today: date) -> str:
    """One message: what is new in the report, deadlines first, each with its date."""
    lines = [f"*New in {news.report}* — {dates.human(today)}"]

    def section(title: str, entries: list[str]) -> None:
        if entries:
            lines.append(f"_{title}_")
            lines.extend("• " + e for e in entries[:NEWS_LINES])
            if len(entries) > NEWS_LINES:
                lines.append(f"• and {len(entries) - NEWS_LINES} more")

    section(
        "New deadlines",
        [
            f"*{d['title']}*: due *{dates.human(d['due'])}* "
            f"({dates.days_between_phrase(date.fromisoformat(d['due']), today)})"
            for d in news.new_deadlines
        ],
    )
    section(
        "Moved",
        [
            f"*{after['title']}*: {dates.human(before['due'])} \u2192 *{dates.human(after['due'])}*"
            for before, after in news.moved
        ],
    )
    section(
        "New events",
        [
            f"*{e['name']}*"
            + (f": {dates.human_range(e['start'], e.get('end'))}" if e.get("start") else "")
            + (f", {e['place']}" if e.get("place") else "")
            for e in news.new_events
        ],
    )
    return "\n".join(lines)


def queue_import_news(
    kb: KnowledgeBase, report_id: int, group_id: int, first_change: int, last_change: int, today: date | None = None
) -> int:
    """Queue one news notice per active subscriber covering the group, if the changes between the two
    ids (an import's) hold news. Runs inside the import's transaction; returns how many were queued."""
    today = today or date.today()  # the row's date; what is still current is decided when it is claimed
    if last_change < first_change or not _news_in(kb, "", first_change, last_change):
        return 0
    lead = f"{NEWS_PREFIX}{report_id}:{first_change}-{last_change}"
    due = today.isoformat()
    subs = [s for s in active_subscriptions(kb).values() if s.covers(group_id)]
    kb.conn.executemany(
        "INSERT OR IGNORE INTO announcements (subscription_id, deadline_id, due, lead, status, attempts) "
        "VALUES (?, 0, ?, ?, 'queued', 0)",
        [(s.id, due, lead) for s in subs],
    )
    return len(subs)


def _news_in(
    kb: KnowledgeBase, report: str, first_change: int, last_change: int, today: date | None = None
) -> ImportNews:
    rows = kb.conn.execute(
        "SELECT kind, action, before, after FROM changes WHERE id BETWEEN ? AND ? AND kind IN ('deadlines', 'events') "
        "ORDER BY id",
        [first_change, last_change],
    ).fetchall()
    return plan_import_news(
        report,
        (
            {"kind": k, "action": a, "before": json.loads(b) if b else None, "after": json.loads(x) if x else None}
            for k, a, b, x in rows
        ),
        today,
    )


def _news_rows(kb: KnowledgeBase, now: datetime, tz: ZoneInfo) -> list[tuple[int, int, str]]:
    """(claim id, subscription id, lead) of news notices to claim now: queued, failed, or left
    'claimed' by a process that died, of subscriptions not paused."""
    stale_before = _utc_iso(now - STALE_CLAIM_AFTER, tz)
    return kb.conn.execute(
        "SELECT a.id, a.subscription_id, a.lead FROM announcements a JOIN subscriptions s ON s.id = a.subscription_id "
        "WHERE a.lead LIKE 'news:%' AND COALESCE(s.paused, 0) = 0 AND COALESCE(a.attempts, 0) < ? "
        "AND (a.status IN ('queued', 'failed') OR (a.status = 'claimed' AND a.claimed_at < ?)) ORDER BY a.id",
        [MAX_ATTEMPTS, stale_before],
    ).fetchall()


def claim_news(kb: KnowledgeBase, now: datetime, tz: ZoneInfo, group_id: int | None = None) -> list[Batch]:
    """Claim every news notice due to go out (inside the caller's write transaction) and return one
    batch per notice, like reminders' batches, for the announcer to post (with ``group_id``, only
    the notices of subscriptions to that group)."""
    rows = _news_rows(kb, now, tz)
    if group_id is not None:
        ours = {r[0] for r in kb.conn.execute("SELECT id FROM subscriptions WHERE group_id = ?", [group_id])}
        rows = [r for r in rows if r[1] in ours]
    kb.conn.executemany(
        "UPDATE announcements SET status = 'claimed', claimed_at = ?, error = NULL, "
        "attempts = COALESCE(attempts, 0) + 1 WHERE id = ?",
        [(_utc_iso(now, tz), r[0]) for r in rows],
    )
    batches = news_batches(kb, rows, announcement_day(now, tz)[0], claimed=True)
    said = {b.items[0].claim_id for b in batches}
    stale = [r[0] for r in rows if r[0] not in said]  # everything in it is past by now: nothing to say
    if stale:
        kb.conn.execute(
            "UPDATE announcements SET status = 'superseded' WHERE id IN (SELECT value FROM json_each(?))",
            [_json_ids(stale)],
        )
    return batches


def news_batches(
    kb: KnowledgeBase, rows: list[tuple[int, int, str]], today: date, claimed: bool = False
) -> list[Batch]:
    """One batch per news notice (claim id, subscription id, lead) that still has something current
    to say on ``today``; ``claimed`` says whether the rows are claims (posting) or a preview."""
    subs = {r[0]: r for r in kb.conn.execute("SELECT id, channel, kind FROM subscriptions").fetchall()}
    batches = []
    for claim_id, sub_id, lead in rows:
        report_id, span = lead[len(NEWS_PREFIX) :].split(":", 1)
        first, last = (int(x) for x in span.split("-"))
        report = kb.conn.execute("SELECT title FROM reports WHERE id = ?", [int(report_id)]).fetchone()
        news = _news_in(kb, report[0] if report else f"report {report_id}", first, last, today)
        if not news:
            continue
        notice = Notice(sub_id, 0, today.isoformat(), lead)
        item = Item(claim_id if claimed else None, notice, news.report)
        _, channel, kind = subs[sub_id]
        batches.append(Batch(sub_id, channel, kind or "channel", [item], render_news(news, today)))
    return batches
