"""How a record handler says what it found: an answer citing its records, or an honest "I don't
know" with suggestions of questions the reports can answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...schema import KINDS
from ..result import Answer, Source
from .context import Context, Scope
from .lines import Row, suggestion_for


@dataclass
class Candidate:
    """A record (or paragraph) offered as an answer or a suggestion, with its search scores."""

    kind: str
    record: Row  # a row of its kind (a TypedDict of knowledge.record_types) or a paragraph
    score: float = 0.0
    coverage: float = 0.0
    fields: dict[str, str] = field(default_factory=dict)  # the texts it is matched on, by field (fields.with_fields)


def source(ctx: Context, record: Row, symbol: str | None = None) -> Source:
    """Where a record comes from: its group and report, its paragraph, the sentence it was read from."""
    report = ctx.reports.get(record.get("report_id"))
    label = None
    if report:
        group = next((g for g in ctx.groups if g["id"] == report["group_id"]), None)
        label = f"{group['abbreviation'] or group['name']} – {report['title']}" if group else report["title"]
    elif record.get("report_id") is None:
        label = "added by the secretariat"
    # a paragraph's own number is where it stands; a meeting's number is no paragraph's
    where = record.get("paragraph") or (record.get("number") if "start" not in record else None)
    return Source(label, where, symbol, (record.get("source") or "")[:300] or None)


def reply(
    scope: Scope, text: str, records: list[tuple[str, Row]], confidence: float, symbol: str | None = None
) -> Answer:
    """An answer from records: the first three cited as sources, all named by kind and id."""
    return Answer(
        True,
        text,
        round(min(1.0, confidence), 3),
        [source(scope.ctx, r, symbol if kind == "documents" else None) for kind, r in records[:3]],
        [{"kind": kind, "id": r["id"]} for kind, r in records if kind in KINDS],
    )


def unknown(text: str, candidates: list[Candidate] | None = None, confidence: float = 0.0) -> Answer:
    """No answer, with up to three questions the candidates could answer instead."""
    suggestions = []
    for c in candidates or []:
        s = suggestion_for(c.kind, c.record)
        if s and s not in suggestions:
            suggestions.append(s)
        if len(suggestions) == 3:
            break
    return Answer(False, text, round(confidence, 3), suggestions=suggestions)
