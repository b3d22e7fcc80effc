"""How often the matcher's suggestions are right on the labelled dev set, next to TF-IDF cosine.

Run from the repository root: `python -m benchmarks.match_quality [DEV.json]`.

Per ask, a method ranks the offers; its threshold then decides whether the ask gets
suggestions at all. Figures:
- P@1: asks that have a good offer whose first-ranked offer is one of them;
- R@3: asks that have a good offer with one of them among the first three ranked;
- abstain: asks with no good offer that got no suggestion;
- accuracy: all asks whose first suggestion is right, or that correctly got none;
- shown P@1: asks with a good offer whose first *shown* suggestion is one (an abstention
  counts as a miss).
Circles marked `"split": "holdout"` were never used to tune the matcher; they are printed apart.
"Leave one circle out" ranks each tuning circle with weights and a threshold fitted on the
other tuning circles only: the fairest guess of how the matcher does on a circle it has
never seen.
"""

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks._tfidf import tfidf_scores
from circle.core.matching import BIAS, MIN_SCORE, WEIGHTS, MatchIndex, MatchItem
from circle.match_model import load_embedder

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "match_dev.json"
TARGETS = {"P@1": 0.72, "R@3": 0.88, "accuracy": 0.68}


@dataclass(frozen=True)
class Circle:
    """One labelled circle: its items, the gold offers per ask, and whether it tuned the matcher."""

    name: str
    split: str
    items: list[dict[str, object]]
    gold: dict[str, set[str]]
    about: dict[str, str]
    """Each member's business line."""

    def of_kind(self, kind: str) -> list[dict[str, object]]:
        return [item for item in self.items if item["kind"] == kind]


Ranking = dict[str, list[str]]
"""Suggested offer ids per ask id, best first; an empty list is an abstention."""

Scorer = Callable[[Circle], tuple[list[str], list[str], np.ndarray]]
"""Raw scores of one circle: ask ids, offer ids, and a matrix (-inf where a pair is ruled out)."""


def load(path: Path) -> list[Circle]:
    """The dev set as circles."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Circle(
            name=c["name"],
            split=c.get("split", "tune"),
            items=c["items"],
            gold={ask: set(offers) for ask, offers in c["gold"].items()},
            about={m["name"]: m.get("business", "") for m in c.get("members", [])},
        )
        for c in data["circles"]
    ]


def tfidf_scorer(circle: Circle) -> tuple[list[str], list[str], np.ndarray]:
    """TF-IDF cosine over the circle's own texts; a member's own offers are ruled out."""
    asks, offers = circle.of_kind("ask"), circle.of_kind("offer")
    scores = tfidf_scores([str(a["text"]) for a in asks], [str(o["text"]) for o in offers])
    for i, ask in enumerate(asks):
        for j, offer in enumerate(offers):
            if ask["member"] == offer["member"]:
                scores[i, j] = -np.inf
    return [str(a["id"]) for a in asks], [str(o["id"]) for o in offers], scores


def match_items(circle: Circle) -> list[MatchItem]:
    """The circle's items as the matcher takes them, with each member's business line."""
    return [
        MatchItem(
            id=str(i["id"]),
            member=str(i["member"]),
            kind=str(i["kind"]),
            category=i["category"] if isinstance(i["category"], str) else None,
            text=str(i["text"]),
            about=circle.about.get(str(i["member"])) or None,
        )
        for i in circle.items
    ]


def build_indexes(
    circles: Sequence[Circle], weights: np.ndarray = WEIGHTS, bias: float = BIAS
) -> list[MatchIndex]:
    """One matcher index per circle, all items added."""
    indexes = []
    for circle in circles:
        index = MatchIndex(load_embedder(), weights=weights, bias=bias)
        index.extend(match_items(circle))
        indexes.append(index)
    return indexes


def rankings_at(indexes: Sequence[MatchIndex], threshold: float) -> list[Ranking]:
    """What each index suggests with this threshold."""
    rankings = []
    for index in indexes:
        index.min_score = threshold
        suggested = index.suggestions()
        rankings.append({ask: [s.offer for s in found] for ask, found in suggested.items()})
    return rankings


def matcher_rankings(
    circles: Sequence[Circle], threshold: float, weights: np.ndarray = WEIGHTS, bias: float = BIAS
) -> list[Ranking]:
    """The matcher's suggestions for each circle."""
    return rankings_at(build_indexes(circles, weights, bias), threshold)


def rank(
    scored: tuple[list[str], list[str], np.ndarray], threshold: float, top: int = 3
) -> Ranking:
    """Offers at or above the threshold, best first, at most `top` per ask."""
    ask_ids, offer_ids, scores = scored
    ranking: Ranking = {}
    for i, ask in enumerate(ask_ids):
        order = np.argsort(-scores[i], kind="stable")[:top]
        ranking[ask] = [offer_ids[j] for j in order if scores[i, j] >= threshold]
    return ranking


def figures(circles: Sequence[Circle], rankings: Sequence[Ranking]) -> dict[str, float]:
    """P@1, R@3, abstain and accuracy over the given circles."""
    hit1 = hit3 = answered = quiet = empty = right = total = 0
    for circle, ranking in zip(circles, rankings, strict=True):
        for ask, gold in circle.gold.items():
            shown = ranking.get(ask, [])
            total += 1
            if gold:
                answered += 1
                hit1 += bool(shown) and shown[0] in gold
                hit3 += bool(gold.intersection(shown[:3]))
                right += bool(shown) and shown[0] in gold
            else:
                empty += 1
                quiet += not shown
                right += not shown
    return {
        "P@1": hit1 / max(answered, 1),
        "R@3": hit3 / max(answered, 1),
        "abstain": quiet / max(empty, 1),
        "accuracy": right / max(total, 1),
        "asks": total,
    }


def best_threshold(
    scored: Sequence[tuple[list[str], list[str], np.ndarray]], circles: Sequence[Circle]
) -> float:
    """The threshold that maximises accuracy on these circles (a generous choice for a baseline)."""
    finite = np.concatenate([s[2][np.isfinite(s[2])].ravel() for s in scored])
    candidates = np.unique(np.quantile(finite, np.linspace(0.0, 1.0, 401)))
    return float(
        max(candidates, key=lambda t: figures(circles, [rank(s, t) for s in scored])["accuracy"])
    )


def cross_validated(
    scored: Sequence[tuple[list[str], list[str], np.ndarray]], circles: Sequence[Circle]
) -> list[Ranking]:
    """Each circle ranked with the threshold that was best on all the other circles."""
    rankings = []
    for k in range(len(circles)):
        others = [i for i in range(len(circles)) if i != k]
        threshold = best_threshold([scored[i] for i in others], [circles[i] for i in others])
        rankings.append(rank(scored[k], threshold))
    return rankings


def _left_out_lines(tune: Sequence[Circle]) -> list[str]:
    """The matcher on each tuning circle with weights and threshold fitted on the others."""
    from benchmarks._fit import left_out  # the fit reads this module's helpers

    found = left_out(tune)
    lines = [
        row(
            "circle matcher, leave one circle out (tune circles)",
            tune,
            [f[0] for f in found],
            [f[1] for f in found],
        )
    ]
    for circle, (ranked, shown, threshold) in zip(tune, found, strict=True):
        label = f"  {circle.name[:38]} (t={threshold:.2f})"
        lines.append(row(label, [circle], [ranked], [shown]))
    return lines


def row(
    label: str, circles: Sequence[Circle], ranked: Sequence[Ranking], shown: Sequence[Ranking]
) -> str:
    """P@1 and R@3 of the ranking; abstain, accuracy and P@1 of what the threshold lets through."""
    r, f = figures(circles, ranked), figures(circles, shown)
    return (
        f"{label:<54} {r['P@1']:>5.2f} {r['R@3']:>5.2f} {f['abstain']:>8.2f} "
        f"{f['accuracy']:>9.2f} {f['P@1']:>10.2f} {int(f['asks']):>5}"
    )


def report_method(
    name: str, circles: Sequence[Circle], ranked: Sequence[Ranking], shown: Sequence[Ranking]
) -> list[str]:
    """One line for all circles, then the tuning and the held-out circles apart."""
    lines = [row(name, circles, ranked, shown)]
    for split in ("tune", "holdout"):
        picked = [i for i, c in enumerate(circles) if c.split == split]
        if picked and len(picked) < len(circles):
            lines.append(
                row(
                    f"  {split} circles only",
                    [circles[i] for i in picked],
                    [ranked[i] for i in picked],
                    [shown[i] for i in picked],
                )
            )
    return lines


def main(argv: Sequence[str]) -> None:
    path = Path(argv[0]) if argv else DEV
    circles = load(path)
    asks = sum(len(c.gold) for c in circles)
    print(f"match quality on {path.name}: {asks} asks, {len(circles)} circles")
    print("P@1, R@3: the ranking; abstain, accuracy, shown P@1: after the threshold")
    print(
        f"{'method':<54} {'P@1':>5} {'R@3':>5} {'abstain':>8} {'accuracy':>9} "
        f"{'shown P@1':>10} {'asks':>5}"
    )
    lines: list[str] = []
    tfidf = [tfidf_scorer(c) for c in circles]
    tfidf_ranked = [rank(s, -np.inf) for s in tfidf]
    t = best_threshold(tfidf, circles)
    lines += report_method(
        f"TF-IDF cosine, its best threshold here ({t:.3f})",
        circles,
        tfidf_ranked,
        [rank(s, t) for s in tfidf],
    )
    lines += report_method(
        "TF-IDF cosine, threshold cross-validated by circle",
        circles,
        tfidf_ranked,
        cross_validated(tfidf, circles),
    )
    indexes = build_indexes(circles)
    ranked = rankings_at(indexes, 0.0)
    lines += report_method(
        f"circle matcher, shipped threshold ({MIN_SCORE:.2f})",
        circles,
        ranked,
        rankings_at(indexes, MIN_SCORE),
    )
    lines += _left_out_lines([c for c in circles if c.split == "tune"])
    print("\n".join(lines))
    p1, r3, acc = TARGETS["P@1"], TARGETS["R@3"], TARGETS["accuracy"]
    print(f"{'targets':<54} {p1:>5.2f} {r3:>5.2f} {'':>8} {acc:>9.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
