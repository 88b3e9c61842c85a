"""Mi cuenta: the read-only profile later shown in the filing form's "Remitente" section."""

from __future__ import annotations

import reflex as rx

from mpv_app.selectors.accounts import sender_profile_rows
from mpv_app.state.auth import login_redirect, require
from mpv_app.state.common import read


class AccountState(rx.State):
    access: str = "checking"
    rows: list[tuple[str, str]] = []

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access, self.rows = "checking", []
        user, self.access = await require(self)
        if user is None:
            return login_redirect(self.router.url.path) if self.access == "login" else None
        self.rows = read(lambda session: sender_profile_rows(session, user.user_id))
        return None
