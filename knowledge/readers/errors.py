"""The one error every reader raises: a report file that cannot be read, with a one-line reason.

Nothing has been written to the knowledge base when it is raised, so it stays exactly as it was.
"""

from __future__ import annotations


class ReportError(ValueError):
    """The file cannot be imported as a report."""


def one_line(error: BaseException, limit: int = 160) -> str:
    """A library's error message squeezed onto one short line, for quoting in a ReportError."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
