"""Synthetic pools for the speed benchmarks, drawn from the dev set's own texts."""

import json
import random
from pathlib import Path

from circle.core.matching import MatchItem

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "match_dev.json"
TAILS = [
    "thanks all",
    "happy to chat",
    "ping me",
    "any time",
    "this month",
    "this spring",
    "next quarter",
    "ideally soon",
    "no rush",
    "open to ideas",
    "DM me",
    "cheers",
    "most weekdays",
    "after 5pm",
    "online is fine",
    "in person works",
    "short notice ok",
    "for a friend",
    "for my team",
    "for a client",
]


def pool(asks: int, offers: int, seed: int = 7, prefix: str = "") -> list[MatchItem]:
    """`asks` asks and `offers` offers: dev texts with a varied tail, spread over members."""
    rng = random.Random(seed)
    data = json.loads(DEV.read_text(encoding="utf-8"))
    texts = {"ask": [], "offer": []}  # type: dict[str, list[str]]
    businesses = [m["business"] for c in data["circles"] for m in c["members"]]
    for circle in data["circles"]:
        for item in circle["items"]:
            texts[item["kind"]].append(item["text"])
    members = max(3, (asks + offers) // 6)
    items = []
    for kind, count in (("ask", asks), ("offer", offers)):
        for k in range(count):
            member = rng.randrange(members)
            tail = ", ".join(rng.sample(TAILS, 2))
            items.append(
                MatchItem(
                    id=f"{prefix}{kind}-{k}",
                    member=f"Member {member}",
                    kind=kind,
                    category=None,
                    text=f"{rng.choice(texts[kind])} ({tail})",
                    # Each member has a line of their own, as in a real pool.
                    about=f"{businesses[member % len(businesses)]} (member {member})",
                )
            )
    return items
