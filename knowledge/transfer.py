"""Export and load: every record, and the tables answers depend on, as one JSON document.

Loaded into an empty file, an export gives a copy that answers every question exactly as the
original: records keep their ids, groups, reports, dates of last change and sources, and the
reports' paragraphs, evidence and aliases come along (the evidence index and the vocabulary are
rebuilt from them). Loaded into a knowledge base that has some of it already, what is there is
kept: a group is matched by its key, a report by its group and key, and a record with an id
updates that record only when it is the same group's; everything else is added, with new ids
where the file's are taken or were ever given out (ids are never reused).
"""

from __future__ import annotations

import json
from typing import Any

from .schema import KINDS
from .store import SYSTEM_ACTOR, KnowledgeBase, ValidationError

# The tables besides the records that answers depend on, exported and loaded with them so that a
# copy answers every question as the original does: the groups, their reports, the reports'
# paragraphs and evidence (the search index over them is rebuilt on load), and aliases
# (abbreviations the reports define, and wordings the review list taught).
SOURCE_TABLES = ("groups", "reports", "paragraphs", "evidence", "aliases")
# What a record carries besides its own fields: where it came from and when it last changed.
RECORD_SOURCE_FIELDS = ("group_id", "report_id", "key", "paragraph", "source", "updated_at")


def export(kb: KnowledgeBase) -> dict:
    """Every record by kind, and the tables answers depend on (SOURCE_TABLES), in the format
    ``load`` reads back: loaded into an empty file, the copy answers every question as this one."""
    out: dict[str, Any] = {}
    for table in SOURCE_TABLES:
        rows = [dict(r) for r in kb.db[table].rows_where(order_by="id")]
        if table == "aliases":  # their ids are internal; the order keeps them
            rows = [{k: v for k, v in r.items() if k != "id"} for r in rows]
        out[table] = rows
    for kind, fields in KINDS.items():
        rows = []
        for r in kb.records(kind):
            item = {"id": r["id"]}
            for f in fields:
                value = r.get(f.name)
                item[f.name] = json.loads(value) if f.type == "json" and value else value
            for p in RECORD_SOURCE_FIELDS:
                item[p] = r.get(p)
            rows.append(item)
        out[kind] = rows
    return out


def load(kb: KnowledgeBase, data: dict, actor: str = SYSTEM_ACTOR) -> dict:
    """Records in the export format: with an "id" they update that record (or are created with
    that id, unless a deleted record had it: ids are never reused), without one they are new.
    Groups, reports (with their paragraphs and evidence) and aliases in the file are added when
    the knowledge base does not have them; records follow their group and report. All or
    nothing: any bad record rolls back the whole load."""
    if not isinstance(data, dict):
        raise ValidationError("the file must hold one JSON object with a list per kind")
    unknown = set(data) - set(KINDS) - set(SOURCE_TABLES)
    if unknown:
        raise ValidationError(f"unknown kinds in file: {', '.join(sorted(unknown))}; expected {', '.join(KINDS)}")
    for table, items in data.items():
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValidationError(f"'{table}' must be a list of records (JSON objects)")
    summary = {"added": 0, "updated": 0}
    with kb.transaction():
        loader = _Loader(kb, data, actor)
        for kind in KINDS:
            for n, item in enumerate(data.get(kind, []), 1):
                try:
                    summary[loader.record(kind, item)] += 1
                except (ValidationError, ValueError, TypeError) as e:
                    raise ValidationError(f"{kind} record {n}: {e}") from None
        loader.aliases(data.get("aliases", []))
    return summary


class _Loader:
    """One ``load``: maps the file's group, report and record ids to this knowledge base's, adding
    what it lacks, inside the load's transaction."""

    def __init__(self, kb: KnowledgeBase, data: dict, actor: str):
        self.kb, self.actor = kb, actor
        self.groups: dict[Any, int] = {}
        self.reports: dict[Any, int] = {}
        self.record_ids: dict[tuple[str, Any], int] = {}  # (kind, the file's id) -> id here
        self.created: set[tuple[str, int]] = set()  # (kind, id) of the records this load added
        for g in data.get("groups", []):
            self._group(g)
        new_reports = {}
        for r in data.get("reports", []):
            old_id, new_id, added = self._report(r)
            self.reports[old_id] = new_id
            if added:
                new_reports[old_id] = new_id
        for p in data.get("paragraphs", []):
            if p.get("report_id") in new_reports:
                row = {**p, "report_id": new_reports[p["report_id"]], "group_id": self.groups.get(p.get("group_id"))}
                self._insert_keeping_id("paragraphs", row)
                kb.add_words(str(row.get("text") or ""))
        from .lexicon import content_stems  # the evidence index holds stems, as knowledge.evidence writes them

        for e in data.get("evidence", []):
            if e.get("report_id") in new_reports:
                row = {**e, "report_id": new_reports[e["report_id"]], "group_id": self.groups.get(e.get("group_id"))}
                evidence_id = self._insert_keeping_id("evidence", row)
                kb.conn.execute(
                    "INSERT INTO evidence_index (rowid, terms, context_terms) VALUES (?, ?, ?)",
                    [
                        evidence_id,
                        " ".join(content_stems(str(row.get("text") or ""))),
                        " ".join(content_stems(str(row.get("context") or ""))),
                    ],
                )
        self.default_group: int | None = None

    def _group(self, g: dict) -> None:
        name = str(g.get("name") or "").strip()
        if not name:
            raise ValidationError(f"group {g.get('id')} has no name")
        key = str(g.get("key") or (g.get("abbreviation") or name)).strip().lower()
        row = self.kb.conn.execute("SELECT id FROM groups WHERE key = ?", [key]).fetchone()
        if row:
            self.groups[g.get("id")] = row[0]
        else:
            self.groups[g.get("id")] = self._insert_keeping_id(
                "groups", {"id": g.get("id"), "key": key, "name": name, "abbreviation": g.get("abbreviation")}
            )

    def _report(self, r: dict) -> tuple[Any, int, bool]:
        group_id = self.groups.get(r.get("group_id"))
        if group_id is None:
            raise ValidationError(f"report {r.get('id')} names group {r.get('group_id')}, which the file does not hold")
        row = self.kb.conn.execute(
            "SELECT id FROM reports WHERE group_id = ? AND key = ?", [group_id, r.get("key")]
        ).fetchone()
        if row:  # this knowledge base has the report already: its own paragraphs and evidence stay
            return r.get("id"), row[0], False
        return r.get("id"), self._insert_keeping_id("reports", {**r, "group_id": group_id}), True

    def _insert_keeping_id(self, table: str, row: dict) -> int:
        """Insert with the file's id when it is free here, else with a new one."""
        columns = {c.name for c in self.kb.db[table].columns}
        row = {k: v for k, v in row.items() if k in columns}
        if (
            row.get("id") is not None
            and self.kb.conn.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [row["id"]]).fetchone()
        ):
            row.pop("id")
        return self.kb._insert(table, row)

    def record(self, kind: str, item: dict) -> str:
        """Update or add one record; 'updated' or 'added'."""
        record_id = item.get("id")
        fields = {k: v for k, v in item.items() if k not in ("id", "updated_at")}
        if "group_id" in fields:
            fields["group_id"] = self._group_id(fields["group_id"])
        if "report_id" in fields:
            fields["report_id"] = self.reports.get(fields["report_id"]) if self.reports else None
        if record_id is not None:
            record_id = int(record_id)
            existing = self.kb.get(kind, record_id)
            # The same id in another group is another knowledge base's record, and one this load
            # has just added is another of the file's records: both added, neither overwritten.
            if (
                existing
                and fields.get("group_id") in (None, existing["group_id"])
                and (kind, record_id) not in self.created
            ):
                self.kb.update(kind, record_id, fields, self.actor)
                self.record_ids[(kind, record_id)] = record_id
                return "updated"
        record = self.kb.clean(kind, fields)
        if record.get("group_id") is None:
            record["group_id"] = self._default_group()
        if record_id is not None and record_id > self.kb.highest_id_given(kind) and not self.kb.get(kind, record_id):
            record["id"] = record_id  # free, and never given out: the record keeps its id
        saved = self.kb._add_clean(kind, record, self.actor, updated_at=item.get("updated_at"))
        self.record_ids[(kind, record_id)] = saved["id"]
        self.created.add((kind, saved["id"]))
        return "added"

    def _group_id(self, file_group_id: Any) -> int | None:
        if file_group_id is None:
            return None
        if file_group_id in self.groups:
            return self.groups[file_group_id]
        if not self.groups and self.kb.conn.execute("SELECT 1 FROM groups WHERE id = ?", [file_group_id]).fetchone():
            return int(file_group_id)  # a file without its groups names this knowledge base's
        raise ValidationError(f"group_id {file_group_id} is not a group in the file or the knowledge base")

    def _default_group(self) -> int:
        if self.default_group is None:
            groups = self.kb.groups()
            if len(groups) > 1:
                names = ", ".join(g["abbreviation"] or g["name"] for g in groups)
                raise ValidationError(
                    f"a record without a group_id, in a knowledge base of several groups ({names}); "
                    f"give each record the group_id of one of the file's groups"
                )
            self.default_group = self.kb.default_group_id()
        return self.default_group

    def aliases(self, rows: list[dict]) -> None:
        for a in rows:
            group_id = self.groups.get(a.get("group_id"))
            if group_id is None:
                group_id = self._group_id(a.get("group_id")) or self._default_group()
            kind = a.get("kind")
            record_id = a.get("record_id")
            if kind and record_id is not None:
                record_id = self.record_ids.get((kind, record_id), record_id if self.kb.get(kind, record_id) else None)
                if record_id is None:
                    continue  # the record it named is not in the file nor here
            self.kb.add_alias(
                str(a.get("alias") or ""),
                str(a.get("expansion") or ""),
                group_id=group_id,
                kind=kind,
                record_id=record_id,
                origin=a.get("origin") or "load",
            )
