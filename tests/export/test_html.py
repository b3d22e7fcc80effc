"""HTML summaries: one well-formed, self-contained page that prints, with user text escaped."""

from pathlib import Path

import html5lib
import pytest

from tests.export.conftest import GROUP_SECTIONS, MARKUP_NAME, MARKUP_TEXT, PRIVATE_NOTE, Meeting

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background"}


@pytest.fixture
def page(meeting: Meeting, tmp_path: Path) -> str:
    [path] = meeting.export(tmp_path, "html")
    assert path.name == "2026-11-25-rivermill-summary.html"
    return path.read_text(encoding="utf-8")


def parse(text: str):  # type: ignore[no-untyped-def]
    """Parse strictly: any HTML syntax error raises."""
    return html5lib.HTMLParser(strict=True).parse(text)


def text_of(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(element.itertext()).split())


def test_the_page_is_well_formed_html(page: str) -> None:
    document = parse(page)
    assert text_of(document.find(f"{XHTML}head/{XHTML}title")).startswith("Rivermill — ")


def test_the_page_loads_nothing_from_elsewhere(page: str) -> None:
    document = parse(page)
    for element in document.iter():
        assert element.tag not in {f"{XHTML}{t}" for t in ("script", "link", "img", "iframe")}
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            assert local not in URL_ATTRIBUTES, (element.tag, name, value)
    style = text_of(document.find(f"{XHTML}head/{XHTML}style"))
    assert "url(" not in style
    assert "@import" not in style


def test_the_page_has_the_promised_sections(page: str) -> None:
    headings = [text_of(h) for h in parse(page).iter(f"{XHTML}h2")]
    assert headings == GROUP_SECTIONS


def test_talk_time_is_an_inline_svg_chart(page: str) -> None:
    [chart] = parse(page).iter(f"{SVG}svg")
    bars = [r for r in chart.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert len(bars) == 5
    widths = [float(bar.get("width")) for bar in bars]
    assert widths == sorted(widths, reverse=True), "the longest speaker's bar comes first"
    labels = [text_of(t) for t in chart.iter(f"{SVG}text")]
    assert MARKUP_NAME in labels


def test_text_that_looks_like_markup_is_shown_not_run(page: str) -> None:
    document = parse(page)
    body = text_of(document.find(f"{XHTML}body"))
    assert MARKUP_NAME in body
    assert MARKUP_TEXT in body
    assert "Chloé Dubois 🌱" in body
    assert not list(document.iter(f"{XHTML}b"))


def test_private_notes_stay_out_and_the_page_prints(page: str) -> None:
    assert PRIVATE_NOTE not in page
    assert "PRIVATE" not in page
    assert "@media print" in page


def test_a_member_page_is_titled_for_them(meeting: Meeting, tmp_path: Path) -> None:
    [path] = meeting.export(tmp_path, "html", member="Bo Lind")
    document = parse(path.read_text(encoding="utf-8"))
    assert text_of(document.find(f"{XHTML}body/{XHTML}header/{XHTML}h1")).startswith(
        "Bo Lind’s summary · Rivermill"
    )
