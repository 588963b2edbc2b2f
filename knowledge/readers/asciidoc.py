"""AsciiDoc reports (.adoc, .asciidoc): minutes many technical bodies keep in their repositories.

The file's blocks are rewritten as the Markdown they mean (section titles, list items, table
rows, listings) and read by the Markdown reader, so both formats give the same lines:
comments, attribute entries, block attributes and anchors go; ``{name}`` takes the value the
document gave it; cross references keep their text; a link keeps its text and target. Nothing
the document asks to run or include is followed: ``include::`` and ``sys::`` lines are dropped.

Written here rather than taken from asciidoc-py because that package cannot run in its safe
mode (its own backend files fail the safe check), and outside it a document's ``sys::`` macros
run commands on the importing machine.
"""

from __future__ import annotations

import re
from pathlib import Path

from .markdown import markdown_text
from .text import decode_text

_SECTION = re.compile(r"^(={1,6})\s+(.+?)(?:\s+=+)?\s*$")
_BLOCK_TITLE = re.compile(r"^\.(?=[^\s.])(.+)$")
_ATTRIBUTE_ENTRY = re.compile(r"^:(!?[\w-]+!?):\s*(.*)$")
_BLOCK_ATTRIBUTES = re.compile(r"^\[[^\]]*\]\s*$")
_PREPROCESSOR = re.compile(r"^(?:include|ifdef|ifndef|ifeval|endif|sys\d?|eval|image|toc|video|audio)::")
_COMMENT_BLOCK = re.compile(r"^/{4,}\s*$")
_LISTING = re.compile(r"^(?:-{4,}|\.{4,}|`{3}.*)\s*$")
_OTHER_DELIMITER = re.compile(r"^(?:={4,}|\*{4,}|_{4,}|\+{4,}|-{2})\s*$")
_TABLE = re.compile(r"^[|!,:]={3,}\s*$")
_UNORDERED = re.compile(r"^(\*{1,5}|-)\s+(.*)$")
_ORDERED = re.compile(r"^(\.{1,5})\s+(.*)$")
_DESCRIPTION = re.compile(r"^(\S.{0,80}?)(?::{2,4}|;;)(?:\s+(.*))?$")

_XREF = re.compile(r"<<([^,>]+)(?:,\s*([^>]+))?>>|xref:([\w#./-]+)\[([^\]]*)\]")
_LINK = re.compile(r"(?:link:|(?=(?:https?|ftp|mailto):))((?:https?://|ftp://|mailto:)?[^\s\[]+)\[([^\]]*)\]")
_FOOTNOTE = re.compile(r"footnote(?:ref)?:[\w-]*\[([^\]]*)\]")
_INLINE_ANCHOR = re.compile(r"\[\[[^\]]*\]\]|anchor:[\w-]+\[[^\]]*\]")
_INLINE_IMAGE = re.compile(r"image:[^\s\[]+\[[^\]]*\]")
_PASSTHROUGH = re.compile(r"\+{1,3}([^+]+?)\+{1,3}|pass:[a-z,]*\[([^\]]*)\]")
_CONSTRAINED = re.compile(r"(?<![\w*_`])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?![\w*_])")
_UNCONSTRAINED = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def read_asciidoc(path: Path, data: bytes) -> str:
    """An AsciiDoc file's text, one line per paragraph, section title, item or table row."""
    return markdown_text(to_markdown(decode_text(path, data)))


def to_markdown(text: str) -> str:
    """AsciiDoc source as the Markdown it means, block by block."""
    attributes: dict[str, str] = {}
    out: list[str] = []
    lines = text.splitlines()
    numbers: dict[int, int] = {}  # the last number of each depth of ordered list
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if _COMMENT_BLOCK.match(line):
            while i < len(lines) and not _COMMENT_BLOCK.match(lines[i]):
                i += 1
            i += 1
            continue
        if _TABLE.match(line):
            rows: list[str] = []
            while i < len(lines) and not _TABLE.match(lines[i]):
                rows.append(lines[i])
                i += 1
            i += 1
            out.extend(_table(rows, attributes))
            continue
        if _LISTING.match(line):
            out.append("```")
            continue
        entry = _ATTRIBUTE_ENTRY.match(line)
        if entry:
            name = entry.group(1)
            if name.startswith("!") or name.endswith("!"):
                attributes.pop(name.strip("!"), None)
            else:
                attributes[name] = entry.group(2)
            continue
        if (
            line.startswith("//")
            or _PREPROCESSOR.match(line.lstrip())
            or _BLOCK_ATTRIBUTES.match(line)
            or _OTHER_DELIMITER.match(line)
            or line.strip() == "+"  # a list continuation: what follows belongs to the item
        ):
            continue
        if not line.strip():
            numbers.clear()
            out.append("")
            continue
        out.append(_block(line, attributes, numbers))
    return "\n".join(out)


def _block(line: str, attributes: dict[str, str], numbers: dict[int, int]) -> str:
    section = _SECTION.match(line)
    if section:
        return "#" * len(section.group(1)) + " " + inline(section.group(2), attributes)
    title = _BLOCK_TITLE.match(line)
    if title:
        return "###### " + inline(title.group(1), attributes)
    unordered = _UNORDERED.match(line)
    if unordered:
        depth = len(unordered.group(1)) if unordered.group(1) != "-" else 1
        return "  " * (depth - 1) + "- " + inline(unordered.group(2), attributes)
    ordered = _ORDERED.match(line)
    if ordered:
        depth = len(ordered.group(1))
        numbers[depth] = numbers.get(depth, 0) + 1
        for deeper in [d for d in numbers if d > depth]:
            del numbers[deeper]
        return "  " * (depth - 1) + f"{numbers[depth]}. " + inline(ordered.group(2), attributes)
    description = _DESCRIPTION.match(line)
    if description and not re.match(r"(?i)\s*(?:https?|ftp|mailto)\b", line):
        term, definition = description.group(1).strip(), (description.group(2) or "").strip()
        return inline(f"{term}: {definition}" if definition else f"{term}:", attributes)
    if line.endswith(" +"):
        return inline(line[:-2], attributes) + "  "  # a hard line break, as Markdown writes it
    return inline(line, attributes)


def _table(rows: list[str], attributes: dict[str, str]) -> list[str]:
    """A table's rows as Markdown rows, the first as its header. Cells may stand one to a line;
    then a blank line, or the count of the first row's cells, ends a row."""
    cells_per_line = [[c.strip() for c in row.split("|")[1:]] for row in rows if row.strip()]
    if not cells_per_line:
        return []
    width = max(len(cells) for cells in cells_per_line)
    grouped: list[list[str]] = []
    if width > 1:
        grouped = [cells for cells in cells_per_line if cells]
    else:
        current: list[str] = []
        for row in rows + [""]:
            if row.strip():
                current.extend(c.strip() for c in row.split("|")[1:])
            elif current:
                grouped.append(current)
                current = []
    out = []
    for n, cells in enumerate(grouped):
        out.append("| " + " | ".join(inline(c, attributes).replace("|", "/") or "-" for c in cells) + " |")
        if n == 0:
            out.append("|" + "---|" * len(cells))
    return [""] + out + [""]


def inline(text: str, attributes: dict[str, str]) -> str:
    """A line's AsciiDoc inline markup as Markdown's: the Markdown reader takes it from there."""
    text = re.sub(r"\{([\w-]+)\}", lambda m: attributes.get(m.group(1), m.group(0)), text)
    text = _INLINE_ANCHOR.sub("", text)
    text = _INLINE_IMAGE.sub("", text)
    text = _FOOTNOTE.sub(lambda m: f" ({m.group(1)})", text)
    text = _XREF.sub(lambda m: (m.group(2) or m.group(4) or m.group(1) or m.group(3) or "").strip(), text)
    text = _LINK.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", text)
    text = _PASSTHROUGH.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _UNCONSTRAINED.sub(r"\2", text)
    return _CONSTRAINED.sub(r"\1", text)
