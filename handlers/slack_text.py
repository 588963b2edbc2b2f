"""Slack's text conventions, once for every listener, builder and the announcer.

- ``escape``: Slack reads ``&``, ``<`` and ``>`` as markup in every text field that reaches it
  (mrkdwn blocks and a message's plain ``text`` alike): ``<!channel>`` pings a channel and
  ``<http://x|label>`` disguises a link. Whatever a report, an admin or a delegate wrote goes
  through this before it is shown.
- ``is_number``: whether what someone typed is an id or a number we can look up.
- ``USER_ID``: the shape of a Slack user ID (U…, or W… on Enterprise Grid), and ``MENTION``, a
  mention as Slack sends it (``<@U012ABCDEF>`` or ``<@U012ABCDEF|maria>``).

Imports nothing, so that ``bot.announcer`` can use it without the answering engine.
"""

from __future__ import annotations

import re

USER_ID = r"[UW][A-Z0-9]{2,20}"
USER_ID_RE = re.compile(USER_ID)
# A user ID standing alone in a sentence ("U012ABCDEF is now an admin").
USER_ID_IN_TEXT = re.compile(rf"\b({USER_ID})\b")
MENTION = re.compile(rf"<@({USER_ID})(?:\|[^>]*)?>")


def escape(text: object) -> str:
    """Text shown as written: &, < and > as Slack's entities (so nothing in it pings or links)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_number(text: str) -> bool:
    """ASCII digits only, and few enough for SQLite: str.isdigit() also takes '²', which int() refuses."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def mention(user_id: str | None) -> str:
    """``<@U…>`` for a valid user ID; anything else escaped, so that it can never become markup."""
    return f"<@{user_id}>" if user_id and USER_ID_RE.fullmatch(user_id) else escape(user_id or "?")


def mention_ids(text: str) -> str:
    """Bare user IDs in already escaped text turned into mentions."""
    return USER_ID_IN_TEXT.sub(r"<@\1>", text)
