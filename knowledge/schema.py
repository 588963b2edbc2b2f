"""What each kind of record holds, and the migrations that build the SQLite schema.

The kinds and their fields live here, once, so that the store, the importer, export/load and the
command line all agree on them. Migrations are numbered and only ever appended: a file made by an
older release opens in a newer one by running the migrations it has not seen, in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field as dataclass_field
from typing import Any


@dataclass(frozen=True)
class Field:
    """One field of a kind of record. A ``json`` field has a ``shape`` (a JSON Schema, checked on
    every way in: the command line, ``load``, Slack forms, imports) and an ``example`` of it, which
    refusals and ``--help`` show."""

    name: str
    type: str = "text"  # text | date | int | json
    required: bool = False
    max_length: int = 2000
    shape: Any = dataclass_field(default=None, compare=False, hash=False)
    example: str | None = None
    unless: str | None = None  # required unless this other field is given ("due" unless "due_words")


# A meeting's vice-chairs: who, from which country, and who stood in for them (all but the name optional).
VICE_CHAIRS_SHAPE = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 200},
            "country": {"type": ["string", "null"], "maxLength": 200},
            "represented_by": {"type": ["string", "null"], "maxLength": 200},
        },
        "required": ["name"],
        "additionalProperties": False,
    },
}
VICE_CHAIRS_EXAMPLE = '[{"name": "Ms A. Rossi", "country": "Italy", "represented_by": null}]'


def what_it_takes(f: Field) -> str:
    """What a field takes, in words with an example, for ``add``/``edit`` --help and refusals."""
    if f.type == "date":
        takes = "a date, e.g. 16 March 2020 or 2020-03-16"
    elif f.type == "int":
        takes = "a whole number, e.g. 35"
    elif f.type == "json":
        takes = f"a JSON list, e.g. '{f.example}'" if f.example else "a JSON list"
    else:
        takes = f"text, at most {f.max_length} characters"
    if f.unless:
        return takes + f" (required, unless --{f.unless.replace('_', '-')} gives it in words)"
    return takes + (" (required)" if f.required else "")


# Besides its own fields, every record carries group_id, report_id, paragraph, source (the sentence it
# was read from, so that an answer can always cite it) and key (its natural key, for re-imports).

KINDS: dict[str, tuple[Field, ...]] = {
    "meetings": (
        Field("number", "int", unless="start"),  # minutes of some bodies name a meeting by its day
        Field("start", "date"),
        Field("end", "date"),
        Field("place"),
        Field("chair"),
        Field("chair_country"),
        Field("vice_chairs", "json", shape=VICE_CHAIRS_SHAPE, example=VICE_CHAIRS_EXAMPLE),
        Field("documents_considered", "int"),
        Field("delegates"),
        Field("summary_symbol"),
    ),
    "documents": (
        Field("symbol", max_length=200),
        Field("title", required=True, max_length=500),
        Field("meeting", "int"),
        Field("submitter"),
        Field("summary", max_length=1000),  # what the document proposes, as the report says it
    ),
    "deadlines": (
        Field("title", required=True, max_length=200),
        Field("due", "date", unless="due_words"),
        # "within one month of the session": the words of a report that gives no date (none is invented)
        Field("due_words", max_length=200),
        Field("original_due", "date"),
        Field("audience"),
        Field("send_to"),
        Field("subject"),
        Field("event"),
    ),
    "events": (
        Field("name", required=True, max_length=200),
        Field("start", "date"),
        Field("end", "date"),
        Field("place"),
        Field("theme"),
    ),
    "partners": (
        Field("name", required=True, max_length=200),
        Field("abbreviation"),
        Field("tier"),
        Field("event"),
    ),
    "recommendations": (
        Field("topic", max_length=300),
        Field("text", required=True, max_length=4000),
        Field("actor"),
        Field("verb"),
    ),
    "people": (
        Field("name", required=True, max_length=200),
        Field("role"),
        Field("country"),
        Field("organisation", max_length=300),
    ),
}

# The singular a person types ("add deadline") for each kind.
SINGULAR = {
    "meetings": "meeting",
    "documents": "document",
    "deadlines": "deadline",
    "events": "event",
    "partners": "partner",
    "recommendations": "recommendation",
    "people": "person",
}
PLURAL = {v: k for k, v in SINGULAR.items()} | {k: k for k in KINDS}

# The field that names a record in lists and in the changes log.
LABEL_FIELD = {
    "meetings": "number",
    "documents": "symbol",
    "deadlines": "title",
    "events": "name",
    "partners": "name",
    "recommendations": "text",
    "people": "name",
}


def with_article(word: str) -> str:
    """'deadline' -> 'a deadline', 'event' -> 'an event': the article a kind's name takes."""
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def kind_name(word: str) -> str:
    """'deadline' or 'deadlines' -> 'deadlines'; anything else is a clear error."""
    kind = PLURAL.get((word or "").strip().lower())
    if kind is None:
        raise ValueError(f"unknown kind '{word}'; use one of: {', '.join(SINGULAR[k] for k in KINDS)}")
    return kind


def _v1(db) -> None:
    """The first schema: the reports, the records of every kind with their search index, the log
    of changes, and the announcer's and the feedback's bookkeeping."""
    _v1_reports(db)
    _v1_records(db)
    _v1_changes(db)
    _v1_announcements(db)
    _v1_feedback(db)


def _v1_reports(db) -> None:
    """Groups, their reports, and each report's paragraphs with a full-text index."""
    db["groups"].create({"id": int, "key": str, "name": str, "abbreviation": str}, pk="id")
    db["groups"].create_index(["key"], unique=True)
    db["reports"].create(
        {
            "id": int,
            "group_id": int,
            "key": str,
            "title": str,
            "filename": str,
            "sha256": str,
            "imported_at": str,
            "chars": int,
        },
        pk="id",
        foreign_keys=[("group_id", "groups", "id")],
    )
    db["reports"].create_index(["group_id", "key"], unique=True)
    db["paragraphs"].create(
        {
            "id": int,
            "group_id": int,
            "report_id": int,
            "number": str,
            "heading": str,
            "text": str,
            "items": int,
            "position": int,
        },
        pk="id",
    )
    db["paragraphs"].create_index(["report_id", "position"])
    db["paragraphs"].enable_fts(["number", "heading", "text"], create_triggers=True, tokenize="porter")


def _v1_records(db) -> None:
    """A table per kind of record (its fields from KINDS), their aliases, and the search index
    and vocabulary every kind shares."""
    for kind, fields in KINDS.items():
        columns = {
            "id": int,
            "group_id": int,
            "report_id": int,
            "paragraph": str,
            "source": str,
            "key": str,
            "updated_at": str,
        }
        for f in fields:
            columns[f.name] = int if f.type == "int" else str
        db[kind].create(columns, pk="id")
        db[kind].create_index(["group_id", "key"])
        db[kind].create_index(["report_id"])
    db["deadlines"].create_index(["due"])
    db["aliases"].create(
        {"id": int, "group_id": int, "alias": str, "expansion": str, "kind": str, "record_id": int, "origin": str},
        pk="id",
    )
    db["aliases"].create_index(["group_id", "alias", "expansion", "kind", "record_id"], unique=True)
    # One row per record in a single FTS5 index: the answerer's pre-filter over every kind.
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5(text, kind UNINDEXED, record_id UNINDEXED, "
        "group_id UNINDEXED, tokenize='porter unicode61')"
    )
    # Every word the knowledge base holds, for correcting typos in questions against it.
    db["vocabulary"].create({"word": str}, pk="word")


def _v1_changes(db) -> None:
    """The log of every change (what undo takes back) and who may change the knowledge base."""
    db["changes"].create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "kind": str,
            "record_id": int,
            "before": str,
            "after": str,
            "undone_by": int,
        },
        pk="id",
    )
    db["changes"].create_index(["actor", "id"])
    db["admins"].create({"user_id": str, "added_by": str, "added_at": str}, pk="user_id")


def _v1_announcements(db) -> None:
    """Subscriptions to deadline announcements, and the claim on each announcement made."""
    db["subscriptions"].create(
        {
            "id": int,
            "channel": str,
            "kind": str,
            "leads": str,
            "group_id": int,
            "paused": int,
            "paused_reason": str,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
    )
    db["subscriptions"].create_index(["channel"], unique=True)
    db["announcements"].create(
        {
            "id": int,
            "subscription_id": int,
            "deadline_id": int,
            "due": str,
            "lead": str,
            "claimed_at": str,
            "posted_at": str,
            "status": str,
            "error": str,
            "attempts": int,
        },
        pk="id",
    )
    db["announcements"].create_index(["subscription_id", "deadline_id", "due", "lead"], unique=True)


def _v1_feedback(db) -> None:
    """Delegates' thumbs on answers, for the secretariat's review."""
    db["feedback"].create(
        {
            "id": int,
            "at": str,
            "user_id": str,
            "channel": str,
            "question": str,
            "answer": str,
            "verdict": str,
            "status": str,
            "kind": str,
            "record_id": int,
        },
        pk="id",
    )
    db["feedback"].create_index(["status"])


def _v2(db) -> None:
    """Announcer bookkeeping: the day each subscription's leads were planned through (so a run looks
    only at lead days since, and catches up after downtime), the date a "moved" notice moved from,
    the Slack message a claim became, and indexes for finding a deadline's and a status's claims."""
    db["subscriptions"].add_column("planned_through", str)
    db["announcements"].add_column("previous_due", str)
    db["announcements"].add_column("slack_ts", str)
    db["announcements"].create_index(["deadline_id"])
    db["announcements"].create_index(["status"])


def _v3(db) -> None:
    """Writes that stay fast at 100,000 records: each record's row in the search index gets a rowid
    computed from its kind and id (so it is replaced by rowid, not found by a scan of the index),
    and a record's aliases are found by an index. Rebuilds the search index in that form."""
    db["aliases"].create_index(["kind", "record_id"])
    db.execute("DELETE FROM search")  # the store re-indexes every record after migrating (meta 'reindex')
    db.execute("INSERT INTO meta (key, value) VALUES ('reindex', '1') ON CONFLICT(key) DO UPDATE SET value = '1'")


def search_rowid(kind: str, record_id: int) -> int:
    """The search index's rowid for a record: one per (kind, id), computable without a lookup."""
    return int(record_id) * 16 + list(KINDS).index(kind)


def _v4(db) -> None:
    """The evidence layer: every sentence, list item and table row of every report, with what it
    holds (knowledge.evidence), and an FTS5 index over their stems and their headings' stems.
    Reports imported before it get their evidence when they are next imported."""
    db["evidence"].create(
        {
            "id": int,
            "group_id": int,
            "report_id": int,
            "paragraph": str,
            "position": int,
            "kind": str,
            "context": str,
            "text": str,
            "holds": str,
        },
        pk="id",
    )
    db["evidence"].create_index(["report_id", "position"])
    # Stems, not words: the question's words are stemmed by the same stemmer (knowledge.lexicon).
    db.execute("CREATE VIRTUAL TABLE evidence_index USING fts5(terms, context_terms, tokenize='unicode61')")


def _v5_ids_never_reused(db) -> None:
    """Record ids are never given out twice, so that `history deadline 8` and an undo always mean
    one record: each kind's table is rebuilt with ``INTEGER PRIMARY KEY AUTOINCREMENT`` (SQLite then
    never reuses a rowid), its columns, rows and indexes kept as they are, and its counter starts
    past every id the changes log has seen, deleted records' included. Self-contained: it reads the
    columns from the file, not from KINDS, so later migrations that add columns do not change it."""
    for kind in ("meetings", "documents", "deadlines", "events", "partners", "recommendations", "people"):
        columns = db.execute(f"PRAGMA table_info([{kind}])").fetchall()  # cid, name, type, notnull, default, pk
        indexes = [
            r[0]
            for r in db.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [kind]
            )
        ]
        definitions = ", ".join(
            "[id] INTEGER PRIMARY KEY AUTOINCREMENT" if name == "id" else f"[{name}] {ctype}".rstrip()
            for _, name, ctype, _, _, _ in columns
        )
        names = ", ".join(f"[{c[1]}]" for c in columns)
        db.execute(f"CREATE TABLE [{kind}_v5] ({definitions})")
        db.execute(f"INSERT INTO [{kind}_v5] ({names}) SELECT {names} FROM [{kind}]")
        db.execute(f"DROP TABLE [{kind}]")
        db.execute(f"ALTER TABLE [{kind}_v5] RENAME TO [{kind}]")
        for sql in indexes:
            db.execute(sql)
        highest = db.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM [{kind}]), 0), "
            f"coalesce((SELECT max(record_id) FROM changes WHERE kind = ?), 0))",
            [kind],
        ).fetchone()[0]
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [kind])
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [kind, highest])


def _v6_slack_memory(db) -> None:
    """What the Slack bot remembers between requests (handlers.memory): the requests already taken
    (an event's id, an interaction's trigger_id), so that a retry or a replay is handled once; the
    last question of each thread, the context of a follow-up; and the answers given, which the
    buttons under them act on. Self-contained and idempotent (IF NOT EXISTS): it adopts the tables
    earlier releases created outside the migrations, and its place among the others does not matter."""
    # One statement at a time: executescript would COMMIT the migrating transaction.
    for statement in (
        "CREATE TABLE IF NOT EXISTS slack_events_seen (event_id TEXT PRIMARY KEY, seen_at REAL NOT NULL)",
        "CREATE INDEX IF NOT EXISTS slack_events_seen_at ON slack_events_seen (seen_at)",
        "CREATE TABLE IF NOT EXISTS slack_threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, "
        "question TEXT NOT NULL, at REAL NOT NULL, PRIMARY KEY (channel, thread_ts))",
        "CREATE TABLE IF NOT EXISTS slack_answers (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT, "
        "channel TEXT, question TEXT NOT NULL, answer TEXT NOT NULL)",
    ):
        db.execute(statement)


def _v7_deadline_words(db) -> None:
    """A deadline the report gives no date for ("within one month of the session", "by the June
    meeting") is kept with its words in ``due_words`` and no due date, rather than left out or given
    an invented one. A new file already has the column (it is in KINDS)."""
    if "due_words" not in {c[1] for c in db.execute("PRAGMA table_info(deadlines)").fetchall()}:
        db.execute("ALTER TABLE deadlines ADD COLUMN due_words TEXT")


def _v8_person_organisation(db) -> None:
    """A person's organisation ("Brendan Abel - Walt-Disney Imagineering" in a participant list,
    an "Affiliation" column), so that "which org is X with?" is answered from the record. Reports
    imported before it get it when they are next imported. A new file already has the column."""
    if "organisation" not in {c[1] for c in db.execute("PRAGMA table_info(people)").fetchall()}:
        db.execute("ALTER TABLE people ADD COLUMN organisation TEXT")


def _v9_evidence_holdings(db) -> None:
    """What each unit of evidence holds is read again from its text: durations ("a 10 minute
    timebox", "within 60 days") are now a holding, which "how long ...?" asks for. The text and its
    index are unchanged."""
    from .evidence.holds import holds

    rows = db.execute("SELECT id, text FROM evidence").fetchall()
    db.conn.executemany(
        "UPDATE evidence SET holds = ? WHERE id = ?",
        [(json.dumps(holds(text), ensure_ascii=False), i) for i, text in rows],
    )


def _v10_people_by_short_name(db) -> None:
    """What each unit of evidence holds is read again, a report at a time: a person a report names
    in full is now also found where a unit calls them by first name, surname or speaker's initials
    ("--> Cyril" under a list with "Cyril Pernet"). The text and its index are unchanged."""
    from .evidence.holds import report_holds

    rows = db.execute("SELECT id, report_id, text FROM evidence ORDER BY report_id, position").fetchall()
    by_report: dict[int, list[tuple[int, str]]] = {}
    for i, report, text in rows:
        by_report.setdefault(report, []).append((i, text))
    updates = []
    for units in by_report.values():
        held = report_holds([text for _, text in units])
        updates += [(json.dumps(h, ensure_ascii=False), i) for (i, _), h in zip(units, held, strict=True)]
    db.conn.executemany("UPDATE evidence SET holds = ? WHERE id = ?", updates)


# Append only. A migration receives a sqlite_utils.Database inside the migrating transaction.
MIGRATIONS = [
    _v1,
    _v2,
    _v3,
    _v4,
    _v5_ids_never_reused,
    _v6_slack_memory,
    _v7_deadline_words,
    _v8_person_organisation,
    _v9_evidence_holdings,
    _v10_people_by_short_name,
]
SCHEMA_VERSION = len(MIGRATIONS)
