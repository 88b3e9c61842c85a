"""Landing pages of each staff role; each handler re-checks the role on the server."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.enums import Role, Status
from mpv_app.selectors.filings import count_by_status
from mpv_app.state.auth import login_redirect, require
from mpv_app.state.common import read


class ReceptionHomeState(rx.State):
    access: str = "checking"
    pending: int = 0

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access = "checking"
        user, self.access = await require(self, Role.RECEPTION)
        if user is None:
            return login_redirect(self.router.url.path) if self.access == "login" else None
        self.pending = read(lambda s: count_by_status(s, Status.REGISTERED))
        return None


class DepartmentHomeState(rx.State):
    access: str = "checking"
    pending: int = 0

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access = "checking"
        user, self.access = await require(self, Role.DEPARTMENT)
        if user is None:
            return login_redirect(self.router.url.path) if self.access == "login" else None
        self.pending = read(
            lambda s: count_by_status(s, Status.REGISTERED, department_id=user.department_id)
        )
        return None
