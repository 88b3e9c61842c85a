"""The staff inboxes: Trámite Documentario sees every new filing, a department its own."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.enums import Role, Status
from mpv_app.selectors.consulta import Scope
from mpv_app.state.filing_search import FilingSearchMixin


class ReceptionInboxState(FilingSearchMixin, rx.State):
    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        return await self._load_search(
            Role.RECEPTION,
            # Observada stays in view: it waits on the sender, and comes back here when fixed.
            lambda _user: Scope(
                statuses=(Status.REGISTERED, Status.OBSERVED), oldest_received_first=True
            ),
        )


class DepartmentInboxState(FilingSearchMixin, rx.State):
    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        # A department account without a department sees nothing rather than everything.
        return await self._load_search(
            Role.DEPARTMENT,
            lambda user: Scope(department_id=user.department_id or -1, oldest_received_first=True),
        )
