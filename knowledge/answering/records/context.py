"""What every record handler reads: the knowledge base's answer context (vocabulary, groups,
abbreviations, tiers), the question as read, and the group it is scoped to.

The context is built once per knowledge-base content and shared; a ``Scope`` bundles, without
changing them, the inputs of one question, so that each handler takes one argument and no handler
sets anything another reads.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from ...evidence.index import share_holding
from ...lexicon import stem as lexicon_stem
from ...question import KIND_WORDS, STOPWORDS, SYNONYMS, Question, content_stems, stem, tokens
from ...store import KnowledgeBase
from ..features import initials


class Context:
    """What answering needs beyond single records, built once per knowledge base content."""

    def __init__(self, kb: KnowledgeBase):
        """Read the vocabulary, groups, reports, abbreviations, tiers and acronyms once."""
        self.version = kb.data_version()
        self.vocabulary = [r[0] for r in kb.conn.execute("SELECT word FROM vocabulary")]
        self.known = set(self.vocabulary)
        self.known_stems = {stem(w) for w in self.vocabulary}
        self.groups = kb.groups()
        self.reports = {r["id"]: r for r in kb.db["reports"].rows}
        # What every question about these reports may carry and none is narrowed by: the groups'
        # names and abbreviations, the reports' titles ("Rez TSC Meeting Notes"), and the initials
        # of a title's names and their beginnings ("tc" of "Technical Committee Working Meeting").
        self.group_stems = frozenset(
            x
            for g in self.groups
            for x in content_stems(f"{g['name']} {g['abbreviation'] or ''}") | {(g["abbreviation"] or "").lower()}
        )
        titles = [r.get("title") or "" for r in self.reports.values()]
        self.titles = frozenset(t.strip() for t in titles)  # a meeting dated in its minutes' title is theirs
        self.title_stems = frozenset(x for t in titles for x in content_stems(t))
        self.title_initials = frozenset(i[:k] for t in titles for i in initials(t) for k in range(2, len(i) + 1))
        aliases = kb.aliases()
        self.expansions: dict[str, set[str]] = {}
        for a in aliases:
            self.expansions.setdefault(a["alias"].lower(), set()).add(a["expansion"].lower())
            self.expansions.setdefault(a["expansion"].lower(), set()).add(a["alias"].lower())
        self.tiers = {(r[0] or "").lower() for r in kb.conn.execute("SELECT DISTINCT tier FROM partners")}
        self.meeting_prefixes = [g["abbreviation"] for g in self.groups if g["abbreviation"]]
        self.acronyms = self._acronyms(kb)
        self._corrections: dict[str, str] = {}  # a memo of correct(), never read for anything else

    @staticmethod
    def _acronyms(kb: KnowledgeBase) -> dict[str, set[str]]:
        """ "dsg" -> {"Deputy Secretary-General"}: initials of the capitalised phrases in people's
        roles and in events' and partners' names, for acronyms the reports never define."""
        phrases: dict[str, set[str]] = {}
        rows = kb.conn.execute(
            "SELECT role FROM people WHERE role IS NOT NULL UNION SELECT name FROM events UNION SELECT name FROM partners LIMIT 5000"
        )
        for (text,) in rows:
            for run in re.findall(r"(?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*)*", text or ""):
                words = run.split()
                for i in range(len(words)):
                    for j in range(i + 1, min(len(words), i + 5) + 1):
                        parts = [p for w in words[i:j] for p in w.split("-") if p]
                        if len(parts) >= 2:
                            phrases.setdefault("".join(p[0].lower() for p in parts), set()).add(" ".join(words[i:j]))
        return phrases

    def correct(self, word: str) -> str:
        """The vocabulary word a typo most likely meant ("dedline" -> "deadline"), or the word."""
        if word in self.known or word in STOPWORDS or not self.vocabulary or stem(word) in SYNONYMS:
            return word  # "sent" is a word of its own (a synonym of "send"), not a typo of "set"
        if word in self._corrections:
            return self._corrections[word]
        cutoff = 90 if len(word) <= 4 else 85 if len(word) <= 5 else 80
        best = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=70)
        result = word
        if best and (best[1] >= cutoff or _is_transposition(word, best[0])):
            result = best[0]
        else:
            known_kind_words = {w for ws in KIND_WORDS.values() for w in ws}
            kw = process.extractOne(word, known_kind_words, scorer=fuzz.ratio, score_cutoff=80)
            if kw:
                result = kw[0]
        self._corrections[word] = result
        return result


def _is_transposition(a: str, b: str) -> bool:
    """'hlfp' and 'hlpf': the same letters with two neighbours swapped."""
    if len(a) != len(b) or sorted(a) != sorted(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1


_CONTEXTS: dict[str, Context] = {}
_CONTEXTS_LOCK = threading.Lock()


def _context(kb: KnowledgeBase) -> Context:
    """The answer context of a knowledge base file, shared by every connection to it in this
    process (each Slack listener thread has its own), rebuilt when the content changes."""
    version = kb.data_version()
    key = kb.cache_key
    with _CONTEXTS_LOCK:
        cached = _CONTEXTS.get(key)
        if cached is None or cached.version != version:
            cached = _CONTEXTS[key] = Context(kb)
    return cached


SUBJECT_SHARE = 0.1  # a word in this share of a report's sentences is its subject, not a qualifier
SUBJECT_MIN = 4  # and in at least this many (in a short report a share is a sentence or two)


@dataclass(frozen=True)
class Scope:
    """One question's inputs, as every handler reads them: the knowledge base, its context, the
    question as read, today's date (for "next" and "in N days") and the group asked about."""

    kb: KnowledgeBase
    ctx: Context
    q: Question
    today: date | None
    group_id: int | None

    @property
    def group_clause(self) -> str:
        """The SQL condition that keeps records to the group asked about ("" for all groups)."""
        return "" if self.group_id is None else f" AND group_id = {int(self.group_id)}"

    def is_subject(self, word: str) -> bool:
        """Whether a word stands in so many of the reports' sentences that it names their subject
        (the body's acronym in every document symbol) rather than narrowing a question."""
        typed = next((w for w in self.q.words if stem(w) == word), word)  # the word as asked, for the index
        found, total = share_holding(self.kb.conn, lexicon_stem(typed.lower()))
        return bool(total) and found >= max(SUBJECT_MIN, SUBJECT_SHARE * total)

    def rows(self, kind: str, where: str = "1", params: list | None = None, order: str = "id") -> list[dict]:
        """Records of one kind, within the group asked about."""
        return self.kb.records(kind, where + self.group_clause, params or [], order_by=order)


def _with_context(question: str, context: str | None) -> str:
    """A short follow-up ("and the final draft one?") with what the previous question asked."""
    if not context:
        return question
    q = question.strip()
    short = len([t for t in tokens(q) if t not in STOPWORDS]) <= 4
    if (
        short
        and re.match(r"(?i)^(and|also|what about|how about|and what about|same for|plus)\b", q)
        or (short and not re.search(r"(?i)\b(when|who|where|what|which|how)\b", q))
    ):
        asked = " ".join(
            t
            for t in tokens(context)
            if t in {"when", "who", "where", "how", "many"} or any(t in ws for ws in KIND_WORDS.values())
        )
        return f"{asked} {q}"
    return question


def _choose_group(ctx: Context, q: Question, requested: str | None) -> tuple[int | None, str | None]:
    """The group a question is about (id and label): the one requested, or the one it names when
    the knowledge base holds several; (None, None) for all groups."""
    if requested:
        for g in ctx.groups:
            if requested.lower() in {(g["abbreviation"] or "").lower(), g["name"].lower(), str(g["id"])}:
                return g["id"], g["abbreviation"] or g["name"]
        return None, None
    if len(ctx.groups) <= 1:
        return None, None
    lowered = q.text.lower()
    for g in ctx.groups:
        if (g["abbreviation"] and g["abbreviation"].lower() in lowered) or g["name"].lower() in lowered:
            return g["id"], g["abbreviation"] or g["name"]
    return None, None
