"""Markdown summaries: headings and tables that render, user text shown exactly as typed."""

from pathlib import Path

import html5lib
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from circle.export.markdown import bar, block, escape
from tests.export.conftest import (
    GROUP_SECTIONS,
    MARKUP_NAME,
    MARKUP_TEXT,
    PRIVATE_ASK,
    PRIVATE_NOTE,
    Meeting,
)

XHTML = "{http://www.w3.org/1999/xhtml}"


def to_html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def tree(markdown: str):  # type: ignore[no-untyped-def]
    return html5lib.parse(to_html(markdown))


def text_of(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(element.itertext()).split())


def elements(markdown: str, tag: str) -> list:  # type: ignore[type-arg]
    return list(tree(markdown).iter(f"{XHTML}{tag}"))


def test_the_group_summary_has_the_promised_headings(meeting: Meeting, tmp_path: Path) -> None:
    [path] = meeting.export(tmp_path, "md")
    assert path.name == "2026-11-25-rivermill-summary.md"
    markdown = path.read_text(encoding="utf-8")
    [title] = elements(markdown, "h1")
    assert text_of(title) == "Rivermill — Wednesday 25 November 2026"
    assert [text_of(h) for h in elements(markdown, "h2")] == GROUP_SECTIONS


def test_the_agenda_and_talk_time_are_tables(meeting: Meeting, tmp_path: Path) -> None:
    [path] = meeting.export(tmp_path, "md")
    tables = elements(path.read_text(encoding="utf-8"), "table")
    agenda = [[text_of(cell) for cell in row] for row in tables[0].iter(f"{XHTML}tr")]
    assert agenda[0] == ["Phase", "Planned", "Actual", "Over or under"]
    assert agenda[2] == ["Hot seat", "15 min", "16 min", "+1 min"]
    assert agenda[4] == ["Gratitude", "5 min", "4 min", "−1 min"]
    talk = [[text_of(cell) for cell in row] for row in tables[1].iter(f"{XHTML}tr")]
    assert talk[1][0] == "Ana Ruiz"
    assert talk[1][1] == "█" * 20, "the longest speaker gets the full bar"
    assert talk[1][2] == "18 min"


def test_names_and_text_that_look_like_markup_show_exactly_as_typed(
    meeting: Meeting, tmp_path: Path
) -> None:
    [path] = meeting.export(tmp_path, "md")
    markdown = path.read_text(encoding="utf-8")
    page = tree(markdown)
    shown = text_of(page)
    assert MARKUP_NAME in shown
    assert MARKUP_TEXT in shown
    assert "Chloé Dubois 🌱" in shown
    assert "Ana wants a second oven by **March**" in shown
    assert not list(page.iter(f"{XHTML}script"))
    assert not list(page.iter(f"{XHTML}b"))


def test_private_notes_and_items_stay_out_of_the_group_file(
    meeting: Meeting, tmp_path: Path
) -> None:
    [path] = meeting.export(tmp_path, "md")
    markdown = path.read_text(encoding="utf-8")
    assert PRIVATE_NOTE not in markdown
    assert "PRIVATE" not in markdown


def test_a_member_file_is_named_for_them_and_marks_their_private_items(
    meeting: Meeting, tmp_path: Path
) -> None:
    [path] = meeting.export(tmp_path, "md", member="chloé dubois 🌱")
    assert path.name == "2026-11-25-rivermill-chloe-dubois.md"
    shown = text_of(tree(path.read_text(encoding="utf-8")))
    assert "Chloé Dubois 🌱’s summary · Rivermill" in shown
    assert f"{PRIVATE_ASK} (private: only in your summary)" in shown
    assert "Open asks in the circle: can you help?" in shown


@given(st.text())
def test_escaped_text_renders_back_to_the_same_words(text: str) -> None:
    rendered = text_of(tree(escape(text)))
    assert rendered == " ".join(text.replace("\x00", "").split())


@example("0\x85\x00")
@given(st.text())
def test_escaped_text_in_a_list_item_stays_in_that_item(text: str) -> None:
    markdown = f"- {block(text)}\n- end\n"
    items = elements(markdown, "li")
    lines = [line for line in text.replace("\x00", "").splitlines() if line.strip()]
    assert len(items) == 2
    assert text_of(items[0]) == " ".join(" ".join(lines).split())


def test_bars_grow_in_eighths() -> None:
    assert bar(0) == ""
    assert bar(1, width=4) == "████"
    assert bar(0.5, width=4) == "██"
    assert bar(1 / 32, width=4) == "▏"
