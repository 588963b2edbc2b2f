"""Storing a report's evidence at import time and finding the units a question's stems point to.

The FTS5 index holds stems (knowledge.lexicon.stem), so a question is matched by exactly the stemmer
that indexed the report; ranking is FTS5's bm25, the unit's own words weighing twice its headings'.
"""

from __future__ import annotations

import json
import re

from ..lexicon import content_stems
from .holds import report_holds
from .segment import units


def evidence_rows(text: str) -> list[dict]:
    """The evidence of a report's text as rows: one per unit, with what it holds."""
    rows = []
    found = units(text)
    held = report_holds([unit.text for unit in found])
    for unit, holdings in zip(found, held, strict=True):
        rows.append(
            {
                "paragraph": unit.paragraph,
                "position": unit.position,
                "kind": unit.kind,
                "context": unit.context,
                "text": unit.text,
                "holds": json.dumps(holdings, ensure_ascii=False),
            }
        )
    return rows


def replace_evidence(db, group_id: int, report_id: int, rows: list[dict]) -> None:
    """A report's evidence, replaced whole (inside the importer's transaction)."""
    old = [r[0] for r in db.execute("SELECT id FROM evidence WHERE report_id = ?", [report_id]).fetchall()]
    if old:
        db.executemany("DELETE FROM evidence_index WHERE rowid = ?", [(i,) for i in old])
        db.execute("DELETE FROM evidence WHERE report_id = ?", [report_id])
    for row in rows:
        cursor = db.execute(
            "INSERT INTO evidence (group_id, report_id, paragraph, position, kind, context, text, holds) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                group_id,
                report_id,
                row["paragraph"],
                row["position"],
                row["kind"],
                row["context"],
                row["text"],
                row["holds"],
            ],
        )
        db.execute(
            "INSERT INTO evidence_index (rowid, terms, context_terms) VALUES (?, ?, ?)",
            [cursor.lastrowid, " ".join(content_stems(row["text"])), " ".join(content_stems(row["context"]))],
        )


def _quoted(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def search(db, stems: list[str], limit: int = 80, group_id: int | None = None) -> list[dict]:
    """Units holding any of the stems, best bm25 first, each with its report's title."""
    terms = sorted({s for s in stems if re.search(r"\w", s)})
    if not terms:
        return []
    query = " OR ".join(_quoted(t) for t in terms)
    where = "AND e.group_id = ?" if group_id is not None else ""
    params: list = [query] + ([group_id] if group_id is not None else []) + [limit]
    rows = db.execute(
        "SELECT e.*, bm25(evidence_index, 1.0, 0.5) AS rank, r.title AS report_title, r.filename AS filename "
        "FROM evidence_index JOIN evidence e ON e.id = evidence_index.rowid "
        "LEFT JOIN reports r ON r.id = e.report_id "
        f"WHERE evidence_index MATCH ? {where} ORDER BY rank LIMIT ?",
        params,
    ).fetchall()
    columns = [
        "id",
        "group_id",
        "report_id",
        "paragraph",
        "position",
        "kind",
        "context",
        "text",
        "holds",
        "rank",
        "report_title",
        "filename",
    ]
    out = []
    for row in rows:
        record = dict(zip(columns, row, strict=True))
        record["holds"] = json.loads(record["holds"] or "{}")
        out.append(record)
    return out


def units_at(db, keys: list[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    """The units at these (report id, position) places, by place: the neighbours of units a search
    found, read in one query."""
    wanted = sorted({k for k in keys if k[0] is not None})
    if not wanted:
        return {}
    clause = " OR ".join("(report_id = ? AND position = ?)" for _ in wanted)
    params = [v for k in wanted for v in k]
    rows = db.execute(f"SELECT report_id, position, kind, context, text, holds FROM evidence WHERE {clause}", params)
    return {
        (r[0], r[1]): {"kind": r[2], "context": r[3] or "", "text": r[4], "holds": json.loads(r[5] or "{}")}
        for r in rows
    }


def share_holding(db, stem: str) -> tuple[int, int]:
    """How many units hold a stem in their own text, and how many units there are: found in the
    index, not by reading every unit."""
    found = db.execute("SELECT count(*) FROM evidence_index WHERE evidence_index MATCH ?", [f"terms : {_quoted(stem)}"])
    return found.fetchone()[0], db.execute("SELECT count(*) FROM evidence").fetchone()[0]


def document_frequencies(db) -> tuple[dict[str, int], int]:
    """How many units each stem occurs in, and the number of units: the weights of question words."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.evidence_vocab USING fts5vocab(main, evidence_index, row)")
    counts = {term: doc for term, doc in db.execute("SELECT term, doc FROM temp.evidence_vocab")}
    total = db.execute("SELECT count(*) FROM evidence").fetchone()[0]
    return counts, total
