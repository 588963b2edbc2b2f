"""Stage 2, candidates: the units of evidence a question's terms point to (FTS5 over stems) and the
answer the structured records give (knowledge.answering.records), as candidates of one kind, so
that one scoring function ranks them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..evidence import index
from ..evidence.holds import holds
from .question import Reading
from .result import Answer

EVIDENCE_LIMIT = 60  # units read per question; bm25 puts the answer well inside this on every set


@dataclass(frozen=True)
class Candidate:
    origin: str  # "evidence" or "record"
    text: str  # what the answer shows
    context: str = ""  # headings and lead-ins above it
    paragraph: str = ""
    report: str | None = None
    holds: dict = field(default_factory=dict)
    rank: float = 0.0  # FTS5 bm25 (lower is better); 0 for a record
    record_reply: Answer | None = None
    report_id: int | None = None
    position: int = 0
    kind: str = ""
    group_id: int | None = None


def stems_to_search(reading: Reading) -> list[str]:
    out: list[str] = []
    for term in reading.terms:
        out.append(term.stem)
        out.extend(term.alternatives)
    return out


def evidence_candidates(db, reading: Reading, group_id: int | None = None) -> list[Candidate]:
    rows = index.search(db, stems_to_search(reading), limit=EVIDENCE_LIMIT, group_id=group_id)
    return [
        Candidate(
            "evidence",
            r["text"],
            r["context"] or "",
            r["paragraph"] or "",
            r["report_title"] or r["filename"],
            r["holds"],
            r["rank"],
            None,
            r["report_id"],
            r["position"],
            r["kind"],
            r["group_id"],
        )
        for r in rows
    ]


def record_candidate(reply: Answer) -> Candidate | None:
    """The records' own answer, when they give one."""
    if not reply.answered:
        return None
    source_text = " ".join(s.text or "" for s in reply.sources[:3])
    report = reply.sources[0].report if reply.sources else None
    paragraph = reply.sources[0].paragraph if reply.sources else ""
    return Candidate("record", reply.text, source_text, paragraph or "", report, holds(reply.text), 0.0, reply)
