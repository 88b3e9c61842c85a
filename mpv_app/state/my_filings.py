"""Mis trámites: the sender's own filings, searched with the consulta's filters."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.enums import Role
from mpv_app.selectors.consulta import Scope
from mpv_app.state.filing_search import FilingSearchMixin


class MyFilingsState(FilingSearchMixin, rx.State):
    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        return await self._load_search(Role.SENDER, lambda user: Scope(sender_user_id=user.user_id))
