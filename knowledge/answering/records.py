"""Record candidates: what the structured records (meetings, deadlines, partners, documents, people,
events, recommendations) answer of a question, with the records' own confidence.

This is the first engine's record side, kept as one source of candidates for the ranking in
knowledge.answering; the evidence layer is the other.

``answer(kb, question)`` is the one entry point. It reads the question (knowledge.question), then:
1. answers directly what the records hold in structured form: a meeting by number, a document by
   symbol, partners by tier, deadlines in a period;
2. otherwise finds candidates with SQLite FTS5 (records and paragraphs, never a full scan), scores
   them by how much of the question each covers (fuzzy, with rapidfuzz, field by field), and answers
   from the best when its score clears a threshold calibrated on question sets
   (benchmarks/calibrate.py); below it, the reply says it does not know and offers suggestions.
A confident wrong answer is the worst outcome, so every path that answers checks that the
question's specific words (a meeting number, a tier, a year) are really there.
"""
from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from datetime import date

from rapidfuzz import fuzz, process

from .. import dates
from ..question import (ANSWER_NOUNS, KIND_WORDS, STOPWORDS, SYNONYM_WORDS, SYNONYMS, Question, content_stems, parse,
                       stem, tokens)
from ..textpatterns import PERSON, ROLE_WORDS

# Words that make one role another: a Deputy Secretary-General is not the Secretary-General.
ROLE_MODIFIERS = {"deputy", "vice", "assistant", "acting", "associate", "interim", "co-chair", "senior", "former"}
from ..schema import KINDS
from ..store import KnowledgeBase, search_text
from ..textpatterns import ordinal, ordinal_word, symbol_key, words_to_ordinals

# Calibrated by benchmarks/calibrate.py on the development and fixture question sets: the lowest
# score at which wrong answers stay rarer than honest "I don't know"s. Re-run it when scoring changes.
ANSWER_THRESHOLD = 0.56
CANDIDATES = 60
UNSURE_BELOW = 0.7  # an answer scored below this comes with "did you mean" suggestions


from .result import MAX_CHARS, Answer, Source, fit as _fit


# -- the knowledge base as the answerer sees it ----------------------------------------------------


# What the meeting records can answer: "when", "where", who chaired, who attended, how many.
MEETING_FACT_WORDS = (
    "experts", "attendees", "representatives", "delegations", "submitted", "submit", "tabled", "work", "worked", "input", "before", "when", "where", "date", "dates", "held", "take", "took", "place", "venue", "happen", "was", "start", "end",
    "how", "many", "documents", "document", "docs", "considered", "consider", "examined", "examine", "reviewed",
    "review", "contributions", "papers", "delegates", "participants", "attended", "attend", "participated",
    "people", "ppl", "summary", "report", "record", "records", "vice-chair", "vice-chairs", "vice", "chair",
    "chairs", "chaired", "chairman", "chairperson", "represented", "represent", "replaced", "present", "from",
    "country", "which", "who", "what", "number", "symbol",
)


class Context:
    """What answering needs beyond single records, built once per knowledge base content."""

    def __init__(self, kb: KnowledgeBase):
        self.version = kb.data_version()
        self.vocabulary = [r[0] for r in kb.conn.execute("SELECT word FROM vocabulary")]
        self.known = set(self.vocabulary)
        self.known_stems = {stem(w) for w in self.vocabulary}
        self.groups = kb.groups()
        self.reports = {r["id"]: r for r in kb.db["reports"].rows}
        aliases = kb.aliases()
        self.expansions: dict[str, set[str]] = {}
        for a in aliases:
            self.expansions.setdefault(a["alias"].lower(), set()).add(a["expansion"].lower())
            self.expansions.setdefault(a["expansion"].lower(), set()).add(a["alias"].lower())
        self.tiers = {(r[0] or "").lower() for r in kb.conn.execute("SELECT DISTINCT tier FROM partners")}
        self.meeting_prefixes = [g["abbreviation"] for g in self.groups if g["abbreviation"]]
        self.acronyms = self._acronyms(kb)
        self._corrections: dict[str, str] = {}

    @staticmethod
    def _acronyms(kb: KnowledgeBase) -> dict[str, set[str]]:
        """"dsg" -> {"Deputy Secretary-General"}: initials of the capitalised phrases in people's
        roles and in events' and partners' names, for acronyms the reports never define."""
        phrases: dict[str, set[str]] = {}
        rows = kb.conn.execute(
            "SELECT role FROM people WHERE role IS NOT NULL UNION SELECT name FROM events UNION SELECT name FROM partners LIMIT 5000")
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
    key = kb.path if kb.path != ":memory:" else f":memory:{id(kb)}"
    with _CONTEXTS_LOCK:
        cached = _CONTEXTS.get(key)
        if cached is None or cached.version != version:
            cached = _CONTEXTS[key] = Context(kb)
    return cached


# -- entry point ---------------------------------------------------------------------------------


def record_answer(kb: KnowledgeBase, question: str, today: date | None = None, group: str | None = None,
                  context: str | None = None) -> Answer:
    """Answer one question. ``context`` is the previous question of the same conversation (a Slack
    thread): a short follow-up ("and the final draft one?") borrows what it asks from there."""
    ctx = _context(kb)
    text = _with_context(question, context)
    q = parse(text, today, ctx.correct, ctx.meeting_prefixes)
    if not q.words and not q.meetings and not q.symbols:
        return Answer(False, "I could not find a question there. Try e.g. “When is the next deadline?”", 0.0)
    group_id, group_label = _choose_group(ctx, q, group)
    if group and group_id is None:
        names = ", ".join(g["abbreviation"] or g["name"] for g in ctx.groups) or "none yet"
        return Answer(False, f"I have no reports from a group called “{group}”. Groups I know: {names}.", 0.0)
    engine = _Engine(kb, ctx, q, today, group_id)
    reply = engine.run()
    if len(ctx.groups) > 1:
        label = group_label or engine.group_label_of(reply)
        if label and reply.answered:
            reply.group = label
            reply.text = f"[{label}] {reply.text}"
    reply.text = _fit(reply.text)
    return reply


def explain(kb: KnowledgeBase, question: str, today: date | None = None, limit: int = 8) -> list[str]:
    """The search's best candidates with their scores, for tuning (``rapporteur ask --explain``)."""
    ctx = _context(kb)
    q = parse(question, today, ctx.correct, ctx.meeting_prefixes)
    candidates = _Engine(kb, ctx, q, today, None).ranked()
    lines = [f"intent={q.intent} kinds={sorted(q.kinds)} words={q.words} threshold={ANSWER_THRESHOLD}"]
    for c in candidates[:limit]:
        label = c.record.get("title") or c.record.get("name") or c.record.get("text") or c.record.get("number")
        lines.append(f"{c.score:6.3f} cov={c.coverage:5.3f} {c.kind:<15} {str(label)[:90]}")
    return lines


def _with_context(question: str, context: str | None) -> str:
    if not context:
        return question
    q = question.strip()
    short = len([t for t in tokens(q) if t not in STOPWORDS]) <= 4
    if short and re.match(r"(?i)^(and|also|what about|how about|and what about|same for|plus)\b", q) or \
            (short and not re.search(r"(?i)\b(when|who|where|what|which|how)\b", q)):
        asked = " ".join(t for t in tokens(context) if t in {"when", "who", "where", "how", "many"}
                         or any(t in ws for ws in KIND_WORDS.values()))
        return f"{asked} {q}"
    return question


def _choose_group(ctx: Context, q: Question, requested: str | None) -> tuple[int | None, str | None]:
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


# -- the engine ------------------------------------------------------------------------------


# How much a word found in each field counts: a match in a record's name says more than one in the
# sentence it came from.
FIELD_WEIGHTS = {
    "deadlines": {"title": 1.0, "event": 0.8, "subject": 0.7, "audience": 0.5, "send_to": 0.6, "aliases": 0.8, "source": 0.5,
                  "heading": 0.5, "context": 0.45},
    "events": {"name": 1.0, "aliases": 1.0, "theme": 0.6, "place": 0.8, "source": 0.45},
    "partners": {"name": 1.0, "abbreviation": 1.0, "tier": 1.0, "event": 0.6, "aliases": 0.9},
    "documents": {"symbol": 1.0, "title": 0.9, "submitter": 0.9, "summary": 0.7, "aliases": 0.8, "source": 0.4},
    "recommendations": {"text": 0.9, "topic": 0.75, "actor": 0.7, "source": 0.5, "aliases": 0.9},
    "people": {"name": 1.0, "role": 1.0, "country": 0.8, "source": 0.5, "aliases": 0.9},
    "meetings": {"text": 0.6, "aliases": 0.9},
    "paragraphs": {"text": 0.75, "heading": 0.5, "context": 0.6},
}


@dataclass
class Candidate:
    kind: str
    record: dict
    score: float = 0.0
    coverage: float = 0.0
    fields: dict[str, str] | None = None  # the texts it is matched on, by field (see _Engine.fields_of)


class _Engine:
    def __init__(self, kb: KnowledgeBase, ctx: Context, q: Question, today: date | None, group_id: int | None):
        self.kb, self.ctx, self.q, self.today, self.group_id = kb, ctx, q, today, group_id
        self.group_clause = "" if group_id is None else f" AND group_id = {int(group_id)}"
        self.record_aliases: dict[tuple[str, int], str] = {}

    def run(self) -> Answer:
        for handler in (self.abbreviation_meaning, self.meeting_by_number, self.document_by_symbol,
                        self.partners_by_tier, self.deadlines_in_period, self.meetings_in_general,
                        self.event_by_name, self.people_by_role):
            reply = handler()
            if reply is not None:
                return reply
        return self.best_match()

    def group_label_of(self, reply: Answer) -> str | None:
        for ref in reply.record_ids:
            record = self.kb.get(ref["kind"], ref["id"]) if ref["kind"] in KINDS else None
            if record:
                for g in self.ctx.groups:
                    if g["id"] == record.get("group_id"):
                        return g["abbreviation"] or g["name"]
        return None

    # -- sources ----------------------------------------------------------------------------

    def source(self, record: dict, symbol: str | None = None) -> Source:
        report = self.ctx.reports.get(record.get("report_id"))
        label = None
        if report:
            group = next((g for g in self.ctx.groups if g["id"] == report["group_id"]), None)
            label = f"{group['abbreviation'] or group['name']} – {report['title']}" if group else report["title"]
        elif record.get("report_id") is None:
            label = "added by the secretariat"
        return Source(label, record.get("paragraph") or record.get("number"), symbol, (record.get("source") or "")[:300] or None)

    def reply(self, text: str, records: list[tuple[str, dict]], confidence: float, symbol: str | None = None) -> Answer:
        return Answer(
            True, text, round(min(1.0, confidence), 3),
            [self.source(r, symbol if kind == "documents" else None) for kind, r in records[:3]],
            [{"kind": kind, "id": r["id"]} for kind, r in records if kind in KINDS],
        )

    def unknown(self, text: str, candidates: list[Candidate] | None = None, confidence: float = 0.0) -> Answer:
        suggestions = []
        for c in candidates or []:
            s = suggestion_for(c.kind, c.record)
            if s and s not in suggestions:
                suggestions.append(s)
            if len(suggestions) == 3:
                break
        return Answer(False, text, round(confidence, 3), suggestions=suggestions)

    def rows(self, kind: str, where: str = "1", params: list | None = None, order: str = "id") -> list[dict]:
        return self.kb.records(kind, where + self.group_clause, params or [], order_by=order)

    # -- structured handlers ------------------------------------------------------------------

    def abbreviation_meaning(self) -> Answer | None:
        """"What does HLPF stand for?" is answered from the abbreviations the reports define."""
        m = re.search(r"\bwhat\s+(?:does|do|is)\s+(?:the\s+)?(?P<abbr>[\w&+\-]+)\s+(?:stand for|mean|short for)\b"
                      r"|\b(?:meaning|expansion) of\s+(?:the\s+)?(?P<abbr2>[\w&+\-]+)", self.q.text, re.I)
        if not m:
            return None
        abbr = (m.group("abbr") or m.group("abbr2")).lower()
        rows = [a for a in self.kb.aliases(self.group_id) if a["alias"].lower() == abbr]
        if not rows:
            return self.unknown(f"The reports do not define “{m.group('abbr') or m.group('abbr2')}”.")
        return Answer(True, f"{rows[0]['alias']} stands for {rows[0]['expansion']}.", 0.95, [], [])

    def event_by_name(self) -> Answer | None:
        """"When is the WSIS Forum 2020?" names an event: answer from that event's record, or say
        that the reports do not give what is asked, rather than answer about another event."""
        q = self.q
        if q.intent not in ("when", "where") and "theme" not in q.words or "deadlines" in q.kinds:
            return None
        from ..textpatterns import named_events, event_key

        expansions = {a: sorted(e)[0] for a, e in self.ctx.expansions.items() if " " not in a}
        named = named_events(q.normalized, expansions) or named_events(q.normalized.title(), expansions)
        if not named:
            return None
        words = named[-1][0].split()
        while words and words[0].lower() in STOPWORDS | {"does", "will", "being", "held", "theme", "of"}:
            words.pop(0)
        named = [(self.as_written(" ".join(words)), 0, 0)] if words else named
        wanted = set(event_key(named[-1][0], expansions).split())
        events = self.rows("events")
        match = [e for e in events if wanted <= set(event_key(e["name"], expansions).split())]
        if not match:
            return self.unknown(f"The reports give no {'theme' if 'theme' in q.words else 'place' if q.intent == 'where' else 'dates'} "
                                f"for {named[-1][0]}.", [Candidate("events", e) for e in events[:3]], 0.2)
        # the most specific event the question describes ("the ministerial meeting of HLPF 2020")
        e = max(match, key=lambda x: (len(content_stems(x["name"]) & q.stems), -len(x["name"])))
        asked = "theme" if "theme" in q.words else "start" if re.search(r"\bwhen\b", q.text, re.I) or q.intent == "when" else "place"
        if not e.get(asked):
            what = {"theme": "theme", "place": "place", "start": "dates"}[asked]
            return self.unknown(f"The reports mention {e['name']} but give no {what} for it.", [Candidate("events", e)], 0.3)
        return self.reply(event_line(e, q), [("events", e)], 0.9)

    def as_written(self, name: str) -> str:
        """A name as the reports spell it ("WSIS Forum 2020" for a typed "wsis forum 2020")."""
        row = self.kb.conn.execute("SELECT text FROM paragraphs WHERE text LIKE ? LIMIT 1", [f"%{name}%"]).fetchone()
        if row:
            m = re.search(re.escape(name), row[0], re.I)
            if m:
                return m.group(0)
        return name

    def people_by_role(self) -> Answer | None:
        """"Who are the vice-chairs?", "list the secretariat staff": everyone the reports give that
        role, when the question asks for several people and names nothing else."""
        q = self.q
        plural = re.search(r"(?i)\b(who\s+(?:are|were)|list|all|everyone|which\s+people|staff|members)\b", q.text)
        if not plural or "people" not in q.kinds and not q.wants_all:
            return None
        people = self.rows("people")
        roles = {}
        for p in people:
            if p.get("role"):
                roles.setdefault(p["role"], []).append(p)
        asked = q.stems | {alt for s in q.stems for alt in SYNONYMS.get(s, ())}
        best = [(role, ps) for role, ps in roles.items() if len(ps) > 1 and content_stems(role) and content_stems(role) <= asked]
        if len(best) != 1:
            return None
        role, chosen = best[0]
        names = ", ".join(p["name"] + _paren(p.get("country")) for p in chosen[:20])
        return self.reply(f"{role}: {names}.", [("people", p) for p in chosen[:20]], 0.8)

    def meeting_by_number(self) -> Answer | None:
        q = self.q
        if not q.meetings:
            return None
        found = [m for n in dict.fromkeys(q.meetings) for m in self.rows("meetings", "number = ?", [n])]
        if not found:
            if q.kinds & {"deadlines", "documents", "events", "partners"}:
                return None  # "contributions to meeting 6": a deadline about a meeting still to come
            known = ", ".join(str(m["number"]) for m in self.rows("meetings", order="number")) or "none"
            missing = ", ".join(ordinal(n) for n in q.meetings)
            return self.unknown(f"I have no record of a {missing} meeting. Meetings I know of: {known}.",
                                [Candidate("meetings", m) for m in self.rows("meetings", order="number desc")[:3]])
        answerable = {stem(w) for w in MEETING_FACT_WORDS} | {stem(w) for w in KIND_WORDS["meetings"]}
        for m in found:  # "which vice-chair from Poland": words the meeting's own record holds
            answerable |= content_stems(" ".join(str(m.get(f) or "") for f in ("vice_chairs", "chair", "chair_country", "place")))
        others = {s for s in q.stems - answerable if not re.search(r"\d", s)}
        for g in self.ctx.groups:
            others -= content_stems(f"{g['name']} {g['abbreviation'] or ''}") | {(g["abbreviation"] or "").lower()}
        if others & self.ctx.known_stems:
            return None  # "who presided over the closing plenary of the 8th session?": more than the meeting's facts
        lines, used = [], []
        for m in found:
            line = self.meeting_fact(m)
            if line:
                lines.append(line)
                used.append(("meetings", m))
        if not lines:
            if q.intent == "where" and not any(m.get("place") for m in found):
                return self.unknown(f"The reports do not say where the {ordinal(found[0]['number'])} meeting was held.",
                                    [Candidate("meetings", m) for m in found], 0.3)
            return None  # the meeting is known but not what is asked: let the search try
        return self.reply(" ".join(lines), used, 0.9)

    def meeting_fact(self, m: dict) -> str | None:
        q, words = self.q, set(self.q.words)
        name = f"The {ordinal(m['number'])} meeting"
        vice = json.loads(m["vice_chairs"]) if m.get("vice_chairs") else []
        if words & {"summary", "report"} and m.get("summary_symbol"):
            return f"The summary report of the {ordinal(m['number'])} meeting is document {m['summary_symbol']}."
        if q.intent == "how_many" and words & {"documents", "document", "contributions", "docs", "papers"}:
            if m.get("documents_considered") is not None:
                return f"{name} considered {m['documents_considered']} documents."
            return None
        if q.intent == "how_many" and words & {"delegates", "participants", "attended", "people", "experts",
                                                 "attendees", "representatives", "delegations"}:
            return f"{m['delegates']} delegates took part." if m.get("delegates") else None
        if re.search(r"vice[- ]?chair|represent|attend|present|stood in|replaced", q.text, re.I):
            return self.vice_chair_fact(m, vice)
        if words & {"chair", "chairs", "chaired", "chairman", "chairperson", "presided"}:
            return f"{name} was chaired by {m['chair']}{_paren(m.get('chair_country'))}." if m.get("chair") else None
        if q.intent == "where":
            return f"{name} was held in {m['place']}." if m.get("place") else None
        if q.intent in ("when", "what", "list") or words & {"held", "date", "dates", "took"}:
            if m.get("start"):
                return f"{name} was held on {dates.human_range(m['start'], m['end'])}" + (f" in {m['place']}." if m.get("place") else ".")
        return None

    def vice_chair_fact(self, m: dict, vice: list[dict]) -> str | None:
        if not vice:
            return None
        lowered = self.q.text.lower()
        chosen = [v for v in vice if v.get("country") and v["country"].lower() in lowered]
        chosen = chosen or [v for v in vice if any(part.lower() in lowered for part in v["name"].split() if len(part) > 3)]
        if chosen:
            parts = []
            for v in chosen:
                text = f"{v['name']}{_paren(v.get('country'))}"
                if v.get("represented_by"):
                    text += f", represented by {v['represented_by']}"
                parts.append(text)
            return f"At the {ordinal(m['number'])} meeting: " + "; ".join(parts) + "."
        listed = ", ".join(f"{v['name']}{_paren(v.get('country'))}" + (f" (represented by {v['represented_by']})" if v.get("represented_by") else "") for v in vice)
        return f"Vice-Chairs at the {ordinal(m['number'])} meeting: {listed}."

    def meetings_in_general(self) -> Answer | None:
        """Questions about "the meetings" as a whole: who chaired them, how many delegates."""
        q, words = self.q, set(self.q.words)
        if q.meetings or "meetings" not in q.kinds:
            return None
        meetings = self.rows("meetings", order="number")
        if not meetings:
            return None
        numbers = " and ".join(ordinal(m["number"]) for m in meetings)
        group_words = set()
        for g in self.ctx.groups:
            group_words |= content_stems(f"{g['name']} {g['abbreviation'] or ''}") | {(g["abbreviation"] or "").lower()}
        meeting_words = {stem(w) for w in KIND_WORDS["meetings"]} | {stem(w) for w in (
            "group", "working", "who", "many", "people", "participated", "participate", "took", "part", "held", "attend")}
        if q.stems - group_words - meeting_words:
            return None  # "who chairs the task force?" is about something else
        if q.intent == "how_many" and words & {"delegates", "participants", "people", "attended", "participated"}:
            values = {m["delegates"] for m in meetings if m.get("delegates")}
            if len(values) == 1:
                return self.reply(f"{values.pop()} delegates took part in the {numbers} meetings.", [("meetings", m) for m in meetings], 0.85)
        if words & {"chair", "chairs", "chaired", "chairman", "chairperson"} and not re.search(r"vice", q.text, re.I):
            by_chair: dict[tuple, list[int]] = {}
            for m in meetings:
                if m.get("chair"):
                    by_chair.setdefault((m["chair"], m.get("chair_country")), []).append(m["number"])
            if by_chair:  # "X chaired the 3rd and 4th meetings; Y chaired the 5th meeting."
                parts = [f"{chair}{_paren(country)} chaired the {' and '.join(ordinal(n) for n in ns)} meeting{'s' if len(ns) > 1 else ''}"
                         for (chair, country), ns in sorted(by_chair.items(), key=lambda kv: -len(kv[1]))]
                return self.reply("; ".join(parts) + ".", [("meetings", m) for m in meetings if m.get("chair")], 0.85)
        return None

    def document_by_symbol(self) -> Answer | None:
        if not self.q.symbols:
            return None
        wanted = [symbol_key(s) for s in self.q.symbols]
        docs = [d for d in self.rows("documents", "symbol IS NOT NULL") if symbol_key(d["symbol"]) in wanted]
        if not docs:
            meetings = [m for m in self.rows("meetings", "summary_symbol IS NOT NULL") if symbol_key(m["summary_symbol"]) in wanted]
            if meetings:
                m = meetings[0]
                return self.reply(f"{m['summary_symbol']} is the summary report of the {ordinal(m['number'])} meeting.", [("meetings", m)], 0.9)
            if not re.search(r"(?i)\b(document|doc|symbol|contribution|what\s+is)\b", self.q.text):
                return None  # "after RA/WRC-19": symbol-shaped, but the question is about something else
            return self.unknown(f"I have no document {', '.join(self.q.symbols)} in the reports.")
        lines = [document_line(d) for d in docs]
        return self.reply(" ".join(lines), [("documents", d) for d in docs], 0.92, docs[0]["symbol"])

    def partners_by_tier(self) -> Answer | None:
        q = self.q
        known_tier_words = {w for t in self.ctx.tiers for w in t.split()}
        if "partners" not in q.kinds and not (q.tier_words & known_tier_words):
            return None  # "the HR Strategic Plan" is not about a strategic partner
        if q.intent in ("how_many", "when", "where") or re.search(r"\bhow much\b", q.text, re.I):
            return None  # an amount or a date is not a tier
        partners = self.rows("partners")
        if not partners:
            absent = {w for w in q.tier_words if w not in self.ctx.known}
            if absent and "partners" in q.kinds:  # the word itself is nowhere in the reports
                return self.unknown(f"The reports name no {' '.join(sorted(absent))} partners.")
            return None
        # a tier named in the question: the known tier that its words match best
        best_tier, best_score = None, 0
        for tier in {p["tier"] for p in partners if p.get("tier")}:
            tier_words = content_stems(tier) - {stem("partners"), stem("partner")}
            if not tier_words:
                continue
            hits = len(tier_words & q.stems)
            score = hits / len(tier_words)
            if score > best_score:
                best_tier, best_score = tier, score
        named = [p for p in partners if re.search(rf"\b{re.escape(p['name'].lower())}\b", q.text.lower())
                 or (p.get("abbreviation") and re.search(rf"\b{re.escape(p['abbreviation'].lower())}\b", q.text.lower()))]
        if named:  # "is IEEE a platinum partner?": what that partner is, whatever tier was guessed
            lines = [f"{p['name']} is a {p['tier']} partner" + (f" of {p['event']}" if p.get("event") else "")
                     + (f", not {best_tier}." if best_tier and best_score >= 0.99 and best_tier != p["tier"] else ".")
                     for p in named]
            return self.reply(" ".join(lines), [("partners", p) for p in named], 0.9)
        unknown_tiers = q.tier_words - known_tier_words
        if best_tier and best_score >= 0.5 and not unknown_tiers:
            chosen = [p for p in partners if p.get("tier") == best_tier]
            event = chosen[0].get("event")
            names = ", ".join(partner_name(p) for p in chosen)
            label = best_tier if "partner" in best_tier.lower() else f"{best_tier} partners"
            return self.reply(f"{label}{' of ' + event if event else ''}: {names}.", [("partners", p) for p in chosen], 0.6 + 0.35 * best_score)
        if unknown_tiers:
            tiers = ", ".join(sorted({p["tier"] for p in partners if p.get("tier")}))
            return self.unknown(f"The reports name no {' '.join(sorted(unknown_tiers))} partners. Tiers I know: {tiers}.",
                                [Candidate("partners", p) for p in partners[:3]])
        if "partners" in q.kinds and (q.wants_all or q.intent in ("who", "list") or len(q.words) <= 3):
            by_tier: dict[str, list[str]] = {}
            for p in partners:
                by_tier.setdefault(p.get("tier") or "Partner", []).append(partner_name(p))
            text = "Partners: " + "; ".join(f"{t}: {', '.join(n)}" for t, n in by_tier.items()) + "."
            return self.reply(text, [("partners", p) for p in partners], 0.8)
        return None

    def deadlines_in_period(self) -> Answer | None:
        q = self.q
        if "deadlines" not in q.kinds and not re.search(r"\bdue\b", q.text, re.I):
            return None
        day = [sp for sp in dates.find_dates(q.text, self.today.year if self.today else None) if not sp.is_range]
        if q.period is None and day and not self._specific_words():  # "whats due 22 nov 2019?"
            q.period = dates.Period(day[0].start, day[0].end, f"on {dates.human(day[0].start)}")
        if q.period is None and not (q.upcoming and self.today) and not (q.wants_all and not self._specific_words()):
            return None
        if q.period:
            start, end, label = q.period.start, q.period.end, q.period.label
            rows = self.kb.deadlines(start, end, self.group_id)
            if self._specific_words(extra={stem(w) for w in q.period.label.lower().split()}):
                rows = [r for r in rows if self._covers(r)] or None
                if rows is None:
                    return None
        elif q.upcoming and self.today:
            label = "coming up"
            rows = self.kb.deadlines(self.today, None, self.group_id, limit=10)
        else:
            label = "in the reports"
            rows = self.kb.deadlines(group_id=self.group_id)
        if not rows:
            return Answer(True, f"No deadlines {_period_phrase(label)}.", 0.8)
        lines = [f"• {deadline_line(r, self.today, short=True)}" for r in rows]
        return self.reply(f"Deadlines {_period_phrase(label)}:\n" + "\n".join(lines), [("deadlines", r) for r in rows], 0.85)

    def _specific_words(self, extra: set[str] = frozenset()) -> set[str]:
        generic = {stem(w) for ws in KIND_WORDS.values() for w in ws} | {stem(w) for w in
                   ("upcoming", "next", "coming", "soon", "week", "month", "today", "list", "there", "any", "open", "future", "remaining", "what's", "whats")}
        months = {stem(m) for m in dates.MONTHS}
        return {s for s in self.q.stems if s not in generic and s not in extra and not s.isdigit() and s not in months}

    def _covers(self, record: dict) -> bool:
        words = content_stems(" ".join(str(v) for v in record.values() if isinstance(v, str)))
        specific = self._specific_words(extra={stem(w) for w in (self.q.period.label.lower().split() if self.q.period else [])})
        return not specific or len(specific & words) / len(specific) >= 0.5

    # -- search ------------------------------------------------------------------------------

    def ranked(self) -> list[Candidate]:
        """Candidates from the FTS pre-filter, scored, best first."""
        candidates = self.candidates()
        if not candidates:
            return []
        self.score(candidates)
        candidates.sort(key=lambda c: c.score, reverse=True)
        self.penalise_missing_rare_words(candidates[:8])
        candidates.sort(key=lambda c: c.score, reverse=True)
        return candidates

    def best_match(self) -> Answer:
        candidates = self.ranked()
        if not candidates:
            return self.unknown("I don't know: nothing in the reports matches that question.")
        best = candidates[0]
        if best.score < ANSWER_THRESHOLD:
            return self.unknown("I don't know that from the reports I have.", candidates, best.score)
        closest = max(candidates, key=lambda c: c.coverage)
        if closest.coverage - best.coverage >= 0.25 and closest.kind in ("paragraphs", "recommendations") \
                and self.q.intent in ("when", "how_many"):
            # The text that best matches the question's subject does not say what is asked (a date, a
            # number): answering from something that matches less well would be a confident guess.
            what = "date" if self.q.intent == "when" else "number"
            return self.unknown(f"The reports mention that, but give no {what} for it.", candidates, best.score)
        reply = self.render(best, candidates)
        if reply.answered and reply.confidence < UNSURE_BELOW:
            # unsure: offer what else the question may have meant
            chosen = {(ref["kind"], ref["id"]) for ref in reply.record_ids}
            others = [c for c in candidates[1:] if (c.kind, c.record.get("id")) not in chosen]
            reply.suggestions = self.unknown("", others).suggestions
        return reply

    def fts_query(self) -> str:
        terms = set()
        for w in self.q.words:
            terms.add(w)
            terms.update(SYNONYM_WORDS.get(stem(w), ()))
            if w not in self.ctx.known:
                for phrase in self.ctx.acronyms.get(w, ()):
                    terms.update(t for t in tokens(phrase) if t not in STOPWORDS)
            if re.fullmatch(r"\d+(?:st|nd|rd|th)", w) and ordinal_word(int(w[:-2])):
                terms.add(ordinal_word(int(w[:-2])))  # reports write "the eighth session"
            for expansion in self.ctx.expansions.get(w, ()):
                terms.update(t for t in tokens(expansion) if t not in STOPWORDS)
        lowered = self.q.text.lower()
        for phrase, expansions in self.ctx.expansions.items():
            if " " in phrase and phrase in lowered:
                for e in expansions:
                    terms.update(tokens(e))
        terms = {t for t in terms if re.search(r"\w", t)}
        return " OR ".join('"' + t.replace('"', '""') + '"' for t in sorted(terms)[:40])

    def candidates(self) -> list[Candidate]:
        match = self.fts_query()
        if not match:
            return []
        found: list[Candidate] = []
        seen = set()
        params = [match]
        where = "" if self.group_id is None else " AND group_id = ?"
        if self.group_id is not None:
            params.append(self.group_id)
        rows = self.kb.conn.execute(
            f"SELECT kind, record_id FROM search WHERE search MATCH ?{where} ORDER BY rank LIMIT {CANDIDATES}", params
        ).fetchall()
        for kind in self.q.kinds & set(KINDS):  # make sure the asked-for kind is among the candidates
            rows += self.kb.conn.execute(
                f"SELECT kind, record_id FROM search WHERE search MATCH ? AND kind = ?{where} ORDER BY rank LIMIT 15",
                [match, kind] + params[1:],
            ).fetchall()
        by_kind: dict[str, list[int]] = {}
        for kind, record_id in rows:
            if (kind, record_id) not in seen:
                seen.add((kind, record_id))
                by_kind.setdefault(kind, []).append(record_id)
        for kind, ids in by_kind.items():
            ids = ids[:CANDIDATES]
            marks = ",".join("?" * len(ids))
            for r in self.kb.records(kind, f"id IN ({marks})", ids):
                found.append(Candidate(kind, r))
        group = "" if self.group_id is None else " AND paragraphs.group_id = ?"
        for r in self.kb.conn.execute(
            "SELECT paragraphs.id, paragraphs.number, paragraphs.heading, paragraphs.text, paragraphs.items, "
            "paragraphs.report_id, paragraphs.group_id, paragraphs.position FROM paragraphs_fts "
            f"JOIN paragraphs ON paragraphs.rowid = paragraphs_fts.rowid WHERE paragraphs_fts MATCH ?{group} "
            "ORDER BY rank LIMIT 15", params,
        ):
            hit = self._paragraph(r)
            found.append(Candidate("paragraphs", hit))
            # A list that follows a paragraph ("Comments were received from: · Kenya · Mexico")
            # answers questions about that paragraph's subject: offer it with the paragraph as context.
            for n in self.kb.conn.execute(
                "SELECT id, number, heading, text, items, report_id, group_id, position FROM paragraphs "
                "WHERE report_id = ? AND position = ? AND items > 0", [hit["report_id"], hit["position"] + 1],
            ):
                following = self._paragraph(n)
                following["context"] = hit["text"]
                found.append(Candidate("paragraphs", following))
        return found

    @staticmethod
    def _paragraph(r) -> dict:
        return {"id": r[0], "paragraph": r[1], "heading": r[2], "text": r[3], "items": r[4],
                "report_id": r[5], "group_id": r[6], "position": r[7], "source": r[3]}

    def fields_of(self, c: Candidate) -> dict[str, str]:
        if c.fields is None:
            c.fields = self._fields(c)
        return c.fields

    def _fields(self, c: Candidate) -> dict[str, str]:
        r = c.record
        if c.kind == "meetings":
            vice = " ".join(v["name"] + " " + (v.get("country") or "") for v in json.loads(r["vice_chairs"] or "[]"))
            return {"text": f"meeting {r['number']} {r.get('chair') or ''} {vice} {r.get('place') or ''}",
                    "aliases": self.record_aliases.get((c.kind, r["id"]), "")}
        if c.kind == "paragraphs":
            return {"text": r["text"], "heading": r.get("heading") or "", "context": r.get("context") or ""}
        out = {name: str(r.get(name) or "") for name in FIELD_WEIGHTS[c.kind] if name not in ("aliases", "heading", "context")}
        if "heading" in FIELD_WEIGHTS[c.kind] and r.get("paragraph"):
            # the paragraph a deadline stands in says what it is about ("the draft Outline ... The
            # deadline for submissions ... was 1 March 2020")
            rows = self.kb.conn.execute("SELECT heading, text FROM paragraphs WHERE report_id IS ? AND number = ?",
                                        [r.get("report_id"), r["paragraph"]]).fetchall()
            out["heading"] = rows[0][0] if rows else ""
            out["context"] = " ".join(row[1] for row in rows)[:3000]
        if "aliases" in FIELD_WEIGHTS[c.kind]:
            out["aliases"] = self.record_aliases.get((c.kind, r["id"]), "")
        return out

    def load_aliases(self, candidates: list[Candidate]) -> None:
        """The aliases of every candidate record, in one query rather than one each."""
        self.record_aliases: dict[tuple[str, int], str] = {}
        keys = [(c.kind, c.record["id"]) for c in candidates if c.kind in KINDS]
        for i in range(0, len(keys), 400):
            chunk = keys[i:i + 400]
            where = " OR ".join("(kind = ? AND record_id = ?)" for _ in chunk)
            params = [v for key in chunk for v in key]
            for kind, record_id, text in self.kb.conn.execute(
                    f"SELECT kind, record_id, alias || ' ' || expansion FROM aliases WHERE {where}", params):
                self.record_aliases[(kind, record_id)] = (self.record_aliases.get((kind, record_id), "") + " " + text).strip()

    def score(self, candidates: list[Candidate]) -> None:
        q = self.q
        kind_stems = {stem(w) for ws in KIND_WORDS.values() for w in ws} | {stem(w) for w in ANSWER_NOUNS}
        query = [s for s in dict.fromkeys(stem(w) for w in q.words) if s]
        # The group's own name scopes the question; it is no evidence for one record over another.
        group_words = set()
        asked = set(tokens(q.text))
        for g in self.ctx.groups:
            # the group's name, its abbreviation ("WP.DTF", "wp dtf") or how it calls itself ("the
            # Working Party"): the group scopes the question; it is no evidence for one record
            head = re.split(r"\s+(?:on|for|of)\s+", g["name"])[0]
            for label in (g["abbreviation"], g["name"], head):
                parts = {t for t in tokens(label or "") if not re.search(r"[.\-&/]", t)} - STOPWORDS
                if label and (label.lower() in q.text.lower() or (parts and parts <= asked)):
                    group_words |= content_stems(label) | {label.lower()} | set(tokens(label))
        query = [s for s in query if s not in group_words] or query
        focus = re.match(r"(?i)\s*what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|a\s+|an\s+)?"
                         r"(?:[\w-]+\s+){0,2}?([\w-]+)\s+(?:of|for|in|on|about|to)\b", q.text)
        self.focus_word = focus.group(1).lower() if focus else None  # "what's the budget of ...": "budget"
        self.unknown_words_penalty = self.penalty_for_unknown_words()
        self.named_years = re.findall(r"\b([A-Za-z][\w+-]*)\s+((?:19|20)\d\d)\b", q.normalized)
        self.role_phrase = _role_phrase(q.words)
        self.load_aliases(candidates)
        fields = {id(c): self.fields_of(c) for c in candidates}
        field_stems = {id(c): {name: _stems_of(text) for name, text in fields[id(c)].items()} for c in candidates}
        alternatives = self.alias_alternatives()
        pairs = list(zip(query, query[1:]))
        # Words found in most candidates tell them apart least (a local inverse document frequency).
        n = len(candidates)
        df = {s: sum(1 for c in candidates if any(s in fs for fs in field_stems[id(c)].values())) for s in query}
        weights = {}
        for s in query:
            base = 0.35 if s in kind_stems else 1.0
            if s.isdigit():  # a quantity or a meeting's number tells records apart; a year, less so
                base = 0.7 if re.fullmatch(r"(?:19|20)\d\d", s) else 1.5
            weights[s] = base * (0.6 + 0.4 * math.log(1 + n / (1 + df[s])) / math.log(1 + n))
        total = sum(weights.values()) or 1.0
        for c in candidates:
            fstems = field_stems[id(c)]
            fw = FIELD_WEIGHTS[c.kind]
            got = 0.0
            missing_numbers = 0
            for s in query:
                best = 0.0
                for name, stems_ in fstems.items():
                    m = _match(s, stems_) or 0.9 * max((_match(alt, stems_) for alt in SYNONYMS.get(s, ())), default=0.0)
                    if not m and any(alt <= stems_ for alt in alternatives.get(s, ())):
                        m = 1.0  # "FOR" in the question, "Financial Operating Report" in the record
                    if m:
                        best = max(best, m * fw.get(name, 0.5))
                if best == 0 and ATTRIBUTE_WORDS.get(s) and r_has(c, ATTRIBUTE_WORDS[s]):
                    best = 1.0  # "what subject line?" is matched by a record that has a subject
                if s in kind_stems and c.kind in q.kinds:
                    best = max(best, 0.8)  # "deadline" is answered by a deadline record, said in it or not
                if s.isdigit() and best == 0:
                    missing_numbers += 1
                got += weights[s] * best
            if pairs:  # words that stand together in the question and in a field: a phrase matched
                sequences = [_stem_sequence(t) for t in fields[id(c)].values()]
                joined = sum(1 for a, b in pairs if any(_adjacent(seq, a, b) for seq in sequences))
                got += 0.15 * total * joined / len(pairs)
            c.coverage = min(1.0, got / total)
            # a number the question gives and the record lacks ("WSIS Prizes 2021") is another thing
            c.score = c.coverage + self.kind_fit(c) - 0.5 * missing_numbers - self.unknown_words_penalty \
                - 0.8 * self.other_year(fields[id(c)])

    def other_year(self, fields: dict[str, str]) -> int:
        """1 when the question names something with one year ("WSIS Prizes 2019") and the record
        names the same thing with another year only ("WSIS Prizes 2020")."""
        for word, year in self.named_years:
            text = " ".join(fields.values())
            years = set(re.findall(rf"\b{re.escape(word)}\s+((?:19|20)\d\d)\b", text, re.I))
            if years and year not in years:
                return 1
        return 0

    def penalise_missing_rare_words(self, candidates: list[Candidate]) -> None:
        """A word of the question that the reports use rarely names what the question is about
        ("the sub-group on spectrum"); a candidate without it answers about something else."""
        generic = {stem(w) for ws in KIND_WORDS.values() for w in ws}
        rare: dict[str, bool] = {}
        for c in candidates:
            text_stems = set().union(*(_stems_of(t) for t in self.fields_of(c).values()))
            for word in self.q.words:
                s = stem(word)
                if s in generic or s.isdigit() or len(word) < 4 or _match(s, frozenset(text_stems)) \
                        or any(alt in text_stems for alt in SYNONYMS.get(s, ())):
                    continue
                if s not in rare:
                    rare[s] = 0 < self.paragraph_frequency(word) <= 2
                if rare[s]:
                    c.score -= 0.2

    def paragraph_frequency(self, word: str) -> int:
        row = self.kb.conn.execute("SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?",
                                   ['"' + word.replace('"', '""') + '"']).fetchone()
        return row[0] if row else 0

    def alias_alternatives(self) -> dict[str, list[set[str]]]:
        """For each question word, the word sets that also count as it: an abbreviation's
        expansion, or (for the words of an expansion the question spells out) the abbreviation."""
        out: dict[str, list[set[str]]] = {}
        for word in self.q.words:  # an acronym the reports never define ("DSG")
            if word not in self.ctx.known and word in self.ctx.acronyms:
                for phrase in self.ctx.acronyms[word]:
                    out.setdefault(stem(word), []).append(content_stems(phrase))
        for phrase, others in self.ctx.expansions.items():
            phrase_stems = content_stems(phrase) or {stem(phrase)}  # "FOR" is an abbreviation here
            if " " not in phrase and stem(phrase) in self.q.stems:
                for other in others:
                    out.setdefault(stem(phrase), []).append(content_stems(other))
            elif len(phrase_stems) > 1 and phrase_stems <= self.q.stems:
                for other in others:
                    for s in phrase_stems:
                        out.setdefault(s, []).append(content_stems(other))
        return out

    def penalty_for_unknown_words(self) -> float:
        """Words of the question that the knowledge base has never seen, even allowing for typos,
        are evidence that it does not hold the answer ("the weather in Geneva"): a name the
        delegate capitalised counts most."""
        penalty = 0.0
        generic = {w for ws in KIND_WORDS.values() for w in ws} | ANSWER_NOUNS
        original = {t.lower(): t for t in re.findall(r"[\w&+\-]+", self.q.normalized)}
        for word in self.q.words:
            if word in self.ctx.known or stem(word) in self.ctx.known_stems or word in generic \
                    or re.search(r"\d", word) or len(word) < 3:
                continue
            if any(alt in self.ctx.known_stems for alt in SYNONYMS.get(stem(word), ())):
                continue
            raw = original.get(word, word)
            capitalised = raw[:1].isupper() and self.q.normalized.find(raw) > 0
            focus = word == self.focus_word  # "what's the budget of ...": the thing asked for
            penalty += 0.3 if capitalised or raw.isupper() or focus else 0.1
        return min(penalty, 0.6)

    def kind_fit(self, c: Candidate) -> float:
        q, r = self.q, c.record
        kinds = set(q.kinds)
        if q.intent == "when" and not kinds & {"deadlines"}:
            kinds |= {"events", "meetings"}
        if q.intent == "where":
            kinds |= {"events", "deadlines"}
        if q.intent == "who":
            kinds |= {"people", "partners", "paragraphs"}
        bonus = 0.0
        if c.kind in kinds:
            bonus += 0.12
        elif kinds and c.kind not in ("paragraphs", "recommendations"):
            bonus -= 0.12
        if q.intent == "why" and c.kind not in ("paragraphs", "recommendations"):
            bonus -= 0.3  # reasons are told in sentences, not in a record's fields
        if q.intent == "when":
            text = r.get("text") or "" if c.kind in ("paragraphs", "recommendations") else ""
            has_date = bool(r.get("due") or r.get("start") or (text and (dates.find_dates(text, 2000) or RELATIVE_TIME.search(text))))
            bonus += 0.05 if has_date else -1.0  # "when?" is answered by a date or not at all
            if c.kind == "deadlines" and "deadlines" not in q.kinds:
                bonus -= 0.15  # "when is the forum?" asks for the forum's dates, not a deadline near it
        if q.intent == "where":
            has_place = bool(r.get("place") or r.get("send_to") or (c.kind == "paragraphs" and re.search(r"@|\bin [A-Z]", r.get("text") or "")))
            bonus += 0.1 if has_place else -0.15
        if "theme" in q.words:
            bonus += 0.1 if r.get("theme") else -0.3  # a theme is asked: only a record with one answers
        if q.intent == "who" and c.kind == "paragraphs" and r.get("items"):
            bonus += 0.1  # a list of countries or people under a paragraph answers "who"
        if q.intent == "who" and c.kind in ("recommendations", "paragraphs", "deadlines", "documents") \
                and not r.get("items") and not _names_someone(r.get("text") or r.get("source") or ""):
            bonus -= 0.15  # "who ...?" is answered by a text that names someone
        if self.role_phrase and not any(
                _adjacent(_stem_sequence(t), *self.role_phrase) for t in self.fields_of(c).values()):
            bonus -= 0.3  # "who is the Executive Secretary?" is not answered by a Director
        if q.intent == "who" and c.kind == "people":
            bonus += 0.1 * self.role_fit(r)
            if self.missing_role_words(r):
                bonus -= 0.4
        if q.intent == "how_many":  # answered by a number (not a year) that the question does not hold
            said = r.get("text") if c.kind in ("paragraphs", "recommendations") else search_text(c.kind, r) if c.kind in KINDS else ""
            for span in reversed(dates.find_dates(said or "", 2000)):  # a date's day is no count
                said = said[: span.begin] + said[span.finish:]
            numbers = set(re.findall(r"\b\d[\d,.]*\b", said or "")) - q.numbers
            numbers = {n for n in numbers if not re.fullmatch(r"(?:19|20)\d\d", n)}
            words = re.findall(r"(?i)\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                               r"twenty|thirty|forty|fifty|hundred|dozen)\b", said or "")  # "two comments"
            bonus += 0.05 if numbers else -0.15 if words else -1.0
        if c.kind == "paragraphs":
            bonus -= 0.06  # a record says it more precisely than the paragraph around it
        return bonus

    def missing_role_words(self, person: dict) -> bool:
        """"Who is the Deputy Secretary-General?" is not answered by the Secretary-General."""
        asked = {w for w in self.q.words if w in ROLE_MODIFIERS or ROLE_WORDS.fullmatch(w.capitalize() or "")}
        have = {w.lower() for w in tokens(f"{person.get('role') or ''}")}
        return bool(asked - have - {"who"})

    def role_fit(self, person: dict) -> float:
        """How well a person's role and name fit the question ("who is the ITU Secretary-General?")."""
        asked = self.q.stems - {"who"}
        have = content_stems(f"{person.get('role') or ''} {person.get('name') or ''}")
        if not asked or not have:
            return 0.0
        return len(asked & have) / len(asked | have) * 2 - 0.5

    def siblings(self, r: dict) -> list[dict]:
        """The other items of one list ("The secretariat was requested: i. ...; ii. ...; iii. ..."):
        one outcome, said in parts, is answered whole."""
        number = r.get("paragraph") or ""
        parent, _, last = number.rpartition(" ")
        if not parent or not re.fullmatch(r"[ivx]+\.|\d+\.?|\d+\)", last):
            return []
        rows = self.rows("recommendations", "report_id IS ? AND paragraph LIKE ?", [r.get("report_id"), parent + " %"])
        stem_text = r["text"][:30]
        return [x for x in rows if x["text"][:30] == stem_text and x["paragraph"].count(" ") == number.count(" ")]

    # -- rendering ---------------------------------------------------------------------------

    def render(self, best: Candidate, candidates: list[Candidate]) -> Answer:
        if best.kind in ("recommendations", "paragraphs") and "deadlines" in self.q.kinds:
            # The paragraph that matched holds a deadline record: answer with that record, the
            # structured reading of the same sentence (what, when, where to send it).
            same = self.kb.records("deadlines", "report_id IS ? AND paragraph = ?",
                                   [best.record.get("report_id"), best.record.get("paragraph")])
            if len(same) == 1:
                best = Candidate("deadlines", same[0], best.score, best.coverage)
        kind, r = best.kind, best.record
        confidence = best.score
        related = None
        if kind in ("recommendations", "paragraphs"):
            # A contribution a delegation proposed is often what "what did X propose?" wants too.
            related = next((c for c in candidates if c.kind == "documents" and c.score >= best.score - 0.06
                            and c.record.get("summary")), None)
        if kind == "recommendations":
            chosen = {c.record["id"]: c.record for c in candidates
                      if c.kind == "recommendations" and c.score >= best.score - 0.04}
            for sibling in self.siblings(r):
                chosen.setdefault(sibling["id"], sibling)
            records = sorted(chosen.values(), key=lambda x: x["id"])[:8]
            text = recommendations_text(records)
            topic = r.get("topic")
            if topic and len(topic) < 120 and topic.lower()[:40] not in text.lower():
                text = f"On {topic}: {text}"
            if related and len(text) < 500:
                text += " Related: " + document_line(related.record)
            return self.reply(text, [("recommendations", x) for x in records], confidence)
        if kind == "paragraphs":
            text = best_sentences(r["text"], self.q)
            if related:
                text += " Related: " + document_line(related.record)
            return Answer(True, text, round(min(1.0, confidence), 3), [self.source(r)], [])
        ties = [c for c in candidates if c.kind == kind and c is not best and c.score >= best.score - 0.02
                and c.record.get("id") != r.get("id")]
        if ties and kind in ("deadlines", "events", "documents", "people"):
            # several records fit the question equally well: show them all rather than pick one
            line = {"deadlines": lambda x: deadline_line(x, self.today, short=True), "events": event_line,
                    "documents": document_line, "people": person_line}[kind]
            chosen = [best] + ties[:3]
            text = "Several match:\n" + "\n".join(f"• {line(c.record)}" for c in chosen)
            return self.reply(text, [(kind, c.record) for c in chosen], confidence * 0.8)
        if kind == "deadlines":
            text = deadline_line(r, self.today)
            if self.q.intent == "where" and not r.get("send_to"):
                text += " The report does not say where to send it."
            return self.reply(text, [(kind, r)], confidence)
        if kind == "events":
            if "theme" in self.q.words and not r.get("theme"):
                return self.unknown(f"The reports give no theme for {r['name']}.", candidates, confidence)
            return self.reply(event_line(r, self.q), [(kind, r)], confidence)
        if kind == "partners":
            return self.reply(f"{partner_name(r)} is a {r['tier']} partner" + (f" of {r['event']}." if r.get("event") else "."), [(kind, r)], confidence)
        if kind == "people":
            return self.reply(person_line(r), [(kind, r)], confidence)
        if kind == "documents":
            return self.reply(document_line(r), [(kind, r)], confidence, r.get("symbol"))
        if kind == "meetings":
            line = self.meeting_fact(r) or f"The {ordinal(r['number'])} meeting was held on {dates.human_range(r['start'], r['end'])}."
            return self.reply(line, [(kind, r)], confidence)
        return self.unknown("I don't know that from the reports I have.", candidates)


# -- matching helpers --------------------------------------------------------------------------------


# "no later than thirty days before the next session": a time that answers "when?" without a date.
RELATIVE_TIME = re.compile(r"\b(?:\w+|\d+)[- ](?:days?|weeks?|months?)\s+(?:before|after|prior to|ahead of|following)\b", re.I)

# Words that ask for a field by its name: matched by any record that has that field filled.
ATTRIBUTE_WORDS = {
    "subject": ("subject",), "email": ("send_to",), "e-mail": ("send_to",), "address": ("send_to",),
    "theme": ("theme",), "venue": ("place",), "place": ("place",), "location": ("place",), "city": ("place",),
    "tier": ("tier",), "level": ("tier",), "submitt": ("submitter",), "abbreviation": ("abbreviation",),
    "role": ("role",), "title": ("title", "role"), "country": ("country",),
}
ATTRIBUTE_WORDS = {stem(word): fields for word, fields in ATTRIBUTE_WORDS.items()}


def r_has(c, fields: tuple[str, ...]) -> bool:
    return any(c.record.get(f) for f in fields)


def _names_someone(text: str) -> bool:
    """A person ("Ms X"), a country in brackets, or a "from/by Name" in the text."""
    return bool(PERSON.search(text) or re.search(r"\b[A-Z][a-z]+ \([A-Z][a-z]+(?: [A-Z][a-z]+)*\)", text)
                or re.search(r"\b[A-Z][a-z]+(?:, [A-Z][a-z]+)+,? and [A-Z][a-z]+", text)  # "Georgia, Romania and Uzbekistan"
                or re.search(r"\b(?:from|by)\s+(?:the\s+)?[A-Z][a-z]{2,}", text))


def _role_phrase(words: list[str]) -> tuple[str, str] | None:
    """("execut", "secretar") for "the Executive Secretary": a role named with a qualifier, whose
    two words must stand together in an answer."""
    for a, b in zip(words, words[1:]):
        if b in ROLE_HEADS and a not in ROLE_HEADS and re.fullmatch(r"[a-z-]+", a) \
                and not a.endswith(("ed", "ing")):  # "elected Chair": a verb, not a kind of chair
            return stem(a), stem(b)
    return None


ROLE_HEADS = {"secretary", "secretary-general", "director", "director-general", "chair", "chairman", "chairperson",
              "president", "head", "coordinator", "rapporteur", "minister", "officer", "commissioner", "registrar"}


@lru_cache(maxsize=50_000)
def _stem_sequence(text: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokens(text or "") if t not in STOPWORDS)


def _adjacent(sequence: list[str], a: str, b: str) -> bool:
    return any(x == a and y == b for x, y in zip(sequence, sequence[1:]))


@lru_cache(maxsize=50_000)  # the same records' fields are scored for question after question
def _stems_of(text: str) -> frozenset[str]:
    # "the eighth session" in a report meets "8th session" in a question
    if _ORDINAL_HINT.search(text or ""):
        text = words_to_ordinals(text)
    return frozenset(stem(t) for t in tokens(text or "") if t not in STOPWORDS)


_ORDINAL_HINT = re.compile(r"(?i)(?:first|second|third|th|fifth|ninth|twelfth)\b")


@lru_cache(maxsize=200_000)
def _match(s: str, stems_: frozenset[str]) -> float:
    if s in stems_:
        return 1.0
    if len(s) < 4 or s.isdigit():
        return 0.0
    for t in stems_:
        if len(t) >= 4 and (t.startswith(s) or s.startswith(t)) and min(len(s), len(t)) >= 0.7 * max(len(s), len(t)):
            return 0.9
    best = process.extractOne(s, stems_, scorer=fuzz.ratio, score_cutoff=86) if len(s) >= 5 else None
    return 0.8 if best else 0.0


# -- rendering helpers ------------------------------------------------------------------------


def _paren(text: str | None) -> str:
    return f" ({text})" if text else ""


def _period_phrase(label: str) -> str:
    if label in ("coming up", "in the reports"):
        return label
    if label.startswith(("next", "this", "the next", "on ")):
        return label
    return f"in {label}"


def deadline_line(r: dict, today: date | None, short: bool = False) -> str:
    due = dates.from_iso(r["due"])
    text = f"{r['title']}: {dates.human(due)}" if short else f"{r['title']} — due {dates.human(due)}"
    if today:
        text += f" ({dates.days_between_phrase(due, today)})"
    if r.get("original_due"):
        text += f", extended from {dates.human(r['original_due'])}"
    if r.get("audience") and not short:
        text += f"; to be done by {r['audience']}"
    if r.get("send_to"):
        text += f"; send to {r['send_to']}"
        if r.get("subject"):
            text += f" with the subject “{r['subject']}”"
    if not short and r.get("event") and r["event"].lower() not in r["title"].lower():
        text += f" ({r['event']})"
    return text + ("" if short else ".")


def event_line(r: dict, q: Question | None = None) -> str:
    parts = []
    when = dates.human_range(r.get("start"), r.get("end")) if r.get("start") else None
    if q and "theme" in q.words and r.get("theme"):
        return f"The theme of {r['name']} is “{r['theme']}”."
    if q and q.intent == "where" and r.get("place"):
        return f"{r['name']} takes place in {r['place']}" + (f", {when}." if when else ".")
    parts.append(r["name"])
    if when:
        parts.append(f": {when}")
    if r.get("place"):
        parts.append(f", {r['place']}")
    text = "".join(parts) + "."
    if r.get("theme"):
        text += f" Theme: “{r['theme']}”."
    return text


def partner_name(p: dict) -> str:
    return p["name"] + (f" ({p['abbreviation']})" if p.get("abbreviation") else "")


def person_line(p: dict) -> str:
    text = p["name"] + _paren(p.get("country"))
    role = p.get("role")
    if role and re.match(r"(?i)represented\b", role):
        return f"{text} {role[0].lower()}{role[1:]}."  # "X represented Vice-Chair Y."
    if role:
        text += f" — {role}"
    return text + "."


def document_line(d: dict) -> str:
    text = f"{d['symbol']}: {d['title']}" if d.get("symbol") and d["title"] != d["symbol"] else d["title"]
    extra = []
    if d.get("submitter"):
        extra.append(f"submitted by {d['submitter']}")
    if d.get("meeting"):
        extra.append(f"{ordinal(d['meeting'])} meeting")
    text += (f" ({'; '.join(extra)})" if extra else "") + "."
    if d.get("summary"):
        text += " " + d["summary"][:500]
    elif d["title"] == d.get("symbol") and d.get("source"):
        text += f" The report mentions it: “{d['source'][:400]}”"  # no title given: show where it stands
    return text


def recommendations_text(records: list[dict]) -> str:
    texts = [r["text"].rstrip(" ;.") for r in records]
    if len(texts) > 1:
        prefix = _common_prefix(texts)
        if len(prefix) > 30:
            return prefix.rstrip() + " " + "; ".join(t[len(prefix):].strip() for t in texts) + "."
    return " ".join(t + "." for t in texts)


def _common_prefix(texts: list[str]) -> str:
    first, prefix_len = texts[0], len(texts[0])
    for t in texts[1:]:
        i = 0
        while i < min(prefix_len, len(t)) and first[i] == t[i]:
            i += 1
        prefix_len = i
    prefix = first[:prefix_len]
    return prefix[: prefix.rfind(" ") + 1] if " " in prefix else ""


def best_sentences(text: str, q: Question) -> str:
    from ..paragraphs import sentences

    parts = sentences(text, semicolons=False)
    if len(text) <= 400 or len(parts) <= 1:
        return text
    scored = sorted(parts, key=lambda s: -len(_stems_of(s) & q.stems))
    keep = set(scored[:2])
    return " ".join(s for s in parts if s in keep)


def suggestion_for(kind: str, r: dict) -> str | None:
    if kind == "deadlines":
        return f"When is the deadline for {r['title'][0].lower() + r['title'][1:]}?"
    if kind == "events":
        return f"When is {r['name']}?"
    if kind == "partners":
        return f"Who are the {r['tier']} partners?" if r.get("tier") else None
    if kind == "meetings":
        return f"When was the {ordinal(r['number'])} meeting?"
    if kind == "documents":
        return f"What is document {r['symbol']}?" if r.get("symbol") else None
    if kind == "people":
        return f"Who is {r['name']}?"
    if kind == "recommendations" and r.get("topic"):
        return f"What did the group say about {r['topic'][:80]}?"
    return None
