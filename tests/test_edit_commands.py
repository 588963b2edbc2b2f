"""Edit commands typed as text (knowledge.edit_commands): parsing, carrying out, undo."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from knowledge import admins, review
from knowledge.edit_commands import EditCommand, execute, help_text, parse, run, undo_change
from knowledge.store import KnowledgeBase, ValidationError

ACTOR = "slack:U012ABCDEF"


def seed(kb: KnowledgeBase) -> KnowledgeBase:
    kb.add("deadlines", {"title": "Comments on the draft outline", "due": "1 March 2020"}, actor="system:seed")
    kb.add(
        "meetings", {"number": 3, "start": "2019-09-24", "end": "2019-09-25", "place": "Geneva"}, actor="system:seed"
    )
    kb.add("events", {"name": "Global Forum", "start": "2020-02-06", "end": "2020-02-07"}, actor="system:seed")
    kb.add("partners", {"name": "Acme Logistics", "tier": "Silver"}, actor="system:seed")
    return kb


@pytest.fixture
def kb(tmp_path):
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        yield seed(kb)


def snapshot(kb: KnowledgeBase) -> tuple:
    """Everything a command could change."""
    return (
        kb.export(),
        list(kb.db["changes"].rows),
        list(kb.db["aliases"].rows),
        list(kb.db["admins"].rows),
        list(kb.db["feedback"].rows),
        sorted(kb.conn.execute("SELECT text, kind, record_id FROM search").fetchall()),
    )


# -- parsing ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "add deadline Comments on the draft outline by 1 March 2020",
            EditCommand("add", "deadlines", None, {"title": "Comments on the draft outline", "due": "2020-03-01"}),
        ),
        (
            "add deadline Comments on the draft outline due 1 March 2020",
            EditCommand("add", "deadlines", None, {"title": "Comments on the draft outline", "due": "2020-03-01"}),
        ),
        (
            "ADD Deadline Comments by delegates, due on 2020-03-01.",
            EditCommand("add", "deadlines", None, {"title": "Comments by delegates", "due": "2020-03-01"}),
        ),
        (
            "add deadlines   Replies\nby March 1, 2020",
            EditCommand("add", "deadlines", None, {"title": "Replies", "due": "2020-03-01"}),
        ),
        ("edit deadline 12 due 20 March 2020", EditCommand("edit", "deadlines", 12, {"due": "2020-03-20"})),
        ("edit deadline #12 due: 20 March 2020", EditCommand("edit", "deadlines", 12, {"due": "2020-03-20"})),
        ("change deadline 12 date to 20 March 2020", EditCommand("edit", "deadlines", 12, {"due": "2020-03-20"})),
        ("edit deadline 12 title New title", EditCommand("edit", "deadlines", 12, {"title": "New title"})),
        (
            "edit deadline 12 send to secretariat@example.org",
            EditCommand("edit", "deadlines", 12, {"send_to": "secretariat@example.org"}),
        ),
        (
            "edit deadline 12 original_due 1 February 2020",
            EditCommand("edit", "deadlines", 12, {"original_due": "2020-02-01"}),
        ),
        ("delete deadline 12", EditCommand("delete", "deadlines", 12)),
        ("remove deadline #12", EditCommand("delete", "deadlines", 12)),
        (
            "add event Global Forum from 6 to 7 February 2020 in Geneva",
            EditCommand(
                "add",
                "events",
                None,
                {"name": "Global Forum", "start": "2020-02-06", "end": "2020-02-07", "place": "Geneva"},
            ),
        ),
        (
            "add event Forum on trade from 28 February to 3 March 2020, in Geneva, Switzerland",
            EditCommand(
                "add",
                "events",
                None,
                {"name": "Forum on trade", "start": "2020-02-28", "end": "2020-03-03", "place": "Geneva, Switzerland"},
            ),
        ),
        (
            "add event Webinar on 6 February 2020",
            EditCommand("add", "events", None, {"name": "Webinar", "start": "2020-02-06", "end": "2020-02-06"}),
        ),
        (
            "add event Workshop from 2020-02-06 to 2020-02-07 at Palais des Nations",
            EditCommand(
                "add",
                "events",
                None,
                {"name": "Workshop", "start": "2020-02-06", "end": "2020-02-07", "place": "Palais des Nations"},
            ),
        ),
        ("add event Third Global Forum", EditCommand("add", "events", None, {"name": "Third Global Forum"})),
        (
            "add meeting 26 from 6 to 7 February 2020 in Geneva",
            EditCommand(
                "add", "meetings", None, {"number": 26, "start": "2020-02-06", "end": "2020-02-07", "place": "Geneva"}
            ),
        ),
        ("edit meeting 3 start 25 September 2019", EditCommand("edit", "meetings", 3, {"start": "2019-09-25"})),
        ("edit meeting 3 chair country Portugal", EditCommand("edit", "meetings", 3, {"chair_country": "Portugal"})),
        (
            "edit meeting 3 chair Ms Leonor Vasconcelos",
            EditCommand("edit", "meetings", 3, {"chair": "Ms Leonor Vasconcelos"}),
        ),
        (
            "edit event 4 dates 8-9 February 2020",
            EditCommand("edit", "events", 4, {"start": "2020-02-08", "end": "2020-02-09"}),
        ),
        (
            "add partner Acme Logistics tier Gold",
            EditCommand("add", "partners", None, {"name": "Acme Logistics", "tier": "Gold"}),
        ),
        (
            "add partner Tier One Partners tier Gold event Global Forum",
            EditCommand(
                "add", "partners", None, {"name": "Tier One Partners", "tier": "Gold", "event": "Global Forum"}
            ),
        ),
        ("add partner Acme", EditCommand("add", "partners", None, {"name": "Acme"})),
        (
            "add person Maria Rossi role Chair country Italy",
            EditCommand("add", "people", None, {"name": "Maria Rossi", "role": "Chair", "country": "Italy"}),
        ),
        (
            "add recommendation Data exchange: Member States should share their data",
            EditCommand(
                "add",
                "recommendations",
                None,
                {"topic": "Data exchange", "text": "Member States should share their data"},
            ),
        ),
        (
            "add recommendation Member States should share their data",
            EditCommand("add", "recommendations", None, {"text": "Member States should share their data"}),
        ),
        (
            "add document ECE/TRADE/C/CEFACT/2020/5 Draft outline of the report",
            EditCommand(
                "add",
                "documents",
                None,
                {"symbol": "ECE/TRADE/C/CEFACT/2020/5", "title": "Draft outline of the report"},
            ),
        ),
        (
            "add document C21-CWGCOP12-C-0002 Progress report",
            EditCommand("add", "documents", None, {"symbol": "C21-CWGCOP12-C-0002", "title": "Progress report"}),
        ),
        ("undo", EditCommand("undo")),
        ("  Undo ", EditCommand("undo")),
    ],
)
def test_parse(text, expected):
    assert parse(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "there is no command"),
        ("frobnicate deadline 12", "I don't know the command 'frobnicate'"),
        ("add", "add what? For example: add deadline"),
        (
            "add deadln Comments by 1 March 2020",
            "I don't know the kind 'deadln'; use one of: meeting, document, deadline",
        ),
        ("add deadln Comments by 1 March 2020", "Did you mean deadline?"),
        ("add deadline", "add which deadline?"),
        ("add deadline Comments on the draft outline", "a deadline needs a date: add deadline TITLE by DATE"),
        ("add deadline by 1 March 2020", "a deadline needs a title"),
        ("add deadline Comments by 1 March", "'1 March' has no year"),
        ("add deadline Comments by 03/04/2020", "could be read two ways"),
        ("add deadline Comments by 31 February 2020", "'31 February 2020' is not a date"),
        ("add deadline Comments by next Tuesday", "'next Tuesday' is not a date"),
        ("add deadline " + "x" * 201 + " by 1 March 2020", "the title is 201 characters; at most 200 are allowed"),
        ("edit deadline", "edit which deadline?"),
        ("edit deadline twelve due 1 March 2020", "'twelve' is not a deadline id; ids are numbers"),
        ("edit deadline 12", "what should change in deadline 12?"),
        ("edit deadline 12 titel New title", "a deadline has no field 'titel'; fields are: title, due"),
        ("edit deadline 12 titel New title", "Did you mean title?"),
        ("edit deadline 12 title", "give the new title"),
        ("edit deadline 12 title " + "y" * 201, "the title is 201 characters"),
        ("edit deadline 12 due soon", "'soon' is not a date"),
        ("edit deadline 12 key abc", "has no field 'key'"),
        ("edit deadline 12 group_id 2", "has no field 'group_id'"),
        ("edit meeting 3 vice chairs Ms X", "vice_chairs is a list"),
        ("edit meeting 3 number three", "the number must be a whole number"),
        ("edit event 4 dates Geneva", "'Geneva' are not dates"),
        ("delete deadline", "delete which deadline?"),
        ("delete deadline 12 now", "delete takes only the id"),
        ("delete deadline 1.5", "'1.5' is not a deadline id"),
        ("add event from 6 to 7 February 2020 in Geneva", "an event needs a name"),
        ("add event Forum from 6 to 7 February in Geneva", "has no year"),
        (
            "add event Forum from 6 to 7 February 2020 Geneva",
            "I could not read 'Geneva' after the dates; name the place as 'in Geneva'",
        ),
        ("add event Forum from 6 to 7 Febtober 2020", "I could not read the dates"),
        ("add event Forum from 31 February 2020", "I could not read the dates"),
        ("add deadline Comments by 1 Marchy 2020", "'1 Marchy 2020' is not a date"),
        ("add event Forum 1 March 2020 and 5 March 2020 and 9 March 2020", "more dates than one start and end"),
        ("add meeting twenty from 6 to 7 February 2020", "the meeting number must be a whole number"),
        ("add partner Acme tier", "give the tier after 'tier'"),
        ("add partner Acme tier Gold tier Silver", "'tier' is given twice"),
        ("add partner tier Gold", "a partner needs a name first"),
        ("add recommendation Topic:", "a recommendation needs its text"),
        ("add document Draft outline", "'Draft' does not look like a document symbol"),
        ("add document ECE/TRADE/2020/5", "a document needs a title after its symbol"),
        ("undo everything", "write undo on its own"),
    ],
)
def test_bad_commands_say_what_is_wrong(text, message):
    with pytest.raises(ValidationError) as e:
        parse(text)
    assert message in str(e.value)


@pytest.mark.parametrize(
    "text",
    [
        "add deadline Comments on the draft outline",
        "add deadline Comments by 1 March",
        "edit deadline 12",
        "edit deadline 12 titel x",
        "add event Forum from 6 to 7 February 2020 Geneva",
        "add document Draft outline",
        "frobnicate",
        "add deadln x by 1 March 2020",
    ],
)
def test_messages_show_the_right_form(text):
    with pytest.raises(ValidationError) as e:
        parse(text)
    assert "for example" in str(e.value).lower() or "I understand" in str(e.value)


def test_help_lists_every_form():
    text = help_text()
    for form in (
        "add deadline",
        "add event",
        "add partner",
        "add recommendation",
        "add document",
        "edit meeting 3 start",
        "delete deadline 12",
        "undo",
    ):
        assert form in text


# -- carrying out ---------------------------------------------------------------------------------


def test_add_deadline(kb):
    result = run(kb, "add deadline Replies to the questionnaire by 15 April 2020", ACTOR)
    assert result.ok and result.action == "add" and result.kind == "deadlines"
    assert result.record["title"] == "Replies to the questionnaire"
    assert result.record["due"] == "2020-04-15"
    assert (
        result.message == f"added deadline {result.record['id']}: Replies to the questionnaire \u2014 due 15 April 2020"
    )
    change = kb.history(limit=1)[0]
    assert (change["id"], change["actor"], change["action"], change["record_id"]) == (
        result.change_id,
        ACTOR,
        "add",
        result.record["id"],
    )
    assert kb.get("deadlines", result.record["id"])["group_id"] == kb.default_group_id()


def test_add_goes_to_the_group_given(kb):
    other = kb.ensure_group("Other working group", "OWG")
    result = run(kb, "add partner Beta Corp tier Gold", ACTOR, group_id=other)
    assert result.record["group_id"] == other


def test_a_200_character_title_is_fine(kb):
    result = run(kb, "add deadline " + "x" * 200 + " by 1 March 2020", ACTOR)
    assert len(result.record["title"]) == 200


def test_edit_deadline(kb):
    result = run(kb, "edit deadline 1 due 20 March 2020", ACTOR)
    assert result.ok and result.record["due"] == "2020-03-20"
    assert result.message == "changed deadline 1: due 1 March 2020 \u2192 20 March 2020"
    change = kb.history(limit=1)[0]
    assert change["id"] == result.change_id
    assert change["fields"]["due"] == ["2020-03-01", "2020-03-20"]
    result = run(kb, "edit deadline 1 title New title", ACTOR)
    assert kb.get("deadlines", 1)["title"] == "New title"


def test_edit_meeting_start(kb):
    result = run(kb, "edit meeting 1 start 23 September 2019", ACTOR)
    assert result.record["start"] == "2019-09-23" and result.record["end"] == "2019-09-25"


def test_edit_that_changes_nothing_is_not_logged(kb):
    before = snapshot(kb)
    result = run(kb, "edit deadline 1 due 1 March 2020", ACTOR)
    assert not result.ok and "already says that; nothing changed" in result.message
    assert result.change_id is None
    assert snapshot(kb) == before


def test_delete(kb):
    result = run(kb, "delete partner 1", ACTOR)
    assert result.ok and result.message == "deleted partner 1: Acme Logistics (Silver)"
    assert kb.get("partners", 1) is None
    assert kb.history(limit=1)[0]["action"] == "delete"


@pytest.mark.parametrize(
    "text, message",
    [
        ("edit deadline 99 title x", "there is no deadline with id 99"),
        ("delete deadline 99", "there is no deadline with id 99"),
        ("edit deadline 999999999999999999 title x", "there is no deadline with id 999999999999999999"),
        ("edit meeting 1 start 1 October 2019", "would end (25 September 2019) before it starts (1 October 2019)"),
        ("edit event 1 end 1 February 2020", "would end (1 February 2020) before it starts"),
        ("add deadline Comments by 1 March", "has no year"),
        ("edit partner 1 name " + "z" * 201, "the name is 201 characters"),
    ],
)
def test_refused_commands_change_nothing(kb, text, message):
    before = snapshot(kb)
    with pytest.raises(ValidationError) as e:
        run(kb, text, ACTOR)
    assert message in str(e.value)
    assert snapshot(kb) == before


def test_execute_refuses_a_command_it_cannot_carry_out(kb):
    before = snapshot(kb)
    with pytest.raises(ValidationError):
        execute(kb, EditCommand("add", "widgets", None, {"name": "x"}), ACTOR)
    with pytest.raises(ValidationError, match="For example"):  # the store's validation, with an example
        execute(kb, EditCommand("add", "deadlines", None, {"title": "x"}), ACTOR)
    assert snapshot(kb) == before


# -- undo -----------------------------------------------------------------------------------------


def test_undo_takes_back_your_own_last_change_then_the_one_before(kb):
    added = run(kb, "add deadline Replies by 15 April 2020", ACTOR)
    run(kb, "edit deadline 1 due 20 March 2020", ACTOR)
    run(kb, "add partner Beta Corp", "slack:U0OTHER001")  # someone else's change, after mine

    first = run(kb, "undo", ACTOR)
    assert first.ok and first.action == "undo"
    assert "undid change" in first.message and "changed deadline 1" in first.message
    assert kb.get("deadlines", 1)["due"] == "2020-03-01"
    assert kb.get("partners", 2) is not None  # the other person's change stays

    second = run(kb, "undo", ACTOR)
    assert "added deadline" in second.message and "no longer exists" in second.message
    assert kb.get("deadlines", added.record["id"]) is None
    assert kb.history(limit=1)[0]["id"] == second.change_id

    with pytest.raises(ValidationError, match="you have no change to undo"):
        run(kb, "undo", ACTOR)


def test_undo_of_a_delete_restores_the_record(kb):
    run(kb, "delete deadline 1", ACTOR)
    result = run(kb, "undo", ACTOR)
    assert "it is now Comments on the draft outline" in result.message
    assert kb.get("deadlines", 1)["title"] == "Comments on the draft outline"


def test_undo_is_refused_when_someone_changed_the_record_since(kb):
    run(kb, "edit deadline 1 due 20 March 2020", ACTOR)
    run(kb, "edit deadline 1 title Revised title", "slack:U0OTHER001")
    before = snapshot(kb)
    with pytest.raises(ValidationError) as e:
        run(kb, "undo", ACTOR)
    assert "deadline 1 has changed since change" in str(e.value)
    assert "by slack:U0OTHER001" in str(e.value)
    assert snapshot(kb) == before
    run(kb, "undo", "slack:U0OTHER001")  # once the later change is undone, mine can be
    run(kb, "undo", ACTOR)
    assert kb.get("deadlines", 1)["due"] == "2020-03-01"


def test_undo_change_by_id_refuses_unknown_and_undone_changes(kb):
    result = run(kb, "add partner Beta Corp", ACTOR)
    run(kb, "undo", ACTOR)
    with pytest.raises(ValidationError, match=f"change {result.change_id} was already undone"):
        undo_change(kb, result.change_id, ACTOR)
    with pytest.raises(ValidationError, match="there is no change 9999"):
        undo_change(kb, 9999, ACTOR)


def test_undo_reaches_admin_and_review_changes(kb):
    admins.add_admin(kb, "U0AAAAAAAA", ACTOR)
    item = review.record_unanswered(kb, "When are comments due?", "U0DELEGATE", "C0CHANNEL")
    review.resolve(kb, item["id"], "deadline", 1, ACTOR)
    assert "review items" in run(kb, "undo", ACTOR).message
    assert review.review_items(kb)[0]["id"] == item["id"]
    assert "no longer an admin" in run(kb, "undo", ACTOR).message
    assert not admins.is_admin(kb, "U0AAAAAAAA")


# -- property: arbitrary text never breaks anything ------------------------------------------------


@pytest.fixture(scope="module")
def shared_kb():
    with KnowledgeBase(":memory:") as kb:
        yield seed(kb)


WORDS = st.sampled_from(
    [
        "add",
        "edit",
        "delete",
        "undo",
        "deadline",
        "event",
        "meeting",
        "partner",
        "recommendation",
        "document",
        "person",
        "by",
        "due",
        "from",
        "to",
        "in",
        "on",
        "tier",
        "role",
        "title",
        "start",
        "end",
        "dates",
        "number",
        "1",
        "3",
        "12",
        "99",
        "2020",
        "1 March 2020",
        "6-7 February 2020",
        "March",
        "31 February 2020",
        "#2",
        ":",
        ",",
        "/",
        "ECE/2020/5",
        "\u2013",
        "vice chairs",
        "Geneva",
        "Gold",
        "x" * 201,
        "\u017fept",
        "\u0663",
    ]
)


def _check_never_breaks(kb: KnowledgeBase, text: str) -> None:
    before = snapshot(kb)
    try:
        result = run(kb, text, ACTOR)
    except ValidationError as e:  # a ValueError too
        assert str(e)
        assert snapshot(kb) == before, f"a refused command changed the knowledge base: {text!r}"
    else:
        assert isinstance(result.message, str) and result.message
        if not result.ok:
            assert snapshot(kb) == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_arbitrary_text_only_ever_gets_a_validation_error(shared_kb, text):
    _check_never_breaks(shared_kb, text)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.one_of(WORDS, st.text(min_size=1, max_size=12)), min_size=1, max_size=9))
def test_command_like_text_only_ever_gets_a_validation_error(shared_kb, words):
    _check_never_breaks(shared_kb, " ".join(words))


PREFIXES = st.sampled_from(
    [
        "add deadline",
        "add event",
        "add meeting",
        "add partner",
        "add person",
        "add recommendation",
        "add document",
        "edit deadline 1",
        "edit deadline 1 due",
        "edit meeting 1",
        "edit event 1 dates",
        "edit partner 1 tier",
        "delete partner",
        "delete deadline",
    ]
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=PREFIXES, words=st.lists(st.one_of(WORDS, st.text(min_size=1, max_size=12)), max_size=8))
def test_commands_with_arbitrary_arguments_only_ever_get_a_validation_error(shared_kb, prefix, words):
    _check_never_breaks(shared_kb, " ".join([prefix, *words]))


def test_export_is_json_clean_after_text_edits(kb):
    run(kb, "add recommendation Data exchange: Share \u201cdata\u201d & more", ACTOR)
    assert json.loads(json.dumps(kb.export()))["recommendations"][0]["topic"] == "Data exchange"


def test_undo_skips_changes_it_cannot_reverse(kb):
    run(kb, "edit deadline 1 due 20 March 2020", ACTOR)
    kb.db["changes"].insert(
        {"at": "2020-01-01T00:00:00+00:00", "actor": ACTOR, "action": "add", "kind": "subscriptions", "record_id": 1}
    )  # logged by some other part
    result = run(kb, "undo", ACTOR)
    assert "changed deadline 1" in result.message
    assert kb.get("deadlines", 1)["due"] == "2020-03-01"
