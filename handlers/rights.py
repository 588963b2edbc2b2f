"""Who may change what, for every listener: admins are the secretariat (the RAPPORTEUR_ADMINS setting,
handed in through ``services.settings``, and the knowledge base's list); everyone else may ask, never change. A neutral module, so that commands,
actions, views, events and the Home tab all ask the same question the same way."""

from __future__ import annotations

from knowledge import admins
from knowledge.answering import Answer

from .blocks import MAX_EDIT_BUTTONS
from .services import Services

NOT_ADMIN = (
    "Only the secretariat's admins can do that, and you are not one of them, so nothing was changed. "
    "You can still ask me anything: `/wg QUESTION`."
)


def actor_of(user_id: str | None) -> str:
    """The one actor a Slack user is in the changes log."""
    return f"slack:{user_id}"


def is_admin_user(services: Services, user_id: str | None) -> bool:
    """The admins named in the settings at start, and those in the knowledge base now."""
    return bool(user_id) and admins.is_admin(services.kb(), user_id, services.settings.admins)


def edit_targets(services: Services, reply: Answer, user_id: str | None) -> list[tuple[str, str]]:
    """(button value, title) of the deadlines an answer cites, when the viewer is an admin."""
    ids = [r["id"] for r in reply.record_ids if r.get("kind") == "deadlines"][:MAX_EDIT_BUTTONS]
    if not ids or not is_admin_user(services, user_id):
        return []
    records = [services.kb().get("deadlines", i) for i in ids]
    return [(f"deadlines:{r['id']}", str(r["title"])) for r in records if r]
