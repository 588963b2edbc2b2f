"""Questions asking for everyone with one role ("Who are the vice-chairs?", "list the secretariat
staff"), answered from the people records."""

from __future__ import annotations

import re

from ...question import KIND_WORDS, SYNONYMS, content_stems, stem
from ...textpatterns import ROLE_WORDS
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


_ONE_PERSON = re.compile(r"(?i)^\W*(?:so\s+|and\s+)?who\b")
# Words that ask for the holder now, not narrow the role ("who's taking the notes right now?").
_NOW = frozenset(
    stem(w) for w in ("right", "now", "current", "currently", "today", "present", "this", "take", "taking")
)


def person_by_role(s: Scope) -> Answer | None:
    """ "Who is the rapporteur?", "who's the IPBES chair?": the one person the reports give exactly
    that role, when the question names nothing else (beyond the group's own name). A role that two
    people hold is not guessed between; "Vice-Chair" is not "Chair"."""
    q = s.q
    if not _ONE_PERSON.match(q.text) or q.meetings or q.symbols or len(q.stems) > 7:
        return None
    asked = q.stems | {alt for st in q.stems for alt in SYNONYMS.get(st, ())}
    # the roles first (few, however many people): only those the question asks are read in full
    roles = [
        r for (r,) in s.kb.conn.execute(f"SELECT DISTINCT role FROM people WHERE role IS NOT NULL{s.group_clause}")
    ]
    wanted = {r: frozenset(content_stems(r)) for r in roles}
    wanted = {r: stems for r, stems in wanted.items() if stems and stems <= asked}
    if not wanted:
        return None
    holders: dict[frozenset[str], list[dict]] = {}
    marks = ", ".join("?" for _ in wanted)
    for p in s.rows("people", f"role IN ({marks})", list(wanted)):
        holders.setdefault(wanted[p["role"]], []).append(p)
    role = max(holders, key=len)
    if len(holders[role]) != 1 or sum(1 for r in holders if len(r) == len(role)) != 1:
        return None
    others = {x for x in q.stems - role - _NOW - _MEETING_STEMS - {stem("role")} if not re.search(r"\d", x)}
    others -= s.ctx.group_stems | s.ctx.title_stems  # "Rez TSC Meeting Notes": what every question is about
    if any(not s.is_subject(x) for x in others & s.ctx.known_stems):
        return None  # "who is the chair of the drafting group?": more than the role
    person = holders[role][0]
    held = (person["role"] or "").lower()
    if any(w.lower() not in held for w in ROLE_WORDS.findall(q.text.title())):
        return None  # "who is the vice-chair?" is not answered by the chair, nor "the deputy director" by the director
    return reply(s, f"{person['role']}: {person['name']}{_paren(person.get('country'))}.", [("people", person)], 0.9)


_MEETING_STEMS = frozenset(stem(w) for w in KIND_WORDS["meetings"])  # "who hosted the meeting?": its role
