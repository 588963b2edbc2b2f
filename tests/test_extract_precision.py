"""Precision, not only recall: on every labelled report (tests/records/), a record read that matches
no label is junk, and these tests fail when junk appears, as well as when a record goes missing."""

from __future__ import annotations

import pytest

from benchmarks.bench_records import LABELS, all_scores, fits, score_kind

SCORES = all_scores()

# Below these, a kind has got worse than it is now on the labelled reports taken together.
FLOORS = {
    "deadlines": (1.0, 0.94),
    "events": (1.0, 0.92),
    "meetings": (0.93, 1.0),
    "partners": (1.0, 1.0),
    "people": (1.0, 1.0),
}


def test_labelled_reports_are_found():
    assert len(SCORES) >= 3, f"labelled reports missing from {LABELS}"


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_precision_and_recall_per_kind_stay_at_their_floor(kind):
    read = expected = matched = 0
    for kinds in SCORES.values():
        if kind in kinds:
            s = kinds[kind]
            read, expected, matched = read + s.read, expected + s.expected, matched + s.matched
    precision, recall = (matched / read if read else 1.0), (matched / expected if expected else 1.0)
    floor_p, floor_r = FLOORS[kind]
    assert precision >= floor_p and recall >= floor_r, (kind, precision, recall)


@pytest.mark.parametrize("report", sorted(SCORES))
def test_no_junk_partner_and_no_deadline_titled_deadline(report):
    kinds = SCORES[report]
    if "partners" in kinds:
        assert not kinds["partners"].junk, kinds["partners"].junk
    for kind in kinds.values():
        for record in kind.junk:
            assert record.get("title") not in ("Deadline", "To submit additional information"), record


def test_a_junk_record_lowers_precision_and_a_missing_one_recall():
    labels = [{"name": "UAE", "tier": "Platinum"}]
    s = score_kind([{"name": "UAE", "tier": "Platinum"}, {"name": "Status update", "tier": "Partner"}], labels)
    assert (s.precision, s.recall, [r["name"] for r in s.junk]) == (0.5, 1.0, ["Status update"])
    s = score_kind([], labels)
    assert (s.precision, s.recall) == (1.0, 0.0)
    assert fits({"title": "Comments on the outline"}, {"title_contains": "outline"})
    assert not fits({"number": 3}, {"number": None})
