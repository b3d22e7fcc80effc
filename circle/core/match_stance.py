"""Which way an item points: who wants something, who gives it, and what a request seeks.

Members file things loosely. "Anyone know a good accountant?" filed as an offer is a
request; "We need a speaker for our meetup" filed as an offer *is* an offer (of a stage);
"Happy to come on your podcast" offers a guest, which helps a host but not another
would-be guest. These readings let `matching` rule out pairs that point the same way.
"""

from dataclasses import dataclass

from circle.core.match_cues import Cue
from circle.core.match_text import plain

GIVES = Cue(
    r"\b(happy to|glad to|i'll|i will|i can|we can|can intro|can introduce|can help|can fill|"
    r"can add|i know|i have|we have|sharing|share my|yours if|yours to|available to|for members|"
    r"for any member|members get|member discount|at cost|free|lend|lending|spare|ask me|"
    r"will share|send me|i run|we run|we host|i host|booking guests|taking (?:on )?(?:new|\d)|"
    r"i do|i produce|i refer|i advise|done \d+|i've|we've|i get|discount|half price|for sale|"
    r"selling|applications are open|curating|i teach|i bring|i bring|template|we take|"
    r"i'd love to speak|always up for)\b"
)
REQUESTS = Cue(
    r"(anyone know|does anyone|anyone have|anyone got|who do (?:you|y'all) use|who do i|"
    r"recommendations|looking for|we're looking|need (?:a|an|some|someone|\d)|i need|we need|"
    r"always need|would love (?:intros|an intro|to)|can anyone|is anyone|anyone\?|"
    r"want to|we're hiring|hiring)"
)
STAGE_SOUGHT = Cue(
    r"(need|needs|looking for|booking|books \d+|seeking|want|applications|slots?|lineup|"
    r"hiring|we're hiring)\b[^.!?]{0,40}?\b(speakers?|guests?|presenters?|panelists?|"
    r"someone for a (?:\d+ min )?(?:talk|demo)|people to lead|workshop leads?|leads? for|"
    r"facilitat\w*|co facilitat\w*|editor|developer|dev|designer|writer|contractor)\b"
)
PAID_WORK = Cue(r"\b(paid|contractor|part time|freelance|hiring|white label|overflow)\b")
TALENT = Cue(
    r"(available to (?:speak|talk)|happy to (?:come on|speak|talk at|be a guest|guest)|"
    r"love to (?:speak at your|be a guest|be on (?:a |your )?(?:show|podcast)|come on)|"
    r"up for being a (?:podcast )?guest|(?:podcast|fun|decent|great) guest|be a guest on|"
    r"i do keynotes|i'll teach|will do one at cost|\d+ min talk on|talk on .{0,40} for your)"
)
PITCH = Cue(
    r"((?:want|love|like|looking|trying|ready|hoping|keen) to (?:speak|talk|present|give a talk|"
    r"keynote|be (?:on|a guest)|guest|get (?:booked|on)|get (?:in front|into)|break into|"
    r"sell (?:my|our|to)|pitch)|speaking (?:gigs|slots|opportunities)|guest spots?|"
    r"guest on|stages? for|any (?:events|stages|groups) (?:where|looking|for)|"
    r"(?:more|new) (?:[\w&]+ ){0,3}(?:clients|customers|projects|work|leads|stockists)|"
    r"referrals welcome|send me clients|send me|caseload|drowning in|in front of|"
    r"(?:clients|customers|projects|startups|founders|brands|agencies|podcasters|creators|"
    r"owners|clinics|firms|companies|managers|makers|planners) (?:who|that) (?:need|want|have)|"
    r"stocked|into (?:shops|stores)|looking for (?:\w+ ){0,3}(?:clients|work|projects|gigs)|"
    r"chances to (?:talk|speak)|(?:give|do) an? [^.!?]{0,30}\b(?:talk|keynote)\b|"
    r"intros? to|podcast (?:interview|guest)|keynote a|wants? to speak|"
    # wanting a way in to people who buy or book: "trying to meet", "anyone connected?"
    r"(?:want|trying|looking|hoping) to (?:meet|reach|connect with)|a way in|anyone connected|"
    r"get on (?:the |their )?(?:\w+ )?(?:vendor|supplier|preferred)|who (?:actually )?books)"
)
SEEKS_TALENT = Cue(
    r"(need|looking for|short on|who'd|someone to|anyone who|know anyone|who can|who will)"
    r"[^.!?]{0,40}?(speaker|speakers|guests|teach|lead it|lead daily|talk about|facilitat|"
    r"narrator|presenter|panelist|give (?:a |an )?(?:\w+ )?talks?\b)"
)
REFERS_OUT = Cue(
    r"(i'll refer|i will refer|i refer|refer (?:out|a few|people|clients|patients|them)|"
    r"send (?:them|founders|clients|people|patients) your way|tell me (?:if that's you|"
    r"who you are|what you do|if you)|if you're useful to them|pass (?:the )?(?:overflow|"
    r"clients|referrals|leads|patients) (?:on )?to)"
)
ACCESS = Cue(
    r"\b(intro|intros|introduce|introduction|connect|refer|referral|referrals|send (?:them|"
    r"founders|clients|people)|your way|booking guests|guests|speakers?|slots?|feature|"
    r"vendor table|stall|booth|agent|buyers?|i know|network|pitch you|add you|lineup|stage|"
    r"consignment|stock|list of|market|newsletter|audience|hosts ask|talk or demo|demo|"
    r"breakout|lead|co facilitat\w*|workshop leads?|paid|hiring|contacts)\b"
)


@dataclass(frozen=True, slots=True)
class Stance:
    """How an item reads, whatever it was filed as."""

    requests: bool
    """Worded as a request: "anyone know…", "looking for…", with nothing given."""
    stage: bool
    """Offers a stage, a guest spot or paid work: a request that others would love to answer."""
    talent: bool
    """Offers the member themself as a speaker, guest or teacher."""
    pitch: bool
    """Wants clients, a stage or a guest spot for what the member already does."""
    seeks_talent: bool
    """Wants a speaker, guest or teacher for something the member runs."""
    access: bool
    """Gives a way in: introductions, referrals, a stage, an audience, buyers."""
    refers_out: bool
    """Passes the member's own clients on to providers: a source of clients, not a service."""


def read_stance(text: str, kind: str | None = None) -> Stance:
    """The stance of one text, from its wording alone.

    Filed as an ask, a text is read only for what it seeks (`pitch`, `seeks_talent`); filed
    as an offer, only for what it gives (the rest): the matcher never looks at the others,
    and reading them would double the work. Without a kind, everything is read.
    """
    return stance_of(plain(text), kind)


def stance_of(low: str, kind: str | None = None) -> Stance:
    """`read_stance` of a text already made plain."""
    if kind == "ask":
        return _ask_stance(low)
    requests = _requests(low)
    stage = bool(STAGE_SOUGHT.search(low)) or (requests and bool(PAID_WORK.search(low)))
    pitch = kind is None and bool(PITCH.search(low))
    return Stance(
        requests=requests,
        stage=stage,
        talent=bool(TALENT.search(low)),
        pitch=pitch,
        seeks_talent=kind is None and not pitch and bool(SEEKS_TALENT.search(low)),
        access=stage or bool(ACCESS.search(low)),
        refers_out=bool(REFERS_OUT.search(low)),
    )


def _requests(low: str) -> bool:
    """Worded as a request: opens with one, or asks and gives nothing.

    No request cue starts with a space, so the first one found opens the text exactly when
    it starts where the text's first word does. What the text gives is read only if needed.
    """
    asked = REQUESTS.search(low)
    if asked is not None and asked.start() == len(low) - len(low.lstrip()):
        return True
    return (asked is not None or low.rstrip().endswith("?")) and not GIVES.search(low)


def _ask_stance(low: str) -> Stance:
    """What an ask seeks: a stage or clients for the member, or a speaker or teacher for them.

    Whichever the text says first wins: "need someone to give a talk" seeks a speaker,
    though "give a talk" alone would read as wanting to give one.
    """
    pitched, sought = PITCH.search(low), SEEKS_TALENT.search(low)
    pitch = pitched is not None and (sought is None or pitched.start() < sought.start())
    seeks = not pitch and sought is not None
    return Stance(False, False, False, pitch, seeks, False, False)
