"""Static sentence vectors: a BERT-style WordPiece lookup and the mean of token vectors.

A batch of texts is looked up together: their token ids in one pass, then one gather of
token vectors and one sum per text.

The vectors come from a model distilled once (see `scripts/build_match_model.py`); this
module only computes with them, so the core stays free of I/O and of heavy runtimes.
"""

import re
import unicodedata
from collections.abc import Sequence
from itertools import chain
from typing import Protocol

import numpy as np

MAX_WORD_CHARS = 100
BATCH = 64
"""Texts whose token vectors are gathered together: small enough to stay in the CPU cache."""
CACHE = 50_000
"""Texts whose vectors are kept (business lines and repeated texts come back)."""
MAX_CHUNKS = 200_000
"""Whitespace-free chunks of text whose token ids are kept."""


class Embedder(Protocol):
    """Anything that turns texts into unit-length rows (one per text)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One l2-normalised float32 row per text."""
        ...


COMBINING_MARKS = re.compile(r"[\u0300-\u036f]")
PIECES = re.compile(r"[\u4e00-\u9fff]|[^\W_\u4e00-\u9fff]+|[^\w\s]|_")


def basic_words(text: str) -> list[str]:
    """Lower-cased, accent-free words with each punctuation mark apart, as BERT uncased splits."""
    text = text.lower()
    if not text.isascii():
        text = COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text))
    return PIECES.findall(text)


class WordPiece:
    """Greedy longest-match-first WordPiece over a fixed vocabulary (`##` marks a word's tail)."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.ids = {token: i for i, token in enumerate(vocabulary)}
        self._known: dict[str, list[int]] = {}
        self._chunks: dict[str, list[int]] = {}
        """Token ids of whitespace-free chunks of text ("contract.", "agreements,")."""

    def word_ids(self, word: str) -> list[int]:
        """Token ids of one word, or [] when the vocabulary cannot spell it."""
        known = self._known.get(word)
        if known is None:
            known = self._spell(word)
            if len(self._known) < 200_000:
                self._known[word] = known
        return known

    def _spell(self, word: str) -> list[int]:
        if len(word) > MAX_WORD_CHARS:
            return []
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    pieces.append(self.ids[piece])
                    break
                end -= 1
            if end == start:
                return []
            start = end
        return pieces

    def texts_ids(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids of many texts end to end, and how many of them each text has.

        No token spans whitespace, so each text is cut at it first and each chunk's ids are
        remembered: most chunks of a new text ("contract,", "the") were seen before. The
        walk over chunks and ids runs in C (`map`, `chain`), not one Python step per token.
        """
        pieces = [text.split() for text in texts]
        chunks = list(chain.from_iterable(pieces))
        self._learn(chunks)
        ids = list(map(self._chunks.__getitem__, chunks))
        flat = np.fromiter(chain.from_iterable(ids), np.int64)
        lengths = np.fromiter(map(len, ids), np.int64, len(ids))
        ends = np.cumsum(np.fromiter(map(len, pieces), np.int64, len(pieces)))
        token_ends = np.concatenate([[0], np.cumsum(lengths)])[ends]
        return flat, np.diff(token_ends, prepend=0)

    def _learn(self, chunks: list[str]) -> None:
        """Spell the chunks not seen before (forgetting all once too many are kept)."""
        new = set(chunks).difference(self._chunks)
        if len(self._chunks) + len(new) > MAX_CHUNKS:
            self._chunks.clear()
            new = set(chunks)
        for chunk in new:
            self._chunks[chunk] = [i for word in basic_words(chunk) for i in self.word_ids(word)]


class StaticEmbedder:
    """Sentence vectors as the normalised mean of per-token static vectors."""

    def __init__(self, vocabulary: Sequence[str], vectors: np.ndarray) -> None:
        if len(vocabulary) != len(vectors):
            raise ValueError("one vector per vocabulary token is needed")
        self.tokenizer = WordPiece(vocabulary)
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._cache: dict[str, np.ndarray] = {}

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit row per text; a text with no known token gets a zero row.

        Each distinct text is looked up once (a member's business line comes with every
        item of theirs); rows come from the cache or are computed in batches.
        """
        rows: dict[str, int] = {}
        at = np.fromiter((rows.setdefault(t, len(rows)) for t in texts), np.int64, len(texts))
        distinct = list(rows)
        cache = self._cache
        vectors = np.empty((len(distinct), self.dims), dtype=np.float32)
        new = [k for k, text in enumerate(distinct) if text not in cache]
        if new:
            vectors[new] = self._vectors_of([distinct[k] for k in new])
        old = [k for k, text in enumerate(distinct) if text in cache]
        if old:
            vectors[old] = [cache[distinct[k]] for k in old]
        room = max(0, CACHE - len(cache))
        cache.update((distinct[k], vectors[k]) for k in new[:room])
        out: np.ndarray = vectors[at]
        return out

    def _vectors_of(self, texts: list[str]) -> np.ndarray:
        """Unit rows of token-vector sums (the sum's scale does not matter).

        Token vectors are gathered and summed for `BATCH` texts at a time.
        """
        flat, sizes = self.tokenizer.texts_ids(texts)
        ends = np.cumsum(sizes)
        sums = np.zeros((len(texts), self.dims), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            part = sizes[start : start + BATCH]
            known = np.flatnonzero(part)
            if len(known):
                tokens = flat[ends[start] - part[0] : ends[start + len(part) - 1]]
                starts = (np.cumsum(part) - part)[known]
                sums[start + known] = np.add.reduceat(self.vectors[tokens], starts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        unit: np.ndarray = sums / np.where(norms > 0, norms, 1.0)
        return unit
