"""`circle match FILE` prints suggestions as JSON and turns every bad file into one line, exit 2."""

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_basics import circle

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "match-example.json"


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "items.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def item(id: str, kind: str = "ask", **fields: object) -> dict[str, object]:
    return {
        "id": id,
        "member": "Ana",
        "kind": kind,
        "category": None,
        "text": "Need a lawyer",
    } | fields


def test_the_example_file_gets_suggestions_with_a_reason_each() -> None:
    result = circle("match", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    suggestions = json.loads(result.stdout)["suggestions"]
    assert {"ask": "a1", "offer": "o1"}.items() <= suggestions[0].items()
    for s in suggestions:
        assert set(s) == {"ask", "offer", "score", "why"}
        assert isinstance(s["score"], float)
        assert 0 <= s["score"] <= 1
        assert s["why"]


def test_the_example_keeps_quiet_where_nothing_fits() -> None:
    suggestions = json.loads(circle("match", str(EXAMPLE)).stdout)["suggestions"]
    asked = {s["ask"] for s in suggestions}
    assert "a5" not in asked, "the only insurance offer excludes fleets"
    assert all(s["offer"] != "o6" for s in suggestions), "o6 is a request filed as an offer"


def test_suggestions_come_best_first_per_ask_and_top_limits_them(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "items": [
                item("a1", text="Need product photos for my new candle line."),
                item("o1", "offer", member="Di", text="Product photography for members."),
                item("o2", "offer", member="Ed", text="Product shots on a white background."),
                item("o3", "offer", member="Fi", text="Photos of your products, half price."),
            ]
        },
    )
    every = json.loads(circle("match", str(path), "--min-score", "0").stdout)["suggestions"]
    assert [s["score"] for s in every] == sorted((s["score"] for s in every), reverse=True)
    assert len(every) == 3
    one = json.loads(circle("match", str(path), "--top", "1", "--min-score", "0").stdout)
    assert [s["offer"] for s in one["suggestions"]] == [every[0]["offer"]]


def test_a_high_min_score_leaves_every_ask_without_a_suggestion(tmp_path: Path) -> None:
    path = write(
        tmp_path, {"items": [item("a1"), item("o1", "offer", member="Lee", text="Lawyer")]}
    )
    result = circle("match", str(path), "--min-score", "1")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"suggestions": []}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON (line 1, column 2"),
        ("[]", 'expected an object with an "items" list'),
        ('{"items": {}}', 'expected an object with an "items" list'),
        ('{"items": [7]}', "item 1 is not an object"),
        (
            {"items": [{"id": "a1", "member": "Ana", "kind": "ask", "text": "x"}]},
            "item 1 has no 'category'",
        ),
        (
            {"items": [item("a1"), {"id": "o1", "kind": "offer", "category": None, "text": "x"}]},
            "item 2 has no 'member'",
        ),
        ({"items": [item("a1", kind="commitment")]}, "item 1: unknown kind 'commitment'"),
        ({"items": [item("a1", category="money")]}, "item 1: unknown category 'money'"),
        ({"items": [item("a1", text="  ")]}, "item 1: 'text' is empty"),
        ({"items": [item("a1", member=["Ana"])]}, "item 1: 'member' must be text"),
        ({"items": [item("a1"), item("a1", "offer")]}, "items 1 and 2 have the same id 'a1'"),
        ({"items": [], "members": "Ana"}, '"members" must be a list'),
        ({"items": [], "members": [{"business": "Law"}]}, 'member 1 needs a "name"'),
        (
            {"items": [], "members": [{"name": "Ana", "business": 3}]},
            'member 1: "business" must be text',
        ),
    ],
)
def test_a_bad_file_is_one_line_on_stderr_and_exit_2(
    tmp_path: Path, content: object, message: str
) -> None:
    result = circle("match", str(write(tmp_path, content)))
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = circle("match", str(tmp_path / "nowhere.json"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"circle: {tmp_path / 'nowhere.json'}: no such file"


def test_a_file_that_is_not_text_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_bytes(b"\xff\xfe\x00binary")
    result = circle("match", str(path))
    assert result.returncode == 2
    assert "cannot read it" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_folder_is_not_a_match_file(tmp_path: Path) -> None:
    result = circle("match", str(tmp_path))
    assert result.returncode == 2
    assert "cannot read it" in result.stderr


@pytest.mark.parametrize(
    ("option", "message"),
    [(("--top", "0"), "--top must be 1 or more"), (("--min-score", "1.5"), "between 0 and 1")],
)
def test_out_of_range_options_are_refused(
    tmp_path: Path, option: tuple[str, str], message: str
) -> None:
    result = circle("match", str(write(tmp_path, {"items": []})), *option)
    assert result.returncode == 2
    assert message in result.stderr
