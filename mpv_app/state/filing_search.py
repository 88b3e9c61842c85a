"""The search behind "Mis trámites" and both staff inboxes, shared as a state mixin.

Filters live in the URL: "Buscar" and the pager only redirect to a new query string, and the
page's ``on_load`` reads it back, so a search can be bookmarked and survives a reload.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import reflex as rx
from sqlmodel import Session

from mpv_app.domain.rows import FilingRow
from mpv_app.domain.search_filters import (
    FilingFilters,
    ParsedQuery,
    parse_query,
    positive_int,
    to_query,
)
from mpv_app.selectors.catalog import center_options, department_options, document_type_options
from mpv_app.selectors.consulta import FilingPage, Scope, search_filings
from mpv_app.services.auth import SessionUser
from mpv_app.state.common import assign_changed, form_text, read_off_loop
from mpv_app.state.page import GatedPage
from mpv_app.state.site import PageRead

_Options = list[tuple[str, str]]
FORM_KEYS = (
    "numero",
    "desde",
    "hasta",
    "estado",
    "tipo",
    "asunto",
    "centro",
    "dependencia",
    "comprobante",
    "ruc",
    "monto_desde",
    "monto_hasta",
)


@dataclass(frozen=True)
class _Search:
    params: dict[str, str]
    parsed: ParsedQuery
    types: _Options
    centers: _Options
    departments: _Options
    page: FilingPage


def _total_text(total: int, capped: bool) -> str:
    if capped:
        return f"Más de {total:,} resultados".replace(",", " ")  # total is the cap reached
    return "1 resultado" if total == 1 else f"{total} resultados"


class FilingSearchMixin(GatedPage, mixin=True):
    rows: list[FilingRow] = []  # typed: components read row.number, row.waiting_text, …
    total_text: str = ""
    page: int = 1
    pages: int = 1
    form: dict[str, str] = {}
    form_key: int = 0
    errors: dict[str, str] = {}
    filtered: bool = False
    newest_first: bool = True  # the order shown, whether chosen or the page's default
    order_param: str = ""  # "recientes" / "antiguos" once chosen; "" keeps the default
    default_newest: bool = True  # the page's own order; staff inboxes: attention first
    type_options: list[tuple[str, str]] = []
    center_options: list[tuple[str, str]] = []
    department_options: list[tuple[str, str]] = []

    def _close(self) -> None:
        self.rows = []

    def _scope(self, user: SessionUser) -> Scope:
        """What this page's user may see at all (runs in the worker thread)."""
        raise NotImplementedError

    def _page_read(self) -> PageRead:
        """The query string's search, read in the navigation's one trip once the session
        passed (``GatedPage``): catalogs and the page of results in one snapshot."""
        params = {key: str(value) for key, value in self.router.url.query_parameters.items()}

        def _read(session: Session, user: SessionUser) -> _Search:
            parsed = parse_query(params)
            center_id = parsed.filters.center_id
            return _Search(
                params,
                parsed,
                document_type_options(session),
                center_options(session),
                department_options(session, center_id) if center_id else [],
                search_filings(session, parsed.filters, self._scope(user), page=parsed.page),
            )

        return _read

    async def _opened(self, user: SessionUser, data: Any) -> None:
        found: _Search = data
        filters, scope = found.parsed.filters, self._scope(user)
        self.errors, self.filtered = found.parsed.errors, not filters.is_empty()
        self.default_newest = not scope.attention_first
        chosen = filters.newest_first
        self.newest_first = self.default_newest if chosen is None else chosen
        self.order_param = {True: "recientes", False: "antiguos", None: ""}[chosen]
        self.form = {key: found.params.get(key, "").strip() for key in FORM_KEYS}
        self.form_key += 1
        assign_changed(
            self,
            type_options=found.types,
            center_options=found.centers,
            department_options=found.departments,
        )
        self.rows, self.page, self.pages = found.page.rows, found.page.page, found.page.pages
        self.total_text = _total_text(found.page.total, found.page.total_is_capped)

    async def _load_departments(self, center_id: int | None) -> None:
        self.department_options = (
            await read_off_loop(lambda s: department_options(s, center_id)) if center_id else []
        )

    def _go(self, query: dict[str, str]) -> rx.event.EventSpec:
        path = self.router.url.path
        return rx.redirect(f"{path}?{urlencode(query)}" if query else path)

    def _current(self) -> FilingFilters:
        return parse_query(self.form | {"orden": self.order_param}).filters

    @rx.event
    def search(self, form_data: dict[str, Any]) -> rx.event.EventSpec:
        query = {key: form_text(form_data, key).strip() for key in FORM_KEYS}
        query["orden"] = self.order_param
        return self._go({key: value for key, value in query.items() if value})

    @rx.event
    def clear(self) -> rx.event.EventSpec:
        return self._go({})

    @rx.event
    def go_to_page(self, page: int) -> rx.event.EventSpec:
        return self._go(to_query(self._current(), positive_int(page) or 1))

    @rx.event
    def toggle_order(self) -> rx.event.EventSpec:
        # Back to the page's own order means no parameter: the URL stays as short as it was.
        wanted = not self.newest_first
        order = "recientes" if wanted else "antiguos"
        self.order_param = "" if wanted == self.default_newest else order
        return self._go(to_query(self._current()))

    @rx.event
    async def choose_center(self, value: str) -> None:
        self.form = self.form | {"centro": str(positive_int(value) or ""), "dependencia": ""}
        await self._load_departments(positive_int(value))
