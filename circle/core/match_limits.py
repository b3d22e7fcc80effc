"""Limits a text states (places, languages, "no X", "X only", sizes) and the pairs they rule out.

Explicit limits are binding: an electrician licensed in Ohio only does not serve a salon in
Kentucky, a Spanish translator does not serve a Creole job, "no jewellery please" rules out
a jewellery shoot, a room for 40 does not host 150.
"""

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from circle.core.match_lexicon import word_set
from circle.core.match_places import AMBIGUOUS_CODES, CITIES, LANGUAGES, US_STATES
from circle.core.match_text import content, plain, stem, stems_of

PARENT: dict[str, str] = {**US_STATES, **CITIES}
for _code in US_STATES.values():
    PARENT.setdefault(_code, "us")
PARENT.setdefault("washington", "wa")
PLACE_NAMES = sorted(
    {*PARENT, *US_STATES.values(), "us", "uk"} - {"us", "uk"} | {"usa", "united states"},
    key=len,
    reverse=True,
)
LETTERS = re.compile(r"[a-z]+")
NAMES_BY_KEY: dict[str, list[str]] = {}
"""Place names (longer than a code) by the longest run of letters in each: a text that names
a place has that run as a run of its own letters, so only those names need looking for."""
for _name in PLACE_NAMES:
    if len(_name) > 2:
        NAMES_BY_KEY.setdefault(max(LETTERS.findall(_name), key=len), []).append(_name)
CAPITALS = re.compile(r"[A-Z]{2}")
CODE_RE = re.compile(r"(?:^|[\s,(/])([A-Z]{2,3})\b")
REQUIRED_LANGUAGE_RE = re.compile(r"must be in ([a-z]+)|\bin ([a-z]+) only")
CITY_CODES = {"LA": "los angeles", "NYC": "nyc", "SF": "san francisco", "DC": "dc"}
KNOWN_CODES = frozenset([*CITY_CODES, "US", "UK", *(p.upper() for p in PARENT if len(p) <= 3)])
"""Capitalised codes that can name a place: a text with none of them names no place by code."""
EXCLUDE_RE = re.compile(
    r"(?:\b(?:i|we) (?:don't|do not|can't|cannot|won't) (?:do|take|handle|cover|serve|work with)"
    r"|\bnot doing|\bnot a fit for|\bnot looking for|\bexcept|\bisn't|\bis not|\bnot\b|\bno\b)"
    r"\s+((?:a |an |the |any )?[a-z0-9&', ]{2,80}?)(?=please\b|[.;:!?()—]|$|\bsorry)",
)
ONLY_RE = re.compile(r"((?:[a-z0-9&']+[ ,]+){1,4})only\b")
NOT_EXCLUSIONS = word_set(
    "charge cost fee fees strings obligation catch pressure problem worry worries "
    "judgment just sure totally idea clue one sale pitch pitches spam jargon fluff vc "
    "attribution sorry way longer"
)
AUDIENCE_GENERIC = frozenset(
    stem(word)
    for word in word_set(
        "founders owners members clients people businesses teams residents topics law "
        "shipping made customers companies brands states licensed offices services adjacent"
    )
)
COUNT_UNITS = (
    "box|boxes|piece|pieces|unit|units|item|items|tee|tees|tote|totes|label|labels|bag|bags|"
    "mug|mugs|candle|candles|lid|lids|each|order|orders|copies"
)
PEOPLE_UNITS = "people|person|guests|guest|attendees|persons|seats|mats"
PEOPLE_RE = re.compile(rf"(\d[\d,]*)\s*(?:\+\s*)?[- ]?(?:{PEOPLE_UNITS})\b")
ASK_COUNT_RE = re.compile(rf"(\d[\d,]*)\s+(?:\w+\s+)?(?:{COUNT_UNITS})\b")
FOLLOWERS_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(k)?\s*\+?\s*(?:followers|subs|subscribers)")
CAP_RE = re.compile(
    rf"(?:(?:up to|under|holds|seats|fits|max(?:imum)?)\s+(?:~\s*)?(\d[\d,]*)"
    rf"|(\d[\d,]*)\s+(?:to\s+)?(\d[\d,]*)\s*(?:{PEOPLE_UNITS}))"
)
MIN_RE = re.compile(
    rf"(?:\bmin(?:imum)?\.?\s*(?:run |order )?(?:of\s+)?(\d[\d,]*)"
    rf"|(\d[\d,]*)\s*\+\s*(?:{COUNT_UNITS})|\bfrom\s+(\d[\d,]*)\s+(?:{COUNT_UNITS}))"
)


@dataclass(frozen=True, slots=True)
class Limits:
    """What one text says about where, in which language, for whom and how much."""

    places: frozenset[str]
    languages: frozenset[str]
    english_only: bool
    required_languages: frozenset[str]
    excluded: tuple[frozenset[str], ...]
    audience: frozenset[str]
    people: int | None
    people_cap: int | None
    count: int | None
    count_min: int | None
    followers: int | None
    followers_min: int | None

    @property
    def stated(self) -> bool:
        """True when the text states any limit at all."""
        return bool(
            self.places
            or self.languages
            or self.english_only
            or self.required_languages
            or self.excluded
            or self.audience
            or self.people
            or self.people_cap
            or self.count
            or self.count_min
            or self.followers
        )


def _required_languages(low: str) -> frozenset[str]:
    """Languages a text insists on ("talk must be in German", "in Spanish only")."""
    named = (w for m in REQUIRED_LANGUAGE_RE.finditer(low) for w in m.groups() if w)
    return frozenset(LANGUAGES[w] for w in named if w in LANGUAGES) - {"english"}


def _num(text: str | None) -> int | None:
    return int(text.replace(",", "")) if text else None


def ancestors(place: str) -> list[str]:
    """The place's parents, nearest first."""
    chain: list[str] = []
    while place in PARENT and len(chain) < 8:
        place = PARENT[place]
        chain.append(place)
    return chain


def _is_word(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] starts and ends at word boundaries (as `\\b` means them)."""
    return all(_is_word(text, i - 1) != _is_word(text, i) for i in (start, end))


def named_places(low: str, letters: Iterable[str]) -> set[str]:
    """Place names the text holds as whole words; `letters` are its runs of letters.

    At one position the longest name wins, and a name inside a name already found does not
    count: "new york" is read once, not also as "york".
    """
    hits = []
    for key in NAMES_BY_KEY.keys() & set(letters):
        for name in NAMES_BY_KEY[key]:
            start = low.find(name)
            while start >= 0:
                if _bounded(low, start, start + len(name)):
                    hits.append((start, -len(name), name))
                start = low.find(name, start + 1)
    found: set[str] = set()
    reach = 0
    for start, minus_length, name in sorted(hits):
        if start >= reach:
            found.add(name)
            reach = start - minus_length
    return found


def places_in(raw: str, low: str, letters: Iterable[str] | None = None) -> frozenset[str]:
    """The most specific places a text names (a city hides its own state)."""
    found = named_places(low, LETTERS.findall(low) if letters is None else letters)
    capitals = CAPITALS.search(raw) and KNOWN_CODES.intersection(CODE_RE.findall(raw))
    for m in CODE_RE.finditer(raw) if capitals else ():
        code = m.group(1).lower()
        if m.group(1) in CITY_CODES:
            found.add(CITY_CODES[m.group(1)])
        elif code in ("us", "uk") or (
            code in PARENT
            and (code not in AMBIGUOUS_CODES or raw[: m.start(1)].rstrip().endswith(","))
        ):
            found.add(code)
    found = {US_STATES.get(p, p) for p in found}
    hidden = {a for p in found for a in ancestors(p)}
    return frozenset(found - hidden)


def places_fit(ask: frozenset[str], offer: frozenset[str]) -> bool:
    """True unless both name places and none lies inside, or around, one of the other's."""
    if not ask or not offer:
        return True
    return any(a == o or o in ancestors(a) or a in ancestors(o) for a in ask for o in offer)


def read_limits(text: str, low: str | None = None) -> Limits:
    """Everything the matcher holds a text to, read from its words (`low`: the text made plain).

    Each pattern runs only where a word it cannot match without is present: most texts
    state no size, audience or exclusion, and those patterns are the costly ones.
    """
    low = plain(text) if low is None else low
    letters = LETTERS.findall(low)
    languages = frozenset(LANGUAGES[w] for w in LANGUAGES.keys() & letters)
    numbers = DIGIT.search(low) is not None
    return Limits(
        places=places_in(text, low, letters),
        languages=languages - {"english"},
        english_only=bool(
            "english" in low
            and re.search(r"english only|only english|english[- ]speaking only", low)
        ),
        required_languages=_required_languages(low) if languages else frozenset(),
        excluded=_excluded(low) if NEGATIONS.search(low) else (),
        audience=_audience(text, low) if "only" in low else frozenset(),
        people=_largest(PEOPLE_RE, low) if numbers and _has(PEOPLE_KEYS, low) else None,
        people_cap=_largest(CAP_RE, low, (1, 3)) if numbers and _has(CAP_KEYS, low) else None,
        count=_smallest(ASK_COUNT_RE, low) if numbers and _has(COUNT_KEYS, low) else None,
        count_min=(_largest(MIN_RE, low, (1, 2, 3)) if numbers and _has(MIN_KEYS, low) else None),
        followers=_followers(low) if numbers else None,
        followers_min=_followers(low) if numbers and "+" in low else None,
    )


DIGIT = re.compile(r"\d")
PEOPLE_KEYS = ("people", "person", "guest", "attendee", "seat", "mats")
CAP_KEYS = (*PEOPLE_KEYS, "up to", "under", "holds", "fits", "max")
MIN_KEYS = ("min", "+", "from")
_UNITS = COUNT_UNITS.split("|")
COUNT_KEYS = tuple(u for u in _UNITS if not any(u != v and u.startswith(v) for v in _UNITS))
"""Words each size pattern cannot match without (a unit, or the word before the number)."""


def _has(keys: tuple[str, ...], low: str) -> bool:
    return any(map(low.__contains__, keys))


NEGATIONS = re.compile(r"\bno|n't|cannot|except")
"""What every exclusion needs: "don't", "cannot", "not", "no", "except", "isn't"."""


def _excluded(low: str) -> tuple[frozenset[str], ...]:
    """Word sets the text rules out ("no jewellery please", "not looking for SEO")."""
    excluded = []
    for m in EXCLUDE_RE.finditer(low):
        if m.group(1).startswith(("just", "only", "sure", "totally")):
            continue
        for part in re.split(r",| or | and | nor ", m.group(1)):
            words = content(stems_of(part)) - NOT_EXCLUSIONS
            words = {w for w in words if len(w) > 3} or words
            if words:
                excluded.append(frozenset(words))
    return tuple(excluded)


def _audience(text: str, low: str) -> frozenset[str]:
    """Who an offer is for, when it says "X only" of something other than a place or language."""
    audience: set[str] = set()
    for m in ONLY_RE.finditer(low):
        phrase = m.group(1)
        if places_in(text, phrase) or any(w in LANGUAGES for w in phrase.split()):
            continue
        audience |= {s for s in content(stems_of(phrase)) if s not in AUDIENCE_GENERIC}
    return frozenset(audience)


def _numbers(pattern: re.Pattern[str], low: str, groups: tuple[int, ...]) -> list[int]:
    """The first of these groups that matched, per match, as a number (zero and none dropped)."""
    found = (
        _num(next((m.group(g) for g in groups if m.group(g)), None)) for m in pattern.finditer(low)
    )
    return [n for n in found if n]


def _largest(pattern: re.Pattern[str], low: str, groups: tuple[int, ...] = (1,)) -> int | None:
    return max(_numbers(pattern, low, groups), default=None)


def _smallest(pattern: re.Pattern[str], low: str) -> int | None:
    return min(_numbers(pattern, low, (1,)), default=None)


def _followers(low: str) -> int | None:
    """The largest follower or subscriber count a text names."""
    if "follower" not in low and "sub" not in low:
        return None
    counts = (
        round(float(m.group(1)) * (1000 if m.group(2) else 1)) for m in FOLLOWERS_RE.finditer(low)
    )
    return max(counts, default=None)


NO_LIMITS = read_limits("")
"""The limits of a text that states none."""


def broken_limit(
    ask: Limits, ask_stems: AbstractSet[str], offer: Limits, offer_stems: AbstractSet[str]
) -> str | None:
    """Why this offer cannot serve this ask by its own stated limits, or None."""
    if not places_fit(ask.places, offer.places):
        return "a different place"
    if ask.languages and offer.languages and not ask.languages & offer.languages:
        return "a different language"
    if (offer.english_only and ask.languages) or (ask.english_only and offer.languages):
        return "a different language"
    if offer.required_languages - ask.languages - {"english"}:
        return "a language the offer requires"
    for words in offer.excluded:
        if words <= ask_stems:
            return "something the offer excludes"
    for words in ask.excluded:
        if words <= offer_stems:
            return "something the ask excludes"
    if offer.audience and not offer.audience & ask_stems:
        return "an audience the offer is limited to"
    if ask.people and offer.people_cap and ask.people > offer.people_cap:
        return "more people than the offer takes"
    if ask.count and offer.count_min and ask.count < offer.count_min:
        return "less than the offer's minimum"
    if ask.followers and offer.followers_min and ask.followers < offer.followers_min:
        return "less than the offer's minimum"
    return None
