"""Questions naming a document by its symbol ("What is CWG-WSIS&SDG-34/2?"), answered from the
document records, or from the meeting whose summary report bears that symbol."""

from __future__ import annotations

import re

from ...textpatterns import ordinal, symbol_key
from ..result import Answer
from .context import Scope
from .lines import document_line
from .replies import reply, unknown


def document_by_symbol(s: Scope) -> Answer | None:
    """The documents whose symbols the question gives, or an honest "no such document"."""
    if not s.q.symbols:
        return None
    wanted = [symbol_key(x) for x in s.q.symbols]
    docs = [d for d in s.rows("documents", "symbol IS NOT NULL") if symbol_key(d["symbol"]) in wanted]
    if not docs:
        meetings = [
            m for m in s.rows("meetings", "summary_symbol IS NOT NULL") if symbol_key(m["summary_symbol"]) in wanted
        ]
        if meetings:
            m = meetings[0]
            return reply(
                s,
                f"{m['summary_symbol']} is the summary report of the {ordinal(m['number'])} meeting.",
                [("meetings", m)],
                0.9,
            )
        if not re.search(r"(?i)\b(document|doc|symbol|contribution|what\s+is)\b", s.q.text):
            return None  # "after RA/WRC-19": symbol-shaped, but the question is about something else
        return unknown(f"I have no document {', '.join(s.q.symbols)} in the reports.")
    lines = [document_line(d) for d in docs]
    return reply(s, " ".join(lines), [("documents", d) for d in docs], 0.92, docs[0]["symbol"])
