"""Splitting a report into numbered paragraphs, the unit an answer cites.

Reports of this genre number their paragraphs ("4.2.2.3."), list observations under lettered
topics ("b) WSIS Forum 2020:") with numbered items ("4)") and roman sub-items ("ii."), and use
bullets for lists of documents or countries. Each paragraph keeps its full number ("3.3 b) 4)"),
the headings above it, and its bullet items, so extraction can read it in context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_SECTION = re.compile(r"^(\d{1,2}(?:\.\d{1,3}){0,5})\.?\s+(?=\S)(.*)$")
_LETTER = re.compile(r"^\(?([a-z])\)\s+(.*)$")
_ITEM = re.compile(r"^\(?(\d{1,2})\)\s+(.*)$")
_ROMAN = re.compile(r"^\(?(i{1,3}|iv|v|vi{1,3}|ix|x|xi{1,3})[.)]\s+(.*)$")
_BULLET = re.compile(r"^[\u00b7\u2022\u25aa\u25cf\u2013\-*\u2023\u2043o]\s+(.*)$")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_CHAPTER = re.compile(r"^([IVXL]{1,6}|[A-H])\.\s+(\S.*)$")
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
    verbs = r"\b(was|were|is|are|will|has|have|noted|requested|encouraged|invited|agreed|thanked|appreciated|held|took)\b"
    return not re.search(verbs, stripped)


def split_paragraphs(text: str) -> list[Paragraph]:
    lines = [clean_line(line) for line in text.splitlines()]
    paragraphs: list[Paragraph] = []
    section = ""  # current "4.2.2.3"
    letter = ""  # current "b)"
    item = ""  # current "4)"
    # headings by depth: section headings keyed by dotted depth, then the lettered topic
    section_headings: dict[float, str] = {}  # by depth; a chapter heading sits at 0 or 0.5, above the numbered 1, 2, ...
    topic = ""
    stem = ""  # the sentence a roman list completes ("The secretariat was requested:")

    def headings() -> list[str]:
        found = [section_headings[d] for d in sorted(section_headings)]
        if topic:
            found.append(topic)
        return found

    def add(number: str, body: str, is_heading: bool = False, stem_text: str | None = None) -> None:
        paragraphs.append(Paragraph(number, body, headings(), [], len(paragraphs), is_heading, stem_text))

    header: list[str] | None = None  # the column headers of the table being read
    for line in lines:
        if not line or set(line) <= set("_-=* |+"):
            continue
        cells = [c.strip() for c in line.strip("| ").split(" | ")] if " | " in line else None
        if cells and len(cells) >= 2:
            # A table written as text ("Action | Responsible | Deadline"): the first row names the
            # columns; each further row becomes a paragraph that reads "Action: ...; Deadline: ...".
            if header is None or len(cells) != len(header):
                header = cells
                continue
            row = dict(zip(header, cells, strict=True))
            add(" ".join(p for p in (section, letter, item) if p),
                "; ".join(f"{h}: {c}" for h, c in row.items() if c) + ".")
            paragraphs[-1].cells = row
            continue
        header = None
        roman = _CHAPTER.match(line)
        if roman and _looks_like_heading(roman.group(2)):
            # "IV. Conclusions and recommendations", "A. Opening of the session": headings above
            # paragraphs numbered straight through ("1.", "2.", ...)
            depth = 0 if roman.group(1) in _ROMAN_CAPITALS else 0.5
            for d in [d for d in section_headings if d >= depth]:
                del section_headings[d]
            section_headings[depth] = roman.group(2).strip().rstrip(":")
            topic, letter, item, stem = "", "", "", ""
            continue
        m = _SECTION.match(line)
        if m and not re.match(r"^\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", line):  # not "25 September 2019 ..."
            number, body = m.group(1), m.group(2)
            depth = number.count(".") + 1
            section, letter, item, topic, stem = number, "", "", "", ""
            for d in [d for d in section_headings if d >= depth]:
                del section_headings[d]
            heading = _looks_like_heading(body)
            add(number, body, heading)
            if heading:
                section_headings[depth] = body.rstrip(":").strip()
            continue
        m = _LETTER.match(line)
        if m and section:
            letter, item, stem = m.group(1) + ")", "", ""
            body = m.group(2)
            heading = _looks_like_heading(body)
            topic = body.rstrip(":").strip() if heading else ""
            add(f"{section} {letter}", body, heading)
            continue
        m = _ITEM.match(line)
        if m and section:
            item = m.group(1) + ")"
            body = m.group(2)
            stem = body if body.rstrip().endswith(":") else ""
            add(" ".join(p for p in (section, letter, item) if p), body)
            continue
        m = _ROMAN.match(line)
        if m and section and paragraphs:
            number = " ".join(p for p in (section, letter, item, m.group(1) + ".") if p)
            add(number, m.group(2), stem_text=stem or None)
            continue
        m = _BULLET.match(line)
        if m and paragraphs:
            paragraphs[-1].items.append(m.group(1).strip())
            continue
        # An unnumbered line: it continues a heading broken over lines, or stands as its own
        # paragraph under the current number (a caption, an unnumbered observation).
        previous = paragraphs[-1] if paragraphs else None
        if previous and previous.is_heading and not previous.items and (line[0].islower() or line.startswith("(")):
            previous.text += " " + line
            depth = previous.number.count(".") + 1
            if section_headings.get(depth):
                section_headings[depth] = previous.text.rstrip(":").strip()
            continue
        add(" ".join(p for p in (section, letter, item) if p), line, _looks_like_heading(line) and len(line) < 80)
    if paragraphs and not any(p.number for p in paragraphs):
        # A report written as prose: cite its paragraphs by their order ("¶ 4"), headings aside.
        n = 0
        for p in paragraphs:
            if not p.is_heading:
                n += 1
                p.number = str(n)
    return paragraphs


# Titles and abbreviations after which a full stop does not end a sentence ("Mr. Berezowski").
_NO_END = ["Mr", "Ms", "Dr", "St", "No", "Nr", "vs", "Sr", "Jr", "Mrs", "Rev", "Res", "Vol", "Art", "Fig",
           "Doc", "Rep", "Prof", "e.g", "i.e", "Amb", "Eng", "Mme", "para", "paras", "cf", "al", "Ref"]
_LOOKBEHINDS = "".join(rf"(?<!\b{re.escape(w)}\.)" for w in _NO_END)
_SENTENCE_END = re.compile(r"(?<=[.!?])" + _LOOKBEHINDS + r"\s+(?=[A-Z\u201c\"(])")
_CLAUSE_END = re.compile(r"(?<=[.;!?])" + _LOOKBEHINDS + r"\s+(?=[A-Z\u201c\"(])")


def sentences(text: str, semicolons: bool = True) -> list[str]:
    """Sentences of a paragraph, not split after titles such as "Mr." or "Prof.". With
    ``semicolons`` a semicolon ends one too, as it does between the items of a run-in list."""
    splitter = _CLAUSE_END if semicolons else _SENTENCE_END
    return [s.strip() for s in splitter.split(text) if s.strip()]
