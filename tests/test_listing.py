"""knowledge.listing: the lists and counts behind /wg, and which records a question probably meant."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge import listing
from knowledge.store import KnowledgeBase


@pytest.fixture
def kb(tmp_path):
    with KnowledgeBase(tmp_path / "l.sqlite") as kb:
        kb.add("partners", {"name": "UNICEF", "tier": "Tier 1"})
        kb.add("partners", {"name": "Youth Forum", "tier": "Tier 2"})
        kb.add("partners", {"name": "Percent Club", "tier": "100% partner"})
        kb.add("documents", {"symbol": "A/HRC/WG.6/35/L.1", "title": "Draft report"})
        kb.add("documents", {"symbol": "A/HRC/WG.6/35/L.10", "title": "Another draft"})
        kb.add("recommendations", {"topic": "youth", "text": "Increase youth participation."})
        kb.add("recommendations", {"topic": "youth", "text": "Fund youth delegates."})
        kb.add("recommendations", {"topic": "gender", "text": "Report on gender_balance."})
        kb.add("meetings", {"number": 36, "start": "2021-02-06"})
        kb.add("meetings", {"number": 35, "start": "2020-02-06"})
        kb.add("deadlines", {"title": "Far", "due": "2021-01-01"})
        kb.add("deadlines", {"title": "Near", "due": "2020-03-12"})
        yield kb


@pytest.mark.parametrize(
    "tier, names",
    [
        (None, ["Percent Club", "UNICEF", "Youth Forum"]),
        ("tier 1", ["UNICEF"]),
        ("TIER", ["UNICEF", "Youth Forum"]),
        ("%", ["Percent Club"]),  # taken literally, not as a wildcard
        ("_", []),
    ],
)
def test_partners_by_tier(kb, tier, names):
    assert [p["name"] for p in listing.partners(kb, tier)] == names


@pytest.mark.parametrize(
    "symbol, found",
    [
        ("a/hrc/wg.6/35/l.1", ["A/HRC/WG.6/35/L.1"]),  # the exact symbol wins over those containing it
        ("35/L", ["A/HRC/WG.6/35/L.1", "A/HRC/WG.6/35/L.10"]),
        ("another", ["A/HRC/WG.6/35/L.10"]),
        ("nothing", []),
    ],
)
def test_documents_by_symbol_or_title(kb, symbol, found):
    assert [d["symbol"] for d in listing.documents(kb, symbol)] == found


def test_recommendations_and_their_topics(kb):
    assert listing.recommendation_topics(kb) == [("gender", 1), ("youth", 2)]
    assert len(listing.recommendations(kb, "youth")) == 2
    assert [r["topic"] for r in listing.recommendations(kb, "_")] == ["gender"]  # only the literal underscore
    assert len(listing.recommendations(kb, "youth", limit=1)) == 1


def test_meetings_by_number(kb):
    assert [m["number"] for m in listing.meetings(kb)] == [35, 36]
    assert listing.meeting(kb, 36)["start"] == "2021-02-06" and listing.meeting(kb, 99) is None


def test_likely_records_fill_with_the_nearest_deadlines_each_once(kb):
    likely = listing.likely_records(kb, "qwertyuiop zxcvb", date(2020, 3, 10), limit=5)
    assert [(kind, r.get("title") or r.get("number")) for kind, r in likely][:2] == [
        ("deadlines", "Near"),
        ("deadlines", "Far"),
    ]
    assert len(likely) == len({(k, r["id"]) for k, r in likely}) <= 5
