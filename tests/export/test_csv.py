"""CSV exports: items, matches and follow-ups in files a spreadsheet opens as typed."""

import csv
from pathlib import Path

from tests.export.conftest import MARKUP_NAME, MARKUP_TEXT, PRIVATE_OFFER, Meeting


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_three_files_with_headers_a_spreadsheet_user_understands(
    meeting: Meeting, tmp_path: Path
) -> None:
    paths = meeting.export(tmp_path, "csv")
    assert [p.name for p in paths] == [
        "2026-11-25-rivermill-items.csv",
        "2026-11-25-rivermill-matches.csv",
        "2026-11-25-rivermill-follow-ups.csv",
    ]
    items, matches, follow_ups = (read(p) for p in paths)
    assert list(items[0]) == [
        "Type",
        "Member",
        "Kind of help",
        "Description",
        "Status",
        "Due date",
        "Private",
        "Carried over from an earlier session",
        "Item ID",
    ]
    assert [(m["Asked by"], m["Offered by"], m["State"]) for m in matches] == [
        ("Ana Ruiz", "Bo Lind", "accepted")
    ]
    assert [(f["Who"], f["Due date"], f["From"]) for f in follow_ups] == [
        ("Bo Lind", "2026-12-01", "introduction"),
        ("Ana Ruiz", "2026-12-02", "commitment"),
    ]


def test_unicode_and_markup_like_text_survive(meeting: Meeting, tmp_path: Path) -> None:
    items = read(meeting.export(tmp_path, "csv")[0])
    assert (MARKUP_NAME, MARKUP_TEXT) in [(i["Member"], i["Description"]) for i in items]
    assert "Chloé Dubois 🌱" in [i["Member"] for i in items]
    assert all(i["Private"] == "no" for i in items)


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_guarded(
    meeting: Meeting, tmp_path: Path
) -> None:
    meeting.items["podcast"].text = '=HYPERLINK("http://evil.example","click")'
    meeting.save(meeting.items["podcast"])
    items = read(meeting.export(tmp_path, "csv")[0])
    assert '\'=HYPERLINK("http://evil.example","click")' in [i["Description"] for i in items]


def test_a_members_csv_holds_only_their_items_private_ones_included(
    meeting: Meeting, tmp_path: Path
) -> None:
    paths = meeting.export(tmp_path, "csv", member="Bo Lind")
    assert paths[0].name == "2026-11-25-rivermill-bo-lind-items.csv"
    items = read(paths[0])
    assert [(i["Description"], i["Private"]) for i in items] == [
        ("I know two millers in <Lyon> & Paris", "no"),
        (PRIVATE_OFFER, "yes"),
    ]
