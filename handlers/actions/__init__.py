"""Buttons: under an answer (Share in channel, 👍/👎, "did you mean", an admin's Edit), and the
review list's "This means…" and "Dismiss" (handlers.actions.review)."""
from __future__ import annotations

import re

from ..background import after_ack
from ..blocks import ACTION_EDIT_PREFIX, ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, ACTION_SHARE, ACTION_SUGGESTION_PREFIX
from ..views.edit import open_edit_form
from . import review
from .answers import answer_suggestion, record_feedback, share_answer


def register(app) -> None:
    app.action(ACTION_SHARE)(share)
    app.action(re.compile(f"^({ACTION_FEEDBACK_UP}|{ACTION_FEEDBACK_DOWN})$"))(feedback)
    app.action(re.compile(f"^{ACTION_SUGGESTION_PREFIX}\\d+$"))(suggestion)
    app.action(re.compile(f"^{ACTION_EDIT_PREFIX}\\d+$"))(edit)
    review.register(app)


def share(ack, body: dict, action: dict, context, client, respond) -> None:
    ack()
    after_ack(context, share_answer, body, action, context, client, respond)


def feedback(ack, body: dict, action: dict, context, respond) -> None:
    ack()
    after_ack(context, record_feedback, body, action, context, respond)


def suggestion(ack, body: dict, action: dict, context, client, respond) -> None:
    ack()
    after_ack(context, answer_suggestion, body, action, context, client, respond)


def edit(ack, body: dict, action: dict, context, client, respond) -> None:
    ack()
    after_ack(context, open_edit_form, body, action, context, client, respond)
