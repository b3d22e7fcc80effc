"""How fast matching is, next to a plain TF-IDF cosine matcher timed in the same run.

Run from the repository root: `python -m benchmarks.match_speed`. Targets: a full re-rank
of 300 asks × 300 offers ≤ 20 ms; one added item ≤ 5 ms with 300 of each present; a
10,000 × 10,000 pool from its raw texts to the top 5 per ask ≤ 3 s and ≤ 1 GB peak
memory. The pool line counts everything: reading the 20,000 texts (text analysed,
vectors looked up) and ranking them; the two parts are printed below it, with the CPU
time the whole took (wall time on a shared machine also counts waiting for a core). A
pool this big is shared with forked workers on the second core (`circle.core.match_split`:
one reads nearly half the texts, then every text's stated limits, while the index reads
the rest; another ranks half the asks while the index ranks the others): its CPU time and
peak memory count the workers too, so they add up the processes (the peak memory adds the
largest worker's, which counts the pages it shares with this process).
Each figure is the median of several runs; each pool run is a fresh process, so its
peak memory is its own. The load average is printed before and after: compare the
matcher with the TF-IDF reference measured in the same run, not across runs.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import numpy as np

from benchmarks._pool import pool
from benchmarks._tfidf import tfidf_scores, tfidf_vectors
from circle.core.matching import MatchIndex, MatchItem
from circle.match_model import load_embedder

POOL = 10_000
POOL_RUNS = 3


def median_ms(run: Callable[[], object], repeat: int = 15) -> float:
    """The median wall time of `run`, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def tfidf_top(asks: list[str], offers: list[str], top: int) -> np.ndarray:
    """The TF-IDF matcher: vectors for both sides, cosine, best offers per ask."""
    scores = tfidf_scores(asks, offers)
    return np.argsort(-scores, axis=1)[:, :top]


def circle_of_300() -> tuple[MatchIndex, list[MatchItem]]:
    items = pool(300, 300)
    index = MatchIndex(load_embedder())
    index.extend(items)
    index.suggestions()
    return index, items


def load_time() -> tuple[float, float]:
    """Model load (fresh each time) against fitting TF-IDF on the 600 texts of the circle."""
    texts = [item.text for item in pool(300, 300)]

    def load() -> None:
        load_embedder.cache_clear()
        load_embedder()

    return median_ms(load, 5), median_ms(lambda: tfidf_vectors(texts), 5)


def rerank_time() -> tuple[float, float]:
    index, items = circle_of_300()
    asks = [i.text for i in items if i.kind == "ask"]
    offers = [i.text for i in items if i.kind == "offer"]

    def rerank() -> None:
        index.rerank()
        index.suggestions()

    return median_ms(rerank), median_ms(lambda: tfidf_top(asks, offers, 3))


def add_time() -> tuple[float, float, float]:
    """One new ask, one new offer (each then withdrawn), with suggestions updated."""
    index, items = circle_of_300()
    extra = pool(40, 40, seed=11, prefix="new-")
    new_asks = iter(i for i in extra if i.kind == "ask")
    new_offers = iter(i for i in extra if i.kind == "offer")
    asks = [i.text for i in items if i.kind == "ask"]
    offers = [i.text for i in items if i.kind == "offer"]

    def add(items: Iterator[MatchItem]) -> float:
        """Milliseconds to add the next item and get every suggestion again (then undo it)."""
        item = next(items)
        start = time.perf_counter()
        index.add(item)
        index.suggestions()
        took = (time.perf_counter() - start) * 1000
        index.withdraw(item.id)
        return took

    return (
        statistics.median(add(new_asks) for _ in range(30)),
        statistics.median(add(new_offers) for _ in range(30)),
        median_ms(lambda: tfidf_top([*asks, "Need a lawyer to check my lease."], offers, 3)),
    )


def pool_run(method: str) -> dict[str, float]:
    """In this process: from a 10k × 10k pool's raw texts to the top 5 per ask."""
    items = pool(POOL, POOL)
    start, cpu = time.perf_counter(), _cpu_s()
    if method == "circle":
        index = MatchIndex(load_embedder(), top=5)
        index.extend(items)
        found = index.suggestions()
        total, total_cpu = time.perf_counter() - start, _cpu_s() - cpu
        assert len(found) == POOL
        start = time.perf_counter()
        index.rerank()  # the same ranking again, now timed on its own
        index.suggestions()
        rank = time.perf_counter() - start
        return _figures(total, total_cpu, rank)
    asks = [i.text for i in items if i.kind == "ask"]
    offers = [i.text for i in items if i.kind == "offer"]
    vectors = tfidf_vectors([*asks, *offers])
    read = time.perf_counter() - start
    for first in range(0, POOL, 1000):
        scores = vectors[first : first + 1000] @ vectors[POOL:].T
        np.argpartition(-scores, 5, axis=1)[:, :5]
    total, total_cpu = time.perf_counter() - start, _cpu_s() - cpu
    return _figures(total, total_cpu, total - read)


def _figures(total: float, cpu: float, rank: float) -> dict[str, float]:
    return {
        "total_s": total,
        "cpu_s": cpu,
        "read_s": total - rank,
        "rank_s": rank,
        "peak_mb": _peak_mb(),
    }


def _cpu_s() -> float:
    """CPU seconds of this process and of the workers it has waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _peak_mb() -> float:
    """Peak memory of this process plus that of its largest worker (an upper bound)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + workers) / 1024


def pool_figures(method: str) -> dict[str, float]:
    """The median of each figure over a few fresh processes."""
    runs = [_pool_once(method) for _ in range(POOL_RUNS)]
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def _pool_once(method: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.match_speed", "--pool", method],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    if sys.argv[1:2] == ["--pool"]:
        print(json.dumps(pool_run(sys.argv[2])))
        return
    print(f"load average (1, 5, 15 min) before: {load_average()}")
    rows = []
    load, fit = load_time()
    rows.append(
        ("model load (vectors from the package)", f"{load:.0f} ms", f"fit {fit:.0f} ms", "")
    )
    rerank, tfidf = rerank_time()
    rows.append(
        ("full re-rank, 300 asks × 300 offers", f"{rerank:.1f} ms", f"{tfidf:.1f} ms", "≤ 20 ms")
    )
    ask, offer, tfidf = add_time()
    rows.append(("one added ask, 300 × 300 present", f"{ask:.2f} ms", f"{tfidf:.1f} ms", "≤ 5 ms"))
    rows.append(
        ("one added offer, 300 × 300 present", f"{offer:.2f} ms", f"{tfidf:.1f} ms", "≤ 5 ms")
    )
    ours, theirs = pool_figures("circle"), pool_figures("tfidf")
    rows.append(
        (
            f"{POOL:,} × {POOL:,} pool, raw texts to top 5",
            f"{ours['total_s']:.2f} s",
            f"{theirs['total_s']:.2f} s",
            "≤ 3 s",
        )
    )
    for label, key in (
        ("  of which reading its 20,000 texts", "read_s"),
        ("  of which ranking them", "rank_s"),
        ("  CPU time of the whole", "cpu_s"),
    ):
        rows.append((label, f"{ours[key]:.2f} s", f"{theirs[key]:.2f} s", ""))
    rows.append(
        (
            "  peak memory of that process and its worker",
            f"{ours['peak_mb']:.0f} MB",
            f"{theirs['peak_mb']:.0f} MB",
            "≤ 1024 MB",
        )
    )
    print(f"{'what':<48} {'circle':>10} {'TF-IDF':>12} {'target':>10}")
    for label, mine, reference, target in rows:
        print(f"{label:<48} {mine:>10} {reference:>12} {target:>10}")
    print(f"load average (1, 5, 15 min) after: {load_average()}")


if __name__ == "__main__":
    main()
