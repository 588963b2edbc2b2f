"""The store: validation, the changes log, deadlines by period, export and load."""

from datetime import date
from typing import get_type_hints

import pytest

from knowledge.record_types import RECORD_TYPES, RecordColumns
from knowledge.schema import KINDS
from knowledge.store import KnowledgeBase, ValidationError


@pytest.fixture
def kb(tmp_path):
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        for title, due in (("A", "1 March 2020"), ("B", "12 March 2020"), ("C", "2 April 2020")):
            kb.add("deadlines", {"title": title, "due": due})
        yield kb


def test_deadlines_between_dates_either_open(kb):
    assert [d["title"] for d in kb.deadlines()] == ["A", "B", "C"]
    assert [d["title"] for d in kb.deadlines(date(2020, 3, 2), date(2020, 3, 31))] == ["B"]
    assert [d["title"] for d in kb.deadlines("2020-03-12")] == ["B", "C"]
    assert [d["title"] for d in kb.deadlines(end="2020-03-12", limit=1)] == ["A"]


def test_every_write_is_logged_with_before_and_after_and_can_be_undone(kb):
    record = kb.deadlines()[0]
    kb.update("deadlines", record["id"], {"due": "5 March 2020"}, actor="slack:U1")
    [change] = kb.history(kind="deadlines", record_id=record["id"], limit=1)
    assert change["actor"] == "slack:U1" and change["fields"]["due"] == ["2020-03-01", "2020-03-05"]
    kb.undo(change["id"])
    assert kb.get("deadlines", record["id"])["due"] == "2020-03-01"
    with pytest.raises(ValidationError, match="already undone"):
        kb.undo(change["id"])


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": "", "due": "1 May 2020"}, "cannot be empty"),
        ({"title": "T", "due": "soon"}, "not a date"),
        ({"title": "T", "due": "1 May 2020", "colour": "red"}, "no field colour"),
        ({"title": "T" * 201, "due": "1 May 2020"}, "at most 200"),
    ],
)
def test_bad_fields_are_refused_with_nothing_written(kb, fields, message):
    before = kb.export()
    with pytest.raises(ValidationError, match=message):
        kb.add("deadlines", fields)
    assert kb.export() == before


def test_a_missing_field_is_named_with_the_right_article(kb):
    with pytest.raises(ValidationError, match="^an event needs a name$"):
        kb.add("events", {"place": "Geneva"})


def test_a_meeting_needs_its_number_or_its_date_and_one_without_either_changes_nothing(kb):
    before = kb.export()
    with pytest.raises(
        ValidationError, match=r"^a meeting needs a number \(e\.g\. --number 35\) or, with none, --start"
    ):
        kb.add("meetings", {"place": "Geneva"})
    assert kb.export() == before
    dated = kb.add("meetings", {"start": "29 April 2026", "place": "Geneva"})
    assert dated["number"] is None and dated["start"] == "2026-04-29"


@pytest.mark.parametrize("value", [["A (B)"], [{"name": "A", "country": 3}], "A, B", {"name": "A"}])
def test_vice_chairs_must_fit_their_shape(kb, value):
    before = kb.export()
    with pytest.raises(ValidationError, match="vice_chairs"):
        kb.add("meetings", {"number": 1, "vice_chairs": value})
    assert kb.export() == before
    saved = kb.add("meetings", {"number": 1, "vice_chairs": [{"name": "A", "country": "B", "represented_by": None}]})
    assert saved["vice_chairs"] == '[{"name": "A", "country": "B", "represented_by": null}]'


def test_a_deleted_id_is_never_given_again_even_to_a_load(kb):
    first = kb.add("deadlines", {"title": "One", "due": "2020-03-01"})
    kb.delete("deadlines", first["id"])
    assert kb.add("deadlines", {"title": "Two", "due": "2020-03-01"})["id"] == first["id"] + 1
    kb.load({"deadlines": [{"id": first["id"], "title": "Three", "due": "2020-03-02"}]})
    assert [r["id"] for r in kb.records("deadlines")][-2:] == [first["id"] + 1, first["id"] + 2]
    assert kb.highest_id_given("deadlines") == first["id"] + 2


def test_re_importing_adds_no_second_copy_of_an_abbreviation(kb, sample_path):
    from knowledge.importer import import_file

    import_file(kb, sample_path)
    count = kb.db["aliases"].count
    import_file(kb, sample_path)
    assert kb.db["aliases"].count == count


def test_unknown_group_is_refused_with_the_groups_there_are(tmp_path):
    kb = KnowledgeBase(tmp_path / "groups.sqlite")
    kb.ensure_group("Working Group on Things", "WGT")
    assert kb.group_named("wgt")["abbreviation"] == "WGT"
    assert kb.group_named("Working Group on Things")["abbreviation"] == "WGT"
    with pytest.raises(ValidationError, match="there is no group 'XYZ'; groups are: WGT"):
        kb.group_named("XYZ")


def test_record_types_mirror_the_schema():
    """knowledge.record_types has one TypedDict per kind, with exactly the kind's columns, and its
    required fields (only those) may not be None: the types mypy checks readers against stay true."""
    common = set(get_type_hints(RecordColumns))
    assert set(RECORD_TYPES) == set(KINDS)
    for kind, fields in KINDS.items():
        hints = get_type_hints(RECORD_TYPES[kind])
        assert set(hints) == common | {f.name for f in fields}, kind
        for f in fields:
            assert (type(None) not in getattr(hints[f.name], "__args__", ())) == f.required, (kind, f.name)
    with KnowledgeBase(":memory:") as kb:
        for kind in KINDS:
            columns = {row[1] for row in kb.conn.execute(f"PRAGMA table_info([{kind}])")}
            assert columns == set(get_type_hints(RECORD_TYPES[kind])), kind


def test_each_in_memory_knowledge_base_has_its_own_cache_key(tmp_path):
    first, second = KnowledgeBase(":memory:"), KnowledgeBase(":memory:")
    assert first.cache_key != second.cache_key
    assert KnowledgeBase(tmp_path / "a.sqlite").cache_key == KnowledgeBase(tmp_path / "a.sqlite").cache_key
