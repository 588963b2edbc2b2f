"""Deadlines: what is due, when, by whom, where to send it, and the date it had before an extension.

The stage is handed the dates earlier stages claimed (meetings' and events' dates are not
deadlines). Two asks due the same day stay two; an extension said in its own sentence moves the
deadline it extends instead of adding one.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from rapidfuzz import fuzz

from .. import dates
from ..paragraphs import Paragraph, sentences
from . import cues
from .context import ReportContext, provenance
from .datekinds import DEADLINE, classify
from .text import norm, stemmed, tidy, unyeared_event
from .titles import deadline_title, weak_title


def read_deadlines(ctx: ReportContext, claimed: frozenset) -> list[dict]:
    found: list[dict] = []
    for p in ctx.paragraphs:
        if p.cells is not None:
            row = _table_deadline(ctx, p)
            if row:
                found.append(row)
            continue
        for si, s in enumerate(sentences(p.full_text)):
            found.extend(_sentence_deadlines(ctx, p, si, s, claimed))
    return _merge_extensions(found)


def _sentence_deadlines(ctx: ReportContext, p: Paragraph, si: int, s: str, claimed: frozenset) -> list[dict]:
    spans = ctx.dates_in(s)
    due_spans = [sp for sp in spans if classify(s, sp, (p.position, si, sp.begin) in claimed) == DEADLINE]
    if not due_spans:
        return []
    extended = cues.EXTENDED.search(s)
    if extended and len(due_spans) >= 2:
        original, due = due_spans[0], due_spans[-1]
        return [_deadline(ctx, p, s, due, original.start)]
    out = []
    for sp in due_spans:
        record = _deadline(ctx, p, s, sp, None)
        record["_extension"] = bool(extended) and sp.begin > extended.start()
        out.append(record)
    return out


def _table_deadline(ctx: ReportContext, p: Paragraph) -> dict | None:
    """A row of an action table ("Action | Responsible | Deadline"): what, who, by when."""
    cells = p.cells or {}
    when = next((v for h, v in cells.items() if cues.TABLE_WHEN.search(h)), None)
    spans = ctx.dates_in(when or "")
    if not when or not spans:
        return None
    what = next((v for h, v in cells.items() if cues.TABLE_WHAT.search(h)), None)
    what = what or next(v for v in cells.values() if v and v != when)
    who = next((v for h, v in cells.items() if cues.TABLE_WHO.search(h)), None)
    return {"title": tidy(what)[:200], "due": spans[0].end.isoformat(), "original_due": None, "send_to": None,
            "subject": None, "audience": who, "event": None, **provenance(p, p.text), "_context": p.text}


def _deadline(ctx: ReportContext, p: Paragraph, s: str, span: dates.DateSpan, original: date | None) -> dict:
    title = deadline_title(s, span.begin) or "Deadline"
    if ctx.addressee:  # "the draft of this report" is the report to Council that we are reading
        title = cues.THIS_REPORT.sub(f"this report to {ctx.addressee}", title)
    topic = p.headings[-1] if p.headings else None
    if weak_title(title) and topic:
        title = topic if weak_title(title, strict=True) else f"{title} ({topic})"
    email = cues.EMAIL.search(s)
    subject = cues.SUBJECT_LINE.search(s)
    audience = cues.AUDIENCE.search(s)
    event = ctx.events_in(s)
    return {
        "title": title, "due": span.end.isoformat(),
        "original_due": original.isoformat() if original else None,
        "send_to": email.group(0).rstrip(".") if email else None,
        "subject": subject.group(1).strip(" .") if subject else None,
        "audience": audience.group(1) if audience else None,
        "event": event[-1][0] if event else (unyeared_event(s[: span.begin].split(",")[0] + ",") or ctx.event_before(p, s)),
        **provenance(p, s), "_context": p.full_text,
    }


def _merge_extensions(found: list[dict]) -> list[dict]:
    """An extension said in its own sentence moves the deadline it extends instead of adding one."""
    kept: list[dict] = []
    for d in found:
        is_extension = d.pop("_extension", False)
        target = _extended_one(kept, d) if is_extension else None
        if target is not None:
            target.update(original_due=target["original_due"] or target["due"], due=d["due"],
                          paragraph=d["paragraph"], source=target["source"] + " " + d["source"],
                          send_to=target["send_to"] or d["send_to"])
            continue
        duplicate = next((k for k in kept if k["due"] == d["due"] and fuzz.token_set_ratio(k["title"], d["title"]) >= 80), None)
        if duplicate is None:
            kept.append(d)
    keys = Counter()
    for d in kept:
        base = "deadline:" + norm(d["title"])[:80]
        keys[base] += 1
        d["key"] = base if keys[base] == 1 else f"{base}:{keys[base]}"
        d.pop("_context", None)
    return kept


def _extended_one(kept: list[dict], extension: dict) -> dict | None:
    """The earlier deadline an extension is most like, if any is like it enough."""
    candidates = [k for k in kept if k["due"] < extension["due"]]
    mine = stemmed(extension["title"] + " " + extension["source"])
    scored = [(fuzz.token_set_ratio(stemmed(k["title"] + " " + k["source"]), mine), k) for k in candidates]
    scored = [x for x in scored if x[0] >= 60]
    return max(scored, key=lambda x: x[0])[1] if scored else None
