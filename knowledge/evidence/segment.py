"""Cutting a report's text into units of evidence: sentences, list items and table rows, each with
the headings it stands under and the paragraph number it can be cited by.

Any layout is read the same general way, because reports of other bodies are laid out in every way:
blank lines separate blocks; a short line standing alone is a heading; bullets and numbered lines
are items (a nested item keeps its parent as context); ``a | b | c`` lines are table rows whose
first row names the columns; hard-wrapped lines are joined back into their sentence. A heading that
is a date ("Monday, 18 November 2019") opens a session: it stays in the context of what follows
until the next such heading, so a point discussed that day can be dated. The lines a report opens
with (title, body, date, place) are also one unit of their own, the report's head, which is what a
question about "this meeting" or "this report" asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..tables import carried_down, is_rule, row_cells
from .holds import exact_dates

MAX_UNIT_CHARS = 1200  # longer sentences are cut at a semicolon, so one answer stays readable
HEAD_LINES = 14  # at most this many opening lines make the report's head (a UN cover page has a dozen)
GENERIC_LEVEL = 3  # a short line alone, with no mark of its rank
SESSION_HEADING_WORDS = 12  # a dated heading longer than this is a sentence about a date, not a session

_BULLET = re.compile(
    r"^(?P<indent>\s*)(?P<mark>[-*+\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2013]|\[[ xX]\])\s+(?P<rest>.*)$"
)
_NUMBERED = re.compile(
    r"^(?P<indent>\s*)(?P<mark>\(\d{1,3}\)|\d{1,2}(?:\.\d{1,3}){1,5}\.?|\d{1,3}[.)]|\(?[a-z]\)|\(?[ivx]{1,5}\))\s+(?P<rest>\S.*)$"
)
_MONTH_START = re.compile(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MAJOR_HEADING = re.compile(r"^(part|chapter|section|annex|appendix|agenda item)\b|^[IVXL]{1,6}[.\s\u2013-]", re.I)
_LETTER_HEADING = re.compile(r"^[A-H]\s*[.\u2013\u2014-]\s+\S")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d')\]]*\s+(?=[\"\u201c(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """
mr ms mrs dr prof st no nos e.g i.e etc vs al art para paras vol rev corr add h.e jan feb mar apr jun jul
aug sep sept oct nov dec fig approx inc ltd co corp dept sr jr gen gov rep est min max op ca cf ext tel
""".split()
)


@dataclass(frozen=True)
class Unit:
    """One candidate answer: a sentence, list item, table row or heading of a report."""

    text: str
    context: str  # the headings and lead-ins above it, outermost first, joined by " / "
    paragraph: str  # the paragraph number to cite ("12", "4.2.1"), or "" where the report numbers none
    position: int  # order in the report
    kind: str  # "sentence", "item", "row" or "heading"


@dataclass
class _Block:
    kind: str  # "para", "item", "row"
    lines: list[str]
    indent: int = 0
    number: str = ""


def _is_row(line: str) -> bool:
    return line.count(" | ") >= 1 or (line.startswith("|") and line.count("|") >= 3)


def _blocks(text: str) -> list[_Block | None]:
    """Lines grouped into blocks; None marks a blank line (a block boundary that headings need)."""
    out: list[_Block | None] = []
    current: _Block | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.replace("\t", "    ").replace("\u00a0", " ").rstrip()
        if not line.strip():
            current = None
            out.append(None)
            continue
        stripped = line.strip()
        if is_rule(stripped) or re.fullmatch(r"[-=_*]{3,}", stripped):
            continue  # a table's alignment row or a rule
        indent = len(line) - len(line.lstrip())
        bullet = _BULLET.match(line) or _NUMBERED.match(line)
        if _is_row(stripped):
            current = _Block("row", [stripped], indent)
            out.append(current)
        elif bullet:
            number = bullet.group("mark").strip("().") if _NUMBERED.match(line) else ""
            current = _Block("item", [bullet.group("rest").strip()], len(bullet.group("indent")), number)
            if bullet.group("mark").startswith("[") and bullet.group("mark"):
                current.lines[0] = bullet.group("mark") + " " + current.lines[0]  # attendance ticks carry meaning
            out.append(current)
        elif current is not None and current.kind != "row" and _continues(current.lines[-1], stripped, indent, current):
            current.lines[-1] = _join(current.lines[-1], stripped)
        elif current is not None and current.kind == "para":
            current.lines.append(stripped)
        else:
            current = _Block("para", [stripped], indent)
            out.append(current)
    return out


def _continues(previous: str, line: str, indent: int, block: _Block) -> bool:
    """Whether a line carries on the line above it (a hard wrap) rather than starting a new one."""
    if block.kind == "item" and indent > block.indent:
        return True
    if previous.endswith(("-",)) and not previous.endswith(" -"):
        return True
    if line[:1].islower() and not previous.endswith((":",)):
        return True
    return len(previous) >= 55 and not previous.endswith((".", ":", ";", "!", "?"))


def _join(previous: str, line: str) -> str:
    if re.search(r"[a-z]-$", previous) and line[:1].islower():
        return previous[:-1] + line  # a word broken at the line's end
    return previous + " " + line


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, not cut after 'Mr.', 'No.', 'e.g.' or an initial ('R. T. Watson')."""
    pieces: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start : m.start()].rstrip("\"\u201d')]")
        last = before.split()[-1].lower().rstrip(".").lstrip("([") if before.split() else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        if re.fullmatch(r"\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]", before.strip()):
            continue  # "1. SIG leads ...": an item's own number, written after its bullet
        pieces.append(text[start : m.start()].strip())
        start = m.end()
    pieces.append(text[start:].strip())
    out: list[str] = []
    for p in pieces:
        out.extend(_cut_long(p))
    return [p for p in out if p]


def _cut_long(sentence: str) -> list[str]:
    if len(sentence) <= MAX_UNIT_CHARS:
        return [sentence]
    parts, current = [], ""
    for piece in re.split(r"(?<=;)\s+", sentence):
        if current and len(current) + len(piece) > MAX_UNIT_CHARS:
            parts.append(current)
            current = piece
        else:
            current = f"{current} {piece}".strip()
    parts.append(current)
    return parts


def _heading_level(block: _Block) -> int | None:
    """The level of a block that is a heading, or None. A heading is one short line that ends no
    sentence, standing alone; 'Part I', 'Annex', roman numerals are the top level."""
    if block.kind != "para" or len(block.lines) != 1:
        return None
    line = block.lines[0]
    md = _MD_HEADING.match(line)
    if md:
        return len(md.group(1))
    if len(line) > 120 or line.endswith((".", ";", ",")) or line.count(" ") > 16:
        return None
    if _MAJOR_HEADING.match(line):
        return 1
    if _LETTER_HEADING.match(line):
        return 2
    return GENERIC_LEVEL


def _number_of(text: str) -> tuple[str, str]:
    """A paragraph's own number and the rest: '(12) The Plenary ...' -> ('12', 'The Plenary ...')."""
    m = re.match(r"^\(?((?:[A-Z]\.)?\d{1,3}(?:\.\d{1,3}){0,5})[.)]?\s+(?=\S)(.*)$", text)
    if m and _MONTH_START.match(m.group(2)):
        return "", text  # "24 March 2025" is a date, not paragraph 24
    if m and (m.group(2)[:1].isupper() or m.group(2)[:1] in '("\u201c'):
        return m.group(1), text
    return "", text


def _head(blocks: list[_Block | None]) -> list[str]:
    """The short lines a report opens with (title, symbol, body, session, date, place), up to its
    first sentence, list, table or quoted remark."""
    lines: list[str] = []
    for block in blocks:
        if block is None:
            continue
        if block.kind == "row":
            break
        for line in block.lines:
            line = _MD_HEADING.sub(r"\2", line).strip()
            if (
                len(lines) >= HEAD_LINES
                or len(line) > 100
                or line.endswith((".", ";", ",", "?"))
                or re.search(r"[\"\u201c\u201d]", line)
            ):
                return lines
            lines.append(line)
    return lines


_FOOTNOTE_LINE = re.compile(r"^(\d{1,2}) (\S.{2,300})$")


def resolve_footnotes(text: str) -> str:
    """A footnote's text put where its marker stands ("... paragraph 15 (a);1" and, further down,
    "1 A/HRC/WG.6/48/SVN/1." become "... paragraph 15 (a); [1: A/HRC/WG.6/48/SVN/1.]"), so that the
    sentence holds what its footnote says. A numbered line counts as a footnote only when exactly
    one marker for it stands glued to a word or to punctuation after a word, and not in the footnote."""
    lines = text.split("\n")
    notes: dict[str, tuple[int, str]] = {}
    for i, line in enumerate(lines):
        m = _FOOTNOTE_LINE.match(line.strip())
        if m and not _MONTH_START.match(m.group(2)):
            notes.setdefault(m.group(1), (i, m.group(2).strip()))
    if not notes:
        return text
    body = "\n".join(lines)
    for number, (i, note) in notes.items():
        marker = re.compile(rf"(?<=[a-z\u2019\)][.;,:])({number})(?=\s|$)|(?<=[a-z]{{3}})({number})(?=[\s.;,]|$)", re.M)
        found = [m for m in marker.finditer(body) if body.count("\n", 0, m.start()) != i]  # not its own line
        if len(found) != 1:
            continue
        m = found[0]
        body = body[: m.start()] + f" [{number}: {note}]" + body[m.end() :]
        lines = body.split("\n")
        lines[i] = ""
        body = "\n".join(lines)
    return body


def units(text: str) -> list[Unit]:
    """Every unit of evidence in a report's text, in order."""
    blocks = _blocks(resolve_footnotes(text))
    headings: list[tuple[int, str]] = []
    leads: list[tuple[int, str, str]] = []  # (indent, style, text): items' parents, lines ending in ':'
    header_row: list[str] | None = None
    previous_row: list[str] | None = None  # the row above, whose first cell a merged cell repeats
    paragraph = ""
    session = ""  # the last heading that is a date: the day everything under it happened
    out: list[Unit] = []

    def add(body: str, kind: str, extra: str = "") -> None:
        chain = [h for _, h in headings]
        if session and session not in chain:
            chain.insert(0, session)
        context = " / ".join(chain + [lead for _, _, lead in leads] + ([extra] if extra else []))
        out.append(Unit(body, context[:500], paragraph, len(out), kind))

    head = _head(blocks)
    if len(head) > 1:
        out.append(Unit(" \u00b7 ".join(head), "", "", 0, "heading"))

    for i, block in enumerate(blocks):
        if block is None:
            continue
        if block.kind != "row":
            header_row = previous_row = None
        level = _heading_level(block)
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        before = blocks[i - 1] if i > 0 else None
        alone = (after is None or after.kind != "para") and (before is None or before.kind != "para")
        if level is not None and (alone or _MD_HEADING.match(block.lines[0])):
            title = _MD_HEADING.sub(r"\2", block.lines[0]).strip()
            level = _subtitle_level(out, headings, level, block.lines[0])
            headings = [(lv, h) for lv, h in headings if lv < level] + [(level, title)]
            leads = []
            add(title, "heading")
            # a line ending in a colon introduces what follows ("Decisions of the session (2 May):"):
            # it names no day that everything after it happened on
            if len(title.split()) <= SESSION_HEADING_WORDS and exact_dates(title) and not title.endswith(":"):
                session = title
            continue
        if block.kind == "row":
            cells = row_cells(block.lines[0])
            if header_row is None:
                header_row = cells
                add(block.lines[0], "row")
                continue
            filled = carried_down(cells, previous_row)
            previous_row = filled
            add(" | ".join(filled) if filled is not cells else block.lines[0], "row", " | ".join(header_row))
            continue
        if block.kind == "item":
            style = _style(block.number)
            leads = _parents(leads, block.indent, style)
            if style in ("digit", "section") and block.indent == 0 and all(lead[1] == "para" for lead in leads):
                paragraph = block.number  # "(12) The Plenary ..." or "12. The Plenary ...": a numbered paragraph
            for sentence in split_sentences(block.lines[0]):
                add(sentence, "item")
            leads.append((block.indent, style, block.lines[0][:160]))
            continue
        leads = []
        for line_no, line in enumerate(block.lines):
            number, body = _number_of(line)
            if number:
                paragraph = number
            for sentence in split_sentences(body):
                add(sentence, "sentence")
            if line.endswith(":") or (line_no == 0 and len(block.lines) > 1 and len(line) < 80):
                leads = [(block.indent, "para", line[:160])]
    return out


def _subtitle_level(out: list[Unit], headings: list[tuple[int, str]], level: int, line: str) -> int:
    """The level of a plain-text heading that comes right after another with nothing between
    ("http-core Status", then "Presented by Roy Fielding", then the points): a line alone, after a
    heading of the same unmarked level that holds nothing yet, is its subtitle, not its sibling.
    Only one step: a run of such lines (a list of contents) stays flat under the first."""
    if _MD_HEADING.match(line) or level != GENERIC_LEVEL or not headings or not out or out[-1].kind != "heading":
        return level
    last_level, last_title = headings[-1]
    if out[-1].text != last_title or last_level not in (GENERIC_LEVEL, GENERIC_LEVEL + 1):
        return level
    return GENERIC_LEVEL + 1


def _style(number: str) -> str:
    """How an item is marked: "bullet", "letter" (a), "digit" (1), "section" (3.3) or "roman" (ii)."""
    if not number:
        return "bullet"
    if number.isdigit():
        return "digit"
    if re.fullmatch(r"\d+(?:\.\d+)+", number):
        return "section"
    return "roman" if re.fullmatch(r"[ivx]{2,5}", number) else "letter"


def _parents(leads: list[tuple[int, str, str]], indent: int, style: str) -> list[tuple[int, str, str]]:
    """The leads an item stands under. An item deeper in the margin is under everything above it;
    at the same margin, lists nest by how they are marked ("a) Seeds:" then "1) ...", "2) ...":
    the numbered items are under the lettered one until the next lettered item)."""
    kept = [lead for lead in leads if lead[0] < indent]
    same = [lead for lead in leads if lead[0] == indent]
    sibling = max((i for i, lead in enumerate(same) if lead[1] == style), default=None)
    if sibling is not None:
        return kept + same[:sibling]
    return kept + [lead for lead in same if lead[2].endswith(":")]
