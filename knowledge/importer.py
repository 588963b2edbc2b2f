"""Importing a report: read the file, read its records, and apply them in one transaction.

Re-importing the same report changes nothing; a revised report updates its records in place
(matched by each record's natural key) and removes what it no longer says. Records the
secretariat added by hand (they have no report) are never touched by an import.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .evidence.index import evidence_rows, replace_evidence
from .extract import Extracted, read_report_records
from .paragraphs import split_paragraphs
from .reading import ReportError, read_report
from .schema import KINDS, LABEL_FIELD, SINGULAR
from .store import KnowledgeBase, now_iso

MIN_RECORDS = 1  # a file from which nothing at all can be read is not a report of this genre
# ... unless it has enough running text to answer from: every sentence is evidence.
MIN_WORDS = 40


@dataclass
class ImportResult:
    report: str
    group: str
    added: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "added": sum(len(v) for v in self.added.values()),
            "changed": sum(len(v) for v in self.changed.values()),
            "removed": sum(len(v) for v in self.removed.values()),
            "unchanged": self.unchanged,
        }

    def summary_text(self, limit: int = 10) -> str:
        c = self.counts()
        lines = [f"imported {self.report} ({self.group}): {c['added']} added, {c['changed']} changed, "
                 f"{c['removed']} removed, {c['unchanged']} unchanged"]
        for verb, groups in (("added", self.added), ("changed", self.changed), ("removed", self.removed)):
            for kind, labels in groups.items():
                shown = ", ".join(labels[:limit]) + (f", and {len(labels) - limit} more" if len(labels) > limit else "")
                lines.append(f"  {verb} {len(labels)} {kind}: {shown}")
        return "\n".join(lines)


def sample_report_path() -> Path:
    """The public report shipped as sample data (see knowledge/data/SOURCE.md)."""
    return Path(str(resources.files("knowledge") / "data" / "sample-report.txt"))


def import_file(kb: KnowledgeBase, path: str | Path, actor: str = "system") -> ImportResult:
    text = read_report(path)
    return import_text(kb, text, Path(path).name, actor=actor)


def import_text(kb: KnowledgeBase, text: str, filename: str, actor: str = "system") -> ImportResult:
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
    return apply(kb, extracted, text, filename, actor)


def _label(kind: str, record: dict) -> str:
    value = record.get(LABEL_FIELD[kind]) or record.get("title") or record.get("key")
    return str(value)[:60]


def apply(kb: KnowledgeBase, extracted: Extracted, text: str, filename: str, actor: str) -> ImportResult:
    sha = hashlib.sha256(text.encode()).hexdigest()
    with kb.transaction():
        group_id = kb.ensure_group(extracted.group_name, extracted.group_abbreviation)
        report_key = extracted.key.lower()
        existing_report = next(kb.db["reports"].rows_where("group_id = ? AND key = ?", [group_id, report_key]), None)
        result = ImportResult(filename, extracted.group_abbreviation or extracted.group_name)
        report_row = {"group_id": group_id, "key": report_key, "title": extracted.title, "filename": filename,
                      "sha256": sha, "chars": len(text)}
        if existing_report:
            report_id = existing_report["id"]
            if existing_report["sha256"] != sha:
                kb.db["reports"].update(report_id, {**report_row, "imported_at": now_iso()})
        else:
            report_id = kb.db["reports"].insert({**report_row, "imported_at": now_iso()}).last_pk

        _replace_paragraphs(kb, group_id, report_id, extracted)
        replace_evidence(kb.conn, group_id, report_id, evidence_rows(text))
        for kind in KINDS:
            _apply_kind(kb, kind, extracted.records.get(kind, []), group_id, report_id, actor, result)
        _apply_aliases(kb, extracted, group_id)
    return result


def _replace_paragraphs(kb: KnowledgeBase, group_id: int, report_id: int, extracted: Extracted) -> None:
    kb.db.execute("DELETE FROM paragraphs WHERE report_id = ?", [report_id])
    kb.db["paragraphs"].insert_all(
        {"group_id": group_id, "report_id": report_id, "number": p.number, "position": p.position,
         "heading": p.context[:500], "text": p.full_text, "items": len(p.items)}
        for p in extracted.paragraphs
    )
    for p in extracted.paragraphs:
        kb.add_words(p.full_text)


def _comparable(kind: str, record: dict) -> dict:
    out = {}
    for f in KINDS[kind]:
        value = record.get(f.name)
        if f.type == "json" and value is not None and not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        out[f.name] = value
    out["paragraph"] = record.get("paragraph")
    out["source"] = record.get("source")
    return out


def storable(kind: str, record: dict) -> bool:
    """Whether the knowledge base's schema can hold a record read from a report: a deadline that
    names no date ("within one month of the session") or a meeting with no number is read, and
    answered from its sentence, but has no row until the schema has a place for it."""
    return all(record.get(f.name) not in (None, "") for f in KINDS[kind] if f.required)


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
            kb.update(kind, old["id"], fields, actor)  # the store keeps only what moved
            result.changed.setdefault(kind, []).append(_label(kind, record))
        else:
            result.unchanged += 1
    for key, old in current.items():
        if key not in seen:
            kb.delete(kind, old["id"], actor)
            result.removed.setdefault(kind, []).append(_label(kind, old))


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


__all__ = ["import_file", "import_text", "ImportResult", "ReportError", "sample_report_path", "SINGULAR"]
