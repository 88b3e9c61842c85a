"""Auditoría (admin only): the search lives in the URL so it can be bookmarked and reloaded.

"Buscar" and the pager only change the query string; ``load`` (the page's on_load, which runs
again on every query change) reads it back and asks the selector for one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import reflex as rx
from sqlmodel import Session

from mpv_app import routes
from mpv_app.domain.access import Access
from mpv_app.domain.enums import Role
from mpv_app.domain.rows import AuditRow
from mpv_app.selectors.audit_log import (
    QUERY_KEYS,
    AuditFilters,
    AuditPage,
    ParsedFilters,
    action_options,
    audit_page,
    parse_filters,
)
from mpv_app.services.auth import SessionUser
from mpv_app.state.auth import login_redirect, require
from mpv_app.state.common import form_text
from mpv_app.state.page import GatedPage
from mpv_app.state.site import PageRead


@dataclass(frozen=True)
class LogRead:
    """The query as typed, the action filter's options and, for a valid query, its page."""

    parsed: ParsedFilters
    actions: list[tuple[str, str]]
    found: AuditPage | None


def _href(filters: AuditFilters, page: int) -> str:
    query = filters.query_string(page=page)
    return f"{routes.AUDIT_LOG}?{query}" if query else routes.AUDIT_LOG


class AuditLogState(GatedPage, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Role.ADMIN,)
    rows: list[AuditRow] = []
    actions: list[tuple[str, str]] = []
    form: dict[str, str] = {}
    form_key: int = 0
    errors: list[str] = []
    total_text: str = ""
    pages_text: str = ""
    prev_href: str = ""
    next_href: str = ""
    filtered: bool = False

    def _show_form(self, parsed: ParsedFilters) -> None:
        self.form = dict(parsed.raw)
        # A date input only takes yyyy-mm-dd; "09/03/2026" from a hand-typed URL still shows.
        for key, value in (("desde", parsed.filters.since), ("hasta", parsed.filters.until)):
            self.form[key] = value.isoformat() if value else ""
        self.form_key += 1

    def _close(self) -> None:
        self.rows, self.errors = [], []
        self.prev_href = self.next_href = ""

    def _page_read(self) -> PageRead:
        params = {k: str(v) for k, v in self.router.url.query_parameters.items()}
        parsed = parse_filters(params)

        def read(session: Session, _user: SessionUser) -> LogRead:
            found = None if parsed.errors else audit_page(session, parsed.filters)
            return LogRead(parsed, action_options(session), found)

        return read

    async def _opened(self, user: SessionUser, data: LogRead) -> None:
        parsed, found = data.parsed, data.found
        self.actions = data.actions
        self._show_form(parsed)
        self.filtered = any(parsed.raw.values())
        self.errors = parsed.errors
        if found is None:
            self.total_text = self.pages_text = ""
            return
        filters = parsed.filters
        self.rows = found.rows
        self.total_text, self.pages_text = found.total_text, found.pages_text
        self.prev_href = _href(filters, found.page - 1) if found.page > 1 else ""
        self.next_href = _href(filters, found.page + 1) if found.has_next else ""

    @rx.event
    async def search(self, form_data: dict[str, Any]) -> rx.event.EventSpec | None:
        user, access = await require(self, Role.ADMIN)
        if user is None:
            self.access = access
            return login_redirect(routes.AUDIT_LOG) if access is Access.LOGIN else None
        parsed = parse_filters({k: form_text(form_data, k) for k in QUERY_KEYS})
        if parsed.errors:
            self.errors = parsed.errors
            return None
        # A new search starts on its first page.
        return rx.redirect(_href(parsed.filters, 1))
