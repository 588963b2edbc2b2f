"""The evidence layer: any report's text cut into sentences, items and rows with their headings,
and what each holds (dates, times, people, places, symbols, outcomes)."""

from __future__ import annotations

import pytest

from knowledge.evidence.holds import find_dates, find_people, find_places, find_symbols, holds
from knowledge.evidence.segment import split_sentences, units
from knowledge.importer import import_text

MINUTES = """Board Meeting Minutes

Attendees

- [x] Jane Doe - Example Corp
- [ ] Raj Patel - Other Org

Decisions

- Budget for next year
  - The board approved the budget of USD 12 000.
  - Vote passed!

Action Items

Owner | Action | Due
Jane Doe | Send the draft charter | 5/31
Raj Patel | Book the venue | June 12, 2026

Antitrust notice: attendees adhere to meeting agendas and must not participate in
activities that are prohibited under applicable laws, and must be aware of the
policy at all times.
"""


def test_headings_become_context_of_what_stands_under_them():
    found = {u.text: u for u in units(MINUTES)}
    assert found["[x] Jane Doe - Example Corp"].context.endswith("Attendees")
    nested = found["The board approved the budget of USD 12 000."]
    assert nested.kind == "item" and nested.context == "Decisions / Budget for next year"
    assert found["Decisions"].kind == "heading"


def test_numbered_items_stand_under_the_lettered_item_that_introduces_them():
    text = (
        "3.3. The Group made the following recommendations:\n"
        "a) Seed standards:\n"
        "1) The Group welcomed Version 3.0 of the draft;\n"
        "2) Comments were invited by 30 June 2027;\n"
        "b) Safety duplication:\n"
        "1) The Group noted 1,262 accessions;\n"
    )
    found = {u.text: u for u in units(text)}
    comments, noted = found["Comments were invited by 30 June 2027;"], found["The Group noted 1,262 accessions;"]
    assert comments.context.endswith(" / Seed standards:")
    assert "Seed standards" not in noted.context and noted.context.endswith(" / Safety duplication:")
    assert noted.context.startswith("The Group made the following recommendations:")
    assert comments.paragraph == noted.paragraph == "3.3"  # an item is cited by the paragraph it stands in


def test_a_line_alone_right_under_a_heading_is_its_subtitle():
    text = "Welcome\n\nNotes of the day.\n\nhttp-core Status\n\nPresented by Roy Fielding\n\n- Most of the work is moving\n"
    found = {u.text: u for u in units(text)}
    assert found["Most of the work is moving"].context.endswith("http-core Status / Presented by Roy Fielding")
    contents = "Contents\n\nFirst part\n\nSecond part\n\nThird part\n\nSome text here.\n"
    flat = {u.text: u for u in units(contents)}
    assert flat["Some text here."].context == "Contents / Third part"  # one step only: a list stays flat


def test_table_rows_carry_their_header_and_hard_wrapped_lines_are_joined():
    rows = [u for u in units(MINUTES) if u.kind == "row"]
    assert [r.text for r in rows][1:] == [
        "Jane Doe | Send the draft charter | 5/31",
        "Raj Patel | Book the venue | June 12, 2026",
    ]
    assert rows[1].context.endswith("Owner | Action | Due")
    joined = [u.text for u in units(MINUTES) if u.text.startswith("Antitrust")]
    assert joined == [
        "Antitrust notice: attendees adhere to meeting agendas and must not participate in activities "
        "that are prohibited under applicable laws, and must be aware of the policy at all times."
    ]


def test_numbered_paragraphs_are_cited_by_their_number():
    text = (
        "Part I - Opening\n\n(1) The session was held in Bonn.\n\n(2) Mr. R. T. Watson opened it. It closed at 7 p.m."
    )
    cited = {u.text: u.paragraph for u in units(text)}
    assert cited["The session was held in Bonn."] == "1"
    assert cited["It closed at 7 p.m."] == "2"


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Mr. Smith spoke. Ms. Jones replied.", ["Mr. Smith spoke.", "Ms. Jones replied."]),
        ("See document No. 5 of 2020. It was adopted.", ["See document No. 5 of 2020.", "It was adopted."]),
        ("Mr. R. T. Watson chaired. The group agreed.", ["Mr. R. T. Watson chaired.", "The group agreed."]),
        ("Paragraph 4.2 applies, e.g. for drafts. Done.", ["Paragraph 4.2 applies, e.g. for drafts.", "Done."]),
        ("Call the desk (ext. 71234). It opens at 9.", ["Call the desk (ext. 71234).", "It opens at 9."]),
        # an item's own number written after its bullet ("- 1. SIG leads ...") is not a sentence
        ("1. SIG leads and WG leads. Then more.", ["1. SIG leads and WG leads.", "Then more."]),
        ("We met. 2. Next thing", ["We met.", "2. Next thing"]),
    ],
)
def test_sentences_are_not_cut_after_abbreviations_or_initials(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("held from 21 to 26 January 2013", "21 to 26 January 2013"),
        ("on 23rd - 24th March 2017 - Toulouse", "23rd - 24th March 2017"),
        ("CFP closes 5/31 #1049", "5/31"),
        ("in the second half of 2017", "second half of 2017"),
        ("within 30 days of approval", "within 30 days"),
        ("Meeting Date: April 29, 2026", "April 29, 2026"),
    ],
)
def test_dates_in_the_shapes_reports_write_them(text, expected):
    assert expected in find_dates(text)


def test_people_places_symbols_and_outcomes():
    assert "Mr. Zakri Abdul Hamid" in find_people("Chair: Mr. Zakri Abdul Hamid (Malaysia)")
    assert "Jeremy Tandy" in find_people("JT - Jeremy Tandy, Met Office, UK, Vice-chair")
    assert not find_people("The Working Group Agreed")
    assert "Malaysia" in find_places("Chair: Mr. Zakri Abdul Hamid (Malaysia)")
    assert "Bonn" in find_places("The session was held in Bonn from 21 to 26 January 2013.")
    assert {"ECE/TRADE/C/CEFACT/2020/19", "PR #1412"} <= set(
        find_symbols("see ECE/TRADE/C/CEFACT/2020/19 and PR #1412")
    )
    found = holds("Meeting called to order @ 17:05 UTC. The motion carries.")
    assert found["time"] == ["17:05 UTC"] and "motion" in found["decision"]
    assert "date" not in holds("Nothing but words here.")


def test_a_report_with_no_records_still_imports_and_its_sentences_answer(kb):
    from knowledge.answering import answer

    text = "\n".join(
        [
            "Steering Committee Notes",
            "",
            "Discussion",
            "",
            "- The committee agreed to archive the legacy importer project after a final release.",
            "- Lucia Moreno volunteered to write the migration guide.",
            "- Several members noted that the documentation site needs a new search tool.",
        ]
        * 1
    )
    import_text(kb, text + "\n" + "Other remarks were made about the weather and lunch. " * 4, "notes.md")
    count = kb.conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
    assert count >= 5
    reply = answer(kb, "who volunteered to write the migration guide?")
    assert reply.answered and "Lucia Moreno" in reply.text
    assert reply.sources and "Lucia Moreno" in reply.sources[0].text


def test_reimporting_replaces_a_reports_evidence_instead_of_adding_to_it(kb):
    text = "Notes\n\n" + "The group agreed to meet again in the spring to review the roadmap. " * 6
    import_text(kb, text, "notes.txt")
    first = kb.conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
    import_text(kb, text, "notes.txt")
    assert kb.conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == first
    assert kb.conn.execute("SELECT count(*) FROM evidence_index").fetchone()[0] == first


SESSIONS = """Widget Working Group Minutes - Meeting 12 Lisbon

Monday, 18 November 2019

Minutes by A. Scribe

Widget colours

Proposal to add teal was discussed at length.

Thursday, 21 November 2019

Widget sizes

The group agreed to keep three sizes.
"""


def test_a_report_opens_with_a_head_unit_of_its_title_lines():
    head = units(SESSIONS)[0]
    assert head.kind == "heading" and head.position == 0
    assert head.text.startswith("Widget Working Group Minutes - Meeting 12 Lisbon \u00b7 Monday, 18 November 2019")
    assert "Proposal" not in head.text  # the head ends at the first sentence


def test_a_dated_heading_dates_everything_under_it_until_the_next():
    by_text = {u.text: u for u in units(SESSIONS)}
    assert by_text["Proposal to add teal was discussed at length."].context.startswith("Monday, 18 November 2019")
    assert by_text["The group agreed to keep three sizes."].context.startswith("Thursday, 21 November 2019")
    assert "Monday" not in by_text["The group agreed to keep three sizes."].context


def test_a_heading_naming_only_a_year_is_not_a_session():
    text = "Outcomes of the 2019 session\n\nThe group met.\n\nNext steps\n\nThe group will meet again."
    assert all("2019" not in u.context for u in units(text) if u.text == "The group will meet again.")


def test_a_line_starting_with_a_day_of_the_month_is_not_a_numbered_item():
    kinds = {
        u.text: (u.kind, u.paragraph)
        for u in units("United Nations\nA/HRC/59/15\n24 March 2025\n\n1. The Working Group met.\n")
    }
    assert "24 March 2025" in units("United Nations\nA/HRC/59/15\n24 March 2025\n\n1. The Working Group met.\n")[0].text
    assert kinds["The Working Group met."] == ("item", "1")
    assert not any(text == "March 2025" for text in kinds)


def test_a_question_about_a_day_is_answered_from_the_session_heading():
    from knowledge.answering import _context, rank, render
    from knowledge.answering.question import read
    from knowledge.answering.result import Answer
    from knowledge.store import KnowledgeBase

    kb = KnowledgeBase(":memory:")
    import_text(kb, SESSIONS * 3, "minutes.txt")
    ctx = _context(kb)
    reading = read("what day was teal proposed", ctx.vocabulary, ctx.abbreviations)
    best = rank(kb, reading, Answer(False, "", 0.0))[0]
    assert best.candidate.text == "Proposal to add teal was discussed at length."
    assert best.features["type_match"] == 1.0  # the sentence holds no date; its session heading does
    reply = render.evidence_answer(reading, best.candidate, 1.0, False)
    assert reply.fact == "Monday, 18 November 2019" and "teal" in reply.text


def test_a_footnote_is_read_where_its_marker_stands():
    from knowledge.evidence.segment import resolve_footnotes

    text = (
        "3. The following documents were issued:\n(a) A national report made under paragraph 15 (a);1\n"
        "(b) A summary prepared by the secretariat.2\n\n1 A/HRC/WG.6/48/SVN/1.\n2 A/HRC/WG.6/48/SVN/3.\n\n"
        "4. The budget rose by 2.5 per cent in 2024.\n"
    )
    resolved = resolve_footnotes(text)
    assert "paragraph 15 (a); [1: A/HRC/WG.6/48/SVN/1.]" in resolved
    assert "secretariat. [2: A/HRC/WG.6/48/SVN/3.]" in resolved
    assert "\n1 A/HRC" not in resolved and "2.5 per cent" in resolved
    by_text = {u.text: u for u in units(text)}
    assert any("A/HRC/WG.6/48/SVN/1" in t and "national report" in t for t in by_text)


def test_a_numbered_line_without_a_marker_is_left_alone():
    from knowledge.evidence.segment import resolve_footnotes

    text = "Agenda\n\n1 Opening of the meeting\n2 Adoption of the agenda\n"
    assert resolve_footnotes(text) == text


@pytest.mark.parametrize(
    "text, people",
    [
        ("ACTION: Jeremy Bennett to add Trace back to the list.", ["Jeremy Bennett"]),
        ("Guy Martin NVIDIA contact for ASWF stuff.", ["Guy Martin"]),
        ("Consolidated United Nations Centre for Trade Facilitation.", []),
        ("Executive Guide on eInvoicing adopted.", []),
    ],
)
def test_a_heading_word_an_organisation_or_a_title_is_no_persons_name(text, people):
    assert find_people(text) == people


@pytest.mark.parametrize(
    "text, people",
    [
        ("Transport Information Header - James Gruessing", ["James Gruessing"]),
        ("Client Hints - Yoav Weiss (remote)", ["Yoav Weiss"]),
        ("Andrew Jones - Netflix, Inc.", ["Andrew Jones"]),
    ],
)
def test_an_agenda_line_names_its_presenter_after_the_topic(text, people):
    assert find_people(text) == people


def test_a_nested_markdown_item_stands_under_its_parent_item(tmp_path):
    from knowledge.reading import read_report

    path = tmp_path / "minutes.md"
    path.write_text("## Agenda\n\n* Health Survey [#13](https://example.org/13)\n  * 9 responses so far\n", "utf-8")
    found = {u.text: u for u in units(read_report(path))}
    assert found["9 responses so far"].context == "Agenda / Health Survey #13 (example.org)"


def test_a_table_row_under_a_merged_cell_holds_its_label_and_the_header_survives_a_rule():
    text = " Tier | Donor | Amount\n -----+-------+-------\n Anchor | Norway | 400\n        | Germany | 275\n"
    rows = [u for u in units(text) if u.kind == "row"]
    assert [u.text for u in rows] == ["Tier | Donor | Amount", "Anchor | Norway | 400", "Anchor | Germany | 275"]
    assert rows[2].context.endswith("Tier | Donor | Amount")


def test_a_line_ending_in_a_colon_names_no_session_day():
    text = "Decisions adopted at the session (Tallinn, 2-3 October 2024):\n\nPART E. BUDGET\n\nE.1 Funds were received."
    found = {u.text: u for u in units(text)}
    assert "October" not in found["E.1 Funds were received."].context


def test_a_person_listed_in_full_is_found_by_first_name_surname_or_speakers_initials():
    from knowledge.evidence.holds import report_holds

    texts = [
        "Cyril Pernet",
        "Dora Hermes (BIDS maintainer)",
        "Who's booking hotels? --> Cyril",
        "DH: when will we have a plan?",
        "Embench IoT suite is appropriate.",  # a name found in passing is not one a list gives
        "The Embench suite needs more benchmarks.",
        "May 5th Monday to Wednesday 7th",
    ]
    held = [h.get("person", []) for h in report_holds(texts)]
    assert held[2] == ["Cyril"] and held[3] == ["DH"]
    assert "Embench" not in held[5] and held[6] == []


def test_names_alone_under_a_participants_heading_are_people(tmp_path):
    from knowledge.extract import read_report_records
    from knowledge.paragraphs import split_paragraphs
    from knowledge.reading import read_report

    path = tmp_path / "minutes.md"
    path.write_text(
        "## Participants\n\n- Dora Hermes\n- Rémi Gau (BIDS maintainer)\n\n## Dec 7\n\n"
        "* **Attendees**\n    * Aaron Crickenberger [Samsung SDS]\n* **Topics**\n    * Weekly Standups\n",
        "utf-8",
    )
    people = read_report_records(split_paragraphs(read_report(path)), "minutes.md").records["people"]
    assert [(p["name"], p.get("role"), p.get("organisation")) for p in people] == [
        ("Dora Hermes", None, None),
        ("Rémi Gau", "BIDS maintainer", None),
        ("Aaron Crickenberger", None, "Samsung SDS"),
    ]


def test_a_city_the_time_zone_database_names_is_a_place_unless_a_name_begins_with_it():
    assert find_places("The in-person meeting will be in Copenhagen on May 5.") == ["Copenhagen"]
    assert "Victoria" not in find_places("Victoria Smith chaired the meeting.")


def test_initials_in_brackets_before_an_agenda_point_name_who_gave_it():
    from knowledge.evidence.holds import report_holds

    held = report_holds(["Damien Duportal - Anaconda", "[x] (DD) Update on the Windows images", "The DD format"])
    assert held[1]["person"] == ["DD"] and "person" not in held[2]
