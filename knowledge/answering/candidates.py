"""Stage 2, candidates: the units of evidence a question's terms point to (FTS5 over stems) and the
answer the structured records give (knowledge.answering.records), as candidates of one kind, so
that one scoring function ranks them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..evidence import index
from ..evidence.holds import holds
from .question import Reading
from .result import Answer

EVIDENCE_LIMIT = 60  # units read per question; bm25 puts the answer well inside this on every set
PASSAGE_SEEDS = 20  # the best units by bm25 that are also read joined with the unit after them


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
    lead: str = ""  # for a passage, the unit it starts from (its own text without the one after)
    lead_holds: dict = field(default_factory=dict)  # and what that unit holds


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


def passage_candidates(db, seeds: list[Candidate]) -> list[Candidate]:
    """Each unit joined with the unit that follows it in its report, as one more candidate: an
    answer often stands in the sentence after the one that names what was asked (a question
    minuted, then answered; a heading and the point under it; a claim, then its reason)."""
    following = _following(db, seeds)
    return [_joined(c, following[id(c)]) for c in seeds if id(c) in following]


LIST_ITEMS = 5  # the items a lead-in ending in ":" is read with ("resolved before Graduation: ...")


def _following(db, seeds: list[Candidate]) -> dict[int, dict]:
    """The unit after each seed in its report, by the seed's identity; for a seed that introduces a
    list (it ends with ":"), the items after it, together, while they stand under it."""
    keys = []
    for c in seeds:
        if c.report_id is not None:
            reach = LIST_ITEMS if c.text.rstrip().endswith(":") else 1
            keys += [(c.report_id, c.position + k) for k in range(1, reach + 1)]
    places = index.units_at(db, keys)
    out = {}
    for c in seeds:
        report = c.report_id
        after = places.get((report, c.position + 1)) if report is not None else None
        if report is None or after is None:
            continue
        if c.text.rstrip().endswith(":"):
            items = [after]
            for k in range(2, LIST_ITEMS + 1):
                nxt = places.get((report, c.position + k))
                if nxt is None or nxt["kind"] != "item" or c.text.strip()[:40] not in nxt["context"]:
                    break
                items.append(nxt)
            after = {
                "kind": after["kind"],
                "context": after["context"],
                "text": "; ".join(i["text"].rstrip(" ;") for i in items),
                "holds": {
                    k: [v for i in items for v in i["holds"].get(k, [])] for k in {k for i in items for k in i["holds"]}
                },
            }
        out[id(c)] = after
    return out


def _joined(c: Candidate, after: dict) -> Candidate:
    # a question minuted is answered by what follows it: that is the fact to pick out first
    first, then = (after["holds"], c.holds) if c.text.rstrip().endswith("?") else (c.holds, after["holds"])
    merged = {
        k: list(first.get(k, [])) + [v for v in then.get(k, []) if v not in first.get(k, [])]
        for k in set(first) | set(then)
    }
    return replace(c, text=f"{c.text} {after['text']}", holds=merged, kind="passage", lead=c.text, lead_holds=c.holds)


def record_candidate(reply: Answer) -> Candidate | None:
    """The records' own answer, when they give one."""
    if not reply.answered:
        return None
    source_text = " ".join(s.text or "" for s in reply.sources[:3])
    report = reply.sources[0].report if reply.sources else None
    paragraph = reply.sources[0].paragraph if reply.sources else ""
    return Candidate("record", reply.text, source_text, paragraph or "", report, holds(reply.text), 0.0, reply)
