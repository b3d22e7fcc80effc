"""Matching finds the offer that answers an ask, says why, and stays quiet when nothing fits."""

import json
import random
from pathlib import Path

import pytest

from circle.core.matching import MatchIndex, MatchItem, Suggestion, rank_pool
from circle.match_model import load_embedder


def index_of(*items: tuple[str, str, str, str | None, str]) -> MatchIndex:
    index = MatchIndex(load_embedder())
    index.extend(MatchItem(*item) for item in items)
    return index


def offers_for(index: MatchIndex, ask_id: str) -> list[str]:
    return [s.offer for s in index.suggestions_for(ask_id)]


def test_a_paraphrase_with_no_shared_words_still_finds_the_lawyer() -> None:
    index = index_of(
        ("a1", "Dana", "ask", None, "Need someone to look over my contract before I sign."),
        ("o1", "Lee", "offer", None, "I'm a lawyer, happy to review agreements for members."),
        ("o2", "Sam", "offer", None, "Happy to look over your website and tell you what's off."),
    )
    assert offers_for(index, "a1")[0] == "o1"


def test_an_accountant_is_found_for_a_bookkeeping_mess() -> None:
    index = index_of(
        ("a1", "Rae", "ask", None, "My books are a mess and tax season is coming. Who can help?"),
        ("o1", "Priya", "offer", None, "CPA here: 30 minutes free on bookkeeping or entity setup."),
        ("o2", "Jo", "offer", None, "Free plant install for any member's storefront."),
    )
    assert offers_for(index, "a1") == ["o1"]


def test_a_wrong_kind_label_does_not_outweigh_what_the_texts_say() -> None:
    index = index_of(
        ("a1", "Dana", "ask", "podcast", "Need someone to look over my contract before I sign."),
        ("o1", "Lee", "offer", "advice", "I'm a lawyer, happy to review agreements for members."),
        ("o2", "Sam", "offer", "podcast", "Happy to lend my podcast mic and recorder to members."),
    )
    assert offers_for(index, "a1")[0] == "o1"


def test_an_offer_that_reads_as_a_request_is_never_served() -> None:
    index = index_of(
        ("a1", "Ed", "ask", None, "Anyone know a good accountant? Mine just retired."),
        ("o1", "Fi", "offer", None, "Anyone know a good accountant? Ours quit last week."),
    )
    assert offers_for(index, "a1") == []


def test_someone_wanting_to_be_a_guest_is_not_served_another_would_be_guest() -> None:
    index = index_of(
        ("a1", "Ana", "ask", "podcast", "Would love a guest spot on a marketing podcast."),
        ("o1", "Bo", "offer", "podcast", "I'd love to be a guest on marketing podcasts."),
    )
    assert offers_for(index, "a1") == []


def test_a_request_for_a_speaker_filed_as_an_offer_is_an_offer_of_a_stage() -> None:
    index = index_of(
        ("a1", "Di", "ask", "speaking", "Want to speak at a local business event about cash flow."),
        ("o1", "Cy", "offer", "speaking", "I need a speaker for our small-business breakfast."),
    )
    assert offers_for(index, "a1") == ["o1"]


def test_two_members_looking_for_a_speaker_are_not_matched() -> None:
    index = index_of(
        ("a1", "Ev", "ask", None, "Need a speaker on remote hiring for our November workshop."),
        ("o1", "Bas", "offer", None, "We need a speaker for our Berlin meetup in October."),
    )
    assert offers_for(index, "a1") == []


def test_a_member_wanting_to_meet_buyers_is_served_by_someone_who_knows_them() -> None:
    index = index_of(
        (
            "a1",
            "Ana",
            "ask",
            None,
            "Trying to meet restaurant owners in Austin for my linen service. Anyone connected?",
        ),
        (
            "o1",
            "Bo",
            "offer",
            None,
            "I know dozens of Austin restaurant owners and can introduce you if your service "
            "is good.",
        ),
    )
    assert offers_for(index, "a1") == ["o1"]


def test_a_member_needing_someone_to_give_a_talk_is_served_by_a_speaker() -> None:
    index = index_of(
        ("a1", "June", "ask", None, "Need someone to give a talk on contracts at our night."),
        ("o1", "Sam", "offer", None, "Available to speak on contract clauses owners get wrong."),
    )
    assert offers_for(index, "a1") == ["o1"]


def test_someone_who_speaks_a_language_is_not_served_a_speaker_at_events() -> None:
    index = index_of(
        ("a1", "Owen", "ask", None, "Need someone who speaks Portuguese to call a supplier."),
        ("o1", "Sam", "offer", None, "Available to speak at your event on contract basics."),
        ("o2", "Ana", "offer", None, "Native Portuguese speaker, happy to make calls for members."),
    )
    assert offers_for(index, "a1") == ["o2"]


def test_a_guest_spot_is_not_served_to_a_member_who_does_not_want_one() -> None:
    index = index_of(
        (
            "a1",
            "Ana",
            "ask",
            None,
            "Small business owner here, cash flow is tight every winter. How do other owners "
            "handle money?",
        ),
        (
            "o1",
            "Bo",
            "offer",
            None,
            "Our money podcast is booking guests: owners who talk honestly about cash flow.",
        ),
    )
    assert offers_for(index, "a1") == []


def test_a_member_offering_to_speak_serves_an_event_that_needs_a_speaker() -> None:
    index = index_of(
        ("a1", "Ev", "ask", None, "Need a speaker on remote hiring for our November workshop."),
        ("o1", "Nad", "offer", None, "Available to speak at your event on remote hiring."),
    )
    assert offers_for(index, "a1") == ["o1"]


def test_an_offer_to_pass_clients_on_serves_a_member_looking_for_clients_only() -> None:
    index = index_of(
        ("a1", "Lars", "ask", None, "Looking for a therapist I can refer burned-out managers to."),
        ("a2", "Rosa", "ask", None, "Building my therapy caseload, referrals welcome."),
        ("o1", "Tamar", "offer", None, "Some of my clients need a therapist. I'll refer them."),
    )
    assert offers_for(index, "a1") == []
    assert offers_for(index, "a2") == ["o1"]


@pytest.mark.parametrize(
    ("ask", "offer"),
    [
        ("Need help with my books in QuickBooks, NOT Xero.", "Happy to set up Xero bookkeeping."),
        ("Looking for a website refresh, not looking for SEO.", "Free SEO audit of your website."),
        ("Need commercial cleaning for our Denver office.", "Office cleaning, metro Atlanta only."),
        (
            "Looking for a caterer for a 150-person gala.",
            "Catering for member events, up to 60 people.",
        ),
        (
            "Need our menu translated into Haitian Creole.",
            "Hablo español: I translate menus and signs.",
        ),
        (
            "Walk-in cooler is making a grinding noise.",
            "Free HVAC check. I don't do walk-ins, sorry.",
        ),
        ("Need a printer for 100 custom boxes.", "Intro to my box printer, minimum run of 250."),
    ],
)
def test_a_negation_or_stated_limit_rules_the_pair_out(ask: str, offer: str) -> None:
    index = index_of(("a1", "Ana", "ask", None, ask), ("o1", "Bo", "offer", None, offer))
    assert offers_for(index, "a1") == []


def test_a_member_is_never_matched_with_themself() -> None:
    index = index_of(
        ("a1", "Ana", "ask", None, "Need someone to review my contract with a new supplier."),
        ("o1", "Ana", "offer", None, "I'll review any contract for members, I'm a lawyer."),
    )
    assert offers_for(index, "a1") == []


@pytest.mark.parametrize("ask", ["Help?", "Need a Portuguese-speaking welder in Lisbon by Friday."])
def test_a_vague_or_unanswerable_ask_gets_no_suggestion(ask: str) -> None:
    index = index_of(
        ("a1", "Bo", "ask", None, ask),
        ("o1", "Di", "offer", None, "Free Instagram audit for your shop."),
        ("o2", "Ed", "offer", None, "I'll review one contract for any member."),
    )
    assert offers_for(index, "a1") == []


def test_first_places_spread_over_givers_who_fit_nearly_as_well() -> None:
    index = index_of(
        ("a1", "Ana", "ask", None, "Need product photos for my new candle line."),
        ("a2", "Bo", "ask", None, "Need product photos for my new candle range."),
        (
            "o1",
            "Di",
            "offer",
            None,
            "Product photography for members at a discount, white background.",
        ),
        (
            "o2",
            "Ed",
            "offer",
            None,
            "Product photography for members at a discount, on a white backdrop.",
        ),
    )
    firsts = {index.suggestions_for(a)[0].giver for a in ("a1", "a2")}
    assert firsts == {"Di", "Ed"}
    assert all(len(index.suggestions_for(a)) == 2 for a in ("a1", "a2")), "alternatives stay listed"


def test_a_clearly_better_giver_keeps_first_place_however_busy() -> None:
    index = index_of(
        ("a1", "Ana", "ask", None, "Need product photos for my new candle line."),
        ("a2", "Bo", "ask", None, "Need product photos for my new mug range."),
        (
            "o1",
            "Di",
            "offer",
            None,
            "Product photography for members at a discount, white background.",
        ),
        ("o2", "Ed", "offer", None, "Happy to lend my old tripod."),
    )
    assert [index.suggestions_for(a)[0].giver for a in ("a1", "a2")] == ["Di", "Di"]


def test_the_reason_quotes_both_members_own_words() -> None:
    index = index_of(
        (
            "a1",
            "Dana Ruiz",
            "ask",
            None,
            "Can someone sanity-check a licensing agreement before I sign?",
        ),
        ("o1", "Lee Park", "offer", None, "I'll look over one contract for any member. No charge."),
    )
    why = index.suggestions_for("a1")[0].why
    assert why.startswith("Lee offers “I'll look over one contract for any member.”")
    assert "Dana asks “Can someone sanity-check a licensing agreement before I sign?”" in why
    assert "contracts" in why


def test_the_reason_is_one_line_without_scores() -> None:
    index = index_of(
        ("a1", "Ana", "ask", None, "Need product photos for my candles.\nWhite background please."),
        (
            "o1",
            "Di",
            "offer",
            None,
            "Product photography for members:\nwhite background, half price.",
        ),
    )
    why = index.suggestions_for("a1")[0].why
    assert "\n" not in why
    assert "0." not in why


def test_adding_items_one_by_one_gives_the_same_suggestions_as_all_at_once() -> None:
    items = [
        MatchItem("a1", "Ana", "ask", None, "Need product photos for my new candle line."),
        MatchItem("o1", "Di", "offer", None, "Product photography for members, white background."),
        MatchItem("a2", "Bo", "ask", None, "Need someone to look over my contract."),
        MatchItem("o2", "Lee", "offer", None, "I'm a lawyer, happy to review agreements."),
        MatchItem("o3", "Ed", "offer", None, "Free Instagram audit for your shop."),
    ]
    live = MatchIndex(load_embedder())
    for item in items:
        live.add(item)
    bulk = MatchIndex(load_embedder())
    bulk.extend(items)
    assert live.suggestions() == bulk.suggestions()


def test_withdrawing_an_offer_takes_it_out_of_every_suggestion() -> None:
    index = index_of(
        ("a1", "Dana", "ask", None, "Need someone to look over my contract."),
        ("o1", "Lee", "offer", None, "I'm a lawyer, happy to review agreements."),
    )
    index.withdraw("o1")
    assert index.suggestions() == {"a1": []}


def test_editing_an_ask_updates_its_suggestions() -> None:
    index = index_of(
        ("a1", "Dana", "ask", None, "Need someone to look over my contract."),
        ("o1", "Lee", "offer", None, "I'm a lawyer, happy to review agreements."),
        ("o2", "Di", "offer", None, "Product photography for members, white background."),
    )
    index.edit(MatchItem("a1", "Dana", "ask", None, "Need product photos for my candles."))
    assert offers_for(index, "a1")[0] == "o2"


def test_editing_an_offer_moves_it_to_the_asks_it_now_answers() -> None:
    index = index_of(
        ("a1", "Dana", "ask", None, "Need someone to look over my contract."),
        ("a2", "Ana", "ask", None, "Need product photos for my candles."),
        ("o1", "Lee", "offer", None, "Happy to lend my old tripod."),
    )
    assert offers_for(index, "a1") == []
    index.edit(MatchItem("o1", "Lee", "offer", None, "I'm a lawyer, happy to review agreements."))
    assert offers_for(index, "a1") == ["o1"]
    assert offers_for(index, "a2") == []


def test_withdrawing_an_ask_drops_it_and_its_suggestions() -> None:
    index = index_of(
        ("a1", "Dana", "ask", None, "Need someone to look over my contract."),
        ("o1", "Lee", "offer", None, "I'm a lawyer, happy to review agreements."),
    )
    index.withdraw("a1")
    assert index.suggestions() == {}
    assert "a1" not in index


def test_a_duplicate_id_or_an_unknown_kind_is_refused() -> None:
    index = index_of(("a1", "Dana", "ask", None, "Need someone to look over my contract."))
    with pytest.raises(ValueError, match="already"):
        index.add(MatchItem("a1", "Dana", "ask", None, "Again"))
    with pytest.raises(ValueError, match="ask or an offer"):
        index.add(MatchItem("x1", "Dana", "commitment", None, "Call Lee"))


def test_rank_pool_lists_suggestions_best_first_per_ask() -> None:
    found = rank_pool(
        [
            MatchItem("a1", "Ana", "ask", None, "Need product photos for my candles."),
            MatchItem("o1", "Di", "offer", None, "Product photography, white background."),
            MatchItem("o2", "Ed", "offer", None, "Product shots for members at a discount."),
        ],
        load_embedder(),
    )
    assert all(isinstance(s, Suggestion) for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert all(0.0 <= s.score <= 1.0 for s in found)


def test_a_pool_built_item_by_item_in_any_order_matches_one_built_at_once() -> None:
    data = json.loads((Path(__file__).parents[1] / "data" / "match_dev.json").read_text())
    circle = max(data["circles"], key=lambda c: len(c["items"]))
    items = [
        MatchItem(i["id"], i["member"], i["kind"], i["category"], i["text"])
        for i in circle["items"]
    ]
    random.Random(3).shuffle(items)
    live = MatchIndex(load_embedder())
    for item in items:
        live.add(item)
    for item in items[:10]:
        live.withdraw(item.id)
    for item in items[:10]:
        live.add(item)
    bulk = MatchIndex(load_embedder())
    bulk.extend(items)
    assert len(live) == len(items)
    assert live.suggestions() == bulk.suggestions()
