"""Precision and recall of the records read from labelled reports, per kind, per report.

Each file in tests/records/ names a report and lists, for the kinds it labels completely, the
records a reader would expect (see tests/records/README.md). A record read that matches no label
lowers precision (junk); a label no record matches lowers recall (missed). Run from the project's
root: ``python benchmarks/bench_records.py [--junk]`` (``--junk`` also prints what did not match).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.extract import read_report_records  # noqa: E402
from knowledge.paragraphs import split_paragraphs  # noqa: E402
from knowledge.reading import read_report  # noqa: E402

LABELS = ROOT / "tests" / "records"


@dataclass
class Score:
    """One kind on one report: how many records were read, how many labels, how many matched."""

    read: int
    expected: int
    matched: int
    junk: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.read if self.read else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def fits(record: dict, label: dict) -> bool:
    """Whether a record read holds every field the label asks for."""
    for name, want in label.items():
        if name.endswith("_contains"):
            have = record.get(name[: -len("_contains")])
            if want is None:
                if have:
                    return False
            elif not have or want.lower() not in str(have).lower():
                return False
        elif record.get(name) != want:
            return False
    return True


def score_kind(records: list[dict], labels: list[dict]) -> Score:
    """Match labels to records one to one, each label to the first unmatched record that fits."""
    free = list(records)
    missed = []
    for label in labels:
        hit = next((r for r in free if fits(r, label)), None)
        if hit is None:
            missed.append(label)
        else:
            free.remove(hit)
    return Score(len(records), len(labels), len(labels) - len(missed), free, missed)


def report_path(spec: dict) -> Path:
    return (ROOT / spec["report"]).resolve()


def score_file(path: Path) -> tuple[str, dict[str, Score]] | None:
    """Every labelled kind of one labelled report, or None when the report is not on this machine."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    report = report_path(spec)
    if not report.exists():
        return None
    extracted = read_report_records(split_paragraphs(read_report(report)), report.stem)
    return path.stem, {
        kind: score_kind(extracted.records.get(kind, []), labels) for kind, labels in spec["labelled"].items()
    }


def all_scores() -> dict[str, dict[str, Score]]:
    out = {}
    for path in sorted(LABELS.glob("*.json")):
        scored = score_file(path)
        if scored:
            out[scored[0]] = scored[1]
    return out


def main() -> int:
    """Print the table, per report and kind, then per kind over all reports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--junk", action="store_true", help="also print the records that matched no label, and the labels missed"
    )
    args = parser.parse_args()
    os.chdir(ROOT)
    print("| report | kind | read | expected | precision | recall |")
    print("|---|---|---|---|---|---|")
    totals: dict[str, list[int]] = {}
    for name, kinds in all_scores().items():
        for kind, s in kinds.items():
            print(f"| {name} | {kind} | {s.read} | {s.expected} | {s.precision:.0%} | {s.recall:.0%} |")
            t = totals.setdefault(kind, [0, 0, 0])
            t[0] += s.read
            t[1] += s.expected
            t[2] += s.matched
            if args.junk:
                for r in s.junk:
                    print(f"    junk: {_label(r)}")
                for label in s.missed:
                    print(f"    missed: {label}")
    for kind, (read, expected, matched) in sorted(totals.items()):
        precision = matched / read if read else 1.0
        recall = matched / expected if expected else 1.0
        print(f"| **all** | {kind} | {read} | {expected} | {precision:.0%} | {recall:.0%} |")
    return 0


def _label(record: dict) -> str:
    keys = ("number", "title", "name", "due", "start", "end", "tier", "role", "when")
    return ", ".join(f"{k}={record[k]!r}" for k in keys if k in record)


if __name__ == "__main__":
    sys.exit(main())
