"""Lists and counts of records, and which records a question probably meant: the domain questions
behind the /wg subcommands and the review list, answered here so that listeners hold no SQL.

Every function takes the KnowledgeBase and plain values (a tier, a symbol, a topic, a question) and
returns records as dicts (typed per kind, knowledge.record_types); text a person typed is matched literally (``%`` and ``_`` are not
wildcards). Lists are cut at ``limit`` rows in SQL, not after reading every row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .answering import answer
from .record_types import Document, Meeting, Partner, Recommendation
from .schema import KINDS
from .store import KnowledgeBase

LIST_LIMIT = 200  # rows one list returns; Slack shows fewer, and says so
LIKELY_LIMIT = 25  # records offered for one question on the review list (a Slack select's limit is 100)
# Kinds offered after the records answering finds, each with the date field that orders it (nearest
# today first) or None (latest first).
FILL = (("deadlines", "due"), ("events", "start"), ("meetings", None))


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, the text taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _rows(kb: KnowledgeBase, kind: str, where: str | None, params: list, order_by: str, limit: int | None) -> list[Any]:
    """Rows of ``kind`` as dicts, typed by the caller, which knows the kind."""
    return list(kb.db[kind].rows_where(where, params, order_by=order_by, limit=limit))


def meetings(kb: KnowledgeBase, limit: int | None = LIST_LIMIT) -> list[Meeting]:
    """Every meeting, by number; those named only by their date (minutes) after, by date."""
    return _rows(kb, "meetings", None, [], "number IS NULL, number, start, id", limit)


def meeting(kb: KnowledgeBase, number: int) -> Meeting | None:
    """Meeting ``number`` (the first recorded, if a report named it twice), or None."""
    rows: list[Meeting] = _rows(kb, "meetings", "number = ?", [number], "id", 1)
    return rows[0] if rows else None


def partners(kb: KnowledgeBase, tier: str | None = None, limit: int | None = LIST_LIMIT) -> list[Partner]:
    """Partners by tier and name; with ``tier``, those whose tier contains it ("1" finds "Tier 1")."""
    where, params = ("lower(tier) LIKE lower(?) ESCAPE '\\'", [_like(tier)]) if tier else (None, [])
    return _rows(kb, "partners", where, params, "tier, name", limit)


def documents(kb: KnowledgeBase, symbol: str, limit: int | None = LIST_LIMIT) -> list[Document]:
    """The document of that exact symbol (case aside); failing that, those whose symbol or title
    contains it."""
    exact: list[Document] = _rows(kb, "documents", "upper(symbol) = upper(?)", [symbol], "id", limit)
    if exact:
        return exact
    like = _like(symbol)
    return _rows(
        kb, "documents", "symbol LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\'", [like, like], "symbol, id", limit
    )


def recommendation_topics(kb: KnowledgeBase) -> list[tuple[str, int]]:
    """(topic, how many recommendations) for every topic, alphabetically."""
    return [
        (topic, n)
        for topic, n in kb.conn.execute(
            "SELECT topic, count(*) FROM recommendations WHERE topic IS NOT NULL GROUP BY topic ORDER BY topic"
        )
    ]


def recommendations(kb: KnowledgeBase, topic: str, limit: int | None = LIST_LIMIT) -> list[Recommendation]:
    """Recommendations whose topic or text contains ``topic``, in the report's order."""
    like = _like(topic)
    return _rows(
        kb, "recommendations", "topic LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\'", [like, like], "id", limit
    )


def likely_records(kb: KnowledgeBase, question: str, today: date, limit: int = LIKELY_LIMIT) -> list[tuple[str, dict]]:
    """(kind, record) a question most likely meant, best first, each once: the records its answer
    cites, then those of its "did you mean" suggestions' answers, then deadlines and events nearest
    ``today`` and the latest meetings, so that there is always something to pick from."""
    reply = answer(kb, question, today=today)
    refs = [(r["kind"], r["id"]) for r in reply.record_ids]
    for suggestion in reply.suggestions:
        refs += [(r["kind"], r["id"]) for r in answer(kb, suggestion, today=today).record_ids[:1]]
    for kind, when in FILL:
        rows = _rows(kb, kind, None, [], "id desc", None)
        if when:
            rows.sort(key=lambda r: abs((date.fromisoformat(r[when]) - today).days) if r.get(when) else 10**6)
        refs += [(kind, r["id"]) for r in rows[:limit]]
    out: list[tuple[str, dict]] = []
    seen: set[tuple[str, int]] = set()
    for kind, record_id in refs:
        if len(out) >= limit:
            break
        if kind not in KINDS or (kind, record_id) in seen:
            continue
        record = kb.get(kind, record_id)
        if record:
            seen.add((kind, record_id))
            out.append((kind, record))
    return out
