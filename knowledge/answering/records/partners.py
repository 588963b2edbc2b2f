"""Questions about partners: one partner by name ("is IEEE a platinum partner?"), the partners of a
tier ("who are the gold partners?"), or all of them by tier."""

from __future__ import annotations

import re

from ...question import content_stems, stem
from ..result import Answer
from .context import Scope
from .lines import partner_name
from .replies import Candidate, reply, unknown


def partners_by_tier(s: Scope) -> Answer | None:
    """The partner records that answer a question about partners or a tier, or None."""
    q = s.q
    known_tier_words = {w for t in s.ctx.tiers for w in t.split()}
    if "partners" not in q.kinds and not (q.tier_words & known_tier_words):
        return None  # "the HR Strategic Plan" is not about a strategic partner
    if q.intent in ("how_many", "when", "where") or re.search(r"\bhow much\b", q.text, re.I):
        return None  # an amount or a date is not a tier
    partners = s.rows("partners")
    if not partners:
        absent = {w for w in q.tier_words if w not in s.ctx.known}
        if absent and "partners" in q.kinds:  # the word itself is nowhere in the reports
            return unknown(f"The reports name no {' '.join(sorted(absent))} partners.")
        return None
    best_tier, best_score = _asked_tier(s, partners)
    named = [
        p
        for p in partners
        if re.search(rf"\b{re.escape(_without_legal_form(p['name']).lower())}\b", q.text.lower())
        or (p.get("abbreviation") and re.search(rf"\b{re.escape(p['abbreviation'].lower())}\b", q.text.lower()))
    ]
    if named:  # "is IEEE a platinum partner?": what that partner is, whatever tier was guessed
        lines = [
            f"{p['name']} is a {p['tier']} partner"
            + (f" of {p['event']}" if p.get("event") else "")
            + (f", not {best_tier}." if best_tier and best_score >= 0.99 and best_tier != p["tier"] else ".")
            for p in named
        ]
        return reply(s, " ".join(lines), [("partners", p) for p in named], 0.9)
    unknown_tiers = q.tier_words - known_tier_words
    if best_tier and best_score >= 0.5 and not unknown_tiers:
        chosen = [p for p in partners if p.get("tier") == best_tier]
        event = chosen[0].get("event")
        names = ", ".join(partner_name(p) for p in chosen)
        label = best_tier if "partner" in best_tier.lower() else f"{best_tier} partners"
        return reply(
            s,
            f"{label}{' of ' + event if event else ''}: {names}.",
            [("partners", p) for p in chosen],
            0.6 + 0.35 * best_score,
        )
    if unknown_tiers:
        tiers = ", ".join(sorted({p["tier"] for p in partners if p.get("tier")}))
        return unknown(
            f"The reports name no {' '.join(sorted(unknown_tiers))} partners. Tiers I know: {tiers}.",
            [Candidate("partners", p) for p in partners[:3]],
        )
    if "partners" in q.kinds and (q.wants_all or q.intent in ("who", "list") or len(q.words) <= 3):
        return _all_partners(s, partners)
    return None


def _asked_tier(s: Scope, partners: list[dict]) -> tuple[str | None, float]:
    """The known tier whose words the question matches best, and the share of its words matched. On
    a tie the tier named last wins: a follow-up ("silver?") carries the previous question's words
    first and its own last, and the answer must not depend on the order a set is visited in."""
    best_tier, best_key = None, (0.0, -1)
    order = [stem(w) for w in re.findall(r"\w+", s.q.text.lower())]  # the question's words in order
    for tier in dict.fromkeys(p["tier"] for p in partners if p.get("tier")):
        tier_words = content_stems(tier) - {stem("partners"), stem("partner")}
        if not tier_words:
            continue
        hits = tier_words & s.q.stems
        last = max((len(order) - 1 - order[::-1].index(w) for w in hits if w in order), default=-1)
        key = (len(hits) / len(tier_words), last)
        if key[0] > 0 and key > best_key:
            best_tier, best_key = tier, key
    return best_tier, best_key[0]


def _all_partners(s: Scope, partners: list[dict]) -> Answer:
    """Every partner, grouped by tier in the order the records give them."""
    by_tier: dict[str, list[str]] = {}
    for p in partners:
        by_tier.setdefault(p.get("tier") or "Partner", []).append(partner_name(p))
    text = "Partners: " + "; ".join(f"{t}: {', '.join(n)}" for t, n in by_tier.items()) + "."
    return reply(s, text, [("partners", p) for p in partners], 0.8)


_LEGAL_FORM = re.compile(r"(?i),?\s+(?:ltd|limited|inc|llc|plc|gmbh|ag|sa|ab|bv|nv|co|corp|corporation|pty)\.?$")


def _without_legal_form(name: str) -> str:
    """ "Thermasense Ltd" -> "Thermasense": the name delegates say, without the company's legal form."""
    short = _LEGAL_FORM.sub("", name).strip()
    return short or name
