"""One reading per item and the evidence that compares two readings, exactly or in bulk.

A `Reading` holds what the matcher needs of an item: its vectors, words, concepts, stance,
limits and kind of help. `pair_features` lists the evidence for one ask and one offer (the
fit script learns a weight per feature); `ask_side`/`offer_side` fold all of it but word
overlap into vectors whose dot product gives the same sum, so a whole pool scores as one
matrix product.
"""

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

import numpy as np

from circle.core.capture import HELP_KINDS
from circle.core.embedding import Embedder
from circle.core.match_lexicon import CONCEPTS, GENERIC_WORDS
from circle.core.match_limits import Limits, broken_limit, read_limits
from circle.core.match_stance import Stance, read_stance
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

KINDS = HELP_KINDS
"""The kinds of help (`circle.model.HelpKind`), in the order kind vectors use."""

CONCEPT_INDEX = {name: i for i, name in enumerate(CONCEPTS)}
HEAD = 32
"""Leading sentence-vector components compared in the quick pass over a whole pool."""
STAGE_CONCEPTS = frozenset({"speaking", "podcast"})
FEATURES = (
    "sem",
    "content_sem",
    "profile_sem",
    "words",
    "profile_words",
    "concepts",
    "profile_concepts",
    "pitch_to_access",
    "pitch_to_service",
    "talent_to_seeker",
    "stage_to_pitch",
    "referrer_to_pitch",
    "same_kind",
)
"""The evidence for one pair, in the order the weights are kept."""

KIND_CUES: tuple[tuple[str, tuple[str, ...], re.Pattern[str] | None], ...] = tuple(
    (kind, tuple(phrases.split("|")), re.compile(pattern) if pattern else None)
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
        return read_limits(self.text)

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        """The text's clauses with their evidence, for explanations."""
        return read_clauses(self.text)

    @property
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
    return " ".join(w for w in words if w not in STOP and stem(w) not in GENERIC_WORDS)


def infer_help(text: str) -> str:
    """The kind of help a text reads as, from a few cues; "other" when none shows."""
    low = plain(text)
    for kind, phrases, pattern in KIND_CUES:
        if any(phrase in low for phrase in phrases) or (pattern and pattern.search(low)):
            return kind
    return "other"


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
    words = WORD.findall(plain(text))
    stems = [stem(w) for w in words]
    # Without a business line, the item's own words stand in for what the member does.
    profile_text = about or text
    vectors = embedder.embed([text, _content_text(words), profile_text])
    own = Side(frozenset(content(stems)), _frozen(concepts_in(stems)))
    profile = side_of(about) if about else own
    return Reading(
        id=id,
        member=member,
        kind=kind,
        text=text,
        about=about or "",
        vector=vectors[0],
        content_vector=vectors[1],
        profile_vector=vectors[2],
        words=own.words,
        profile_words=profile.words,
        concepts=own.concepts,
        profile_concepts=profile.concepts,
        stance=read_stance(text, kind),
        help=category or infer_help(text),
        given_help=category is not None,
    )


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the geometric mean of both sizes (cosine of two word sets)."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def concept_vector(concepts: Mapping[str, frozenset[str]]) -> np.ndarray:
    """Unit vector over concepts, each weighted by how many of its terms the text used."""
    vector = np.zeros(len(CONCEPT_INDEX), dtype=np.float32)
    for name, terms in concepts.items():
        vector[CONCEPT_INDEX[name]] = len(terms)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _kind_vector(reading: Reading) -> np.ndarray:
    vector = np.zeros(len(KINDS), dtype=np.float32)
    vector[KINDS.index(reading.help) if reading.help in KINDS else -1] = 1.0
    return vector


def ask_flags(stance: Stance) -> np.ndarray:
    """The ask's side of the stance features, in FEATURES order (pitch_to_access onwards)."""
    p, t = float(stance.pitch), float(stance.seeks_talent)
    return np.array([p, p, t, p, p], dtype=np.float32)


def offer_flags(stance: Stance) -> np.ndarray:
    """The offer's side of the stance features, matching `ask_flags`."""
    a, r = float(stance.access), float(stance.refers_out)
    return np.array([a, 1.0 - a, float(stance.talent), float(stance.stage), r], dtype=np.float32)


def pair_features(ask: Reading, offer: Reading) -> np.ndarray:
    """The evidence for one pair, in FEATURES order."""
    ask_concepts = concept_vector(ask.concepts)
    same_kind = float(ask.help == offer.help)
    return np.concatenate(
        [
            [
                float(ask.vector @ offer.vector),
                float(ask.content_vector @ offer.content_vector),
                float(ask.vector @ offer.profile_vector),
                overlap(ask.words, offer.words),
                overlap(ask.words, offer.profile_words),
                float(ask_concepts @ concept_vector(offer.concepts)),
                float(ask_concepts @ concept_vector(offer.profile_concepts)),
            ],
            ask_flags(ask.stance) * offer_flags(offer.stance),
            [same_kind],
        ]
    ).astype(np.float32)


def ask_side(ask: Reading, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ask's two vectors: a short one for the quick pass over every offer, and the rest.

    `ask_side(a)[0] · offer_side(o)[0] + ask_side(a)[1] · offer_side(o)[1]` plus the word
    overlap is the pair's weighted evidence. The quick pass holds the leading components
    of the sentence vector (the model's principal ones) and the concepts, stance and kind;
    the rest is added only for the offers that pass.
    """
    w = weights
    head = np.concatenate(
        [
            ask.vector[:HEAD],
            concept_vector(ask.concepts),
            w[7:12] * ask_flags(ask.stance),
            w[12] * _kind_vector(ask),
        ]
    )
    rest = np.concatenate([ask.vector[HEAD:], w[1] * ask.content_vector])
    return head.astype(np.float32), rest.astype(np.float32)


def offer_side(offer: Reading, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The offer's two vectors, matching `ask_side`."""
    w = weights
    sentence = w[0] * offer.vector + w[2] * offer.profile_vector
    head = np.concatenate(
        [
            sentence[:HEAD],
            w[5] * concept_vector(offer.concepts) + w[6] * concept_vector(offer.profile_concepts),
            offer_flags(offer.stance),
            _kind_vector(offer),
        ]
    )
    rest = np.concatenate([sentence[HEAD:], offer.content_vector])
    return head.astype(np.float32), rest.astype(np.float32)


def ask_rule_flags(asks: Sequence[Reading]) -> np.ndarray:
    """Per ask: seeks a speaker or guest; pitches itself; pitches for a stage (bool columns)."""
    return np.array(
        [
            (
                a.stance.seeks_talent,
                a.stance.pitch,
                a.stance.pitch and bool(a.concepts.keys() & STAGE_CONCEPTS),
            )
            for a in asks
        ],
        dtype=bool,
    ).reshape(len(asks), 3)


def offer_rule_flags(offers: Sequence[Reading]) -> np.ndarray:
    """Per offer: is a request; offers a stage; asks for someone to fill one; offers talent;
    passes its member's clients on (which serves only members looking for clients)."""
    rows = []
    for o in offers:
        s = o.stance
        rows.append(
            (
                s.requests and not s.stage and not s.talent,
                s.stage,
                s.stage and s.requests and not s.talent,
                s.talent,
                s.refers_out,
            )
        )
    return np.array(rows, dtype=bool).reshape(len(offers), 5)


def rule_out(
    bulk: np.ndarray,
    ask_members: np.ndarray,
    ask_rules: np.ndarray,
    offer_members: np.ndarray,
    offer_rules: np.ndarray,
) -> None:
    """Set to -inf, in place, every pair that can never match.

    Those are a member's own offers, and pairs whose sides point the same way: an offer
    worded as a request serves nobody; a stage offered to someone who wants a speaker (or
    a request for someone to fill a stage, to anyone not pitching) pairs two seekers; a
    member offering themself as a guest does not serve another would-be guest; an offer to
    pass clients on serves only a member who is looking for clients.
    """
    seeks, pitch, pitch_stage = (ask_rules[:, k] for k in range(3))
    request, stage, stage_request, talent, refers = (offer_rules[:, k] for k in range(5))
    bulk[:, request] = -np.inf
    pairs = ((seeks, stage), (~pitch, stage_request), (pitch_stage, talent), (~pitch, refers))
    for rows, columns in pairs:
        if rows.any() and columns.any():
            bulk[np.ix_(np.flatnonzero(rows), np.flatnonzero(columns))] = -np.inf
    own = ask_members[:, None] == offer_members[None, :]
    bulk[own] = -np.inf


def limit_clash(ask: Reading, offer: Reading) -> str | None:
    """A limit the offer or the ask states that the other side breaks, or None."""
    if not (ask.has_limits or offer.has_limits):
        return None
    return broken_limit(ask.limits, set(ask.words), offer.limits, set(offer.words))
