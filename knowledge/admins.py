"""Who may change the knowledge base from Slack: the secretariat's admins.

Admins are named by Slack user ID in two places:

* the ``RAPPORTEUR_ADMINS`` setting (comma-separated), fixed by whoever deploys the bot, so that
  there is always someone who can edit even when the table below is empty or wrong;
* the ``admins`` table, which admins change themselves (from Slack or the command line).

The setting is never changed from here: an admin named there stops being one only when the setting
changes, and ``remove_admin`` says so instead of pretending to remove them. Every change to the table
is recorded in the changes log (kind ``admins``), so that history shows who made whom an admin and
``undo_admin_change`` can reverse it. Nothing here reads the environment: callers pass the setting's
value, so that the functions are the same for the CLI, the Slack handlers and the tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .store import KnowledgeBase, ValidationError, now_iso

ENV_VAR = "RAPPORTEUR_ADMINS"
CHANGE_KIND = "admins"  # the `kind` of admin changes in the changes log
EXAMPLE_USER_ID = "U012ABCDEF"

# Slack user IDs: U (or W, on Enterprise Grid) and upper-case letters and digits.
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,20}")
# A mention as Slack sends it: <@U012ABCDEF> or <@U012ABCDEF|maria>.
_MENTION = re.compile(r"<@([^|>]*)(?:\|[^>]*)?>")

HOW_TO_FIND_ID = (
    f"a Slack user ID looks like {EXAMPLE_USER_ID} (in Slack: open the person's profile, "
    "then More > Copy member ID), or mention them: <@U012ABCDEF>"
)


@dataclass
class AdminChange:
    """What an add or remove did, for the person who asked."""

    user_id: str
    message: str
    change_id: int | None


def normalise_user_id(text: object) -> str:
    """'U012ABCDEF', '@U012ABCDEF', '<@U012ABCDEF>' or '<@U012ABCDEF|maria>' -> 'U012ABCDEF'.

    Raises ValidationError with an example for anything else: a display name, a lower-case ID,
    an empty string. Lower case is refused rather than fixed, because 'walter' would otherwise
    become the valid-looking 'WALTER'.
    """
    raw = text.strip() if isinstance(text, str) else ""
    candidate = raw
    mention = _MENTION.fullmatch(candidate)
    if mention:
        candidate = mention.group(1).strip()
    candidate = candidate.removeprefix("@")
    if _USER_ID.fullmatch(candidate):
        return candidate
    if not raw:
        raise ValidationError(f"give a Slack user ID; {HOW_TO_FIND_ID}")
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    if _USER_ID.fullmatch(candidate.upper()) and re.search(r"[0-9]", candidate):
        raise ValidationError(
            f"'{shown}' is not a Slack user ID: IDs are written in capitals, e.g. {candidate.upper()}"
        )
    raise ValidationError(f"'{shown}' is not a Slack user ID; {HOW_TO_FIND_ID}")


def parse_env_admins(value: str | Iterable[str] | None) -> tuple[list[str], list[str]]:
    """The setting's admins as (valid user IDs, entries that are not user IDs).

    ``value`` is the raw setting ("U012ABCDEF, U034GHIJKL") or already a list. Bad entries are
    returned rather than raised, so that one typo in the setting does not lock every admin out;
    ``rapporteur admins list`` shows them.
    """
    if value is None:
        return [], []
    entries = value.split(",") if isinstance(value, str) else list(value)
    valid: list[str] = []
    invalid: list[str] = []
    for entry in entries:
        entry = str(entry).strip()
        if not entry:
            continue
        try:
            user_id = normalise_user_id(entry)
        except ValidationError:
            invalid.append(entry)
            continue
        if user_id not in valid:
            valid.append(user_id)
    return valid, invalid


def is_admin(kb: KnowledgeBase, user_id: str, env_admins: str | Iterable[str] | None = None) -> bool:
    """Whether this Slack user may change the knowledge base. Never raises on a bad ID: False."""
    try:
        user_id = normalise_user_id(user_id)
    except ValidationError:
        return False
    if user_id in parse_env_admins(env_admins)[0]:
        return True
    return _row(kb, user_id) is not None


def list_admins(kb: KnowledgeBase, env_admins: str | Iterable[str] | None = None) -> list[dict]:
    """Every admin, setting first, each marked with where it comes from.

    ``from_env``: named in RAPPORTEUR_ADMINS; ``in_kb``: in the admins table; ``removable``: whether
    ``remove_admin`` can take away their rights (not for those named in the setting).
    """
    env_ids = parse_env_admins(env_admins)[0]
    rows = {r["user_id"]: r for r in kb.db["admins"].rows_where(order_by="added_at, user_id")}
    admins = []
    for user_id in env_ids:
        row = rows.get(user_id) or {}
        admins.append(
            {
                "user_id": user_id,
                "from_env": True,
                "in_kb": bool(row),
                "removable": False,
                "added_by": row.get("added_by"),
                "added_at": row.get("added_at"),
            }
        )
    for user_id, row in rows.items():
        if user_id in env_ids:
            continue
        admins.append(
            {
                "user_id": user_id,
                "from_env": False,
                "in_kb": True,
                "removable": True,
                "added_by": row["added_by"],
                "added_at": row["added_at"],
            }
        )
    return admins


def add_admin(
    kb: KnowledgeBase, user_id: str, added_by: str, env_admins: str | Iterable[str] | None = None
) -> AdminChange:
    """Make a Slack user an admin; refused (nothing changed) if they already are one."""
    user_id = normalise_user_id(user_id)
    if user_id in parse_env_admins(env_admins)[0]:
        raise ValidationError(f"{user_id} is already an admin (named in {ENV_VAR})")
    with kb.transaction():
        existing = _row(kb, user_id)
        if existing:
            raise ValidationError(
                f"{user_id} is already an admin (added by {existing['added_by']} on {existing['added_at'][:10]})"
            )
        row = {"user_id": user_id, "added_by": added_by, "added_at": now_iso()}
        kb.db.table("admins").insert(row)
        change_id = _log(kb, added_by, "add", None, row)
    return AdminChange(user_id, f"{user_id} is now an admin", change_id)


def remove_admin(
    kb: KnowledgeBase, user_id: str, removed_by: str, env_admins: str | Iterable[str] | None = None
) -> AdminChange:
    """Take a Slack user out of the admins table.

    Someone named in RAPPORTEUR_ADMINS cannot be removed here; if they are in the table too, the row
    goes and the message says they remain an admin through the setting.
    """
    user_id = normalise_user_id(user_id)
    from_env = user_id in parse_env_admins(env_admins)[0]
    with kb.transaction():
        existing = _row(kb, user_id)
        if existing is None:
            if from_env:
                raise ValidationError(
                    f"{user_id} is an admin because {ENV_VAR} names them; remove them from that setting instead"
                )
            raise ValidationError(f"{user_id} is not an admin; `rapporteur admins list` shows who is")
        kb.db.table("admins").delete(user_id)
        change_id = _log(kb, removed_by, "delete", existing, None)
    if from_env:
        return AdminChange(
            user_id,
            f"removed {user_id} from the admins table; they remain an admin because {ENV_VAR} names them",
            change_id,
        )
    return AdminChange(user_id, f"{user_id} is no longer an admin", change_id)


def undo_admin_change(kb: KnowledgeBase, change: dict, actor: str) -> AdminChange:
    """Reverse one admins change from the changes log (a row of `changes`, kind 'admins').

    Refused if the admin's row has changed since, so that an undo never silently reverses someone
    else's later change. The undo is itself recorded, and the change is marked as undone.
    """
    change = kb.change_to_undo(change.get("id"), CHANGE_KIND)
    before = json.loads(change["before"]) if change.get("before") else None
    after = json.loads(change["after"]) if change.get("after") else None
    user_id = (after or before or {}).get("user_id")
    if not user_id:
        raise ValidationError(f"change {change['id']} does not name an admin; nothing to undo")
    with kb.transaction():
        current = _row(kb, user_id)
        if current != after:
            raise ValidationError(
                f"the admin entry for {user_id} has changed since change {change['id']}; nothing was undone"
            )
        if current is not None:
            kb.db.table("admins").delete(user_id)
        if before is not None:
            kb.db.table("admins").insert(before)
        new_id = kb.record_undo(change, actor, None, current, before)
    state = "an admin again" if before else "no longer an admin"
    return AdminChange(user_id, f"undid change {change['id']}: {user_id} is {state}", new_id)


def _row(kb: KnowledgeBase, user_id: str) -> dict | None:
    rows = list(kb.db["admins"].rows_where("user_id = ?", [user_id]))
    return rows[0] if rows else None


def _log(kb: KnowledgeBase, actor: str, action: str, before: dict | None, after: dict | None) -> int:
    """One row in the changes log, in the store's format (record_id is empty: admins have no number)."""
    return kb.log_change(actor, action, CHANGE_KIND, None, before, after)
