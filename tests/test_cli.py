"""The `rapporteur` command line: the contract other parts and checks rely on."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import pytest

from knowledge.store import KnowledgeBase


def test_import_then_stats_and_deadlines(cli, tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    code, out, err = cli("--db", db, "import", sample_path)
    assert code == 0 and "added" in out and err == ""
    code, out, _ = cli("--db", db, "stats", "--json")
    stats = json.loads(out)
    assert stats["meetings"] == 2 and stats["partners"] == 12 and stats["groups"][0]["group"] == "CWG-WSIS&SDG"
    code, out, _ = cli("--db", db, "deadlines", "--json", "--from", "1 March 2020", "--to", "2020-03-31")
    rows = json.loads(out)
    assert [r["due"] for r in rows] == ["2020-03-01", "2020-03-12", "2020-03-15", "2020-03-16"]
    assert all({"id", "title", "due"} <= set(r) for r in rows)


def test_ask_json_and_stdin_lines(cli, tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "import", sample_path)
    code, out, _ = cli("--db", db, "ask", "When is the HLPF input deadline?", "--json", "--today", "2020-03-09")
    reply = json.loads(out)
    assert code == 0 and reply["answered"] and "16 March 2020" in reply["answer"] and "in 7 days" in reply["answer"]
    assert {"answered", "answer", "confidence", "sources", "suggestions", "record_ids"} <= set(reply)
    code, out, _ = cli("--db", db, "ask", "--json", "-", stdin="gold partners?\nwhat's the weather?\n\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3 and lines[0]["answered"] and "Qatar" in lines[0]["answer"]
    assert not lines[1]["answered"] and not lines[2]["answered"]
    code, out, _ = cli("--db", db, "ask", "what's the weather?")
    assert code == 0 and "don't know" in out


def test_default_knowledge_base_is_filled_with_the_sample_once(cli, tmp_path):
    code, out, _ = cli("ask", "When is the HLPF input deadline?")
    assert code == 0 and "16 March 2020" in out
    assert (tmp_path / "data" / "rapporteur" / "knowledge.sqlite").exists()
    code, out, _ = cli("stats", "--json")
    assert json.loads(out)["reports"] == 1


def test_a_named_file_starts_empty(cli, tmp_path, monkeypatch):
    cli("--db", tmp_path / "mine.sqlite", "add", "person", "Maria Rossi")
    code, out, _ = cli("--db", tmp_path / "mine.sqlite", "stats", "--json")
    assert json.loads(out)["deadlines"] == 0 and json.loads(out)["people"] == 1
    monkeypatch.setenv("RAPPORTEUR_DB", str(tmp_path / "env.sqlite"))
    cli("add", "person", "Maria Rossi")
    code, out, _ = cli("stats", "--json")
    assert json.loads(out)["deadlines"] == 0 and json.loads(out)["reports"] == 0


def test_export_then_load_into_an_empty_file_round_trips(cli, tmp_path, sample_path):
    db, copy = tmp_path / "kb.sqlite", tmp_path / "copy.sqlite"
    cli("--db", db, "import", sample_path)
    code, exported, _ = cli("--db", db, "export", "--format", "json")
    data = json.loads(exported)
    assert set(data) == {
        "meetings",
        "documents",
        "deadlines",
        "events",
        "partners",
        "recommendations",
        "people",
        "groups",
        "reports",
        "paragraphs",
        "evidence",
        "aliases",
    }
    assert all("id" in r for kind, rows in data.items() if kind != "aliases" for r in rows)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d["due"]) for d in data["deadlines"])
    path = tmp_path / "export.json"
    path.write_text(exported)
    code, out, err = cli("--db", copy, "load", path)
    assert code == 0, err
    code, again, _ = cli("--db", copy, "export", "--format", "json")
    assert json.loads(again) == data


def test_load_updates_by_id_adds_without_and_is_all_or_nothing(cli, tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "import", sample_path)
    first = json.loads(cli("--db", db, "export")[1])["deadlines"][0]
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps({"deadlines": [{"id": first["id"], "due": "2021-01-01"}, {"title": "New one", "due": "2 May 2021"}]})
    )
    code, out, _ = cli("--db", db, "load", good)
    assert code == 0 and "1 added, 1 updated" in out
    before = cli("--db", db, "export")[1]
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"deadlines": [{"title": "Fine", "due": "3 May 2021"}, {"title": "Broken", "due": "someday"}]})
    )
    code, out, err = cli("--db", db, "load", bad)
    assert code == 2 and "record 2" in err and "someday" in err and len(err.strip().splitlines()) == 1
    assert cli("--db", db, "export")[1] == before


def test_export_csv_has_a_row_per_record(cli, tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "import", sample_path)
    code, out, _ = cli("--db", db, "export", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("kind,id,") and len(lines) - 1 == sum(
        json.loads(cli("--db", db, "stats", "--json")[1])[k]
        for k in ("meetings", "documents", "deadlines", "events", "partners", "recommendations", "people")
    )


def test_add_edit_delete_history_and_undo(cli, tmp_path):
    db = tmp_path / "kb.sqlite"
    code, out, _ = cli(
        "--db", db, "add", "deadline", "Comments on the outline", "--due", "1 March 2020", "--send-to", "x@example.org"
    )
    assert code == 0 and "1 March 2020" in out
    record_id = json.loads(cli("--db", db, "deadlines", "--json")[1])[0]["id"]
    code, out, _ = cli("--db", db, "edit", "deadline", record_id, "--due", "2020-03-20")
    assert code == 0 and "20 March 2020" in out
    code, out, _ = cli("--db", db, "history", "--json")
    changes = json.loads(out)
    assert [c["action"] for c in changes] == ["edit", "add"] and changes[0]["fields"]["due"] == [
        "2020-03-01",
        "2020-03-20",
    ]
    code, out, _ = cli("--db", db, "undo", changes[0]["id"])
    assert code == 0
    assert json.loads(cli("--db", db, "deadlines", "--json")[1])[0]["due"] == "2020-03-01"
    code, out, _ = cli("--db", db, "add", "partner", "Acme", "--tier", "Gold")
    assert code == 0
    code, out, _ = cli("--db", db, "delete", "deadline", record_id)
    assert code == 0 and json.loads(cli("--db", db, "deadlines", "--json")[1]) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["add", "deadline", "Title", "--due", "someday"], "not a date"),
        (["add", "deadline", "", "--due", "1 March 2020"], "cannot be empty"),
        (["add", "deadline", "x" * 201, "--due", "1 March 2020"], "at most 200"),
        (["edit", "deadline", "999", "--due", "1 March 2020"], "no deadline with id 999"),
        (["edit", "deadline", "abc", "--due", "1 March 2020"], "not a record id"),
        (["delete", "gizmo", "1"], "unknown kind"),
        (["deadlines", "--from", "yesterday-ish"], "not a date"),
        (["ask", "x", "--today", "tomorrow"], "not a date"),
        (["undo", "12345"], "no change 12345"),
        (["load", "/no/such/file.json"], "no such file"),
        (["import", "/no/such/report.txt"], "no such file"),
    ],
)
def test_bad_input_gets_one_clear_line_exit_2_and_changes_nothing(cli, tmp_path, sample_path, args, message):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "import", sample_path)
    before = cli("--db", db, "export")[1]
    code, out, err = cli("--db", db, *args)
    assert code == 2, (out, err)
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert cli("--db", db, "export")[1] == before


def test_a_bad_report_file_is_refused_with_exit_2(cli, tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "import", sample_path)
    before = cli("--db", db, "export")[1]
    bad = tmp_path / "image.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    code, out, err = cli("--db", db, "import", bad)
    assert code == 2 and "binary" in err and len(err.strip().splitlines()) == 1
    assert cli("--db", db, "export")[1] == before


def test_backup_is_a_consistent_copy(cli, tmp_path, sample_path):
    db, copy = tmp_path / "kb.sqlite", tmp_path / "backup.sqlite"
    cli("--db", db, "import", sample_path)
    code, out, _ = cli("--db", db, "backup", copy)
    assert code == 0
    assert sqlite3.connect(copy).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert cli("--db", copy, "export")[1] == cli("--db", db, "export")[1]
    cli("--db", db, "add", "deadline", "Later", "--due", "1 May 2020")
    code, _, _ = cli("--db", db, "backup", copy)  # an older backup is replaced
    assert code == 0 and cli("--db", copy, "export")[1] == cli("--db", db, "export")[1]
    code, _, err = cli("--db", db, "backup", db)
    assert code == 2 and "itself" in err
    code, _, err = cli("--db", db, "backup", tmp_path)
    assert code == 2 and "folder" in err
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    code, _, err = cli("--db", db, "backup", notes)
    assert code == 2 and "not a SQLite file" in err and notes.read_text() == "not a database"


def test_an_older_file_opens_and_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    conn.commit()
    conn.close()
    with KnowledgeBase(path) as kb:
        from knowledge.schema import SCHEMA_VERSION

        assert kb.schema_version() == SCHEMA_VERSION
        kb.add("deadlines", {"title": "T", "due": "1 May 2020"})


def test_a_newer_file_is_refused_rather_than_damaged(tmp_path):
    path = tmp_path / "new.sqlite"
    with KnowledgeBase(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(RuntimeError, match="newer"):
        KnowledgeBase(path)


def test_ask_does_not_import_slack(tmp_path, sample_path):
    code = (
        "import sys; from bot.cli import main; "
        f"main(['--db', {str(tmp_path / 'kb.sqlite')!r}, 'ask', 'hello']); "
        "bad = [m for m in sys.modules if m.startswith(('slack_bolt', 'slack_sdk', 'uvicorn'))]; "
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_undo_refuses_to_throw_away_a_later_edit_and_handles_admin_changes(cli, tmp_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "add", "deadline", "Comments", "--due", "1 March 2020")
    record_id = json.loads(cli("--db", db, "deadlines", "--json")[1])[0]["id"]
    cli("--db", db, "edit", "deadline", record_id, "--due", "2 March 2020")
    cli("--db", db, "edit", "deadline", record_id, "--title", "Comments on the outline")
    changes = json.loads(cli("--db", db, "history", "--json")[1])
    due_change = next(c for c in changes if "due" in c["fields"])
    before = cli("--db", db, "export")[1]
    code, _, err = cli("--db", db, "undo", due_change["id"])
    assert code == 2 and "has changed since" in err
    assert cli("--db", db, "export")[1] == before
    code, out, err = cli("--db", db, "admins", "add", "U012ABCDEF")
    assert code == 0, err
    admin_change = json.loads(cli("--db", db, "history", "admins", "--json")[1])[0]
    code, out, err = cli("--db", db, "undo", admin_change["id"])
    assert code == 0, err
    assert json.loads(cli("--db", db, "admins", "list", "--json")[1]) == []


@pytest.mark.parametrize(
    "args",
    [
        ["add", "event", "Forum", "--start", "5 March 2020", "--end", "1 March 2020"],
        ["add", "meeting", "7", "--start", "2020-03-05", "--end", "2020-03-01"],
    ],
)
def test_an_event_or_meeting_cannot_end_before_it_starts(cli, tmp_path, args):
    db = tmp_path / "kb.sqlite"
    code, _, err = cli("--db", db, *args)
    assert code == 2 and "before it starts" in err
    assert json.loads(cli("--db", db, "stats", "--json")[1])["events"] == 0


def test_an_edit_that_changes_nothing_is_not_logged(cli, tmp_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "add", "deadline", "Comments", "--due", "1 March 2020")
    record_id = json.loads(cli("--db", db, "deadlines", "--json")[1])[0]["id"]
    cli("--db", db, "edit", "deadline", record_id, "--due", "2020-03-01")
    assert [c["action"] for c in json.loads(cli("--db", db, "history", "--json")[1])] == ["add"]


def test_one_failing_question_does_not_end_the_stream(cli, tmp_path, monkeypatch):
    import knowledge.answering

    real = knowledge.answering.answer

    def flaky(kb, question, **kw):
        if "boom" in question:
            raise RuntimeError("engine trouble")
        return real(kb, question, **kw)

    monkeypatch.setattr(knowledge.answering, "answer", flaky)
    cli("--db", tmp_path / "kb.sqlite", "add", "deadline", "Comments", "--due", "1 March 2020")
    code, out, err = cli("--db", tmp_path / "kb.sqlite", "ask", "--json", "-", stdin="hello\nboom\nhello again\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 3 and not lines[1]["answered"] and "went wrong" in lines[1]["answer"]
    assert "engine trouble" in err and "Traceback" not in err


# -- issue 12: the secretariat's tools lose nothing and say what is wrong ------------------------

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


@pytest.fixture
def sample_file(cli, tmp_path, sample_db):
    """A private copy of the sample knowledge base file."""
    path = tmp_path / "kb.sqlite"
    with KnowledgeBase(sample_db) as kb:
        kb.backup(path)
    return path


@pytest.fixture
def two_groups(cli, tmp_path, sample_path):
    """A knowledge base holding two groups' reports: CWG-COP (alpha) and CWG-WSIS&SDG (the sample)."""
    path = tmp_path / "two.sqlite"
    for report in (FIXTURES / "report_alpha.txt", sample_path):
        assert cli("--db", path, "import", report)[0] == 0
    return path


def _refused(result, message):
    code, out, err = result
    assert code == 2, (out, err)
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err


@pytest.mark.parametrize(
    "value,message",
    [
        ('["A (B)","C"]', "vice_chairs[0]: 'A (B)' is not of type 'object'"),
        ('{"name": "A"}', "is not of type 'array'"),
        ('[{"country": "Italy"}]', "'name' is a required property"),
        ('[{"name": "A", "town": "Rome"}]', "Additional properties are not allowed"),
        ('[{"name": 7}]', "7 is not of type 'string'"),
        ("not json", "must be a JSON list"),
    ],
)
def test_a_malformed_nested_field_is_refused_on_edit_with_the_right_shape(cli, sample_file, value, message):
    before = cli("--db", sample_file, "export")[1]
    result = cli("--db", sample_file, "edit", "meeting", "1", "--vice-chairs", value)
    _refused(result, message)
    assert '"represented_by"' in result[2]  # the right shape is shown
    assert cli("--db", sample_file, "export")[1] == before
    code, out, _ = cli("--db", sample_file, "ask", "who were the vice-chairs of the 35th meeting?")
    assert code == 0


def test_a_well_formed_nested_field_is_accepted_and_answered(cli, sample_file):
    value = '[{"name": "Ms A. Rossi", "country": "Italy", "represented_by": null}]'
    assert cli("--db", sample_file, "edit", "meeting", "1", "--vice-chairs", value)[0] == 0
    code, out, err = cli("--db", sample_file, "ask", "who were the vice-chairs of the 34th meeting?")
    assert code == 0 and "Traceback" not in err


def test_a_malformed_nested_field_is_refused_by_load_and_the_store(cli, sample_file, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"meetings": [{"number": 99, "vice_chairs": ["A (B)", "C"]}]}))
    before = cli("--db", sample_file, "export")[1]
    _refused(cli("--db", sample_file, "load", bad), "meetings record 1: vice_chairs[0]")
    assert cli("--db", sample_file, "export")[1] == before
    from knowledge.store import ValidationError

    with KnowledgeBase(sample_file) as kb, pytest.raises(ValidationError, match="vice_chairs"):
        kb.add("meetings", {"number": 98, "vice_chairs": [{"name": ""}]})  # the importer's way in


def test_ids_are_never_reused(cli, tmp_path):
    db = tmp_path / "kb.sqlite"
    for title in ("One", "Two"):
        cli("--db", db, "add", "deadline", title, "--due", "1 March 2020")
    cli("--db", db, "delete", "deadline", "2")
    code, out, _ = cli("--db", db, "add", "deadline", "Three", "--due", "2 March 2020")
    assert out.startswith("added deadline 3:")
    history = json.loads(cli("--db", db, "history", "deadline", "2", "--json")[1])
    assert [h["label"] for h in history] == ["Two", "Two"]  # the deleted one only
    assert cli("--db", db, "undo", str(history[0]["id"]))[0] == 0  # and its undo is not refused


def test_ids_are_never_reused_across_load(cli, tmp_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "add", "deadline", "One", "--due", "1 March 2020")
    cli("--db", db, "delete", "deadline", "1")
    data = tmp_path / "one.json"
    data.write_text(json.dumps({"deadlines": [{"id": 1, "title": "Other", "due": "2020-04-01"}]}))
    assert cli("--db", db, "load", data)[0] == 0
    rows = json.loads(cli("--db", db, "deadlines", "--json")[1])
    assert [(r["id"], r["title"]) for r in rows] == [(2, "Other")]


def _file_at_version(path, version: int) -> KnowledgeBase:
    """A knowledge base file made by the first ``version`` migrations only, as an older release left it."""
    from knowledge.schema import MIGRATIONS

    kb = KnowledgeBase(path, migrate=False)
    with kb.transaction():
        kb.db["meta"].create({"key": str, "value": str}, pk="key")
        for m in MIGRATIONS[:version]:
            m(kb.db)
        kb.db["meta"].insert({"key": "schema_version", "value": str(version)})
    return kb


def test_an_older_file_keeps_its_deleted_ids_retired(tmp_path):
    """Schema v5 starts each kind's counter past every id the changes log has seen."""
    path = tmp_path / "old.sqlite"
    with _file_at_version(path, 4) as kb:
        kb.conn.execute("INSERT INTO groups (key, name) VALUES ('wg', 'WG')")
        kb.conn.execute("INSERT INTO deadlines (id, group_id, title, due) VALUES (1, 1, 'Kept', '2020-03-01')")
        kb.conn.execute("INSERT INTO changes (actor, action, kind, record_id) VALUES ('x', 'delete', 'deadlines', 2)")
    with KnowledgeBase(path) as kb:
        assert [r["title"] for r in kb.records("deadlines")] == ["Kept"]
        assert kb.add("deadlines", {"title": "New", "due": "2020-03-02"})["id"] == 3
        assert any(
            i["name"] == "idx_deadlines_due"
            for i in kb.conn.execute("PRAGMA index_list(deadlines)").fetchall()
            for i in [{"name": i[1]}]
        )


def test_a_file_from_before_organisations_gets_the_column_and_keeps_its_people(tmp_path):
    """Schema v8 adds a person's organisation to a file whose people table has none."""
    path = tmp_path / "v7.sqlite"
    with _file_at_version(path, 7) as kb:
        if "organisation" in {c[1] for c in kb.conn.execute("PRAGMA table_info(people)")}:
            kb.conn.execute("ALTER TABLE people DROP COLUMN organisation")
        kb.conn.execute("INSERT INTO people (name, role) VALUES ('Ana Diaz', 'Chair')")
    with KnowledgeBase(path) as kb:
        assert "organisation" in {c[1] for c in kb.conn.execute("PRAGMA table_info(people)")}
        assert [(p["name"], p["role"], p["organisation"]) for p in kb.records("people")] == [
            ("Ana Diaz", "Chair", None)
        ]
        kb.update("people", kb.records("people")[0]["id"], {"organisation": "Met Office"})
        assert kb.records("people")[0]["organisation"] == "Met Office"


QUESTIONS = [
    "What does UNGIS stand for?",
    "When is the HLPF input deadline?",
    "gold partners?",
    "Who chaired the 35th meeting?",
    "when was the twelfth meeting of the CWG-COP?",
    "where do I send comments on the final draft?",
    "what was decided about youth?",
]


def test_export_then_load_gives_a_copy_that_answers_as_the_original(cli, two_groups, tmp_path):
    exported = cli("--db", two_groups, "export")[1]
    path = tmp_path / "export.json"
    path.write_text(exported)
    copy = tmp_path / "copy.sqlite"
    assert cli("--db", copy, "load", path)[0] == 0
    assert cli("--db", copy, "export")[1] == exported
    assert cli("--db", copy, "stats", "--json")[1] == cli("--db", two_groups, "stats", "--json")[1]
    for q in QUESTIONS:
        original = json.loads(cli("--db", two_groups, "ask", "--json", "--today", "2020-03-01", q)[1])
        again = json.loads(cli("--db", copy, "ask", "--json", "--today", "2020-03-01", q)[1])
        assert again == original, q
    ungis = json.loads(cli("--db", copy, "ask", "--json", "What does UNGIS stand for?")[1])
    assert ungis["answered"] and "Information Society" in ungis["answer"]
    assert "added by the secretariat" not in json.dumps(again)
    assert cli("--db", copy, "ics")[1] == cli("--db", two_groups, "ics")[1]


def test_loading_a_copy_again_adds_no_second_report(cli, sample_file, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(cli("--db", sample_file, "export")[1])
    before = json.loads(cli("--db", sample_file, "stats", "--json")[1])
    assert cli("--db", sample_file, "load", path)[0] == 0
    after = json.loads(cli("--db", sample_file, "stats", "--json")[1])
    assert after == before


def test_a_file_that_is_not_a_knowledge_base_is_refused_in_one_line(cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database at all, just some notes")
    _refused(cli("--db", notes, "stats"), "not a Rapporteur knowledge base")
    assert notes.read_text() == "not a database at all, just some notes"
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    _refused(cli("--db", other, "add", "deadline", "X", "--due", "1 May 2020"), "another program's SQLite database")
    assert {r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")} == {"invoices"}
    _refused(cli("--db", tmp_path, "stats"), "is a folder")


def test_ics_to_a_missing_folder_is_one_line(cli, sample_file, tmp_path):
    _refused(cli("--db", sample_file, "ics", "-o", tmp_path / "missing" / "x.ics"), "there is no folder")
    _refused(cli("--db", sample_file, "ics", "-o", tmp_path), "is a folder")


def test_ask_takes_the_rest_of_the_line_as_the_question(cli, sample_file):
    code, out, err = cli("--db", sample_file, "ask", "gold", "partners")
    assert code == 0 and "Qatar" in out, err
    code, out, _ = cli("--db", sample_file, "ask", "gold", "partners", "--json")
    assert json.loads(out)["answered"]


def test_json_before_the_subcommand(cli, sample_file):
    code, out, err = cli("--db", sample_file, "--json", "stats")
    assert code == 0 and json.loads(out)["reports"] == 1, err
    code, out, _ = cli("--json", "--db", sample_file, "ask", "gold partners?")
    assert json.loads(out)["answered"]
    _refused(cli("--db", sample_file, "--json", "backup", "x.sqlite"), "has no --json")


def test_parser_mistakes_are_one_line_with_exit_2(cli, capsys):
    with pytest.raises(SystemExit) as done:
        cli("stats", "--frobnicate")
    err = capsys.readouterr().err
    assert done.value.code == 2 and len(err.strip().splitlines()) == 1 and "--frobnicate" in err


def test_a_read_only_command_never_creates_a_file(cli, tmp_path):
    typo = tmp_path / "kb.sqlte"
    for args in (
        ["ask", "gold partners?"],
        ["stats"],
        ["deadlines"],
        ["export"],
        ["history"],
        ["ics"],
        ["subscriptions"],
        ["admins", "list"],
        ["review"],
    ):
        _refused(cli("--db", typo, *args), "there is no knowledge base at")
        assert not typo.exists(), args
    assert "import REPORT" in cli("--db", typo, "ask", "x")[2]


def test_ask_on_an_empty_knowledge_base_says_how_to_import(cli, tmp_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "subscribe", "C012AB3CD")  # the file now exists, with nothing to answer from
    _refused(cli("--db", db, "ask", "when is the deadline?"), "is empty; import a report first: rapporteur --db")


def test_several_groups_deadlines_stats_history_and_ics_take_group(cli, two_groups):
    every = json.loads(cli("--db", two_groups, "deadlines", "--json")[1])
    cop = json.loads(cli("--db", two_groups, "deadlines", "--group", "CWG-COP", "--json")[1])
    assert 0 < len(cop) < len(every) and {r["group_id"] for r in cop} == {1}
    stats = json.loads(cli("--db", two_groups, "stats", "--group", "cwg-wsis&sdg", "--json")[1])
    assert [g["group"] for g in stats["groups"]] == ["CWG-WSIS&SDG"] and stats["reports"] == 1
    assert stats["deadlines"] == len(every) - len(cop)
    history = json.loads(cli("--db", two_groups, "history", "--group", "CWG-COP", "--limit", "500", "--json")[1])
    assert history and all(h["record_id"] in {r["id"] for r in every} or h["kind"] != "deadlines" for h in history)
    kinds_ids = {(h["kind"], h["record_id"]) for h in history}
    assert ("deadlines", cop[0]["id"]) in kinds_ids and not any(
        ("deadlines", r["id"]) in kinds_ids for r in every if r not in cop
    )
    feed = cli("--db", two_groups, "ics", "--group", "CWG-COP")[1]
    assert "CWG-COP meeting 12" in feed and "CWG-WSIS&SDG" not in feed
    for args in (
        ["deadlines"],
        ["stats"],
        ["history"],
        ["ics"],
        ["ask", "x"],
        ["add", "deadline", "T", "--due", "1 May 2020"],
    ):
        _refused(
            cli("--db", two_groups, *args, "--group", "XYZ"),
            "there is no group 'XYZ'; groups are: CWG-COP, CWG-WSIS&SDG",
        )


def test_add_never_silently_picks_the_first_group(cli, two_groups):
    before = cli("--db", two_groups, "export")[1]
    _refused(cli("--db", two_groups, "add", "deadline", "T", "--due", "1 May 2020"), "say which with --group")
    assert cli("--db", two_groups, "export")[1] == before
    code, out, _ = cli("--db", two_groups, "add", "deadline", "T", "--due", "1 May 2020", "--group", "CWG-WSIS&SDG")
    assert code == 0
    added = json.loads(cli("--db", two_groups, "deadlines", "--group", "CWG-WSIS&SDG", "--json")[1])
    assert "T" in [r["title"] for r in added]


def test_announce_dry_run_takes_group(cli, two_groups):
    cli("--db", two_groups, "subscribe", "C0COP0001", "--group", "CWG-COP")
    cli("--db", two_groups, "subscribe", "C0WSIS001", "--group", "CWG-WSIS&SDG")
    code, out, err = cli(
        "--db", two_groups, "announce", "--once", "--dry-run", "--now", "2020-03-09T09:00", "--group", "CWG-WSIS&SDG"
    )
    assert code == 0, err
    assert "C0WSIS001" in out and "C0COP0001" not in out
    _refused(cli("--db", two_groups, "announce", "--once", "--dry-run", "--group", "XYZ"), "there is no group")


def test_ask_in_two_groups_says_whose_fact_it_is(cli, two_groups):
    reply = json.loads(
        cli("--db", two_groups, "ask", "--json", "--today", "2020-03-01", "When is the HLPF input deadline?")[1]
    )
    assert reply["group"] == "CWG-WSIS&SDG" and reply["answer"].startswith("[CWG-WSIS&SDG]")
    reply = json.loads(
        cli("--db", two_groups, "ask", "--json", "When did the 12th meeting of the CWG-COP take place?")[1]
    )
    assert reply["group"] == "CWG-COP" and reply["answer"].startswith("[CWG-COP]")


def test_an_answer_listing_two_groups_facts_labels_each(cli, two_groups):
    reply = json.loads(cli("--db", two_groups, "ask", "--json", "who chaired the meetings?")[1])
    assert "CWG-COP: Leonor Vasconcelos" in reply["answer"] and "CWG-WSIS&SDG: Vladimir Minkin" in reply["answer"]
    assert not reply["answer"].startswith("[")  # no one label for facts of two groups


def test_version(cli, capsys):
    with pytest.raises(SystemExit) as done:
        cli("--version")
    assert done.value.code == 0 and re.fullmatch(r"rapporteur \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


def test_history_names_the_os_user_or_as(cli, tmp_path, monkeypatch):
    db = tmp_path / "kb.sqlite"
    monkeypatch.setenv("USER", "maria")
    cli("--db", db, "add", "deadline", "One", "--due", "1 March 2020")
    cli("--db", db, "--as", "Juan Pérez", "add", "deadline", "Two", "--due", "1 March 2020")
    cli("--db", db, "edit", "deadline", "1", "--due", "2 March 2020", "--as", "secretariat")
    actors = [h["actor"] for h in json.loads(cli("--db", db, "history", "--json")[1])]
    assert actors == ["cli:secretariat", "cli:Juan Pérez", "cli:maria"]


def test_history_names_the_account_when_user_is_unset(cli, tmp_path, monkeypatch):
    import getpass

    for name in ("USER", "USERNAME", "LOGNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "account")
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "add", "deadline", "One", "--due", "1 March 2020")
    assert json.loads(cli("--db", db, "history", "--json")[1])[0]["actor"] == "cli:account"


def test_a_reversed_range_is_refused(cli, sample_file):
    _refused(
        cli("--db", sample_file, "deadlines", "--from", "2020-03-31", "--to", "1 March 2020"),
        "--from 31 March 2020 is after --to 1 March 2020",
    )


def test_adding_a_duplicate_warns(cli, tmp_path):
    db = tmp_path / "kb.sqlite"
    code, _, err = cli("--db", db, "add", "deadline", "Comments", "--due", "1 March 2020")
    assert code == 0 and err == ""
    code, out, err = cli("--db", db, "add", "deadline", "comments ", "--due", "2020-03-01")
    assert code == 0 and out.startswith("added deadline 2")
    assert err.startswith("rapporteur: warning: a deadline with this title and date is already there (deadline 1)")
    code, _, err = cli("--db", db, "add", "deadline", "Comments", "--due", "2020-03-02")
    assert err == ""  # another date: another deadline


def test_help_uses_the_right_article(cli, capsys):
    with pytest.raises(SystemExit):
        cli("add", "--help")
    out = capsys.readouterr().out
    assert "add an event" in out and "add a event" not in out and "add a deadline" in out


def test_answers_do_not_repeat_a_source_line(cli, sample_file):
    from knowledge.answering import Answer, render_text
    from knowledge.answering.result import Source

    twice = Answer(True, "x", 1.0, [Source("Report", "4.2"), Source("Report", "4.2"), Source("Report", "5")])
    assert render_text(twice).count("source: Report, ¶ 4.2") == 1
    out = cli("--db", sample_file, "ask", "gold partners?")[1]
    sources = [line for line in out.splitlines() if line.strip().startswith("source:")]
    assert len(sources) == len(set(sources))


def test_import_summaries_cut_titles_at_a_word(tmp_path):
    from knowledge.importer import ImportResult

    result = ImportResult(
        "r.txt",
        "WG",
        added={
            "deadlines": [
                "Comments on the draft outline of the report to the Council on the implementation of everything"
            ]
        },
    )
    from knowledge.importer import _label

    label = _label(
        "deadlines",
        {"title": "Comments on the draft outline of the report to the Council on the implementation of everything"},
    )
    assert label.endswith("…") and label[:-1].rstrip() in result.added["deadlines"][0]
    assert not label[:-1].endswith(("implementatio", "implem"))
    assert len(label) <= 60


def test_a_missing_fact_is_worded_without_a_stray_article(two_groups):
    from knowledge.answering.records import record_answer

    with KnowledgeBase(two_groups) as kb:
        text = record_answer(kb, "when did the group note the report?").text
    assert "give no a" not in text and "give no date for it" in text


def test_no_theme_for_theme_of(cli, tmp_path):
    from knowledge.answering.records import record_answer

    db = tmp_path / "kb.sqlite"
    cli("--db", db, "add", "event", "Global Forum", "--start", "2020-02-06")
    with KnowledgeBase(db) as kb:
        for q in ("what is the theme of the Global Forum?", "theme of the wsis forum 2020?"):
            text = record_answer(kb, q).text
            assert "theme for theme" not in text.lower() and "Forum" in text, text


def test_loading_one_groups_export_into_another_groups_knowledge_base_overwrites_nothing(cli, tmp_path, sample_file):
    other = tmp_path / "other.sqlite"
    cli("--db", other, "import", FIXTURES / "report_alpha.txt")
    before = json.loads(cli("--db", other, "export")[1])
    path = tmp_path / "sample.json"
    path.write_text(cli("--db", sample_file, "export")[1])
    code, out, err = cli("--db", other, "load", path)
    assert code == 0 and "0 updated" in out, err
    after = json.loads(cli("--db", other, "export")[1])
    for kind in ("deadlines", "meetings", "partners"):
        kept = {r["id"]: r for r in after[kind]}
        assert all(kept[r["id"]] == r for r in before[kind]), kind  # alpha's records as they were
    stats = json.loads(cli("--db", other, "stats", "--json")[1])
    assert [g["group"] for g in stats["groups"]] == ["CWG-COP", "CWG-WSIS&SDG"] and stats["reports"] == 2
    reply = json.loads(
        cli("--db", other, "ask", "--json", "--today", "2020-03-01", "When is the HLPF input deadline?")[1]
    )
    assert reply["group"] == "CWG-WSIS&SDG" and "16 March 2020" in reply["answer"]


def test_a_file_from_before_durations_were_a_holding_gets_them_on_opening(tmp_path, sample_path):
    path = tmp_path / "kb.sqlite"
    with KnowledgeBase(path) as kb:
        from knowledge.importer import import_text

        import_text(
            kb,
            "Report of the Example Group\n\n1.1. The 3rd meeting was held on 4 May 2026.\n"
            "1.2. The pilot will run for 18 months from January 2027.\n",
            "pilot.txt",
        )
    conn = sqlite3.connect(path)  # as a version-8 file left it: holdings without durations
    conn.execute("UPDATE evidence SET holds = '{}'")
    conn.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with KnowledgeBase(path) as kb:
        held = [json.loads(h) for (h,) in kb.conn.execute("SELECT holds FROM evidence")]
        assert any("18 months" in h.get("duration", []) for h in held)


def test_a_file_from_before_short_names_finds_people_by_first_name_on_opening(tmp_path):
    path = tmp_path / "kb.sqlite"
    with KnowledgeBase(path) as kb:
        from knowledge.importer import import_text

        import_text(
            kb,
            "Report of the Example Group\n\n1.1. The 3rd meeting was held on 4 May 2026.\n\nParticipants\n\n"
            "- Cyril Pernet\n- Dora Hermes\n\nHotels\n\n- Hotels are booked by Cyril.\n",
            "m.txt",
        )
    conn = sqlite3.connect(path)  # as a version-9 file left it: a first name alone held nothing
    conn.execute("UPDATE evidence SET holds = '{}'")
    conn.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with KnowledgeBase(path) as kb:
        held = dict(kb.conn.execute("SELECT text, holds FROM evidence").fetchall())
        assert json.loads(held["Hotels are booked by Cyril."])["person"] == ["Cyril"]
