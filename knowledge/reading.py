"""Reading a report file into text, refusing what cannot be a report.

A refused file raises ``ReportError`` with a one-line reason; nothing has been written by then,
so the knowledge base stays exactly as it was.
"""
from __future__ import annotations

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


def _docx_text(path: Path) -> str:
    """Paragraphs of a .docx, with Word's automatic list numbers when the text carries none."""
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - it is a declared dependency
        raise ReportError("reading .docx needs python-docx; pip install python-docx") from None
    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises its own PackageNotFoundError, zipfile errors, ...
        raise ReportError(f"{path} is not a readable .docx file ({e})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ; ".join(cell.text.strip() for cell in row.cells if cell.text.strip()))
    return "\n".join(lines)
