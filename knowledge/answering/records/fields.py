"""The texts each candidate is matched on, by field, with how much a word found in each counts:
a record's own fields, the paragraph it stands in, and the abbreviations that name it."""

from __future__ import annotations

import json
from dataclasses import replace

from ...naming import meeting_label
from ...schema import KINDS
from ...store import KnowledgeBase
from .replies import Candidate

# How much a word found in each field counts: a match in a record's name says more than one in the
# sentence it came from.
FIELD_WEIGHTS = {
    "deadlines": {
        "title": 1.0,
        "event": 0.8,
        "subject": 0.7,
        "audience": 0.5,
        "send_to": 0.6,
        "aliases": 0.8,
        "source": 0.5,
        "heading": 0.5,
        "context": 0.45,
        "extension": 0.6,
    },
    "events": {"name": 1.0, "aliases": 1.0, "theme": 0.6, "place": 0.8, "source": 0.45},
    "partners": {"name": 1.0, "abbreviation": 1.0, "tier": 1.0, "event": 0.6, "aliases": 0.9},
    "documents": {"symbol": 1.0, "title": 0.9, "submitter": 0.9, "summary": 0.7, "aliases": 0.8, "source": 0.4},
    "recommendations": {"text": 0.9, "topic": 0.75, "actor": 0.7, "source": 0.5, "aliases": 0.9},
    "people": {"name": 1.0, "role": 1.0, "country": 0.8, "source": 0.5, "aliases": 0.9},
    "meetings": {"text": 0.6, "aliases": 0.9},
    "paragraphs": {"text": 0.75, "heading": 0.5, "context": 0.6},
}


_EXTENSION_WORDS = (
    "original originally initial initially earlier previous before extended extension postponed moved new revised"
)


def with_fields(kb: KnowledgeBase, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates again, each with its matched texts filled in (aliases read in one go)."""
    aliases = record_aliases(kb, candidates)
    return [replace(c, fields=fields_of(kb, c, aliases)) for c in candidates]


def record_aliases(kb: KnowledgeBase, candidates: list[Candidate]) -> dict[tuple[str, int], str]:
    """The aliases of every candidate record, in one query per 400 rather than one each."""
    found: dict[tuple[str, int], str] = {}
    keys = [(c.kind, c.record["id"]) for c in candidates if c.kind in KINDS]
    for i in range(0, len(keys), 400):
        chunk = keys[i : i + 400]
        where = " OR ".join("(kind = ? AND record_id = ?)" for _ in chunk)
        params = [v for key in chunk for v in key]
        for kind, record_id, text in kb.conn.execute(
            f"SELECT kind, record_id, alias || ' ' || expansion FROM aliases WHERE {where}", params
        ):
            found[(kind, record_id)] = (found.get((kind, record_id), "") + " " + text).strip()
    return found


def fields_of(kb: KnowledgeBase, c: Candidate, aliases: dict[tuple[str, int], str]) -> dict[str, str]:
    """The texts one candidate is matched on, by field name (the names of FIELD_WEIGHTS)."""
    r = c.record
    if c.kind == "meetings":
        vice = " ".join(v["name"] + " " + (v.get("country") or "") for v in json.loads(r["vice_chairs"] or "[]"))
        return {
            "text": f"{meeting_label(r)} {r.get('chair') or ''} {vice} {r.get('place') or ''}",
            "aliases": aliases.get((c.kind, r["id"]), ""),
        }
    if c.kind == "paragraphs":
        return {"text": r["text"], "heading": r.get("heading") or "", "context": r.get("context") or ""}
    out = {
        name: str(r.get(name) or "")
        for name in FIELD_WEIGHTS[c.kind]
        if name not in ("aliases", "heading", "context", "extension")
    }
    if c.kind == "deadlines":
        # a deadline that was moved answers "what was the original cutoff before it was extended?"
        out["extension"] = _EXTENSION_WORDS if r.get("original_due") else ""
    if "heading" in FIELD_WEIGHTS[c.kind] and r.get("paragraph"):
        # the paragraph a deadline stands in says what it is about ("the draft Outline ... The
        # deadline for submissions ... was 1 March 2020")
        rows = kb.conn.execute(
            "SELECT heading, text FROM paragraphs WHERE report_id IS ? AND number = ?",
            [r.get("report_id"), r["paragraph"]],
        ).fetchall()
        out["heading"] = rows[0][0] if rows else ""
        out["context"] = " ".join(row[1] for row in rows)[:3000]
    if "aliases" in FIELD_WEIGHTS[c.kind]:
        out["aliases"] = aliases.get((c.kind, r["id"]), "")
    return out
