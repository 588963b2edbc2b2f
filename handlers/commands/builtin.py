"""The built-in /wg subcommands: deadlines, meeting, partners, doc, recs, help.

Each asks knowledge.listing for its list (lists, not answers) and returns a list message; a
subcommand whose arguments don't fit returns None so that the text is answered as a question.
"""

from __future__ import annotations

import json

from knowledge import dates, listing
from knowledge.groups import split_group

from ..blocks import HOW_TO_ASK, deadline_line, escape, list_message
from ..slack_text import is_number
from .registry import SUBCOMMANDS, Invocation, subcommand

HELP_ORDER = ("builtin", "subscriptions", "reports", "admin")
LIST_LIMIT = listing.LIST_LIMIT  # rows read for one list; the message itself keeps to Slack's limits


@subcommand(
    "deadlines",
    usage="deadlines [next week|March 2020|all] [for GROUP]",
    summary="deadlines: upcoming, in a period, or all",
    aliases=("deadline",),
)
def deadlines(inv: Invocation) -> dict | None:
    arg, group = split_group(inv.kb, inv.args)  # "/wg deadlines next week for CWG-COP"
    today = inv.today
    if arg.lower() in ("", "upcoming", "next"):
        start, end, label = today, None, "Upcoming deadlines"
    elif arg.lower() == "all":
        start, end, label = None, None, "All deadlines"
    else:
        period = dates.period_in_question(arg, today) or dates.period_in_question("in " + arg, today)
        if period is None:
            try:
                day = dates.parse_date(arg)
            except ValueError:
                return None  # "deadlines for the HLPF?" is a question
            period = dates.Period(day, day, dates.human(day))
        start, end, label = period.start, period.end, f"Deadlines \u2014 {period.label}"
    rows = inv.kb.deadlines(start, end, group_id=group["id"] if group else None, limit=LIST_LIMIT)
    label += f" ({group['abbreviation'] or group['name']})" if group else ""
    return list_message(
        label,
        [deadline_line(r, today) for r in rows],
        empty="No deadlines in that period.",
        footer="Try `/wg deadlines next week`, `/wg deadlines March 2020` or `/wg deadlines all`.",
    )


@subcommand("meeting", usage="meeting 35", summary="one meeting: dates, place, chair", aliases=("meetings",))
def meeting(inv: Invocation) -> dict | None:
    if not inv.args:
        rows = listing.meetings(inv.kb)
        lines = [
            (
                f"*{r['number']}*  {dates.human_range(r['start'], r['end']) if r.get('start') else ''}"
                if r.get("number") is not None
                else f"*{dates.human_range(r['start'], r['end'])}*"  # minutes name a meeting by its day
            )
            + (f", {escape(r['place'])}" if r.get("place") else "")
            for r in rows
        ]
        return list_message("Meetings", lines, empty="No meetings recorded yet.", footer="Details: `/wg meeting 35`")
    first = inv.args.split()[0].lstrip("#")
    if not is_number(first):
        return None
    found = listing.meeting(inv.kb, int(first))
    if found is None:
        known = ", ".join(str(r["number"]) for r in listing.meetings(inv.kb) if r.get("number") is not None)
        return list_message(
            f"Meeting {first}", [], empty=f"No meeting {first} in the reports. Known meetings: {known or 'none yet'}."
        )
    return list_message(f"Meeting {first}", _meeting_lines(found), footer=_cite(found))


def _meeting_lines(m: dict) -> list[str]:
    lines = []
    if m.get("start"):
        lines.append(f"*When:* {dates.human_range(m['start'], m['end'])}")
    for label, key in (("Where", "place"), ("Delegates", "delegates"), ("Summary", "summary_symbol")):
        if m.get(key):
            lines.append(f"*{label}:* {escape(str(m[key]))}")
    if m.get("chair"):
        country = f" ({escape(m['chair_country'])})" if m.get("chair_country") else ""
        lines.append(f"*Chair:* {escape(m['chair'])}{country}")
    vice = json.loads(m["vice_chairs"]) if m.get("vice_chairs") else []
    names = [
        escape(v.get("name") or "") + (f" ({escape(v['country'])})" if v.get("country") else "")
        for v in vice
        if isinstance(v, dict)
    ]
    if names:
        lines.append("*Vice-chairs:* " + ", ".join(names))
    if m.get("documents_considered") is not None:
        lines.append(f"*Documents considered:* {m['documents_considered']}")
    return lines


@subcommand("partners", usage="partners [TIER]", summary="partners, optionally of one tier", aliases=("partner",))
def partners(inv: Invocation) -> dict | None:
    rows = listing.partners(inv.kb, inv.args or None)
    lines = [
        f"*{escape(r['name'])}*"
        + (f" ({escape(r['abbreviation'])})" if r.get("abbreviation") else "")
        + (f" \u2014 {escape(r['tier'])}" if r.get("tier") else "")
        + (f", {escape(r['event'])}" if r.get("event") else "")
        for r in rows
    ]
    title = f"Partners \u2014 {inv.args}" if inv.args else "Partners"
    return list_message(title, lines, empty=f"No partners{' of tier ' + inv.args if inv.args else ''} recorded.")


@subcommand("doc", usage="doc SYMBOL", summary="a document by its symbol", aliases=("docs", "document"))
def doc(inv: Invocation) -> dict | None:
    if not inv.args:
        return list_message("Documents", [], empty="Which document? e.g. `/wg doc A/HRC/43/2`")
    symbol = inv.args.strip()
    rows = listing.documents(inv.kb, symbol)
    lines = [
        f"*{escape(r.get('symbol') or '(no symbol)')}* \u2014 {escape(r['title'])}"
        + (f" (meeting {r['meeting']})" if r.get("meeting") else "")
        + (f", submitted by {escape(r['submitter'])}" if r.get("submitter") else "")
        for r in rows
    ]
    return list_message(f"Documents \u2014 {symbol}", lines, empty=f"No document matches {symbol}.")


@subcommand("recs", usage="recs TOPIC", summary="recommendations on a topic", aliases=("rec", "recommendations"))
def recs(inv: Invocation) -> dict | None:
    if not inv.args:
        topics = listing.recommendation_topics(inv.kb)
        return list_message(
            "Recommendation topics",
            [f"{escape(t)} ({n})" for t, n in topics],
            empty="No recommendations recorded yet.",
            footer="e.g. `/wg recs youth`",
        )
    rows = listing.recommendations(inv.kb, inv.args)
    lines = [
        (f"*{escape(r['topic'])}:* " if r.get("topic") else "")
        + escape(r["text"])
        + (f" _({escape(r['paragraph'])})_" if r.get("paragraph") else "")
        for r in rows
    ]
    return list_message(f"Recommendations \u2014 {inv.args}", lines, empty=f"No recommendations on {inv.args}.")


@subcommand("help", usage="help", summary="this list", aliases=("?",))
def help_(inv: Invocation) -> dict:
    seen, lines = set(), []
    # delegates' commands first, then subscriptions, reports and the secretariat's: in this order
    # whatever order the modules were imported in
    for func in sorted(SUBCOMMANDS.values(), key=_help_rank):
        if id(func) not in seen:
            seen.add(id(func))
            lines.append(f"`/wg {func.usage}` \u2014 {func.summary}")
    lines.append("`/wg QUESTION` \u2014 anything else is answered as a question, only to you")
    return list_message("Rapporteur", lines, footer=HOW_TO_ASK)


def _help_rank(func) -> int:
    """Where a subcommand's module stands in HELP_ORDER; another module's (an extension's) after."""
    module = func.__module__.rsplit(".", 1)[-1]
    return HELP_ORDER.index(module) if module in HELP_ORDER else len(HELP_ORDER)


def _cite(record: dict) -> str | None:
    return f"Source: paragraph {escape(str(record['paragraph']))}" if record.get("paragraph") else None
