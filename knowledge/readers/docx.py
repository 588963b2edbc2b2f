"""Word .docx reports: body paragraphs and tables in document order.

Word's automatic list numbers are written into the text ("1.", "1.1.") since they are what
delegates cite; tables become rows of cells separated by " | ", header row first, the form the
paragraph splitter reads as a table (each further row a paragraph "Action: ...; Deadline: ...").
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from .errors import ReportError, one_line

EMPTY_CELL = "-"  # stands for an empty cell, so the row keeps its columns in line with the header


def read_docx(path: Path, data: bytes) -> str:
    """The text of a .docx, one line per paragraph or table row, in the order they appear."""
    document = _open(path, data)
    from docx.table import Table  # python-docx, imported by _open

    lines: list[str] = []
    numbering = _Numbering()
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.append("")  # a table stands apart from the paragraph before it
            lines.extend(table_rows(block))
            lines.append("")
        else:
            lines.append(numbering.numbered(block))
    return "\n".join(lines)


def _open(path: Path, data: bytes):
    """The python-docx Document, or a one-line ReportError for a zip that is not a Word file."""
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - it is a declared dependency
        raise ReportError("reading .docx needs python-docx; pip install python-docx") from None
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise ReportError(f"{path} is not a readable .docx file ({one_line(e)})") from None
    if "word/document.xml" not in names:
        kind = (
            "a spreadsheet"
            if any(n.startswith("xl/") for n in names)
            else "a presentation"
            if any(n.startswith("ppt/") for n in names)
            else "a zip archive"
        )
        raise ReportError(f"{path} is {kind}, not a .docx Word document")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises its own PackageNotFoundError, lxml errors, ...
        raise ReportError(f"{path} is not a readable .docx file ({one_line(e)})") from None


def table_rows(table) -> list[str]:
    """A table's rows as "cell | cell | cell" lines. A cell merged across columns is read once;
    a one-column table (a box of text) gives its cells' text as plain lines."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell))
        if not any(c != EMPTY_CELL for c in cells):
            continue
        rows.append(" | ".join(cells) if len(cells) > 1 else cells[0])
    return rows


def _cell_text(cell) -> str:
    """A cell's paragraphs on one line ("; " between them unless one ends a sentence), with any
    "|" replaced so it cannot split the cell."""
    parts = [" ".join(p.text.split()) for p in cell.paragraphs]
    text = ""
    for part in filter(None, parts):
        text += part if not text else (" " if text.endswith((".", ";", ":", ",")) else "; ") + part
    return text.replace("|", "/") or EMPTY_CELL


class _Numbering:
    """Writes Word's automatic list marks into the text: numbers counted by outline level ("1.",
    "1.1."), and a bullet ("·") for a bulleted item so it reads as an item, not a paragraph."""

    _HAS_NUMBER = re.compile(r"\s*(\d+(\.\d+)*\.?|[a-z]\)|\d+\))\s")

    def __init__(self) -> None:
        self.counters: list[int] = []

    def numbered(self, paragraph) -> str:
        text = paragraph.text
        mark = _list_mark(paragraph)
        if mark is None or not text.strip() or self._HAS_NUMBER.match(text):
            return text
        level, bullet = mark
        if bullet:
            return "\u00b7 " + text
        self.counters = (self.counters + [0] * (level + 1))[: level + 1]
        self.counters[level] += 1
        return ".".join(str(c or 1) for c in self.counters) + ". " + text


def _list_mark(paragraph) -> tuple[int, bool] | None:
    """The outline level of a paragraph Word numbers automatically (directly or through its
    style, e.g. "List Number 2") and whether its mark is a bullet; None for a plain paragraph."""
    try:
        ppr = paragraph._p.pPr
        num = ppr.numPr if ppr is not None else None
        style = paragraph.style
        if num is None and style is not None and style.element.pPr is not None:
            num = style.element.pPr.numPr
        if num is None or num.numId is None or num.numId.val == 0:  # numId 0: numbering switched off
            return None
        if num.ilvl is not None and num.ilvl.val:
            level = int(num.ilvl.val)
        else:
            m = re.search(r"List (?:Number|Bullet) (\d)", style.name if style is not None else "")
            level = int(m.group(1)) - 1 if m else 0
        return level, _format(paragraph, num.numId.val, level) == "bullet"
    except (AttributeError, ValueError, NotImplementedError):
        return None


def _format(paragraph, num_id: int, level: int) -> str | None:
    """The number format ("decimal", "bullet", ...) Word's numbering part gives a list level."""
    try:
        numbering = paragraph.part.numbering_part.element
    except (AttributeError, KeyError, NotImplementedError):
        return None
    abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
    if not abstract:
        return None
    found = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
    )
    return found[0] if found else None
