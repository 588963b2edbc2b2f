"""Partners and their tiers, only where a report calls them partners, sponsors, donors or
contributors: bullets ("A – Diamond partner"), colon lists ("Gold partners: A and B"), prose ("A
and B joined as Gold sponsors") and bracketed lists ("A (Platinum); B, C (Gold)")."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from ..paragraphs import Paragraph, sentences
from . import cues
from .context import ReportContext, provenance
from .text import has_verb, norm, split_names, tidy


def read_partners(ctx: ReportContext, not_partners: AbstractSet[str] = frozenset()) -> list[dict]:
    """Partners with their tier and event. ``not_partners`` are names known to be something else
    (the initials a participant list gives people)."""
    partners: dict[str, dict] = {}

    def put(name: str, tier: str, p: Paragraph, s: str, event_name: str | None):
        """Add a partner, its abbreviation split off, unless the name is no organisation's."""
        name = tidy(re.sub(r"^(?:and|the)\s+", "", name.strip(), flags=re.I))
        abbreviation = None
        m = re.match(r"(.+?)\s*\(([^)]+)\)$", name)
        if m:
            name, abbreviation = m.group(1).strip(), m.group(2).strip()
        if not name or len(name) > 120 or has_verb(name) or name in not_partners or not _organisation_like(name):
            return
        key = "partner:" + norm(name)
        partners[key] = {
            "name": name,
            "abbreviation": abbreviation,
            "tier": _tier(tier),
            "event": event_name,
            "key": key,
            **provenance(p, s),
        }

    for p in ctx.paragraphs:
        if p.cells is not None:
            for name, tier in _partners_in_row(p.cells):
                put(name, tier, p, p.text, ctx.event_before(p, p.text))
            continue
        units = [(s, False) for s in sentences(p.text, semicolons=False)] + [(i, True) for i in p.items]
        heading_partners = any(cues.PARTNER_WORD.search(h) for h in p.headings + [p.text])
        for s, is_item in units:
            if not cues.PARTNER_WORD.search(s) and not (is_item and heading_partners):
                continue
            named = ctx.events_in(s)
            event_name = named[-1][0] if named else ctx.event_before(p, s)
            for names, tier in _partners_in(s):
                for name in names:
                    put(name, tier, p, s, event_name)
    return list(partners.values())


def _partners_in(s: str) -> list[tuple[list[str], str]]:
    """(names, tier) pairs in one sentence or list item, in the first form that reads it."""
    m = cues.PARTNER_BULLET.match(s)
    if m:  # "A – Diamond partner" (a bullet): one name, kept whole
        return [([m.group("name")], m.group("tier"))]
    colon = list(cues.PARTNER_COLON.finditer(s))
    if colon:  # "Gold partners: A and B."
        return [(split_names(m.group("names")), m.group("tier")) for m in colon]
    return [(split_names(names), tier) for names, tier in _partners_in_prose(s) or _bracketed(s)]


_TIER_COLUMN = re.compile(r"(?i)^\s*(?:tier|level|category|class|status)s?\s*$")


def _partners_in_row(cells: dict[str, str]) -> list[tuple[str, str]]:
    """A row of a table whose columns name partners (sponsors, donors ...) and, where it has one,
    their tier: "Tier | Donor | Amount" over "Anchor Donors | Norway | 400,000". A bracket after
    the name says what was given ("Estonia (venue and logistics)"), not another name."""
    named = next(((h, m) for h in cells if (m := cues.PARTNER_WORD.search(h)) and not _TIER_COLUMN.match(h)), None)
    if named is None:
        return []
    name_column, noun = named
    name = re.sub(r"\s*\([^()]*[a-z][^()]*\)\s*$", "", cells[name_column]).strip()
    if not name or name == "-":
        return []
    tier_column = next((h for h in cells if _TIER_COLUMN.match(h)), None)
    tier = cells[tier_column].strip() if tier_column else ""
    return [(name, tier if tier and tier != "-" else noun.group(0))]


def _organisation_like(name: str) -> bool:
    """A partner's name is a proper name, which ends in a capitalised word or an acronym
    ("Translators without Borders", "Kingdom of Bahrain"); "Status update" is not one."""
    words = re.findall(r"[^\s,]+", name)
    return bool(words) and not words[-1][:1].islower()


def _bracketed(s: str) -> list[tuple[str, str]]:
    """ "partners A (Platinum); B (Gold); C, D (Contributing Partners)"."""
    start = cues.PARTNER_LIST_START.search(s)
    if not start:
        return []
    listed = s[start.end() :]
    head = re.match(r"[^;()]*?:\s*", listed)  # "partners of the Forum 2022: A (Gold); ..."
    if head:
        listed = listed[head.end() :]
    out = []
    for chunk in listed.split(";"):
        m = re.match(r"^\s*(?P<names>.+?)\s*\((?P<tier>[^()]+)\)\s*[.;,]?\s*$", chunk)
        if m and not _is_abbreviation_of(m.group("tier"), m.group("names")):
            out.append((m.group("names"), m.group("tier")))
    return out


def _partners_in_prose(sentence: str) -> list[tuple[str, str]]:
    """(names, tier) as prose says them; names are the run since the previous match."""
    found = []
    for i, pattern in enumerate(cues.PROSE_TIERS):
        for m in pattern.finditer(sentence):
            names = m.group("names")
            if i in cues.NAMES_BEFORE_TIER:
                # only the part after the previous tier or the last clause break is this tier's names
                names = cues.TIER_BREAK.split(names)[-1]
                names = re.sub(r"^(?:and|while|whereas|also)\s+", "", names.strip(" ,"))
            if not cues.NOT_PARTNER_NAMES.search(names.strip()):
                found.append((names, m.group("tier")))
    seen, unique = set(), []
    for names, tier in found:  # two patterns may read the same clause
        if (names, tier) not in seen:
            seen.add((names, tier))
            unique.append((names, tier))
    return unique


def _is_abbreviation_of(paren: str, names: str) -> bool:
    paren = paren.strip()
    if not re.fullmatch(r"[A-Z][A-Z&\-]{1,9}", paren):
        return False
    words = re.findall(r"[A-Za-z]+", names)
    initials = "".join(w[0] for w in words[-len(paren) - 2 :]).upper()
    return all(ch in initials for ch in paren.replace("-", "").replace("&", ""))


def _tier(text: str) -> str:
    """A tier as reports write it, capitalised as a name: "gold partners" -> "Gold"."""
    noun = re.fullmatch(r"(?i)(partner|sponsor|donor|contributor)s?", text.strip())
    if noun:  # "as donors": the word the report uses is all the tier there is
        return noun.group(1).capitalize()
    text = re.sub(r"(?<=\w)\s+(?:partners?|sponsors?|donors?|contributors?)$", "", text.strip(), flags=re.I)
    text = re.sub(r"^(?:the|our)\s+", "", text, flags=re.I)
    return (
        " ".join(
            w
            if w.isupper()
            else w.capitalize()
            if i == 0 or w.lower() not in {"for", "of", "and", "the"}
            else w.lower()
            for i, w in enumerate(text.split())
        )
        or "Partner"
    )
