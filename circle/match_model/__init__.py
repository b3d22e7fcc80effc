"""The matcher's shipped word vectors (distilled from all-MiniLM-L6-v2) and their loader."""

from functools import cache
from importlib import resources

import numpy as np

from circle.core.embedding import StaticEmbedder

MODEL_FILE = "minilm_static.npz"


@cache
def load_embedder() -> StaticEmbedder:
    """Read the packaged vectors once per process (numpy only, well under a second)."""
    with resources.files(__package__).joinpath(MODEL_FILE).open("rb") as handle:
        data = np.load(handle)
        vocabulary = data["vocabulary"].tobytes().decode("utf-8").split("\n")
        vectors = data["codes"].astype(np.float32) * data["scales"][:, None]
    return StaticEmbedder(vocabulary, vectors)
