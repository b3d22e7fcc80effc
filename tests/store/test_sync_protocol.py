"""The sync protocol: idempotent pushes, newer versions win, note conflicts keep both texts,
and pulls page through a session's change log in order. Runs on SQLite and PostgreSQL."""

import httpx

from circle.model import Item, ItemKind, Note, Session, SessionStatus
from circle.store.schemas import PushResult
from tests.store.conftest import Circle3, Registered, change, stamp, version


def _item(circle3: Circle3, text: str, v: str) -> Item:
    ana = circle3.members[0]
    item = Item(
        circle_id=circle3.circle.id,
        session_id=circle3.session.id,
        member_id=ana.id,
        kind=ItemKind.ASK,
        text=text,
    )
    return stamp(item, v)


async def _push(http: httpx.AsyncClient, session: Registered, *changes: dict) -> dict:
    response = await http.post(
        session.changes, json={"changes": list(changes)}, headers=session.headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def _pull(http: httpx.AsyncClient, session: Registered, after: int = 0, limit: int = 500):
    response = await http.get(
        session.changes, params={"after": after, "limit": limit}, headers=session.headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def _records(http: httpx.AsyncClient, session: Registered, table: str) -> list[dict]:
    page = await _pull(http, session, limit=1000)
    return [c["record"] for c in page["changes"] if c["table"] == table]


async def test_pushing_the_same_batch_twice_changes_nothing(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    items = [_item(circle3, f"ask {n}", version(1_000 + n, "nodea")) for n in range(3)]
    batch = [change(item) for item in items]
    first = await _push(client, registered, *batch)
    again = await _push(client, registered, *batch)
    assert len(first["applied"]) == 3
    assert again["applied"] == []
    assert len(again["unchanged"]) == 3
    assert again["last_seq"] == first["last_seq"]
    assert sorted(r["text"] for r in await _records(client, registered, "items")) == [
        "ask 0",
        "ask 1",
        "ask 2",
    ]


async def test_a_batch_mixing_replays_and_new_records_keeps_each_in_the_log_once(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    old = [_item(circle3, f"old {n}", version(1_000 + n, "nodea")) for n in range(3)]
    new = [_item(circle3, f"new {n}", version(2_000 + n, "nodea")) for n in range(2)]
    await _push(client, registered, *(change(item) for item in old))
    result = await _push(client, registered, *(change(item) for item in old + new))
    assert len(result["unchanged"]) == 3
    assert len(result["applied"]) == 2
    texts = sorted(r["text"] for r in await _records(client, registered, "items"))
    assert texts == ["new 0", "new 1", "old 0", "old 1", "old 2"]


async def test_an_older_version_never_overwrites_a_newer_one(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    newer = _item(circle3, "the newer text", version(2_000, "nodea"))
    older = _item(circle3, "the older text", version(1_000, "nodeb"))
    older.id = newer.id
    await _push(client, registered, change(newer))
    result = await _push(client, registered, change(older))
    assert result["unchanged"] == [str(newer.id)]
    (stored,) = await _records(client, registered, "items")
    assert stored["text"] == "the newer text"


async def test_a_record_pushed_alone_is_taken_in_only_when_its_version_is_newer(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    first = _item(circle3, "first", version(1_000, "nodea"))
    taken = await _push(client, registered, change(first))
    replayed = await _push(client, registered, change(first))
    older = stamp(first, version(900, "nodeb"))
    older.text = "older"
    refused = await _push(client, registered, change(older))
    newer = stamp(first, version(1_100, "nodeb"))
    newer.text = "newer"
    replaced = await _push(client, registered, change(newer))

    assert taken["applied"] == [str(first.id)]
    for unchanged in (replayed, refused):
        assert unchanged == {**taken, "applied": [], "unchanged": [str(first.id)]}
    assert replaced["applied"] == [str(first.id)]
    assert replaced["last_seq"] == taken["last_seq"] + 1
    (stored,) = await _records(client, registered, "items")
    assert (stored["text"], stored["version"]) == ("newer", version(1_100, "nodeb"))


async def test_a_newer_version_replaces_the_record_and_moves_to_the_end_of_the_log(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    first = _item(circle3, "first", version(1_000, "nodea"))
    second = _item(circle3, "second", version(1_001, "nodea"))
    await _push(client, registered, change(first), change(second))
    edited = stamp(first, version(1_002, "nodea"))
    edited.text = "first, edited"
    await _push(client, registered, change(edited, base_version=version(1_000, "nodea")))
    page = await _pull(client, registered)
    items = [c["record"]["text"] for c in page["changes"] if c["table"] == "items"]
    assert items == ["second", "first, edited"]
    seqs = [c["seq"] for c in page["changes"]]
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == len(seqs)


def _note(circle3: Circle3, text: str, v: str) -> Note:
    note = Note(session_id=circle3.session.id, text=text)
    return stamp(note, v)


async def test_a_sequential_note_edit_by_another_writer_is_no_conflict(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    note = _note(circle3, "Ana wants flour suppliers", version(1_000, "laptop"))
    await _push(client, registered, change(note))
    note.text = "Ana wants organic flour suppliers"
    result = await _push(
        client,
        registered,
        change(stamp(note, version(2_000, "tablet")), base_version=version(1_000, "laptop")),
    )
    assert result["conflicts"] == []
    (stored,) = await _records(client, registered, "notes")
    assert stored["text"] == "Ana wants organic flour suppliers"


async def test_concurrent_note_edits_keep_the_losing_text_as_a_conflict_copy(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    base = version(1_000, "laptop")
    note = _note(circle3, "draft", base)
    await _push(client, registered, change(note))
    note.text = "tablet's text"
    await _push(client, registered, change(stamp(note, version(2_000, "tablet")), base))
    note.text = "laptop's later text"
    result = await _push(client, registered, change(stamp(note, version(3_000, "laptop")), base))
    (conflict,) = result["conflicts"]
    assert conflict["record_id"] == str(note.id)
    notes = {n["id"]: n for n in await _records(client, registered, "notes")}
    assert notes[str(note.id)]["text"] == "laptop's later text"
    copy = notes[conflict["copy_id"]]
    assert copy["text"] == "tablet's text"
    assert copy["conflict_of"] == str(note.id)


async def test_an_older_concurrent_note_edit_is_kept_as_the_copy(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    base = version(1_000, "laptop")
    note = _note(circle3, "draft", base)
    await _push(client, registered, change(note))
    note.text = "tablet's newer text"
    await _push(client, registered, change(stamp(note, version(3_000, "tablet")), base))
    note.text = "laptop's older text, sent late"
    late = change(stamp(note, version(2_000, "laptop")), base)
    result = await _push(client, registered, late)
    again = await _push(client, registered, late)
    assert again["conflicts"] == [] or again["conflicts"] == result["conflicts"]
    notes = await _records(client, registered, "notes")
    texts = sorted(n["text"] for n in notes)
    assert texts == ["laptop's older text, sent late", "tablet's newer text"]
    assert [n["conflict_of"] for n in notes if n["text"].startswith("laptop")] == [str(note.id)]


async def test_a_replayed_note_version_is_never_mistaken_for_a_conflict(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    v1 = version(1_000, "laptop")
    note = _note(circle3, "first", v1)
    lost_ack = change(note)
    await _push(client, registered, lost_ack)
    note.text = "second, from the tablet"
    await _push(client, registered, change(stamp(note, version(2_000, "tablet")), v1))
    result = await _push(client, registered, lost_ack)
    assert result["conflicts"] == []
    assert [n["text"] for n in await _records(client, registered, "notes")] == [
        "second, from the tablet"
    ]


async def test_pull_pages_through_every_change_once_in_order(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    items = [_item(circle3, f"ask {n:02}", version(5_000 + n, "nodea")) for n in range(25)]
    await _push(client, registered, *(change(item) for item in items))
    seen: list[dict] = []
    cursor, pages = 0, 0
    while True:
        page = await _pull(client, registered, after=cursor, limit=10)
        seen.extend(page["changes"])
        cursor, pages = page["last_seq"], pages + 1
        if not page["more"]:
            break
    texts = [c["record"]["text"] for c in seen if c["table"] == "items"]
    assert texts == [f"ask {n:02}" for n in range(25)]
    assert pages == 3  # 5 roster changes + 25 items, ten at a time
    assert (await _pull(client, registered, after=cursor))["changes"] == []


async def test_a_record_of_another_session_or_circle_is_refused(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    stranger = Session(circle_id=circle3.circle.id, format="classic")
    note = Note(session_id=stranger.id, text="elsewhere")
    for record in (stamp(stranger, version(1, "x")), stamp(note, version(1, "x"))):
        response = await client.post(
            registered.changes, json={"changes": [change(record)]}, headers=registered.headers
        )
        assert response.status_code == 422
        detail = response.json()["detail"]
        assert "another session" in detail
        assert str(record.id) in detail


async def test_pushing_the_ended_session_closes_its_join_code(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    session = circle3.session
    session.status = SessionStatus.ENDED
    await _push(client, registered, change(stamp(session, version(9_000_000_000_000, "laptop"))))
    info = await client.get(f"/api/v1/sessions/{session.id}", headers=registered.headers)
    assert info.json()["closed"] is True
    assert info.json()["join_code"] is None
    joined = await client.post(
        "/api/v1/join", json={"code": registered.join_code, "name": "Late Guest"}
    )
    assert joined.status_code == 404


async def test_a_push_answers_with_what_it_did_as_documented(
    client: httpx.AsyncClient, registered: Registered, circle3: Circle3
) -> None:
    base = version(1_000, "laptop")
    note = _note(circle3, "draft", base)
    item = _item(circle3, "an intro", version(1_000, "laptop"))
    await _push(client, registered, change(note), change(item))
    note.text = "tablet's text"
    await _push(client, registered, change(stamp(note, version(2_000, "tablet")), base))
    note.text = "laptop's later text"
    response = await client.post(
        registered.changes,
        json={
            "changes": [
                change(stamp(note, version(3_000, "laptop")), base),
                change(item),
            ]
        },
        headers=registered.headers,
    )
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["content-length"]) == len(response.content)
    answer = PushResult.model_validate_json(response.content)
    (conflict,) = answer.conflicts
    assert (answer.applied, answer.unchanged) == ([note.id], [item.id])
    assert (conflict.table, conflict.record_id) == ("notes", note.id)
    assert answer.last_seq == (await _pull(client, registered))["last_seq"]
