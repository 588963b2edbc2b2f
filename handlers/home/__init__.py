"""The App Home tab: upcoming deadlines, recent changes to the knowledge base, how to ask; and for
admins, first, what waits on the review list."""

from __future__ import annotations

import logging
from datetime import timedelta

from ..actions.review import home_blocks
from ..blocks import home_view
from ..delivery import slack_error
from ..rights import is_admin_user
from ..services import services_of

log = logging.getLogger("rapporteur.slack")

HOME_DAYS = 30


def register(app) -> None:
    app.event("app_home_opened")(ack=acknowledge, lazy=[publish_home])


def acknowledge(ack) -> None:
    ack()


def publish_home(event: dict, context, client) -> None:
    if event.get("tab", "home") != "home":
        return  # the Messages tab also sends app_home_opened
    services = services_of(context)
    kb, today = services.kb(), services.today()
    upcoming = kb.deadlines(today, today + timedelta(days=HOME_DAYS))
    view = home_view(upcoming, kb.history(limit=10), today)
    if is_admin_user(services, event.get("user")):
        view["blocks"] = home_blocks(kb) + view["blocks"]  # a Home tab holds up to 100 blocks
    try:
        client.views_publish(user_id=event["user"], view=view)
    except Exception as e:
        log.warning("views.publish for %s failed: %s", event.get("user"), slack_error(e))
