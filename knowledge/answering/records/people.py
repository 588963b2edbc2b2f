"""Questions asking for everyone with one role ("Who are the vice-chairs?", "list the secretariat
staff"), answered from the people records."""

from __future__ import annotations

import re

from ...question import SYNONYMS, content_stems
from ..result import Answer
from .context import Scope
from .lines import _paren
from .replies import reply


def people_by_role(s: Scope) -> Answer | None:
    """ "Who are the vice-chairs?", "list the secretariat staff": everyone the reports give that
    role, when the question asks for several people and names nothing else."""
    q = s.q
    plural = re.search(r"(?i)\b(who\s+(?:are|were)|list|all|everyone|which\s+people|staff|members)\b", q.text)
    if not plural or "people" not in q.kinds and not q.wants_all:
        return None
    people = s.rows("people")
    roles: dict[str, list[dict]] = {}
    for p in people:
        if p.get("role"):
            roles.setdefault(p["role"], []).append(p)
    asked = q.stems | {alt for st in q.stems for alt in SYNONYMS.get(st, ())}
    best = [
        (role, ps) for role, ps in roles.items() if len(ps) > 1 and content_stems(role) and content_stems(role) <= asked
    ]
    if len(best) != 1:
        return None
    role, chosen = best[0]
    names = ", ".join(p["name"] + _paren(p.get("country")) for p in chosen[:20])
    return reply(s, f"{role}: {names}.", [("people", p) for p in chosen[:20]], 0.8)
