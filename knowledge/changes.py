"""Reading the changes log: who changed what and when, and what an undo may reverse. Plain
functions over a knowledge base; the store keeps the writing (``_log``, ``undo``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .schema import LABEL_FIELD, SINGULAR
from .validation import ValidationError

if TYPE_CHECKING:
    from .store import KnowledgeBase


def history(
    kb: KnowledgeBase,
    *,
    kind: str | None = None,
    record_id: int | None = None,
    limit: int = 50,
    group_id: int | None = None,
) -> list[dict]:
    """Changes, newest first; of one kind, one record, or the records of one group."""
    where: list[str] = []
    params: list[Any] = []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if record_id is not None:
        where.append("record_id = ?")
        params.append(record_id)
    if group_id is not None:
        where.append("json_extract(coalesce(after, before), '$.group_id') = ?")
        params.append(group_id)
    rows = kb.db["changes"].rows_where(" AND ".join(where) or None, params, order_by="id desc", limit=limit)
    return [describe_change(r) for r in rows]


def change_to_undo(kb: KnowledgeBase, change_id: Any, kind: str | None = None) -> dict:
    """The changes-log row an undo is about to reverse, refused when there is none, when it was
    undone already, or (with ``kind``) when it is not a change of that kind. The one preamble of
    every undo: records, admins and the review list."""
    try:
        change_id = int(change_id)
    except (TypeError, ValueError):
        raise ValidationError(f"'{change_id}' is not a change id; ids are numbers, e.g. 12") from None
    change = next(iter(kb.db["changes"].rows_where("id = ?", [change_id])), None)
    if change is None:
        raise ValidationError(f"there is no change {change_id}; `rapporteur history` lists them")
    if change["undone_by"]:
        raise ValidationError(f"change {change_id} was already undone by change {change['undone_by']}")
    if kind is not None and change["kind"] != kind:
        raise ValidationError(f"change {change_id} is not a change to the {kind}")
    return change


def refuse_if_changed_since(kb: KnowledgeBase, change: dict, current: dict | None) -> None:
    """Undoing never silently throws away a later edit: that one has to be undone first."""
    after = json.loads(change["after"]) if change["after"] else None

    def comparable(record):
        return {k: v for k, v in record.items() if k != "updated_at"} if record else None

    if comparable(current) == comparable(after):
        return
    kind, record_id = change["kind"], change["record_id"]
    later = kb.conn.execute(
        "SELECT id, actor FROM changes WHERE kind = ? AND record_id = ? AND id > ? ORDER BY id DESC LIMIT 1",
        [kind, record_id, change["id"]],
    ).fetchone()
    by = f" (change {later[0]} by {later[1]})" if later else ""
    raise ValidationError(
        f"{SINGULAR[kind]} {record_id} has changed since change {change['id']}{by}; nothing was undone. "
        f"Undo that change first, or edit the {SINGULAR[kind]} directly"
    )


def describe_change(row: dict) -> dict:
    """A change as people read it: who, when, what, and which fields moved."""
    before = json.loads(row["before"]) if row.get("before") else None
    after = json.loads(row["after"]) if row.get("after") else None
    record = after or before or {}
    label_field = LABEL_FIELD.get(row["kind"], "id")
    fields = {}
    if before and after:
        fields = {
            k: [before.get(k), after.get(k)]
            for k in sorted(set(before) | set(after))
            if k != "updated_at" and before.get(k) != after.get(k)
        }
    return {
        "id": row["id"],
        "at": row["at"],
        "actor": row["actor"],
        "action": row["action"],
        "kind": row["kind"],
        "record_id": row["record_id"],
        "label": str(record.get(label_field, ""))[:80],
        "fields": fields,
        "undone_by": row.get("undone_by"),
    }
