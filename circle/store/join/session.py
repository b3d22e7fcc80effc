"""Which member a phone speaks for in a session, from its participant cookie."""

import uuid
from dataclasses import dataclass

from fastapi import HTTPException
from fastapi.responses import HTMLResponse

from circle.store import auth
from circle.store.join.board import Boards
from circle.store.join.render import message_page
from circle.store.service import Store


class NotJoinedError(Exception):
    """The phone may not see this session's page; `page` tells the person what to do."""

    def __init__(self, page: HTMLResponse) -> None:
        super().__init__(page.status_code)
        self.page = page


@dataclass(frozen=True)
class Joined:
    """A phone that joined a session as one of its members."""

    principal: auth.Principal
    """The participant as the API's routes know them."""
    code: str | None
    """The session's join code; None once it has ended."""
    closed: bool

    @property
    def session_id(self) -> uuid.UUID:
        return self.principal.session.id

    @property
    def member_id(self) -> uuid.UUID:
        assert self.principal.member_id is not None
        return self.principal.member_id


async def joined(store: Store, boards: Boards, session_id: uuid.UUID, secret: str | None) -> Joined:
    """Who the phone's cookie speaks for here, or NotJoinedError with the page to show."""
    row = (await boards.current(session_id)).row
    if row is None:
        raise NotJoinedError(
            message_page(404, "No such session", "This address does not lead to a session.")
        )
    try:
        principal = await auth.participant(session_id, store.access, None, secret)
    except HTTPException as exc:
        raise NotJoinedError(_not_joined(exc.status_code, row.join_code)) from exc
    return Joined(principal, row.join_code, row.closed_at is not None)


def _not_joined(status: int, code: str | None) -> HTMLResponse:
    why = (
        "This phone joined another session."
        if status == 403
        else "This phone has not joined this session."
    )
    if code is None:
        return message_page(status, "Not joined", f"{why} The session has ended.")
    return message_page(
        status,
        "Not joined",
        f"{why} Join it with the code on the screen.",
        link={"href": f"/j/{code}", "label": "Join this session"},
    )


async def phone_in(
    store: Store, boards: Boards, session_id: uuid.UUID, secret: str | None
) -> Joined | HTMLResponse:
    """The joined phone, or the page telling the person why they may not see this session."""
    try:
        return await joined(store, boards, session_id, secret)
    except NotJoinedError as exc:
        return exc.page
