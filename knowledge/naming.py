"""How a meeting is named wherever the product speaks of one: by its number where the report gives
it one ("the 13th meeting"), else by its date ("the meeting of 29 April 2026"), as minutes of bodies
that do not number their meetings name them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import dates
from .textpatterns import ordinal


def meeting_name(m: Mapping[str, Any]) -> str:
    """ "the 13th meeting", "the meeting of 29 April 2026", or "the meeting" when neither is known."""
    if m.get("number") is not None:
        return f"the {ordinal(m['number'])} meeting"
    if m.get("start"):
        return f"the meeting of {dates.human_range(m['start'], m.get('end') or m['start'])}"
    return "the meeting"


def meeting_label(m: Mapping[str, Any]) -> str:
    """The short label of lists and the changes log: "meeting 13", "meeting of 29 April 2026"."""
    if m.get("number") is not None:
        return f"meeting {m['number']}"
    return meeting_name(m)[4:]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
