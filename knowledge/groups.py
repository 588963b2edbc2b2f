"""Which group a short command means, in a knowledge base of several groups.

The command line says it with ``--group ABBR``; in Slack, where there are no flags, a list command
names the group in its words: ``/wg deadlines next week for CWG-COP``, ``/wg deadlines CWG-COP``.
``split_group`` takes the group's abbreviation or name off the text, so that the rest (the period)
is read as before. Unknown words are left alone: "deadlines for the HLPF" is still a question.
"""

from __future__ import annotations

import re

from .store import KnowledgeBase


def split_group(kb: KnowledgeBase, text: str) -> tuple[str, dict | None]:
    """(the text without the group it names, that group) — or (text, None) when it names none.

    The group may stand first or last, after 'for', 'of' or 'group' or on its own, written as its
    abbreviation or its name in any case: 'next week for cwg-cop' -> ('next week', CWG-COP).
    """
    cleaned = " ".join((text or "").split())
    for group in sorted(kb.groups(), key=lambda g: -len(g["name"])):
        for label in filter(None, (group["abbreviation"], group["name"])):
            escaped = re.escape(label)
            for pattern in (
                rf"^(?:(?:for|of|group)\s+)?(?:the\s+)?{escaped}(?:\s+|$)",
                rf"(?:^|\s+)(?:(?:for|of|group)\s+)?(?:the\s+)?{escaped}$",
            ):
                m = re.search(pattern, cleaned, re.IGNORECASE)
                if m:
                    return (cleaned[: m.start()] + " " + cleaned[m.end() :]).strip(), group
    return cleaned, None
