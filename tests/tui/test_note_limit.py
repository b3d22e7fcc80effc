"""A note that is full is cut between the characters a reader sees: never inside an emoji,
a flag or an accented letter, whichever limit (characters or bytes) it reaches."""

import pytest

from circle.tui.widgets.notes import _fitting, wire_size

CLUSTERS = {
    "a family joined by zero-width joiners": "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "a flag (two regional indicators)": "\U0001f1eb\U0001f1f7",
    "a thumbs up with a skin tone": "\U0001f44d\U0001f3fd",
    "a heart with its emoji variation selector": "\u2764\ufe0f",
    "a letter with a combining accent": "e\u0301",
    "a keycap": "1\ufe0f\u20e3",
    "a rainbow flag (an emoji, a variation selector, a joiner, an emoji)": "\U0001f3f3\ufe0f"
    "\u200d\U0001f308",
    "a half-width katakana with its sound mark": "\uff76\uff9e",
    "a line end (CR LF)": "\r\n",
    "a subdivision flag (tag characters)": "\U0001f3f4\U000e0067\U000e0062\U000e0077"
    "\U000e006c\U000e0073\U000e007f",
}


@pytest.mark.parametrize("cluster", CLUSTERS.values(), ids=list(CLUSTERS))
def test_a_cut_by_characters_keeps_only_whole_clusters(cluster: str) -> None:
    text = "ab" + cluster * 5
    for room in range(len(text) + 1):
        whole = "ab" + cluster * ((room - 2) // len(cluster)) if room >= 2 else text[:room]
        assert _fitting(text, room, 10**6) == whole


@pytest.mark.parametrize("cluster", CLUSTERS.values(), ids=list(CLUSTERS))
def test_a_cut_by_bytes_keeps_only_whole_clusters(cluster: str) -> None:
    text = cluster * 5
    for room in range(wire_size(text) + 1):
        kept = _fitting(text, 10**6, room)
        assert wire_size(kept) <= room
        assert kept == cluster * (room // wire_size(cluster))


def test_plain_text_is_cut_exactly_at_the_limit() -> None:
    assert _fitting("Ana sold out on Saturday", 8, 10**6) == "Ana sold"
    assert _fitting("Ana sold out on Saturday", 10**6, 8) == "Ana sold"


def test_a_joiner_between_letters_joins_nothing_after_it() -> None:
    assert _fitting("a\u200db", 2, 10**6) == "a\u200d"
