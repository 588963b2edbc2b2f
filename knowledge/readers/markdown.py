"""Markdown reports (.md, .markdown): the text a reader sees, without the markup.

Heading marks, emphasis, code marks and link targets go; images and front matter are dropped;
a table becomes "cell | cell" rows (header first, alignment row dropped), the form the paragraph
splitter reads as a table; lines a writer wrapped inside a paragraph are joined again, as a
Markdown renderer would, except before a line that opens a numbered paragraph or an item.
"""

from __future__ import annotations

import re
from pathlib import Path

from .markers import SUPERSCRIPT_DIGITS, opens_paragraph
from .text import decode_text

EMPTY_CELL = "-"

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s*[-*+]\s+")
_ORDERED = re.compile(r"^\s*(\d{1,3})\.\s+(?=\S)")  # an ordered list's item; "1.1." numbers a section
_ALIGNMENT = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S+.*$")
_FOOTNOTE = re.compile(r"^\s{0,3}\[\^(\w+)\]:\s*")
_HARD_BREAK = re.compile(r"(  |\\|<br\s*/?>)$", re.I)


def read_markdown(path: Path, data: bytes) -> str:
    """A Markdown file's text, one line per paragraph, heading, item or table row."""
    return markdown_text(decode_text(path, data))


def markdown_text(source: str) -> str:
    """Markdown source as the text a reader sees (also the last step of reading AsciiDoc)."""
    text = re.sub(r"<!--.*?-->", "", source, flags=re.S)
    all_lines = text.splitlines()
    lines = _without_front_matter(all_lines)
    opening = _front_matter_title(all_lines, lines)
    return "\n".join(([opening, ""] if opening else []) + _joined(_blocks(lines)))


_FRONT_FIELD = re.compile(r"^\s*(title|slug|date)\s*:\s*[\"']?(.*?)[\"']?\s*$", re.I)


def _front_matter_title(all_lines: list[str], body: list[str]) -> str:
    """The title and date a front matter gives ("slug: Steering Group minutes", "date:
    2025-02-13"), as the line a reader sees first: "Steering Group minutes 2025-02-13"."""
    front = all_lines[: len(all_lines) - len(body)]
    fields: dict[str, str] = {}
    for line in front:
        m = _FRONT_FIELD.match(line)
        if m and m.group(2):
            fields.setdefault(m.group(1).lower(), m.group(2))
    title = fields.get("title") or fields.get("slug", "").replace("-", " ")
    return " ".join(x for x in (title, fields.get("date", "")) if x).strip()


def _without_front_matter(lines: list[str]) -> list[str]:
    """The lines after a YAML (---) or TOML (+++) front matter block, if the file opens with one."""
    if lines and lines[0].strip() in ("---", "+++"):
        closers = ("---", "...") if lines[0].strip() == "---" else ("+++",)
        for i, line in enumerate(lines[1:], start=1):
            if line.strip() in closers:
                return lines[i + 1 :]
    return lines


def _blocks(lines: list[str]) -> list[tuple[str, str]]:
    """Each line as (kind, text): kind is "blank", "code", "table", "heading", "text", or "break"
    for text that ends in a hard line break."""
    out: list[tuple[str, str]] = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            out.append(("code", line.rstrip()))
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if out and out[-1][0] == "text" and _SETEXT.match(line) and out[-1][1].strip():
            out[-1] = ("heading", out[-1][1])  # "Title" underlined with === or ---
            continue
        block = _block(line, following, in_table=bool(out) and out[-1][0] == "table")
        if block[0] != "skip":
            out.append(block)
    return out


def _block(line: str, following: str, in_table: bool) -> tuple[str, str]:
    """One line outside code fences, its markup stripped."""
    while _QUOTE.match(line):
        line = _QUOTE.sub("", line, count=1)
    if not line.strip() or _RULE.match(line) or _DEFINITION.match(line):
        return ("blank", "")
    if "|" in line and (in_table or _ALIGNMENT.match(following)) and not _ALIGNMENT.match(line):
        return ("table", _row(line))
    if "|" in line and _ALIGNMENT.match(line) and in_table:
        return ("skip", "")  # the alignment row under a table's header
    heading = _HEADING.match(line)
    if heading:
        return ("heading", " ".join(inline(heading.group(1) or "").split()))
    footnote = _FOOTNOTE.match(line)
    if footnote:  # "[^1]: See ..." -> "¹ See ...", as the PDF reader writes footnotes
        return ("text", footnote.group(1).translate(SUPERSCRIPT_DIGITS) + " " + inline(line[footnote.end() :]))
    kind = "break" if _HARD_BREAK.search(line) else "text"
    item = _ORDERED.match(line) or _BULLET.match(line)
    if item:
        # an item keeps its margin, so that a nested item stays under its parent; an ordered list's
        # item is written "1)", so that "1. New LTS released" is not read as section 1
        margin = " " * (len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()))
        mark = f"{item.group(1)})" if item.re is _ORDERED else "-"
        return (kind, f"{margin}{mark} {_plain(line[item.end() :])}")
    return (kind, _plain(line.strip()))


def _plain(text: str) -> str:
    """A line's words without inline markup or a hard break's mark, single-spaced."""
    return " ".join(inline(_HARD_BREAK.sub("", text)).split())


def _row(line: str) -> str:
    """A table row "| a | b |" as "a | b"; an empty cell as "-", a pipe escaped in a cell as "/"."""
    line = line.strip().replace("\\|", "\x00")
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    cells = [inline(c.replace("\x00", "/")).strip() or EMPTY_CELL for c in line.split("|")]
    return " | ".join(cells)


def _joined(blocks: list[tuple[str, str]]) -> list[str]:
    """Lines, with a wrapped paragraph's lines joined back into one, as a renderer shows them."""
    out: list[str] = []
    joinable = False  # whether the last line is paragraph text another line may continue
    for kind, text in blocks:
        if kind in ("text", "break") and joinable and text and not opens_paragraph(text):
            out[-1] = out[-1] + " " + text
        else:
            out.append(text)
        joinable = kind == "text"
    return out


# -- inline markup ------------------------------------------------------------------------------

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_CODE = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[[^\]]*\]\((?:[^()]|\([^()]*\))*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:|www\.)[^>\s]+|[^>\s@]+@[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_FOOTNOTE_REF = re.compile(r"\[\^(\w+)\]")
_EMOJI = re.compile(r"(?<![\w:/]):[a-z][a-z0-9_+-]*:(?![\w/])")  # GitHub's ":book:", a picture, not words
_EMPHASIS = [
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
    re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*"),
    re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),
]


_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
_FILE_NAME = re.compile(r"[^/?#]+\.(?:md|markdown|pdf|docx?|txt|html?|ya?ml|json|csv|xlsx?|pptx?)$", re.I)
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org")
_NUMBERED_PAGES = frozenset({"pull", "pulls", "issues", "discussions", "merge_requests", "-"})


def _link_text(m: re.Match) -> str:
    """A link's text, with what its target says that the text may not: the file it opens
    ("team security (SECURITY.md)"), the address it mails, or the site it leads to
    ("Governance (docs.kubeedge.io)"), so that a question naming them finds the sentence."""
    text = m.group(1) if m.group(1) is not None else m.group(2)
    target = _TARGET.search(m.group(0))
    if m.group(1) is None or not target:
        return text
    url = target.group(1)
    if url.startswith("mailto:"):
        extra = url.removeprefix("mailto:").split("?")[0]
    elif not re.match(r"(?i)https?://", url):
        extra = url.rsplit("/", 1)[-1] if _FILE_NAME.search(url) else ""
    else:
        host, _, path = re.sub(r"(?i)^https?://(?:www\.)?", "", url).partition("/")
        file_name = _FILE_NAME.search(path.split("#")[0].split("?")[0])
        if file_name:
            extra = file_name.group(0)
        elif host.lower() in _CODE_HOSTS:
            parts = [p for p in path.split("#")[0].split("?")[0].split("/") if p]
            # the repository, and the pull request or issue a link opens ("... /pull/615")
            numbered = len(parts) >= 4 and parts[2] in _NUMBERED_PAGES and parts[3].isdigit()
            extra = "/".join([host] + parts[: 4 if numbered else 2])
        else:
            extra = host
    if not extra or extra.lower() in text.lower():
        return text or extra
    return f"{text} ({extra})"


def inline(text: str) -> str:
    """A line's text without inline markup: links keep their text, images and emoji codes
    (":book:") go, code spans keep their content untouched, emphasis marks go (not the
    underscores inside snake_case words)."""
    escaped: list[str] = []

    def hold(value: str) -> str:  # kept aside, so no later pattern touches it
        escaped.append(value)
        return f"\x01{len(escaped) - 1}\x02"

    text = _ESCAPE.sub(lambda m: hold(m.group(1)), text)
    text = _CODE.sub(lambda m: hold(m.group(2).strip()), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: _link_text(m), text)
    text = _AUTOLINK.sub(lambda m: hold(m.group(1).removeprefix("mailto:")), text)
    text = _FOOTNOTE_REF.sub(lambda m: m.group(1).translate(SUPERSCRIPT_DIGITS) if m.group(1).isdigit() else "", text)
    text = _TAG.sub("", re.sub(r"<br\s*/?>", " ", text, flags=re.I))
    text = _EMOJI.sub("", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    return re.sub(r"\x01(\d+)\x02", lambda m: escaped[int(m.group(1))], text)
