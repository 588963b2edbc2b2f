"""Plain text reports: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark.

Anything else is refused rather than guessed at: a wrong guess would import garbled names and
dates without warning, while the fix (saving as UTF-8) is one click in any editor.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import ReportError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_utf16(data: bytes) -> bool:
    """Whether the bytes start with a UTF-16 byte-order mark (UTF-16 text is full of NUL bytes,
    so it must be recognised before the binary check)."""
    return data[:2] in _UTF16_BOMS


def decode_text(path: Path, data: bytes) -> str:
    """The text of a UTF-8 or UTF-16 file; a ReportError naming the first bad byte otherwise."""
    if is_utf16(data):
        try:
            return data.decode("utf-16")  # the BOM says which byte order
        except UnicodeDecodeError as e:
            raise ReportError(f"{path} is not valid UTF-16 text (byte {e.start}); save it as UTF-8 or .docx") from None
    if b"\x00" in data[:65536]:
        raise ReportError(f"{path} is a binary file, not a text, .docx, .pdf, Markdown or HTML report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReportError(f"{path} is not UTF-8 text (byte {e.start}); save it as UTF-8 or .docx") from None


def read_text(path: Path, data: bytes) -> str:
    """A plain text report, as written (the paragraph splitter reads its lines)."""
    return decode_text(path, data)
