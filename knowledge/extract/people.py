"""People and their roles: the meetings' chairs and vice-chairs (and who stood in for whom), and
everyone named with an honorific in the prose, with the role and country said beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import HONORIFICS, NOT_NAME_WORDS, PLACEHOLDER_NAMES
from ..paragraphs import Paragraph, sentences
from ..textpatterns import PERSON, ROLE_WORDS
from . import cues
from .context import ReportContext, provenance
from .text import country_after, has_verb, norm, tidy


def read_people(ctx: ReportContext, meetings: list[dict]) -> list[dict]:
    """Everyone the report names with a role: the meetings' officers, people named with an honorific,
    participant lists, proxies."""
    people: dict[str, dict] = {}

    def put(name: str, p: Paragraph, s: str, role=None, country=None, organisation=None):
        key = "person:" + norm(name)
        person = people.setdefault(
            key, {"name": name, "key": key, "role": None, "country": None, "organisation": None, **provenance(p, s)}
        )
        surname = name.split()[-1]
        if surname not in (person["source"] or "") and surname in s:
            person.update(provenance(p, s))  # cite a sentence that names them (a meeting's is its date's)
        if role and not person["role"]:
            person["role"] = tidy(role)
        if country and not person["country"]:
            person["country"] = country
        if organisation and not person["organisation"]:
            person["organisation"] = organisation

    for m in meetings:
        where = _para_at(ctx.paragraphs, m)
        if m.get("chair"):
            put(m["chair"], where, m["source"], "Chair", m.get("chair_country"))
        for vc in m.get("vice_chairs") or []:
            put(vc["name"], where, m["source"], "Vice-Chair", vc["country"])
            if vc.get("represented_by"):
                put(vc["represented_by"], where, m["source"], f"represented Vice-Chair {vc['name']}", None)
    for p in ctx.paragraphs:
        for s in sentences(p.full_text):
            for name, role, country in _named_in(s):
                put(name, p, s, role, country)
    for p, line, person, category in participants_with_category(ctx):
        put(person.name, p, line, person.role or category, person.country, person.organisation)
    for p, line, who, whom in proxies(ctx):
        put(who, p, line, f"proxy for {whom}" if whom else "proxy")
    _merge_surnames(people)
    return list(people.values())


@dataclass(frozen=True)
class Participant:
    name: str
    initials: str | None = None
    role: str | None = None
    country: str | None = None
    organisation: str | None = None


def participants(ctx: ReportContext):
    """(paragraph, line, Participant) for each person a list of participants names: a table with
    name columns, "JT - Jeremy Tandy, Met Office, UK, Vice-chair" (initials first, anywhere), and
    "Andrew Jones - Netflix, Inc." under a heading of attendees or representatives."""
    heading = ""
    for p in ctx.paragraphs:
        if p.cells is not None:
            person = _participant_row(p.cells)
            if person:
                yield p, p.text, person
            continue
        lines = [p.text] + p.items
        if not p.items and len(p.text) < 80 and not p.text.endswith(".") and not _participant_line(p.text, ""):
            heading = p.text
        label = ""  # an item that heads the items after it ("Attendees" among a meeting's points)
        for line in lines:
            under = p.text + " " + (label or heading) if line is not p.text else heading
            person = _participant_line(_HONORIFIC.sub("", line), under)
            if person:
                yield p, line, person
            elif line is not p.text and len(line) < _LABEL_CHARS and not line.endswith("."):
                label = line


# A heading that says which kind of participant a list holds ("Premier Member Representatives").
_CATEGORY_HEADING = re.compile(
    r"^(?P<kind>(?:[A-Z][\w-]*\s+){1,3}(?:Representatives?|Members?|Observers?|Liaisons?|Staff))\s*:?\s*$"
)


def participants_with_category(ctx: ReportContext):
    """(paragraph, line, Participant, category) for each listed participant, with the kind of
    participant the list's heading names, when it names one ("Premier Member Representative")."""
    for p, line, person in participants(ctx):
        heading = p.text if line is not p.text else (p.headings[-1] if p.headings else "")
        m = _CATEGORY_HEADING.match(heading.strip())
        category = re.sub(r"s$", "", m.group("kind")) if m and not re.search(r"(?i)\battend", heading) else None
        yield p, line, person, category


def _participant_row(cells: dict[str, str]) -> Participant | None:
    """A person from a row of a participants table, if its columns name one."""

    def cell(pattern):
        return next((v.strip() for h, v in cells.items() if pattern.search(h.strip()) and v.strip()), None)

    given, family = cell(cues.GIVEN_CELL), cell(cues.FAMILY_CELL)
    name = f"{given} {family}" if given and family else cell(cues.PERSON_CELL)
    noted = re.search(r"\s*\(([a-z ]+)\)$", name or "")  # "Patrick Holmes (proxy)"
    if noted:
        name = (name or "")[: noted.start()]
    if not name or not re.fullmatch(r"[A-Z][\w'\u2019.\-]*(?:\s+[\w'\u2019.\-]+){1,4}", name):
        return None
    role = cell(cues.ROLE_CELL) or (noted.group(1).capitalize() if noted else None)
    return Participant(name, role=role, country=cell(cues.COUNTRY_CELL), organisation=cell(cues.ORGANISATION_CELL))


_LABEL_CHARS = 40


def _participant_line(line: str, heading: str) -> Participant | None:
    """A person from a participant list's line, if it is one."""
    given = cues.ROLE_LINE.match(line)
    if given and given.group("name").split()[0] not in PLACEHOLDER_NAMES and not has_verb(given.group("name")):
        _, country = _role_and_country(given.group("rest") or "")
        organisation = _organisation(given.group("rest") or "")
        return Participant(given.group("name"), None, _role_word(given.group("role")), country, organisation)
    m = cues.PARTICIPANT_LINE.match(line)
    if m and _initials_of(m.group("initials"), m.group("name")):
        role, country = _role_and_country(m.group("rest") or "")
        return Participant(m.group("name"), m.group("initials"), role, country, _organisation(m.group("rest") or ""))
    m = cues.NAME_DASH_ORG.match(line)
    if m and cues.PARTICIPANT_HEADING.search(heading) and not has_verb(m.group("name")):
        role, country = _role_and_country(m.group("rest"))
        return Participant(m.group("name"), None, role, country, _organisation(m.group("rest")))
    m = cues.NAME_COMMA_DETAILS.match(line)
    if m and cues.PARTICIPANT_HEADING.search(heading) and _a_persons_name(m.group("name")):
        role, country = _role_and_country(m.group("rest"))
        return Participant(m.group("name"), None, role, country, _first_organisation(m.group("rest")))
    m = cues.NAME_ALONE.match(line)
    if (
        m
        and cues.PARTICIPANT_HEADING.search(heading)
        and _a_persons_name(m.group("name"))
        and not (cues.PARTICIPANT_HEADING.search(m.group("name")) or _CATEGORY_HEADING.match(m.group("name")))
    ):  # "Project Representatives", "LF Staff": the list's own sub-heading
        rest = m.group("rest") or ""
        role, country = _role_and_country(rest)
        if not role and re.search(r"\b(?!(?:of|and|the|for)\b)[a-z]{3,}\b", rest):
            role = rest[:1].upper() + rest[1:]  # "(BIDS maintainer)": what the person is, not whom with
        return Participant(m.group("name"), None, role, country, None if role or country else _organisation(rest))
    return None


def _a_persons_name(name: str) -> bool:
    """Whether capitalised words before a comma name a person, not a country, an organisation or
    a clause ("South Africa, Kenya", "United Nations Office, Geneva", "Members agreed, ...")."""
    return (
        not has_verb(name)
        and not _country(name)
        and not cues.ORGANISATION_WORDS.search(name)
        and name.split()[0] not in PLACEHOLDER_NAMES
        and not any(w in NOT_NAME_WORDS for w in name.split())
    )


def _first_organisation(rest: str) -> str | None:
    """Whom a participant is with, where details follow the name freely ("Seagate, wants to learn
    about optimization", "PLCT lab, Chinese Academy of Sciences", "GCC guy at SiFive"): the first
    detail written as a name (capitalised words), else the name after "at" or "with" in one."""
    parts = [x.strip(" .") for x in rest.split(",")]
    for part in parts:
        if (
            _TITLE_CASE.fullmatch(part)
            and len(part) <= 60
            and not cues.PARTICIPANT_ROLE.match(part)
            and not re.match(r"(?i)(?:co-?|vice-?)?chair", part)
            and not _country(part)
        ):
            return part
    for part in parts:
        at = re.search(r"\b(?:at|with|from)\s+(" + _TITLE_CASE.pattern + r")$", part)
        if at and not _country(at.group(1)):
            return at.group(1)
    return None


_TITLE_CASE = re.compile(r"[A-Z][\w&'\u2019.\-]*(?:\s+(?:(?:of|for|and|the|de|du|des|&)\s+)?[A-Z][\w&'\u2019.\-]*)*")


# "Chair: Dr Ilse Varnhagen (Austria)": the title is not part of the name a list gives.
_HONORIFIC = re.compile(
    r"(?<=:\s)\s*(?:"
    + "|".join(re.escape(h) for h in HONORIFICS)
    + r")\.?\s+|^\s*(?:[-*]\s+)?(?:"
    + "|".join(re.escape(h) for h in HONORIFICS)
    + r")\.?\s+(?=[A-Z])"
)


def _role_word(written: str) -> str:
    """A role as a record keeps it: "minutes", "notes" (taken by), the minute-taker's, are "Minutes"."""
    word = re.sub(r"\s+taken$", "", written.strip().lower())
    if word in ("minutes", "notes", "minute taker", "note taker", "minute-taker", "note-taker", "scribe"):
        return "Minutes"  # "Minutes: Felix Handte", found by "who took the minutes?" and "the note taker"
    return word[:1].upper() + word[1:].rstrip("s") if not word.endswith("ss") else word.title()


def _initials_of(initials: str, name: str) -> bool:
    """ "JT" are Jeremy Tandy's initials: its letters are the capitals of the name, in order."""
    capitals = [w[0] for w in re.findall(r"[A-Z][\w'\u2019]*", name)]
    it = iter(capitals)
    return initials[0] == capitals[0] and all(ch in it for ch in initials)


def _role_and_country(rest: str) -> tuple[str | None, str | None]:
    """The role and country among a participant's comma-separated details ("Met Office, UK,
    Vice-chair"); the organisation is the rest (``_organisation``)."""
    role = country = None
    for part in (x.strip(" .") for x in rest.split(",")):
        if not role and cues.PARTICIPANT_ROLE.match(part):
            role = part[:1].upper() + part[1:]
        elif not country and _country(part):
            country = _country(part)
    return role, country


def _organisation(rest: str) -> str | None:
    """What is left of a participant's details once role and country are taken: whom they are with
    ("Met Office" in "Met Office, UK, Vice-chair"; "Walt-Disney Imagineering")."""
    kept = [
        part
        for part in (x.strip(" .") for x in rest.split(","))
        if part and not cues.PARTICIPANT_ROLE.match(part) and not _country(part) and not re.search(r"\d{4}", part)
    ]
    text = ", ".join(kept).strip(" -\u2013\u2014")
    if not text or len(text) > 120 or not text[:1].isupper() or has_verb(text):
        return None
    return text


def _country(text: str) -> str | None:
    """The country a participant's detail names, in pycountry's name, else None."""
    if text in cues.COUNTRY_SHORT:
        return cues.COUNTRY_SHORT[text]
    if len(text) < 4 or not text[:1].isupper():
        return None
    import pycountry

    try:
        return pycountry.countries.lookup(text).name if text else None
    except LookupError:
        return None


def proxies(ctx: ReportContext):
    """(paragraph, line, who, whom) for each proxy a report records: "Jane Roe held the proxy of
    John Doe", "John Doe gave his proxy to Jane Roe", "Patrick Holmes (proxy)" (whom unsaid: None)."""
    for p in ctx.paragraphs:
        for line in [p.text] + p.items:
            if "proxy" not in line.lower():
                continue
            for pattern in cues.PROXIES:
                for m in pattern.finditer(line):
                    yield p, line, _bare(m.group("who")), _bare(m.group("whom")) if m.group("whom") else None


def _bare(name: str) -> str:
    """A name without its honorific: people are keyed by name."""
    return re.sub(r"^(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+", "", name.strip())


def initials_aliases(ctx: ReportContext) -> list[tuple[str, str]]:
    """(initials, name) for each participant a list names with initials: "JT" stands for Jeremy
    Tandy in the rest of the minutes."""
    return [(person.initials, person.name) for _, _, person in participants(ctx) if person.initials]


def _named_in(s: str) -> list[tuple[str, str | None, str | None]]:
    """(name, role, country) for each person a sentence names with an honorific. A role heading a
    list ("five Vice-Chairs: Ms A, Mr B") holds for every name in the list."""
    out = []
    list_role = None
    previous_end = 0
    for pm in PERSON.finditer(s):
        gap = s[previous_end : pm.start()]
        before = s[max(0, pm.start() - 80) : pm.start()]
        after = s[pm.end() : pm.end() + 160]
        role = _role_as(after) or _role_after(after) or _role_before(before)
        heading_role = cues.LIST_ROLE.search(before)
        if heading_role:  # "the secretariat Ms A, Mr B" / "five Vice-Chairs: Ms A, Mr B"
            list_role = re.sub(r"s$", "", heading_role.group(1)).title().replace("Vice Chair", "Vice-Chair")
        elif previous_end and not re.fullmatch(r"\s*,?\s*(?:and\s+)?", gap):
            list_role = None
        out.append((pm.group("name"), role or list_role, country_after(after)))
        bracket = re.match(r"\s*(?:\([^)]*\))?", after)
        assert bracket is not None  # every part of the pattern is optional: it always matches
        previous_end = pm.end() + len(bracket.group(0))
    return out


def _merge_surnames(people: dict[str, dict]) -> None:
    """ "Mr Diallo" later in the text is the "Mr Abdoulaye Diallo" named before."""
    for key, person in list(people.items()):
        # "Mr Diallo" and "Ms Ferreira Dias" are surnames; "Chairperson -> Allan" in minutes, a given name
        fuller = [p for p in people.values() if p is not person and p["name"].endswith(" " + person["name"])]
        if " " not in person["name"]:
            fuller = fuller or [
                p for p in people.values() if p is not person and p["name"].startswith(person["name"] + " ")
            ]
        if len(fuller) == 1:
            for k in ("role", "country", "organisation"):
                fuller[0][k] = fuller[0][k] or person[k]
            del people[key]


def _role_after(after: str) -> str | None:
    m = cues.ROLE_AFTER.match(after)
    if (
        m
        and ROLE_WORDS.search(m.group("role"))
        and not re.match(r"(?:Mr|Ms|Mrs|Dr|Prof|and|or|to|as|for)\b", m.group("role"), re.I)
    ):
        return m.group("role").strip()
    return None


def _role_as(after: str) -> str | None:
    """ "Ms X (Kazakhstan) as Chair", "with Mr Y (Dominican Republic) as co-chair"."""
    m = cues.ROLE_AS.match(after)
    return m.group("role")[:1].upper() + m.group("role")[1:] if m else None


def _role_before(before: str) -> str | None:
    m = cues.ROLE_BEFORE.search(before)
    return m.group(1) if m else None


def _para_at(paragraphs, record: dict) -> Paragraph:
    for p in paragraphs:
        if p.number == record.get("paragraph") and record.get("source", "")[:40] in p.full_text:
            return p
    return paragraphs[0]
