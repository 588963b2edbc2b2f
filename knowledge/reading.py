"""Reading a report file into text: the public face of ``knowledge.readers``.

The readers (PDF, .docx, Markdown, AsciiDoc, HTML, plain text) live in the ``knowledge.readers`` package;
this module keeps the names the rest of the code imports: ``read_report``, ``ReportError`` and
``MAX_BYTES``.
"""

from __future__ import annotations

from pathlib import Path

from . import readers
from .readers import MAX_BYTES, ReportError


def read_report(path: str | Path) -> str:
    """The text of a report file, or a ReportError with a one-line reason. The size limit is the
    smaller of this module's ``MAX_BYTES`` and the package's, so changing either one takes effect."""
    return readers.read_report(path, max_bytes=min(MAX_BYTES, readers.MAX_BYTES))


__all__ = ["read_report", "ReportError", "MAX_BYTES"]
