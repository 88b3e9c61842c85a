"""Hand out a signed, short-lived download link only after re-checking who is asking."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.domain.enums import Role
from mpv_app.selectors.receipts import owned_filing
from mpv_app.state.auth import require
from mpv_app.state.common import read
from mpv_app.storage.links import Grant, sign

NOT_FOUND = "No encontramos esa correspondencia."


async def receipt_download(state: rx.State, tracking_number: str) -> rx.event.EventSpec | None:
    user, _ = await require(state, Role.SENDER)
    if user is None:
        return rx.toast.error("Su sesión expiró. Inicie sesión nuevamente.")
    if read(lambda s: owned_filing(s, user.user_id, tracking_number)) is None:
        return rx.toast.error(NOT_FOUND)
    token = sign(Grant(user.user_id, "receipt", tracking_number))
    return rx.download(
        url=routes.receipt_download(tracking_number, token),
        filename=f"cargo-{tracking_number}.pdf",
    )
