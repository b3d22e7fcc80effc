"""The shipped word vectors load with numpy alone and place related texts close together."""

import numpy as np

from circle.core.embedding import StaticEmbedder, WordPiece, basic_words
from circle.match_model import load_embedder


def test_words_are_lower_cased_without_accents_and_punctuation_stands_apart() -> None:
    assert list(basic_words("Hablo Español—gratis!")) == ["hablo", "espanol", "—", "gratis", "!"]


def test_wordpiece_spells_a_word_from_its_longest_known_pieces() -> None:
    pieces = WordPiece(["book", "##keep", "##er", "##s", "keeper"])
    assert pieces.word_ids("bookkeepers") == [0, 1, 2, 3]
    assert pieces.word_ids("zebra") == []


def test_a_text_with_no_known_word_gets_a_zero_vector() -> None:
    embedder = StaticEmbedder(["tax"], np.ones((1, 4), dtype=np.float32))
    vectors = embedder.embed(["tax", "🙂"])
    assert np.allclose(np.linalg.norm(vectors, axis=1), [1.0, 0.0])


def test_the_packaged_model_puts_a_paraphrase_closer_than_an_unrelated_offer() -> None:
    embedder = load_embedder()
    ask, lawyer, plants = embedder.embed(
        [
            "Someone to look over my contract before I sign?",
            "I'm an attorney, happy to review agreements.",
            "Free plant install for your storefront.",
        ]
    )
    assert ask @ lawyer > ask @ plants
    assert np.isclose(np.linalg.norm(ask), 1.0, atol=1e-5)
