"""PDF reports, read with pypdf: the text layer, page by page, as lines with their font.

Each line keeps its font size and weight and its height on the page, which ``pdf_lines`` needs
to tell running headers, footnotes and headings from body text. A PDF without a text layer (a
scan), an encrypted one and a broken one are refused with a one-line reason.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from pathlib import Path

from .errors import ReportError, one_line
from .markers import SUPERSCRIPT_DIGITS
from .pdf_lines import Line, Page, paragraphs


def is_pdf(data: bytes) -> bool:
    """Whether the bytes hold a PDF (its header may follow a little junk, as readers allow)."""
    return b"%PDF-" in data[:1024]


def read_pdf(path: Path, data: bytes) -> str:
    """A PDF's text as lines the paragraph splitter reads: one per paragraph, heading or footnote."""
    reader = _open(path, data)
    pages = [_page(path, number, reader) for number in range(1, len(reader.pages) + 1)]
    if not any(line.text for page in pages for line in page.lines):
        raise ReportError(f"{path}: the PDF has no text layer (a scan?); export it with text or run OCR first")
    return "\n".join(paragraphs(pages))


def _open(path: Path, data: bytes):
    """A pypdf reader for the bytes, decrypted if only an empty password protects it."""
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - it is a declared dependency
        raise ReportError("reading .pdf needs pypdf; pip install pypdf") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as e:  # pypdf raises PdfReadError, but also ValueError, KeyError, ... on junk
        raise ReportError(f"{path} is not a readable PDF ({one_line(e)})") from None
    if encrypted:
        try:
            opened = reader.decrypt("")  # many PDFs are "encrypted" only against editing
        except Exception as e:  # e.g. pypdf needs the cryptography package for AES
            raise ReportError(
                f"{path} is an encrypted PDF that cannot be opened here ({one_line(e)}); save a copy without encryption"
            ) from None
        if not opened:
            raise ReportError(f"{path} is a password-protected PDF; save a copy without the password")
    try:
        len(reader.pages)
    except Exception as e:
        raise ReportError(f"{path} is not a readable PDF ({one_line(e)})") from None
    return reader


def _page(path: Path, number: int, reader) -> Page:
    """One page's lines, each with its dominant font, from pypdf's text extraction."""
    chunks: list[tuple[str, float, float, bool]] = []

    def visit(text, cm, tm, font, size) -> None:
        scale = math.sqrt(abs((tm[0] * tm[3] - tm[1] * tm[2]) * (cm[0] * cm[3] - cm[1] * cm[2])))
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        chunks.append((text, (size or 0) * scale, y, _is_bold(font)))

    try:
        page = reader.pages[number - 1]
        text = page.extract_text(visitor_text=visit)
        box = page.mediabox
        bottom, top = float(box.bottom), float(box.top)
    except Exception as e:
        raise ReportError(f"{path}: page {number} of the PDF cannot be read ({one_line(e)})") from None
    if "".join(c[0] for c in chunks) != text:  # the visitor missed some text: lines without fonts
        return Page([Line(" ".join(_clean(t).split()), 0.0, False, None) for t in text.split("\n")], bottom, top)
    return Page(_in_reading_order(_lines(chunks)), bottom, top)


def _in_reading_order(lines: list[Line]) -> list[Line]:
    """A single-column page's lines from its top to its foot. The text layer keeps the order the
    lines were drawn in, and a UN cover page draws its symbol and date block (top right) after its
    footnotes; a page in columns (many lines sharing a height with an earlier one) keeps that order."""
    if any(line.y is None for line in lines if line.text):
        return lines
    heights = [float(line.y or 0.0) for line in lines if line.text]
    if len(heights) < 3:
        return lines
    shared = sum(1 for i, y in enumerate(heights) if any(abs(y - z) < 0.5 for z in heights[:i]))
    if shared > 0.15 * len(heights):
        return lines
    return sorted(lines, key=lambda line: -(line.y or 0.0) if line.text else 0.0)


def _is_bold(font) -> bool:
    """Whether a font dictionary names a bold face ("Times New Roman,Bold", "ABCDEE+Arial-Black")."""
    try:
        name = str(font.get("/BaseFont", "")) if font is not None else ""
    except Exception:
        return False
    return bool(re.search(r"bold|black|heavy|demi", name, re.I))


def _lines(chunks: list[tuple[str, float, float, bool]]) -> list[Line]:
    """The page's text chunks grouped into lines at the line breaks pypdf writes."""
    lines: list[Line] = []
    segments: list[tuple[str, float, float, bool]] = []
    for text, size, y, bold in chunks:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append(_line(segments))
                segments = []
            if part:
                segments.append((_clean(part), size, y, bold))
    lines.append(_line(segments))
    return lines


def _line(segments: list[tuple[str, float, float, bool]]) -> Line:
    """A line from its segments: the font most of its characters use, and superscript numbers
    (a footnote's mark or a reference to one) written as superscript digits ("¹")."""
    weight: Counter = Counter()
    for text, size, _, bold in segments:
        weight[(round(size * 2) / 2, bold)] += len(text.strip())
    if not weight or not sum(weight.values()):
        return Line("", 0.0, False, None)
    (size, bold), _ = weight.most_common(1)[0]
    baseline = next(y for t, s, y, b in segments if round(s * 2) / 2 == size)
    text, mark = "", False
    for part, part_size, y, _ in segments:
        raised = y - baseline > 0.08 * size and part_size <= 0.8 * size
        if raised and part.strip() and re.fullmatch(r"[\d,*\s]+", part):
            mark = mark or not text.strip()  # a superscript opening the line marks a footnote
            text = text.rstrip() + part.replace(" ", "").translate(SUPERSCRIPT_DIGITS)
        else:
            text += part
    text = " ".join(text.split())
    if mark:
        text = _AFTER_MARK.sub(r"\1 ", text)  # "¹For reasons" -> "¹ For reasons"
    return Line(text, size, bold, baseline, footnote_mark=mark)


_AFTER_MARK = re.compile(
    r"^([\u2070\u00b9\u00b2\u00b3\u2074-\u2079,*]+)(?=[^\s\u2070\u00b9\u00b2\u00b3\u2074-\u2079,*])"
)
_SYMBOLS = {
    "\uf0b7": "\u00b7",
    "\uf0a7": "\u25aa",
    "\uf0d8": "\u25aa",
    "\uf076": "\u25aa",
    "\uf0fc": "\u2713",
    "\uf02d": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_PRIVATE = re.compile("[\ue000-\uf8ff]")


def _clean(text: str) -> str:
    """Text with symbol-font bullets and ligatures read as characters, other private-use glyphs
    (barcodes, dingbats) dropped."""
    for glyph, char in _SYMBOLS.items():
        text = text.replace(glyph, char)
    return _PRIVATE.sub("", text)
