"""The staff inboxes: Trámite Documentario sees every new filing, a department its own."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from mpv_app import routes
from mpv_app.domain.enums import Role
from mpv_app.domain.exports import ExportFormat, export_target
from mpv_app.domain.search_filters import parse_query, to_query
from mpv_app.selectors.consulta import Scope
from mpv_app.selectors.download_grants import issue
from mpv_app.selectors.inboxes import Inbox, inbox_scope
from mpv_app.services.auth import SessionUser
from mpv_app.state.auth import require
from mpv_app.state.filing_search import FilingSearchMixin

EXPIRED = "Su sesión expiró. Inicie sesión nuevamente."


class _InboxMixin(FilingSearchMixin, mixin=True):
    @staticmethod
    def _inbox() -> Inbox:
        raise NotImplementedError

    @rx.event
    async def export(self, fmt: str) -> rx.event.EventSpec | None:
        return await self._export_link(fmt)

    @rx.event
    def choose_order(self, value: str) -> rx.event.EventSpec:
        """The order travels in the URL like every filter; an unknown value is the default."""
        chosen = parse_query({"orden": str(value)}).filters.newest_first
        self.order_param = {True: "recientes", False: "antiguos", None: ""}[chosen]
        return self._go(to_query(self._current()))

    def _scope(self, user: SessionUser) -> Scope:
        return inbox_scope(self._inbox(), user.department_id)

    async def _export_link(self, fmt: object) -> rx.event.EventSpec | None:
        """A signed link to this search as a file; the route re-checks everything again."""
        inbox = self._inbox()
        user, _ = await require(self, inbox.role)
        if user is None:
            return rx.toast.error(EXPIRED)
        try:
            chosen = ExportFormat(fmt)  # type: ignore[arg-type]
        except ValueError:
            return None
        target = export_target(inbox.value, chosen, to_query(self._current()))
        token = issue(
            user_id=user.user_id, session_id=user.session_id, what="export", target=target
        )
        return rx.download(
            url=routes.export_download(target, token),
            filename=f"correspondencia-{inbox.value}.{chosen.value}",
        )


class ReceptionInboxState(_InboxMixin, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Inbox.RECEPTION.role,)

    @staticmethod
    def _inbox() -> Inbox:
        return Inbox.RECEPTION


class DepartmentInboxState(_InboxMixin, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Inbox.DEPARTMENT.role,)

    @staticmethod
    def _inbox() -> Inbox:
        return Inbox.DEPARTMENT
