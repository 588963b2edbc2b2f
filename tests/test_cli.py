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
    lines = [json.loads(l) for l in out.splitlines()]
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
    assert set(data) == {"meetings", "documents", "deadlines", "events", "partners", "recommendations", "people",
                         "groups", "reports", "paragraphs", "evidence", "aliases"}
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
    good.write_text(json.dumps({"deadlines": [{"id": first["id"], "due": "2021-01-01"}, {"title": "New one", "due": "2 May 2021"}]}))
    code, out, _ = cli("--db", db, "load", good)
    assert code == 0 and "1 added, 1 updated" in out
    before = cli("--db", db, "export")[1]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"deadlines": [{"title": "Fine", "due": "3 May 2021"}, {"title": "Broken", "due": "someday"}]}))
    code, out, err = cli("--db", db, "load", bad)
    assert code == 2 and "record 2" in err and "someday" in err and len(err.strip().splitlines()) == 1
    assert cli("--db", db, "export")[1] == before


def test_export_csv_has_a_row_per_record(cli, tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "import", sample_path)
    code, out, _ = cli("--db", db, "export", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("kind,id,") and len(lines) - 1 == sum(json.loads(cli("--db", db, "stats", "--json")[1])[k] for k in ("meetings", "documents", "deadlines", "events", "partners", "recommendations", "people"))


def test_add_edit_delete_history_and_undo(cli, tmp_path):
    db = tmp_path / "kb.sqlite"
    code, out, _ = cli("--db", db, "add", "deadline", "Comments on the outline", "--due", "1 March 2020", "--send-to", "x@example.org")
    assert code == 0 and "1 March 2020" in out
    record_id = json.loads(cli("--db", db, "deadlines", "--json")[1])[0]["id"]
    code, out, _ = cli("--db", db, "edit", "deadline", record_id, "--due", "2020-03-20")
    assert code == 0 and "20 March 2020" in out
    code, out, _ = cli("--db", db, "history", "--json")
    changes = json.loads(out)
    assert [c["action"] for c in changes] == ["edit", "add"] and changes[0]["fields"]["due"] == ["2020-03-01", "2020-03-20"]
    code, out, _ = cli("--db", db, "undo", changes[0]["id"])
    assert code == 0
    assert json.loads(cli("--db", db, "deadlines", "--json")[1])[0]["due"] == "2020-03-01"
    code, out, _ = cli("--db", db, "add", "partner", "Acme", "--tier", "Gold")
    assert code == 0
    code, out, _ = cli("--db", db, "delete", "deadline", record_id)
    assert code == 0 and json.loads(cli("--db", db, "deadlines", "--json")[1]) == []


@pytest.mark.parametrize("args, message", [
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
])
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


@pytest.mark.parametrize("args", [
    ["add", "event", "Forum", "--start", "5 March 2020", "--end", "1 March 2020"],
    ["add", "meeting", "7", "--start", "2020-03-05", "--end", "2020-03-01"],
])
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
    lines = [json.loads(l) for l in out.splitlines()]
    assert code == 0 and len(lines) == 3 and not lines[1]["answered"] and "went wrong" in lines[1]["answer"]
    assert "engine trouble" in err and "Traceback" not in err
