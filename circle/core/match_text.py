"""What one ask or offer says, read once: its words, concepts, stance and stated limits.

Everything here is plain text analysis with a hand-kept lexicon (`match_lexicon`,
`match_places`); `matching` compares two readings to score a pair.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from circle.core.embedding import COMBINING_MARKS
from circle.core.match_lexicon import CONCEPTS, GENERIC_WORDS, word_set
from circle.core.match_places import LANGUAGES

WORD = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")
STOP = word_set(
    "a an and are as at be but by for from has have i i'm i'd i've i'll in is it its it's "
    "me my of on or our so that the their them they this to up us was we we're what who "
    "will with you your you're do does did not no just about into over than then there "
    "these those if out all more most very too can't don't won't isn't"
)


LANGUAGE_SPEAKER = re.compile(
    r"\b(native|fluent|bilingual|" + "|".join(LANGUAGES) + r")(\s+)(speakers?|speaking)\b"
)
SPEAKS_LANGUAGE = re.compile(
    r"\b(?:speaks?|speaking)\s+(?=(?:fluent\s+)?(?:" + "|".join(LANGUAGES) + r")\b)"
)


SPACED = (("-", " "), ("/", " "), ("–", " "), ("’", "'"))
"""Replaced one by one: `str.replace` scans in C, `str.translate` with a table calls Python per
character (20 times slower on a typical text)."""


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Lower case without accents; hyphens and slashes become spaces so parts match alone.

    "A native German speaker" and "someone who speaks German" speak a language, not at
    events: they read "native German fluent" and "someone who fluent German".
    """
    text = text.lower()
    if not text.isascii():
        text = COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text))
    for old, new in SPACED:
        text = text.replace(old, new)
    if "speak" not in text:
        return text
    return SPEAKS_LANGUAGE.sub("fluent ", LANGUAGE_SPEAKER.sub(r"\1\2fluent", text))


NOUNS_IN_ING = frozenset(
    [
        "booking",
        "listing",
        "building",
        "marketing",
        "wedding",
        "morning",
        "evening",
        "setting",
        "offering",
        "opening",
        "ceiling",
        "clothing",
        "funding",
        "during",
        "something",
        "anything",
        "everything",
        "nothing",
    ]
)
"""Words whose -ing is part of the noun: "bookings" are not "books", "marketing" is no market."""
NOUNS_IN_ER = word_set(
    "customer founder cofounder leader worker booker career letter counter summer winter "
    "better dinner member number corner matter water paper order center quarter proper "
    "silver leather chamber chapter trailer server drawer cooler reader lender another "
    "whether whatever answer register consumer partner poster banner cover filter"
)
"""Words whose -er is part of the word: a "customer" is no "custom", "leaders" are no "leads"."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: plurals, -ing, -ed, -er and a final e share one stem."""
    word = word.removesuffix("'s")
    if len(word) <= 3:
        short_plural = len(word) == 3 and word.endswith("s") and word[:-1] not in STOP
        return word[:-1] if short_plural and not word.endswith(("ss", "us", "is")) else word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word in NOUNS_IN_ING or word in NOUNS_IN_ER:
        return word
    for suffix in ("ing", "ed", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    # "theme" must not become the stop word "them"
    return word[:-1] if word.endswith("e") and len(word) > 4 and word[:-1] not in STOP else word


def stems_of(text: str) -> list[str]:
    """Stems of every word, stop words included, in order (for phrase matching)."""
    return list(map(stem, WORD.findall(plain(text))))


NOT_CONTENT = STOP | GENERIC_WORDS


def content(stems: list[str]) -> set[str]:
    """The stems that can be evidence: no stop words, no circle small talk."""
    return {s for s in set(stems) - NOT_CONTENT if len(s) > 1}


Term = tuple[str, str]
"""A concept and the lexicon term (as written there) that shows it."""
Phrase = tuple[tuple[str, ...], Term]
"""A lexicon term of two words or more, as stems, with what it shows."""


def _phrase_index() -> tuple[dict[str, list[Term]], dict[tuple[str, str], list[Phrase]]]:
    """Lexicon terms by stem: one-word terms, and longer ones keyed by their first two stems."""
    words: dict[str, list[Term]] = {}
    phrases: dict[tuple[str, str], list[Phrase]] = {}
    for concept, (_label, terms) in CONCEPTS.items():
        for term in terms.split(","):
            key = tuple(stems_of(term))
            if len(key) == 1:
                words.setdefault(key[0], []).append((concept, term.strip()))
            elif key:
                phrases.setdefault((key[0], key[1]), []).append((key, (concept, term.strip())))
    return words, phrases


WORD_TERMS, PHRASE_TERMS = _phrase_index()


def concepts_in(stems: list[str]) -> dict[str, set[str]]:
    """Concepts the text is about, each with the lexicon terms that showed it."""
    found: dict[str, set[str]] = {}
    for first in WORD_TERMS.keys() & stems:
        for concept, term in WORD_TERMS[first]:
            found.setdefault(concept, set()).add(term)
    for pair in PHRASE_TERMS.keys() & pairwise(stems):
        for key, (concept, term) in PHRASE_TERMS[pair]:
            if len(key) == 2 or _has_run(stems, key):
                found.setdefault(concept, set()).add(term)
    return found


def _has_run(stems: list[str], key: tuple[str, ...]) -> bool:
    """Whether the stems hold this run of stems, in order and side by side."""
    n = len(key)
    return any(tuple(stems[i : i + n]) == key for i in range(len(stems) - n + 1))


CLAUSE_BREAK = re.compile(r"(?<=[.!?;])\s+|\s+[—–]\s+|\s+-\s+|\s*\(|\)\s*")


def split_clauses(text: str) -> list[str]:
    """The text cut at sentence ends, dashes and brackets, without empty pieces."""
    pieces = [c.strip() for c in CLAUSE_BREAK.split(text) if c and c.strip(" .,;:!?")]
    return pieces or [text]


@dataclass(frozen=True)
class Clause:
    """One clause of an item's text with the evidence it carries, for explanations."""

    text: str
    words: frozenset[str]
    concepts: frozenset[str]


def read_clauses(text: str) -> tuple[Clause, ...]:
    """Every clause of a text with its content words and concepts."""
    out = []
    for piece in split_clauses(text):
        stems = stems_of(piece)
        out.append(Clause(piece, frozenset(content(stems)), frozenset(concepts_in(stems))))
    return tuple(out)
