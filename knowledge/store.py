"""The knowledge base: one SQLite file, opened through sqlite-utils.

Every write goes through ``KnowledgeBase`` so that it is validated, kept in the search index and
recorded in the changes log (who, when, before and after), which is what makes history and undo
possible. Writes are short ``BEGIN IMMEDIATE`` transactions: with WAL and a busy timeout, readers
never block and a second writer waits instead of failing with "database is locked".
"""

from __future__ import annotations

import itertools
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal, overload

import sqlite_utils

from . import changes, dates, validation
from .changes import describe_change
from .record_types import Deadline, Document, Event, Meeting, Partner, Person, Recommendation
from .schema import (
    KINDS,
    LABEL_FIELD,
    MIGRATIONS,
    SCHEMA_VERSION,
    SINGULAR,
    search_rowid,
)
from .validation import ValidationError, check_shape  # noqa: F401  (raised and used here; imported from here)

BUSY_TIMEOUT_MS = 15_000
# The actor of a write that names none. Callers that know who is acting pass them (the command line
# passes cli:OS-USER or --as, Slack slack:USER_ID); nothing here reads the environment.
SYSTEM_ACTOR = "system"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def search_text(kind: str, record: dict) -> str:
    """The words a record is found by: its own fields, in one line."""
    parts = []
    for f in KINDS[kind]:
        value = record.get(f.name)
        if value in (None, ""):
            continue
        if f.type == "json":
            value = " ".join(
                " ".join(str(v) for v in item.values() if v) if isinstance(item, dict) else str(item)
                for item in (json.loads(value) if isinstance(value, str) else value)
            )
        elif f.type == "date":
            value = dates.human(value)
        parts.append(str(value))
    return " ".join(parts)


_MEMORY_KEYS = itertools.count(1)


class KnowledgeBase:
    def __init__(self, path: str | os.PathLike, *, migrate: bool = True):
        self.path = str(path)
        # what caches of a knowledge base's content are keyed by: its file, shared by every
        # connection to it; an in-memory one is its own (an id() could be reused once it is closed)
        self.cache_key = self.path if self.path != ":memory:" else f":memory:{next(_MEMORY_KEYS)}"
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        self.db = sqlite_utils.Database(conn)
        self.conn = conn
        self._lock = threading.RLock()
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        if migrate:
            self.migrate()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions and schema ------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so that a read that leads to a
        write never races another writer. Nested calls join the outer transaction."""
        with self._lock:
            if self.conn.in_transaction:
                yield
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    def schema_version(self) -> int:
        if not self.db["meta"].exists():
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        if self.schema_version() == SCHEMA_VERSION:
            return
        with self.transaction():
            current = self.schema_version()  # again, now that we hold the write lock
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path} was written by a newer Rapporteur (schema {current}); upgrade to open it"
                )
            if not self.db["meta"].exists():
                self.db.table("meta").create({"key": str, "value": str}, pk="key")
            for version in range(current, SCHEMA_VERSION):
                MIGRATIONS[version](self.db)
            self.db.table("meta").upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
            if self.conn.execute("SELECT 1 FROM meta WHERE key = 'reindex' AND value = '1'").fetchone():
                for kind in KINDS:
                    for record in self.records(kind):
                        self._index(kind, record)
                self.conn.execute("DELETE FROM meta WHERE key = 'reindex'")

    # -- groups and reports ---------------------------------------------------------------------

    def ensure_group(self, name: str, abbreviation: str | None = None) -> int:
        key = (abbreviation or name).strip().lower()
        row = self.conn.execute("SELECT id FROM groups WHERE key = ?", [key]).fetchone()
        if row:
            return row[0]
        with self.transaction():
            return self._insert("groups", {"key": key, "name": name, "abbreviation": abbreviation})

    def groups(self) -> list[dict]:
        return list(self.db["groups"].rows_where(order_by="id"))

    def group_named(self, name: str) -> dict:
        """The group an abbreviation, a name or an id names ('CWG-WSIS&SDG', 'cwg-wsis&sdg');
        anything else is refused with the groups there are."""
        wanted = " ".join(str(name or "").split()).lower()
        for g in self.groups():
            if wanted in {(g["abbreviation"] or "").lower(), (g["name"] or "").lower(), g["key"], str(g["id"])}:
                return g
        known = ", ".join(g["abbreviation"] or g["name"] for g in self.groups()) or "none yet (import a report)"
        raise ValidationError(f"there is no group '{name}'; groups are: {known}")

    def default_group_id(self) -> int:
        groups = self.groups()
        if groups:
            return groups[0]["id"]
        return self.ensure_group("Working group", None)

    # -- reading --------------------------------------------------------------------------------

    def get(self, kind: str, record_id: int) -> dict | None:
        self._check_kind(kind)
        cursor = self.conn.execute(f"SELECT * FROM [{kind}] WHERE id = ?", [record_id])
        row = cursor.fetchone()
        return dict(zip((c[0] for c in cursor.description), row, strict=True)) if row else None

    def _insert(self, table: str, row: dict) -> int:
        """One row, straight through sqlite3: the hot path of imports and bulk loads, where
        sqlite-utils' per-call table introspection would cost more than the insert itself."""
        columns = ", ".join(f"[{c}]" for c in row)
        marks = ", ".join("?" * len(row))
        row_id = self.conn.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values())).lastrowid
        assert row_id is not None  # set by every INSERT
        return row_id

    # A kind named as a literal gets its rows typed (knowledge.record_types); any other str gets
    # them as Any (plain dicts at run time), which the typed rows are not at odds with.
    @overload
    def records(
        self, kind: Literal["meetings"], where: str | None = None, params: Iterable = (), order_by: str = "id"
    ) -> list[Meeting]: ...
    @overload
    def records(
        self, kind: Literal["documents"], where: str | None = None, params: Iterable = (), order_by: str = "id"
    ) -> list[Document]: ...
    @overload
    def records(
        self, kind: Literal["deadlines"], where: str | None = None, params: Iterable = (), order_by: str = "id"
    ) -> list[Deadline]: ...
    @overload
    def records(
        self, kind: Literal["events"], where: str | None = None, params: Iterable = (), order_by: str = "id"
    ) -> list[Event]: ...
    @overload
    def records(
        self, kind: Literal["partners"], where: str | None = None, params: Iterable = (), order_by: str = "id"
    ) -> list[Partner]: ...
    @overload
    def records(
        self, kind: Literal["recommendations"], where: str | None = None, params: Iterable = (), order_by: str = "id"
    ) -> list[Recommendation]: ...
    @overload
    def records(
        self, kind: Literal["people"], where: str | None = None, params: Iterable = (), order_by: str = "id"
    ) -> list[Person]: ...
    @overload
    def records(
        self, kind: str, where: str | None = None, params: Iterable = (), order_by: str = "id"
    ) -> list[Any]: ...

    def records(self, kind: str, where: str | None = None, params: Iterable = (), order_by: str = "id") -> list[Any]:
        self._check_kind(kind)
        return list(self.db[kind].rows_where(where, list(params), order_by=order_by))

    def deadlines(
        self,
        start: date | str | None = None,
        end: date | str | None = None,
        group_id: int | None = None,
        limit: int | None = None,
    ) -> list[Deadline]:
        """Deadlines due between two dates (either may be open), soonest first: the one query that
        lists, the Home tab, answers and the command line all share."""
        where, params = [], []
        for clause, value in (("due >= ?", start), ("due <= ?", end), ("group_id = ?", group_id)):
            if value is not None:
                where.append(clause)
                params.append(value.isoformat() if isinstance(value, date) else value)
        # soonest first; those due only in words ("within one month of the session") after all dated ones
        rows = self.records("deadlines", " AND ".join(where) or None, params, order_by="due IS NULL, due, id")
        return rows[:limit] if limit else rows

    def highest_id_given(self, kind: str) -> int:
        """The highest id this kind has ever given out (AUTOINCREMENT's counter): ids at or below it
        belong, or belonged, to a record, and are never given to another."""
        row = self.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", [kind]).fetchone()
        return int(row[0]) if row else 0

    def count(self, kind: str) -> int:
        return self.db[kind].count

    def is_empty(self) -> bool:
        return all(self.db[k].count == 0 for k in KINDS) and self.db["paragraphs"].count == 0

    def aliases(self, group_id: int | None = None) -> list[dict]:
        if group_id is None:
            return list(self.db["aliases"].rows)
        return list(self.db["aliases"].rows_where("group_id = ?", [group_id]))

    def stats(self, group_id: int | None = None) -> dict:
        """Counts per kind, of every group or of one, with a line per group."""
        per_group = []
        for g in self.groups():
            if group_id is not None and g["id"] != group_id:
                continue
            per_group.append(
                {
                    "group": g["abbreviation"] or g["name"],
                    **{k: self.db[k].count_where("group_id = ?", [g["id"]]) for k in KINDS},
                }
            )

        def count(table: str) -> int:
            return self.db[table].count if group_id is None else self.db[table].count_where("group_id = ?", [group_id])

        return {
            "schema_version": self.schema_version(),
            "reports": count("reports"),
            "paragraphs": count("paragraphs"),
            **{k: count(k) for k in KINDS},
            "groups": per_group,
        }

    def duplicates(self, kind: str, record: dict) -> list[dict]:
        """Records of the kind with the same label and the same date as ``record`` (a cleaned
        record), in its group: what adding it again by mistake would look like."""
        label = LABEL_FIELD[kind]
        date_field = next((f.name for f in KINDS[kind] if f.type == "date"), None)
        where = [f"lower(trim([{label}])) = lower(trim(?))"]
        params: list[Any] = [record.get(label)]
        if date_field:
            where.append(f"[{date_field}] IS ?")
            params.append(record.get(date_field))
        if record.get("group_id") is not None:
            where.append("group_id = ?")
            params.append(record["group_id"])
        return self.records(kind, " AND ".join(where), params)

    # -- validation -----------------------------------------------------------------------------

    @staticmethod
    def _check_kind(kind: str) -> None:
        validation.check_kind(kind)

    def clean(self, kind: str, fields: dict, *, partial: bool = False) -> dict:
        """Check and normalise fields typed by a person or loaded from JSON (knowledge.validation)."""
        return validation.clean(kind, fields, partial=partial)

    # -- writing --------------------------------------------------------------------------------

    def add(self, kind: str, fields: dict, actor: str = SYSTEM_ACTOR) -> dict:
        record = self.clean(kind, fields)
        with self.transaction():
            return self._add_clean(kind, record, actor)

    def _add_clean(
        self, kind: str, record: dict, actor: str, group_id: int | None = None, updated_at: str | None = None
    ) -> dict:
        """Insert a record that has passed ``clean``, index it and log it (inside a transaction).
        ``updated_at`` is kept when loading a copy, so that the calendar's stamps stay the same."""
        self._check_order(kind, record)
        if record.get("group_id") is None:
            record["group_id"] = group_id or self.default_group_id()
        record["updated_at"] = updated_at or now_iso()
        record_id = self._insert(kind, record)
        saved = self._require(kind, record_id)
        self._index(kind, saved)
        self._log(actor, "add", kind, record_id, None, saved)
        return saved

    @staticmethod
    def _check_order(kind: str, record: dict) -> None:
        """An event or meeting cannot end before it starts, however it was written."""
        start, end = record.get("start"), record.get("end")
        if start and end and end < start:
            raise ValidationError(
                f"{SINGULAR[kind]} would end ({dates.human(end)}) before it starts ({dates.human(start)}); "
                f"give the dates in order, e.g. {dates.human_range(start, start)}"
            )

    def update(self, kind: str, record_id: int, fields: dict, actor: str = SYSTEM_ACTOR) -> dict:
        """Change some fields of a record. Fields that already hold those values are left out; an
        edit that changes nothing is no change and is not logged."""
        changes = self.clean(kind, fields, partial=True)
        with self.transaction():
            before = self._require(kind, record_id)
            changes = {k: v for k, v in changes.items() if before.get(k) != v}
            if not changes:
                return before
            self._check_order(kind, {**before, **changes})
            changes["updated_at"] = now_iso()
            assignments = ", ".join(f"[{c}] = ?" for c in changes)
            self.conn.execute(f"UPDATE [{kind}] SET {assignments} WHERE id = ?", [*changes.values(), int(record_id)])
            after = self._require(kind, record_id)
            self._index(kind, after)
            self._log(actor, "edit", kind, record_id, before, after)
        return after

    def delete(self, kind: str, record_id: int, actor: str = SYSTEM_ACTOR) -> dict:
        with self.transaction():
            before = self._require(kind, record_id)
            self.db.table(kind).delete(record_id)
            self._unindex(kind, record_id)
            self.conn.execute("DELETE FROM aliases WHERE kind = ? AND record_id = ?", [kind, record_id])
            self._log(actor, "delete", kind, record_id, before, None)
        return before

    def _require(self, kind: str, record_id: Any) -> dict:
        self._check_kind(kind)
        try:
            record_id = int(record_id)
        except (TypeError, ValueError):
            raise ValidationError(f"'{record_id}' is not a record id; ids are numbers, e.g. 12") from None
        record = self.get(kind, record_id)
        if record is None:
            raise ValidationError(f"there is no {SINGULAR[kind]} with id {record_id}")
        return record

    def _unindex(self, kind: str, record_id: int) -> None:
        self.conn.execute("DELETE FROM search WHERE rowid = ?", [search_rowid(kind, record_id)])

    def _index(self, kind: str, record: dict) -> None:
        self._unindex(kind, record["id"])
        extra = " ".join(
            r[0]
            for r in self.conn.execute(
                "SELECT alias FROM aliases WHERE kind = ? AND record_id = ?", [kind, record["id"]]
            )
        )
        text = (search_text(kind, record) + " " + extra).strip()
        self.conn.execute(
            "INSERT INTO search (rowid, text, kind, record_id, group_id) VALUES (?, ?, ?, ?, ?)",
            [search_rowid(kind, record["id"]), text, kind, record["id"], record.get("group_id")],
        )
        self.add_words(text + " " + (record.get("source") or ""))

    def add_words(self, text: str) -> None:
        """Remember the words of a text in the vocabulary that questions' typos are corrected to."""
        words: set[str] = set()
        for w in re.findall(r"[^\W\d_][\w&'\-]*[^\W_]", text.lower()):
            # "secretary-general" and its parts: a question may type either
            words.update(p for p in [w, *re.split(r"[-&']", w)] if 3 <= len(p) <= 40 and not p.isdigit())
        self.conn.executemany("INSERT OR IGNORE INTO vocabulary (word) VALUES (?)", [(w,) for w in words])

    def data_version(self) -> tuple:
        """Changes whenever the knowledge base's content does, from this or another connection,
        so that caches built from it know when to rebuild."""
        row = self.conn.execute(
            "SELECT (SELECT max(id) FROM changes), (SELECT count(*) FROM paragraphs), "
            "(SELECT max(rowid) FROM paragraphs), (SELECT count(*) FROM aliases), (SELECT count(*) FROM vocabulary), "
            "(SELECT max(id) FROM evidence)"
        ).fetchone()
        return tuple(row)

    def log_change(
        self, actor: str, action: str, kind: str, record_id: int | None, before: dict | None, after: dict | None
    ) -> int:
        """One row in the changes log, for writes outside the record kinds (admins, the review
        list), so that history and undo see every change in one place. Returns the change id."""
        return self._log(actor, action, kind, record_id, before, after)

    def reindex(self, kind: str, record_id: int) -> None:
        """Refresh a record's row in the search index (after its aliases changed)."""
        record = self.get(kind, record_id)
        if record:
            self._index(kind, record)

    def _log(
        self, actor: str, action: str, kind: str, record_id: int | None, before: dict | None, after: dict | None
    ) -> int:
        return self._insert(
            "changes",
            {
                "at": now_iso(),
                "actor": actor,
                "action": action,
                "kind": kind,
                "record_id": record_id,
                "before": json.dumps(before, ensure_ascii=False) if before else None,
                "after": json.dumps(after, ensure_ascii=False) if after else None,
            },
        )

    def add_alias(
        self,
        alias: str,
        expansion: str,
        *,
        group_id: int,
        kind: str | None = None,
        record_id: int | None = None,
        origin: str = "report",
    ) -> None:
        alias = " ".join(alias.split())
        if not alias:
            raise ValidationError("an alias cannot be empty")
        with self.transaction():
            # The unique index cannot see NULL kinds as equal, so a report's abbreviations would be
            # added again on every re-import: look first.
            known = self.conn.execute(
                "SELECT 1 FROM aliases WHERE group_id IS ? AND alias = ? AND expansion IS ? AND kind IS ? "
                "AND record_id IS ?",
                [group_id, alias, expansion, kind, record_id],
            ).fetchone()
            if not known:
                self.db.table("aliases").insert(
                    {
                        "group_id": group_id,
                        "alias": alias,
                        "expansion": expansion,
                        "kind": kind,
                        "record_id": record_id,
                        "origin": origin,
                    },
                    ignore=True,
                )
            if kind and record_id:
                record = self.get(kind, record_id)
                if record:
                    self._index(kind, record)

    # -- history and undo -----------------------------------------------------------------------

    def history(
        self, *, kind: str | None = None, record_id: int | None = None, limit: int = 50, group_id: int | None = None
    ) -> list[dict]:
        """Changes, newest first; of one kind, one record, or the records of one group."""
        return changes.history(self, kind=kind, record_id=record_id, limit=limit, group_id=group_id)

    def change_to_undo(self, change_id: Any, kind: str | None = None) -> dict:
        """The change an undo is about to reverse, refused when it cannot be (knowledge.changes)."""
        return changes.change_to_undo(self, change_id, kind)

    def record_undo(self, change: dict, actor: str, record_id: int | None, current: Any, restored: Any) -> int:
        """Log an undo (from what is now to what is restored) and mark the change undone by it."""
        new_id = self._log(actor, "undo", change["kind"], record_id, current, restored)
        self.db.table("changes").update(change["id"], {"undone_by": new_id})
        return new_id

    def undo(self, change_id: int, actor: str = SYSTEM_ACTOR) -> dict:
        """Put a record back as it was before a change; the undo is itself a change."""
        with self.transaction():
            change = self.change_to_undo(change_id)
            kind, record_id = change["kind"], change["record_id"]
            self._check_kind(kind)
            before = json.loads(change["before"]) if change["before"] else None
            current = self.get(kind, record_id)
            changes.refuse_if_changed_since(self, change, current)
            if before is None:  # an add: undo deletes
                if current:
                    self.db.table(kind).delete(record_id)
                    self._unindex(kind, record_id)
            else:
                self.db.table(kind).upsert(before, pk="id")
                self._index(kind, before)
            new_id = self.record_undo(change, actor, record_id, current, before)
        return describe_change(next(self.db["changes"].rows_where("id = ?", [new_id])))

    def last_change_by(self, actor: str) -> dict | None:
        rows = list(
            self.db["changes"].rows_where(
                "actor = ? AND undone_by IS NULL AND action != 'undo'", [actor], order_by="id desc", limit=1
            )
        )
        return rows[0] if rows else None

    # -- export, load, backup -------------------------------------------------------------------

    def export(self) -> dict:
        """Every record by kind, and the tables answers depend on: see ``knowledge.transfer.export``."""
        from .transfer import export

        return export(self)

    def load(self, data: dict, actor: str = SYSTEM_ACTOR) -> dict:
        """Records (and their sources) in the export format, all or nothing: see ``knowledge.transfer.load``."""
        from .transfer import load

        return load(self, data, actor)

    def backup(self, target: str | os.PathLike) -> None:
        """A consistent copy through SQLite's online backup API, safe while others read and write."""
        target = Path(target)
        if target.is_dir():
            raise ValidationError(f"{target} is a folder; name a file, e.g. {target / 'kb-backup.sqlite'}")
        if self.path != ":memory:" and target.exists() and target.resolve() == Path(self.path).resolve():
            raise ValidationError(f"{target} is the knowledge base itself; name another file")
        if target.exists() and target.stat().st_size and target.read_bytes()[:16] != b"SQLite format 3\x00":
            raise ValidationError(f"{target} exists and is not a SQLite file; name a new file")
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(target))  # an older backup at that path is replaced whole
        try:
            with self._lock:
                self.conn.backup(dest)
        finally:
            dest.close()


def open_kb(path: str | os.PathLike) -> KnowledgeBase:
    return KnowledgeBase(path)
