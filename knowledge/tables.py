"""Rows of a table written as text, read the same way for records and for evidence.

Reports flatten their tables in two ways this reads: cells between pipes ("a | b | c", as the
Markdown, Word and PDF readers write them, or a plain-text report draws them), and rules drawn
between the rows ("-----+-----", "=====") that are no row. A cell left empty in the first column
is a merged cell, the way a table groups its rows under one label ("Anchor Donors" over two
donors): it holds the label of the row above.
"""

from __future__ import annotations

import re

_RULE = re.compile(r"^\s*[|+]?(?:\s*:?[-=_]{3,}:?\s*[|+])*\s*:?[-=_]{3,}:?\s*[|+]?\s*$")
_EMPTY = ("", "-")


def is_rule(line: str) -> bool:
    """Whether a line is a table's rule or a Markdown alignment row, not a row of cells."""
    return bool(_RULE.match(line))


def row_cells(line: str) -> list[str]:
    """A text row's cells. A row framed by pipes ("| a | b |") has none beyond them; a row that
    only ends in one ("Satoshi Oshima | Hitachi |") has an empty last cell, and one that only
    starts with one ("| Germany | 275,000") an empty first cell."""
    text = line.strip()
    framed = text.startswith("|") and text.endswith("|")
    return [c.strip() for c in (text[1:-1] if framed else text).split("|")]


def carried_down(cells: list[str], previous: list[str] | None) -> list[str]:
    """A row with its merged first cell filled from the row above, when the row says something
    in its other cells and the row above has the same columns."""
    if (
        previous
        and len(previous) == len(cells)
        and cells[0] in _EMPTY
        and previous[0] not in _EMPTY
        and any(c not in _EMPTY for c in cells[1:])
    ):
        return [previous[0], *cells[1:]]
    return cells
