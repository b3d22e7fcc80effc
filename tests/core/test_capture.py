"""A quick-capture line files an ask, offer or commitment for the speaker or a named member."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.core.capture import (
    HELP_KINDS,
    TEXT_MAX,
    Captured,
    CaptureError,
    Member,
    find_member,
    infer_help,
    parse_capture,
)

ROSTER = [
    Member("ana", "Ana Lucia Ruiz"),
    Member("andre", "Andre Blanc"),
    Member("jl", "Jean-Luc Picard"),
    Member("markup", "[red]x[/red]"),
    Member("bo", "Bo"),
    Member("bob", "Bob Stone"),
]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("a: a wholesale buyer", "ask"),
        ("A: a wholesale buyer", "ask"),
        ("ask: a wholesale buyer", "ask"),
        ("o: I can review your site", "offer"),
        ("offer:I can review your site", "offer"),
        ("c: call three clients", "commitment"),
        ("commit: call three clients", "commitment"),
    ],
)
def test_the_prefix_says_what_is_filed(line: str, kind: str) -> None:
    captured = parse_capture(line, ROSTER)
    assert captured.kind == kind
    assert captured.member_id is None


def test_a_line_without_a_name_is_for_the_current_speaker() -> None:
    captured = parse_capture("a: an accountant who knows import duties")
    assert captured.member_id is None
    assert captured.text == "an accountant who knows import duties"


def test_a_name_prefix_files_it_for_someone_else() -> None:
    assert parse_capture("@ana o: pricing review", ROSTER).member_id == "ana"
    assert parse_capture("@ANDR a: pricing review", ROSTER).member_id == "andre"


def test_a_later_word_of_the_name_or_an_underscore_for_a_space_also_finds_them() -> None:
    assert parse_capture("@lucia a: x", ROSTER).member_id == "ana"
    assert parse_capture("@ana_lucia a: x", ROSTER).member_id == "ana"
    assert parse_capture("@ruiz a: x", ROSTER).member_id == "ana"
    assert parse_capture("@jean-l a: x", ROSTER).member_id == "jl"


def test_an_exact_name_wins_over_longer_names_it_starts() -> None:
    assert find_member("bo", ROSTER).id == "bo"
    assert find_member("bob", ROSTER).id == "bob"


def test_an_ambiguous_name_lists_who_it_could_be() -> None:
    with pytest.raises(CaptureError, match="could be Ana Lucia Ruiz, Andre Blanc"):
        parse_capture("@an a: x", ROSTER)


def test_an_unknown_name_says_nobody_present_is_called_that() -> None:
    with pytest.raises(CaptureError, match="nobody present is called @zed"):
        parse_capture("@zed a: x", ROSTER)
    with pytest.raises(CaptureError, match="write a name after @"):
        parse_capture("@ a: x", ROSTER)


def test_a_name_that_looks_like_markup_is_just_a_name() -> None:
    assert parse_capture("@[red] o: a crate of wine", ROSTER).member_id == "markup"


def test_a_tag_gives_the_kind_of_help_and_leaves_the_text() -> None:
    captured = parse_capture("a: someone at the food fair #intro please", ROSTER)
    assert captured.help == "intro"
    assert captured.text == "someone at the food fair please"


def test_a_tag_may_be_a_clear_abbreviation() -> None:
    assert parse_capture("o: let's build a bundle #collab").help == "collaboration"
    assert parse_capture("o: let's build a bundle #COLLAB").help == "collaboration"


def test_the_kind_of_help_is_inferred_from_the_words_when_not_given() -> None:
    assert parse_capture("a: a podcast to guest on").help == "podcast"
    assert parse_capture("o: I can give feedback on your deck").help == "advice"
    assert parse_capture("a: who can introduce me to a buyer at Fenwick").help == "intro"
    assert parse_capture("a: something vague").help is None


def test_commitments_have_no_kind_of_help_unless_given() -> None:
    assert parse_capture("c: introduce Bo to my printer").help is None
    assert parse_capture("c: introduce Bo to my printer #intro").help == "intro"


def test_the_private_tag_marks_an_item_private() -> None:
    captured = parse_capture("a: help with my overdraft #private #advice")
    assert captured.private
    assert captured.help == "advice"
    assert captured.text == "help with my overdraft"


def test_a_number_after_a_hash_is_text_not_a_tag() -> None:
    assert parse_capture("c: ship issue #12 by Friday").text == "ship issue #12 by Friday"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "start with a:"),
        ("hello there", "start with a:"),
        ("x: something", "start with a:"),
        ("a something", "start with a:"),
        ("a:", "nothing to file"),
        ("o:   #intro  ", "nothing to file"),
        ("a: x #podcats", "#podcats is not a kind of help"),
        ("a: x #in", "#in is not a kind of help"),
        ("a: x #intro #podcast", "two kinds of help"),
        ("a: " + "x" * (TEXT_MAX + 1), "at most 1000"),
    ],
)
def test_a_line_that_cannot_be_filed_says_what_to_type(line: str, message: str) -> None:
    with pytest.raises(CaptureError, match=message):
        parse_capture(line, ROSTER)


def test_control_characters_and_runs_of_spaces_are_tidied() -> None:
    captured = parse_capture("a:\tan \x1b[31mintro\n\nto   a buyer\x00")
    assert captured.text == "an [31mintro to a buyer"


def test_markup_in_the_text_is_kept_as_typed() -> None:
    captured = parse_capture("a: [b]bold[/b] and [@click=app.quit]x[/]")
    assert captured.text == "[b]bold[/b] and [@click=app.quit]x[/]"


def test_every_inferred_kind_is_a_real_kind_of_help() -> None:
    words = ["podcast", "keynote", "client", "connect", "partner", "market research", "templates"]
    assert {infer_help(w) for w in words} <= set(HELP_KINDS)


def _parse_or_message(line: str) -> Captured | str:
    try:
        return parse_capture(line, ROSTER)
    except CaptureError as exc:
        return str(exc)


@given(st.text(max_size=300))
def test_any_garbage_either_files_tidy_text_or_raises_a_capture_error(line: str) -> None:
    captured = _parse_or_message(line)
    if isinstance(captured, str):
        assert captured
        return
    assert 0 < len(captured.text) <= TEXT_MAX
    assert captured.text == captured.text.strip()
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in captured.text)
    assert captured.help is None or captured.help in HELP_KINDS


@given(st.text(min_size=1, max_size=40), st.sampled_from(["a", "o", "c"]), st.text(max_size=80))
def test_garbage_after_an_at_sign_is_a_name_or_a_clear_error(
    name: str, key: str, rest: str
) -> None:
    captured = _parse_or_message(f"@{name} {key}: {rest}")
    if isinstance(captured, str):
        assert captured
        return
    assert captured.member_id in {m.id for m in ROSTER} | {None}


@pytest.mark.parametrize(
    "line",
    [
        "o: @ana o: I can review your pricing page",  # the o key typed "o: ", then the rest
        "o: @ana I can review your pricing page",
        "@ana o: I can review your pricing page",
    ],
)
def test_a_name_typed_after_the_key_files_it_for_that_member(line: str) -> None:
    captured = parse_capture(line, ROSTER)
    assert captured.member_id == "ana"
    assert captured.kind == "offer"
    assert captured.text == "I can review your pricing page"


def test_the_kind_typed_after_the_name_wins_over_the_key_pressed() -> None:
    captured = parse_capture("o: @bob a: a printer for trade show banners", ROSTER)
    assert (captured.member_id, captured.kind) == ("bob", "ask")
    assert captured.text == "a printer for trade show banners"


def test_an_at_word_after_the_key_that_names_nobody_stays_in_the_text() -> None:
    captured = parse_capture("a: @riverside_bakes needs more followers", ROSTER)
    assert captured.member_id is None
    assert captured.text == "@riverside_bakes needs more followers"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("o: @an I can help", "@an could be Ana Lucia Ruiz, Andre Blanc"),
        ("o: @zed o: I can help", "nobody present is called @zed"),
    ],
)
def test_a_name_after_the_key_that_is_unclear_says_so(line: str, message: str) -> None:
    with pytest.raises(CaptureError, match=message):
        parse_capture(line, ROSTER)
