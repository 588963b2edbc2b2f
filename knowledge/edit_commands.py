"""Changes to the knowledge base written as short sentences, the way the secretariat types them.

    add deadline Comments on the draft outline by 1 March 2020
    add deadline Comments on the draft outline due 1 March 2020
    edit deadline 12 due 20 March 2020
    edit deadline 12 title New title
    delete deadline 12
    add event Global Forum from 6 to 7 February 2020 in Geneva
    add meeting 26 from 6 to 7 February 2020 in Geneva
    edit meeting 3 start 25 September 2019
    add partner Acme Logistics tier Gold
    add person Maria Rossi role Chair country Italy
    add recommendation Data exchange: Member States should share their data
    add document ECE/TRADE/C/CEFACT/2020/5 Draft outline of the report
    undo

``parse`` reads the text into an ``EditCommand`` without touching the knowledge base; ``execute``
carries it out through ``KnowledgeBase.add/update/delete/undo``, which validate and record every
change (who, when, before, after). Anything wrong raises ``ValidationError`` with a message that
names the problem and shows the right form, and nothing changes. ``undo`` takes back the actor's own
last change, whether to a record, to the admins or to the review list.

Nothing here knows about Slack: the Slack handler passes the text after its command name (with
Slack's &amp; &lt; &gt; escapes undone) and the user as the actor.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from . import dates
from .admins import CHANGE_KIND as ADMINS_KIND, undo_admin_change
from .review import CHANGE_KIND as REVIEW_KIND, undo_review_change
from .schema import KINDS, LABEL_FIELD, PLURAL, SINGULAR, Field, with_article
from .store import KnowledgeBase, ValidationError

VERBS = {
    "add": "add",
    "new": "add",
    "edit": "edit",
    "change": "edit",
    "update": "edit",
    "set": "edit",
    "delete": "delete",
    "remove": "delete",
    "undo": "undo",
}

ADD_EXAMPLES = {
    "deadlines": "add deadline Comments on the draft outline by 1 March 2020",
    "events": "add event Global Forum from 6 to 7 February 2020 in Geneva",
    "meetings": "add meeting 26 from 6 to 7 February 2020 in Geneva",
    "partners": "add partner Acme Logistics tier Gold",
    "people": "add person Maria Rossi role Chair country Italy",
    "recommendations": "add recommendation Data exchange: Member States should share their data",
    "documents": "add document ECE/TRADE/C/CEFACT/2020/5 Draft outline of the report",
}

# Other words people use for a field, per kind: "edit deadline 12 date 20 March 2020".
FIELD_ALIASES = {
    "deadlines": {"date": "due", "deadline": "due", "name": "title"},
    "events": {"title": "name", "date": "start", "dates": "dates", "when": "dates", "venue": "place", "where": "place"},
    "meetings": {"date": "start", "dates": "dates", "when": "dates", "venue": "place", "where": "place"},
    "documents": {"name": "title"},
    "partners": {"level": "tier"},
}

# Words after the name that set other fields in "add partner ..." and "add person ...". Matched in
# lower case only, so that "Tier One Partners" stays a name.
ADD_KEYWORDS = {
    "partners": {"tier": "tier", "abbreviation": "abbreviation", "event": "event"},
    "people": {"role": "role", "country": "country"},
}

# The kinds of change ``undo`` can reverse: records, admins, the review list.
UNDOABLE_KINDS = (*KINDS, ADMINS_KIND, REVIEW_KIND, "reports")  # "reports": a report removed whole (knowledge.importer)

USAGE = (
    "I understand: add KIND ..., edit KIND ID FIELD VALUE, delete KIND ID, undo. For example: "
    "add deadline Comments on the draft outline by 1 March 2020"
)

_SLASH_DATE = re.compile(r"\b[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}\b")
_DUE = re.compile(r"(?:^|[\s,;:]+)(?:by|due(?:\s+(?:on|by))?)\s+", re.IGNORECASE)
_BEFORE_DATES = re.compile(r"(?:(?:^|[\s,]+)(?:from|on|dated))?[\s,]*$", re.IGNORECASE)
_BETWEEN_DATES = re.compile(r"\s*(?:-|\u2013|\u2014|to|until|till)\s*", re.IGNORECASE)
_PLACE = re.compile(r"[,;]?\s*(?:in|at)\s+(?P<place>.+?)[\s.]*", re.IGNORECASE)


@dataclass(frozen=True)
class EditCommand:
    """One change, as read from text: what to do, to which kind of record, which one, with what."""

    action: str  # add | edit | delete | undo
    kind: str | None = None  # the table, e.g. "deadlines"
    record_id: int | None = None
    fields: dict = field(default_factory=dict)


@dataclass
class EditResult:
    """What a command did. ``ok`` is True when the knowledge base changed (False: it already said
    that, nothing to do); ``message`` is for the person who asked; ``change_id`` is the entry in the
    changes log (history) that records it."""

    ok: bool
    message: str
    record: dict | None = None
    change_id: int | None = None
    kind: str | None = None
    action: str | None = None


def help_text() -> str:
    """Every form the parser reads, one a line, for a help reply."""
    lines = [*ADD_EXAMPLES.values()]
    lines += [
        "edit deadline 12 due 20 March 2020",
        "edit deadline 12 title New title",
        "edit meeting 3 start 25 September 2019",
        "edit event 4 dates 6-7 February 2020",
        "delete deadline 12",
        "undo  (takes back your own last change)",
    ]
    return "\n".join(lines)


def run(kb: KnowledgeBase, text: str, actor: str, *, group_id: int | None = None) -> EditResult:
    """Read and carry out one command; see the module docstring for the forms."""
    return execute(kb, parse(text), actor, group_id=group_id)


# -- reading ------------------------------------------------------------------------------------


def parse(text: str) -> EditCommand:
    """The command in ``text``, checked as far as can be without the knowledge base."""
    if not isinstance(text, str):
        raise ValidationError(f"a command is text. {USAGE}")
    text = " ".join(text.split())
    if not text:
        raise ValidationError(f"there is no command. {USAGE}")
    verb, _, rest = text.partition(" ")
    action = VERBS.get(verb.lower())
    if action is None:
        raise ValidationError(f"I don't know the command '{_shown(verb)}'. {USAGE}")
    if action == "undo":
        if rest:
            raise ValidationError(
                "write undo on its own: it takes back your own last change (the command line can "
                "undo any change: rapporteur undo CHANGE_ID)"
            )
        return EditCommand("undo")
    if not rest:
        raise ValidationError(f"{action} what? For example: {_example(action, 'deadlines')}")
    kind_word, _, rest = rest.partition(" ")
    kind = _kind(kind_word, action)
    if action == "add":
        return _parse_add(kind, rest)
    if action == "edit":
        return _parse_edit(kind, rest)
    return _parse_delete(kind, rest)


def _parse_add(kind: str, text: str) -> EditCommand:
    example = ADD_EXAMPLES[kind]
    if not text:
        raise ValidationError(f"add which {SINGULAR[kind]}? For example: {example}")
    fields = _ADD_READERS[kind](text, example)
    fields = {name: value for name, value in fields.items() if value not in (None, "")}
    _check_fields(kind, fields, example)
    return EditCommand("add", kind, None, fields)


def _parse_edit(kind: str, text: str) -> EditCommand:
    singular = SINGULAR[kind]
    id_text, _, rest = text.partition(" ")
    if not id_text:
        raise ValidationError(f"edit which {singular}? For example: {_edit_example(kind)}")
    record_id = _record_id(id_text, kind, _edit_example(kind))
    if not rest:
        raise ValidationError(
            f"what should change in {singular} {record_id}? For example: {_edit_example(kind, record_id)}; "
            f"fields are: {_field_list(kind)}"
        )
    name, value = _split_field(kind, rest, record_id)
    example = _edit_example(kind, record_id, name if name != "dates" else None)
    if name == "dates":
        _, start, end, _ = _when_where(value, example, dates_only=True)
        fields = {"start": start, "end": end}
    else:
        fields = {name: _field_value(kind, _field(kind, name), value, example)}
    _check_fields(kind, fields, example, partial=True)
    return EditCommand("edit", kind, record_id, fields)


def _parse_delete(kind: str, text: str) -> EditCommand:
    example = f"delete {SINGULAR[kind]} 12"
    if not text:
        raise ValidationError(f"delete which {SINGULAR[kind]}? For example: {example}")
    id_text, _, extra = text.partition(" ")
    record_id = _record_id(id_text, kind, example)
    if extra:
        raise ValidationError(f"delete takes only the id; for example: delete {SINGULAR[kind]} {record_id}")
    return EditCommand("delete", kind, record_id)


def _read_deadline(text: str, example: str) -> dict:
    """TITLE by DATE, TITLE due DATE: the last 'by'/'due' followed by a date splits them."""
    matches = list(_DUE.finditer(text))
    if not matches:
        raise ValidationError(f"a deadline needs a date: add deadline TITLE by DATE. For example: {example}")
    error: ValidationError | None = None
    for m in reversed(matches):
        try:
            due = _date(text[m.end() :], example)
        except ValidationError as e:
            error = error or e
            continue
        title = text[: m.start()].strip(" ,;:-")
        if not title:
            raise ValidationError(f"a deadline needs a title before its date. For example: {example}")
        return {"title": title, "due": due}
    assert error is not None  # there was a match, and every one of them failed to read
    raise error


def _read_event(text: str, example: str) -> dict:
    name, start, end, place = _when_where(text, example)
    if not name:
        raise ValidationError(f"an event needs a name before its dates. For example: {example}")
    return {"name": name, "start": start, "end": end, "place": place}


def _read_meeting(text: str, example: str) -> dict:
    number, start, end, place = _when_where(text, example)
    if not number:
        raise ValidationError(f"a meeting needs its number. For example: {example}")
    return {"number": _whole_number(number, "meeting number", example), "start": start, "end": end, "place": place}


def _read_recommendation(text: str, example: str) -> dict:
    topic, colon, body = text.partition(":")
    if not colon:
        topic, body = "", text
    if not body.strip():
        raise ValidationError(f"a recommendation needs its text after the topic. For example: {example}")
    return {"topic": topic.strip(), "text": body.strip()}


def _read_document(text: str, example: str) -> dict:
    symbol, _, title = text.partition(" ")
    if not re.search(r"[0-9/]", symbol):
        raise ValidationError(
            f"'{_shown(symbol)}' does not look like a document symbol (they have numbers or slashes); "
            f"write add document SYMBOL TITLE. For example: {example}"
        )
    if not title.strip():
        raise ValidationError(f"a document needs a title after its symbol. For example: {example}")
    return {"symbol": symbol, "title": title.strip()}


def _reader_with_keywords(kind: str):
    keywords = ADD_KEYWORDS[kind]
    pattern = re.compile(r"\s(" + "|".join(keywords) + r")(?=\s|$)")
    label = LABEL_FIELD[kind]

    def read(text: str, example: str) -> dict:
        """NAME [keyword VALUE]...: 'Acme Logistics tier Gold'."""
        matches = list(pattern.finditer(" " + text))
        name = (" " + text)[: matches[0].start()] if matches else text
        fields = {label: name.strip()}
        for i, m in enumerate(matches):
            stop = matches[i + 1].start() if i + 1 < len(matches) else len(text) + 1
            value = (" " + text)[m.end() : stop].strip()
            word = m.group(1)
            if keywords[word] in fields:
                raise ValidationError(f"'{word}' is given twice. For example: {example}")
            if not value:
                raise ValidationError(f"give the {word} after '{word}'. For example: {example}")
            fields[keywords[word]] = value
        if not fields[label]:
            raise ValidationError(
                f"{with_article(SINGULAR[kind])} needs {with_article(label)} first. For example: {example}"
            )
        return fields

    return read


_ADD_READERS = {
    "deadlines": _read_deadline,
    "events": _read_event,
    "meetings": _read_meeting,
    "recommendations": _read_recommendation,
    "documents": _read_document,
    "partners": _reader_with_keywords("partners"),
    "people": _reader_with_keywords("people"),
}


def _when_where(text: str, example: str, *, dates_only: bool = False):
    """'NAME from 6 to 7 February 2020 in Geneva' -> (NAME, '2020-02-06', '2020-02-07', 'Geneva').

    Dates and place are optional for a name; with ``dates_only`` the text must be just the dates.
    A single day gives the same start and end.
    """
    _refuse_unreadable_dates(text, example)
    spans = _find_dates(text, example)
    if not spans:
        if dates_only:
            raise ValidationError(
                f"'{_shown(text)}' are not dates; write them like 6-7 February 2020. For example: {example}"
            )
        if re.search(r"(?:^|\s)(?:from|on)\s+[0-9]", text, re.IGNORECASE):
            raise ValidationError(
                f"I could not read the dates in '{_shown(text)}'; write them like 6-7 February 2020. For example: {example}"
            )
        return text, None, None, None
    first, others = spans[0], spans[1:]
    head = text[: first.begin]
    before_dates = _BEFORE_DATES.search(head)
    assert before_dates is not None  # every part of the pattern is optional: it always matches
    name = head[: before_dates.start()].strip(" ,;:")
    start, end, finish = first.start, first.end, first.finish
    if others and not first.is_range and _BETWEEN_DATES.fullmatch(text[first.finish : others[0].begin]):
        end, finish, others = others[0].end, others[0].finish, others[1:]
    if end < start:
        raise ValidationError(f"the dates end before they start. For example: {example}")
    if others:
        raise ValidationError(f"I found more dates than one start and end in '{_shown(text)}'. For example: {example}")
    if dates_only and name:
        raise ValidationError(f"I could not read '{_shown(name)}' before the dates. For example: {example}")
    tail, place = text[finish:].strip(), None
    if tail:
        m = _PLACE.fullmatch(tail)
        if not m or dates_only:
            raise ValidationError(
                f"I could not read '{_shown(tail)}' after the dates"
                + ("" if dates_only else "; name the place as 'in Geneva'")
                + f". For example: {example}"
            )
        place = m.group("place").strip(" ,")
    return name, start.isoformat(), end.isoformat(), place


def _split_field(kind: str, text: str, record_id: int) -> tuple[str, str]:
    """'due 20 March 2020' -> ('due', '20 March 2020'); longest field name first ('chair country')."""
    names = {f.name: f.name for f in KINDS[kind]} | FIELD_ALIASES.get(kind, {})
    for phrase in sorted(names, key=lambda p: (-p.count("_"), -len(p))):
        words = r"[\s_-]+".join(re.escape(w) for w in phrase.split("_"))
        m = re.match(words + r"(?:\s*[:=]\s*|\s+|$)", text, re.IGNORECASE)
        if m:
            return names[phrase], text[m.end() :].strip()
    word = text.split(" ")[0]
    close = difflib.get_close_matches(word.lower(), list(names), n=1)
    hint = f" Did you mean {close[0]}?" if close else ""
    raise ValidationError(
        f"{with_article(SINGULAR[kind])} has no field '{_shown(word)}'; fields are: {_field_list(kind)}.{hint} "
        f"For example: {_edit_example(kind, record_id)}"
    )


def _field_value(kind: str, f: Field, value: str, example: str):
    """The typed value in the form the store keeps: dates as YYYY-MM-DD, numbers as int."""
    if f.type == "json":
        raise ValidationError(
            f"{f.name} is a list and cannot be edited from a command; use rapporteur export and rapporteur load"
        )
    if not value:
        raise ValidationError(f"give the new {f.name.replace('_', ' ')}. For example: {example}")
    if f.type == "date":
        return _date(re.sub(r"^to\s+", "", value, flags=re.IGNORECASE), example)
    if f.type == "int":
        return _whole_number(value, f.name.replace("_", " "), example)
    return value


def _check_fields(kind: str, fields: dict, example: str, *, partial: bool = False) -> None:
    """Required fields present and text within its length, so that the message can show an example."""
    for f in KINDS[kind]:
        value = fields.get(f.name)
        if value in (None, ""):
            if f.required and not partial:
                raise ValidationError(
                    f"{with_article(SINGULAR[kind])} needs {with_article(f.name)}. For example: {example}"
                )
            continue
        if f.type == "text" and len(str(value)) > f.max_length:
            raise ValidationError(
                f"the {f.name} is {len(str(value))} characters; at most {f.max_length} are allowed. "
                f"For example: {example}"
            )


def _date(text: str, example: str) -> str:
    """One date as typed, as YYYY-MM-DD; when it cannot be read, the message says why if it can."""
    text = text.strip().strip(",.;")
    try:
        return dates.parse_date(text).isoformat()
    except (ValueError, KeyError):  # KeyError: see _find_dates
        pass
    _refuse_ambiguous_date(text, example)
    try:
        dates.parse_date(text, default_year=2000)
    except (ValueError, KeyError):
        raise ValidationError(
            f"'{_shown(text)}' is not a date; write it like 16 March 2020 or 2020-03-16. For example: {example}"
        ) from None
    raise ValidationError(f"'{_shown(text)}' has no year; write it like 16 March 2020. For example: {example}")


def _refuse_ambiguous_date(text: str, example: str) -> None:
    """03/04/2020 could be March or April: refused rather than guessed."""
    m = _SLASH_DATE.search(text)
    if m:
        raise ValidationError(
            f"'{m.group()}' could be read two ways; write the month as a word, like 16 March 2020. "
            f"For example: {example}"
        )


def _refuse_unreadable_dates(text: str, example: str) -> None:
    """A date without its year, or 03/04/2020, in a longer text is refused rather than guessed or
    taken for part of a name."""
    _refuse_ambiguous_date(text, example)
    for span in _find_dates(text, example, default_year=2000):
        ends_mid_word = text[span.finish : span.finish + 1].isalnum()  # "7 Feb" of "7 Febtober"
        if not span.year_given and not ends_mid_word:
            raise ValidationError(
                f"'{_shown(text[span.begin : span.finish])}' has no year; write it like 16 March 2020. "
                f"For example: {example}"
            )


def _find_dates(text: str, example: str, default_year: int | None = None) -> list[dates.DateSpan]:
    """dates.find_dates, with its KeyError on month names spelt with look-alike letters ('1 ſept
    2020': the regex matches case-insensitively, the month table does not) turned into a message."""
    try:
        return dates.find_dates(text, default_year)
    except KeyError:
        raise ValidationError(
            f"I could not read the date in '{_shown(text)}'; write it like 16 March 2020. For example: {example}"
        ) from None


def _whole_number(text: str, what: str, example: str) -> int:
    m = re.fullmatch(r"#?([0-9]{1,9})(?:st|nd|rd|th)?", text.strip(), re.IGNORECASE)
    if not m:
        raise ValidationError(
            f"the {what} must be a whole number, like 26, not '{_shown(text)}'. For example: {example}"
        )
    return int(m.group(1))


def _record_id(text: str, kind: str, example: str) -> int:
    m = re.fullmatch(r"#?([0-9]{1,18})", text)
    if not m:
        raise ValidationError(f"'{_shown(text)}' is not a {SINGULAR[kind]} id; ids are numbers. For example: {example}")
    return int(m.group(1))


def _kind(word: str, action: str) -> str:
    kind = PLURAL.get(word.lower())
    if kind is None:
        close = difflib.get_close_matches(word.lower(), list(PLURAL), n=1)
        hint = f" Did you mean {SINGULAR[PLURAL[close[0]]]}?" if close else ""
        raise ValidationError(
            f"I don't know the kind '{_shown(word)}'; use one of: {', '.join(SINGULAR[k] for k in KINDS)}.{hint} "
            f"For example: {_example(action, 'deadlines')}"
        )
    return kind


def _field(kind: str, name: str) -> Field:
    return next(f for f in KINDS[kind] if f.name == name)


def _field_list(kind: str) -> str:
    names = [f.name for f in KINDS[kind] if f.type != "json"]
    if kind in ("events", "meetings"):
        names.append("dates")
    return ", ".join(names)


def _example(action: str, kind: str) -> str:
    if action == "add":
        return ADD_EXAMPLES[kind]
    if action == "edit":
        return _edit_example(kind)
    return f"delete {SINGULAR[kind]} 12"


def _edit_example(kind: str, record_id: int = 12, name: str | None = None) -> str:
    f = (
        _field(kind, name)
        if name
        else next((f for f in KINDS[kind] if f.type == "date"), _field(kind, LABEL_FIELD[kind]))
    )
    value = {"date": "20 March 2020", "int": "26"}.get(f.type) or f"New {f.name.replace('_', ' ')}"
    return f"edit {SINGULAR[kind]} {record_id} {f.name.replace('_', ' ')} {value}"


def _shown(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


# -- carrying out -------------------------------------------------------------------------------


def execute(kb: KnowledgeBase, command: EditCommand, actor: str, *, group_id: int | None = None) -> EditResult:
    """Carry out a parsed command as ``actor``, in one transaction: it all happens or none of it.

    ``group_id`` puts an added record in that group (default: the knowledge base's first group).
    """
    if command.action == "undo":
        return undo_last(kb, actor)
    if command.action not in ("add", "edit", "delete") or command.kind not in KINDS:
        raise ValidationError(f"not a command I can carry out: {command.action} {command.kind}. {USAGE}")
    kind, singular = command.kind, SINGULAR[command.kind]
    with kb.transaction():
        if command.action == "add":
            fields = dict(command.fields)
            if group_id is not None:
                fields["group_id"] = group_id
            record = _through_store(kb.add, ADD_EXAMPLES[kind], kind, fields, actor)
            return EditResult(
                True,
                f"added {singular} {record['id']}: {describe_record(kind, record)}",
                record,
                _last_change_id(kb, actor, kind, record["id"]),
                kind,
                "add",
            )
        record_id = command.record_id  # set for every edit and delete the parser reads
        current = kb.get(kind, record_id) if record_id is not None else None
        if record_id is None or current is None:
            raise ValidationError(f"there is no {singular} with id {record_id}")
        if command.action == "delete":
            kb.delete(kind, record_id, actor)
            return EditResult(
                True,
                f"deleted {singular} {record_id}: {describe_record(kind, current)}",
                current,
                _last_change_id(kb, actor, kind, record_id),
                kind,
                "delete",
            )
        moved = {k: v for k, v in command.fields.items() if current.get(k) != v}
        if not moved:
            return EditResult(
                False,
                f"{singular} {record_id} already says that; nothing changed",
                current,
                None,
                kind,
                "edit",
            )
        example = _edit_example(kind, record_id)
        record = _through_store(kb.update, example, kind, record_id, moved, actor)
        shown = "; ".join(
            f"{k.replace('_', ' ')} {_value_text(kind, k, current.get(k))} \u2192 {_value_text(kind, k, record.get(k))}"
            for k in moved
        )
        return EditResult(
            True,
            f"changed {singular} {record_id}: {shown}",
            record,
            _last_change_id(kb, actor, kind, record_id),
            kind,
            "edit",
        )


def undo_last(kb: KnowledgeBase, actor: str) -> EditResult:
    """Take back ``actor``'s own last change that is not yet undone; again, the one before, and so on."""
    with kb.transaction():
        change = kb.last_change_by(actor)
        if change is not None and change["kind"] not in UNDOABLE_KINDS:
            # Logged by some other part (not a record, admin or review change): skip it rather than
            # leave the person stuck on a change no undo can reverse.
            marks = ", ".join("?" * len(UNDOABLE_KINDS))
            change = next(
                iter(
                    kb.db["changes"].rows_where(
                        f"actor = ? AND undone_by IS NULL AND action != 'undo' AND kind IN ({marks})",
                        [actor, *UNDOABLE_KINDS],
                        order_by="id desc",
                        limit=1,
                    )
                ),
                None,
            )
        if change is None:
            raise ValidationError("you have no change to undo")
        return undo_change(kb, change["id"], actor)


def undo_change(kb: KnowledgeBase, change_id: int, actor: str) -> EditResult:
    """Undo one change from the log, of any kind (records, admins, review list).

    Refused if the record has changed since, so that undoing never silently throws away someone
    else's later edit: that edit has to be undone first, or the record edited directly.
    """
    with kb.transaction():
        change = kb.change_to_undo(change_id)
        kind = change["kind"]
        if kind == ADMINS_KIND:
            admin_undone = undo_admin_change(kb, change, actor)
            return EditResult(True, admin_undone.message, None, admin_undone.change_id, kind, "undo")
        if kind == REVIEW_KIND:
            review_undone = undo_review_change(kb, change, actor)
            return EditResult(True, review_undone.message, None, review_undone.change_id, kind, "undo")
        if kind == "reports":  # a report removed with everything it brought (knowledge.importer)
            from .importer import undo_report_removal

            new_id, message = undo_report_removal(kb, change, actor)
            return EditResult(True, message, None, new_id, kind, "undo")
        if kind not in KINDS:
            raise ValidationError(f"change {change_id} is a change to {kind}, which cannot be undone here")
        undo = kb.undo(change_id, actor)
        record = kb.get(kind, change["record_id"])
    singular, record_id = SINGULAR[kind], change["record_id"]
    done = {"add": "added", "edit": "changed", "delete": "deleted"}.get(change["action"], change["action"])
    now = f"it is now {describe_record(kind, record)}" if record else "it no longer exists"
    return EditResult(
        True,
        f"undid change {change_id} ({done} {singular} {record_id}); {now}",
        record,
        undo["id"],
        kind,
        "undo",
    )


def describe_record(kind: str, record: dict) -> str:
    """One line naming a record, as a reply shows it."""
    if kind == "deadlines":
        return f"{record.get('title')} \u2014 due {dates.due_text(record.get('due'), record.get('original_due'), record.get('due_words'))}"
    if kind in ("events", "meetings"):
        label = f"meeting {record.get('number')}" if kind == "meetings" else str(record.get("name"))
        parts = [label]
        if record.get("start"):
            parts.append(dates.human_range(record["start"], record.get("end")))
        if record.get("place"):
            parts.append(str(record["place"]))
        return ", ".join(parts)
    if kind == "partners":
        return str(record.get("name")) + (f" ({record['tier']})" if record.get("tier") else "")
    if kind == "documents":
        return " ".join(str(v) for v in (record.get("symbol"), record.get("title")) if v)
    if kind == "recommendations":
        text = str(record.get("text") or "")
        text = text if len(text) <= 120 else text[:117] + "..."
        return f"{record['topic']}: {text}" if record.get("topic") else text
    return str(record.get(LABEL_FIELD[kind]))


def _through_store(method, example: str, *args):
    """Call a store write; its validation message gets an example of the right form added."""
    try:
        return method(*args)
    except ValidationError as e:
        raise ValidationError(f"{e}. For example: {example}") from None


def _value_text(kind: str, name: str, value) -> str:
    if value in (None, ""):
        return "(none)"
    f = next((f for f in KINDS[kind] if f.name == name), None)
    return dates.human(value) if f is not None and f.type == "date" else str(value)


def _last_change_id(kb: KnowledgeBase, actor: str, kind: str, record_id: int) -> int | None:
    row = kb.conn.execute(
        "SELECT max(id) FROM changes WHERE actor = ? AND kind = ? AND record_id = ?", [actor, kind, record_id]
    ).fetchone()
    return row[0] if row else None
