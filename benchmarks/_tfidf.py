"""The reference matcher the benchmarks compare against: plain TF-IDF cosine, numpy only."""

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = (
    "a an and are as at be but by for from has have i i'm in is it its me my of on or our so "
    "that the their them they this to up us was we what who will with you your"
)
STOP = frozenset(_STOP_WORDS.split(" "))


def words(text: str) -> list[str]:
    """Lower-cased word tokens minus a short stop list, as a stock TF-IDF setup would use."""
    return [w for w in WORD.findall(text.lower()) if w not in STOP]


def tfidf_vectors(texts: Sequence[str]) -> np.ndarray:
    """Rows of l2-normalised TF-IDF weights (smooth idf, like scikit-learn's defaults)."""
    docs = [Counter(words(text)) for text in texts]
    vocab = {w: i for i, w in enumerate(sorted({w for doc in docs for w in doc}))}
    df = Counter(w for doc in docs for w in doc)
    n = len(docs)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in vocab], dtype=np.float32)
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, doc in enumerate(docs):
        for w, count in doc.items():
            matrix[row, vocab[w]] = count
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-9)


def tfidf_scores(asks: Sequence[str], offers: Sequence[str]) -> np.ndarray:
    """Cosine similarity of every ask (rows) with every offer (columns), fitted on both sides."""
    vectors = tfidf_vectors([*asks, *offers])
    return vectors[: len(asks)] @ vectors[len(asks) :].T
