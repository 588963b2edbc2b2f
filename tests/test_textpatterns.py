"""The text patterns every reader of reports shares, one table each: document symbols of many
bodies, meeting numbers in words and digits, ordinals, and abbreviations a report defines."""

from __future__ import annotations

import pytest

from knowledge.textpatterns import (
    abbreviation_definitions,
    find_symbols,
    meeting_numbers,
    ordinal_value,
    ordinal_word,
    words_to_ordinals,
)


@pytest.mark.parametrize(
    "text, symbols",
    [
        ("as in ECE/TRADE/C/CEFACT/2020/19.", ["ECE/TRADE/C/CEFACT/2020/19"]),
        ("(FCCC/SBI/2004/L.6)", ["FCCC/SBI/2004/L.6"]),
        ("Document S19-CWGWSIS34-C-0002 was presented", ["S19-CWGWSIS34-C-0002"]),
        ("resolution A/RES/73/218 and A/HRC/WG.6/48/SVN/1", ["A/RES/73/218", "A/HRC/WG.6/48/SVN/1"]),
        ("the 2019/2020 period and 24/7 support", []),
    ],
)
def test_document_symbols_of_many_bodies(text, symbols):
    assert [s for s, _, _ in find_symbols(text)] == symbols


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("the 34th and 35th meetings", [34, 35]),
        ("its thirty-fifth meeting", [35]),
        ("the 12th meeting of the group", [12]),
        ("in 2020 the group met", []),
    ],
)
def test_meeting_numbers(text, numbers):
    assert [n for n, _, _ in meeting_numbers(text)] == numbers


@pytest.mark.parametrize(
    "token, value", [("first", 1), ("twenty-first", 21), ("thirty fifth", 35), ("ninety-ninth", 99), ("firstly", None)]
)
def test_ordinal_words(token, value):
    assert ordinal_value(token) == value


@pytest.mark.parametrize("n, word", [(1, "first"), (8, "eighth"), (35, "thirty-fifth")])
def test_ordinal_word_is_how_reports_write_it(n, word):
    assert ordinal_word(n) == word


def test_ordinal_words_become_digits_so_questions_and_reports_meet():
    assert (
        words_to_ordinals("the thirty-fourth meeting and the first session") == "the 34th meeting and the 1st session"
    )


@pytest.mark.parametrize(
    "text, defined",
    [
        ("the High-level Political Forum (HLPF) met", [("HLPF", "High-level Political Forum")]),
        (
            "the Council Working Group on Child Online Protection (CWG-COP)",
            [("CWG-COP", "Council Working Group on Child Online Protection")],
        ),
        ("the Working Group on Child Online Protection (CWG-COP)", []),  # no "Council" for its C
        ("in Geneva (Switzerland) today", []),
    ],
)
def test_abbreviations_a_report_defines(text, defined):
    assert abbreviation_definitions(text) == defined
