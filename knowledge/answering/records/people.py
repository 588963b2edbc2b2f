"""Questions asking for everyone with one role ("Who are the vice-chairs?", "list the secretariat
staff"), answered from the people records."""

from __future__ import annotations

import re

from ...lexicon import HOLDER_NOW_WORDS, TAKING_PART_WORDS
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


_ONE_PERSON = re.compile(r"(?i)(?:^|[?.!]\s+)\W*(?:so\s+|and\s+)?who\b")  # "did they pick a chair? who is it"
_NOW = frozenset(stem(w) for w in HOLDER_NOW_WORDS)


def person_by_role(s: Scope) -> Answer | None:
    """ "Who is the rapporteur?", "who's the IPBES chair?": the one person the reports give exactly
    that role, when the question names nothing else (beyond the group's own name). A role that two
    people hold is not guessed between; "Vice-Chair" is not "Chair"."""
    q = s.q
    if not _ONE_PERSON.search(q.text) or q.meetings or q.symbols or len(q.stems) > 7:
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
    held = set(content_stems(person["role"] or ""))
    held |= {alt for x in held for alt in SYNONYMS.get(x, ())}  # "Chairperson" is who "the chair" is
    named = [
        w for w in ROLE_WORDS.findall(q.text.title()) if stem(w.lower()) not in s.ctx.group_stems
    ]  # "Expert Group"
    if any(stem(w.lower()) not in held for w in named):
        return None  # "who is the vice-chair?" is not answered by the chair, nor "the deputy director" by the director
    return reply(s, f"{person['role']}: {person['name']}{_paren(person.get('country'))}.", [("people", person)], 0.9)


_MEETING_STEMS = frozenset(stem(w) for w in KIND_WORDS["meetings"])  # "who hosted the meeting?": its role


# "who came from SiFive?", "was anyone from Alibaba on the call?", "who represents Ericsson?"
_FROM_WHOM = re.compile(
    r"(?i)^\W*(?:so\s+|and\s+)?(?:who|which\s+(?:people|persons?|delegates?|members?)|(?:was|were|is|did)\s+(?:any(?:one|body)|someone))\b"
    r".*(?:\b(?:from|with|of|at|for|represent(?:s|ed|ing)?)\b|['\u2019]s\s+(?:\w+\s+)?(?:reps?|representatives?|delegates?|contacts?)\b)"
)  # "who's netflix's premier rep?"
_TAKING_PART = frozenset(stem(w) for w in TAKING_PART_WORDS)


def people_by_organisation(s: Scope) -> Answer | None:
    """Everyone a participant list gives with the organisation a question names ("who came from
    SiFive?" -> "Jim Wilson (GCC guy at SiFive), Max Ma (compiler engineer SiFive)"), when it names
    nothing else. An organisation is read from the record's own field or its participant line."""
    q = s.q
    if not _FROM_WHOM.match(q.text) or q.meetings or q.symbols:
        return None
    asked = q.stems - _TAKING_PART - s.ctx.group_stems - s.ctx.title_stems - s.ctx.title_initials - _NOW
    asked = {x for x in asked if not re.search(r"\d", x)}
    if not asked or len(asked) > 3:
        return None
    words = [w for w in q.words if len(w) >= 3 and stem(w) in asked]
    clause = " AND ".join(
        "lower(coalesce(organisation, '') || ' ' || coalesce(role, '') || ' ' || coalesce(source, '')) LIKE ?"
        for _ in words
    )
    rows = s.rows("people", clause, [f"%{w.lower()}%" for w in words]) if words else []
    found = []
    for p in rows:
        details = _participant_details(p)
        if details is not None and asked <= set(content_stems(f"{details} {p.get('role') or ''}")):
            found.append((p, details))
    if not found:
        return None
    names = "; ".join(f"{p['name']} ({details})" for p, details in found[:20])
    return reply(s, f"{names}.", [("people", p) for p, _ in found[:20]], 0.85)


def _participant_details(person: dict) -> str | None:
    """What a participant list says of a person beside the name ("Seagate, wants to learn about
    optimization"), or the organisation recorded; None when the record was read from prose, where
    a sentence names many people and what it says is not each one's."""
    source = (person.get("source") or "").strip(" -*\t")
    name = person["name"]
    if source.startswith(name) and len(source) <= 160:
        details = source[len(name) :].strip(" ,:-\u2013\u2014|")
        return details or person.get("organisation")
    return person.get("organisation")


# "which company was Aaron representing?", "who does Marius work for?", "what's Jane's affiliation?"
_WHOSE_ORGANISATION = re.compile(
    r"(?i)\b(?:(?:which|what)\s+(?:company|organi[sz]ation|org|firm|employer|institution|affiliation|agency)|"
    r"affiliation|work(?:s|ed|ing)?\s+for|employed\s+by)\b"
)


def organisation_of_person(s: Scope) -> Answer | None:
    """ "Which company was Marius van Niekerk representing?": the organisation the records give
    the one person the question names (in full, or by a first name or surname only one person
    has), when a participant list or table gave one."""
    q = s.q
    if not _WHOSE_ORGANISATION.search(q.text):
        return None
    people = [p for p in s.rows("people") if p.get("organisation")]
    text = q.text.lower()

    def named(p: dict) -> bool:
        return bool(re.search(rf"\b{re.escape(p['name'].lower())}\b", text))

    found = [p for p in people if named(p)]
    if not found:  # "which company is Marius with?": a first name or surname only one person has
        parts: dict[str, list[dict]] = {}
        for p in people:
            for part in {p["name"].split()[0], p["name"].split()[-1]}:
                if len(part) >= 3:
                    parts.setdefault(part.lower(), []).append(p)
        found = [ps[0] for part, ps in parts.items() if len(ps) == 1 and re.search(rf"\b{re.escape(part)}\b", text)]
    if len({p["name"] for p in found}) != 1:
        return None
    person = found[0]
    return reply(s, f"{person['name']} is with {person['organisation']}.", [("people", person)], 0.9)
