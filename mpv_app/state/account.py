"""Mi cuenta: the read-only profile later shown in the filing form's "Remitente" section."""

from __future__ import annotations

import reflex as rx

from mpv_app.selectors.accounts import sender_profile_rows
from mpv_app.services.auth import SessionUser
from mpv_app.state.page import GatedPage
from mpv_app.state.site import PageRead


class AccountState(GatedPage, rx.State):
    rows: list[tuple[str, str]] = []

    def _close(self) -> None:
        self.rows = []

    def _page_read(self) -> PageRead:
        return lambda session, user: sender_profile_rows(session, user.user_id)

    async def _opened(self, user: SessionUser, data: list[tuple[str, str]]) -> None:
        self.rows = data
