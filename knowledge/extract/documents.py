"""Documents: symbol, title, the meeting it was for, who submitted it and what it proposes, from
lists of documents, tables of documents, and the prose that introduces them."""

from __future__ import annotations

import re

from ..paragraphs import Paragraph, sentences
from ..textpatterns import find_symbols, meeting_numbers, ordinal, symbol_key
from . import cues
from .context import ReportContext, provenance
from .text import has_verb, norm, tidy


def read_documents(ctx: ReportContext, meetings: list[dict]) -> list[dict]:
    """Every document the report names, by symbol (or title), with its fullest title."""
    docs = _Documents(ctx, {m["number"] for m in meetings})
    for p in ctx.paragraphs:
        if p.cells is not None:
            docs.table_row(p, p.cells)
            continue
        _document_summary(p, docs.by_key)
        docs.paragraph(p, meetings)
    out = []
    for doc in docs.by_key.values():
        doc.pop("_strong", None)
        if not doc.get("title"):
            doc["title"] = doc["symbol"]
        out.append(doc)
    return out


class _Documents:
    """The documents as they are being read, by key; a later, fuller title replaces a weaker one."""

    def __init__(self, ctx: ReportContext, numbers: set[int]):
        self.ctx = ctx
        self.numbers = numbers
        self.by_key: dict[str, dict] = {}

    def put(
        self, symbol: str | None, title: str, p: Paragraph, unit: str, *, submitter=None, strong: bool | int = False
    ) -> None:
        """Add a document or give it a better title or its submitter."""
        if (
            symbol
            and meeting_numbers(symbol, list(self.ctx.meeting_prefixes))
            and re.fullmatch(r"[^/]*-\d{1,3}", symbol)
        ):
            return  # "AHG-CCB-5" names the group's fifth meeting, not a document
        title = tidy(title)
        if not title and not symbol:
            return
        key = "doc:" + (symbol_key(symbol) if symbol else norm(title)[:120])
        doc = self.by_key.get(key)
        if doc is None:
            doc = self.by_key[key] = {
                "symbol": symbol,
                "title": title or symbol,
                "key": key,
                "meeting": _meeting_in_symbol(symbol, self.numbers) if symbol else None,
                "_strong": strong,
                **provenance(p, unit),
            }
        elif (
            strong
            and title
            and (
                int(strong) > int(doc["_strong"])
                or (int(strong) == int(doc["_strong"]) and len(title) > len(doc["title"] or ""))
            )
        ):
            doc.update(title=title, _strong=strong, **provenance(p, unit))
        if submitter and not doc.get("submitter"):
            doc["submitter"] = submitter

    def table_row(self, p: Paragraph, cells: dict[str, str]) -> None:
        """A row of a table of documents: "Symbol | Title | Source"."""
        symbol = next((v for v in cells.values() if find_symbols(v) and find_symbols(v)[0][0] == v.strip()), None)
        if symbol:
            title = next((v for h, v in cells.items() if cues.DOCUMENT_TITLE_CELL.search(h)), "")
            source = next((v for h, v in cells.items() if cues.DOCUMENT_SOURCE_CELL.search(h)), None)
            self.put(symbol, title, p, p.text, submitter=source, strong=bool(title))

    def paragraph(self, p: Paragraph, meetings: list[dict]) -> None:
        """The documents a paragraph lists or mentions."""
        in_list = any(cues.DOCUMENT_LIST_HEADING.search(h) for h in p.headings)
        units = [p.text] + p.items
        # "...the following documents: (a) provisional agenda (X/1); (b) draft guide (X/12)"
        enumerated = cues.ENUMERATED.split(p.text)
        if len(enumerated) > 2:
            units = [enumerated[0]] + enumerated[1:] + p.items
        for unit in units:
            symbols = find_symbols(unit)
            is_item = bool(re.search(r"[;.)]?\s*$", unit)) and len(unit) < 300 and not has_verb(unit)
            if symbols and is_item:
                self.listed(p, unit, symbols)
            elif symbols:
                self.mentioned(p, unit, symbols, meetings)
            elif in_list and unit is not p.text or (in_list and not p.is_heading and not has_verb(unit)):
                if 8 <= len(unit) <= 250 and not has_verb(unit):
                    self.put(None, unit, p, unit)

    def listed(self, p: Paragraph, unit: str, symbols) -> None:
        """An item of a list of documents: its title stands before its symbol."""
        title = _title_before_symbols(unit, symbols)
        submitter = None
        m = cues.CONTRIBUTION_TITLE.match(title)
        if m:  # "Contribution by Canada: Options for ..." names its submitter
            submitter, title = m.group("who").strip(), m.group("title").strip()
        # "Decision IPBES/1/5 Status of contributions ...": a line that gives a symbol its title
        # outranks any other line that names it
        defining = bool(title) and re.match(
            r"(?i)\s*(?:decision|document|resolution|recommendation)?\s*$", unit[: symbols[0][1]]
        )
        for symbol, _, _ in symbols:
            self.put(symbol, title, p, unit, submitter=submitter, strong=2 if defining else bool(title))

    def mentioned(self, p: Paragraph, unit: str, symbols, meetings: list[dict]) -> None:
        """A symbol in prose: a contribution, or a meeting's summary report."""
        submitter, title = _contribution(p, unit)
        summary = re.search(r"summary report", unit, re.I)
        for symbol, _start, _ in symbols:
            meeting = next((m for m in meetings if m.get("summary_symbol") == symbol), None)
            if summary and meeting:
                self.put(symbol, f"Summary report of the {ordinal(meeting['number'])} meeting", p, unit, strong=True)
            else:
                # a sentence that only cites the symbol gives no title a list item could not better
                self.put(
                    symbol, title or "", p, unit, submitter=submitter, strong=bool(title) and not has_verb(title or "")
                )


def _document_summary(p: Paragraph, docs: dict[str, dict]) -> None:
    """ "X introduced their document, which proposes ...": what a contribution says, kept with it.
    The symbol stands in the sentence or in the heading above it."""
    for s in sentences(p.text, semicolons=False):
        if not cues.INTRODUCED_WHICH.search(s):
            continue
        symbols = find_symbols(s) or next((find_symbols(h) for h in reversed(p.headings) if find_symbols(h)), [])
        if symbols:
            key = "doc:" + symbol_key(symbols[0][0])
            docs.setdefault(
                key,
                {
                    "symbol": symbols[0][0],
                    "title": "",
                    "key": key,
                    "_strong": False,
                    "meeting": None,
                    **provenance(p, s),
                },
            )
            docs[key]["summary"] = s[:1000]
            who = cues.INTRODUCER.match(s)
            if who and not docs[key].get("submitter"):
                docs[key]["submitter"] = who.group(1).strip()


def _contribution(p: Paragraph, unit: str) -> tuple[str | None, str | None]:
    """(submitter, title) of a contribution: "Contribution by X: TITLE", "X introduced their document"."""
    submitter = title = None
    for text in [unit] + list(reversed(p.headings)):
        m = cues.CONTRIBUTION_IN_TEXT.search(text)
        if m:
            submitter = submitter or m.group("who").strip()
            candidate = m.group("title").strip()
            if not has_verb(candidate) and len(candidate) > 5:
                title = title or candidate
            break
    m = cues.INTRODUCED_THEIR.search(unit)
    if m:
        submitter = submitter or m.group("who").strip()
    return submitter, title


def _title_before_symbols(unit: str, symbols) -> str:
    """A list item's title: the words before its first symbol, without numbering and brackets;
    after it where only a label stands before ("Decision IPBES/1/5 Status of contributions ...",
    "Document X/7: Administering the secretariat")."""
    first = symbols[0][1]
    before = unit[:first].strip()
    after = unit[symbols[0][2] :].strip(" :;,.\u2013\u2014-")
    if re.fullmatch(r"(?i)(?:decision|document|doc\.?|resolution|recommendation|paper)?", before) and len(after) >= 8:
        return after
    head = unit[:first]
    head = re.sub(r"[\s(]*$", "", head)
    head = re.sub(r"\)\s*(?:and|,)\s*$", ")", head)
    head = re.sub(r"\s*\((?:see\s+)?$", "", head)
    head = re.sub(r"^(?:[ivx]+\.|\d+(?:\.\d+)*\.?|[a-z]\))\s+", "", head)
    return head.strip(" ;,:-\u2013(")


def _meeting_in_symbol(symbol: str, numbers: set[int]) -> int | None:
    for token in re.findall(r"(?<=[A-Za-z&-])(\d{1,3})(?=[-/]|$)", symbol):
        if int(token) in numbers:
            return int(token)
    return None
