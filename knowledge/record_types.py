"""The records of each kind as the knowledge base returns them: one TypedDict per kind.

A row of a kind's table is a plain dict at run time (sqlite-utils and ``KnowledgeBase.get`` make
them); these types say which keys it has and what they hold, so that mypy can check the code that
reads them. They mirror ``knowledge.schema.KINDS`` field for field (``tests/test_store.py`` keeps
them so): a ``text`` field is ``str | None``, a ``date`` an ISO ``YYYY-MM-DD`` string or None, an
``int`` an int or None, a ``json`` field its JSON text; a required field is never None.

Code that handles every kind alike (export, history, the edit forms) keeps using ``dict``.
"""

from __future__ import annotations

from typing import TypedDict


class RecordColumns(TypedDict):
    """What every record carries besides its own fields (see ``knowledge.schema``)."""

    id: int
    group_id: int | None
    report_id: int | None  # None for a record added by hand
    paragraph: str | None  # the paragraph number it was read from
    source: str | None  # the sentence it was read from, which an answer cites
    key: str | None  # its natural key, which a re-import matches it by
    updated_at: str | None  # ISO time of the last write


class Meeting(RecordColumns):
    number: int | None  # None for minutes of a body that names its meetings by date
    start: str | None
    end: str | None
    place: str | None
    chair: str | None
    chair_country: str | None
    vice_chairs: str | None  # JSON: [{"name", "country", "represented_by"}, ...]
    documents_considered: int | None
    delegates: str | None
    summary_symbol: str | None


class Document(RecordColumns):
    symbol: str | None
    title: str
    meeting: int | None
    submitter: str | None
    summary: str | None


class Deadline(RecordColumns):
    title: str
    due: str | None  # None when the report gives only words (due_words)
    due_words: str | None  # "within one month of the session"
    original_due: str | None  # the date before it was extended
    audience: str | None
    send_to: str | None
    subject: str | None
    event: str | None


class Event(RecordColumns):
    name: str
    start: str | None
    end: str | None
    place: str | None
    theme: str | None


class Partner(RecordColumns):
    name: str
    abbreviation: str | None
    tier: str | None
    event: str | None


class Recommendation(RecordColumns):
    topic: str | None
    text: str
    actor: str | None
    verb: str | None


class Person(RecordColumns):
    name: str
    role: str | None
    country: str | None
    organisation: str | None  # whom they work for or speak for ("Walt-Disney Imagineering")


# Each kind's table and the type of its rows.
RECORD_TYPES: dict[str, type] = {
    "meetings": Meeting,
    "documents": Document,
    "deadlines": Deadline,
    "events": Event,
    "partners": Partner,
    "recommendations": Recommendation,
    "people": Person,
}
