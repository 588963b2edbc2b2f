"""A PDF's lines, page by page, turned into the paragraphs a reader sees.

A PDF holds lines, not paragraphs: running headers and footers repeat on every page, paragraphs
break over lines (and words over hyphens), and footnotes sit at the foot of the page in the middle
of the text. This module drops what repeats at the page edges (a document symbol, a page number),
joins broken lines back into paragraphs, and keeps footnotes as lines of their own after the
paragraph they interrupted. It works on plain ``Line`` records, so it can be tested without PDFs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .markers import ends_sentence, opens_paragraph


@dataclass
class Line:
    text: str
    size: float  # the font size most of its characters use, in points (0 when unknown)
    bold: bool
    y: float | None  # its baseline's height on the page, None when unknown
    footnote_mark: bool = False  # it opens with a superscript number: a footnote's first line

    @property
    def style(self) -> tuple[float, bool]:
        return (self.size, self.bold)


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    bottom: float = 0.0
    top: float = 0.0


def paragraphs(pages: list[Page]) -> list[str]:
    """The text of the pages as lines: one per paragraph, heading, table line or footnote."""
    pages = drop_running_lines(pages)
    body = _body_style(pages)
    layout = _Layout(
        body_size=body[0], full_width=_full_width(pages, body), vocabulary=_vocabulary(pages), leading=_leading(pages)
    )
    return _Joiner(layout).join(pages)


# -- running headers and footers -----------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?i:page\s+)?[-\u2013\u2014(]?\s*(?:\d{1,4}|[ivx]{1,5})\s*[-\u2013\u2014)]?"
    r"(?:\s*(?i:of|/)\s*\d{1,4})?$"
)  # "2", "- 2 -", "Page 2 of 9", "iv"
EDGE_LINES = 3  # lines at each end of a page where headers and footers are looked for
MARGIN = 0.12  # and the share of the page's height at its top and bottom


def drop_running_lines(pages: list[Page]) -> list[Page]:
    """The pages without their running headers and footers: a line at a page's edge that recurs,
    digits aside, at the same height at the edge of at least half the pages, or a page number."""
    edges = [_edge_lines(page) for page in pages]
    heights: dict[str, list[float | None]] = {}
    for page, edge in zip(pages, edges, strict=True):
        for key, y in {_key(page.lines[i].text): page.lines[i].y for i in edge}.items():
            heights.setdefault(key, []).append(y)
    needed = max(2, math.ceil(len(pages) / 2))
    running = {key for key, ys in heights.items() if _recurs(ys, needed)}
    kept = []
    for page, edge in zip(pages, edges, strict=True):
        drop = {i for i in edge if _key(page.lines[i].text) in running or _PAGE_NUMBER.match(page.lines[i].text)}
        kept.append(Page([line for i, line in enumerate(page.lines) if i not in drop], page.bottom, page.top))
    return kept


def _recurs(heights: list[float | None], needed: int) -> bool:
    """Whether a line found on pages at these heights is a running one: on enough pages, at one
    height (a header is printed in the same place; body text that happens to repeat is not)."""
    if len(heights) < needed:
        return False
    known = sorted(y for y in heights if y is not None)
    if len(known) < needed:
        return True  # positions unknown: the repetition alone decides
    return any(sum(abs(y - h) <= 2 for h in known) >= needed for y in known)


def _edge_lines(page: Page) -> set[int]:
    """Indexes of a page's non-blank lines that may be a header or footer: the first and last
    few in reading order (one each on a short page), and any lying in the top or bottom margin."""
    filled = [i for i, line in enumerate(page.lines) if line.text]
    ends = min(EDGE_LINES, max(1, len(filled) // 4))  # a short page is mostly body, not edges
    edge = set(filled[:ends] + filled[-ends:])
    height = page.top - page.bottom
    if height > 0:
        for i in filled:
            y = page.lines[i].y
            if y is not None and (y > page.top - MARGIN * height or y < page.bottom + MARGIN * height):
                edge.add(i)
    return edge


def _key(text: str) -> str:
    """A line as compared across pages: case and digits aside ("Page 3" recurs as "page #")."""
    return re.sub(r"\d+", "#", text.lower())


# -- the document's body text ----------------------------------------------------------------------


def _body_style(pages: list[Page]) -> tuple[float, bool]:
    """The font size and weight most of the document's characters use."""
    weight: Counter = Counter()
    for page in pages:
        for line in page.lines:
            weight[line.style] += len(line.text)
    return weight.most_common(1)[0][0] if weight else (0.0, False)


def _full_width(pages: list[Page], body: tuple[float, bool]) -> float:
    """How long (in characters) a body line must be to have been wrapped by the page's width
    rather than ended by its writer: most of the length of the document's longer body lines."""
    lengths = sorted(len(line.text) for page in pages for line in page.lines if line.style == body and line.text)
    if len(lengths) < 5:
        return math.inf  # too little text to tell; join only on the evidence of the words
    return 0.8 * lengths[int(0.9 * (len(lengths) - 1))]


def _leading(pages: list[Page]) -> dict[tuple[float, bool], float]:
    """For each font that spaces its paragraphs apart, the usual distance between the lines of one
    paragraph; a wider gap between two lines in that font is a paragraph break. A font whose gaps
    are all alike (paragraphs set without space between them) is left out: its gaps tell nothing."""
    gaps: dict[tuple[float, bool], list[float]] = {}
    for page in pages:
        for before, line in pairwise(page.lines):
            gap = _gap(before, line)
            if gap is not None:
                gaps.setdefault(line.style, []).append(gap)
    leading = {}
    for style, found in gaps.items():
        found.sort()
        usual = found[len(found) // 4]
        wider = sum(1.3 * usual < g <= 3 * usual for g in found)  # far wider is a jump, not spacing
        if len(found) >= 4 and wider >= max(2, 0.05 * len(found)):
            leading[style] = usual
    return leading


def _gap(before: Line, line: Line) -> float | None:
    """How far a line sits below the one before it on the same page, in the same font; None when
    that cannot be told (no positions, another font, or a line higher up: another column or cell)."""
    if before.y is None or line.y is None or before.style != line.style or not before.text or not line.text:
        return None
    gap = before.y - line.y
    return gap if gap > 0.1 else None


def _vocabulary(pages: list[Page]) -> Counter:
    """The document's words, lower-cased, hyphenated compounds as one word; a word broken over
    a line is mended by what the document writes elsewhere ("twenty-third" or "information")."""
    words: Counter = Counter()
    for page in pages:
        for line in page.lines:
            words.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line.text))
    return words


# -- joining broken lines ----------------------------------------------------------------------

# Words that open hyphenated compounds ("twenty-third", "self-assessment"): a hyphen after one of
# them at a line's end is kept when the document gives no other evidence.
_COMPOUND_HEADS = {
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "self",
    "non",
    "well",
    "cross",
    "follow",
    "long",
    "short",
    "high",
    "low",
    "full",
    "part",
    "vice",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "first",
    "second",
    "third",
    "mid",
    "decision",
    "policy",
    "multi",
    "ex",
}
_ABBREVIATION_END = re.compile(r"\b(?:e\.g|i\.e|etc|cf|para|paras|No|Nos|vol|pp|p|approx|incl|viz|vs)\.$", re.I)
_URL_END = re.compile(r"(?:https?://|www\.)\S*$")


@dataclass
class _Layout:
    body_size: float  # footnotes are set smaller
    full_width: float  # a line this long was wrapped by the page (see _full_width)
    vocabulary: Counter  # the document's words, to mend hyphenated ones
    leading: dict = field(default_factory=dict)  # the line spacing of fonts that space paragraphs


class _Joiner:
    """Joins a document's lines into paragraphs, holding footnotes back until the paragraph
    they interrupt (often one running on to the next page) has ended."""

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.out: list[str] = []
        self.current: str | None = None  # the paragraph being read
        self.last: Line | None = None  # its last line as printed
        self.last_page = -1  # the page that line is on
        self.page = 0  # the page being read
        self.note: str | None = None  # the footnote being read
        self.notes: list[str] = []  # footnotes read, waiting for the paragraph to end

    def join(self, pages: list[Page]) -> list[str]:
        for number, page in enumerate(pages):
            self.page = number
            lines = page.lines
            while lines and not lines[0].text:  # blank lines at a page's edges are layout, not breaks
                lines = lines[1:]
            while lines and not lines[-1].text:
                lines = lines[:-1]
            for line in lines:
                self._line(line)
        self._end_note()
        self._end_paragraph()
        self.out.extend(self.notes)
        return self.out

    def _line(self, line: Line) -> None:
        if not line.text:
            self._end_note()
            self._end_paragraph()
        elif line.footnote_mark and 0 < line.size < self.layout.body_size:
            self._end_note()
            self.note = line.text
        elif self.note is not None and 0 < line.size < self.layout.body_size and not opens_paragraph(line.text):
            self.note = glue(self.note, line.text, self.layout.vocabulary)
        else:
            self._end_note()
            same_page = self.last_page == self.page
            if (
                self.current is not None
                and self.last is not None
                and continues(self.last, line, self.layout, same_page)
            ):
                self.current = glue(self.current, line.text, self.layout.vocabulary)
            else:
                self._end_paragraph()
                self.out.extend(self.notes)  # footnotes go after the paragraph they interrupted
                self.notes = []
                self.current = line.text
            self.last, self.last_page = line, self.page

    def _end_paragraph(self) -> None:
        if self.current is not None:
            self.out.append(self.current)
        self.current, self.last = None, None

    def _end_note(self) -> None:
        if self.note is not None:
            self.notes.append(self.note)
        self.note = None


def continues(previous: Line, line: Line, layout: _Layout, same_page: bool = True) -> bool:
    """Whether a line carries on the paragraph whose last line is ``previous``. Not if it opens a
    numbered paragraph, an item or a footnote. Yes if the previous line breaks a word or a web
    address, or leaves its sentence open before a line in lower case. Otherwise the spacing says,
    where the font spaces its paragraphs apart: a line at the usual distance below goes on with it.
    Failing that, a line goes on after one left open that was wrapped at the page's width."""
    before, text = previous.text, line.text
    if opens_paragraph(text):
        return False
    if _broken_url(before, text):
        return True
    lower = text[0].islower() and not text[1:2].isupper()  # "eCMR" is a name, not a continuation
    if lower and (before.endswith(("-", "\u00ad")) or _ABBREVIATION_END.search(before)):
        return True
    if re.search(r"\d-$", before) and text[0].isdigit():  # a range broken after its hyphen
        return True
    if lower and not ends_sentence(before):
        return True
    usual = layout.leading.get(line.style)
    gap = _gap(previous, line) if same_page else None
    if usual and gap is not None:
        return gap <= 1.25 * usual
    if ends_sentence(before):
        return False
    return previous.style == line.style and (len(before) >= layout.full_width or text.startswith("("))


def _broken_url(before: str, text: str) -> bool:
    """Whether the line goes on with a web address the previous line left unfinished: one opened
    in brackets and not yet closed, or one followed by a line that starts with a path fragment."""
    url = _URL_END.search(before)
    first = text.split(" ", 1)[0]
    if not url or not re.fullmatch(r"[\w\-./%?=&#~+:]+\)?[.,;]?", first):
        return False
    if before[: url.start()].endswith("(") and ")" not in url.group(0):
        return True  # "(http://example.org/long-" + "path.html)"
    return bool(re.match(r"[a-z0-9]", first) and re.search(r"[/._]", first) and not ends_sentence(before))


def glue(before: str, text: str, vocabulary: Counter) -> str:
    """Two pieces of a paragraph broken over lines, joined: a broken web address without a space,
    a word hyphenated at the line's end mended ("informa-"+"tion"), a real compound kept whole
    ("twenty-"+"third"), anything else with a space."""
    if before.endswith("\u00ad"):
        return before[:-1] + text
    if _broken_url(before, text):
        return before + text
    if re.search(r"\d-$", before) and text[0].isdigit():  # "2018-" + "2019"
        return before + text
    head = re.search(r"([^\W\d_]+)-$", before)
    tail = re.match(r"[^\W\d_]+", text)
    if head and tail and text[0].islower():
        word, rest = head.group(1).lower(), tail.group(0).lower()
        if vocabulary[f"{word}-{rest}"] or (
            not vocabulary[word + rest] and (word in _COMPOUND_HEADS or len(word) == 1)
        ):
            return before + text
        return before[:-1] + text
    return before + " " + text
