"""Reading a report file into text, refusing what cannot be a report.

A refused file raises ``ReportError`` with a one-line reason; nothing has been written by then,
so the knowledge base stays exactly as it was.
"""
from __future__ import annotations

import re
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a long report is ~1 MB of text; anything far larger is a mistake


class ReportError(ValueError):
    """The file cannot be imported as a report."""


def read_report(path: str | Path) -> str:
    path = Path(path)
    if not path.exists():
        raise ReportError(f"no such file: {path}")
    if not path.is_file():
        raise ReportError(f"{path} is not a file")
    size = path.stat().st_size
    if size == 0:
        raise ReportError(f"{path} is empty")
    if size > MAX_BYTES:
        raise ReportError(f"{path} is {size // (1024 * 1024)} MB; reports over {MAX_BYTES // (1024 * 1024)} MB are refused")
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":
        text = _docx_text(path)
    else:
        if b"\x00" in data[:65536]:
            raise ReportError(f"{path} is a binary file, not a text or .docx report")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ReportError(f"{path} is not UTF-8 text (byte {e.start}); save it as UTF-8 or .docx") from None
    if not text.strip():
        raise ReportError(f"{path} holds no text")
    return text


def _list_level(paragraph) -> int | None:
    """The outline level of a paragraph Word numbers automatically (directly or through its
    style, e.g. "List Number 2"), or None for an unnumbered one."""
    try:
        ppr = paragraph._p.pPr
        num = ppr.numPr if ppr is not None else None
        style = paragraph.style
        if num is None and style is not None and style.element.pPr is not None:
            num = style.element.pPr.numPr
        if num is None:
            return None
        if num.ilvl is not None and num.ilvl.val:
            return int(num.ilvl.val)
        m = re.search(r"List Number (\d)", style.name if style is not None else "")
        return int(m.group(1)) - 1 if m else 0
    except (AttributeError, ValueError):
        return None


def _docx_text(path: Path) -> str:
    """Paragraphs of a .docx (and its tables' rows), with Word's automatic list numbers written in
    as "1.", "1.1." when the text carries none, so paragraphs keep numbers to cite."""
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - it is a declared dependency
        raise ReportError("reading .docx needs python-docx; pip install python-docx") from None
    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises its own PackageNotFoundError, zipfile errors, ...
        raise ReportError(f"{path} is not a readable .docx file ({e})") from None
    lines = []
    counters: list[int] = []
    for paragraph in document.paragraphs:
        level = _list_level(paragraph)
        text = paragraph.text
        if level is not None and text.strip() and not re.match(r"\s*(\d+(\.\d+)*\.?|[a-z]\)|\d+\))\s", text):
            # Word numbered this paragraph itself: write the number in, as a text report would.
            counters = (counters + [0] * (level + 1))[: level + 1]
            counters[level] += 1
            text = ".".join(str(c or 1) for c in counters) + ". " + text
        lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" ; ".join(cell.text.strip() for cell in row.cells if cell.text.strip()))
    return "\n".join(lines)
