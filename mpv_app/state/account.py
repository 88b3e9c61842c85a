"""Mi cuenta: the read-only profile later shown in the filing form's "Remitente" section."""

from __future__ import annotations

import reflex as rx

from mpv_app.selectors.accounts import sender_profile_rows
from mpv_app.services.auth import SessionUser
from mpv_app.state.common import read_off_loop
from mpv_app.state.page import GatedPage


class AccountState(GatedPage, rx.State):
    rows: list[tuple[str, str]] = []

    def _close(self) -> None:
        self.rows = []

    async def _open(self, user: SessionUser) -> None:
        self.rows = await read_off_loop(lambda session: sender_profile_rows(session, user.user_id))
