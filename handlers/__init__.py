"""Slack listeners: thin adapters from a Slack payload to ``knowledge`` and back to Block Kit.

Grouped as in Slack's bolt-python starter template; each package has ``register(app)``.
Every listener acknowledges at once and does its work after the ack (handlers.background), so
Slack always gets its answer within 3 seconds.
"""
from __future__ import annotations


def register_listeners(app) -> None:
    from . import actions, commands, events, home, views

    commands.register(app)
    events.register(app)
    actions.register(app)
    views.register(app)
    home.register(app)
