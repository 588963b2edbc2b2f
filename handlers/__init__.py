"""Slack listeners: thin adapters from a Slack payload to ``knowledge`` and back to Block Kit.

Grouped as in Slack's bolt-python starter template; each package has ``register(app)``. Every
listener acknowledges at once in Bolt's ack function and does its work in a ``lazy=`` listener
after the ack (bot.slack_app runs them on separate thread pools), so Slack always gets its answer
within 3 seconds. Two global middlewares come first: each request is handled once
(events.middleware.skip_repeats) and no bot is ever answered (skip_bots).
"""

from __future__ import annotations


def register_listeners(app) -> None:
    from . import actions, commands, events, home, views
    from .events.middleware import skip_bots, skip_repeats

    app.use(skip_bots)
    app.use(skip_repeats)
    commands.register(app)
    events.register(app)
    actions.register(app)
    views.register(app)
    home.register(app)
