"""Admins: who may change the knowledge base from Slack (knowledge.admins and `rapporteur admins`)."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from knowledge import admins, edit_commands
from knowledge.store import KnowledgeBase, ValidationError

ENV = "U0ENV00001, <@W0ENV00002|grid>"


@pytest.fixture
def kb(tmp_path):
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        yield kb


def state(kb: KnowledgeBase) -> tuple:
    """Everything an admin command could touch."""
    return list(kb.db["admins"].rows), list(kb.db["changes"].rows)


# -- user IDs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "U012ABCDEF",
        " U012ABCDEF ",
        "@U012ABCDEF",
        "<@U012ABCDEF>",
        "<@U012ABCDEF|maria>",
        "<@U012ABCDEF|Maria Rossi>",
    ],
)
def test_user_id_forms_are_accepted(text):
    assert admins.normalise_user_id(text) == "U012ABCDEF"


def test_enterprise_grid_ids_are_accepted():
    assert admins.normalise_user_id("W012ABCDEF") == "W012ABCDEF"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "give a Slack user ID"),
        ("   ", "give a Slack user ID"),
        ("maria", "'maria' is not a Slack user ID"),
        ("@maria", "is not a Slack user ID"),
        ("walter", "Copy member ID"),  # not "did you mean WALTER"
        ("u012abcdef", "written in capitals, e.g. U012ABCDEF"),
        ("C012ABCDEF", "is not a Slack user ID"),  # a channel
        ("U012 ABCDEF", "is not a Slack user ID"),
        ("<@maria>", "is not a Slack user ID"),
        ("x" * 500, "..."),
    ],
)
def test_bad_user_ids_get_a_clear_message_with_an_example(text, expected):
    with pytest.raises(ValidationError) as e:
        admins.normalise_user_id(text)
    assert expected in str(e.value)
    assert "U012ABCDEF" in str(e.value)
    assert len(str(e.value)) < 250


def test_env_setting_is_split_and_bad_entries_reported_not_raised():
    valid, invalid = admins.parse_env_admins(" U0ENV00001,, <@W0ENV00002|grid>, bogus, U0ENV00001 ")
    assert valid == ["U0ENV00001", "W0ENV00002"]
    assert invalid == ["bogus"]
    assert admins.parse_env_admins(None) == ([], [])
    assert admins.parse_env_admins(["U0ENV00001"]) == (["U0ENV00001"], [])


# -- is_admin, add, remove, list ----------------------------------------------------------------------


def test_is_admin_from_env_and_from_the_knowledge_base(kb):
    assert admins.is_admin(kb, "U0ENV00001", ENV)
    assert admins.is_admin(kb, "<@W0ENV00002>", ENV)
    assert not admins.is_admin(kb, "U012ABCDEF", ENV)
    admins.add_admin(kb, "U012ABCDEF", "slack:U0ENV00001", ENV)
    assert admins.is_admin(kb, "U012ABCDEF", ENV)
    assert admins.is_admin(kb, "U012ABCDEF", None)
    assert not admins.is_admin(kb, "U0ENV00001", None)


@pytest.mark.parametrize("user_id", ["", "maria", None, "<@>", "u0env00001"])
def test_is_admin_is_false_not_an_error_for_bad_ids(kb, user_id):
    assert admins.is_admin(kb, user_id, ENV) is False


def test_add_admin_records_the_change(kb):
    done = admins.add_admin(kb, "<@U012ABCDEF|maria>", "slack:U0ENV00001", ENV)
    assert done.user_id == "U012ABCDEF"
    assert "U012ABCDEF is now an admin" in done.message
    change = next(kb.db["changes"].rows_where("id = ?", [done.change_id]))
    assert change["kind"] == "admins"
    assert change["action"] == "add"
    assert change["actor"] == "slack:U0ENV00001"
    assert change["before"] is None
    assert json.loads(change["after"])["user_id"] == "U012ABCDEF"
    assert json.loads(change["after"])["added_by"] == "slack:U0ENV00001"


def test_adding_an_admin_twice_is_refused_and_changes_nothing(kb):
    admins.add_admin(kb, "U012ABCDEF", "cli:test")
    before = state(kb)
    with pytest.raises(ValidationError, match="already an admin \\(added by cli:test"):
        admins.add_admin(kb, "U012ABCDEF", "cli:other")
    with pytest.raises(ValidationError, match="already an admin \\(named in RAPPORTEUR_ADMINS"):
        admins.add_admin(kb, "U0ENV00001", "cli:other", ENV)
    with pytest.raises(ValidationError, match="not a Slack user ID"):
        admins.add_admin(kb, "maria", "cli:other", ENV)
    assert state(kb) == before


def test_remove_admin(kb):
    admins.add_admin(kb, "U012ABCDEF", "cli:test")
    done = admins.remove_admin(kb, "U012ABCDEF", "cli:other", ENV)
    assert "no longer an admin" in done.message
    assert not admins.is_admin(kb, "U012ABCDEF", ENV)
    change = next(kb.db["changes"].rows_where("id = ?", [done.change_id]))
    assert (change["kind"], change["action"], change["actor"]) == ("admins", "delete", "cli:other")
    assert json.loads(change["before"])["user_id"] == "U012ABCDEF"
    assert change["after"] is None


def test_env_admins_cannot_be_removed_here(kb):
    before = state(kb)
    with pytest.raises(ValidationError, match="RAPPORTEUR_ADMINS names them; remove them from that setting"):
        admins.remove_admin(kb, "U0ENV00001", "cli:test", ENV)
    with pytest.raises(ValidationError, match="U012ABCDEF is not an admin"):
        admins.remove_admin(kb, "U012ABCDEF", "cli:test", ENV)
    assert state(kb) == before


def test_removing_the_table_row_of_an_env_admin_says_they_stay_admin(kb):
    admins.add_admin(kb, "U0ENV00001", "cli:test")  # added before the setting named them
    done = admins.remove_admin(kb, "U0ENV00001", "cli:test", ENV)
    assert "remain an admin because RAPPORTEUR_ADMINS" in done.message
    assert admins.is_admin(kb, "U0ENV00001", ENV)


def test_list_admins_marks_where_each_comes_from(kb):
    admins.add_admin(kb, "U012ABCDEF", "cli:test")
    admins.add_admin(kb, "U0ENV00001", "cli:test")
    rows = {r["user_id"]: r for r in admins.list_admins(kb, ENV)}
    assert list(rows) == ["U0ENV00001", "W0ENV00002", "U012ABCDEF"]
    assert rows["U0ENV00001"] == {
        "user_id": "U0ENV00001",
        "from_env": True,
        "in_kb": True,
        "removable": False,
        "added_by": "cli:test",
        "added_at": rows["U0ENV00001"]["added_at"],
    }
    assert rows["W0ENV00002"]["from_env"] and not rows["W0ENV00002"]["in_kb"]
    assert rows["U012ABCDEF"]["removable"] and not rows["U012ABCDEF"]["from_env"]
    assert admins.list_admins(kb, None)[0]["user_id"] in ("U012ABCDEF", "U0ENV00001")


# -- undo -----------------------------------------------------------------------------------------


def test_undo_takes_back_an_admin_change(kb):
    admins.add_admin(kb, "U012ABCDEF", "slack:U0ENV00001")
    result = edit_commands.run(kb, "undo", "slack:U0ENV00001")
    assert result.ok and "no longer an admin" in result.message
    assert not admins.is_admin(kb, "U012ABCDEF")
    admins.add_admin(kb, "U0AAAAAAAA", "slack:U1")
    admins.remove_admin(kb, "U0AAAAAAAA", "slack:U1")
    result = edit_commands.run(kb, "undo", "slack:U1")
    assert "an admin again" in result.message
    assert admins.is_admin(kb, "U0AAAAAAAA")
    assert kb.history(kind="admins", limit=1)[0]["action"] == "undo"


def test_undo_of_an_admin_change_is_refused_when_changed_since(kb):
    admins.add_admin(kb, "U012ABCDEF", "slack:U1")
    admins.remove_admin(kb, "U012ABCDEF", "slack:U2")
    before = state(kb)
    with pytest.raises(ValidationError, match="has changed since"):
        edit_commands.run(kb, "undo", "slack:U1")
    assert state(kb) == before


# -- command line ---------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_ADMINS", "U0ENV00001,bogus")
    return str(tmp_path / "cli.sqlite")


def test_cli_add_list_remove(db, capsys):
    assert main(["--db", db, "admins", "add", "<@U012ABCDEF|maria>"]) == 0
    assert "U012ABCDEF is now an admin (change 1)" in capsys.readouterr().out
    assert main(["admins", "list", "--db", db]) == 0
    captured = capsys.readouterr()
    assert "U0ENV00001" in captured.out and "named in RAPPORTEUR_ADMINS" in captured.out
    assert "U012ABCDEF" in captured.out and "added by cli:" in captured.out
    assert "'bogus', which is not a Slack user ID" in captured.err
    assert main(["--db", db, "admins", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["user_id"], r["from_env"], r["removable"]) for r in rows] == [
        ("U0ENV00001", True, False),
        ("U012ABCDEF", False, True),
    ]
    assert main(["--db", db, "admins", "remove", "U012ABCDEF"]) == 0
    assert "no longer an admin" in capsys.readouterr().out
    assert main(["--db", db, "admins"]) == 0  # no action: the list
    assert "U012ABCDEF" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["admins", "add", "maria"], "'maria' is not a Slack user ID"),
        (["admins", "add", "U0ENV00001"], "already an admin (named in RAPPORTEUR_ADMINS)"),
        (["admins", "remove", "U0ENV00001"], "remove them from that setting"),
        (["admins", "remove", "U099999999"], "U099999999 is not an admin"),
    ],
)
def test_cli_refusals_exit_2_with_one_line_and_change_nothing(db, capsys, argv, message):
    assert main(["--db", db, "admins", "add", "U012ABCDEF"]) == 0
    capsys.readouterr()
    with KnowledgeBase(db) as kb:
        before = state(kb), kb.export()
    assert main(["--db", db, *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    error_lines = [line for line in captured.err.splitlines() if "warning" not in line]
    assert len(error_lines) == 1 and error_lines[0].startswith("rapporteur: error: ")
    assert message in error_lines[0]
    with KnowledgeBase(db) as kb:
        assert (state(kb), kb.export()) == before


def test_cli_unknown_admins_action_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as e:
        main(["--db", db, "admins", "promote", "U012ABCDEF"])
    assert e.value.code == 2
