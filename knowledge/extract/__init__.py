"""Reading records out of a report's paragraphs: meetings, documents, deadlines, events, partners,
recommendations and people, each with the paragraph and sentence it came from.

One module per kind of record, the cue patterns in ``cues``; the stages run in order and each is
handed what the earlier ones found: the meetings' dates are claimed before events and deadlines are
read (a meeting's date is neither), and the events' opening and closing dates before deadlines.
The rules read the genre, not one report. Every record gets a natural ``key`` so that importing a
revised report updates it in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..paragraphs import Paragraph
from .context import ReportContext
from .deadlines import read_deadlines
from .documents import read_documents
from .events import read_events
from .meetings import read_meetings
from .partners import read_partners
from .people import initials_aliases, read_people
from .recommendations import read_recommendations
from .titles import deadline_title


@dataclass
class Extracted:
    """What a report holds: its group, title, paragraphs, key, records by kind and the aliases it defines."""

    group_name: str
    group_abbreviation: str | None
    title: str
    paragraphs: list[Paragraph]
    key: str = ""  # what identifies the report across revisions: the meetings it covers
    records: dict[str, list[dict]] = field(default_factory=dict)
    aliases: list[tuple[str, str]] = field(default_factory=list)


def read_report_records(paragraphs: list[Paragraph], filename: str = "report") -> Extracted:
    """Every record a report holds, read stage by stage."""
    ctx = ReportContext.read(paragraphs, filename)
    meetings = read_meetings(ctx)
    ctx = ctx.after_meetings(meetings.latest_end)
    events = read_events(ctx, meetings.claimed)
    people = read_people(ctx, meetings.records)
    initials = initials_aliases(ctx)
    records = {
        "meetings": meetings.records,
        "documents": read_documents(ctx, meetings.records),
        "events": events.records,
        "deadlines": read_deadlines(ctx, events.claimed),
        "partners": read_partners(ctx, not_partners={i for i, _ in initials}),
        "recommendations": read_recommendations(ctx),
        "people": people,
    }
    name, abbreviation = ctx.group()
    numbers = [m["number"] for m in meetings.records if m["number"] is not None]
    return Extracted(
        name,
        abbreviation,
        ctx.title(numbers),
        paragraphs,
        records=records,
        aliases=list(ctx.aliases) + initials,
        key=ctx.key(numbers),
    )


__all__ = ["Extracted", "ReportContext", "deadline_title", "read_report_records"]
