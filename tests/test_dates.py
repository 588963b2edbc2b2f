"""Dates as reports write them and as people type them."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

from knowledge import dates


def spans(text, year=None):
    return [(s.start, s.end) for s in dates.find_dates(text, year)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("held on 22 November 2019.", [(date(2019, 11, 22), date(2019, 11, 22))]),
        ("on 6-7 February 2020", [(date(2020, 2, 6), date(2020, 2, 7))]),
        ("on 7\u201317 July 2020", [(date(2020, 7, 7), date(2020, 7, 17))]),
        ("from 19 to 23 October 2021", [(date(2021, 10, 19), date(2021, 10, 23))]),
        ("on 22 and 23 January 2024", [(date(2024, 1, 22), date(2024, 1, 23))]),
        ("28 February - 3 March 2020", [(date(2020, 2, 28), date(2020, 3, 3))]),
        (
            "by 3 February 2020 ... extended till 7 February 2020",
            [(date(2020, 2, 3), date(2020, 2, 3)), (date(2020, 2, 7), date(2020, 2, 7))],
        ),
        ("November 22, 2019", [(date(2019, 11, 22), date(2019, 11, 22))]),
        ("due 2020-03-16", [(date(2020, 3, 16), date(2020, 3, 16))]),
    ],
)
def test_find_dates_reads_the_forms_reports_use(text, expected):
    assert spans(text) == expected


def test_a_date_without_a_year_takes_the_default_year_or_is_skipped():
    assert spans("online for comments till 15 March", 2020) == [(date(2020, 3, 15), date(2020, 3, 15))]
    assert spans("online for comments till 15 March") == []


def test_impossible_dates_are_not_dates():
    assert spans("31 February 2020") == []


def test_parse_date_accepts_one_date_and_explains_a_bad_one():
    assert dates.parse_date("16 March 2020") == date(2020, 3, 16)
    assert dates.parse_date("2020-03-16") == date(2020, 3, 16)
    with pytest.raises(ValueError, match="16 March 2020"):
        dates.parse_date("next Tuesday-ish")
    with pytest.raises(ValueError):
        dates.parse_date("6-7 February 2020")  # a range is not one date


def test_human_forms():
    assert dates.human("2020-03-16") == "16 March 2020"
    assert dates.human_range("2020-02-06", "2020-02-07") == "6\u20137 February 2020"
    assert dates.human_range("2020-02-28", "2020-03-03") == "28 February \u2013 3 March 2020"
    assert dates.days_between_phrase(date(2020, 3, 16), date(2020, 3, 9)) == "in 7 days"
    assert dates.days_between_phrase(date(2020, 3, 16), date(2020, 3, 16)) == "today"


def test_periods_in_questions():
    today = date(2020, 3, 4)  # a Wednesday
    p = dates.period_in_question("what's due next week", today)
    assert (p.start, p.end) == (date(2020, 3, 9), date(2020, 3, 15))
    p = dates.period_in_question("deadlines in March 2020", None)
    assert (p.start, p.end) == (date(2020, 3, 1), date(2020, 3, 31))
    assert dates.period_in_question("who may attend", today) is None  # "may" the verb


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_human_dates_read_back(d):
    assert dates.parse_date(dates.human(d)) == d
    assert dates.parse_date(d.isoformat()) == d


@given(st.text(max_size=200))
def test_find_dates_never_fails_and_spans_stay_in_order(text):
    found = dates.find_dates(text, 2020)
    assert all(s.start <= s.end for s in found)
    assert [s.begin for s in found] == sorted(s.begin for s in found)


def test_month_names_compare_caseless_and_whole():
    # "ſ" (long s) folds to "s": "1 ſept 2020" is 1 September 2020; "Febtober" is no month.
    assert spans("1 \u017fept 2020") == [(date(2020, 9, 1), date(2020, 9, 1))]
    assert spans("7 Febtober 2020") == []
