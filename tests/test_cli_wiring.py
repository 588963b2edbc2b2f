"""How the command line is put together (issue 13): settings read once and handed in, subcommand
modules without import cycles, one copy of each shared rendering rule."""

from __future__ import annotations

import ast
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings
from knowledge import dates
from knowledge.store import KnowledgeBase, ValidationError
from knowledge.textpatterns import ordinal

ROOT = Path(__file__).parent.parent


# -- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "bot/cli.py",
        "bot/cli_admin.py",
        "bot/cli_announce.py",
        "bot/cli_common.py",
        "knowledge/store.py",
        "knowledge/admins.py",
        "knowledge/edit_commands.py",
    ],
)
def test_the_command_line_and_the_store_never_read_the_environment(path):
    tree = ast.parse((ROOT / path).read_text())
    reads = [
        node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv")
    ]
    assert not reads, f"{path} reads the environment at lines {reads}; take it from bot.settings.Settings"


def test_knowledge_imports_nothing_from_bot():
    for path in (ROOT / "knowledge").rglob("*.py"):
        tree = ast.parse(path.read_text())
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in modules if m == "bot" or m.startswith("bot.")], path


def test_settings_are_read_from_the_environment_given():
    s = Settings.from_environment(
        {
            "RAPPORTEUR_DB": "/data/kb.sqlite",
            "RAPPORTEUR_ADMINS": "U012ABCDEF",
            "RAPPORTEUR_TZ": "America/New_York",
            "USER": "maria",
        }
    )
    assert (s.db, s.admins, s.timezone, s.os_user) == ("/data/kb.sqlite", "U012ABCDEF", "America/New_York", "maria")
    assert s.cli_actor() == "cli:maria" and s.cli_actor("  Juan  ") == "cli:Juan"
    assert s.db_path("other.sqlite") == ("other.sqlite", False) and s.db_path() == ("/data/kb.sqlite", False)


def test_commands_use_the_settings_handed_in_not_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAPPORTEUR_DB", str(tmp_path / "from-env.sqlite"))
    monkeypatch.setenv("RAPPORTEUR_ADMINS", "U0ENVIRON1")
    settings = Settings(db=str(tmp_path / "given.sqlite"), admins="U0GIVEN001", os_user="given")
    assert main(["add", "deadline", "T", "--due", "1 May 2020"], settings) == 0
    assert main(["admins", "list", "--json"], settings) == 0
    out = capsys.readouterr().out
    assert "U0GIVEN001" in out and "U0ENVIRON1" not in out
    assert (tmp_path / "given.sqlite").exists() and not (tmp_path / "from-env.sqlite").exists()
    with KnowledgeBase(tmp_path / "given.sqlite") as kb:
        assert kb.history()[0]["actor"] == "cli:given"


def test_the_store_names_no_one_by_default(kb):
    kb.add("deadlines", {"title": "T", "due": "2020-05-01"})
    assert kb.history()[0]["actor"] == "system"


def test_a_bad_time_zone_setting_is_one_line(tmp_path, capsys):
    code = main(
        ["--db", str(tmp_path / "kb.sqlite"), "announce", "--once", "--dry-run"], Settings(timezone="Mars/Olympus")
    )
    err = capsys.readouterr().err
    assert code == 2 and "RAPPORTEUR_TZ 'Mars/Olympus' is not a time zone" in err


# -- no import cycles, explicit registration ---------------------------------------------------


@pytest.mark.parametrize("module", ["bot.cli_admin", "bot.cli_announce", "bot.cli_serve", "bot.cli_common"])
def test_subcommand_modules_import_without_bot_cli(module):
    code = f"import sys, {module}; assert 'bot.cli' not in sys.modules, 'imports bot.cli'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", ["bot/cli_admin.py", "bot/cli_announce.py", "bot/cli_serve.py"])
def test_subcommand_modules_never_import_bot_cli_late(path):
    tree = ast.parse((ROOT / path).read_text())
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "cli" not in modules and "bot.cli" not in modules


def test_ask_does_not_import_slack_with_every_subcommand_registered(tmp_path, sample_db):
    code = (
        "import sys; from bot.cli import main; "
        f"main(['--db', {str(sample_db)!r}, 'ask', 'gold', 'partners']); "
        "bad = [m for m in sys.modules if m.startswith(('slack_bolt', 'slack_sdk', 'uvicorn', 'jsonschema'))]; "
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_without_a_route_to_slack_says_what_to_check(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": f"http://127.0.0.1:{_closed_port()}/api/",
        "HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(tmp_path / "kb.sqlite"), "serve"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert "could not reach Slack" in last and "check SLACK_API_URL" in last and "Traceback" not in result.stderr


# -- one copy of each rule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "n,expected",
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (20, "20th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (123, "123rd"),
    ],
)
def test_ordinal(n, expected):
    assert ordinal(n) == expected


def test_no_other_copy_of_the_ordinal_suffix():
    copies = []
    for folder in ("knowledge", "bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text()
            if '2: "nd"' in text or "}th " in text or '}th"' in text:
                copies.append(str(path.relative_to(ROOT)))
    assert copies == ["knowledge/textpatterns.py"]


def test_a_summary_report_of_the_first_meeting_is_not_the_1th(sample_path):
    from knowledge.importer import import_text

    text = sample_path.read_text(encoding="utf-8")
    for old, new in (
        ("34th", "1st"),
        ("35th", "21st"),
        ("CWG-WSIS&SDG-34-22", "CWG-WSIS&SDG-1-22"),
        ("CWG-WSIS&SDG-35-16", "CWG-WSIS&SDG-21-16"),
    ):
        text = text.replace(old, new)
    with KnowledgeBase(":memory:") as kb:
        import_text(kb, text, "renumbered.txt")
        titles = [d["title"] for d in kb.records("documents") if d["title"].startswith("Summary report of")]
    assert titles == ["Summary report of the 1st meeting", "Summary report of the 21st meeting"]


def test_one_way_to_say_a_deadline_was_extended(cli, tmp_path):
    assert dates.due_text("2020-03-20", "2020-03-16") == "20 March 2020 (extended from 16 March 2020)"
    assert dates.due_text("2020-03-20") == "20 March 2020" and dates.extension_note(None) == ""
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "add", "deadline", "Input", "--due", "20 March 2020", "--original-due", "16 March 2020")
    listed = cli("--db", db, "deadlines")[1]
    feed = cli("--db", db, "ics")[1].replace("\r\n ", "")
    from handlers.blocks import deadline_line
    from knowledge.edit_commands import describe_record

    with KnowledgeBase(db) as kb:
        record = kb.records("deadlines")[0]
    note = "(extended from 16 March 2020)"
    assert note in listed and note in feed and note in describe_record("deadlines", record)
    assert note in deadline_line(record, dates.from_iso("2020-03-01"))


def test_one_undo_preamble_for_records_admins_and_review(kb):
    from knowledge import admins, review
    from knowledge.edit_commands import undo_change

    record = kb.add("deadlines", {"title": "T", "due": "2020-05-01"})
    admin = admins.add_admin(kb, "U012ABCDEF", "cli:a")
    item = review.record_unanswered(kb, "what is x?", "U1", "C1")
    resolved = review.resolve(kb, item["id"], "deadline", record["id"], "cli:a")
    record_change = kb.history(kind="deadlines")[0]["id"]
    messages = []
    for change_id in (record_change, admin.change_id, resolved.change_id):
        undo_change(kb, change_id, "cli:a")
        with pytest.raises(ValidationError) as again:
            undo_change(kb, change_id, "cli:a")
        messages.append(str(again.value).split(" by change ")[0])
    assert messages == [f"change {c} was already undone" for c in (record_change, admin.change_id, resolved.change_id)]
    other = kb.add("deadlines", {"title": "U", "due": "2020-05-02"})
    with pytest.raises(ValidationError, match="is not a change to the admins"):
        admins.undo_admin_change(kb, {"id": kb.history(kind="deadlines", record_id=other["id"])[0]["id"]}, "cli:a")


# -- several groups in Slack: /wg deadlines ... for GROUP -------------------------------------


def test_split_group_takes_the_group_off_a_list_command(cli, tmp_path, sample_path):
    from knowledge.groups import split_group

    db = tmp_path / "two.sqlite"
    for report in (ROOT / "tests" / "fixtures" / "report_alpha.txt", sample_path):
        cli("--db", db, "import", report)
    with KnowledgeBase(db) as kb:
        assert split_group(kb, "next week for cwg-cop")[0] == "next week"
        assert split_group(kb, "next week for cwg-cop")[1]["abbreviation"] == "CWG-COP"
        assert split_group(kb, "CWG-WSIS&SDG March 2020")[0] == "March 2020"
        assert split_group(kb, "all group CWG-COP")[0] == "all"
        assert split_group(kb, "for the HLPF") == ("for the HLPF", None)


def test_wg_deadlines_for_a_group_lists_only_that_groups(cli, tmp_path, sample_path):
    from types import SimpleNamespace

    from handlers.commands.builtin import deadlines

    db = tmp_path / "two.sqlite"
    for report in (ROOT / "tests" / "fixtures" / "report_alpha.txt", sample_path):
        cli("--db", db, "import", report)
    with KnowledgeBase(db) as kb:

        def shown(args):
            message = deadlines(SimpleNamespace(args=args, kb=kb, today=dates.from_iso("2000-01-01")))
            return json.dumps(message, ensure_ascii=False)

        every, cop = shown("all"), shown("all for CWG-COP")
        assert "(CWG-COP)" in cop and len(cop) < len(every)
        assert "ITU input" in every and "ITU input" not in cop
