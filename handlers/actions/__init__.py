"""Buttons: under an answer (Share in channel, 👍/👎, "did you mean", an admin's Edit), and the
review list's "This means…" and "Dismiss" (handlers.actions.review)."""

from __future__ import annotations

import re

from ..blocks import (
    ACTION_EDIT_PREFIX,
    ACTION_FEEDBACK_DOWN,
    ACTION_FEEDBACK_UP,
    ACTION_SHARE,
    ACTION_SUGGESTION_PREFIX,
)
from ..views.edit import open_edit_form
from . import review
from .answers import answer_suggestion, record_feedback, share_answer


def register(app) -> None:
    app.action(ACTION_SHARE)(ack=acknowledge, lazy=[share_answer])
    app.action(re.compile(f"^({ACTION_FEEDBACK_UP}|{ACTION_FEEDBACK_DOWN})$"))(ack=acknowledge, lazy=[record_feedback])
    app.action(re.compile(f"^{ACTION_SUGGESTION_PREFIX}\\d+$"))(ack=acknowledge, lazy=[answer_suggestion])
    app.action(re.compile(f"^{ACTION_EDIT_PREFIX}\\d+$"))(edit)
    review.register(app)


def acknowledge(ack) -> None:
    ack()


def edit(ack, body: dict, action: dict, context, client, respond) -> None:
    """An admin's Edit button: the form opens from the ack function, within the trigger's 3 seconds
    and never behind answers."""
    ack()
    open_edit_form(body, action, context, client, respond)
