"""/openapi.json names a model for every request body and answer, and schemathesis fuzzes
every operation against a real store (bounded examples): no answer is a server error, and
every answer matches its documented schema."""

import uuid
from dataclasses import dataclass

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from circle.model import to_wire
from circle.store.embedded import EmbeddedStore
from tests.store.conftest import Circle3

EXAMPLES = 15


@dataclass(frozen=True)
class Credentials:
    session_id: uuid.UUID
    headers: dict[str, str]


@pytest.fixture
def api_schema(embedded: EmbeddedStore) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{embedded.url}/openapi.json")


@pytest.fixture
def credentials(embedded: EmbeddedStore, circle3: Circle3) -> Credentials:
    """A registered session with its roster, a facilitator token and a participant cookie."""
    session = circle3.session
    with httpx.Client(base_url=embedded.url) as http:
        registered = http.post(
            "/api/v1/sessions",
            json={"session_id": str(session.id), "circle_id": str(session.circle_id)},
        ).json()
        token = {"Authorization": f"Bearer {registered['token']}"}
        roster = [{"table": "circles", "record": to_wire(circle3.circle)}] + [
            {"table": "members", "record": to_wire(m)} for m in circle3.members
        ]
        http.post(f"/api/v1/sessions/{session.id}/changes", json={"changes": roster}, headers=token)
        joined = http.post(
            "/api/v1/join",
            json={"code": registered["join_code"], "member_id": str(circle3.members[0].id)},
        )
    cookie = {"Cookie": f"circle_participant={joined.cookies['circle_participant']}"}
    return Credentials(session.id, token | cookie)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_store_fail_or_answer_off_schema(
    case: schemathesis.Case, embedded: EmbeddedStore, credentials: Credentials
) -> None:
    headers = {}
    if "session_id" in (case.path_parameters or {}) and not case.path.endswith("/stream"):
        case.path_parameters["session_id"] = str(credentials.session_id)
        headers = credentials.headers
    case.call_and_validate(
        base_url=embedded.url,
        headers=headers,
        timeout=10,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )


def test_every_route_names_what_it_takes_and_what_it_answers(app: FastAPI) -> None:
    """A client generated from /openapi.json gets a model for every body and every answer."""
    unnamed = []
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None and "$ref" not in body["schema"]:
                unnamed.append(f"{method.upper()} {path} takes")
            for status, answer in operation["responses"].items():
                content = answer.get("content", {})
                if "text/event-stream" in content:
                    continue
                if "$ref" not in content.get("application/json", {}).get("schema", {}):
                    unnamed.append(f"{method.upper()} {path} answers {status}")
    assert unnamed == []
