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
from ..textpatterns import PERSON
from . import cues
from .context import ReportContext, provenance
from .datekinds import DEADLINE, classify
from .text import norm, stemmed, tidy, unyeared_event
from .titles import action_line, asked_whom, deadline_title, empty_title, weak_title


def read_deadlines(ctx: ReportContext, claimed: frozenset) -> list[dict]:
    """Every deadline of the report: rows of action tables, and dated asks in its sentences."""
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
    """The deadlines one sentence gives: one per date read as due (an extension: the new date, with the
    old), else a deadline with no date."""
    spans = ctx.dates_in(s)
    due_spans = [sp for sp in spans if classify(s, sp, (p.position, si, sp.begin) in claimed) == DEADLINE]
    if not due_spans:
        relative = None if spans else _relative_deadline(ctx, p, s)
        return [relative] if relative else []
    extended = cues.EXTENDED.search(s)
    if extended and len(due_spans) >= 2:
        original, due = due_spans[0], due_spans[-1]
        record = _deadline(ctx, p, s, due, original.start, titled_before=original)
        return [record] if record else []
    out = []
    for sp in due_spans:
        record = _deadline(ctx, p, s, sp, None)
        if record:
            record["_extension"] = extended is not None and sp.begin > extended.start()
            out.append(record)
    return out


def _table_deadline(ctx: ReportContext, p: Paragraph) -> dict | None:
    """A row of an action table ("Action | Responsible | Deadline"): what, who, by when. A table of
    events ("Event | Dates | Venue") holds no deadlines."""
    cells = p.cells or {}
    if any(cues.TABLE_EVENT.search(h) for h in cells) and not any(cues.TABLE_DUE.search(h) for h in cells):
        return None
    when = next((v for h, v in cells.items() if cues.TABLE_WHEN.search(h)), None)
    spans = ctx.dates_in(when or "")
    if not when or not spans:
        return None
    what = next((v for h, v in cells.items() if cues.TABLE_WHAT.search(h)), None)
    what = what or next(v for v in cells.values() if v and v != when)
    who = next((v for h, v in cells.items() if cues.TABLE_WHO.search(h)), None)
    return {
        "title": tidy(what)[:200],
        "due": spans[0].end.isoformat(),
        "original_due": None,
        "send_to": None,
        "subject": None,
        "audience": who,
        "event": None,
        **provenance(p, p.text),
        "_context": p.text,
    }


def _deadline(
    ctx: ReportContext,
    p: Paragraph,
    s: str,
    span: dates.DateSpan,
    original: date | None,
    titled_before: dates.DateSpan | None = None,
) -> dict | None:
    """One deadline record for a date in a sentence: what is due, by whom, where to send it, the event it
    is for; None when nothing says what is due. An extended deadline is titled by the words before
    its first date ("comments on the draft by 15 July (extended to 9 August)": comments on the draft)."""
    title = _title(p, s, titled_before or span)
    if not title:
        return None  # a date said to be a deadline, with nothing said to be due: not a record
    if PERSON.fullmatch(title.strip()):
        return None  # "Ms A. Bensalem (Tunisia) - until 30 June 2024": the end of a term of office
    title = _referred(p, s, title)
    if ctx.addressee:  # "the draft of this report" is the report to Council that we are reading
        title = cues.THIS_REPORT.sub(f"this report to {ctx.addressee}", title)
    email = cues.EMAIL.search(s)
    subject = cues.SUBJECT_LINE.search(s)
    audience = cues.AUDIENCE.search(s)
    event = ctx.events_in(s)
    return {
        "title": title,
        "due": span.end.isoformat(),
        "original_due": original.isoformat() if original else None,
        "send_to": email.group(0).rstrip(".") if email else None,
        "subject": subject.group(1).strip(" .") if subject else None,
        "audience": audience.group(1) if audience else asked_whom(s, span.begin),
        "event": event[-1][0]
        if event
        else (unyeared_event(s[: span.begin].split(",")[0] + ",") or ctx.event_before(p, s)),
        **provenance(p, s),
        "_context": p.full_text,
    }


_REFERRING = re.compile(r"(?i)^(?:these|this|those|such|the said)\s+\w+$")


def _referred(p: Paragraph, s: str, title: str) -> str:
    """ "The original deadline for these submissions was ...": the ask a title only points back to,
    as the sentence before says it ("Member States were invited to submit national inventory
    sheets ..."), when one does."""
    if not _REFERRING.match(title):
        return title
    said = sentences(p.full_text)
    for previous in reversed(said[: said.index(s)] if s in said else []):
        if cues.ASKED_TO.search(previous) or cues.ASKED_SOMEONE_TO.search(previous):
            asked = deadline_title(previous, len(previous))
            if asked and not weak_title(asked):
                return asked
    return title


def _relative_deadline(ctx: ReportContext, p: Paragraph, s: str) -> dict | None:
    """ "Parties were invited to submit views within one month of the session": a deadline that
    names no date keeps its words ("within one month of the session") and gets no due date."""
    month_end = cues.MONTH_END_DUE.search(s)
    m = month_end or cues.RELATIVE_DUE.search(s)
    if not m or not (
        month_end
        and action_line(s[: m.start()])
        or cues.ASKED_TO.search(s[: m.start()])
        or cues.ASKED_SOMEONE_TO.search(s[: m.start()])
        or re.search(cues.TASK_NOUNS, s[: m.start()], re.I)
        or cues.MODAL_TASK.search(s[: m.start()])
    ):
        return None
    title = deadline_title(s, m.start())
    if not title or re.match(r"\w+ing\b", title):  # "Including by giving consideration to ...": a fragment
        return None
    due = None
    if month_end:  # an absolute date in words: its day is the month's last, its words are kept
        first = date(int(month_end.group("year")), dates.MONTHS[month_end.group("month").lower()], 1)
        due = dates.month_end(first).isoformat()
    return {
        "title": title,
        "due": due,
        "when": f"the end of {month_end.group('words')}" if month_end else m.group("when").strip(),
        "original_due": None,
        "send_to": None,
        "subject": None,
        "audience": asked_whom(s, m.start()),
        "event": None,
        **provenance(p, s),
        "_context": p.full_text,
    }


def _title(p: Paragraph, s: str, span: dates.DateSpan) -> str:
    """What is due: from the words before the date, else those after it ("30 June 2021: nominations
    for the Prize"), made specific by the heading when they say little; "" if nothing says it."""
    title = deadline_title(s, span.begin)
    if not title:
        after = re.match(r"\s*[:\u2013\u2014-]\s*(?P<what>[^.;]{4,120})", s[span.finish :])
        title = deadline_title(after.group("what"), len(after.group("what"))) if after else ""
    topic = p.headings[-1] if p.headings else None
    if topic and empty_title(topic):
        topic = None
    if not title:
        return tidy(topic)[:200] if topic else ""
    subject = cues.SUBJECT_OF_CLAUSE.match(title)
    if subject and weak_title(title):  # "The survey was originally scheduled to close": the survey
        title = tidy(subject.group("subject"))
    if topic:
        title = _named_in_full(title, topic)
    if weak_title(title) and topic:
        title = topic if weak_title(title, strict=True) else f"{title} ({topic})"
    return title


def _named_in_full(title: str, topic: str) -> str:
    """ "Written inputs on the Plan" under the heading "Human Resources Strategic Plan": the Plan is
    the one the heading names, in full."""
    m = re.search(r"\bthe ([A-Z][\w-]+)\b", title)
    heading = re.sub(r"\s*[:(].*$", "", topic).strip()
    if m and heading.endswith(" " + m.group(1)) and len(heading) < 80:
        return title[: m.start(1)] + heading + title[m.end(1) :]
    return title


def _merge_extensions(found: list[dict]) -> list[dict]:
    """An extension said in its own sentence moves the deadline it extends instead of adding one."""
    kept: list[dict] = []
    for d in found:
        is_extension = d.pop("_extension", False)
        target = _extended_one(kept, d) if is_extension else None
        if target is not None:
            target.update(
                original_due=target["original_due"] or target["due"],
                due=d["due"],
                paragraph=d["paragraph"],
                source=target["source"] + " " + d["source"],
                send_to=target["send_to"] or d["send_to"],
            )
            continue
        duplicate = next(
            (
                k
                for k in kept
                if k["due"] == d["due"] and k.get("when") == d.get("when") and _same_ask(k["title"], d["title"])
            ),
            None,
        )
        if duplicate is None:
            kept.append(d)
    keys: Counter[str] = Counter()
    for d in kept:
        base = "deadline:" + norm(d["title"])[:80]
        keys[base] += 1
        d["key"] = base if keys[base] == 1 else f"{base}:{keys[base]}"
        d.pop("_context", None)
    return kept


def _same_ask(a: str, b: str) -> bool:
    """Two titles of one ask: one's words hold the other's ("Comments" and "Comments on the
    draft"). "Contributions for Study Group 1" and "... Study Group 2" are two asks."""
    wa, wb = set(stemmed(a).split()), set(stemmed(b).split())  # "for"/"to the 14th meeting" alike
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _extended_one(kept: list[dict], extension: dict) -> dict | None:
    """The earlier deadline an extension is most like, if any is like it enough."""
    candidates = [k for k in kept if k["due"] and k["due"] < extension["due"]]
    mine = stemmed(extension["title"] + " " + extension["source"])
    scored = [(fuzz.token_set_ratio(stemmed(k["title"] + " " + k["source"]), mine), k) for k in candidates]
    close = [x for x in scored if x[0] >= 60]
    if close:
        return max(close, key=lambda x: x[0])[1]
    # "The survey was initially due to close on 30 November. ... the Group agreed to extend the
    # closing date to 20 December": an extension in the paragraph of an ask extends that ask
    here = [k for k in candidates if extension["paragraph"] and k["paragraph"] == extension["paragraph"]]
    if here:
        return here[-1]
    # "the deadline for comments was subsequently extended to ...": a short extension names only what
    # is due; it extends the latest earlier ask that names it too
    core = set(stemmed(re.sub(r"\s*\(.*?\)", "", extension["title"])).split())
    sharing = [k for k in candidates if core & set(stemmed(k["title"]).split())]
    return sharing[-1] if sharing else None
