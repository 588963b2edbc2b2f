"""Importing a report: read the file, read its records, and apply them in one transaction.

Re-importing the same report changes nothing; a revised report updates its records in place
(matched by each record's natural key) and removes what it no longer says. Records the
secretariat added by hand (they have no report) are never touched by an import.
"""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import dates
from .announcements import queue_import_news
from .evidence.index import evidence_rows, replace_evidence
from .extract import Extracted, read_report_records
from .naming import meeting_label
from .paragraphs import split_paragraphs
from .reading import ReportError, read_report
from .schema import KINDS, LABEL_FIELD, SINGULAR, search_rowid
from .store import KnowledgeBase, ValidationError, now_iso

MIN_RECORDS = 1  # a file from which nothing at all can be read is not a report of this genre
# ... unless it has enough running text to answer from: every sentence is evidence.
MIN_WORDS = 40


@dataclass
class ImportResult:
    """What an import did: records added, changed (and how) and removed, what could not be stored, and a
    note on what else the knowledge base holds."""

    report: str
    group: str
    added: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    unchanged: int = 0
    moves: list[str] = field(default_factory=list)  # "ITU input: 16 March 2020 → 20 March 2020"
    note: str | None = None  # one line on what else the knowledge base holds (the shipped sample)
    unstored: list[str] = field(default_factory=list)  # records read that the schema cannot hold yet
    report_id: int | None = None

    def counts(self) -> dict[str, int]:
        return {
            "added": sum(len(v) for v in self.added.values()),
            "changed": sum(len(v) for v in self.changed.values()),
            "removed": sum(len(v) for v in self.removed.values()),
            "unchanged": self.unchanged,
        }

    def summary_text(self, limit: int = 10) -> str:
        c = self.counts()
        lines = [
            f"imported {self.report} ({self.group}): {c['added']} added, {c['changed']} changed, "
            f"{c['removed']} removed, {c['unchanged']} unchanged"
        ]
        for verb, groups in (("added", self.added), ("removed", self.removed)):
            for kind, labels in groups.items():
                shown = ", ".join(labels[:limit]) + (f", and {len(labels) - limit} more" if len(labels) > limit else "")
                noun = kind if len(labels) != 1 or kind not in SINGULAR else SINGULAR[kind]
                lines.append(f"  {verb} {len(labels)} {noun}: {shown}")
        lines.extend(f"  changed {move}" for move in self.moves[: limit * 3])
        if len(self.moves) > limit * 3:
            lines.append(f"  and {len(self.moves) - limit * 3} more changes")
        if self.unstored:
            shown = "; ".join(self.unstored[:limit]) + (
                f"; and {len(self.unstored) - limit} more" if len(self.unstored) > limit else ""
            )
            lines.append(
                f"  read {len(self.unstored)} with no date or number, answered from their sentences only: {shown}"
            )
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


def sample_report_path() -> Path:
    """The public report shipped as sample data (see knowledge/data/SOURCE.md)."""
    return Path(str(resources.files("knowledge") / "data" / "sample-report.txt"))


Progress = Callable[[str], None]


def _quiet(stage: str) -> None:
    """Say nothing of an import's stages (the default: tests, Slack, scripts)."""


def import_file(
    kb: KnowledgeBase, path: str | Path, actor: str = "system", progress: Progress = _quiet
) -> ImportResult:
    """Import a report file. ``progress`` is told each stage as it starts (the command line shows
    them on a terminal, so a long import is seen to be working)."""
    progress(f"reading {Path(path).name}")
    text = read_report(path)
    return import_text(kb, text, Path(path).name, actor=actor, progress=progress)


def import_text(
    kb: KnowledgeBase, text: str, filename: str, actor: str = "system", progress: Progress = _quiet
) -> ImportResult:
    progress(f"finding records in {len(text.split()):,} words")
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise ReportError(f"{filename}: no paragraphs found")
    extracted = read_report_records(paragraphs, Path(filename).stem)
    # Meetings, deadlines, documents, events or partners mark a report of the genre; outcomes alone
    # ("the Group noted ...") are enough only in a report with numbered paragraphs.
    facts = sum(len(extracted.records.get(k, [])) for k in ("meetings", "deadlines", "documents", "events", "partners"))
    outcomes = len(extracted.records.get("recommendations", []))
    numbered = any(re.match(r"\d+\.\d", p.number or "") for p in paragraphs)
    if facts < MIN_RECORDS and not (numbered and outcomes) and len(text.split()) < MIN_WORDS:
        raise ReportError(
            f"{filename}: nothing recognisable as a working-group report (no numbered paragraphs, "
            "meetings, deadlines, documents or recommendations)"
        )
    return apply(kb, extracted, text, filename, actor, progress)


def _label(kind: str, record: dict) -> str:
    """A record's label in an import summary: cut at a word, never mid-word, to 60 characters."""
    if kind == "meetings" and record.get("number") is None:
        return meeting_label(record)  # "meeting of 29 April 2026"
    value = record.get(LABEL_FIELD[kind]) or record.get("title") or record.get("key")
    return textwrap.shorten(str(value), 60, placeholder=" …")


def apply(
    kb: KnowledgeBase, extracted: Extracted, text: str, filename: str, actor: str, progress: Progress = _quiet
) -> ImportResult:
    """Apply a report's records in one transaction: the report row, paragraphs, evidence, records by key,
    aliases; queue the news for subscribers."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    with kb.transaction():
        first_change = _last_change_id(kb) + 1
        group_id = kb.ensure_group(extracted.group_name, extracted.group_abbreviation)
        report_key = extracted.key.lower()
        existing_report = next(kb.db["reports"].rows_where("group_id = ? AND key = ?", [group_id, report_key]), None)
        result = ImportResult(filename, extracted.group_abbreviation or extracted.group_name)
        report_row = {
            "group_id": group_id,
            "key": report_key,
            "title": extracted.title,
            "filename": filename,
            "sha256": sha,
            "chars": len(text),
        }
        if existing_report:
            report_id = existing_report["id"]
            if existing_report["sha256"] != sha:
                kb.db.table("reports").update(report_id, {**report_row, "imported_at": now_iso()})
        else:
            report_id = kb.db.table("reports").insert({**report_row, "imported_at": now_iso()}).last_pk

        _replace_paragraphs(kb, group_id, report_id, extracted)
        progress("indexing every sentence, item and row")
        replace_evidence(kb.conn, group_id, report_id, evidence_rows(text))
        progress("storing the records")
        for kind in KINDS:
            _apply_kind(kb, kind, extracted.records.get(kind, []), group_id, report_id, actor, result)
            result.unstored += [
                _unstored_label(kind, r) for r in extracted.records.get(kind, []) if not storable(kind, r)
            ]
        _apply_aliases(kb, extracted, group_id)
        result.report_id = report_id
        result.note = _sample_note(kb, report_id)
        # Subscribers hear what is new (deadlines, moved ones, events) once, from the announcer.
        queue_import_news(kb, report_id, group_id, first_change, _last_change_id(kb))
    return result


def _last_change_id(kb: KnowledgeBase) -> int:
    return kb.conn.execute("SELECT COALESCE(MAX(id), 0) FROM changes").fetchone()[0]


def _sample_note(kb: KnowledgeBase, report_id: int) -> str | None:
    """Importing one's own report into the default knowledge base, which holds the shipped sample:
    the two are never mixed silently."""
    sample = sample_report_path().name
    others = list(kb.db["reports"].rows_where("id != ? AND filename = ?", [report_id, sample]))
    if not others or kb.db.table("reports").get(report_id)["filename"] == sample:
        return None
    return (
        f"note: this knowledge base also holds the shipped sample report (report {others[0]['id']}), so answers may "
        f"come from either; `rapporteur reports remove {others[0]['id']}` removes it (undo brings it back)"
    )


def _replace_paragraphs(kb: KnowledgeBase, group_id: int, report_id: int, extracted: Extracted) -> None:
    kb.db.execute("DELETE FROM paragraphs WHERE report_id = ?", [report_id])
    kb.db.table("paragraphs").insert_all(
        {
            "group_id": group_id,
            "report_id": report_id,
            "number": p.number,
            "position": p.position,
            "heading": p.context[:500],
            "text": p.full_text,
            "items": len(p.items),
        }
        for p in extracted.paragraphs
    )
    for p in extracted.paragraphs:
        kb.add_words(p.full_text)


def _comparable(kind: str, record: dict) -> dict:
    out = {}
    for f in KINDS[kind]:
        value = record.get(f.name)
        if kind == "deadlines" and f.name == "due_words":
            value = None if record.get("due") else record.get("when")  # the words only where no date
        if f.type == "json" and value is not None and not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        out[f.name] = value
    out["paragraph"] = record.get("paragraph")
    out["source"] = record.get("source")
    return out


def storable(kind: str, record: dict) -> bool:
    """Whether the knowledge base's schema can hold a record read from a report: a deadline needs
    a date or the words it is due by ("within one month of the session"); a meeting, its number or
    its date (minutes of bodies that do not number their meetings name them by the day)."""
    if kind == "deadlines" and not (record.get("due") or record.get("when")):
        return False
    if kind == "meetings" and record.get("number") is None and not record.get("start"):
        return False
    return all(record.get(f.name) not in (None, "") for f in KINDS[kind] if f.required)


def _unstored_label(kind: str, record: dict) -> str:
    if kind == "deadlines":
        return f"{record.get('title')} ({record.get('when') or 'no date'})"
    if kind == "meetings":
        return f"meeting of {dates.human(record['start'])}" if record.get("start") else "a meeting"
    return f"{SINGULAR[kind]} {_label(kind, record)}"


def _apply_kind(kb, kind, records, group_id, report_id, actor, result: ImportResult) -> None:
    current = {r["key"]: r for r in kb.records(kind, "report_id = ?", [report_id])}
    seen = set()
    for record in (r for r in records if storable(kind, r)):
        key = record["key"]
        if key in seen:
            continue
        seen.add(key)
        fields = _comparable(kind, record)
        old = current.get(key)
        if old is None:
            kb.add(kind, {**fields, "group_id": group_id, "report_id": report_id, "key": key}, actor)
            result.added.setdefault(kind, []).append(_label(kind, record))
        elif any(old.get(k) != v for k, v in fields.items() if k != "paragraph" or v):
            updated = kb.update(kind, old["id"], fields, actor)  # the store keeps only what moved
            result.changed.setdefault(kind, []).append(_label(kind, record))
            result.moves.append(describe_move(kind, old, updated))
        else:
            result.unchanged += 1
    for key, old in current.items():
        if key not in seen:
            kb.delete(kind, old["id"], actor)
            result.removed.setdefault(kind, []).append(_label(kind, old))


_SHOWN_FIRST = {
    "deadlines": ("due",),
    "events": ("start", "end", "place"),
    "meetings": ("start", "end", "place", "chair"),
}


def describe_move(kind: str, before: dict, after: dict) -> str:
    """One line saying what changed in a record: "ITU input: 16 March 2020 → 20 March 2020" for a
    deadline's date, "field: old → new" for other fields, "its sentence" when only the wording moved."""
    label = _label(kind, after)
    moved = [f.name for f in KINDS[kind] if before.get(f.name) != after.get(f.name)]
    if not moved:
        return f"{label}: its sentence (paragraph {after.get('paragraph') or '-'})"
    parts = []
    for name in sorted(moved, key=lambda n: (n not in _SHOWN_FIRST.get(kind, ()), n)):
        old, new = before.get(name), after.get(name)
        is_date = next(f.type for f in KINDS[kind] if f.name == name) == "date"
        old_text, new_text = (
            (dates.human(old) if old else "none", dates.human(new) if new else "none")
            if is_date
            else (old if old not in (None, "") else "none", new if new not in (None, "") else "none")
        )
        parts.append(
            f"{old_text} \u2192 {new_text}"
            if name in _SHOWN_FIRST.get(kind, ())[:1]
            else f"{name} {old_text} \u2192 {new_text}"
        )
    return f"{label}: " + "; ".join(parts)


def _apply_aliases(kb: KnowledgeBase, extracted: Extracted, group_id: int) -> None:
    """Abbreviations the report defines become aliases of the records they name."""
    for abbr, long in extracted.aliases:
        kb.add_alias(abbr, long, group_id=group_id)
        for kind in ("events", "partners", "documents"):
            field_name = LABEL_FIELD[kind] if kind != "documents" else "title"
            for r in kb.records(kind, f"group_id = ? AND lower({field_name}) = lower(?)", [group_id, long]):
                kb.add_alias(abbr, long, group_id=group_id, kind=kind, record_id=r["id"])
    # the group's own abbreviation names the group
    if extracted.group_abbreviation:
        kb.add_alias(extracted.group_abbreviation, extracted.group_name, group_id=group_id)


# -- a report as a unit --------------------------------------------------------------------------

REPORTS_KIND = "reports"  # the `kind` of a report's removal in the changes log


def list_reports(kb: KnowledgeBase) -> list[dict]:
    """Every imported report: id, title, group, file, when it was imported, and how many records of
    each kind it brought."""
    groups = {g["id"]: g for g in kb.groups()}
    out = []
    for r in kb.db["reports"].rows_where(order_by="id"):
        g = groups.get(r["group_id"], {})
        counts = {kind: kb.db[kind].count_where("report_id = ?", [r["id"]]) for kind in KINDS}
        out.append(
            {
                "id": r["id"],
                "title": r["title"],
                "group": g.get("abbreviation") or g.get("name"),
                "file": r["filename"],
                "imported_at": r["imported_at"],
                "records": counts,
            }
        )
    return out


def remove_report(kb: KnowledgeBase, report_id: int, actor: str) -> tuple[int, dict]:
    """Remove a report and everything it brought (records, their aliases, paragraphs, evidence) in
    one change of the changes log, which ``undo_report_removal`` takes back. Returns (change id,
    the report's row)."""
    with kb.transaction():
        report = kb.db.table("reports").get(report_id) if _report_exists(kb, report_id) else None
        if report is None:
            raise ValidationError(f"there is no report {report_id}; `rapporteur reports` lists them")
        saved = _report_contents(kb, report)
        for kind, rows in saved["records"].items():
            for row in rows:
                kb.db.table(kind).delete(row["id"])
                kb.conn.execute("DELETE FROM search WHERE rowid = ?", [search_rowid(kind, row["id"])])
        kb.conn.executemany("DELETE FROM aliases WHERE id = ?", [(a["id"],) for a in saved["aliases"]])
        kb.conn.execute("DELETE FROM paragraphs WHERE report_id = ?", [report_id])
        replace_evidence(kb.conn, report["group_id"], report_id, [])
        kb.db.table("reports").delete(report_id)
        change_id = kb.log_change(actor, "delete", REPORTS_KIND, report_id, saved, None)
    return change_id, report


def undo_report_removal(kb: KnowledgeBase, change: dict, actor: str) -> tuple[int, str]:
    """Put back a removed report as it was: its row, paragraphs, evidence, records (with their ids)
    and aliases. Refused if a report with its id has come back since. Returns (change id, message)."""
    if change.get("action") != "delete" or not change.get("before"):
        raise ValidationError(f"change {change['id']} is not a report's removal; nothing to undo")
    saved = json.loads(change["before"])
    report = saved["report"]
    with kb.transaction():
        if _report_exists(kb, report["id"]):
            raise ValidationError(f"report {report['id']} is in the knowledge base again; nothing was undone")
        for kind, rows in saved["records"].items():
            taken = kb.conn.execute(
                f"SELECT count(*) FROM [{kind}] WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps([r["id"] for r in rows])],
            ).fetchone()[0]
            if taken:
                raise ValidationError(
                    f"{taken} {kind} added since took the ids of report {report['id']}'s records; "
                    f"nothing was undone (import the report again instead)"
                )
        kb.db.table("reports").insert(report)
        kb.db.table("paragraphs").insert_all(saved["paragraphs"])
        replace_evidence(kb.conn, report["group_id"], report["id"], saved["evidence"])
        for kind, rows in saved["records"].items():
            for row in rows:
                kb.db.table(kind).insert(row)
        if saved["aliases"]:
            kb.db.table("aliases").insert_all(saved["aliases"], ignore=True)
        for kind, rows in saved["records"].items():
            for row in rows:
                kb.reindex(kind, row["id"])
        new_id = kb.log_change(actor, "undo", REPORTS_KIND, report["id"], None, {"report": report})
        kb.db.table("changes").update(change["id"], {"undone_by": new_id})
    count = sum(len(rows) for rows in saved["records"].values())
    return (
        new_id,
        f"undid change {change['id']}: report {report['id']} ({report['filename']}) is back with its {count} records",
    )


def _report_exists(kb: KnowledgeBase, report_id: int) -> bool:
    return kb.db["reports"].count_where("id = ?", [int(report_id)]) > 0


def _report_contents(kb: KnowledgeBase, report: dict) -> dict:
    """Everything a report brought, as rows, for its removal to be undone."""
    rid = report["id"]
    records = {kind: kb.records(kind, "report_id = ?", [rid]) for kind in KINDS}
    linked = [(kind, r["id"]) for kind, rows in records.items() for r in rows]
    aliases = [
        a
        for kind, record_id in linked
        for a in kb.db["aliases"].rows_where("kind = ? AND record_id = ?", [kind, record_id])
    ]
    evidence = [
        {k: e[k] for k in ("paragraph", "position", "kind", "context", "text", "holds")}
        for e in kb.db["evidence"].rows_where("report_id = ?", [rid], order_by="id")
    ]
    return {
        "report": report,
        "records": {k: v for k, v in records.items() if v},
        "aliases": aliases,
        "paragraphs": list(kb.db["paragraphs"].rows_where("report_id = ?", [rid], order_by="id")),
        "evidence": evidence,
    }


__all__ = ["import_file", "import_text", "ImportResult", "ReportError", "sample_report_path", "SINGULAR"]
