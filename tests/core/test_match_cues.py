"""Quick looks that let the matcher skip work change nothing it reads.

A cue runs its pattern only on texts holding one of its keys, and places are looked for
only under the names whose words a text holds; on every text of the dev set, and on
texts made to trip them, both find exactly what the plain search finds.
"""

import json
import re
from pathlib import Path

import pytest

from circle.core import match_stance
from circle.core.match_cues import Cue, required_keys
from circle.core.match_limits import LETTERS, PLACE_NAMES, named_places
from circle.core.match_read import KIND_CUES
from circle.core.match_text import plain

DEV = Path(__file__).parents[1] / "data" / "match_dev.json"
TRICKY = [
    "I'd love to be a guest on podcasts.",
    "Happy to come on your show; I do keynotes too.",
    "unpaid intern, not freelance",
    "New York, york, new york city; Kansas City, Kansas",
    "in l.a. next week, l.a.x, St. Louis or saint louis",
    "Washington DC, Washington state, Portland Maine, ohio2 ohio_x ohio",
    "",
]


def dev_texts() -> list[str]:
    data = json.loads(DEV.read_text(encoding="utf-8"))
    texts = [i["text"] for c in data["circles"] for i in c["items"]]
    businesses = [m.get("business", "") for c in data["circles"] for m in c.get("members", [])]
    return [plain(t) for t in [*texts, *businesses, *TRICKY]]


STANCE_CUES = {name: value for name, value in vars(match_stance).items() if isinstance(value, Cue)}
HELP_CUES = {kind: cue for kind, _phrases, cue in KIND_CUES if cue is not None}


@pytest.mark.parametrize("cue", [*STANCE_CUES.values(), *HELP_CUES.values()])
def test_a_cue_finds_exactly_what_its_pattern_finds(cue: Cue) -> None:
    for text in dev_texts():
        found, plain_found = cue.search(text), cue.pattern.search(text)
        assert (found and found.span()) == (plain_found and plain_found.span()), text
        assert bool(cue.match(text)) == bool(cue.pattern.match(text)), text


def test_every_match_holds_one_of_the_keys() -> None:
    cues = [c for c in [*STANCE_CUES.values(), *HELP_CUES.values()] if c.keys is not None]
    assert len(cues) >= 5, "most cues have keys to look for"
    for cue in cues:
        assert cue.keys is not None
        for text in dev_texts():
            for m in cue.pattern.finditer(text):
                assert any(key in m.group(0) for key in cue.keys), (cue.pattern.pattern, text)


@pytest.mark.parametrize(
    ("pattern", "keys"),
    [
        (r"\b(happy to|glad to)\b", {"happy to", "glad to"}),
        (r"\d+ min talk on", {" min talk on"}),
        (r"(?:podcast|fun|great) guest|guests?", {"guest"}),
        (r"talks?|speak(?:er|ing)+", {"talk", "speak"}),
    ],
)
def test_the_keys_are_the_longest_strings_every_match_needs(pattern: str, keys: set[str]) -> None:
    assert required_keys(re.compile(pattern)) == keys


@pytest.mark.parametrize("pattern", [r"\bno\b", r"a?bc", r"\d+", r"x*y|zzz", r"(?i)hello"])
def test_a_pattern_without_safe_keys_is_always_searched(pattern: str) -> None:
    assert Cue(pattern).keys is None
    assert bool(Cue(pattern).search("No hello 12 y")) == bool(re.search(pattern, "No hello 12 y"))


def test_places_named_in_a_text_are_those_a_search_for_every_name_finds() -> None:
    every_name = re.compile(
        r"\b(" + "|".join(re.escape(p) for p in PLACE_NAMES if len(p) > 2) + r")\b"
    )
    texts = [*dev_texts(), *(plain(f"{p} and {p}") for p in PLACE_NAMES)]
    for text in texts:
        expected = {m.group(1) for m in every_name.finditer(text)}
        assert named_places(text, LETTERS.findall(text)) == expected, text
