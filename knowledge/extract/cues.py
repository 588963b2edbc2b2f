"""The cue patterns of the genre, in one place: the words with which reports say that a meeting was
held, that something is due, that a date is an event's, who was asked to do what, who chaired, and
which partners stand at which tier. The record readers import them from here; none of them names a
fact of any one report."""

from __future__ import annotations

import re

from .. import lexicon

# -- clauses and names ------------------------------------------------------------------------

FINITE_VERB = re.compile(
    r"\b(was|were|is|are|will|has|have|had|noted|requested|encouraged|invited|agreed|thanked|appreciated|"
    r"introduced|presented|held|took|provided|received|considered|expressed|supported|adopted|approved|decided|"
    r"discussed|welcomed|endorsed|recommended|reported|informed|announced|recognized|recognised|stressed)\b"
)
NOT_A_PLACE = re.compile(r"(?:The|This|Council|Resolution|Annex|Section|Paragraph|Document|Collaboration|Line|ITU)\b")
EVENT_SUBJECT = re.compile(
    r"\b(?:an?|the)\s+([\w\s&'\u2019-]{3,80}?)\s+(?:will take place|will be held|is scheduled(?: for)?|"
    r"takes place|was held|will be organi[sz]ed|will run|will be convened)\s+(?:on|from|in|at|between)?\s*$",
    re.I,
)
# A place's capitalised words ("Tallinn Creative Hub, Tallinn, Estonia"), with a plain word of a
# venue's name before the city ("Palacio Legislativo annex, Montevideo").
PLACE_NAME = (
    r"((?:[A-Z][\w'\u2019\-]+)(?:(?:,?\s+|\s+(?:des|de|du|of|la|le|del|di)\s+|\s+[a-z]+,\s+)[A-Z][\w'\u2019\-]+){0,5})"
)

# -- the report as a whole --------------------------------------------------------------------

GROUP_WORDS = re.compile(r"\b(group|committee|task force|working party)\b", re.I)
BODY_WORDS = re.compile(r"\b(group|committee|task force|commission|council|forum|panel|board)\b", re.I)
GROUP_NAME = re.compile(
    r"((?:Council |Expert |Open-ended |Intergovernmental )*(?:Working |Expert |Study )?Group (?:on|for) [A-Z][^,.()\n]{2,80})"
)
# A report's opening line saying whose report, minutes or agenda it is ("Report of the 9th meeting
# of the ...", "Agenda for the July 2nd video call of ...", "Minutes of ..."): cut up to the body.
TITLE_OPENING = re.compile(
    r"(?i)^(?:(?:draft |summary )?(?:report|minutes|agenda|notes|summary)\b[^\n]*?\b(?:of|for)\s+(?:the\s+)?)"
)
# A body named in a title: capitalised words (and "of", "on", "for", "and", "the", "'s") ending in
# the kind of body it is, with what it is "on" where it says so.
BODY_IN_TITLE = re.compile(
    r"(?P<body>(?:(?:\([A-Z][\w&-]*\)|[A-Z][\w&'\u2019.-]*)\s+(?:(?:of|on|for|and|the)\s+)*)*"
    r"(?:Working Group|Community Group|Interest Group|Technical Committee|Steering Committee|Advisory Council|"
    r"Committee|Subcommittee|Sub-Committee|Council|Working Party|Task Force|Commission|Board|Panel|Plenary|Group|Team|SIG|WG|TSC|TAC)\b"
    r"(?:\s+(?:on|for|of)\s+(?:the\s+)?[A-Z][\w&'\u2019 -]{2,80}?(?=\s*(?:Minutes|Meeting|\*|$|\n|,|\()))?)"
)
ADDRESSEE = re.compile(
    r"\b(Council|Plenipotentiary Conference|Conference|Assembly|Board|Committee)\s+is\s+(?:invited|requested|asked)"
)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")

# -- meetings -----------------------------------------------------------------------------------

HELD = re.compile(
    r"\b(held|took place|take place|takes place|convened|conducted|met|opened|hosted|organi[sz]ed|was on|"
    r"were on|in session|ran|to hold|to host|to convene|scheduled|planned for|set for)\b",
    re.I,
)
RANGE_CLOSE = re.compile(r"\b(closed|ended|until|till|to)\b")
ALL_MEETINGS = re.compile(r"\b(meetings|sessions|both|all)\b", re.I)
PLURAL_MEETINGS = re.compile(r"\b(meetings|sessions|both|each)\b", re.I)
ANY_MEETING_WORD = re.compile(r"\b(meetings?|sessions?)\b", re.I)
DOCUMENT_COUNT = re.compile(
    r"\b(\d{1,4})\s+(?:input\s+|written\s+)?(documents|contributions|submissions|papers)\b", re.I
)
CONSIDERED = re.compile(
    r"\b(consider|examin|review|discuss|submitted|received|presented|before|comprised|worked on|dealt with|tabled|had)",
    re.I,
)
DELEGATE_COUNT = re.compile(
    r"\b((?:more than|over|some|about|around|approximately|nearly|almost|close to)\s+)?(\d{1,5})\s+"
    r"(?:\w+\s+){0,2}?(delegates|participants|representatives|experts|attendees)\b",
    re.I,
)
CLAUSE_BREAK = re.compile(r",\s*(?:while|whereas|and|but)\b|;|\band\s+(?=the\s+\S+\s+meeting)")
CHAIRED_BY = re.compile(
    r"\b(?:chaired by|under the chair(?:man|woman|person)?ship of|presided (?:over )?by)\s+(?P<rest>.*)", re.I
)
# What a sentence may say was chaired instead of the meeting: a group set up during it.
SUBSIDIARY_BODY = re.compile(
    r"\b(?:contact|drafting|informal|breakout|friends of the chair)\s+groups?\b|\bsub-?groups?\b|\btask force\b",
    re.I,
)
CHAIRED = re.compile(r"\s*(?:\([^)]*\))?\s*(?:,\s*[^,]{0,60},\s*)?(?:chaired|presided|co-chaired)")
SHARED_CHAIR = re.compile(r"\b(?:shared the chair|co-chaired)\b")
VICE_CHAIR = re.compile(r"vice[- ]?chair", re.I)
ATTENDED = re.compile(
    r"\battended\b|\bpresent\b|\bin attendance\b|\bparticipat|\btook part\b|\bjoined\b|\bassisted\b", re.I
)
# "All four Vice-Chairs attended the seventh session": the vice-chairs a report listed before.
ALL_VICE_CHAIRS = re.compile(r"(?i)\ball\s+(?:(?:the|two|three|four|five|six|seven|eight|\d)\s+)?vice-?chairs\b")
THANKS = re.compile(r"\bthank|\bappreciat|\bgratitude|\bcongratulat", re.I)
REPRESENTED_BY = re.compile(
    r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?(?P<who>[A-Z][\w'\u2019-]+)\s+(?:\([^)]*\)\s+)?(?:was|were)\s+"
    r"(?:(?:unable|not able) to (?:attend|be present at|join)[^,.;]{0,60}?\s+and\s+(?:was|were)\s+)?"  # "... and was represented by"
    r"(?:represented|replaced)\s+by\s+"
)
STOOD_IN = re.compile(
    r"\s*,?\s*(?:who\s+(?:was|were)\s+)?(?:represented|replaced|substituted|stood in for)\s+by\s+", re.I
)
# "23rd - 24th March 2017 - Toulouse, France": a meeting's dates and place as a heading line.
# "Geneva, 30 April – 1 May 2018": a cover page's place, then its session's dates.
PLACE_AND_DATES = re.compile(r"^\s*(?P<place>[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}),\s+(?P<dates>\d)")
DATED_PLACE_LINE = re.compile(
    r"^\s*[-\u2013\u2014,]\s*(?P<place>[A-Z][\w'\u2019.\- ]+(?:,\s*[A-Z][\w'\u2019.\- ]+)?)\s*$"
)
# A line that gives a meeting's date, alone or after a label ("Meeting Date:", "TAC Meeting -").
MEETING_TITLE = re.compile(r"(?i)\b(meeting|minutes|session|call|plenary|board|assembly|summit|workshop)\b")
# "Joint Foundation Bootstrap Team Meeting 2019-02-11": a title that ends in its meeting's date.
TITLE_THEN_DATE = re.compile(
    r"^\s*(?P<label>.{3,100}?\b(?:meeting|minutes|call|session|notes)\b)\s+(?P<rest>\S.{0,60})$", re.I
)
DATE_LINE = re.compile(r"^\s*(?P<label>[^:\u2013\u2014]{0,100}?(?:[:\u2013\u2014]|\s-)\s*)?(?P<rest>\S.{0,120})$")
WEEKDAY = re.compile(r"^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+")
# What may follow a session's date in a line of its own: a time in brackets, "via" a medium.
DATE_ONLY_TAIL = re.compile(
    r"^\s*(?:\([^)]*\))?\s*"
    r"(?:,?\s*(?:at\s+|from\s+)?\d{1,2}[:.h]\d{2}(?:\s*[-\u2013]\s*\d{1,2}[:.h]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s+[A-Z][A-Za-z]*){0,3}\s*(?:\([^)]*\))?)?\s*"  # ", 07:00 Pacific Time", "at 14:00 CET"
    r"(?:(?:via|on|online|virtual)\b.*|[-\u2013\u2014:])?$",  # "October 25, 2017 -": a heading's trailing dash
    re.I,
)
# A label before a meeting's date: "Meeting Date:", "Date:", "TAC Meeting -".
DATE_LABEL = re.compile(r"(?i)\b(meeting|minutes|session|call|plenary|date|held)\b")

# -- documents ---------------------------------------------------------------------------------

DOCUMENT_LIST_HEADING = re.compile(r"documents?.*(?:considered|examined|reviewed|before)", re.I)
DOCUMENT_TITLE_CELL = re.compile(r"(?i)title|subject|name")
DOCUMENT_SOURCE_CELL = re.compile(r"(?i)source|submitt|author|origin|from")
ENUMERATED = re.compile(r"[;:,]?\s+\([a-z]\)\s+")
CONTRIBUTION_TITLE = re.compile(
    r"(?:Contribution|Proposal|Submission|Input)s?\s+(?:by|from)\s+(?:the\s+)?(?P<who>[^:]{2,80}?)\s*[:\u2013\u2014-]\s+(?P<title>.+)"
)
CONTRIBUTION_IN_TEXT = re.compile(
    r"\b(?:Contribution|Proposal|Submission|Input)s?\s+(?:by|from|of)\s+(?:the\s+)?(?P<who>[A-Z][\w .,'\u2019&-]+?)\s*"
    r"(?::|\s[-\u2013\u2014]\s)\s*(?P<title>[^:(]+?)(?:\s*\(|:|$)"
)
INTRODUCED_THEIR = re.compile(
    r"(?:^|\.\s+)(?:The\s+)?(?P<who>[A-Z][\w .'\u2019&-]{2,60}?)\s+(?:introduced|presented|submitted)\s+(?:their|its|his|her|the)\s+"
    r"(?:document|contribution|proposal)"
)
INTRODUCED_WHICH = re.compile(
    r"\b(?:introduced|presented)\b[^.]*\b(?:document|contribution|proposal)\b[^.]*\b(?:which|that|proposing|setting out|describing)\b",
    re.I,
)
INTRODUCER = re.compile(
    r"(?:The\s+)?(?:representative of\s+)?(?:the\s+)?([A-Z][\w .'\u2019&-]{2,60}?)\s+(?:introduced|presented)"
)

# -- dates: deadline or event ------------------------------------------------------------------

# The date a letter or note bears ("by letter dated 3 July 2024"): no deadline's, whatever the sentence says.
DOCUMENT_DATE = re.compile(
    r"(?i)\b(?:dated|(?:letter|note|note verbale|communication|e-?mail|message) of)\s*(?:the\s+)?$"
)
DUE_BEFORE = re.compile(
    r"\b(?:by|till|until|no later than|not later than|on or before|before|deadline(?: \w+)?)\s*(?:the\s+deadline\s+of\s+)?$",
    re.I,
)
END_OF_BUSINESS = re.compile(
    r"\b(?:by|before)\s+(?:the\s+)?(?:end|close|closing)\s+of\s+(?:business|the\s+day|day|work)\s+(?:on\s+)?$", re.I
)
CLOSES_ON = re.compile(
    r"\b(?:close|closes|closing|closed|due|expire|expires|submitted|received|reach\w*)\s+(?:\w+\s+)?(?:on|by|before)?\s*$",
    re.I,
)
DEADLINE_CUE = re.compile(
    r"(?:\bby|\btill|\buntil|\bno later than|\bnot later than|\bon or before|\bbefore|\bdue(?: on| by)?|"
    r"\bdeadline(?: of| is| was| will be| for \w+)?|\bextended (?:till|to|until)|\bcloses?(?: on)?|\bclosing(?: date)?(?: is| of)?|"
    r"\bopen until|\bsubmitted by|\bexpires?(?: on)?)\s*(?:the\s+deadline\s+of\s+)?(?:\w+\s+)?$",
    re.I,
)
EVENT_CUE = re.compile(
    r"(?:\bheld|\btake place|\btook place|\btakes place|\bscheduled|\bconvened|\bmeet|\bmeets|\brun|\bwill be|\bbetween)"
    r"(?:\s+\w+){0,2}\s+(?:on|from|for|between|in)?\s*$|\bfrom\s*$|\bon\s*$",
    re.I,
)
NOT_EVENT_AFTER_ALL = re.compile(r"\bdue on\s*$|\bdeadline\b[^.]*$", re.I)
DEADLINE_WORD = re.compile(r"\bdeadline|\bdue\b|\bclosing date\b|\bcut-?off\b", re.I)
EVENT_WORD_IN_SENTENCE = re.compile(r"\b(held|take place|took place|scheduled|convened|will be)\b", re.I)
OPEN_AND_CLOSE = re.compile(
    r"\b(?:open|opens|begin|begins|start|starts)\s+on\s+[^;]*?\band\s+(?:close|closes|end|ends|finish|finishes|conclude|concludes)\s+on\b",
    re.I,
)
SENDING_IN = re.compile(
    r"\b(registration|call|submissions?|nominations?|applications?|consultation|survey|questionnaire)\b", re.I
)
# A deadline that names no date: "within one month", "by the June meeting", "before the next session".
# How a report writes its dates: "May 14, 2025" (month first) or "14 May 2025".
_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH_FIRST_DATE = re.compile(rf"\b{_MONTH_NAMES}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b")
DAY_FIRST_DATE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAMES}\s+\d{{4}}\b")
# "CFP closes 5/16", "due 6/1", "by 5/31": a month/day date after a deadline's cue.
NUMERIC_DUE = re.compile(
    r"(?i)\b(?:closes?|closing|due|deadline|by|until|before)\s+(?:on\s+)?"
    r"(?P<date>(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9]))(?![/\d])"
)
# "by the end of November 2027": a month's last day, said in words.
MONTH_END_DUE = re.compile(
    rf"\b(?:by|before|until|no later than|not later than)\s+(?:the\s+)?end\s+of\s+"
    rf"(?P<words>(?P<month>{_MONTH_NAMES})\s+(?P<year>\d{{4}}))\b",
    re.I,
)
RELATIVE_DUE = re.compile(
    r"\b(?P<when>(?:within|no later than|not later than|at least)\s+(?:\w+\s+){0,2}(?:days?|weeks?|months?)\s+(?:of|after|before|from|following)\s+"
    r"(?:the\s+)?[\w\s-]{3,60}?"
    r"|(?:by|before|prior to|ahead of|in advance of)\s+the\s+(?:next|following|upcoming|\w+)\s+(?:meeting|session|call|plenary)"
    r"(?:\s+of\s+the\s+[A-Z][\w\s-]{2,40}?)?)(?=[,.;]|\s+(?:and|so|to|in order)\b|$)",
    re.I,
)

# "The secretariat will circulate the revised plan by the next meeting": a task with a modal.
MODAL_TASK = re.compile(r"\b(?:will|shall|should|must|is to|are to)\s+(?!be\b)[a-z]+")

# -- deadlines ---------------------------------------------------------------------------------

EXTENDED = re.compile(r"\b(extend(?:ed|s|ing)?|extension|postponed|moved|pushed back|new deadline)\b", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SUBJECT_LINE = re.compile(r"subject(?: line)?\s*[:\-]?\s*[\u201c\"\u2018']?([^\u201d\"\u2019')]+)", re.I)
AUDIENCE = re.compile(
    r"\b((?:ITU\s+)?(?:Member States|membership|Sector Members|members|stakeholders|delegations|Vice[- ]Chairs|administrations))\b",
    re.I,
)
THIS_REPORT = re.compile(r"\b(?:this|the present) report\b", re.I)
TABLE_WHEN = re.compile(r"(?i)deadline|due|by when|date|timeline")
TABLE_WHAT = re.compile(r"(?i)action|task|item|what|deliverable|activity")
TABLE_WHO = re.compile(r"(?i)responsib|owner|lead|who|by whom|actor")
# A table whose columns name events ("Event | Dates | Venue") lists events, not deadlines.
TABLE_EVENT = re.compile(r"(?i)\b(?:event|meeting|session|venue|location|place)s?\b")
TABLE_DUE = re.compile(r"(?i)deadline|due|by when")
TASK_NOUNS = (
    r"(?:final |additional |further |written |draft )?(?:comments?|contributions?|inputs?|nominations?|submissions?|"
    r"proposals?|registrations?|applications?|feedback|responses?|replies|views|candidatures?|reports?)"
)
# Words that say there is a deadline, not what is due: a title of these alone is weak.
FILLER_TITLE_WORDS = frozenset(
    {"the", "a", "an", "and", "of", "on", "to", "for", "new", "deadline", "no", "later", "than", "date", "closing"}
)
# Words a deadline's title may not consist of alone: they say there is a deadline, not what is due.
EMPTY_TITLE_WORDS = FILLER_TITLE_WORDS | frozenset(
    {
        "additional",
        "basis",
        "deadlines",
        "due",
        "further",
        "information",
        "provide",
        "received",
        "send",
        "submissions",
        "submit",
    }
)
ASKED_TO = re.compile(
    r"\b(?:encouraged|invited|requested|asked|urged|called upon|reminded|expected|required)\s+to\s+(?P<ask>.+)", re.I
)
ASKED_WHO = re.compile(
    r"(?:^|[.;:]\s*)(?:the\s+)?(?P<who>[A-Z][\w\s,&'\u2019\-]{1,80}?)\s+(?:are|is|were|was|have been|has been)\s+(?:also\s+)?"
    r"(?:encouraged|invited|requested|asked|urged|called upon|reminded|expected|required)\s+to\b"
)
SUBMIT_VERB = re.compile(
    r"^(?:submit|send|provide|forward|transmit|communicate|make available|deliver|share|present|"
    r"file|lodge|upload|post|return|complete)\s+(?:to\s+the\s+\w+\s+)?(?:their\s+|its\s+|the\s+|any\s+|an?\s+)?",
    re.I,
)
# "invited Parties to submit ...", "requested the secretariat to circulate ..."
ASKED_SOMEONE_TO = re.compile(
    r"\b(?:encouraged|invited|requested|asked|urged|called upon|reminded|required|invites|requests|urges)\s+"
    # whom: a name ("the secretariat", "ITU Member States") or a list ("member States, international
    # organizations and other stakeholders")
    r"(?P<who>(?:the\s+|all\s+)?(?:[A-Z][\w&'\u2019\-]*(?:\s+(?:and|of|the|[A-Z][\w&'\u2019\-]*)){0,5}"
    r"|[a-z][\w\-]*(?:,?\s+(?!to\b)[\w&'\u2019\-]+){0,8}?(?=\s+to\s)))\s+to\s+(?P<ask>.+)"
)
# "... to the secretariat" at the end of what is due says where to send it, not what it is.
SENT_TO_TAIL = re.compile(
    r"\s+(?:to|with)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?:secretariat|chair(?:man|person)?|bureau|rapporteur)\s*$", re.I
)
# "The survey was originally scheduled to close": the subject of a clause that says when.
SUBJECT_OF_CLAUSE = re.compile(
    r"^(?:The\s+)?(?P<subject>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:was|were|is|are|has been|had been)\b", re.I
)

# -- partners ----------------------------------------------------------------------------------

# A report calls them partners, sponsors, donors or contributors: nothing else makes a partner.
PARTNER_WORD = re.compile(r"partner|sponsor|donor|contributor", re.I)
PARTNER_NOUN = r"(?:partners?|sponsors?|donors?|contributors?)"
_TIER = r"(?P<tier>[A-Z][\w]*(?:[ -][A-Z][\w]*)?)(?:[- ]level)?"
_NAMES = r"(?:the\s+)?(?P<names>[A-Z][^.;:]*?)"
PROSE_TIERS = [
    # "X as Host partner, Y and Z as Strategic partners"; "A and B joined as Gold sponsors"
    re.compile(
        _NAMES
        + r"\s+(?:has\s+|have\s+)?(?:joined\s+|acts?\s+|acting\s+)?as\s+(?:an?\s+|the\s+)?"
        + _TIER
        + r"\s+"
        + PARTNER_NOUN
        + r"\b"
    ),
    # "Silver-level partners are New Zealand and PITA"
    re.compile(_TIER + r"\s+" + PARTNER_NOUN + r"\s+(?:are|were|include|included|is|was)\s+" + _NAMES + r"(?=[.;]|$)"),
    # "Luxembourg and ERAN are Bronze partners"
    re.compile(
        _NAMES + r"\s+(?:is|are|was|were|remain|remains)\s+(?:an?\s+|the\s+)?" + _TIER + r"\s+" + PARTNER_NOUN + r"\b"
    ),
    # "Platinum sponsorship was provided by the Kingdom of Bahrain"
    re.compile(
        _TIER
        + r"\s+(?:sponsorship|partnership|support)\s+(?:was|is|has been)\s+(?:provided|offered|given)\s+by\s+"
        + _NAMES
        + r"(?=[.;,]|$)"
    ),
    # "Chile and GSOA are supporting the Summit at Silver level"
    re.compile(_NAMES + r"\s+(?:is|are)\s+(?:supporting|sponsoring)\s+[^.;]*?\s+at\s+" + _TIER + r"\s+level\b"),
    # "Norway and the Ocean Fund were thanked as donors": no tier but the word itself
    re.compile(
        _NAMES
        + r"\s+(?:is|are|was|were)\s+(?:\w+\s+)?as\s+(?:an?\s+|the\s+)?(?:main\s+|major\s+|key\s+)?(?P<tier>"
        + PARTNER_NOUN[3:-1]
        + r")\b"
    ),
]
NAMES_BEFORE_TIER = (0, 2, 4, 5)  # the PROSE_TIERS whose names run up to the tier
TIER_BREAK = re.compile(
    r"(?:,\s+(?:and|while|whereas)\s+|;\s*|:\s*|\.\s+|\bwhile\s+|\b(?:partners?|sponsors?)\s+of\s+the\s+[^,]*?,?\s+)"
)
NOT_PARTNER_NAMES = re.compile(r"(?i)^(?:it|they|this|these|the group|the task force|the working party)$")
PARTNER_BULLET = re.compile(
    r"^(?P<name>[^\u2013\u2014:]+?)\s+[\u2013\u2014-]\s+(?P<tier>[\w -]+?)\s+" + PARTNER_NOUN + r"\b", re.I
)
# "Gold partners: A and B", "Gold Partners: Spain; Qatar" (a list item's names may be split by semicolons)
PARTNER_COLON = re.compile(
    r"(?P<tier>\b[A-Z][\w-]*(?:\s+[\w-]+){0,3}?)\s+(?i:"
    + PARTNER_NOUN
    + r")\s*:\s*(?P<names>[^.;:]+(?:;\s*[A-Z][^.;:]*)*)"
)
PARTNER_LIST_START = re.compile(PARTNER_NOUN + r"\b[^A-Z(]*", re.I)

# -- recommendations ---------------------------------------------------------------------------

OUTCOME_VERBS = re.compile(
    r"\b(requested|encouraged|invited|urged|recommended|agreed|decided|noted|appreciated|welcomed|supported|"
    r"emphasi[sz]ed|stressed|thanked|called upon|called on|expressed|considered|endorsed|approved|instructed|"
    r"asked|took note|should|proposed|suggested|reaffirmed|highlighted|acknowledged|resolved|requests|"
    r"encourages|invites|recommends|notes|welcomes|urges)\b",
    re.I,
)
STRONG_OUTCOME = re.compile(r"\b(requested|encouraged|invited|urged|agreed|recommended)\b", re.I)
ASKING_VERB = re.compile(r"\b(requested|encouraged|invited|urged|asked|called upon|called on|instructed)\b")
LISTED_DOCUMENTS = re.compile(r"documents?\b.*\b(?:were|was) (?:considered|examined|reviewed)", re.I)
MEETING_FACTS = re.compile(r"\b(held|attended|chaired)\b")

# -- people ------------------------------------------------------------------------------------

LIST_ROLE = re.compile(
    r"\b(secretariat|vice[- ]chairs?|chairs?|rapporteurs?|coordinators?|facilitators?|co-chairs?)\s*:?\s*$", re.I
)
ROLE_AFTER = re.compile(
    r"\s*(?:\([^)]*\))?\s*,\s*(?:the\s+)?(?P<role>[^,;.()]{3,120}?)(?=\s*(?:,|;|\.|\(|$| and (?:Mr|Ms|Mrs|Dr|Prof)))"
)
ROLE_AS = re.compile(
    # "Ms X (Kazakhstan) as Chair"; "Mr Y was appointed Rapporteur", "was elected as its Chair"
    r"\s*(?:\([^)]*\))?\s*,?\s*(?:as|(?:was|were|is|has\s+been)\s+(?:appointed|elected|designated|named|nominated)"
    r"(?:\s+as)?)\s+(?:the\s+|its\s+|their\s+)?(?P<role>(?:co-|vice-|deputy\s+|acting\s+)?"
    r"(?:chair(?:man|person|woman)?|rapporteur|secretary|coordinator|facilitator|convenor|convener|moderator)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})?)\b",
    re.I,
)
ROLE_BEFORE = re.compile(
    r"((?:(?:outgoing|former|previous|incoming|acting|new)\s+)?(?:Head|Director|Chief|Chair(?:man|person|woman)?|President|"
    r"Deputy [\w-]+|Secretary-General|Counsellor|Coordinator|Officer|Minister|Ambassador|Rapporteur)"
    r"(?:\s+of(?:\s+the)?\s+[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,5})?(?:\s*\([A-Z&\-]{2,10}\))?)\s*,?\s*$"
)
# "JT - Jeremy Tandy, Met Office, UK, Vice-chair": a participant list's line, initials first.
PARTICIPANT_LINE = re.compile(
    r"^\s*(?P<initials>[A-Z]{2,4})\s*[-\u2013\u2014:]\s*(?P<name>[A-Z][\w'\u2019\-]+(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'\u2019\-]+){1,3})"
    r"\s*(?:[,(]\s*(?P<rest>.*?)\)?)?\s*$"
)
# "Host: John Mertic - Linux Foundation", "Secretary: Stephen Mackenzie", "Minutes by: Felix Handte",
# "Current Chairperson -> Allan": a role given to someone on a line of its own.
ROLE_LINE = re.compile(
    r"^\s*(?:\[[ xX]\]\s*)?(?i:(?:current|new|interim|acting)\s+)?"
    r"(?P<role>(?i:(?:co-?|vice-?)?hosts?|(?:co-?|vice-?)?chair(?:man|woman|person)?s?|secretary|scribe|"
    r"minute[- ]?takers?|note[- ]?takers?|minutes(?:\s+taken)?|notes(?:\s+taken)?|facilitator|moderator|rapporteur|"
    r"convenor|convener))"
    r"\s*(?::|->|\u2192|=|\s+(?i:by)\s*:?)\s*"
    r"(?P<name>[A-Z][\w'\u2019\-]+(?:\s+(?:[a-z]{1,3}\s+|[A-Z]\.\s+)?[A-Z][\w'\u2019\-]+){0,3})"
    r"\s*(?:(?:[-\u2013\u2014,(]|\s\()\s*(?P<rest>.*?)\)?)?\s*$"
)
# "Member States: national safety duplication plans, by 31 January 2028": an action list's line,
# who first, then what is due.
ACTION_LINE = re.compile(
    r"^\s*(?P<who>(?:[A-Z][\w'\u2019&-]*|and|of|on|the|for)(?:\s+(?:[A-Z][\w'\u2019&-]*|[a-z][\w-]*)){0,6}):\s+"
    r"(?P<what>(?!(?:open|opens|closes?|due|deadline|until|by|no later)\b)[^:]{3,200}?)[,;]?\s*"
    r"(?:by|till|until|before|no later than|not later than|due)?\s*(?:the\s+)?$",
    re.I,
)
# The columns of a table of meetings.
TABLE_DELEGATES = re.compile(r"(?i)\b(?:delegates|participants|attendance|attendees)\b")
TABLE_DOCUMENTS = re.compile(r"(?i)\bdocuments?\b")
TABLE_VENUE = re.compile(r"(?i)^(?:venue|place|location|city)$")
# A heading over a list of who took part.
PARTICIPANT_HEADING = re.compile(
    r"(?i)\b(attendees?|attendance|participants?|present|members|roll call|representatives|delegates)\b"
)
# "Andrew Jones - Netflix, Inc." in such a list (a checkbox "[x]" before it is dropped).
NAME_DASH_ORG = re.compile(
    r"^\s*(?:\[[ xX]\]\s*)?(?P<name>[A-Z][\w'\u2019\-]+(?:\s+(?:[a-z]{1,3}\s+|[A-Z]\.\s+)?[A-Z][\w'\u2019\-]+){1,3})"
    r"\s+[-\u2013\u2014]\s+(?P<rest>.+)$"
)
# "Dora Hermes", "Rémi Gau (BIDS maintainer)", "Aaron Crickenberger [Samsung SDS]" in such a list: a name
# alone, with what a bracket says of it.
NAME_ALONE = re.compile(
    r"^\s*(?:\[[ xX]\]\s*)?(?P<name>[A-Z][\w'\u2019\-]+(?:\s+(?:[a-z]{1,3}\s+|[A-Z]\.\s+)?[A-Z][\w'\u2019\-]+){1,3})"
    r"\s*(?:[\[({]\s*(?P<rest>[^\])}]*?)\s*[\])}])?\s*$"
)
# "Erin Olson, Seagate, wants to learn about optimization" in such a list: name, then details.
NAME_COMMA_DETAILS = re.compile(
    r"^\s*(?:\[[ xX]\]\s*)?(?P<name>[A-Z][\w'\u2019\-]+(?:\s+(?:[a-z]{1,3}\s+|[A-Z]\.\s+)?[A-Z][\w'\u2019\-]+){1,3})"
    r"\s*,\s*(?P<rest>.+)$"
)
# Words that make a capitalised name an organisation's, not a person's.
ORGANISATION_WORDS = re.compile(r"\b(?:" + "|".join(sorted(lexicon.ORGANISATION_WORDS)) + r")\b")
PERSON_CELL = re.compile(r"(?i)^(?:name|full name|participant|attendee|member|representative|delegate)s?$")
GIVEN_CELL = re.compile(r"(?i)^(?:given|first)\s*name$")
FAMILY_CELL = re.compile(r"(?i)^(?:family|last|sur)\s*name$|^surname$")
ROLE_CELL = re.compile(r"(?i)^(?:role|position|function|title)$")
COUNTRY_CELL = re.compile(r"(?i)^(?:country|nationality|member state)$")
ORGANISATION_CELL = re.compile(r"(?i)^(?:affiliation|organi[sz]ation|company|employer|institution|agency)$")
PARTICIPANT_ROLE = re.compile(
    r"(?i)^(?:co-?|vice-?|deputy\s+)?(?:chair(?:man|woman|person)?|secretary(?:-general)?|rapporteur|treasurer|editor|"
    r"coordinator|convenor|convener|facilitator|president|director|minute[- ]?taker|scribe|lead)$"
)
# Country names written short in participant lists, beside pycountry's ISO names.
COUNTRY_SHORT = {
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "USA": "United States",
    "US": "United States",
    "U.S.": "United States",
    "UAE": "United Arab Emirates",
}

# -- what is due, in the forms reports say it (knowledge.extract.titles, most telling first) ----

# "Comments on the outline should be sent ...", "Nominations, in English, must reach ..."
TASK_AS_SUBJECT = re.compile(
    rf"^(?:The\s+)?(?!deadline\b)((?:[\w-]+\s+){{0,3}}?{TASK_NOUNS}(?:\s+(?:on|to|for|of|from)\s+[^,;(]+?)?)\s*(?:,[^,]{{0,100}},)?\s+"
    r"(?:should|must|shall|are|is|were|was|can|may|will)\b",
    re.I,
)
# "States are reminded that nominations for the Bureau should reach the secretariat ...": the ask is
# the subject of the clause the reminder introduces.
TASK_IN_THAT_CLAUSE = re.compile(
    r"\b(?:reminded|informed|recalled|noted|stressed|agreed)\s+that\s+(?:the\s+)?"
    r"(?P<what>[^,;]{3,120}?)\s+(?:should|must|shall|are to|is to|need to|have to)\s+(?:be\s+\w+|reach|arrive)\b",
    re.I,
)
# "The deadline for registration is ..."
DEADLINE_FOR = re.compile(
    r"\bdeadline (?:for|to|of|on) (.+?)(?:\s+(?:is|was|will be|has been|had been)\b|,|\(|$)", re.I
)
# "... posted online for comments by ..."
TASK_AFTER_FOR = re.compile(
    rf"\b(?:for|of|on)\s+({TASK_NOUNS}(?:\s+(?:on|to|for)\s+[^,;]+?)?)(?:\s+by\b|\s+till\b|\s+until\b|,|$)", re.I
)
# "... replies to the questionnaire are due ..."
TASK_IS_DUE = re.compile(
    rf"\b({TASK_NOUNS}(?:\s+(?:on|to|for)\s+[^,;]+?)?)\s+(?:are|is|were|was|must be|should be|shall be)\s+"
    r"(?:due|expected|accepted|received|submitted)",
    re.I,
)
# "Call for session proposals: open until 12 June 2026"
LABELLED_CALL = re.compile(
    r"(?:^|[.;]\s+|-\s+)([A-Z][^:;.]{3,120}):\s*(?:(?:open|due|closes?|closing)\s+)?(?:until|till|by|before|on)?\s*$"
)
# What "comments" are on: the subject of the clause, or what is prepared for them.
CLAUSE_SUBJECT = re.compile(r"\s*(?:an?|the)\s+([\w\s-]{3,50}?)\s+(?:was|were|is|are|has been|will be)\b", re.I)
PREPARED_OBJECT = re.compile(
    r"\b(?:to|will|shall|would) (?:prepare|post|circulate|publish|draft|finali[sz]e|share|submit|make) (?:an?\s+|the\s+)?"
    r"([^,;]+?)(?:\s+based\b|\s+and\b|\s+for\b|\s+online\b|\s+available\b|,|$)",
    re.I,
)

# -- events (knowledge.extract.events) ---------------------------------------------------------

EVENT_PART = re.compile(
    r"including (?:the |a |an )?(?:[\w]+-day |[\w]+-week )?([\w -]{3,60}?)\s+(?:on|from|between)\s*$", re.I
)
EVENT_ANAPHOR = re.compile(r"\b(the|this) (meeting|forum|summit|event|conference|session|day)\b|\bit\b", re.I)
THEME = re.compile(r"\b(?:theme|banner|motto|slogan)\b[^\u201c\"]*[\u201c\"]([^\u201d\"]{5,400})[\u201d\"]", re.I)
HOSTS = re.compile(
    r"\bhost(?:s|ed|ing)?\s+(?:the\s+)?(?P<name>[A-Z][\w&+\-]*(?:\s+[\w&+\-]+){0,6}?)\s+(?:in|at)\s+"
    r"(?P<place>[A-Z][\w'\u2019\-]+(?:,\s*[A-Z][\w'\u2019\-]+)?)"
)
# The columns of a table of events.
TABLE_EVENT_NAME = re.compile(r"(?i)^\s*(?:event|meeting|session|name|activity)s?\s*$")
TABLE_EVENT_DATES = re.compile(r"(?i)^\s*(?:dates?|when|period)\s*$")
TABLE_EVENT_PLACE = re.compile(r"(?i)^\s*(?:venue|place|location|where|city)\s*$")
UNKNOWN_PLACE = re.compile(r"(?i)\b(?:to be (?:confirmed|determined|decided)|tbc|tbd|n/a)\b")

# -- proxies (knowledge.extract.people) ----------------------------------------------------------

_PROXY_NAME = r"(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?[A-Z][\w'\u2019\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'\u2019\-]+){1,2}"
PROXIES = [
    # "Jane Roe held the proxy of John Doe"
    re.compile(
        rf"(?P<who>{_PROXY_NAME})\s+(?:held|holds|holding|carried|had)\s+(?:the\s+)?proxy\s+(?:of|for)\s+(?P<whom>{_PROXY_NAME})"
    ),
    # "John Doe gave his proxy to Jane Roe"
    re.compile(
        rf"(?P<whom>{_PROXY_NAME})\s+(?:gave|assigned|delegated|transferred)\s+(?:his\s+|her\s+|their\s+|a\s+)?proxy\s+to\s+"
        rf"(?P<who>{_PROXY_NAME})"
    ),
    # "Jane Roe (proxy for John Doe)", "Patrick Holmes (proxy)"
    re.compile(rf"(?P<who>{_PROXY_NAME})\s*\(\s*proxy(?:\s+(?:for|of)\s+(?P<whom>{_PROXY_NAME}))?\s*\)"),
]
