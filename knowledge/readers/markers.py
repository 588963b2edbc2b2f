"""What starts a new paragraph or item in reports of this genre, for readers that rejoin lines.

A PDF or a hard-wrapped Markdown file breaks paragraphs over lines; rejoining them must stop at a
line that opens something new: a paragraph number ("12.", "4.2.1", "(a)", "3)", "ii."), a chapter
("IV. Conclusions"), a bullet, a footnote ("¹ See ...") or a table row ("a | b").
"""

from __future__ import annotations

import re

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")

_OPENERS = re.compile(
    r"""^(?:
        \d{1,2}(?:\.\d{1,3}){0,5}\.(?:\s|$)        # 12.  4.2.1.
      | \d{1,2}(?:\.\d{1,3}){1,5}\s                 # 4.2.1 Title
      | \(?[a-z]\)\s | \([a-z]\)$                    # (a)  a)
      | \(?\d{1,2}\)\s                               # (3)  3)
      | \(?(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})[.)]\s    # ii.  (iv)
      | (?:[IVXL]{1,6}|[A-H])\.\s                    # IV. Conclusions   A. Opening
      | [\u00b7\u2022\u25aa\u25cf\u2013\u2023\u2043*\-o]\s   # bullets
      | [\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+\s?\S  # a footnote: "¹ See ..."
      | \[[ xX]\]\s                                  # a checkbox
    )""",
    re.X,
)


def opens_paragraph(line: str) -> bool:
    """Whether a line starts a paragraph, item, footnote or table row of its own, so it must not
    be joined onto the line before it."""
    stripped = line.lstrip()
    return bool(_OPENERS.match(stripped)) or " | " in stripped


_SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")


def ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence or clause (".", "?", ":" or ";", perhaps before a quote or
    bracket), so a line after it may well begin a new paragraph."""
    return bool(_SENTENCE_END.search(line.rstrip()))
