"""The review list (knowledge.review and `rapporteur review`): learning from delegates' questions."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from knowledge import review
from knowledge.edit_commands import run
from knowledge.store import KnowledgeBase, ValidationError

ACTOR = "slack:U012ABCDEF"


def seed(kb: KnowledgeBase) -> KnowledgeBase:
    kb.add("deadlines", {"title": "Comments on the draft outline", "due": "1 March 2020"}, actor="system:seed")
    kb.add("meetings", {"number": 3, "start": "2019-09-24", "place": "Geneva"}, actor="system:seed")
    return kb


@pytest.fixture
def kb(tmp_path):
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        yield seed(kb)


def snapshot(kb: KnowledgeBase) -> tuple:
    return (
        kb.export(),
        list(kb.db["feedback"].rows),
        list(kb.db["aliases"].rows),
        list(kb.db["changes"].rows),
        sorted(kb.conn.execute("SELECT text, kind, record_id FROM search").fetchall()),
    )


def found_by(kb: KnowledgeBase, word: str) -> list[tuple]:
    return kb.conn.execute("SELECT kind, record_id FROM search WHERE search MATCH ?", [f'"{word}"']).fetchall()


# -- recording ------------------------------------------------------------------------------------


def test_unanswered_questions_and_thumbs_down_are_open(kb):
    unanswered = review.record_unanswered(kb, "  When are   comments\nexpected? ", "U0DELEGATE", "C0CHANNEL")
    assert unanswered["question"] == "When are comments expected?"
    assert (unanswered["verdict"], unanswered["status"]) == ("unanswered", "open")
    down = review.record_feedback(
        kb, "When do we meet?", "The 3rd meeting...", "down", "U0DELEGATE", "C0CHANNEL", kind="meeting", record_id=1
    )
    assert (down["verdict"], down["status"], down["kind"], down["record_id"]) == ("down", "open", "meetings", 1)
    up = review.record_feedback(kb, "When is the outline due?", "1 March 2020", "UP", "U0DELEGATE", "C0CHANNEL")
    assert (up["verdict"], up["status"]) == ("up", None)
    assert [item["id"] for item in review.review_items(kb)] == [down["id"], unanswered["id"]]
    assert kb.db["feedback"].count == 3


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda kb: review.record_unanswered(kb, "   ", "U1", "C1"), "there is no question to record"),
        (lambda kb: review.record_feedback(kb, "q", "a", "meh", "U1", "C1"), "a verdict is 'up' or 'down', not 'meh'"),
        (lambda kb: review.record_feedback(kb, "q", "a", "down", "U1", "C1", kind="widget"), "unknown kind 'widget'"),
        (
            lambda kb: review.record_feedback(kb, "q", "a", "down", "U1", "C1", "deadline", "x"),
            "'x' is not a record id",
        ),
    ],
)
def test_bad_feedback_is_refused_and_changes_nothing(kb, call, message):
    before = snapshot(kb)
    with pytest.raises(ValidationError) as e:
        call(kb)
    assert message in str(e.value)
    assert snapshot(kb) == before


def test_very_long_questions_and_answers_are_cut_not_refused(kb):
    row = review.record_feedback(kb, "why " * 1000, "because " * 1000, "down", "U1", "C1")
    assert len(row["question"]) == review.MAX_QUESTION
    assert len(row["answer"]) == review.MAX_ANSWER


def test_the_same_question_is_one_item_counted(kb):
    first = review.record_unanswered(kb, "When are comments expected?", "U1", "C1")
    review.record_unanswered(kb, "Where do we meet", "U1", "C1")
    second = review.record_unanswered(kb, "when are  COMMENTS expected", "U2", "C2")
    third = review.record_feedback(kb, "<@U0BOT00001> When are comments expected ?!", "x", "down", "U3", "C1")
    items = review.review_items(kb)
    assert len(items) == 2
    assert items[0]["asked"] == 3 and items[0]["id"] == third["id"]
    assert items[0]["item_ids"] == [third["id"], second["id"], first["id"]]
    assert items[1]["asked"] == 1 and items[1]["question"] == "Where do we meet"
    assert review.review_items(kb, limit=1) == items[:1]
    with pytest.raises(ValidationError, match="at least 1"):
        review.review_items(kb, limit=0)


def test_normalise_question():
    assert review.normalise_question("<@U0BOT> \u201cWhen is the outline  DUE?\u201d") == "when is the outline due"
    assert review.normalise_question("?!") == ""


# -- resolving and dismissing --------------------------------------------------------------------


def test_resolve_teaches_the_wording_as_an_alias(kb):
    item = review.record_unanswered(kb, "When are submissions expected?", "U1", "C1")
    copy = review.record_unanswered(kb, "when are submissions expected", "U2", "C2")
    other = review.record_unanswered(kb, "Where do we meet?", "U1", "C1")
    assert found_by(kb, "submissions") == []

    done = review.resolve(kb, item["id"], "deadline", "1", ACTOR)

    assert done.alias == "when are submissions expected"
    assert sorted(done.item_ids) == sorted([item["id"], copy["id"]])
    assert "now means deadline 1 (Comments on the draft outline)" in done.message
    alias = kb.aliases()[0]
    assert alias | {"id": None} == {
        "id": None,
        "group_id": kb.get("deadlines", 1)["group_id"],
        "alias": "when are submissions expected",
        "expansion": "Comments on the draft outline",
        "kind": "deadlines",
        "record_id": 1,
        "origin": "review",
    }
    assert found_by(kb, "submissions") == [("deadlines", 1)]
    statuses = {r["id"]: r["status"] for r in kb.db["feedback"].rows}
    assert statuses == {item["id"]: "resolved", copy["id"]: "resolved", other["id"]: "open"}
    assert [i["id"] for i in review.review_items(kb)] == [other["id"]]
    change = kb.history(kind="review", limit=1)[0]
    assert (change["id"], change["actor"], change["action"], change["record_id"]) == (
        done.change_id,
        ACTOR,
        "resolve",
        item["id"],
    )


def test_resolve_to_a_meeting_names_it(kb):
    item = review.record_unanswered(kb, "When was the September session?", "U1", "C1")
    done = review.resolve(kb, item["id"], "meetings", 1, ACTOR)
    assert kb.aliases()[0]["expansion"] == "meeting 3"
    assert "now means meeting 1 (meeting 3)" in done.message


def test_resolving_the_same_wording_to_another_record_says_so(kb):
    kb.add("deadlines", {"title": "Replies", "due": "2020-04-01"})
    first = review.record_unanswered(kb, "What is due?", "U1", "C1")
    review.resolve(kb, first["id"], "deadline", 1, ACTOR)
    second = review.record_unanswered(kb, "What is due?", "U1", "C1")
    done = review.resolve(kb, second["id"], "deadline", 2, ACTOR)
    assert "the same wording also means deadline 1" in done.message


def test_dismiss(kb):
    item = review.record_unanswered(kb, "Is lunch provided?", "U1", "C1")
    review.record_unanswered(kb, "is lunch provided", "U2", "C1")
    done = review.dismiss(kb, item["id"], ACTOR)
    assert "dismissed review item" in done.message and "1 other open copies" in done.message
    assert review.review_items(kb) == []
    assert kb.aliases() == []
    assert kb.history(kind="review", limit=1)[0]["action"] == "dismiss"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda kb, i: review.resolve(kb, 999, "deadline", 1, ACTOR), "there is no review item 999"),
        (lambda kb, i: review.resolve(kb, "seven", "deadline", 1, ACTOR), "'seven' is not a review item"),
        (lambda kb, i: review.resolve(kb, i["open"], "deadline", 99, ACTOR), "there is no deadline with id 99"),
        (lambda kb, i: review.resolve(kb, i["open"], "widget", 1, ACTOR), "unknown kind 'widget'"),
        (lambda kb, i: review.resolve(kb, i["open"], "deadline", "one", ACTOR), "'one' is not a record id"),
        (lambda kb, i: review.resolve(kb, i["done"], "deadline", 1, ACTOR), "is already dismissed"),
        (lambda kb, i: review.resolve(kb, i["up"], "deadline", 1, ACTOR), "is a thumbs-up, not on the review list"),
        (lambda kb, i: review.resolve(kb, i["long"], "deadline", 1, ACTOR), "too long to learn as a question"),
        (lambda kb, i: review.resolve(kb, i["empty"], "deadline", 1, ACTOR), "has no words to learn"),
        (lambda kb, i: review.dismiss(kb, i["done"], ACTOR), "is already dismissed"),
        (lambda kb, i: review.dismiss(kb, -1, ACTOR), "'-1' is not a review item"),
    ],
)
def test_refused_resolve_or_dismiss_changes_nothing(kb, call, message):
    items = {
        "open": review.record_unanswered(kb, "When are comments expected?", "U1", "C1")["id"],
        "done": review.record_unanswered(kb, "Is lunch provided?", "U1", "C1")["id"],
        "up": review.record_feedback(kb, "When?", "Then", "up", "U1", "C1")["id"],
        "long": review.record_unanswered(kb, "why " * 100, "U1", "C1")["id"],
        "empty": review.record_unanswered(kb, "???", "U1", "C1")["id"],
    }
    review.dismiss(kb, items["done"], ACTOR)
    before = snapshot(kb)
    with pytest.raises(ValidationError) as e:
        call(kb, items)
    assert message in str(e.value)
    assert snapshot(kb) == before


def test_undo_of_a_resolve_forgets_the_alias_and_reopens(kb):
    item = review.record_unanswered(kb, "When are submissions expected?", "U1", "C1")
    before = snapshot(kb)
    review.resolve(kb, item["id"], "deadline", 1, ACTOR)
    result = run(kb, "undo", ACTOR)
    assert result.ok and result.kind == "review"
    assert kb.aliases() == []
    assert found_by(kb, "submissions") == []
    assert [i["id"] for i in review.review_items(kb)] == [item["id"]]
    exported, feedback, aliases, changes, search = snapshot(kb)
    assert (exported, feedback, aliases, search) == (before[0], before[1], before[2], before[4])
    assert [c["action"] for c in changes[-2:]] == ["resolve", "undo"]


def test_undo_of_a_resolve_is_refused_once_the_items_moved_on(kb):
    item = review.record_unanswered(kb, "When are submissions expected?", "U1", "C1")
    review.resolve(kb, item["id"], "deadline", 1, ACTOR)
    kb.db["feedback"].update(item["id"], {"status": "dismissed"})  # someone else settled it otherwise
    before = snapshot(kb)
    with pytest.raises(ValidationError, match="have changed since; nothing was undone"):
        run(kb, "undo", ACTOR)
    assert snapshot(kb) == before


# -- command line ---------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite"
    with KnowledgeBase(path) as kb:
        seed(kb)
        review.record_unanswered(kb, "When are submissions expected?", "U1", "C1")
        review.record_unanswered(kb, "when are submissions expected", "U2", "C1")
        review.record_feedback(
            kb,
            "When do we meet?",
            "The third meeting was held in Geneva.",
            "down",
            "U1",
            "C1",
            kind="meetings",
            record_id=1,
        )
    return str(path)


def test_cli_review_lists_open_items(db, capsys):
    assert main(["--db", db, "review"]) == 0
    out = capsys.readouterr().out
    assert "not answered, asked 2 times: when are submissions expected" in out
    assert "thumbs down: When do we meet?" in out
    assert "answered (from meeting 1): The third meeting was held in Geneva." in out
    assert main(["review", "--json", "--db", db]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["id"], i["asked"]) for i in items] == [(2, 2), (3, 1)]


def test_cli_resolve_and_dismiss(db, capsys):
    assert main(["--db", db, "review", "resolve", "1", "deadline", "1"]) == 0
    out = capsys.readouterr().out
    assert "now means deadline 1 (Comments on the draft outline)" in out and "(change " in out
    assert main(["review", "dismiss", "3", "--db", db]) == 0
    assert "dismissed review item 3" in capsys.readouterr().out
    assert main(["--db", db, "review"]) == 0
    assert capsys.readouterr().out.strip() == "the review list is empty"
    with KnowledgeBase(db) as kb:
        assert [a["alias"] for a in kb.aliases()] == ["when are submissions expected"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["review", "resolve", "99", "deadline", "1"], "there is no review item 99"),
        (["review", "resolve", "1", "deadline", "42"], "there is no deadline with id 42"),
        (["review", "resolve", "1", "widget", "1"], "unknown kind 'widget'"),
        (["review", "resolve", "x", "deadline", "1"], "'x' is not a review item"),
        (["review", "dismiss", "99"], "there is no review item 99"),
        (["review", "--limit", "0"], "at least 1"),
    ],
)
def test_cli_refusals_exit_2_with_one_line_and_change_nothing(db, capsys, argv, message):
    with KnowledgeBase(db) as kb:
        before = snapshot(kb)
    assert main(["--db", db, *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("rapporteur: error: ")
    assert message in captured.err
    with KnowledgeBase(db) as kb:
        assert snapshot(kb) == before


def test_cli_resolve_needs_all_its_arguments(db):
    with pytest.raises(SystemExit) as e:
        main(["--db", db, "review", "resolve", "1", "deadline"])
    assert e.value.code == 2
