"""What is due: a deadline's title, read from the sentence that gives its date."""

from __future__ import annotations

import re

from . import cues
from .text import tidy


def deadline_title(sentence: str, date_offset: int) -> str:
    """What is due, read from the sentence that gives the date; "" when the sentence does not say."""
    head = sentence[:date_offset]
    head = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|\d+\))\s+", "", head)
    head = re.sub(r"^(?:And|But|Also|Further(?:more)?|Moreover),?\s+", "", head)
    return _trimmed(_title_in(head, sentence))


def _title_in(head: str, sentence: str) -> str:
    """The words before the date that name what is due, in the forms reports use, most telling first."""
    line = action_line(head)
    if line:  # "draft report to CPGH-10, open for comments until": the report, not its being open
        return re.sub(r",?\s+(?:open|posted|circulated)\b.*$", "", line.group("what"))
    m = cues.TASK_IN_THAT_CLAUSE.search(head)
    if m:
        return m.group("what")
    m = cues.TASK_AS_SUBJECT.search(head)
    if m:
        return m.group(1)
    m = cues.DEADLINE_FOR.search(head)
    if m and len(m.group(1)) > 3:
        return m.group(1)
    m = cues.TASK_AFTER_FOR.search(head)
    if m:
        return _with_its_object(m.group(1), head)
    m = cues.ASKED_TO.search(head) or cues.ASKED_SOMEONE_TO.search(head)
    if m:
        return _ask(m, head)
    m = cues.TASK_IS_DUE.search(head)
    if m:
        return m.group(1)
    m = cues.LABELLED_CALL.search(head)
    if m:  # "Call for session proposals: open until 12 June 2026"
        return m.group(1)
    clause = re.split(r"[,;:]\s+", head.strip())[-1] if head.strip() else sentence
    return re.sub(r"^(?:The\s+)?(?:Group|group|meeting|Council)\s+(?:noted|agreed|decided)\s+(?:that\s+)?", "", clause)


def _ask(m: re.Match, head: str) -> str:
    """ "Parties were invited to submit additional information on X" -> "Additional information on
    X": what is due, without the verb of sending it (whom it is asked of is ``asked_whom``)."""
    return cues.SUBMIT_VERB.sub("", m.group("ask").strip(), count=1)


def asked_whom(sentence: str, date_offset: int) -> str | None:
    """Whom an ask is of: "Parties" in "Parties were invited to submit ..." or "The Group invited
    Parties to submit ..."."""
    head = sentence[:date_offset]
    line = action_line(head)
    if line:
        return line.group("who")
    m = cues.ASKED_SOMEONE_TO.search(head)
    who = m.group("who") if m else None
    if not who:
        passive = cues.ASKED_WHO.search(head)
        who = passive.group("who") if passive else None
    who = re.sub(r"^(?:the|all)\s+", "", who.strip(), flags=re.I) if who else None
    if who and len(who.split()) <= 6 and not re.match(r"(?i)(?:it|they|we|he|she)$", who):
        return who[:1].upper() + who[1:]
    return None


def _with_its_object(title: str, head: str) -> str:
    """ "comments" alone says little: "comments on the draft report" names what they are on."""
    if re.search(r"\s(?:on|to|for)\s", title):
        return title
    subject = cues.CLAUSE_SUBJECT.match(head)
    obj = cues.PREPARED_OBJECT.search(head)
    if subject:
        return title + " on the " + subject.group(1).strip()
    if obj:
        return title + " on the " + obj.group(1).strip()
    return title


def _trimmed(title: str) -> str:
    """The title without the cue words, addresses and brackets around it, at most about twelve words."""
    title = re.sub(r"^(?:and|but|also|while|whereas)\s+", "", title.strip(), flags=re.I)
    title = re.sub(r"^to\s+(?=[a-z])", "", title, flags=re.I)  # "to compile the comments": what is to be done
    title = re.sub(r"^(?:will|shall|would|must|should|can|may)\s+(?:accept|receive|take)\s+", "", title, flags=re.I)
    title = re.sub(
        r"\s+(?:would|will|shall|is to|was to)?\s*(?:close|closes|end|ends|expire|expires)$", "", title, flags=re.I
    )
    title = re.sub(r"\s+(?:must|should|shall|will|are|is|can|may)\s+be\s+\w+$", "", title)
    title = cues.EMAIL.sub("", title)
    title = re.sub(r"\([^)]*\)?", "", title)
    title = re.sub(
        r"\s+(?:by|till|until|before|on or before|no later than|not later than|on|at|is|was|were|due)\s*(?:the deadline of)?\s*$",
        "",
        title.strip(),
        flags=re.I,
    )
    addressed = cues.SENT_TO_TAIL.sub("", title)
    if not weak_title(addressed):  # "Submissions to the secretariat" keeps where they go: it is all it says
        title = addressed
    words = title.split()
    if len(words) > 12:
        cut = 12
        for i, w in enumerate(words[:12]):
            if re.fullmatch(r"(?:19|20)\d\d", w):
                cut = i + 1
                break
            if i >= 4 and re.fullmatch(
                r"(?:highlighting|including|taking|in order|as|which|that|where|while)", w, re.I
            ):
                cut = i
                break
        words = words[:cut]
    while words and words[-1].lower() in {"the", "a", "an", "of", "to", "for", "on", "in", "and", "by", "with", "at"}:
        words.pop()
    title = tidy(" ".join(words))
    return "" if empty_title(title) else title


def empty_title(title: str) -> bool:
    """A title that names nothing due: "Deadline", "To submit additional information", "On the
    basis of submissions received"."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", title)]
    return not [
        w for w in words if w not in cues.EMPTY_TITLE_WORDS and w not in {"to", "is", "be", "are", "by", "any", "all"}
    ]


def weak_title(title: str, strict: bool = False) -> bool:
    """A title that does not say what is due ("Comments", "And the new deadline")."""
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", title) if w.lower() not in cues.FILLER_TITLE_WORDS]
    if strict:
        return len(words) == 0 or bool(
            re.search(r"\b(?:was|were|is|are|has been|have been|no later than)\b", title, re.I)
        )
    return len(words) <= 1 or bool(re.search(r"\b(?:was|were|is|are|has been|have been)\b", title, re.I))


def action_line(head: str) -> re.Match | None:
    """ "Member States: national safety duplication plans, by": an action list's line, with
    someone to do it (not a label: "Deadline:", "Call for proposals: open until") and two words or
    more of what."""
    m = cues.ACTION_LINE.match(head)
    if not m and head.count(": ") >= 2:  # "The following action items were agreed: Members: ..."
        m = cues.ACTION_LINE.match(head.split(": ", 1)[1])
    if not m or len(m.group("what").split()) < 2 or re.search(r"(?i)\b(?:deadline|date|call|note)s?\b", m.group("who")):
        return None
    return m
