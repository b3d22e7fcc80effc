"""One reading per item: what the matcher needs of it, read once when it arrives.

A `Reading` holds an item's sentence vectors, content words, concepts, stance and kind of
help; its stated limits and its clauses are read on first use. `read_many` reads a batch
and looks up all its sentence vectors in one go; a big batch can have its limits read
elsewhere (`limits_stated`, `know_limits`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import compress
from typing import NamedTuple

import numpy as np

from circle.core.embedding import Embedder
from circle.core.match_cues import Cue
from circle.core.match_lexicon import GENERIC_WORDS
from circle.core.match_limits import NO_LIMITS, Limits, read_limits
from circle.core.match_stance import Stance, stance_of
from circle.core.match_text import (
    STOP,
    WORD,
    Clause,
    concepts_in,
    content,
    plain,
    read_clauses,
    stem,
    stems_of,
)


@dataclass(frozen=True)
class MatchItem:
    """An ask or an offer as the matcher sees it."""

    id: str
    member: str
    kind: str
    """"ask" or "offer"."""
    category: str | None
    """The kind of help (`circle.model.HelpKind` values), or None to infer it."""
    text: str
    about: str | None = None
    """The member's business line, when known; it sharpens what an offer can cover."""


KIND_CUES: tuple[tuple[str, tuple[str, ...], Cue | None], ...] = tuple(
    (kind, tuple(phrases.split("|")), Cue(pattern) if pattern else None)
    for kind, phrases, pattern in (
        ("podcast", "podcast|episode|guest", r"\bshow\b"),
        ("speaking", "speak|keynote|panel|webinar|conference|stage", r"\btalks?\b"),
        ("intro", "introduc|connect you|who knows", r"\bintros?\b|\bi know\b"),
        ("referral", "refer|your way", ""),
        ("collaboration", "cohost|co host|swap|collab|partner|split|halves|cross promo", ""),
        ("intel", "data|benchmark|numbers|what worked|which ones|spreadsheet of|rates", ""),
        (
            "resource",
            "template|lend|spare|borrow|for sale|room|space|software|tool",
            r"\blist\b|app\b",
        ),
        (
            "advice",
            "review|audit|feedback|explain|advice|how do",
            r"walk (?:you|anyone) through|call\b",
        ),
    )
)
"""Per kind of help, in order of precedence: phrases found anywhere, and a pattern for the rest."""


@dataclass(frozen=True)
class Reading:
    """What the matcher knows of one item, read once when the item arrives.

    Limits and clauses are read on first use: only pairs that pass the threshold need the
    limits, and only suggestions shown need the clauses.
    """

    id: str
    member: str
    kind: str
    text: str
    low: str
    """The text made plain (`match_text.plain`): what the patterns read."""
    about: str
    """The member's business line, or "" when unknown."""
    vector: np.ndarray
    content_vector: np.ndarray
    profile_vector: np.ndarray
    words: frozenset[str]
    profile_words: frozenset[str]
    concepts: Mapping[str, frozenset[str]]
    profile_concepts: Mapping[str, frozenset[str]]
    stance: Stance
    help: str
    """The kind of help: the given label, or the one the text suggests."""
    given_help: bool

    @cached_property
    def limits(self) -> Limits:
        return read_limits(self.text, self.low)

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        """The text's clauses with their evidence, for explanations."""
        return read_clauses(self.text)

    @cached_property
    def has_limits(self) -> bool:
        """Whether the text states any limit a pair must be checked against."""
        return self.limits.stated


class Side(NamedTuple):
    """What a text says about what it is about: its content stems and concepts."""

    words: frozenset[str]
    concepts: Mapping[str, frozenset[str]]


@lru_cache(maxsize=4096)
def side_of(text: str) -> Side:
    """The content stems and concepts of a text (a member's business line repeats: cached)."""
    stems = stems_of(text)
    return Side(frozenset(content(stems)), _frozen(concepts_in(stems)))


def _frozen(concepts: dict[str, set[str]]) -> Mapping[str, frozenset[str]]:
    return {name: frozenset(terms) for name, terms in concepts.items()}


def content_text(text: str) -> str:
    """The text without stop words and circle small talk, for a second, sharper vector."""
    return _content_text(WORD.findall(plain(text)))


def _content_text(words: list[str]) -> str:
    # map and compress run in C: no Python frame per word
    return " ".join(compress(words, map(_telling, words)))


@lru_cache(maxsize=65536)
def _telling(word: str) -> bool:
    """Whether a word stays in the content text: no stop word, no circle small talk."""
    return word not in STOP and stem(word) not in GENERIC_WORDS


def infer_help(text: str) -> str:
    """The kind of help a text reads as, from a few cues; "other" when none shows."""
    return help_of(plain(text))


def help_of(low: str) -> str:
    """`infer_help` of a text already made plain."""
    for kind, phrases, pattern in KIND_CUES:
        # map over a bound method runs in C: no Python frame per phrase
        if any(map(low.__contains__, phrases)) or (pattern and pattern.search(low)):
            return kind
    return "other"


class Draft(NamedTuple):
    """What an item's text says, before its sentence vectors are looked up."""

    low: str
    content_text: str
    own: Side
    profile: Side
    stance: Stance
    help: str


def read(
    id: str,
    member: str,
    kind: str,
    category: str | None,
    text: str,
    about: str | None,
    embedder: Embedder,
) -> Reading:
    """Read one item (and its member's business line, when known)."""
    return read_many([MatchItem(id, member, kind, category, text, about)], embedder)[0]


def read_many(items: Sequence[MatchItem], embedder: Embedder) -> list[Reading]:
    """Read a batch of items; their sentence vectors are looked up together."""
    return readings_of(items, *drafts_and_vectors(items, embedder))


def readings_of(
    items: Sequence[MatchItem], drafts: Sequence[Draft], vectors: np.ndarray
) -> list[Reading]:
    """The readings of items whose drafts and sentence vectors are known (in their order)."""
    return [_reading(*triple) for triple in zip(items, drafts, vectors, strict=True)]


def drafts_and_vectors(
    items: Sequence[MatchItem], embedder: Embedder
) -> tuple[list[Draft], np.ndarray]:
    """What each item's text says, and its three sentence vectors (text, content, profile)."""
    drafts = [_draft(item) for item in items]
    # Without a business line, the item's own words stand in for what the member does.
    texts = [t for item, d in zip(items, drafts, strict=True) for t in _texts(item, d)]
    return drafts, embedder.embed(texts).reshape(len(items), 3, -1)


def _draft(item: MatchItem) -> Draft:
    low = plain(item.text)
    words = WORD.findall(low)
    stems = list(map(stem, words))
    own = Side(frozenset(content(stems)), _frozen(concepts_in(stems)))
    return Draft(
        low=low,
        content_text=_content_text(words),
        own=own,
        profile=side_of(item.about) if item.about else own,
        stance=stance_of(low, item.kind),
        help=item.category or help_of(low),
    )


def _texts(item: MatchItem, draft: Draft) -> tuple[str, str, str]:
    return item.text, draft.content_text, item.about or item.text


def _reading(item: MatchItem, draft: Draft, vectors: np.ndarray) -> Reading:
    return Reading(
        id=item.id,
        member=item.member,
        kind=item.kind,
        text=item.text,
        low=draft.low,
        about=item.about or "",
        vector=vectors[0],
        content_vector=vectors[1],
        profile_vector=vectors[2],
        words=draft.own.words,
        profile_words=draft.profile.words,
        concepts=draft.own.concepts,
        profile_concepts=draft.profile.concepts,
        stance=draft.stance,
        help=draft.help,
        given_help=item.category is not None,
    )


def limits_stated(items: Sequence[MatchItem]) -> list[tuple[int, Limits]]:
    """The limits of every item that states any, by position (read ahead, for `know_limits`)."""
    found = ((k, read_limits(item.text)) for k, item in enumerate(items))
    return [(k, limits) for k, limits in found if limits != NO_LIMITS]


def know_limits(readings: Sequence[Reading], stated: list[tuple[int, Limits]]) -> None:
    """Give readings the limits `limits_stated` read for their items, so none is read again."""
    found = dict(stated)
    for k, reading in enumerate(readings):
        limits = found.get(k, NO_LIMITS)
        # where each `cached_property` keeps what it read: the properties now return these
        reading.__dict__.update(limits=limits, has_limits=limits.stated)
