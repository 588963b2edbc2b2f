"""The review list: how the bot learns from delegates, through the secretariat.

Every thumbs-up or thumbs-down on an answer, and every question the bot could not answer, is kept in
``feedback``. Thumbs-down and unanswered questions are 'open' on the review list. For each, the
secretariat either says what the question means (``resolve``: the question's wording becomes an
alias of a record, so that the same question finds that record next time) or ``dismiss``es it.

The same question asked several times (same words, ignoring case, spacing and the punctuation
around it) is one item on the list, counted; resolving or dismissing it settles every open copy.
Resolving and dismissing are recorded in the changes log (kind ``review``), so that history shows
who did it and ``undo_review_change`` can reverse it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .naming import meeting_label
from .schema import LABEL_FIELD, SINGULAR, kind_name
from .store import KnowledgeBase, ValidationError, now_iso

CHANGE_KIND = "review"  # the `kind` of review changes in the changes log
VERDICTS = ("up", "down")
UNANSWERED = "unanswered"  # the verdict stored for a question the bot could not answer
OPEN, RESOLVED, DISMISSED = "open", "resolved", "dismissed"
MAX_QUESTION = 2000  # characters kept of a question; longer ones are cut, not refused
MAX_ANSWER = 4000
MAX_ALIAS = 300  # a longer question is not a useful alias: dismiss it instead

_MENTION = re.compile(r"<@[^>]*>")
_EDGE_PUNCTUATION = " \t\n?!.,;:'\"\u201c\u201d\u2018\u2019()"


@dataclass
class ReviewResult:
    """What a resolve or dismiss did, for the person who asked."""

    message: str
    item_ids: list[int]
    change_id: int
    alias: str | None = None


def normalise_question(text: str) -> str:
    """The wording a question is recognised by: 'When is the outline due?' -> 'when is the outline due'.

    Mentions of the bot are dropped, case and spacing do not count, nor does punctuation at the ends.
    """
    text = _MENTION.sub(" ", text or "")
    return " ".join(text.split()).lower().strip(_EDGE_PUNCTUATION)


def record_unanswered(kb: KnowledgeBase, question: str, user_id: str | None, channel: str | None) -> dict:
    """Keep a question the bot could not answer; it goes on the review list."""
    return _insert(kb, question, None, UNANSWERED, user_id, channel, None, None)


def record_feedback(
    kb: KnowledgeBase,
    question: str,
    answer: str | None,
    verdict: str,
    user_id: str | None,
    channel: str | None,
    kind: str | None = None,
    record_id: int | None = None,
) -> dict:
    """Keep a delegate's verdict on an answer ('up' or 'down'); a 'down' goes on the review list.

    ``kind`` and ``record_id`` name the record the answer came from, when there was one.
    """
    verdict = (verdict or "").strip().lower() if isinstance(verdict, str) else ""
    if verdict not in VERDICTS:
        raise ValidationError(f"a verdict is 'up' or 'down', not '{verdict}'")
    if kind is not None:
        kind = _kind(kind)
    if record_id is not None:
        record_id = _number(record_id, "record id")
    return _insert(kb, question, answer, verdict, user_id, channel, kind, record_id)


def review_items(kb: KnowledgeBase, limit: int = 50) -> list[dict]:
    """The open items, one per distinct question, most asked first, then newest first.

    Each item is its newest feedback row plus ``asked`` (how many open rows share the question) and
    ``item_ids`` (all of them; any one can be passed to ``resolve`` or ``dismiss``).
    """
    if not isinstance(limit, int) or limit < 1:
        raise ValidationError(f"the limit must be a whole number of at least 1, not {limit!r}")
    groups: dict[str, dict] = {}
    for row in kb.db["feedback"].rows_where("status = ?", [OPEN], order_by="id desc"):
        key = normalise_question(row["question"])
        if key in groups:
            groups[key]["asked"] += 1
            groups[key]["item_ids"].append(row["id"])
        else:
            groups[key] = {**row, "asked": 1, "item_ids": [row["id"]]}
    items = sorted(groups.values(), key=lambda item: (-item["asked"], -item["id"]))
    return items[:limit]


def resolve(kb: KnowledgeBase, item_id: int | str, kind: str, record_id: int | str, actor: str) -> ReviewResult:
    """Say what an open question means: its wording becomes an alias of the record (in the record's
    group), so that the same question finds it next time, and every open copy of the question is
    marked resolved. Nothing changes on any error."""
    kind = _kind(kind)
    record_id = _number(record_id, "record id")
    with kb.transaction():
        rows = _open_copies(kb, item_id)
        record = kb.get(kind, record_id)
        if record is None:
            raise ValidationError(f"there is no {SINGULAR[kind]} with id {record_id}")
        alias = normalise_question(rows[0]["question"])
        if not alias:
            raise ValidationError(f"review item {rows[0]['id']} has no words to learn; dismiss it instead")
        if len(alias) > MAX_ALIAS:
            raise ValidationError(
                f"review item {rows[0]['id']} is {len(alias)} characters, too long to learn as a question "
                f"(at most {MAX_ALIAS}); dismiss it instead"
            )
        group_id = record.get("group_id") or kb.default_group_id()
        expansion = record_label(kind, record)
        identity = [group_id, alias, expansion, kind, record_id]
        known = _alias_row(kb, identity)
        elsewhere = [
            f"{SINGULAR.get(r['kind'], r['kind'])} {r['record_id']}"
            for r in kb.db["aliases"].rows_where(
                "group_id = ? AND alias = ? AND NOT (kind IS ? AND record_id IS ?)",
                [group_id, alias, kind, record_id],
            )
        ]
        kb.add_alias(alias, expansion, group_id=group_id, kind=kind, record_id=record_id, origin="review")
        added = None if known else _alias_row(kb, identity)
        change_id = _settle(kb, rows, RESOLVED, actor, added)
    message = f"resolved: \u201c{alias}\u201d now means {SINGULAR[kind]} {record_id} ({expansion})"
    if len(rows) > 1:
        message += f"; {len(rows)} open copies of the question settled"
    if elsewhere:
        message += f". Note: the same wording also means {', '.join(elsewhere)}"
    return ReviewResult(message, [r["id"] for r in rows], change_id, alias)


def dismiss(kb: KnowledgeBase, item_id: int | str, actor: str) -> ReviewResult:
    """Take a question off the review list without teaching anything (every open copy of it)."""
    with kb.transaction():
        rows = _open_copies(kb, item_id)
        change_id = _settle(kb, rows, DISMISSED, actor, None)
    message = f"dismissed review item {rows[0]['id']}"
    if len(rows) > 1:
        message += f" and {len(rows) - 1} other open copies of the same question"
    return ReviewResult(message, [r["id"] for r in rows], change_id)


def undo_review_change(kb: KnowledgeBase, change: dict, actor: str) -> ReviewResult:
    """Reverse one resolve or dismiss (a row of `changes`, kind 'review'): the items go back to how
    they were and an alias it taught is forgotten. Refused if the items have changed since."""
    change = kb.change_to_undo(change.get("id"), CHANGE_KIND)
    before = json.loads(change["before"]) if change.get("before") else {"items": [], "alias": None}
    after = json.loads(change["after"]) if change.get("after") else {"items": [], "alias": None}
    with kb.transaction():
        current = _state(kb, [item["id"] for item in after["items"]], after.get("alias"))
        if current != after:
            raise ValidationError(f"the review items of change {change['id']} have changed since; nothing was undone")
        for item in before["items"]:
            kb.db.table("feedback").update(item["id"], {"status": item["status"]})
        alias_before, alias_after = before.get("alias"), after.get("alias")
        if alias_after and not alias_before:
            kb.db.table("aliases").delete(alias_after["id"])
        elif alias_before and not alias_after:
            kb.db.table("aliases").insert(alias_before, ignore=True)
        for alias in (alias_before, alias_after):
            _reindex(kb, alias)
        new_id = kb.record_undo(change, actor, change["record_id"], after, before)
    ids = ", ".join(str(item["id"]) for item in before["items"])
    return ReviewResult(
        f"undid change {change['id']}: review items {ids} are back as they were",
        [item["id"] for item in before["items"]],
        new_id,
    )


def record_label(kind: str, record: dict) -> str:
    """The words that name a record: a deadline's title, 'meeting 3', a document's symbol."""
    if kind == "meetings":
        return meeting_label(record)
    if kind == "documents":
        return str(record.get("symbol") or record.get("title") or "")
    if kind == "recommendations":
        return str(record.get("topic") or record.get("text") or "")[:200]
    return str(record.get(LABEL_FIELD[kind]) or "")[:200]


# -- helpers ------------------------------------------------------------------------------------


def _insert(kb, question, answer, verdict, user_id, channel, kind, record_id) -> dict:
    question = " ".join(str(question or "").split())
    if not question:
        raise ValidationError("there is no question to record")
    answer = " ".join(str(answer).split())[:MAX_ANSWER] if answer else None
    row = {
        "at": now_iso(),
        "user_id": user_id,
        "channel": channel,
        "question": question[:MAX_QUESTION],
        "answer": answer,
        "verdict": verdict,
        "status": None if verdict == "up" else OPEN,
        "kind": kind,
        "record_id": record_id,
    }
    with kb.transaction():
        row_id = kb.db["feedback"].insert(row).last_pk
    return {"id": row_id, **row}


def _kind(word: str) -> str:
    try:
        return kind_name(word)
    except ValueError as e:
        raise ValidationError(str(e)) from None


def _number(value, what: str) -> int:
    text = str(value).strip().removeprefix("#")
    if not re.fullmatch(r"[0-9]{1,18}", text):
        raise ValidationError(f"'{str(value)[:40]}' is not a {what}; they are numbers, e.g. 12")
    return int(text)


def _open_copies(kb: KnowledgeBase, item_id) -> list[dict]:
    """The item and every other open item with the same question; the item first."""
    item_id = _number(item_id, "review item")
    rows = list(kb.db["feedback"].rows_where("id = ?", [item_id]))
    if not rows:
        raise ValidationError(f"there is no review item {item_id}; `rapporteur review` lists the open ones")
    item = rows[0]
    if item["status"] != OPEN:
        state = "a thumbs-up, not on the review list" if item["status"] is None else f"already {item['status']}"
        raise ValidationError(f"review item {item_id} is {state}; `rapporteur review` lists the open ones")
    key = normalise_question(item["question"])
    copies = [
        r
        for r in kb.db["feedback"].rows_where("status = ? AND id != ?", [OPEN, item_id], order_by="id")
        if normalise_question(r["question"]) == key
    ]
    return [item, *copies]


def _alias_row(kb: KnowledgeBase, identity: list) -> dict | None:
    rows = list(
        kb.db["aliases"].rows_where(
            "group_id = ? AND alias = ? AND expansion = ? AND kind = ? AND record_id = ?", identity
        )
    )
    return rows[0] if rows else None


def _state(kb: KnowledgeBase, item_ids: list[int], alias: dict | None) -> dict:
    """The part of the knowledge base a review change touched, in the form it is logged in."""
    items = []
    for item_id in item_ids:
        row = next(iter(kb.db["feedback"].rows_where("id = ?", [item_id])), None)
        items.append({"id": item_id, "status": row["status"] if row else None})
    current_alias = None
    if alias:
        current_alias = next(iter(kb.db["aliases"].rows_where("id = ?", [alias["id"]])), None)
    return {"items": items, "alias": current_alias}


def _settle(kb: KnowledgeBase, rows: list[dict], status: str, actor: str, alias: dict | None) -> int:
    """Give the rows their new status and log it; a resolve logs the alias it taught, if new."""
    before = {"items": [{"id": r["id"], "status": r["status"]} for r in rows], "alias": None}
    for r in rows:
        kb.db.table("feedback").update(r["id"], {"status": status})
    after = {"items": [{"id": r["id"], "status": status} for r in rows], "alias": alias}
    return _log(kb, actor, "resolve" if status == RESOLVED else "dismiss", rows[0]["id"], before, after)


def _reindex(kb: KnowledgeBase, alias: dict | None) -> None:
    """Keep the record's search text in step with its aliases after one is forgotten or restored."""
    if not alias or not alias.get("kind") or not alias.get("record_id"):
        return
    kb.reindex(alias["kind"], alias["record_id"])


def _log(kb: KnowledgeBase, actor: str, action: str, item_id: int, before: dict, after: dict) -> int:
    """One row in the changes log, in the store's format; record_id is the review item."""
    return kb.log_change(actor, action, CHANGE_KIND, item_id, before, after)
