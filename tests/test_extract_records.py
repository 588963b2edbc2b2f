"""The record readers on the shapes issue 11 lists, each written here in words of our own: meetings
of any body, participant lists with initials, asks that share a date, titles that say what is due,
deadlines with no date, and partners only where a report calls them so."""

from __future__ import annotations

import re

from knowledge.extract import read_report_records
from knowledge.extract.titles import empty_title
from knowledge.paragraphs import split_paragraphs

MINUTES = """Steering board meeting minutes

23rd - 24th March 2017 - Lyon, France

Participants

KB - Karin Bergstrom, Northern Weather Service, Sweden, Chair
PO - Pablo Ortega Ruiz, Andean Data Centre, UK, Vice-chair
LM - Lena Moreau, Coastal Observatory, France

Status update

KB presented the status of the catalogue. PO reported on the translation work.

Actions

Members were invited to submit additional information on the data policy within one month of the meeting.
The secretariat will circulate the revised plan by the next meeting of the Board.
"""

REPORT = """Report of the Expert Group on Ocean Statistics on its first and second meetings

1. Meetings
1.1. The first meeting was held in Lisbon on 4-5 May 2021. The second meeting took place on 9 November 2021.
1.2. The summary reports of the first and second meetings are documents EGOS-1/12 and EGOS-2/15.
2. Contributions
2.1. Contributions for Study Group 1 should be sent by 30 June 2021.
2.2. Contributions for Study Group 2 should be sent by 30 June 2021.
2.3. The Group invited Parties to submit additional information on capacity-building by 1 March 2022.
2.4. Deadline: 15 July 2021.
2.5. The Group agreed that its input to the Review should be finalized before the end of October 2026.
3. Support
3.1. Norway and the Ocean Fund were thanked as donors to the trust fund.
3.2. The Group welcomed a status update from the secretariat and thanked MDA for hosting.

| Event | Dates | Venue |
|---|---|---|
| Ocean Data Forum 2022 | 8-11 March 2022 | Valletta, Malta |
"""


def read(text: str):
    return read_report_records(split_paragraphs(text), "test")


def titles(extracted) -> list[str]:
    return [d["title"] for d in extracted.records["deadlines"]]


def test_an_unnumbered_meeting_gets_its_date_range_and_place_from_a_line_of_its_own():
    meetings = read(MINUTES).records["meetings"]
    assert [(m["number"], m["start"], m["end"], m.get("place")) for m in meetings] == [
        (None, "2017-03-23", "2017-03-24", "Lyon, France")
    ]


def test_a_participant_list_gives_people_with_role_country_and_initials():
    extracted = read(MINUTES)
    people = {p["name"]: p for p in extracted.records["people"]}
    assert people["Karin Bergstrom"]["role"] == "Chair" and people["Karin Bergstrom"]["country"] == "Sweden"
    assert people["Pablo Ortega Ruiz"]["role"] == "Vice-chair"
    assert people["Pablo Ortega Ruiz"]["country"] == "United Kingdom"
    assert people["Lena Moreau"]["country"] == "France" and people["Lena Moreau"]["role"] is None
    assert ("KB", "Karin Bergstrom") in extracted.aliases and ("PO", "Pablo Ortega Ruiz") in extracted.aliases


def test_initials_headings_and_status_updates_are_never_partners():
    assert read(MINUTES).records["partners"] == []
    names = {p["name"] for p in read(REPORT).records["partners"]}
    assert not names & {"Status update", "MDA", "KB", "PO", "A status update from the secretariat"}


def test_partners_are_read_where_the_report_calls_them_donors():
    names = {p["name"] for p in read(REPORT).records["partners"]}
    assert {"Norway", "Ocean Fund"} <= names


def test_two_asks_due_the_same_day_stay_two():
    due = [(d["title"], d["due"]) for d in read(REPORT).records["deadlines"] if d["due"] == "2021-06-30"]
    assert due == [("Contributions for Study Group 1", "2021-06-30"), ("Contributions for Study Group 2", "2021-06-30")]


def test_a_title_says_what_is_due_and_the_audience_by_whom():
    asked = [d for d in read(REPORT).records["deadlines"] if d["due"] == "2022-03-01"]
    assert [(d["title"], d["audience"]) for d in asked] == [("Additional information on capacity-building", "Parties")]
    for title in titles(read(REPORT)) + titles(read(MINUTES)):
        assert not empty_title(title), title
        assert not re.match(r"(?i)(deadline|to submit|on the basis of)\b", title), title


def test_a_relative_deadline_keeps_its_words_and_gets_no_date():
    relative = [d for d in read(MINUTES).records["deadlines"] if d["due"] is None]
    assert {(d["title"], d["when"]) for d in relative} == {
        ("Additional information on the data policy", "within one month of the meeting"),
        ("The secretariat will circulate the revised plan", "by the next meeting of the Board"),
    }
    assert all(d["due"] for d in read(REPORT).records["deadlines"])  # every one there has a date


def test_a_month_and_year_is_never_read_as_a_day():
    assert not any(
        d["due"].startswith("2020-10") or d["due"] == "2026-10-20" for d in read(REPORT).records["deadlines"]
    )


def test_a_table_of_events_gives_events_and_no_deadlines():
    extracted = read(REPORT)
    assert not any("Forum" in t for t in titles(extracted))


def test_summary_reports_name_their_meeting_by_its_ordinal():
    docs = {d["symbol"]: d["title"] for d in read(REPORT).records["documents"]}
    assert docs["EGOS-1/12"] == "Summary report of the 1st meeting"
    assert docs["EGOS-2/15"] == "Summary report of the 2nd meeting"


def test_an_empty_title_is_recognised():
    for title in ("Deadline", "To submit additional information", "On the basis of submissions received"):
        assert empty_title(title)
    assert not empty_title("Comments on the draft report")


SESSIONS = """Data Working Group Minutes - Spring plenary

Monday, 4 March 2024

Opening remarks and agenda.

Schedule

- 11 June 2024: dataset review
- 12 June 2024: tooling call

Thursday, 7 March 2024

Closing session.
"""


def test_each_dated_session_of_unnumbered_minutes_is_a_meeting_but_a_schedule_is_not():
    meetings = read(SESSIONS).records["meetings"]
    assert [(m["number"], m["start"]) for m in meetings] == [(None, "2024-03-04"), (None, "2024-03-07")]
    assert len({m["key"] for m in meetings}) == 2


def test_a_table_of_events_gives_each_event_its_dates_and_venue():
    events = {e["name"]: e for e in read(REPORT).records["events"]}
    forum = events["Ocean Data Forum 2022"]
    assert (forum["start"], forum["end"], forum["place"]) == ("2022-03-08", "2022-03-11", "Valletta, Malta")


AGENDA = """Technical Council Meeting - May 14, 2025

Agenda

- Dev Days - May 15, 2025 #966
- Budget review

Notes

- Thomas will ask for volunteers for the Community Days, scheduled for November 16-17, 2026.
"""


def test_a_month_first_range_gives_an_event_both_dates_and_an_agenda_line_is_no_meeting():
    events = {e["name"]: (e["start"], e["end"]) for e in read(AGENDA).records["events"]}
    assert ("2026-11-16", "2026-11-17") in events.values()
    assert [(m["number"], m["start"]) for m in read(AGENDA).records["meetings"]] == [(None, "2025-05-14")]


def test_a_title_names_in_full_what_the_heading_names_and_keeps_the_subject_of_a_weak_clause():
    text = """1. Outcomes
a) Human Resources Strategic Plan:
1) Written inputs on the Plan should be sent no later than 26 April 2024;
b) Numbering misuse:
1) The survey was originally scheduled to close on 31 October 2024;
"""
    assert titles(read(text)) == ["Written inputs on the Human Resources Strategic Plan", "Survey (Numbering misuse)"]


def test_who_held_whose_proxy_is_a_role():
    text = """Committee meeting minutes

Members present

Ms Jane Roe held the proxy of Mr John Doe.
Carlos Mendes gave his proxy to Anna Weber.
Patrick Holmes (proxy), Intel.
"""
    roles = {p["name"]: p["role"] for p in read(text).records["people"]}
    assert roles["Jane Roe"] == "Proxy for John Doe" and roles["Anna Weber"] == "Proxy for Carlos Mendes"
    assert roles["Patrick Holmes"] == "Proxy"


def test_hundreds_of_asks_on_few_dates_each_stay_a_deadline_with_its_own_key():
    lines = ["Report of the Expert Group on Testing", "1. Asks"]
    lines += [
        f"1.{i}. Contributions for Study Group {i} should be sent by {1 + i % 28} March 2021." for i in range(1, 301)
    ]
    deadlines = read("\n".join(lines)).records["deadlines"]
    assert len(deadlines) == 300 == len({d["key"] for d in deadlines})


SESSION_REPORT = """Report of the first session of the Assembly of the Reef Data Platform

Part I – Opening of the session

(1) The first session of the Assembly was held in Nairobi from 4 to 8 March 2024.

(2) The rules agreed at the second session of the preparatory meeting, held in Apia in May 2023, would apply.

Part II – Organizational matters

A – Election of officers

(3) During the session a contact group on the budget was established, chaired by Ms. Ana Lopes (Portugal).

(4) The Assembly will consider the draft budget at its second session.
"""


def test_a_report_numbered_in_parentheses_is_read_paragraph_by_paragraph_under_its_headings():
    paragraphs = [p for p in split_paragraphs(SESSION_REPORT) if not p.is_heading]
    numbered = {p.number: p for p in paragraphs if p.number}
    assert list(numbered) == ["1", "2", "3", "4"]
    assert numbered["3"].headings == ["Organizational matters", "Election of officers"]
    assert numbered["3"].text.startswith("During the session")


def test_a_later_numbered_meeting_held_before_the_reported_one_is_of_another_series():
    meetings = read(SESSION_REPORT).records["meetings"]
    assert [(m["number"], m["start"], m.get("place")) for m in meetings] == [(1, "2024-03-04", "Nairobi")]
    assert not meetings[0].get("chair")  # a contact group's co-chair does not chair the session


def test_officers_elected_in_a_list_keep_their_middle_initial_and_role():
    text = (
        "Report of the first session of the Plenary\n\n"
        "(9) The following nominees were selected:\n"
        "Asia-Pacific Group:\n"
        "Chair: Mr. Zakri Abdul Hamid (Malaysia)\n"
        "Western European and Others Group:\n"
        "Vice-Chair: Mr. Robert T. Watson (United Kingdom)\n"
    )
    people = {p["name"]: p for p in read(text).records["people"]}
    assert people["Robert T. Watson"]["role"] == "Vice-Chair"
    assert people["Robert T. Watson"]["country"] == "United Kingdom"
    assert "Robert" not in people
    assert people["Zakri Abdul Hamid"]["role"] == "Chair"


def test_a_role_given_on_a_line_of_its_own_is_the_persons_role():
    text = (
        "# Steering Committee Notes - 2022-08-18\n\n"
        "Host: John Mertic - Example Foundation\n\n"
        "Secretary: Stephen Mackenzie\n\n"
        "Minutes by: Felix Handte\n\n"
        "Chair: TBD\n\n"
        "Notes: the group met online.\n\n"
        "Attendees:\n"
        "  * [X] Allan Johns - Example Corp\n\n"
        "Decisions:\n"
        "  * [x] Current Chairperson -> Allan\n"
    )
    roles = {p["name"]: p["role"] for p in read(text).records["people"]}
    assert roles["John Mertic"] == "Host" and roles["Stephen Mackenzie"] == "Secretary"
    assert roles["Felix Handte"] == "Minutes"
    assert roles["Allan Johns"] == "Chairperson" and "Allan" not in roles  # the given name is the attendee
    assert not any(name in roles for name in ("TBD", "the group met online"))


ACTIONS = (
    "Report of the 13th meeting of the Expert Group\n\n"
    "3.1. Seed standards:\n"
    "1) Member States were invited to send written comments on Version 3.0 to the secretariat no later than 30 June 2027;\n"
    "2) At the request of several delegations, the deadline for comments was subsequently extended to 21 July 2027;\n"
    "3) Contributions for the 14th meeting should be submitted to the secretariat no later than 1 March 2028.\n\n"
    "9. Summary of action items\n"
    "9.1. The following action items were agreed:\n"
    "· Depositing institutions: registration for the February 2028 deposit window, by the end of November 2027;\n"
    "· Member States: national safety duplication plans, by 31 January 2028;\n"
    "· All members: contributions to the 14th meeting, no later than 1 March 2028.\n"
)


def test_a_short_extension_moves_the_ask_it_names_instead_of_adding_one():
    deadlines = {d["title"]: d for d in read(ACTIONS).records["deadlines"]}
    comments = deadlines["Written comments on Version 3.0"]
    assert (comments["due"], comments["original_due"]) == ("2027-07-21", "2027-06-30")
    assert not any(d["due"] == "2027-07-21" for t, d in deadlines.items() if d is not comments)


def test_an_action_lists_line_says_who_and_what_and_repeats_no_ask():
    deadlines = read(ACTIONS).records["deadlines"]
    by_title = {d["title"]: d for d in deadlines}
    assert by_title["National safety duplication plans"]["audience"] == "Member States"
    assert "Summary of action items" not in by_title
    # the summary's "contributions to the 14th meeting" is the ask made above, not a second one
    assert sum(1 for d in deadlines if d["due"] == "2028-03-01") == 1


def test_by_the_end_of_a_month_is_due_on_its_last_day():
    by_title = {d["title"]: d for d in read(ACTIONS).records["deadlines"]}
    registration = by_title["Registration for the February 2028 deposit window"]
    assert registration["due"] == "2027-11-30" and registration["audience"] == "Depositing institutions"


def test_a_persons_organisation_comes_from_the_participant_list_a_role_line_or_an_affiliation_column():
    text = (
        "# TSC Meeting Notes - 2022-08-18\n\n"
        "Host: John Mertic - Example Foundation\n\n"
        "TSC Attendees:\n"
        "  * [X] Brendan Abel - Walt-Disney Imagineering\n"
        "  * [X] Thorsten Kaufmann - Mackevision / Accenture\n\n"
        "Roll call\n\n"
        "Given Name | Family Name | Affiliation | Role\n"
        "Thomas | Schmidt | Federal Office for Information Security (BSI) | Voting Member\n"
    )
    people = {p["name"]: p for p in read(text).records["people"]}
    assert people["Brendan Abel"]["organisation"] == "Walt-Disney Imagineering"
    assert people["John Mertic"]["organisation"] == "Example Foundation" and people["John Mertic"]["role"] == "Host"
    assert people["Thomas Schmidt"]["organisation"] == "Federal Office for Information Security (BSI)"
    assert people["Thomas Schmidt"]["role"] == "Voting Member"


def test_a_cover_page_names_its_session_on_one_line_and_its_place_and_dates_on_the_next():
    text = (
        "United Nations ECE/TRADE/C/CEFACT/2018/1\n"
        "Economic Commission for Europe\n"
        "Centre for Trade Facilitation and Electronic Business\n"
        "Twenty-fourth session\n"
        "Geneva, 30 April – 1 May 2018 Item 1 of the provisional agenda\n"
        "Adoption of the agenda\n\n"
        "1. The session will be opened by the Executive Secretary.\n"
    )
    [meeting] = read(text).records["meetings"]
    assert (meeting["number"], meeting["start"], meeting["end"], meeting["place"]) == (
        24,
        "2018-04-30",
        "2018-05-01",
        "Geneva",
    )


def test_a_table_of_meetings_gives_each_its_venue_delegates_and_documents():
    text = (
        "Report of the Working Party on its 11th and 12th meetings\n\n"
        "1.1. The 11th meeting was held on 13-15 October 2026 and the 12th meeting on 2-3 March 2027.\n\n"
        "Meeting | Dates | Venue | Format | Delegates | Member States | Documents considered\n"
        "11th meeting | 13-15 October 2026 | Valparaíso, Chile | in person | 64 | 19 | 18\n"
        "12th meeting | 2-3 March 2027 | Mombasa, Kenya | hybrid | 91 (47 online) | 24 | 13\n"
    )
    meetings = {m["number"]: m for m in read(text).records["meetings"]}
    assert (meetings[11]["place"], meetings[11]["delegates"], meetings[11]["documents_considered"]) == (
        "Valparaíso, Chile",
        "64",
        18,
    )
    assert meetings[12]["delegates"] == "91 (47 online)" and meetings[12]["start"] == "2027-03-02"


def test_a_month_first_report_dates_closes_5_16_and_a_day_first_one_does_not():
    minutes = (
        "Technical Advisory Council (TAC) Meeting - May 14, 2025\n\n"
        "Agenda\n\n"
        "- General Updates\n"
        "  - DigiPro CFP closes 5/16 #1003\n"
        "  - SMPTE 2025 Annual Technical Conference - CFP closes 5/31 #1049\n\n"
        "Notes\n\n"
        "- SMPTE 2025 Annual Technical Conference - CFP closes 5/3\n"
    )
    due = {d["title"]: d["due"] for d in read(minutes).records["deadlines"]}
    assert due == {"DigiPro CFP": "2025-05-16", "SMPTE 2025 Annual Technical Conference - CFP": "2025-05-31"}
    day_first = "Report of the 3rd meeting, held on 14 May 2025\n\n1. Comments on the draft close 5/6.\n"
    assert read(day_first).records["deadlines"] == []  # 5/6 could be the 5th of June there


def test_an_invitation_to_hold_the_next_session_dates_it_and_it_is_announced():
    text = (
        "Report of the Group on its 7th and 8th sessions\n\n"
        "1.1. The 7th session took place in Ljubljana on 15-17 February 2028. The 8th session took place in Porto on "
        "6-7 June 2028.\n\n"
        "7.1. The Group accepted with thanks the invitation of the Government of Poland to hold the 9th session of the "
        "Group on 24-26 October 2028 in Kraków, Poland, subject to the signature of the host country agreement.\n"
    )
    meetings = {m["number"]: m for m in read(text).records["meetings"]}
    assert (meetings[9]["start"], meetings[9]["end"], meetings[9]["place"]) == (
        "2028-10-24",
        "2028-10-26",
        "Kraków, Poland",
    )
    from knowledge.answering.records.meetings import ANNOUNCED

    assert ANNOUNCED.search(meetings[9]["source"]) and not ANNOUNCED.search(meetings[8]["source"])


def test_an_ask_of_a_list_of_parties_is_titled_by_what_is_asked():
    text = (
        "Report of the Working Party on its eleventh session\n\n"
        "22. The Working Party agreed to submit the draft to a public review. It invited member States, "
        "international organizations and other stakeholders to send their comments to the secretariat by "
        "1 September 2025.\n\n"
        "23. It invited delegations to send proposals for the programme of work by 2 October 2025.\n"
    )
    by_due = {d["due"]: d for d in read(text).records["deadlines"]}
    assert by_due["2025-09-01"]["title"].startswith("Comments")
    assert by_due["2025-10-02"]["title"].startswith("Proposals for the programme of work")
    assert by_due["2025-10-02"]["audience"].lower() == "delegations"


def test_a_list_of_countries_or_bodies_under_a_participants_heading_gives_no_people():
    text = (
        "Minutes of the Example Board\n\nParticipants\n\n"
        "* South Africa, represented by its mission\n"
        "* United Nations Office, Geneva\n"
        "* Members Present, all\n"
        "* Karin Bergstrom, Northern Weather Service\n"
    )
    assert [p["name"] for p in read(text).records["people"]] == ["Karin Bergstrom"]


def test_minutes_are_titled_by_their_first_line_not_a_later_heading_that_starts_with_report():
    from knowledge.extract.context import ReportContext

    ctx = ReportContext.read(
        split_paragraphs("Example SIG Meeting Minutes\n\nMonday 4 January 2021\n\nReport back from the board\n\nText.")
    )
    assert ctx.title([]) == "Example SIG Meeting Minutes"


def test_partner_lists_by_category_with_capitals_and_semicolons_are_read_per_tier():
    text = (
        "1. Partners and sponsors\n"
        "1.1. The Group thanked the partners of the Trust Fund, listed here by category:\n"
        " - Platinum Partner: Republic of Korea\n"
        " - Gold Partners: Spain; Qatar\n"
        " - Contributing Partners: Kenya; Thermasense Ltd\n"
        " - In-kind Supporters: University of Salvora\n"
    )
    partners = {p["name"]: p["tier"] for p in read(text).records["partners"]}
    assert partners == {
        "Republic of Korea": "Platinum",
        "Spain": "Gold",
        "Qatar": "Gold",
        "Kenya": "Contributing",
        "Thermasense Ltd": "Contributing",
    }  # supporters are not called partners


def test_a_chair_named_with_a_title_in_a_list_is_the_same_person_cited_where_named():
    text = (
        "1. Sessions\n"
        "1.1. The seventh session took place in Tbilisi from 14 to 16 October 2026.\n"
        "1.2. Dr Ilse Varnhagen (Austria) presided over the session.\n\n"
        "Annex: Officers\n"
        "Chair: Dr Ilse Varnhagen (Austria)\n"
    )
    people = read(text).records["people"]
    assert [p["name"] for p in people] == ["Ilse Varnhagen"]
    assert "Varnhagen" in people[0]["source"]


def test_an_extension_in_the_paragraph_of_an_ask_moves_that_ask():
    text = (
        "4. Survey on alert languages\n"
        "4.1. The survey was initially due to close on 30 November 2024. At the request of several Members, "
        "the Group agreed to extend the closing date to 20 December 2024.\n"
    )
    deadlines = read(text).records["deadlines"]
    assert [(d["due"], d["original_due"]) for d in deadlines] == [("2024-12-20", "2024-11-30")]
    assert "extend" not in deadlines[0]["title"].lower()  # no ask titled by the extension itself


def test_a_relative_deadline_counted_in_calendar_days_keeps_its_words():
    text = "9. Next meeting\n9.1. Written contributions should reach the secretariat at least 21 calendar days before the opening of the meeting.\n"
    deadlines = read(text).records["deadlines"]
    assert [(d["due"], d["when"]) for d in deadlines] == [
        (None, "at least 21 calendar days before the opening of the meeting")
    ]


def test_a_participants_table_without_a_header_row_gives_people_their_organisation():
    text = (
        "Technical Steering Committee Meeting\n\nApril 21, 2016 via GoToMeeting\n\nTSC Members\n\n"
        "Emmanuel Viale | Accenture |\n"
        "Stan Liberman | CME Group | Yes\n"
        "Patrick Holmes (proxy) | Intel | Yes\n"
    )
    people = {p["name"]: p for p in read(text).records["people"]}
    assert set(people) == {"Emmanuel Viale", "Stan Liberman", "Patrick Holmes"}  # the first row is a member's
    assert people["Emmanuel Viale"]["organisation"] == "Accenture"  # "... | Accenture |": an empty last cell
    assert people["Patrick Holmes"]["role"] == "Proxy" and people["Patrick Holmes"]["organisation"] == "Intel"


def test_a_table_framed_by_pipes_keeps_its_header():
    paragraphs = split_paragraphs("| Action | Deadline |\n| Send comments | 1 June 2026 |\n")
    assert paragraphs[-1].cells == {"Action": "Send comments", "Deadline": "1 June 2026"}


def test_a_decisions_title_is_the_line_that_gives_it_not_a_sentence_that_cites_it():
    text = (
        "Report of the first session of the Example Platform\n\n"
        "1. The representatives adopted the agenda as set out in the provisional agenda (EXP/1/1).\n"
        "2. The representatives discussed the budget on the basis of the note (EXP/1/5).\n\n"
        "Annex\n\n"
        "Decision EXP/1/1 Rules of procedure for the Plenary of the Platform\n\n"
        "Decision EXP/1/5 Status of contributions and initial budget for 2013\n"
    )
    titles = {d["symbol"]: d["title"] for d in read(text).records["documents"]}
    assert titles["EXP/1/1"] == "Rules of procedure for the Plenary of the Platform"
    assert titles["EXP/1/5"] == "Status of contributions and initial budget for 2013"


DONORS_TABLE = (
    "Report of the Example Group on its second session\n\n"
    "1. Contributions are recognized in tiers. The Group thanked the following donors:\n\n"
    " Tier              | Donor                                 | Amount (USD)\n"
    " ------------------+---------------------------------------+-------------\n"
    " Anchor Donors     | Norway                                | 400,000\n"
    "                   | Germany                               | 275,000\n"
    " Sustaining Donors | Netherlands                           | 110,000\n"
    " In-kind Partners  | Estonia (venue and logistics)         | -\n"
)


def test_a_merged_first_cell_carries_down_and_a_rule_keeps_the_header():
    rows = [p.cells for p in split_paragraphs(DONORS_TABLE) if p.cells]
    assert rows[1] == {"Tier": "Anchor Donors", "Donor": "Germany", "Amount (USD)": "275,000"}
    assert len(rows) == 4


def test_a_table_of_donors_gives_partners_by_tier_and_nothing_from_what_they_gave():
    partners = {p["name"]: p["tier"] for p in read(DONORS_TABLE).records["partners"]}
    assert partners == {"Norway": "Anchor", "Germany": "Anchor", "Netherlands": "Sustaining", "Estonia": "In-kind"}


LETTERED_PARTS = (
    "Report of the Example Expert Group on its third session\n\n"
    "PART A. ORGANIZATION\n\n"
    "A.3  The vice-chairs were:\n"
    "Ms Amira Bensalem (Tunisia) - until 30 June 2024\n\n"
    "PART B. DELIBERATIONS\n\n"
    "B.5  The Group agreed that comments on the zero draft should be submitted to the secretariat by 15 July "
    "2024. The Chair announced by letter dated 3 July 2024 that the deadline was extended to 9 August 2024.\n\n"
    "B.6  The Group invites States to submit written comments on document EX/3/4 by 15 July 2024 "
    "(subsequently extended to 9 August 2024).\n\n"
    "F.3  Participating States are reminded that nominations for the Bureau should reach the secretariat "
    "no later than 30 days before the opening of the fifth session.\n"
)


def test_a_lettered_paragraph_number_is_the_paragraphs_number():
    numbers = [p.number for p in split_paragraphs(LETTERED_PARTS) if p.number]
    assert {"A.3", "B.5", "B.6", "F.3"} <= set(numbers)


def test_a_letters_date_extends_nothing_and_a_term_of_office_is_no_deadline():
    deadlines = {d["title"]: d for d in read(LETTERED_PARTS).records["deadlines"]}
    comments = deadlines["Comments on the zero draft"]
    assert (comments["due"], comments["original_due"], comments["paragraph"]) == ("2024-08-09", "2024-07-15", "B.5")
    assert not any("Bensalem" in t or "letter" in t for t in deadlines)


def test_an_extended_deadline_is_titled_by_the_words_before_its_first_date():
    written = next(d for d in read(LETTERED_PARTS).records["deadlines"] if d["paragraph"] == "B.6")
    assert written["title"] == "Written comments on document EX/3/4"


def test_a_reminder_is_titled_by_what_it_reminds_is_due():
    reminded = next(d for d in read(LETTERED_PARTS).records["deadlines"] if d["paragraph"] == "F.3")
    assert reminded["title"] == "Nominations for the Bureau" and reminded["due"] is None
