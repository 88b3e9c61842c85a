"""Mis trámites: the sender's own filings and their receipts."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.enums import Role
from mpv_app.selectors.my_filings import recent_filings
from mpv_app.state.auth import login_redirect, require
from mpv_app.state.common import read
from mpv_app.state.downloads import receipt_download


class MyFilingsState(rx.State):
    access: str = "checking"
    rows: list[dict[str, str]] = []

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access, self.rows = "checking", []
        user, self.access = await require(self, Role.SENDER)
        if user is None:
            return login_redirect(self.router.url.path) if self.access == "login" else None
        self.rows = read(lambda s: recent_filings(s, user.user_id))
        return None

    @rx.event
    async def download(self, tracking_number: str) -> rx.event.EventSpec | None:
        return await receipt_download(self, tracking_number)
