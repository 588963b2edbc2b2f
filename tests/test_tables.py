"""Rows of tables written as text (knowledge.tables), read alike for records and evidence."""

import pytest

from knowledge.tables import carried_down, is_rule, row_cells


@pytest.mark.parametrize(
    "line, rule",
    [
        (" ------------+--------------+------", True),
        ("|:---|---:|", True),
        ("=====", True),
        ("| a | b |", False),
        ("- an item", False),
        ("Total | 1,215,500", False),
    ],
)
def test_rules_and_alignment_rows_are_not_rows(line, rule):
    assert is_rule(line) is rule


def test_a_rows_cells_keep_an_empty_cell_at_an_open_edge():
    assert row_cells("| a | b |") == ["a", "b"]
    assert row_cells("| Germany | 275,000") == ["", "Germany", "275,000"]
    assert row_cells("Satoshi Oshima | Hitachi |") == ["Satoshi Oshima", "Hitachi", ""]


def test_only_a_merged_first_cell_is_carried_down_from_the_row_above():
    above = ["Anchor Donors", "Norway", "400,000"]
    assert carried_down(["", "Germany", "275,000"], above) == ["Anchor Donors", "Germany", "275,000"]
    assert carried_down(["", "", ""], above) == ["", "", ""]  # an empty row says nothing
    assert carried_down(["Review", "-", "-"], above) == ["Review", "-", "-"]
    assert carried_down(["", "Germany"], above) == ["", "Germany"]  # other columns: not the same table
