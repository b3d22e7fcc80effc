"""Static sentence vectors: a BERT-style WordPiece lookup and the mean of token vectors.

The vectors come from a model distilled once (see `scripts/build_match_model.py`); this
module only computes with them, so the core stays free of I/O and of heavy runtimes.
"""

import unicodedata
from collections.abc import Iterator, Sequence
from typing import Protocol

import numpy as np

MAX_WORD_CHARS = 100


class Embedder(Protocol):
    """Anything that turns texts into unit-length rows (one per text)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One l2-normalised float32 row per text."""
        ...


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def basic_words(text: str) -> Iterator[str]:
    """Lower-cased, accent-free words with each punctuation mark apart, as BERT uncased splits."""
    text = unicodedata.normalize("NFD", text.lower())
    word: list[str] = []
    for char in text:
        if unicodedata.category(char) == "Mn":
            continue
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            if word:
                yield "".join(word)
                word = []
        elif _is_punctuation(char) or 0x4E00 <= ord(char) <= 0x9FFF:
            if word:
                yield "".join(word)
                word = []
            yield char
        else:
            word.append(char)
    if word:
        yield "".join(word)


class WordPiece:
    """Greedy longest-match-first WordPiece over a fixed vocabulary (`##` marks a word's tail)."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.ids = {token: i for i, token in enumerate(vocabulary)}

    def word_ids(self, word: str) -> list[int]:
        """Token ids of one word, or [] when the vocabulary cannot spell it."""
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

    def text_ids(self, text: str) -> list[int]:
        """Token ids of a whole text."""
        return [i for word in basic_words(text) for i in self.word_ids(word)]


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
        """One unit row per text; a text with no known token gets a zero row."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self._one(text)
        return out

    def _one(self, text: str) -> np.ndarray:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        ids = self.tokenizer.text_ids(text)
        vector = self.vectors[ids].mean(axis=0) if ids else np.zeros(self.dims, np.float32)
        norm = float(np.linalg.norm(vector))
        vector = vector / norm if norm > 0 else vector
        if len(self._cache) < 50_000:
            self._cache[text] = vector
        return vector
