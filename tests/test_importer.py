"""Importing reports: what is read out of them, on the sample and on reports of the genre worded
differently, and what happens with bad files, re-imports and revised reports."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, REPORTS, expected_facts
from knowledge.edit_commands import undo_change
from knowledge.importer import import_file, list_reports, remove_report
from knowledge.reading import ReportError
from knowledge.schema import KINDS
from knowledge.store import KnowledgeBase, ValidationError


def by(kb, kind, field):
    return {r[field]: r for r in kb.records(kind)}


# -- the sample report ------------------------------------------------------------------------


def test_sample_meetings_with_dates_and_attendance(sample_kb):
    meetings = by(sample_kb, "meetings", "number")
    assert set(meetings) == {34, 35}
    assert (meetings[34]["start"], meetings[34]["end"]) == ("2019-09-25", "2019-09-25")
    assert (meetings[35]["start"], meetings[35]["end"]) == ("2020-02-06", "2020-02-07")
    assert meetings[34]["documents_considered"] == 20
    assert meetings[35]["documents_considered"] == 14
    assert "Minkin" in meetings[34]["chair"] and "Minkin" in meetings[35]["chair"]
    assert meetings[35]["summary_symbol"] == "CWG-WSIS&SDG-35-16"
    vice35 = {v["name"]: v for v in json.loads(meetings[35]["vice_chairs"])}
    assert "Wojciech Berezowski" in vice35 and "Mario Canazza" not in vice35
    assert vice35["Janet Umutesi"]["represented_by"] == "Vincent Museminali"
    assert vice35["Janet Umutesi"]["country"] == "Rwanda"
    assert "70" in meetings[34]["delegates"]


def test_sample_every_dated_deadline(sample_kb):
    deadlines = sample_kb.records("deadlines", order_by="due")
    dues = [d["due"] for d in deadlines]
    # Seven distinct deadlines; the extended one carries both of its dates (eight dates in all).
    assert dues == ["2019-11-22", "2020-01-05", "2020-02-07", "2020-03-01", "2020-03-12", "2020-03-15", "2020-03-16"]
    extended = next(d for d in deadlines if d["due"] == "2020-02-07")
    assert extended["original_due"] == "2020-02-03"
    assert "Open Consultation" in extended["title"]
    outline = next(d for d in deadlines if d["due"] == "2020-03-01")
    assert outline["send_to"] == "wsis-info@itu.int"
    assert outline["subject"] == "Council input to the 2020 HLPF"
    assert all(d["paragraph"] and d["source"] for d in deadlines)


def test_sample_partners_with_tiers(sample_kb):
    partners = by(sample_kb, "partners", "name")
    tiers = {name: p["tier"] for name, p in partners.items()}
    assert tiers == {
        "UAE": "Platinum",
        "Qatar": "Gold",
        "Japan": "Partners for Specific Activities",
        "Switzerland": "Partners for Specific Activities",
        "Oman": "Partners for Specific Activities",
        "ISOC": "Contributing",
        "IEEE": "Contributing",
        "Poland": "Contributing",
        "Rwanda": "Contributing",
        "Senegal": "Contributing",
        "IFIP": "Supporting",
        "Global Coalition on Aging": "Supporting",
    }
    assert partners["Global Coalition on Aging"]["abbreviation"] == "GCOA"


def test_sample_documents_recommendations_people_events(sample_kb):
    documents = by(sample_kb, "documents", "symbol")
    assert len(sample_kb.records("documents")) >= 30
    assert documents["S19-CWGWSIS34-C-0018"]["title"] == "Proposals for the work of CWG-WSIS&SDG"
    assert documents["S19-CWGWSIS34-C-0018"]["submitter"] == "Russian Federation"
    assert documents["S19-CWGWSIS34-C-0019"]["submitter"].endswith("Saudi Arabia")
    assert documents["CWGWSIS35/9"]["meeting"] == 35
    recs = sample_kb.records("recommendations")
    assert len(recs) >= 30
    assert any(r["actor"] == "Secretariat" and r["verb"] == "requested" and "C11" in r["text"] for r in recs)
    people = by(sample_kb, "people", "name")
    assert people["Houlin Zhao"]["role"] == "ITU Secretary-General"
    assert people["Doreen Bogdan-Martin"]["role"] == "Director of BDT"
    events = by(sample_kb, "events", "name")
    hlpf = next(e for name, e in events.items() if "HLPF 2020" == name)
    assert (hlpf["start"], hlpf["end"], hlpf["place"]) == ("2020-07-07", "2020-07-17", "New York")
    assert hlpf["theme"].startswith("Accelerated action")
    ministerial = next(e for name, e in events.items() if "ministerial" in name)
    assert (ministerial["start"], ministerial["end"]) == ("2020-07-14", "2020-07-16")


def test_sample_abbreviations_become_aliases(sample_kb):
    aliases = {(a["alias"], a["expansion"]) for a in sample_kb.aliases()}
    assert ("HLPF", "High-level Political Forum") in aliases
    assert ("GCOA", "Global Coalition on Aging") in aliases
    gcoa = [a for a in sample_kb.aliases() if a["alias"] == "GCOA" and a["kind"] == "partners"]
    assert gcoa, "the abbreviation is attached to the partner record it names"


# -- reports of the genre worded differently ------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_reports_import_their_facts(kb, name):
    import_file(kb, FIXTURES / f"report_{name}.txt")
    facts = expected_facts(name)
    group = kb.groups()[0]
    assert group["abbreviation"] == facts["group"]["abbreviation"]
    meetings = by(kb, "meetings", "number")
    for m in facts["meetings"]:
        got = meetings[m["number"]]
        assert (got["start"], got["end"]) == (m["start"], m["end"]), m
        if m.get("documents_considered") is not None:
            assert got["documents_considered"] == m["documents_considered"], m
        if m.get("chair"):
            assert m["chair"] in (got["chair"] or ""), m
    deadlines = kb.records("deadlines")
    for d in facts["deadlines"]:
        match = [x for x in deadlines if x["due"] == d["due"]]
        assert match, f"no deadline due {d['due']}"
        if d.get("original_due"):
            assert match[0]["original_due"] == d["original_due"]
    assert len(deadlines) >= 8
    events = kb.records("events")
    for e in facts["events"]:
        match = [x for x in events if e["name_contains"].lower() in x["name"].lower()]
        assert match, f"no event named like {e['name_contains']}"
        assert (match[0]["start"], match[0]["end"]) == (e["start"], e["end"])
        if e.get("place_contains"):
            assert e["place_contains"] in (match[0]["place"] or "")
    partners = {p["name"]: p["tier"] for p in kb.records("partners")}
    for p in facts["partners"]:
        assert p["name"] in partners, p
        assert p["tier"].lower() in partners[p["name"]].lower(), p
    assert len(kb.records("documents")) >= facts["min_documents"]
    assert len(kb.records("recommendations")) >= facts["min_recommendations"]
    aliases = {(a["alias"], a["expansion"]) for a in kb.aliases()}
    for abbr, long in facts["aliases"]:
        assert (abbr, long) in aliases


def test_several_groups_share_one_knowledge_base(kb, sample_path):
    import_file(kb, sample_path)
    import_file(kb, FIXTURES / "report_alpha.txt")
    groups = {g["abbreviation"] for g in kb.groups()}
    assert groups == {"CWG-WSIS&SDG", "CWG-COP"}
    stats = kb.stats()
    assert {g["group"] for g in stats["groups"]} == groups
    assert all(g["meetings"] == 2 for g in stats["groups"])


# -- re-imports and revisions --------------------------------------------------------------------


def test_reimporting_the_same_report_changes_nothing(kb, sample_path):
    first = import_file(kb, sample_path)
    before = kb.export()
    changes = kb.db["changes"].count
    again = import_file(kb, sample_path)
    assert first.counts()["added"] > 100
    assert again.counts() == {"added": 0, "changed": 0, "removed": 0, "unchanged": first.counts()["added"]}
    assert kb.export() == before
    assert kb.db["changes"].count == changes


def test_a_revised_report_updates_in_place(kb, sample_path, tmp_path):
    import_file(kb, sample_path)
    text = sample_path.read_text(encoding="utf-8")
    ids = {d["title"]: d["id"] for d in kb.records("deadlines")}
    revised = text.replace(
        "The deadline for ITU input is 16 March 2020.", "The deadline for ITU input is 20 March 2020."
    )
    revised = revised.replace(
        "IFIP, Global Coalition on Aging (GCOA) (Supporting partners)",
        "Global Coalition on Aging (GCOA) (Supporting partners)",
    )
    revised = revised.replace(
        "Ms Aygun Ahmadova (Azerbaijan), Prof. Ahmad Reza Sharafat (Islamic Rep. of Iran), Mr. Wojciech",
        "Ms Aygun Ahmadova (Azerbaijan), Prof. Ahmad Reza Sharafat (Islamic Rep. of Iran), Ms Lena Novak (Croatia), Mr. Wojciech",
    )
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    result = import_file(kb, path)
    assert "ITU input" in result.changed["deadlines"]
    assert result.removed["partners"] == ["IFIP"]
    assert "Lena Novak" in result.added["people"]
    moved = kb.get("deadlines", ids["ITU input"])
    assert moved["due"] == "2020-03-20"  # the same record, updated in place
    assert "changed" in result.summary_text() and "removed 1 partner: IFIP" in result.summary_text()


def test_hand_added_records_survive_a_reimport(kb, sample_path):
    import_file(kb, sample_path)
    mine = kb.add("deadlines", {"title": "Comments on the logo", "due": "1 May 2020"})
    import_file(kb, sample_path)
    assert kb.get("deadlines", mine["id"]) is not None


# -- bad files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("Caf\u00e9 report".encode("latin-1"), "not UTF-8"),
        (b"just some words without any structure at all", "nothing recognisable"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(kb, sample_path, tmp_path, content, reason):
    import_file(kb, sample_path)
    before = kb.export()
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReportError, match=reason):
        import_file(kb, path)
    assert kb.export() == before


def test_oversized_and_missing_files_are_refused(kb, tmp_path, monkeypatch):
    import knowledge.reading as reading

    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("1.1. The Group noted the report. " * 10)
    with pytest.raises(ReportError, match="refused"):
        import_file(kb, big)
    with pytest.raises(ReportError, match="no such file"):
        import_file(kb, tmp_path / "missing.txt")
    assert kb.is_empty()


def test_a_failure_part_way_rolls_the_whole_import_back(kb, sample_path, monkeypatch):
    import knowledge.importer as importer

    calls = {"n": 0}
    real = importer._apply_kind

    def failing(kb_, kind, *args):
        calls["n"] += 1
        if kind == "partners":
            raise RuntimeError("disk trouble")
        return real(kb_, kind, *args)

    monkeypatch.setattr(importer, "_apply_kind", failing)
    with pytest.raises(RuntimeError):
        import_file(kb, sample_path)
    assert kb.is_empty() and kb.groups() == [] and calls["n"] > 1


def test_docx_reports_import_like_text(kb, tmp_path, sample_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in sample_path.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "report.docx"
    document.save(path)
    import_file(kb, path)
    assert {m["number"] for m in kb.records("meetings")} == {34, 35}
    assert len(kb.records("partners")) == 12


def test_a_corrupt_docx_is_refused(kb, tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReportError, match="docx"):
        import_file(kb, path)
    assert kb.is_empty()


def test_docx_automatic_numbering_becomes_paragraph_numbers(kb, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Report of the Working Group on Testing (WG-T)")
    document.add_paragraph("Meetings", style="List Number")
    document.add_paragraph("The 3rd meeting was held on 4 May 2021 in Geneva.", style="List Number 2")
    document.add_paragraph("Members were invited to send comments by 1 June 2021.", style="List Number 2")
    path = tmp_path / "numbered.docx"
    document.save(path)
    import_file(kb, path)
    [deadline] = kb.records("deadlines")
    assert deadline["due"] == "2021-06-01" and deadline["paragraph"] == "1.2"
    assert kb.records("meetings")[0]["start"] == "2021-05-04"


# -- a report as a unit -------------------------------------------------------------------------


def _counts(kb) -> dict:
    tables = ["reports", "paragraphs", "evidence", "aliases", *KINDS]
    return {t: kb.db[t].count for t in tables} | {
        "search": kb.conn.execute("SELECT count(*) FROM search").fetchone()[0]
    }


def test_a_revised_report_says_what_changed_per_record(kb, sample_path, tmp_path):
    import_file(kb, sample_path)
    revised = sample_path.read_text(encoding="utf-8").replace(
        "The deadline for ITU input is 16 March 2020.", "The deadline for ITU input is 20 March 2020."
    )
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    result = import_file(kb, path)
    assert "ITU input: 16 March 2020 \u2192 20 March 2020" in result.moves
    assert "  changed ITU input: 16 March 2020 \u2192 20 March 2020" in result.summary_text().splitlines()


def test_reports_are_listed_with_their_records_per_kind(kb, sample_path):
    import_file(kb, sample_path)
    import_file(kb, FIXTURES / "report_alpha.txt")
    listed = list_reports(kb)
    assert [(r["id"], r["group"], r["file"]) for r in listed] == [
        (1, "CWG-WSIS&SDG", "sample-report.txt"),
        (2, "CWG-COP", "report_alpha.txt"),
    ]
    assert listed[0]["records"]["deadlines"] == 7 and listed[1]["records"]["partners"] == 6
    assert listed[0]["imported_at"] and listed[0]["title"]


def test_removing_a_report_takes_everything_it_brought_and_undo_puts_it_back(kb, sample_path):
    import_file(kb, FIXTURES / "report_alpha.txt")
    alone = _counts(kb)
    import_file(kb, sample_path)
    both = _counts(kb)
    change_id, report = remove_report(kb, 2, "test")
    assert report["filename"] == "sample-report.txt"
    assert _counts(kb) == {**alone, "aliases": _counts(kb)["aliases"]}  # group aliases stay with the group
    assert not kb.records("deadlines", "report_id = 2")
    from knowledge.answering import answer

    assert "16 March 2020" not in answer(kb, "When is the HLPF input deadline?").text
    undo_change(kb, change_id, "test")
    assert _counts(kb) == both
    assert "16 March 2020" in answer(kb, "When is the HLPF input deadline?").text
    with pytest.raises(ValidationError, match="already undone"):
        undo_change(kb, change_id, "test")


def test_removing_a_report_that_is_not_there_is_one_clear_error(kb):
    with pytest.raises(ValidationError, match="there is no report 7"):
        remove_report(kb, 7, "test")


def test_importing_beside_the_shipped_sample_says_so_in_one_line(kb, sample_path):
    assert import_file(kb, sample_path).note is None
    note = import_file(kb, FIXTURES / "report_alpha.txt").note
    assert note and "\n" not in note and "sample" in note and "reports remove 1" in note


def test_the_reports_command_lists_and_removes(cli, tmp_path, sample_path):
    db = tmp_path / "kb.sqlite"
    cli("--db", db, "import", sample_path)
    code, out, _ = cli("reports", "--db", db, "--json")
    assert code == 0 and json.loads(out)[0]["records"]["meetings"] == 2
    code, out, _ = cli("reports", "--db", db)
    assert code == 0 and "sample-report.txt" in out and "7 deadlines" in out
    code, out, _ = cli("reports", "remove", "1", "--db", db)
    assert code == 0 and "rapporteur undo" in out
    change_id = out.rsplit("rapporteur undo ", 1)[1].split()[0]
    code, out, _ = cli("reports", "--db", db)
    assert "no reports imported" in out
    code, out, _ = cli("--db", db, "undo", change_id)
    assert code == 0 and "is back" in out
    code, _, err = cli("reports", "remove", "x", "--db", db)
    assert code == 2 and len(err.strip().splitlines()) == 1


# -- what's new, announced ----------------------------------------------------------------------


def test_an_import_tells_each_subscribed_channel_once_what_is_new(tmp_path, sample_path):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from announce_fakes import FakeSlack
    from bot import announcer
    from knowledge import announcements

    zurich, db = ZoneInfo("Europe/Zurich"), tmp_path / "kb.sqlite"
    evening = datetime(2020, 3, 2, 20, 0, tzinfo=zurich)  # news need not wait for 09:00
    fake = FakeSlack().start()
    try:
        client = announcer.make_client("xoxb-test", fake.base_url)
        with KnowledgeBase(db) as kb:
            announcements.subscribe(kb, "C0NEWS1", "7d", actor="test")
            announcements.subscribe(kb, "C0NEWS2", "7d", actor="test")
            import_file(kb, sample_path)
            announcer.run_once(kb, client, now=evening, tz=zurich)
            announcer.run_once(kb, client, now=evening, tz=zurich)  # a second run posts nothing again
        for channel in ("C0NEWS1", "C0NEWS2"):
            posts = fake.posts(channel)
            assert len(posts) == 1, posts
            text = posts[0]["text"]
            assert text.startswith("*New in Report on meetings 34, 35*")
            assert "*ITU input*: due *16 March 2020*" in text and "_New events_" in text and "HLPF 2020" in text
        revised = sample_path.read_text(encoding="utf-8").replace(
            "The deadline for ITU input is 16 March 2020.", "The deadline for ITU input is 20 March 2020."
        )
        (tmp_path / "revised.txt").write_text(revised, encoding="utf-8")
        with KnowledgeBase(db) as kb:
            import_file(kb, tmp_path / "revised.txt")
            import_file(kb, tmp_path / "revised.txt")  # the same again: nothing new, nothing queued
            announcer.run_once(kb, client, now=evening, tz=zurich)
        news = [p["text"] for p in fake.posts("C0NEWS1") if p["text"].startswith("*New in")]
        assert len(news) == 2 and "_Moved_" in news[1] and "16 March 2020 \u2192 *20 March 2020*" in news[1]
        assert "_New deadlines_" not in news[1]
    finally:
        fake.stop()


def test_a_failed_news_post_is_claimed_again_by_the_next_run(tmp_path, sample_path):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from announce_fakes import FakeSlack
    from bot import announcer
    from knowledge import announcements

    zurich, db = ZoneInfo("Europe/Zurich"), tmp_path / "kb.sqlite"
    now = datetime(2020, 3, 2, 20, 0, tzinfo=zurich)
    fake = FakeSlack().start()
    try:
        fake.fail_channel("C0NEWS1", "internal_error", times=1)
        client = announcer.make_client("xoxb-test", fake.base_url)
        with KnowledgeBase(db) as kb:
            announcements.subscribe(kb, "C0NEWS1", "7d", actor="test")
            import_file(kb, sample_path)
            assert announcer.run_once(kb, client, now=now, tz=zurich).failed
            announcer.run_once(kb, client, now=now, tz=zurich)
            status = kb.conn.execute("SELECT status FROM announcements WHERE lead LIKE 'news:%'").fetchall()
        assert status == [("posted",)]
        assert len([p for p in fake.posts("C0NEWS1") if p["text"].startswith("*New in")]) == 1
    finally:
        fake.stop()


def test_the_news_message_is_planned_from_the_changes():
    from datetime import date

    from knowledge.announcements import plan_import_news, render_news

    news = plan_import_news(
        "Report 7",
        [
            {"kind": "deadlines", "action": "add", "before": None, "after": {"title": "Comments", "due": "2020-03-20"}},
            {
                "kind": "deadlines",
                "action": "edit",
                "before": {"title": "Input", "due": "2020-03-16"},
                "after": {"title": "Input", "due": "2020-03-20"},
            },
            {
                "kind": "deadlines",
                "action": "edit",
                "before": {"title": "X", "due": "2020-03-16", "send_to": "a"},
                "after": {"title": "X", "due": "2020-03-16", "send_to": "b"},
            },  # not a move
            {
                "kind": "events",
                "action": "add",
                "before": None,
                "after": {"name": "Forum 2020", "start": "2020-07-07", "end": "2020-07-09", "place": "Geneva"},
            },
            {"kind": "partners", "action": "add", "before": None, "after": {"name": "UAE"}},
        ],
    )
    assert [d["title"] for d in news.new_deadlines] == ["Comments"] and len(news.moved) == 1
    text = render_news(news, date(2020, 3, 2))
    assert "*Input*: 16 March 2020 \u2192 *20 March 2020*" in text and "*Forum 2020*: 7" in text and "Geneva" in text
    assert not plan_import_news("Report 7", [])


def test_slack_admins_list_and_remove_reports_and_undo_brings_them_back(tmp_path, sample_path):
    from types import SimpleNamespace

    from handlers.commands.registry import dispatch
    from handlers.services import Services

    db = tmp_path / "kb.sqlite"
    with KnowledgeBase(db) as kb:
        import_file(kb, sample_path)
    services = Services(str(db), settings=SimpleNamespace(admins="UADMIN1", calendar_token=None, public_url=None))

    def wg(text, user="UADMIN1"):
        return dispatch(text, {"user_id": user, "channel_id": "C0ADM", "text": text}, services)

    listed = json.dumps(wg("reports"))
    assert "sample-report.txt" in listed and "7 deadlines" in listed
    refused = wg("reports remove 1", user="UDELEGATE")["text"]
    assert "Only the secretariat's admins" in refused and list_reports(services.kb())
    assert "Which report?" in wg("reports remove x")["text"]
    assert "Removed report 1" in wg("reports remove 1")["text"] and not list_reports(services.kb())
    assert "is back" in wg("undo")["text"] and len(list_reports(services.kb())) == 1


def test_a_deadline_dated_only_in_words_is_kept_with_its_words_and_no_invented_date(kb, tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Board meeting minutes\n\n23rd - 24th March 2017 - Lyon, France\n\nActions\n\n"
        "Members were invited to submit comments on the data policy within one month of the meeting.\n",
        encoding="utf-8",
    )
    result = import_file(kb, path)
    [deadline] = kb.records("deadlines")
    assert deadline["title"] == "Comments on the data policy"
    assert deadline["due"] is None and deadline["due_words"] == "within one month of the meeting"
    # a meeting with no number is stored by its date and place, and the summary names it so
    [meeting] = kb.records("meetings")
    assert meeting["number"] is None and (meeting["start"], meeting["end"]) == ("2017-03-23", "2017-03-24")
    assert meeting["place"] == "Lyon, France"
    assert "added 1 meeting: meeting of 23–24 March 2017" in result.summary_text() and not result.unstored


def test_a_deadline_in_words_is_listed_but_never_on_the_calendar_nor_announced(kb):
    from datetime import date

    from knowledge.announcements import plan_import_news
    from knowledge.calendar import ics_feed

    kb.add("deadlines", {"title": "Comments on the policy", "due_words": "within one month of the meeting"})
    kb.add("deadlines", {"title": "Input", "due": "16 March 2020"})
    assert [d["title"] for d in kb.deadlines()] == ["Input", "Comments on the policy"]
    assert [d["title"] for d in kb.deadlines(date(2020, 1, 1), None)] == ["Input"]
    assert "Comments on the policy" not in ics_feed(kb).decode() and "Input" in ics_feed(kb).decode()
    changes = [{"kind": "deadlines", "action": "add", "before": None, "after": d} for d in kb.deadlines()]
    assert [d["title"] for d in plan_import_news("Report", changes).new_deadlines] == ["Input"]


def test_a_deadline_needs_a_date_or_words():
    import pytest as _pytest

    from knowledge.validation import ValidationError, clean

    with _pytest.raises(ValidationError, match="needs a due .*--due-words"):
        clean("deadlines", {"title": "Comments"})
    assert (
        clean("deadlines", {"title": "Comments", "due_words": "by the June meeting"})["due_words"]
        == "by the June meeting"
    )


def test_undoing_a_removal_after_records_were_added_since_brings_both_back(kb, sample_path):
    import_file(kb, sample_path)
    before = {d["id"] for d in kb.records("deadlines")}
    change_id, _ = remove_report(kb, 1, "test")
    added = kb.add("deadlines", {"title": "Hand-added", "due": "2020-05-01"})
    assert added["id"] not in before  # ids are never reused, so the removed records' ids stay theirs
    undo_change(kb, change_id, "test")
    assert {d["id"] for d in kb.records("deadlines")} == before | {added["id"]}


def test_news_leave_out_what_is_past_and_news_with_nothing_current_are_not_posted(tmp_path, sample_path):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from knowledge import announcements
    from knowledge.announcements import plan_import_news

    changes = [
        {"kind": "deadlines", "action": "add", "before": None, "after": {"title": "Old", "due": "2020-01-05"}},
        {"kind": "deadlines", "action": "add", "before": None, "after": {"title": "New", "due": "2020-03-16"}},
    ]
    assert [d["title"] for d in plan_import_news("R", changes, date(2020, 3, 1)).new_deadlines] == ["New"]
    zurich = ZoneInfo("Europe/Zurich")
    with KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        announcements.subscribe(kb, "C0NEWS1", "7d", actor="test")
        import_file(kb, sample_path)
        with kb.transaction():
            assert announcements.claim_news(kb, datetime(2021, 1, 1, 12, tzinfo=zurich), zurich) == []
        status = kb.conn.execute("SELECT status FROM announcements WHERE lead LIKE 'news:%'").fetchall()
    assert status == [("superseded",)]


def test_an_import_tells_its_stages_to_whoever_asks(kb, sample_path):
    stages: list[str] = []
    import_file(kb, sample_path, progress=stages.append)
    assert stages[0] == f"reading {sample_path.name}"
    assert any(s.startswith("finding records in") for s in stages)
    assert stages[-2:] == ["indexing every sentence, item and row", "storing the records"]


def test_the_command_line_shows_an_imports_stages_only_on_a_terminal(tmp_path, sample_path, monkeypatch, capsys):
    import sys

    from bot.cli import main

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["--db", str(tmp_path / "kb.sqlite"), "import", str(sample_path)]) == 0
    assert "\u2026 indexing every sentence" in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert main(["--db", str(tmp_path / "kb2.sqlite"), "import", str(sample_path)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "opening, body",
    [
        ("HTTP Working Group Minutes - IETF106 Singapore\n\nMonday, 18 November 2019", "HTTP Working Group"),
        ("Agenda for the July 2nd video call of WebAssembly's Community Group\n", "WebAssembly's Community Group"),
        (
            "Common Security Advisory Framework (CSAF) Technical Committee Working Meeting\n",
            "Common Security Advisory Framework (CSAF) Technical Committee",
        ),
        (
            "United Nations\nA/HRC/59/15\n\nReport of the Working Group on the Universal Periodic Review*\n",
            "Working Group on the Universal Periodic Review",
        ),
        ("Notes from Tuesday\n\nWe talked about lunch.\n", None),
    ],
)
def test_minutes_that_define_no_abbreviation_take_their_group_from_the_title(opening, body):
    from knowledge.extract.context import _body_in_title

    assert _body_in_title(opening) == body


@pytest.mark.parametrize(
    "opening, title",
    [
        (
            "# conda-forge core meeting 2022-05-04\n\nAdd new agenda items under the heading below\n\n",
            "conda-forge core meeting 2022-05-04",
        ),
        (
            "COMMISSION FOR INLAND NAVIGATION\n\nSymbol: CINS/6/REP\n\nAgenda item: 11\n\n"
            "REPORT OF THE WORKING GROUP ON ITS SIXTH SESSION\n\n",
            "REPORT OF THE WORKING GROUP ON ITS SIXTH SESSION",
        ),
        (
            "EXAMPLE COMMISSION\n\nCouncil - Forty-fifth Session, Port Louis, 24-27 May 2027\n\n"
            "REPORT OF THE WORKING PARTY ON ITS 11TH MEETING\n\n",
            "REPORT OF THE WORKING PARTY ON ITS 11TH MEETING",
        ),
    ],
)
def test_a_reports_title_is_the_line_that_says_what_it_is(kb_of_text, opening, title):
    name = "report.md" if opening.startswith("#") else "report.txt"
    kb = kb_of_text(opening + "1.1. The 11th meeting was held in Port Louis on 24 May 2027.\n", name)
    assert kb.conn.execute("SELECT title FROM reports").fetchone()[0] == title
