"""What the scoring reads of a question, worked out once before any candidate is scored: the
stems to cover (less the group's own name), the thing asked for, a penalty for words the reports
never use, names given with a year, and a qualified role that must stand together."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...question import ANSWER_NOUNS, KIND_WORDS, STOPWORDS, SYNONYMS, content_stems, stem, tokens
from .context import Scope
from .matching import _role_phrase


@dataclass(frozen=True)
class Signals:
    query: list[str]  # the question's stems a candidate should cover, in order
    focus_word: str | None  # "what's the budget of ...": "budget"
    unknown_words_penalty: float
    named_years: list[tuple[str, str]]  # ("Prizes", "2019") for "WSIS Prizes 2019"
    role_phrase: tuple[str, str] | None  # ("execut", "secretar") for "the Executive Secretary"


def signals_of(s: Scope) -> Signals:
    """The question's scoring signals."""
    q = s.q
    query = [x for x in dict.fromkeys(stem(w) for w in q.words) if x]
    # The group's own name scopes the question; it is no evidence for one record over another.
    group_words = _group_words(s)
    query = [x for x in query if x not in group_words] or query
    focus = re.match(
        r"(?i)\s*what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|a\s+|an\s+)?"
        r"(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:of|for|in|on|about|to)\b",
        q.text,
    )
    focus_word = focus.group(1).lower() if focus else None
    return Signals(
        query,
        focus_word,
        penalty_for_unknown_words(s, focus_word),
        re.findall(r"\b([A-Za-z][\w+-]*)\s+((?:19|20)\d\d)\b", q.normalized),
        _role_phrase(q.words),
    )


def _group_words(s: Scope) -> set[str]:
    """The words of the groups the question names: by name, abbreviation ("WP.DTF", "wp dtf") or
    how the group calls itself ("the Working Party")."""
    q = s.q
    group_words = set()
    asked = set(tokens(q.text))
    for g in s.ctx.groups:
        head = re.split(r"\s+(?:on|for|of)\s+", g["name"])[0]
        for label in (g["abbreviation"], g["name"], head):
            parts = {t for t in tokens(label or "") if not re.search(r"[.\-&/]", t)} - STOPWORDS
            if label and (label.lower() in q.text.lower() or (parts and parts <= asked)):
                group_words |= content_stems(label) | {label.lower()} | set(tokens(label))
    return group_words


def penalty_for_unknown_words(s: Scope, focus_word: str | None) -> float:
    """Words of the question that the knowledge base has never seen, even allowing for typos,
    are evidence that it does not hold the answer ("the weather in Geneva"): a name the
    delegate capitalised counts most."""
    q, ctx = s.q, s.ctx
    penalty = 0.0
    generic = {w for ws in KIND_WORDS.values() for w in ws} | ANSWER_NOUNS
    original = {t.lower(): t for t in re.findall(r"[\w&+\-]+", q.normalized)}
    for word in q.words:
        if (
            word in ctx.known
            or stem(word) in ctx.known_stems
            or word in generic
            or re.search(r"\d", word)
            or len(word) < 3
        ):
            continue
        if any(alt in ctx.known_stems for alt in SYNONYMS.get(stem(word), ())):
            continue
        raw = original.get(word, word)
        capitalised = raw[:1].isupper() and q.normalized.find(raw) > 0
        focus = word == focus_word  # "what's the budget of ...": the thing asked for
        penalty += 0.3 if capitalised or raw.isupper() or focus else 0.1
    return min(penalty, 0.6)


def alias_alternatives(s: Scope) -> dict[str, list[set[str]]]:
    """For each question word, the word sets that also count as it: an abbreviation's
    expansion, or (for the words of an expansion the question spells out) the abbreviation."""
    q, ctx = s.q, s.ctx
    out: dict[str, list[set[str]]] = {}
    for word in q.words:  # an acronym the reports never define ("DSG")
        if word not in ctx.known and word in ctx.acronyms:
            for phrase in ctx.acronyms[word]:
                out.setdefault(stem(word), []).append(content_stems(phrase))
    for phrase, others in ctx.expansions.items():
        phrase_stems = content_stems(phrase) or {stem(phrase)}  # "FOR" is an abbreviation here
        if " " not in phrase and stem(phrase) in q.stems:
            for other in others:
                out.setdefault(stem(phrase), []).append(content_stems(other))
        elif len(phrase_stems) > 1 and phrase_stems <= q.stems:
            for other in others:
                for x in phrase_stems:
                    out.setdefault(x, []).append(content_stems(other))
    return out
