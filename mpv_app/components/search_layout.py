"""A search page's layout: results first, then the filters (folded on a phone)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from mpv_app.components.filing_search import filters_form, search_results


def filter_panel(state: Any, *, show_status: bool, show_destination: bool) -> rx.Component:
    """The filters after the results: a panel a phone folds (open once filters apply) and a
    wider screen always shows (``.filter-panel`` in assets/styles.css)."""
    return rx.el.details(
        rx.el.summary("Filtros de búsqueda", class_name="filter-summary"),
        filters_form(state, show_status=show_status, show_destination=show_destination),
        open=state.filtered,
        class_name="filter-panel",
    )


def search_page(
    state: Any,
    *,
    title: str,
    actions: rx.Component,
    empty: rx.Component,
    intro: str = "",
    show_status: bool = True,
    show_destination: bool = True,
    table: Callable[[Any], rx.Component] | None = None,
) -> rx.Component:
    """Results first, then the filters (folded on a phone); with nothing at all to list, only
    the empty state: no filters to wade through."""
    nothing_yet = (state.rows.length() == 0) & ~state.filtered
    return rx.vstack(
        rx.hstack(
            rx.heading(title, as_="h1", size="7"),
            actions,
            justify="between",
            width="100%",
            wrap="wrap",
        ),
        rx.text(intro, color="#5d6b82") if intro else rx.fragment(),
        rx.cond(
            nothing_yet,
            empty,
            rx.vstack(
                search_results(state, empty=empty, table=table),
                filter_panel(state, show_status=show_status, show_destination=show_destination),
                spacing="4",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )
