"""Administración: the index of the administrator's sections."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from mpv_app.domain.enums import Role
from mpv_app.selectors.admin import summary
from mpv_app.services.auth import SessionUser
from mpv_app.state.page import GatedPage
from mpv_app.state.site import PageRead


class AdminIndexState(GatedPage, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Role.ADMIN,)
    counts: dict[str, str] = {}

    def _close(self) -> None:
        self.counts = {}

    def _page_read(self) -> PageRead:
        return lambda session, _user: summary(session)

    async def _opened(self, user: SessionUser, data: dict[str, str]) -> None:
        self.counts = data
