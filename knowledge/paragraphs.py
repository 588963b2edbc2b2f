"""Splitting a report into numbered paragraphs, the unit an answer cites.

Reports of this genre number their paragraphs ("4.2.2.3."), list observations under lettered
topics ("b) WSIS Forum 2020:") with numbered items ("4)") and roman sub-items ("ii."), and use
bullets for lists of documents or countries. Each paragraph keeps its full number ("3.3 b) 4)"),
the headings above it, and its bullet items, so extraction can read it in context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tables import carried_down, row_cells

# "4.2.2", and "B.5" of a report whose parts are lettered
_SECTION = re.compile(r"^((?:[A-Z]\.)?\d{1,2}(?:\.\d{1,3}){0,5})\.?\s+(?=\S)(.*)$")
_LETTER = re.compile(r"^\(?([a-z])\)\s+(.*)$")
_ITEM = re.compile(r"^\(?(\d{1,2})\)\s+(.*)$")
_PAREN_PARAGRAPH = re.compile(r"^\((\d{1,3})\)\s+(?=\S)(.*)$")
_ROMAN = re.compile(r"^\(?(i{1,3}|iv|v|vi{1,3}|ix|x|xi{1,3})[.)]\s+(.*)$")
_BULLET = re.compile(r"^[\u00b7\u2022\u25aa\u25cf\u2013\-*\u2023\u2043o]\s+(.*)$")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_CHAPTER = re.compile(r"^(?:Part\s+)?([IVXL]{1,6}|[A-H])(?:\.|\s+[\u2013\u2014-])\s+(\S.*)$")
_ROMAN_CAPITALS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"}


@dataclass
class Paragraph:
    number: str
    text: str
    headings: list[str] = field(default_factory=list)  # outermost first
    items: list[str] = field(default_factory=list)  # bullet lines that belong to it
    position: int = 0
    is_heading: bool = False
    stem: str | None = None  # for a roman sub-item: the sentence it completes
    cells: dict[str, str] | None = None  # for a row of a table: its cells by column header

    @property
    def full_text(self) -> str:
        """The paragraph with its items, as one text for search and display."""
        if not self.items:
            return self.text
        return self.text.rstrip() + " " + "; ".join(self.items)

    @property
    def context(self) -> str:
        return " / ".join(self.headings)


def clean_line(line: str) -> str:
    line = _BOOKMARK.sub("", line).replace("\u00a0", " ").replace("\t", " ")
    return " ".join(line.split())


def _looks_like_heading(text: str) -> bool:
    """A title above paragraphs: ends with a colon, or is short and carries no sentence."""
    stripped = text.rstrip()
    if len(stripped) > 200 or stripped.endswith((".", ";", ",")):
        return False
    if stripped.endswith(":"):
        return True
    verbs = (
        r"\b(was|were|is|are|will|has|have|noted|requested|encouraged|invited|agreed|thanked|appreciated|held|took)\b"
    )
    return not re.search(verbs, stripped)


@dataclass
class _Place:
    """Where a line stands while a report is read top to bottom: its numbering and headings. One is
    made per call of split_paragraphs and handed to each line reader in turn."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    section: str = ""  # current "4.2.2.3"
    letter: str = ""  # current "b)"
    item: str = ""  # current "4)"
    # headings by depth: section headings keyed by dotted depth, then the lettered topic
    section_headings: dict[float, str] = field(default_factory=dict)
    topic: str = ""
    stem: str = ""  # the sentence a roman list completes ("The secretariat was requested:")
    header: list[str] | None = None  # the column headers of the table being read
    paren_numbered: bool = False  # the report numbers its paragraphs "(1)", "(2)", straight through

    def number(self, *extra: str) -> str:
        return " ".join(p for p in (self.section, self.letter, self.item, *extra) if p)

    def headings(self) -> list[str]:
        found = [self.section_headings[d] for d in sorted(self.section_headings)]
        if self.topic:
            found.append(self.topic)
        return found

    def add(self, number: str, body: str, is_heading: bool = False, stem_text: str | None = None) -> None:
        self.paragraphs.append(
            Paragraph(number, body, self.headings(), [], len(self.paragraphs), is_heading, stem_text)
        )

    def drop_headings_from(self, depth: float) -> None:
        for d in [d for d in self.section_headings if d >= depth]:
            del self.section_headings[d]


_PERSON_CELL = re.compile(r"[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,3}(?:\s*\([a-z ]+\))?")
_PARTICIPANTS = re.compile(r"(?i)\b(?:members|attendees|participants|present|roll call|attendance)\s*:?\s*$")


def _a_participant_row(at: _Place, cells: list[str]) -> bool:
    """Whether a table's first row is already a participant's, under a heading of who took part."""
    previous = at.paragraphs[-1].text if at.paragraphs else ""
    first = cells[0]
    return bool(
        _PARTICIPANTS.search(previous)
        and _PERSON_CELL.fullmatch(first)
        and not any(w in ("Name", "Names", "Member", "Members", "Participant") for w in first.split())
    )


def _table_row(at: _Place, line: str) -> bool:
    """A table written as text ("Action | Responsible | Deadline"): the first row names the columns;
    each further row becomes a paragraph that reads "Action: ...; Deadline: ..."."""
    cells = row_cells(line) if " | " in line else None
    if not (cells and len(cells) >= 2):
        at.header = None
        return False
    if at.header is None or len(cells) != len(at.header):
        if not (at.header is None and _a_participant_row(at, cells)):
            at.header = cells
            return True
        # "TSC Members" over "Chris Ferris | IBM | Yes": the list has no header row; its first
        # column names people and its second whom they are with
        at.header = ["Name", "Affiliation"] + [f"Column {i}" for i in range(3, len(cells) + 1)]
    previous = at.paragraphs[-1].cells if at.paragraphs else None
    cells = carried_down(cells, list(previous.values()) if previous else None)
    row = dict(zip(at.header, cells, strict=True))  # the same number of cells, checked above
    at.add(at.number(), "; ".join(f"{h}: {c}" for h, c in row.items() if c) + ".")
    at.paragraphs[-1].cells = row
    return True


def _chapter(at: _Place, line: str) -> bool:
    """ "IV. Conclusions and recommendations", "A. Opening of the session", "Part II – Organizational
    matters": headings above paragraphs numbered straight through ("1.", "(2)", ...)."""
    roman = _CHAPTER.match(line)
    if not (roman and _looks_like_heading(roman.group(2))):
        return False
    depth = 0 if roman.group(1) in _ROMAN_CAPITALS else 0.5
    at.drop_headings_from(depth)
    at.section_headings[depth] = roman.group(2).strip().rstrip(":")
    at.topic, at.letter, at.item, at.stem = "", "", "", ""
    return True


def _numbered_section(at: _Place, line: str) -> bool:
    m = _SECTION.match(line)
    if not m or re.match(r"^\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", line):  # not "25 September 2019 ..."
        return False
    number, body = m.group(1), m.group(2)
    depth = number.count(".") + 1
    at.section, at.letter, at.item, at.topic, at.stem = number, "", "", "", ""
    at.drop_headings_from(depth)
    heading = _looks_like_heading(body)
    at.add(number, body, heading)
    if heading:
        at.section_headings[depth] = body.rstrip(":").strip()
    return True


def _parenthesised_paragraph(at: _Place, line: str) -> bool:
    """ "(23) The representatives discussed ...": a paragraph numbered straight through, as some
    session reports number theirs. "(2)" under a numbered section is an item of it instead."""
    m = _PAREN_PARAGRAPH.match(line)
    if not m or (at.section and not at.paren_numbered):
        return False
    at.paren_numbered = True
    at.section, at.letter, at.item, at.topic, at.stem = m.group(1), "", "", "", ""
    at.add(m.group(1), m.group(2))
    return True


def _lettered(at: _Place, line: str) -> bool:
    m = _LETTER.match(line)
    if not (m and at.section):
        return False
    at.letter, at.item, at.stem = m.group(1) + ")", "", ""
    body = m.group(2)
    heading = _looks_like_heading(body)
    at.topic = body.rstrip(":").strip() if heading else ""
    at.add(f"{at.section} {at.letter}", body, heading)
    return True


def _numbered_item(at: _Place, line: str) -> bool:
    m = _ITEM.match(line)
    if not (m and at.section):
        return False
    at.item = m.group(1) + ")"
    body = m.group(2)
    at.stem = body if body.rstrip().endswith(":") else ""
    at.add(at.number(), body)
    return True


def _roman_item(at: _Place, line: str) -> bool:
    m = _ROMAN.match(line)
    if not (m and at.section and at.paragraphs):
        return False
    at.add(at.number(m.group(1) + "."), m.group(2), stem_text=at.stem or None)
    return True


def _bullet(at: _Place, line: str) -> bool:
    m = _BULLET.match(line)
    if not (m and at.paragraphs):
        return False
    at.paragraphs[-1].items.append(m.group(1).strip())
    return True


def _unnumbered(at: _Place, line: str) -> bool:
    """An unnumbered line: it continues a heading broken over lines, or stands as its own
    paragraph under the current number (a caption, an unnumbered observation)."""
    previous = at.paragraphs[-1] if at.paragraphs else None
    if (
        previous
        and previous.is_heading
        and not previous.items
        and (line[0].islower() or (line.startswith("(") and not _PAREN_PARAGRAPH.match(line)))
    ):
        previous.text += " " + line
        depth = previous.number.count(".") + 1
        if at.section_headings.get(depth):
            at.section_headings[depth] = previous.text.rstrip(":").strip()
        return True
    at.add(at.number(), line, _looks_like_heading(line) and len(line) < 80)
    return True


# Each line goes to the first reader that takes it.
_LINE_READERS = (
    _table_row,
    _chapter,
    _numbered_section,
    _parenthesised_paragraph,
    _lettered,
    _numbered_item,
    _roman_item,
    _bullet,
    _unnumbered,
)


def split_paragraphs(text: str) -> list[Paragraph]:
    """A report's lines as numbered paragraphs under their headings: sections ("4.2.2"), lettered
    topics ("b)"), items ("3)"), roman sub-items, bullets, tables written as text, UN-style
    chapters; a report written as prose is numbered by the order of its paragraphs."""
    at = _Place()
    for line in (clean_line(raw) for raw in text.splitlines()):
        if not line or set(line) <= set("_-=* |+"):
            continue
        any(read_line(at, line) for read_line in _LINE_READERS)
    paragraphs = at.paragraphs
    if paragraphs and not any(p.number for p in paragraphs):
        # A report written as prose: cite its paragraphs by their order ("¶ 4"), headings aside.
        n = 0
        for p in paragraphs:
            if not p.is_heading:
                n += 1
                p.number = str(n)
    return paragraphs


# Titles and abbreviations after which a full stop does not end a sentence ("Mr. Berezowski").
_NO_END = [
    "Mr",
    "Ms",
    "Dr",
    "St",
    "No",
    "Nr",
    "vs",
    "Sr",
    "Jr",
    "Mrs",
    "Rev",
    "Res",
    "Vol",
    "Art",
    "Fig",
    "Doc",
    "Rep",
    "Prof",
    "e.g",
    "i.e",
    "Amb",
    "Eng",
    "Mme",
    "para",
    "paras",
    "cf",
    "al",
    "Ref",
]
# a lone capital before the stop is an initial ("Mr. Robert T. Watson"), not a sentence's end
_LOOKBEHINDS = "".join(rf"(?<!\b{re.escape(w)}\.)" for w in _NO_END) + r"(?<!\b[A-Z]\.)"
_SENTENCE_END = re.compile(r"(?<=[.!?])" + _LOOKBEHINDS + r"\s+(?=[A-Z\u201c\"(])")
_CLAUSE_END = re.compile(r"(?<=[.;!?])" + _LOOKBEHINDS + r"\s+(?=[A-Z\u201c\"(])")


def sentences(text: str, semicolons: bool = True) -> list[str]:
    """Sentences of a paragraph, not split after titles such as "Mr." or "Prof.". With
    ``semicolons`` a semicolon ends one too, as it does between the items of a run-in list."""
    splitter = _CLAUSE_END if semicolons else _SENTENCE_END
    return [s.strip() for s in splitter.split(text) if s.strip()]
