"""Quick capture files asks, offers and commitments from one line; notes save as you type.

User text is data: names, items and notes that look like markup show exactly as typed.
"""

import pytest
from textual import events
from textual.widgets import Input, TextArea

from circle.config import Settings
from circle.model import NOTE_TEXT_BYTES, NOTE_TEXT_MAX, HelpKind, Item, ItemKind, Note
from circle.tui.app import CircleApp
from circle.tui.timesource import FrozenTime
from circle.tui.widgets.board import Board
from circle.tui.widgets.notes import wire_size
from tests.tui.livekit import (
    Planned,
    R,
    advance,
    open_live,
    records,
    settle,
    speaker,
    text_of,
)

MARKUP = "[red]x[/red] [@click=app.quit]quit[/] [b]"


def saved(settings: Settings, model: type[R]) -> list[R]:
    return sorted(records(settings, model), key=lambda r: r.created_at)


def board_texts(board: Board) -> list[str]:
    return [" | ".join(str(cell) for cell in board.get_row_at(i)) for i in range(board.row_count)]


async def test_a_opens_capture_for_an_ask_and_enter_files_it_for_the_speaker(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "a")
        capture = screen.query_one("#live-capture", Input)
        assert capture.has_focus
        assert capture.value == "a: "
        await pilot.press(*"an intro to a wholesale buyer", "enter")
        await settle(screen, pilot)
        assert capture.value == ""
        assert board_texts(screen.query_one(Board)) == [
            "ASK | Ana Ruiz: an intro to a wholesale buyer  #intro"
        ]
    (item,) = saved(settings, Item)
    assert isinstance(item, Item)
    assert (item.kind, item.help, item.member_id) == (
        ItemKind.ASK,
        HelpKind.INTRO,
        planned.members["Ana"],
    )
    assert item.turn_id is not None


@pytest.mark.parametrize(("key", "kind"), [("o", ItemKind.OFFER), ("c", ItemKind.COMMITMENT)])
async def test_o_and_c_capture_offers_and_commitments(
    app: CircleApp, planned: Planned, settings: Settings, key: str, kind: ItemKind
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press(key, *"review your pricing page", "enter")
        await settle(screen, pilot)
    (item,) = saved(settings, Item)
    assert isinstance(item, Item)
    assert item.kind is kind


async def test_an_at_name_files_it_for_someone_else(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("a")
        screen.query_one("#live-capture", Input).value = "@dee o: a podcast slot #podcast"
        await pilot.press("enter")
        await settle(screen, pilot)
        assert "OFFER | Dee Lane: a podcast slot  #podcast" in board_texts(screen.query_one(Board))
    (item,) = saved(settings, Item)
    assert isinstance(item, Item)
    assert item.member_id == planned.members["Dee"]


async def test_o_then_an_at_name_files_the_offer_for_that_member(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("o", *"@dee o: a podcast slot", "enter")
        await settle(screen, pilot)
        board = board_texts(screen.query_one(Board))
        assert board == ["OFFER | Dee Lane: a podcast slot  #podcast"]
    (item,) = saved(settings, Item)
    assert isinstance(item, Item)
    assert item.member_id == planned.members["Dee"]
    assert item.text == "a podcast slot"


async def test_an_absent_member_cannot_be_named_and_the_line_stays_for_fixing(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("a")
        capture = screen.query_one("#live-capture", Input)
        capture.value = "@eve a: a lawyer"
        await pilot.press("enter")
        await settle(screen, pilot)
        assert capture.value == "@eve a: a lawyer"
        assert any("nobody present" in str(n.message) for n in app._notifications)
    assert saved(settings, Item) == []


@pytest.mark.parametrize("line", ["hello", "x: y", "a:", "a: text #nonsense", "@ a: x"])
async def test_a_garbage_line_is_refused_with_a_reason_and_kept(
    app: CircleApp, planned: Planned, settings: Settings, line: str
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("a")
        capture = screen.query_one("#live-capture", Input)
        capture.value = line
        await pilot.press("enter")
        await settle(screen, pilot)
        assert capture.value == line
        assert app._notifications
    assert saved(settings, Item) == []


async def test_typing_in_the_capture_line_does_not_trigger_the_single_letter_keys(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "a", *"need snacks please", "space", "+", "-", "q", "e")
        await pilot.pause()
        assert speaker(screen) == "Ana Ruiz"
        assert screen.query_one("#live-capture", Input).value == "a: need snacks please +-qe"
        assert app.screen is screen  # no end-session dialog


async def test_escape_leaves_the_text_box_and_the_keys_work_again(
    app: CircleApp, planned: Planned
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "t", *"nervous", "escape", "n")
        assert speaker(screen) == "Ben Okafor"


async def test_notes_are_saved_as_you_type_for_the_turn_on_now(
    app: CircleApp, planned: Planned, settings: Settings, frozen_time: FrozenTime
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "t", *"Ana sold out on Saturday")
        await pilot.pause(0.6)  # the debounce
        await settle(screen, pilot)
        (note,) = saved(settings, Note)
        assert isinstance(note, Note)
        assert note.text == "Ana sold out on Saturday"
        await pilot.press("escape", "n", "t", *"Ben")
        assert screen.query_one("#notes-text", TextArea).text == "Ben"
        await pilot.press("escape", "p")
        assert screen.query_one("#notes-text", TextArea).text == "Ana sold out on Saturday"
        await advance(screen, frozen_time, pilot, 1)
        await settle(screen, pilot)
    notes = saved(settings, Note)
    assert sorted(n.text for n in notes) == ["Ana sold out on Saturday", "Ben"]
    assert len({n.turn_id for n in notes}) == 2


async def test_a_pasted_note_stops_at_its_limit_says_so_and_saves_what_fits(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    minutes = "Ana: wholesale flour, two leads. " * 1000  # 33,000 characters
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "t")
        editor = screen.query_one("#notes-text", TextArea)
        editor.post_message(events.Paste(minutes))
        await pilot.pause(0.6)  # the debounce
        await settle(screen, pilot)
        assert editor.text == minutes[:NOTE_TEXT_MAX]
        assert any("holds up to 20,000 characters" in str(n.message) for n in app._notifications)
        assert not any(n.severity == "error" for n in app._notifications)
        await pilot.press(*"more")
        assert editor.text == minutes[:NOTE_TEXT_MAX]
        await pilot.press("backspace", "backspace", *"ok")
        await pilot.pause(0.6)
        await settle(screen, pilot)
        assert editor.text == minutes[: NOTE_TEXT_MAX - 2] + "ok"
    (note,) = saved(settings, Note)
    assert isinstance(note, Note)
    assert note.text == minutes[: NOTE_TEXT_MAX - 2] + "ok"


async def _paste_into_the_note(
    app: CircleApp, planned: Planned, typed: str, pasted: str
) -> tuple[str, list[str]]:
    """Start the turn, type `typed` in its note, then paste `pasted`: the note on screen once
    the save is due, and the notices shown."""
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "t", *typed)
        editor = screen.query_one("#notes-text", TextArea)
        editor.post_message(events.Paste(pasted))
        await pilot.pause(0.6)  # the debounce
        await settle(screen, pilot)
        return editor.text, [str(notification.message) for notification in app._notifications]


async def test_a_note_of_emoji_stops_where_it_still_fits_one_push(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    kept, notices = await _paste_into_the_note(
        app, planned, "Cheers ", "\U0001f389" * NOTE_TEXT_MAX
    )
    assert kept.startswith("Cheers \U0001f389")
    assert NOTE_TEXT_BYTES - 4 < wire_size(kept) <= NOTE_TEXT_BYTES
    assert any("fewer emoji" in notice for notice in notices)
    (note,) = saved(settings, Note)
    assert isinstance(note, Note)
    assert note.text == kept


FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
"""One emoji a reader sees, five characters joined by zero-width joiners, 18 bytes."""


async def test_a_full_note_stops_between_emoji_never_inside_one(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    kept, notices = await _paste_into_the_note(app, planned, "Cheers ", FAMILY * 4000)
    whole = (NOTE_TEXT_BYTES - len("Cheers ")) // wire_size(FAMILY)  # the limit falls inside one
    assert kept == "Cheers " + FAMILY * whole
    assert any("fewer emoji" in notice for notice in notices)
    (note,) = saved(settings, Note)
    assert isinstance(note, Note)
    assert note.text == kept


async def test_a_private_note_is_marked_in_words_and_saved_private(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("t", *"overdraft worries", "tab", "space")
        await settle(screen, pilot)
        assert "PRIVATE" in str(screen.query_one("#live-notes").border_title)
    (note,) = saved(settings, Note)
    assert isinstance(note, Note)
    assert note.private
    assert note.text == "overdraft worries"


async def test_names_items_and_notes_that_look_like_markup_show_literally(
    app: CircleApp, planned: Planned, settings: Settings
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_live(app, pilot, planned.session_id)
        await pilot.press("space", "n", "n")
        assert speaker(screen) == "[red]x[/red]"
        assert "\n[@click=app.quit]Quit Co[/]\n" in text_of(screen, "SpeakerPanel")
        assert "[red]x[/red]" in text_of(screen, "#agenda-lines")
        await pilot.press("a")
        screen.query_one("#live-capture", Input).value = f"a: {MARKUP}"
        await pilot.press("enter", "escape", "t", *MARKUP)
        await settle(screen, pilot)
        assert board_texts(screen.query_one(Board))[-1].endswith(f"[red]x[/red]: {MARKUP}")
        assert screen.query_one("#notes-text", TextArea).text == MARKUP
        await pilot.press("escape", "n")
        assert "\n[b]Bold[/b] Printing\n" in text_of(screen, "SpeakerPanel")
        assert app.is_running  # nothing clicked "app.quit"
