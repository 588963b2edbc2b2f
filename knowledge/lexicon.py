"""The words of the genre, in one place: what the answering engine and the evidence layer know of
English questions and working-group reports, and nothing of any one organisation.

Each list has one job. A word is in at most one of the lists that could contradict each other
(a stopword is never a content word, a role or a kind word); ``tests/test_answering_stages.py`` checks it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball English stemmer, the same for reports and questions

from .dates import MONTHS, WEEKDAYS

# Words that carry no meaning of their own in a question or a sentence.
STOPWORDS = frozenset(
    """
a an the of on in at to for from by with and or but is are was were be been being am do does did done
what whats which who whom whose when where why how r u ur i me my we our you your it its this
that these those there here any some all please tell know about can could would should will shall may
might must have has had get got give show list us them they he she his her their as into than then
so if not no yes up out over under again also just only very much many more most other such same own him
each every either neither someone somebody anyone anybody everyone everybody something anything
going gonna
via per vs etc hi hello thanks thank ok okay pls plz let lets let's one ones s t re ve ll d hey
what's who's where's when's how's it's that's there's here's i'm i've i'd we're we've you're they're
mr ms mrs dr prof h.e against regarding concerning remind wondering wonder curious
actually exactly basically really anyway btw moment currently roughly approximately nearly almost
isn't isnt wasn't wasnt weren't werent aren't arent don't dont doesn't doesnt didn't didnt hasn't hasnt
haven't havent hadn't hadnt couldn't couldnt wouldn't wouldnt shouldn't shouldnt
""".split()
)

# Phrases of chat that say when or how sure the asker is, not what they ask ("who's chairing the
# group these days?", "I heard the call got moved"): removed before a question is read.
FILLER_PHRASES = re.compile(
    r"(?i)\b(?:these days|nowadays|at the moment|right now|for now|at this point|at this stage|at present|"
    r"as of now|as things stand|i think|i heard|i believe|i guess|i assume|if i remember|do you know|"
    r"this time a?round|this time|this go-?round|"
    r"can you tell me|could you tell me|any idea)\b[,;]?"
    # hearsay opening a clause ("... due? heard it got pushed"), and a closing "now" ("due now?")
    r"|(?:(?<=[,;.?!])|^)\s*heard\b|\bnow(?=\s*[?.!]|\s*$)"
)


# A tag that asks for agreement ("it got moved, right?"), not a word of the question.
TAG_QUESTION = re.compile(r"(?i)[,\s]+(?:right|correct|yes|yeah|no|ok|okay|isn't it|didn't it|wasn't it)\s*\?")

# Phrasal verbs of chat, as the verbs reports write ("pushed back" -> "postponed").
PHRASAL_VERBS = (
    (r"\b(?:push|pushes|pushed|pushing|move|moved|moves|moving)\s+back\b", "postponed"),
    (r"\b(?:take|takes|took|taken|taking)\s+place\b", "held"),
    (r"\b(?:put|puts|putting|chip|chips|chipped|chipping)\s+in\b", "contributed"),  # "how much did Japan put in?"
    (r"\b(?:put|puts|putting)\s+off\b", "postponed"),
    (r"\b(?:turn|turns|turned|turning|show|shows|showed|showing)\s+up\b", "attended"),
    (r"\b(?:sign|signs|signed|signing)\s+up\b", "registered"),
    (r"\b(?:set|sets|setting)\s+up\b", "established"),
    (r"\b(?:send|sends|sent|sending|hand|hands|handed|handing)\s+in\b", "submitted"),
    (r"\b(?:came|come|comes|coming)\s+in\b", "received"),
    (r"\b(?:stand|stands|stood|standing)\s+in\s+for\b", "replaced"),
    (r"\b(?:step|steps|stepped|stepping)\s+down\b", "resigned"),
    (r"\b(?:make|makes|made|making)\s+it\s+(?:to|for)\b", "attend"),
    (r"\b(?:kick|kicks|kicked|kicking)\s+off\b", "started"),
    (r"\b(?:wrap|wraps|wrapped|wrapping)\s+up\b", "concluded"),
)
_PHRASAL = [(re.compile(pattern, re.I), verb) for pattern, verb in PHRASAL_VERBS]


def without_fillers(text: str) -> str:
    """A question as reports would word it: without the chat phrases and tags that carry none of
    what it asks, and with its phrasal verbs written as the verbs reports use."""
    text = TAG_QUESTION.sub("?", FILLER_PHRASES.sub(" ", text))
    for pattern, verb in _PHRASAL:
        text = pattern.sub(verb, text)
    return " ".join(text.split())


# Words that name what kind of answer a question wants, by answer type. They decide the answer type
# and are not looked for in the report's sentences (a report rarely says "date" beside its date).
ANSWER_TYPE_CUES: dict[str, tuple[str, ...]] = {
    "time": (
        r"\bwhat time\b",
        r"\bat what time\b",
        r"\b(start|begin|end|finish)(ed|s)? at\b",
        # "time" asked for ("start time", "time of the call"), not "this time", "real time" or
        # "in time", which name an occasion or a manner
        r"\b(?:what|which|start|starting|end|ending|finish|call|meeting|session|local|opening|closing)\s+time\b",
        r"\btimes?\s+(?:of|for|does|do|did|is|was|will|zone)\b",
        r"^\W*times?\b",
    ),
    "date": (
        r"\bwhen\b",
        r"\bwhat (date|day|month|year)\b",
        r"\bwhich (date|day|month|year)\b",
        r"\bdates?\b",
        r"\bdeadline\b",
        r"\bcut-?offs?\b",
        r"\bdue\b",
        r"\bhow soon\b",
        r"\bby when\b",
        r"\bhow long do (?:\w+\s+){1,3}have\b",
        r"\buntil when\b",
        r"\bclos(e|es|ing)\b",
    ),
    # an address to write to or a link to follow, not a place ("what email do we send inputs to?")
    "contact": (
        r"\b(?:what|which|whats|what's)\s+(?:is\s+the\s+)?(?:e-?mail|email address|address|url|link|website|web site)\b",
        r"\b(?:e-?mail address|contact address|url|link to|web ?site)\b",
        r"\bsign-?up (?:link|url|page)\b",
    ),
    "place": (
        r"\bwhere\b",
        r"\bvenue\b",
        r"\blocation\b",
        r"\b(?:based|located)\s+(?:in|at)\b",
        r"\bwhich (city|country|town|place)\b",
        r"\bhosted\b",
    ),
    "person": (
        r"\bwho\b",
        r"\bwhom\b",
        r"\bwhose\b",
        # "which member", "which committee member", "which TSC members"
        r"\bwhich (?:[\w-]+\s+)?(?:persons?|people|members?|delegates?|experts?|speakers?|representatives?|"
        r"participants?|attendees?|volunteers?)\b",
        r"\bname of the\b",
    ),
    # how long something lasts, or how far ahead of a date it is due
    "duration": (
        r"\bhow long\b(?!\s+do\s+(?:\w+\s+){1,3}have\b)",  # "how long do we have to comment?" asks a date
        r"\bhow many (?:minutes|hours|days|weeks|months|years)\b",
        r"\bhow (?:far|early) (?:ahead|in advance|before)\b",
        r"\bwhat (?:timeframe|time frame|duration)\b",
    ),
    "language": (r"\b(?:which|what|into)\s+(?:langs?|languages?)\b", r"\binto what\b"),
    "count": (r"\bhow many\b", r"\bnumber of\b", r"\bcount of\b", r"\bhow (?:large|big)\b", r"\bquorum\b"),
    "amount": (
        r"\bhow much\b",
        r"\bbudget\b",
        r"\bcost\b",
        r"\bamount\b",
        r"\bfunding\b",
        r"\b(?:what|which) (?:percentage|percent|proportion|share|fraction|rate)\b",
    ),
    "symbol": (
        r"\bwhich (document|doc|draft|issue|paper|decision|resolution|pr|pull request|ticket)\b",
        r"\bwhat (document|doc|draft|issue|paper|pr|pull request)\b",
        r"\bsymbol\b",
        r"\b(doc|document|issue|pr|ticket) (number|no|#)\b",
        r"\bwhat number\b",
    ),
    "decision": (
        r"\b(decide|decided|decision|agree|agreed|agreement|resolve|resolved|adopt|adopted|approve|"
        r"approved|request|requested|ask|asked|recommend|recommended|conclude|concluded|outcome|"
        r"consensus|vote|voted|motion|endorse|endorsed|invite|invited|urge|urged|action|actions)\b",
    ),
}
# The order in which cues are tried: the more specific type first ("what time" before "time").
ANSWER_TYPES = (
    "time",
    "duration",
    "language",
    "count",
    "amount",
    "contact",
    "symbol",
    "place",
    "person",
    "date",
    "decision",
)
# The words of those cues, stripped from the question's content words.
ANSWER_TYPE_WORDS = frozenset(
    """
date dates day month year time when where venue location who whom whose name number count many much
percentage percent symbol url email e-mail based located long timeframe duration big
""".split()
)

# A question that starts this way asks for a yes or a no; the answer is the sentence that settles it.
YES_NO_START = re.compile(r"^(is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|shall)\b", re.I)

# Words delegates abbreviate in chat, to the words reports spell out.
CHAT_WORDS = {
    "mtg": "meeting",
    "lang": "language",
    "langs": "languages",
    "mtgs": "meetings",
    "wg": "working group",
    "wgs": "working groups",
    "doc": "document",
    "docs": "documents",
    "grp": "group",
    "grps": "groups",
    "dl": "deadline",
    "sg": "secretary-general",
    "vc": "vice-chair",
    "vcs": "vice-chairs",
    "rec": "recommendation",
    "recs": "recommendations",
    "ppl": "people",
    "yr": "year",
    "yrs": "years",
    "mo": "month",
    "wk": "week",
    "info": "information",
    "approx": "approximately",
    "govt": "government",
    "govts": "governments",
    "intl": "international",
    "sec": "secretariat",
    "secr": "secretariat",
    "db": "database",
    "q1": "first quarter",
    "q2": "second quarter",
    "q3": "third quarter",
    "q4": "fourth quarter",
    "prelim": "preliminary",
    "tmrw": "tomorrow",
    "nxt": "next",
    "prev": "previous",
    "reps": "representatives",
    "rep": "representative",
    "pres": "president",
    "chr": "chair",
    "ack": "acknowledge",
    "conf": "conference",
    "pls": "please",
    "thx": "thanks",
}

# The words that ask who chaired: one list for every reader of questions.
CHAIR_WORDS = frozenset(
    {"chair", "chairs", "chaired", "chairman", "chairperson", "chairwoman", "chairmanship", "presided"}
)

# Words that mean the same in this genre, both ways, as stems' sources: a question's word also
# finds its partner in a sentence.
SYNONYM_GROUPS = (
    ("meeting", "session", "sitting"),
    ("chair", "chaired", "chairperson", "chairman", "presided"),
    ("deadline", "due", "until", "latest"),
    ("held", "took place", "convened"),
    ("decide", "decision", "agree", "agreed", "adopt", "resolve", "approve"),
    ("request", "ask", "invite"),
    ("partner", "sponsor", "donor", "contributor"),
    ("elect", "election", "appoint", "nominate"),
    ("document", "contribution", "paper", "submission"),
    ("attend", "participant", "present", "participate"),
    ("absent", "missed", "apologies", "excused", "regrets"),  # "who missed the meeting?"
    ("start", "begin", "open", "commence"),
    ("end", "close", "conclude", "finish"),
    ("next", "upcoming", "following", "future"),
    ("budget", "cost", "fund", "funding"),
    ("country", "state", "nation"),
    ("vote", "ballot", "motion"),
    ("say", "said", "state", "remark", "comment"),
    ("present", "presented", "presenter"),
    ("minute", "note", "record"),
    ("propose", "proposal", "suggest"),
    ("consensus", "agree"),
    ("extend", "extension", "postpone", "push", "delay"),  # "did the deadline get pushed back?"
    ("lead", "led", "run", "ran", "head", "coordinate", "facilitate", "convene"),  # "who's running the group?"
)

# Irregular verbs' forms, which stemming does not bring together ("sent" -> "send").
IRREGULAR_VERBS = (
    ("send", "sent"),
    ("hold", "held"),
    ("meet", "met"),
    ("take", "took", "taken"),
    ("give", "gave", "given"),
    ("choose", "chose", "chosen"),
    ("write", "wrote", "written"),
    ("speak", "spoke", "spoken"),
    ("begin", "began", "begun"),
    ("tell", "told"),
    ("find", "found"),
    ("keep", "kept"),
    ("pay", "paid"),
    ("bring", "brought"),
    ("seek", "sought"),
    ("rise", "rose", "risen"),
    ("grow", "grew", "grown"),
    ("see", "saw", "seen"),
    ("go", "went", "gone"),
    ("come", "came"),
    ("win", "won"),
    ("draw", "drew", "drawn"),
    ("stand", "stood"),
    ("spend", "spent"),
    ("build", "built"),
    ("lose", "lost"),
    ("make", "made"),
    ("break", "broke", "broken"),
    ("think", "thought"),
    ("withdraw", "withdrew", "withdrawn"),
    ("undertake", "undertook", "undertaken"),
)

# A month's or a weekday's short form is the name itself ("Dec 7" is "December 7"), both ways.
CALENDAR_SHORT_FORMS = tuple(
    tuple(name for name, n in MONTHS.items() if n == number and name not in STOPWORDS) for number in range(1, 13)
) + tuple(tuple(day) for day in WEEKDAYS)

# Verbs of being responsible for something: in "who's handling the hotel bookings?" they say that a
# person is asked for, and the thing handled is what to find, so they weigh little there.
RESPONSIBILITY_VERBS = frozenset(
    """
handle handling handles handled manage managing manages managed responsible charge own owns owning owned
chase chasing chases chased drive driving drives driving doing does do did working work works worked
taking take takes care looking look after sort sorting sorted organise organising organize organizing
""".split()
)

# Words whose stem says the sentence records an outcome, for "what did the group decide/ask/agree?"
DECISION_WORDS = frozenset(
    """
decided decides agreed agrees adopted adopts approved approves resolved resolves requested requests
invited invites recommended recommends endorsed endorses urged urges encouraged encourages elected
welcomed consensus motion moved seconded carried vote voted unanimous unanimously concluded noted
agreement decision resolution action
""".split()
)

# Titles that mark a person's name.
HONORIFICS = ("Mr", "Ms", "Mrs", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "H.E.", "Ambassador", "Mme")

# Capitalised words that start no person's name, though they start many sentences and headings.
NOT_NAME_WORDS = frozenset(
    """
The This That These Those There Here It Its In On At By For From With Of And Or But To As An A
Agenda Action Actions Item Items Notes Note Minutes Meeting Meetings Session Report Working Group Committee
Council Plenary Secretariat Chair Vice Co Member Members States Government Governments Annex Part Table
Decision Decisions Resolution Draft Next Previous Call Roll Quorum Motion Vote Status Update Updates
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
August September October November December Welcome Opening Closing Adoption Election Other General
Present Absent Attendees Participants Discussion Summary Introduction Conclusion Conclusions Approval
Review Proposal Proposals New Old All Any Some We They He She I You Our Their His Her One Two Three
""".split()
)

# Words that make a run of capitalised words an organisation's name, or a document's title, not a
# person's ("Consolidated United Nations ...", "Executive Guide on eInvoicing").
ORGANISATION_WORDS = frozenset(
    """
Nations Union Organization Organisation Institute University Academy Agency Ministry Office Council
Commission Committee Foundation Association Society Programme Program Bank Fund Centre Center Group Inc
Ltd LLC GmbH Corp Company Department Government Secretariat Federation Network Forum Alliance Consortium
Board Authority
""".split()
)
TITLE_WORDS = frozenset(
    "Guide Guidelines Handbook Manual Roadmap Strategy Framework Policy Standard Standards Template Plan".split()
)

# -- the records' questions ----------------------------------------------------------------------

# What the meeting records can answer (its date and place, who chaired and attended, how many, its
# summary record), and the words that ask for it: a question about a meeting that says nothing
# else is one the meeting record answers. "call" is "when was this call held?"; "find", "doc":
# "where can I find the summary record of ...?".
MEETING_FACT_WORDS = tuple(
    """
experts attendees representatives delegations submitted submit tabled work worked input before when
where date dates held take took part place venue plenary sitting city
town host hosted hosting location located happen was start end how many
documents document docs considered consider examined examine reviewed review contributions papers delegates
participants attended attend participated people ppl summary report reference need record records
vice-chair vice-chairs vice chair chairs chaired chairman chairperson represented represent replaced present
from country which who what number symbol find doc document call total overall altogether vc vcs
""".split()
)
# Words that name a deadline, and what is sent in for a meeting ("when do contributions for the
# Kraków meeting have to be in?" asks a deadline, not the meeting's date).
DEADLINE_NOUNS = frozenset({"deadline", "deadlines", "due", "cutoff", "cut-off", "dedline"})
DELIVERABLES = frozenset(
    "contributions contribution comments inputs submissions submission nominations proposals registration register".split()
)
# Words that ask for a role's holder now, not narrow the role ("who's taking the notes right now?").
HOLDER_NOW_WORDS = (
    "right",
    "now",
    "current",
    "currently",
    "today",
    "present",
    "this",
    "take",
    "taking",
    "new",
    "newly",
    "incoming",
    "got",
)
# How someone took part, beside the organisation a question asks about ("who came from SiFive?").
TAKING_PART_WORDS = tuple(
    """
came come comes coming joined join joins attended attend attends present represent represents represented
representing rep reps anyone anybody someone person people delegate delegates member members call meeting
session participated participate took part today work works working employed sat sit sitting contact contacts
""".split()
)
# What a role line may hold where a name would stand ("Chair: TBD", "Host: None this week").
PLACEHOLDER_NAMES = frozenset({"TBD", "TBA", "None", "N", "Nobody", "Vacant", "Open", "Rotating", "The", "All"})


_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word ('meetings' -> 'meet')."""
    return _stemmer.stemWord(word)


WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lower-case words of a text, hyphenated words kept whole ('vice-chair')."""
    return WORD.findall(text.lower().replace("\u2019", "'"))


def content_stems(text: str) -> list[str]:
    """The stems of a text's words that carry meaning, in order, hyphenated words also split."""
    out = []
    for w in words(text):
        if w in STOPWORDS:
            continue
        out.append(stem(w))
        if "-" in w:
            out.extend(stem(p) for p in w.split("-") if p and p not in STOPWORDS)
    return out


def _synonym_index(groups: tuple[tuple[str, ...], ...]) -> dict[str, frozenset[str]]:
    """How one question word can stand for a report's word beyond stemming: a delegate's "sponsor"
    finds a report's "partner". Built from groups of words, stem to stems."""
    index: dict[str, set[str]] = {}
    for group in groups:
        stems = {stem(w) for phrase in group for w in phrase.split() if w not in STOPWORDS}
        # a phrase's words stand for the group only together: "held" finds "took place", but
        # "took" alone ("who took the minutes?") is not "held"
        for s in {stem(w) for w in group if " " not in w and w not in STOPWORDS}:
            index.setdefault(s, set()).update(stems - {s})
    return {k: frozenset(v) for k, v in index.items()}


SYNONYMS = _synonym_index(SYNONYM_GROUPS + IRREGULAR_VERBS + CALENDAR_SHORT_FORMS)
# The forms of one word ("sent" is "send", "Dec" is "December"): found, they count as the word
# itself, not a synonym.
SAME_WORD = _synonym_index(IRREGULAR_VERBS + CALENDAR_SHORT_FORMS)
DECISION_STEMS = frozenset(stem(w) for w in DECISION_WORDS)
