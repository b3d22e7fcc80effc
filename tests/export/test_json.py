"""JSON summaries validate against the JSON Schema shipped inside the package."""

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from circle.export.jsonout import schema
from circle.model import Session, SessionStatus
from tests.export.conftest import MARKUP_NAME, MARKUP_TEXT, Meeting


def validator() -> jsonschema.protocols.Validator:
    published = schema()
    jsonschema.Draft202012Validator.check_schema(published)
    return jsonschema.Draft202012Validator(
        published, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_the_schema_ships_as_package_data() -> None:
    text = (resources.files("circle.schemas") / "summary.schema.json").read_text(encoding="utf-8")
    assert json.loads(text)["title"] == "circle session summary"


def test_the_group_summary_validates_against_the_schema(meeting: Meeting, tmp_path: Path) -> None:
    [path] = meeting.export(tmp_path, "json")
    assert path.name == "2026-11-25-rivermill-summary.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    validator().validate(data)
    assert data["view"] == "group"
    assert data["session"]["started_at"] == "2026-11-25T17:00:00Z"
    assert [m["reason"] for m in data["matches"]] == ["both about flour supply (intro)"]


def test_every_member_summary_validates_against_the_schema(
    meeting: Meeting, tmp_path: Path
) -> None:
    for name in meeting.members:
        [path] = meeting.export(tmp_path / name, "json", member=name)
        data = json.loads(path.read_text(encoding="utf-8"))
        validator().validate(data)
        assert data["member"]["name"] == name


def test_names_and_text_survive_byte_for_byte(meeting: Meeting, tmp_path: Path) -> None:
    [path] = meeting.export(tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {p["member"]["name"] for p in data["attendance"]["present"]}
    assert {MARKUP_NAME, "Chloé Dubois 🌱"} <= names
    assert MARKUP_TEXT in [offer["text"] for offer in data["offers"]]
    assert "contact" not in path.read_text(encoding="utf-8")
    assert "@example" not in path.read_text(encoding="utf-8")


def test_a_session_with_nothing_in_it_still_validates(meeting: Meeting, tmp_path: Path) -> None:
    empty = Session(circle_id=meeting.circle.id, format="classic", status=SessionStatus.PLANNED)
    meeting.save(empty)
    meeting.session = empty
    [path] = meeting.export(tmp_path, "json")
    assert path.name.startswith(f"{empty.created_at:%Y-%m-%d}-rivermill")
    data = json.loads(path.read_text(encoding="utf-8"))
    validator().validate(data)
    assert data["talk_time"] == {"fairness": None, "members": []}


def test_a_summary_with_a_field_out_of_place_fails_validation(
    meeting: Meeting, tmp_path: Path
) -> None:
    [path] = meeting.export(tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["asks"][0]["status"] = "lost"
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(data)
