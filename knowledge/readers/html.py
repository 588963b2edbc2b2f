"""HTML reports (.html, .htm, or a file that opens with <!DOCTYPE html> or <html>).

Block elements (paragraphs, headings, list items, divisions, line breaks) become lines; a table
row becomes its cells joined by " | ", the form the paragraph splitter reads as a table; list
items get a bullet or their list's number, as a text report would show them; scripts, styles and
the <head> are dropped. Character references are unescaped by the parser.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from .errors import ReportError
from .markers import SUPERSCRIPT_DIGITS
from .text import decode_text

EMPTY_CELL = "-"

_BLOCKS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "br",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "blockquote",
    "pre",
    "hr",
    "caption",
    "figcaption",
    "figure",
    "address",
    "form",
    "fieldset",
    "body",
}
_DROPPED = {"script", "style", "title", "template", "noscript", "svg", "object", "iframe"}
_HAS_NUMBER = re.compile(r"\s*(\d+(\.\d+)*\.?|[a-z]\)|\d+\))\s")


def looks_like_html(data: bytes) -> bool:
    """Whether a file's first bytes open an HTML document, whatever its name."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def read_html(path: Path, data: bytes) -> str:
    """An HTML file's text, one line per block element or table row."""
    parser = _TextParser()
    parser.feed(_decode(path, data))
    parser.close()
    return "\n".join(parser.finish())


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 or UTF-16 text as for any report, else the charset its <meta> tag declares."""
    try:
        return decode_text(path, data)
    except ReportError:
        declared = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", data[:4096], re.I)
        if not declared:
            raise
        try:
            return data.decode(codecs.lookup(declared.group(1).decode("ascii")).name)
        except (LookupError, UnicodeDecodeError):
            raise ReportError(
                f"{path} is not text in its declared charset "
                f"{declared.group(1).decode('ascii', 'replace')}; save it as UTF-8"
            ) from None


class _TextParser(HTMLParser):
    """Collects an HTML document's text as lines, cells of a row joined by " | "."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.words: list[str] = []  # the text of the line being read
        self.cells: list[str] | None = None  # the cells of the table row being read
        self.cell: list[str] | None = None  # the text of the cell being read
        self.lists: list[list] = []  # open lists, innermost last: ["ol", count] or ["ul", 0]
        self.prefix = ""  # the bullet or number of the list item being read
        self.dropped = 0  # depth inside <script>, <style>, ...
        self.head = False  # inside <head>: its title and metadata are not the report's text
        self.pre = 0
        self.sup = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":  # </head> may be left out; <body> ends the head all the same
            self.head = False
        if tag == "head":
            self.head = True
        elif tag in _DROPPED:
            self.dropped += 1
        elif self.dropped or self.head:
            return
        elif tag == "tr":  # a row's end tag may be left out: the next row ends it
            self._end_row()
        elif tag in ("td", "th"):
            self._end_cell()
            self.cell = []
            if self.cells is None:
                self._flush()
                self.cells = []
        elif tag == "sup":
            self.sup += 1
        elif tag in _BLOCKS:
            self._block(tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.head = False
        elif tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif self.dropped or self.head:
            return
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr" or (tag == "table" and self.cells is not None):
            self._end_row()
        elif tag == "sup":
            self.sup = max(0, self.sup - 1)
        elif tag in ("ul", "ol") and self.lists:
            self._flush()
            self.lists.pop()
        elif tag == "pre":
            self._flush()
            self.pre = max(0, self.pre - 1)
        elif tag in _BLOCKS:
            self._flush() if self.cell is None else self.cell.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr") and not (self.dropped or self.head):
            self._flush() if self.cell is None else self.cell.append(" ")

    def handle_data(self, data: str) -> None:
        if self.dropped or self.head:
            return
        if self.sup:
            data = data.strip().translate(SUPERSCRIPT_DIGITS)
        if self.cell is not None:
            self.cell.append(data)
        elif self.pre:
            first, *rest = data.split("\n")
            self.words.append(first)
            for line in rest:
                self._flush(keep_spaces=True)
                self.words.append(line)
        else:
            self.words.append(data)

    def _block(self, tag: str, attrs: dict) -> None:
        """A block element opens: it starts a new line (or, inside a table cell, a new phrase)."""
        if self.cell is not None:
            self.cell.append(" ")
            return
        self._flush()
        if tag == "pre":
            self.pre += 1
        elif tag in ("ul", "ol"):
            start = attrs.get("start") or "1"
            self.lists.append([tag, int(start) - 1 if start.isdigit() else 0])
        elif tag == "li" and self.lists:
            kind = self.lists[-1]
            if kind[0] == "ol":
                kind[1] += 1
                self.prefix = ".".join(str(n) for k, n in self.lists if k == "ol") + ". "
            else:
                self.prefix = "- "

    def _flush(self, keep_spaces: bool = False) -> None:
        """Ends the line being read, writing the list item's mark before it."""
        text = "".join(self.words)
        text = text.rstrip() if keep_spaces else " ".join(text.split())
        if text and self.prefix and not _HAS_NUMBER.match(text):
            text = self.prefix + text
        if text:
            self.lines.append(text)
            self.prefix = ""  # kept until the item's text comes ("<li><p>text</p></li>")
        self.words = []

    def _end_cell(self) -> None:
        if self.cell is not None and self.cells is not None:
            text = " ".join("".join(self.cell).split()).replace("|", "/")
            self.cells.append(text or EMPTY_CELL)
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.cells and any(c != EMPTY_CELL for c in self.cells):
            self.lines.append(" | ".join(self.cells))
        self.cells = None

    def finish(self) -> list[str]:
        """All the lines read, once the document has been fed."""
        self._end_row()
        self._flush()
        return self.lines
