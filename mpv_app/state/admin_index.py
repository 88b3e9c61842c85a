"""Administración: the index of the administrator's sections."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from mpv_app.domain.enums import Role
from mpv_app.selectors.admin import summary
from mpv_app.services.auth import SessionUser
from mpv_app.state.common import read_off_loop
from mpv_app.state.page import GatedPage


class AdminIndexState(GatedPage, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Role.ADMIN,)
    counts: dict[str, str] = {}

    def _close(self) -> None:
        self.counts = {}

    async def _open(self, user: SessionUser) -> None:
        self.counts = await read_off_loop(summary)
