"""Hand out a signed, short-lived download link only after re-checking who is asking."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.domain.search_filters import positive_int
from mpv_app.selectors.download_grants import issue
from mpv_app.selectors.filing_detail import Viewer, visible_attachment, visible_filing
from mpv_app.services.auth import SessionUser
from mpv_app.state.auth import require
from mpv_app.state.common import read_off_loop

NOT_FOUND = "No encontramos esa correspondencia."
FILE_NOT_FOUND = "No encontramos ese archivo."
EXPIRED = "Su sesión expiró. Inicie sesión nuevamente."


async def _user(state: rx.State) -> SessionUser | None:
    user, _ = await require(state)
    return user


async def receipt_download(state: rx.State, tracking_number: str) -> rx.event.EventSpec | None:
    user = await _user(state)
    if user is None:
        return rx.toast.error(EXPIRED)
    viewer = Viewer.of(user)
    filing = await read_off_loop(lambda s: visible_filing(s, viewer, tracking_number))
    if filing is None:
        return rx.toast.error(NOT_FOUND)
    number = filing.tracking_number
    token = issue(user_id=user.user_id, session_id=user.session_id, what="receipt", target=number)
    return rx.download(url=routes.receipt_download(number, token), filename=f"cargo-{number}.pdf")


async def file_download(state: rx.State, attachment_id: str) -> rx.event.EventSpec | None:
    user = await _user(state)
    if user is None:
        return rx.toast.error(EXPIRED)
    viewer = Viewer.of(user)
    ident = positive_int(attachment_id)
    found = await read_off_loop(lambda s: visible_attachment(s, viewer, ident)) if ident else None
    if found is None or found.id is None:
        return rx.toast.error(FILE_NOT_FOUND)
    token = issue(
        user_id=user.user_id, session_id=user.session_id, what="file", target=str(found.id)
    )
    return rx.download(url=routes.file_download(found.id, token), filename=found.original_name)
