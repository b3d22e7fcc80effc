"""Fit the matcher's weights and threshold on the dev set's tuning circles, and print them.

Run from the repository root: `python scripts/fit_match_weights.py`. Logistic regression
over `circle.core.match_features.FEATURES` for every pair the rules leave open (gold pairs
are the positives), then the threshold with the best facilitator accuracy on circles left
out of the fit (see `benchmarks/_fit.py`). Circles marked `"split": "holdout"` are never
read. How far the fit carries to a circle it has not seen: `python -m
benchmarks.match_quality`, leave one circle out. Paste the printed constants into
`circle/core/matching.py`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._fit import fitted
from benchmarks.match_quality import DEV, load
from circle.core.match_features import FEATURES


def main() -> None:
    weights, bias, threshold = fitted([c for c in load(DEV) if c.split == "tune"])
    print("# paste into circle/core/matching.py")
    print(f"# features: {', '.join(FEATURES)}")
    print(f"WEIGHTS = np.array({[round(float(v), 2) for v in weights]}, dtype=np.float32)")
    print(f"BIAS = {bias:.2f}")
    print(f"MIN_SCORE = {threshold:.2f}")


if __name__ == "__main__":
    main()
