"""Texts are read for what their words mean, not for what they look like.

A customer is no custom order, leaders are no sales leads, "them" is no website theme;
someone who speaks Portuguese speaks a language, not at events; and an ask for someone
to give a talk wants a speaker rather than a stage.
"""

import pytest

from circle.core.match_stance import read_stance
from circle.core.match_text import concepts_in, plain, stem, stems_of


def concepts(text: str) -> set[str]:
    return set(concepts_in(stems_of(text)))


@pytest.mark.parametrize(
    ("word", "other"),
    [("customers", "custom"), ("leaders", "leads"), ("founder", "found"), ("workers", "work")],
)
def test_a_noun_in_er_keeps_its_ending(word: str, other: str) -> None:
    assert stem(word) != stem(other)


def test_agent_nouns_still_meet_their_verbs() -> None:
    assert stem("speakers") == stem("speaking")
    assert stem("designer") == stem("design")
    assert stem("bookkeepers") == stem("bookkeeping")


def test_a_custom_order_is_not_about_customers() -> None:
    assert "clients" not in concepts("Need a custom bracket for my light tent.")
    assert "clients" in concepts("Want more customers this spring.")


def test_them_is_not_a_website_theme() -> None:
    assert "website" not in concepts("Send them my way, happy to help.")
    assert "website" in concepts("Need a new Shopify theme.")


@pytest.mark.parametrize(
    "text", ["Need someone who speaks Portuguese.", "Anyone speaking fluent Portuguese?"]
)
def test_speaking_a_language_reads_as_fluency(text: str) -> None:
    low = plain(text)
    assert "fluent portuguese" in low
    assert "speak" not in low


def test_speaking_at_events_is_left_as_it_is() -> None:
    assert "speak" in plain("I speak at events about cash flow.")


def test_an_ask_for_someone_to_give_a_talk_seeks_a_speaker() -> None:
    stance = read_stance("Need someone to give a talk on contracts at our night.", "ask")
    assert stance.seeks_talent
    assert not stance.pitch


def test_an_ask_to_give_a_talk_oneself_wants_a_stage() -> None:
    stance = read_stance("Would love to give a talk to local owners about video.", "ask")
    assert stance.pitch
    assert not stance.seeks_talent
