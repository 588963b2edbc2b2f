"""Reading a report file into text, refusing what cannot be a report.

``read_report`` checks the file, then picks a reader by what the file holds (a PDF or a Word
file says so in its first bytes) and, for text, by its name (.md, .adoc, .html) or opening tag. Each
reader returns plain text lines, which ``knowledge.paragraphs`` splits into numbered paragraphs.
A refused file raises ``ReportError`` with a one-line reason; nothing has been written by then,
so the knowledge base stays exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from .asciidoc import read_asciidoc
from .docx import read_docx
from .errors import ReportError
from .html import looks_like_html, read_html
from .markdown import read_markdown
from .pdf import is_pdf, read_pdf
from .text import is_utf16, read_text

MAX_BYTES = 20 * 1024 * 1024  # a long report is ~1 MB of text; anything far larger is a mistake

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ASCIIDOC_SUFFIXES = {".adoc", ".asciidoc", ".asc"}

# Formats recognised by their first bytes only to be refused with the way out.
_REFUSED = [
    (b"\xd0\xcf\x11\xe0", "is a binary file (an old Word .doc or other Office 97 file); save it as .docx"),
    (b"{\\rtf", "is an RTF file; save it as .docx or PDF"),
    (b"\x89PNG", "is a binary file (a PNG image), not a text, .docx or PDF report"),
    (b"\xff\xd8\xff", "is a binary file (a JPEG image), not a text, .docx or PDF report"),
    (b"GIF8", "is a binary file (a GIF image), not a text, .docx or PDF report"),
    (b"\x1f\x8b", "is a binary file (a gzip archive); unpack it first"),
]


def read_report(path: str | Path, max_bytes: int | None = None) -> str:
    """The text of a report file, whatever its format; a ReportError if it cannot be one."""
    path = Path(path)
    data = _checked_bytes(path, MAX_BYTES if max_bytes is None else max_bytes)
    text = _reader(path, data)(path, data)
    if not text.strip():
        raise ReportError(f"{path} holds no text")
    return text


def _checked_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, once it is known to exist and to be neither empty nor too large."""
    if not path.exists():
        raise ReportError(f"no such file: {path}")
    if not path.is_file():
        raise ReportError(f"{path} is not a file")
    size = path.stat().st_size
    if size == 0:
        raise ReportError(f"{path} is empty")
    if size > max_bytes:
        raise ReportError(
            f"{path} is {size // (1024 * 1024)} MB; reports over {max_bytes // (1024 * 1024)} MB are refused"
        )
    return path.read_bytes()


def _reader(path: Path, data: bytes):
    """The reader for the file: by its content first (a renamed PDF is still a PDF), then by its
    name. A name that promises a PDF or a Word file the content does not hold is refused."""
    suffix = path.suffix.lower()
    if is_pdf(data):
        return read_pdf
    if data[:4] == b"PK\x03\x04":
        return read_docx
    for magic, reason in _REFUSED:
        if data.startswith(magic):
            raise ReportError(f"{path} {reason}")
    if suffix == ".pdf":
        raise ReportError(f"{path} is named .pdf but is not a PDF file")
    if suffix == ".docx":
        raise ReportError(f"{path} is named .docx but is not a Word .docx file")
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown
    if suffix in ASCIIDOC_SUFFIXES:
        return read_asciidoc
    if suffix in HTML_SUFFIXES or (not is_utf16(data) and looks_like_html(data)):
        return read_html
    return read_text


__all__ = ["read_report", "ReportError", "MAX_BYTES"]
