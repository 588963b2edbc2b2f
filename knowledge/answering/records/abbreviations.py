"""Questions about an abbreviation ("What does HLPF stand for?"), answered from the abbreviations
the reports define."""

from __future__ import annotations

import re

from ..result import Answer
from .context import Scope
from .replies import unknown


def abbreviation_meaning(s: Scope) -> Answer | None:
    """ "What does HLPF stand for?" is answered from the abbreviations the reports define."""
    m = re.search(
        r"\bwhat\s+(?:does|do|is)\s+(?:the\s+)?(?P<abbr>[\w&+\-]+)\s+(?:stand for|mean|short for)\b"
        r"|\b(?:meaning|expansion) of\s+(?:the\s+)?(?P<abbr2>[\w&+\-]+)",
        s.q.text,
        re.I,
    )
    if not m:
        return None
    abbr = (m.group("abbr") or m.group("abbr2")).lower()
    rows = [a for a in s.kb.aliases(s.group_id) if a["alias"].lower() == abbr]
    if not rows:
        return unknown(f"The reports do not define “{m.group('abbr') or m.group('abbr2')}”.")
    return Answer(True, f"{rows[0]['alias']} stands for {rows[0]['expansion']}.", 0.95, [], [])
