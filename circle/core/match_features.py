"""The evidence that compares two readings, exactly for one pair or in bulk for a pool.

`pair_features` lists the evidence for one ask and one offer (the fit script learns a
weight per feature); `ask_sides`/`offer_sides` fold all of it but word overlap into rows
whose dot products give the same sum, so a whole pool scores as one matrix product.
"""

import math
from collections.abc import Mapping, Sequence

import numpy as np

from circle.core.capture import HELP_KINDS
from circle.core.match_lexicon import CONCEPTS
from circle.core.match_limits import broken_limit
from circle.core.match_read import Reading
from circle.core.match_stance import Stance

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
STANCES = 5
"""Stance features (pitch_to_access to referrer_to_pitch)."""


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


def concept_rows(maps: Sequence[Mapping[str, frozenset[str]]]) -> np.ndarray:
    """`concept_vector` of many texts, one row each."""
    rows = np.zeros((len(maps), len(CONCEPT_INDEX)), dtype=np.float32)
    for row, concepts in enumerate(maps):
        for name, terms in concepts.items():
            rows[row, CONCEPT_INDEX[name]] = len(terms)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit: np.ndarray = rows / np.where(norms > 0, norms, 1.0)
    return unit


def _kind_rows(readings: Sequence[Reading]) -> np.ndarray:
    rows = np.zeros((len(readings), len(KINDS)), dtype=np.float32)
    at = [KINDS.index(r.help) if r.help in KINDS else len(KINDS) - 1 for r in readings]
    rows[np.arange(len(readings)), at] = 1.0
    return rows


def _stack(vectors: list[np.ndarray], width: int) -> np.ndarray:
    return np.stack(vectors) if vectors else np.zeros((0, width), dtype=np.float32)


def ask_sides(asks: Sequence[Reading], weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each ask's two rows: a short one for the quick pass over every offer, and the rest.

    `ask_sides(a)[0] · offer_sides(o)[0] + ask_sides(a)[1] · offer_sides(o)[1]` plus the
    word overlap is the pair's weighted evidence. The quick pass holds the leading
    components of the sentence vector (the model's principal ones) and the concepts,
    stance and kind; the rest is added only for the offers that pass.
    """
    w = weights
    dims = len(asks[0].vector) if asks else HEAD
    vectors = _stack([a.vector for a in asks], dims)
    flags = np.array([ask_flags(a.stance) for a in asks], dtype=np.float32).reshape(-1, STANCES)
    head = np.hstack(
        [
            vectors[:, :HEAD],
            concept_rows([a.concepts for a in asks]),
            w[7:12] * flags,
            w[12] * _kind_rows(asks),
        ]
    )
    content = _stack([a.content_vector for a in asks], dims)
    rest = np.hstack([vectors[:, HEAD:], w[1] * content])
    return head.astype(np.float32), rest.astype(np.float32)


def offer_sides(offers: Sequence[Reading], weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each offer's two rows, matching `ask_sides`."""
    w = weights
    dims = len(offers[0].vector) if offers else HEAD
    sentence = w[0] * _stack([o.vector for o in offers], dims) + w[2] * _stack(
        [o.profile_vector for o in offers], dims
    )
    flags = np.array([offer_flags(o.stance) for o in offers], dtype=np.float32)
    head = np.hstack(
        [
            sentence[:, :HEAD],
            w[5] * concept_rows([o.concepts for o in offers])
            + w[6] * concept_rows([o.profile_concepts for o in offers]),
            flags.reshape(-1, STANCES),
            _kind_rows(offers),
        ]
    )
    rest = np.hstack([sentence[:, HEAD:], _stack([o.content_vector for o in offers], dims)])
    return head.astype(np.float32), rest.astype(np.float32)


def ask_rule_flags(asks: Sequence[Reading]) -> np.ndarray:
    """Per ask: pitches itself; pitches for a stage (bool columns)."""
    return np.array(
        [
            (a.stance.pitch, a.stance.pitch and bool(a.concepts.keys() & STAGE_CONCEPTS))
            for a in asks
        ],
        dtype=bool,
    ).reshape(len(asks), 2)


def offer_rule_flags(offers: Sequence[Reading]) -> np.ndarray:
    """Per offer: is a request; offers a stage (or paid work); offers talent; passes its
    member's clients on (bool columns)."""
    return np.array(
        [
            (
                o.stance.requests and not o.stance.stage and not o.stance.talent,
                o.stance.stage,
                o.stance.talent,
                o.stance.refers_out,
            )
            for o in offers
        ],
        dtype=bool,
    ).reshape(len(offers), 4)


def rule_out(
    bulk: np.ndarray,
    ask_members: np.ndarray,
    ask_rules: np.ndarray,
    offer_members: np.ndarray,
    offer_rules: np.ndarray,
) -> None:
    """Set to -inf, in place, every pair that can never match.

    Those are a member's own offers, and pairs whose sides point the same way: an offer
    worded as a request serves nobody; a stage, a guest spot or paid work ("we need a
    speaker", "booking guests") serves only a member who wants one, and so does an offer
    to pass clients on; a member offering themself as a guest does not serve another
    would-be guest.
    """
    pitch, pitch_stage = ask_rules[:, 0], ask_rules[:, 1]
    request, stage, talent, refers = (offer_rules[:, k] for k in range(4))
    bulk[:, request] = -np.inf
    for rows, columns in ((~pitch, stage | refers), (pitch_stage, talent)):
        if rows.any() and columns.any():
            bulk[np.ix_(np.flatnonzero(rows), np.flatnonzero(columns))] = -np.inf
    rows, columns = same_member_pairs(ask_members, offer_members)
    bulk[rows, columns] = -np.inf


def same_member_pairs(
    ask_members: np.ndarray, offer_members: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every pair whose ask and offer come from one member.

    A member has a few items among thousands, so the pairs are found through the offers
    sorted by member rather than by comparing every ask with every offer.
    """
    order = np.argsort(offer_members, kind="stable")
    sorted_members = offer_members[order]
    first = np.searchsorted(sorted_members, ask_members, side="left")
    counts = np.searchsorted(sorted_members, ask_members, side="right") - first
    rows = np.repeat(np.arange(len(ask_members)), counts)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
    return rows, order[np.repeat(first, counts) + within]


def limit_clash(ask: Reading, offer: Reading) -> str | None:
    """A limit the offer or the ask states that the other side breaks, or None."""
    if not (ask.has_limits or offer.has_limits):
        return None
    return broken_limit(ask.limits, ask.words, offer.limits, offer.words)
