"""What an answer is, for every caller (command line, Slack, tests): its text, its sources, how sure
the engine is, and the records it came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

MAX_CHARS = 800  # an answer is read in a chat message: longer is cut at a sentence or list item


@dataclass
class Source:
    report: str | None
    paragraph: str | None
    symbol: str | None = None
    text: str | None = None


@dataclass
class Answer:
    answered: bool
    text: str
    confidence: float
    sources: list[Source] = field(default_factory=list)
    record_ids: list[dict] = field(default_factory=list)  # [{"kind": "deadlines", "id": 3}]
    suggestions: list[str] = field(default_factory=list)
    group: str | None = None
    fact: str | None = None  # the asked-for fact picked out of the sentence, shown first (bold in Slack)

    def to_json(self) -> dict:
        data = asdict(self)
        data["answer"] = data.pop("text")
        return data


def fit(text: str) -> str:
    """The text cut to MAX_CHARS at the last line, list item or sentence that fits."""
    if len(text) <= MAX_CHARS:
        return text
    cut = text[: MAX_CHARS - 1]
    cut = cut[: max(cut.rfind("\n"), cut.rfind("; "), cut.rfind(". "), MAX_CHARS - 200)]
    return cut.rstrip(" ;,") + "\u2026"


def render_text(reply: Answer) -> str:
    """The answer as the command line prints it: the text, its sources, suggestions."""
    lines = [reply.text]
    shown: list[str] = []
    for src in reply.sources:
        where = ", ".join(x for x in (src.report, f"¶ {src.paragraph}" if src.paragraph else None, src.symbol) if x)
        if where and where not in shown and len(shown) < 3:  # two sources in one paragraph: one line
            shown.append(where)
    lines += [f"  source: {where}" for where in shown]
    if reply.suggestions:
        lines.append("  did you mean: " + " | ".join(reply.suggestions))
    return "\n".join(lines)
