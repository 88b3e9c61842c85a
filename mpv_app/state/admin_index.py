"""Administración: the index of the administrator's sections."""

from __future__ import annotations

import reflex as rx

from mpv_app.selectors.admin import summary
from mpv_app.state.admin_common import admin_user
from mpv_app.state.common import read


class AdminIndexState(rx.State):
    access: str = "checking"
    counts: dict[str, str] = {}

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access, self.counts = "checking", {}
        user, leave = await admin_user(self)
        if user is None:
            return leave
        self.counts = read(summary)
        return None
