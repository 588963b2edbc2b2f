"""Block Kit messages and views, built by pure functions so that Slack's limits can be unit-tested.

Every builder returns what ``chat.postMessage`` / ``respond`` / ``views.publish`` take, and keeps to
Slack's limits: at most 50 blocks a message, 3,000 characters a section text, 150 a header, 75 a
button label, 2,000 a button value, 10 context elements, about 12,000 characters of text in all
(Slack refuses a longer message); and always a ``text`` fallback (what notifications and screen
readers show), escaped like every other text (handlers.slack_text.escape): the fallback is mrkdwn
too, so an unescaped ``<!channel>`` in it would ping the channel.
"""

from __future__ import annotations

import re
from datetime import date

from knowledge import dates
from knowledge.answering import Answer, Source

from .slack_text import escape, mention

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_FALLBACK = 3000
# Slack refuses a message whose texts add up to more than about 12,000 characters; keep under it.
MAX_MESSAGE_TEXT = 11_000
MAX_SUGGESTIONS = 5
ELLIPSIS = "\u2026"

# Action ids the action listeners match on.
ACTION_SHARE = "share_answer"
ACTION_FEEDBACK_UP = "feedback_up"
ACTION_FEEDBACK_DOWN = "feedback_down"
ACTION_SUGGESTION_PREFIX = "suggestion_"
ACTION_EDIT_PREFIX = "edit_record_"  # + index: admins' Edit buttons under an answer about a deadline
MAX_EDIT_BUTTONS = 3
ANSWER_ACTIONS = "answer_actions"  # block_id of the buttons under an answer

UNDO_HINT = "`/wg undo` takes it back."  # after every change made from Slack

HOW_TO_ASK = (
    "Mention me in a channel (`@Rapporteur when is the HLPF input deadline?`) and I answer in the "
    "thread; reply there to follow up. Or send me a direct message, or use `/wg QUESTION` for an "
    "answer only you see."
)


# -- text helpers -------------------------------------------------------------------------------


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def cut_mrkdwn(text: str, limit: int) -> str:
    """Mrkdwn cut to ``limit`` characters without leaving half an entity such as '&am'."""
    if len(text) <= limit:
        return text
    out = text[: limit - 1]
    amp = out.rfind("&")
    if amp != -1 and ";" not in out[amp:]:
        out = out[:amp]
    return out.rstrip() + ELLIPSIS


def _escaped_truncate(text: str, limit: int) -> str:
    return cut_mrkdwn(escape(text), limit)


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Escaped mrkdwn chunks of at most ``limit`` characters, cut at line or word ends where possible."""
    return _split_escaped(escape(text), limit)


_WORD = re.compile(r"\s*\S+|\s+$")


def _pieces(text: str, limit: int) -> list[str]:
    """Text as words with their leading whitespace, none longer than ``limit`` (a longer "word" is
    cut, but never between an & and its ;)."""
    pieces = []
    for piece in _WORD.findall(text):
        while len(piece) > limit:
            cut = limit
            amp = piece.rfind("&", 0, cut)
            if amp > 0 and ";" not in piece[amp:cut]:
                cut = amp
            pieces.append(piece[:cut])
            piece = piece[cut:]
        pieces.append(piece)
    return pieces


def _nonblank(text: str) -> str:
    """Slack rejects empty and blank texts."""
    return text if text.strip() else ELLIPSIS


def section(mrkdwn: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _nonblank(mrkdwn[:MAX_SECTION])}}


def header(text: str) -> dict:
    """A header of plain words (escaped here, as every text that reaches Slack is)."""
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": _nonblank(cut_mrkdwn(escape(text), MAX_HEADER)), "emoji": True},
    }


def context(*mrkdwn: str) -> dict:
    elements = [{"type": "mrkdwn", "text": _nonblank(t[:MAX_SECTION])} for t in mrkdwn[:MAX_CONTEXT_ELEMENTS]]
    return {"type": "context", "elements": elements}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict:
    b = {
        "type": "button",
        "text": {
            "type": "plain_text",
            "text": _nonblank(cut_mrkdwn(escape(label.strip()), MAX_BUTTON_TEXT)),
            "emoji": True,
        },
        "action_id": action_id,
        "value": value[:MAX_BUTTON_VALUE],
    }
    if style:
        b["style"] = style
    return b


def text_size(blocks: list[dict]) -> int:
    """Characters of text in blocks, as Slack counts them against a message's limit."""
    size = 0
    for value in blocks:
        if isinstance(value, dict):
            size += sum(len(v) if k == "text" and isinstance(v, str) else text_size([v]) for k, v in value.items())
        elif isinstance(value, list):
            size += text_size(value)
    return size


CUT_SHORT = f"{ELLIPSIS} cut short: Slack shows only so much of one message."


def _fit(blocks: list[dict], tail: list[dict], limit: int = MAX_BLOCKS, budget: int = MAX_MESSAGE_TEXT) -> list[dict]:
    """``blocks`` then ``tail`` in at most ``limit`` blocks and ``budget`` characters of text: the
    tail (buttons) always survives, and the last body block that fits says that something was left out."""
    room, chars = limit - len(tail), budget - text_size(tail)
    if len(blocks) <= room and text_size(blocks) <= chars:
        return blocks + tail
    note = context(CUT_SHORT)
    kept, used = [], text_size([note])
    for block in blocks:
        size = text_size([block])
        if len(kept) + 2 > room or used + size > chars:
            break
        kept.append(block)
        used += size
    return kept + [note] + tail


def pack(lines: list[str], limit: int = MAX_SECTION) -> list[str]:
    """Lines (already mrkdwn) joined into as few texts of at most ``limit`` characters as they fit in."""
    chunks: list[str] = []
    for line in lines:
        line = cut_mrkdwn(line, limit)
        if chunks and len(chunks[-1]) + 1 + len(line) <= limit:
            chunks[-1] += "\n" + line
        else:
            chunks.append(line)
    return chunks


# -- answers ------------------------------------------------------------------------------------


def source_line(src: Source) -> str:
    """'Report X, paragraph 12 · A/HRC/43/2': the citation, as far as it is known."""
    parts = [src.report or "Report"]
    if src.paragraph:
        parts[0] += f", paragraph {src.paragraph}"
    if src.symbol:
        parts.append(src.symbol)
    return " \u00b7 ".join(parts)


def answer_fallback(reply: Answer) -> str:
    """The answer's plain ``text``: escaped like its blocks, since Slack reads it as mrkdwn too."""
    lines = [reply.text.strip() or "(no answer)"]
    if reply.sources:
        lines.append("Source: " + "; ".join(source_line(s) for s in reply.sources[:3]))
    if reply.suggestions:
        lines.append("Did you mean: " + " | ".join(reply.suggestions[:MAX_SUGGESTIONS]))
    return cut_mrkdwn(escape("\n".join(lines)), MAX_FALLBACK)


def _answer_mrkdwn(reply: Answer) -> list[str]:
    """An answer's text as mrkdwn sections: the fact it picked out in bold, then the report's own
    sentence as a quote ("*16 March 2020*" then "> The deadline for ITU input is ..."); a record's
    line as it is, with the sentence it was read from quoted under it."""
    text = reply.text.strip() or "(no answer)"
    lines: list[str] = []
    for line in text.split("\n"):
        if reply.fact and line.startswith(reply.fact + " \u2014 "):
            lines += [f"*{escape(reply.fact)}*", "&gt; " + escape(line[len(reply.fact) + 3 :])]
        elif line.startswith("\u201c") and line.endswith("\u201d") and lines:
            lines.append("&gt; " + escape(line[1:-1]))
        else:
            lines.append(escape(line))
    # split_text escapes; these lines are escaped already, so they are cut without it
    return _split_escaped("\n".join(lines))


def _split_escaped(mrkdwn: str, limit: int = MAX_SECTION) -> list[str]:
    chunks: list[str] = []
    current = ""
    for word in _pieces(mrkdwn, limit):
        if len(current) + len(word) > limit:
            chunks.append(current)
            current = word.lstrip()
        else:
            current += word
    if current.strip():
        chunks.append(current)
    return [c.rstrip() or ELLIPSIS for c in chunks] or [ELLIPSIS]


def answer_message(
    reply: Answer,
    *,
    ref: str | None = None,
    shareable: bool = False,
    shared_by: str | None = None,
    question: str | None = None,
    edit: list[tuple[str, str]] | None = None,
) -> dict:
    """An answer as a message: the text, its sources, "did you mean" buttons, 👍/👎 and, for an
    ephemeral answer, "Share in channel". ``ref`` identifies the stored answer the buttons act on;
    ``edit`` lists (value, label) of the records an admin viewing it may edit (see edit_buttons)."""
    body: list[dict] = []
    if shared_by:
        asked = f" to _{_escaped_truncate(question.strip(), 300)}_" if question and question.strip() else ""
        body.append(context(f"{mention(shared_by)} shared an answer{asked}"))
    body += [section(chunk) for chunk in _answer_mrkdwn(reply)]
    tail: list[dict] = []
    if reply.sources:
        cites = [":page_facing_up: " + _escaped_truncate(source_line(s), 300) for s in reply.sources]
        tail.append(context(*cites[:MAX_CONTEXT_ELEMENTS]))
    if reply.suggestions:
        tail.append(section("*Did you mean:*"))
        tail.append(
            {
                "type": "actions",
                "block_id": "suggestions",
                "elements": [
                    button(s, f"{ACTION_SUGGESTION_PREFIX}{i}", s)
                    for i, s in enumerate(reply.suggestions[:MAX_SUGGESTIONS])
                ],
            }
        )
    if ref is not None:
        elements = [button(":thumbsup:", ACTION_FEEDBACK_UP, ref), button(":thumbsdown:", ACTION_FEEDBACK_DOWN, ref)]
        if shareable:
            elements.append(button("Share in channel", ACTION_SHARE, ref, style="primary"))
        tail.append({"type": "actions", "block_id": ANSWER_ACTIONS, "elements": elements + edit_buttons(edit or [])})
    return {"text": answer_fallback(reply), "blocks": _fit(body, tail)}


def edit_buttons(targets: list[tuple[str, str]]) -> list[dict]:
    """ "Edit" buttons for an admin, one per (value, label), e.g. ("deadlines:3", "HLPF input"); the
    value names the record the form opens on. Only ever put in a message only that admin sees."""
    targets = targets[:MAX_EDIT_BUTTONS]
    if len(targets) == 1:
        return [button("Edit deadline", f"{ACTION_EDIT_PREFIX}0", targets[0][0])]
    return [
        button(f"Edit: {truncate(label, 40)}", f"{ACTION_EDIT_PREFIX}{i}", value)
        for i, (value, label) in enumerate(targets)
    ]


# -- lists (the /wg subcommands) ----------------------------------------------------------------


def list_message(title: str, lines: list[str], *, empty: str = "Nothing found.", footer: str | None = None) -> dict:
    """A titled list, its lines (already mrkdwn) packed into as few sections as fit. ``title`` and
    ``empty`` are plain words (they may quote what someone typed): escaped here."""
    body = [header(title)]
    if not lines:
        body.append(section(escape(empty)))
    body += [section(c) for c in pack(lines)]
    tail = [context(footer)] if footer else []
    fallback = escape(_nonblank(title)) + "\n" + ("\n".join(lines) if lines else escape(empty))
    return {"text": cut_mrkdwn(fallback, MAX_FALLBACK), "blocks": _fit(body, tail)}


def deadline_line(row: dict, today: date | None = None) -> str:
    """'*16 March 2020* (in 5 days) — HLPF input (extended from 1 March 2020), to hlpf@un.org'."""
    due = dates.from_iso(row.get("due"))
    when = f"*{dates.human(due)}*" if due else f"_{escape(dates.due_text(None, words=row.get('due_words')))}_"
    if today and due:
        when += f" ({dates.days_between_phrase(due, today)})"
    line = f"{when} \u2014 {escape(str(row.get('title') or ''))}"
    line += dates.extension_note(row.get("original_due"))
    if row.get("send_to"):
        line += f", to {escape(str(row['send_to']))}"
    return line


def change_line(change: dict) -> str:
    """One entry of KnowledgeBase.history(), as a person reads it."""
    kind = change.get("kind", "")
    what = f"{change.get('action', 'change')} {kind.rstrip('s') if kind != 'people' else 'person'}"
    label = escape(str(change.get("label") or ""))
    line = f"{change.get('at', '')[:10]} \u00b7 {escape(str(change.get('actor') or ''))} {what}"
    line += f" _{truncate(label, 80)}_" if label else ""  # admins' and review changes have no label
    moved = "; ".join(
        f"{k}: {escape(str(a))} \u2192 {escape(str(b))}" for k, (a, b) in (change.get("fields") or {}).items()
    )
    return line + (f" ({truncate(moved, 200)})" if moved else "")


# -- the App Home tab ---------------------------------------------------------------------------


def home_view(deadlines: list[dict], changes: list[dict], today: date) -> dict:
    """The Home tab: deadlines in the next 30 days, recent changes to the knowledge base, how to ask."""
    blocks = [header("Upcoming deadlines (next 30 days)")]
    lines = [deadline_line(d, today) for d in deadlines[:20]]
    blocks += [section(c) for c in pack(lines)] or [section("No deadlines in the next 30 days.")]
    if len(deadlines) > 20:
        blocks.append(context(f"and {len(deadlines) - 20} more: `/wg deadlines all`"))
    blocks += [{"type": "divider"}, header("Recent changes")]
    change_lines = [change_line(c) for c in changes[:10]]
    blocks += [section(c) for c in pack(change_lines)] or [section("No changes recorded yet.")]
    blocks += [{"type": "divider"}, header("How to ask"), section(HOW_TO_ASK)]
    blocks.append(context(f"Updated {dates.human(today)}"))
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}
