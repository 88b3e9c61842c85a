"""The consulta's building blocks: filter form, results table, pager and status badge.

Pure functions of a state class that mixes in ``FilingSearchMixin``, so "Mis trámites" and the
staff inboxes look and behave the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from mpv_app.components.forms import select_field, text_field
from mpv_app.components.tables import scroll_box
from mpv_app.domain.enums import Status
from mpv_app.domain.rows import FilingRow

STATUS_COLORS = {
    Status.REGISTERED.value: "blue",
    Status.IN_PROGRESS.value: "amber",
    Status.ATTENDED.value: "green",
    Status.REJECTED.value: "red",
    Status.OBSERVED.value: "orange",
    Status.NOT_PRESENTED.value: "gray",
}
STATUS_OPTIONS = [(s.value, s.label) for s in Status]


def status_badge(label: rx.Var[str] | str, code: rx.Var[str] | str) -> rx.Component:
    """Colour helps, the word says it: the label is always there for every reader."""
    return rx.badge(
        label,
        color_scheme=rx.match(code, *STATUS_COLORS.items(), "gray"),  # type: ignore[arg-type]
        variant="soft",
        size="2",
        high_contrast=True,
    )


def _grid(*children: rx.Component) -> rx.Component:
    return rx.grid(*children, columns=rx.breakpoints(initial="1", sm="2", md="4"), spacing="3")


def _filter(state: Any, text: str, name: str, error: str = "", **more: Any) -> rx.Component:
    """A text filter starting from the query's value; ``error`` names the filter's message."""
    refusal = state.errors[error] if error else ""
    return text_field(text, name, default_value=state.form[name], error=refusal, **more)


def _invoice_filters(state: Any) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend("Comprobante electrónico", class_name="field-label"),
        _grid(
            _filter(
                state, "Serie-número del comprobante", "comprobante", placeholder="F001-00012345"
            ),
            _filter(state, "RUC del emisor", "ruc", "issuer_ruc"),
            _filter(state, "Importe desde", "monto_desde", "amount_min"),
            _filter(state, "Importe hasta", "monto_hasta", "amount_max"),
        ),
        style={"border": "none", "padding": "0", "margin": "12px 0 0 0"},
    )


def filters_form(state: Any, *, show_status: bool, show_destination: bool) -> rx.Component:
    """Inboxes leave out what cannot vary there (a department's own destination, say)."""
    form = state.form
    return rx.form(
        rx.el.fieldset(
            rx.el.legend("Filtros de búsqueda", class_name="field-label"),
            _grid(
                _filter(state, "Número de trámite", "numero", placeholder="MPV-2026-000123"),
                _filter(state, "Fecha de envío desde", "desde", "date_from", input_type="date"),
                _filter(state, "Fecha de envío hasta", "hasta", "date_to", input_type="date"),
                select_field(
                    "Estado",
                    "estado",
                    STATUS_OPTIONS,
                    placeholder="Todos",
                    default_value=form["estado"],
                    error=state.errors["status"],
                )
                if show_status
                else rx.fragment(),
                select_field(
                    "Tipo de correspondencia",
                    "tipo",
                    [],
                    placeholder="Todos",
                    options_var=state.type_options,
                    default_value=form["tipo"],
                ),
                _filter(state, "Asunto", "asunto"),
                *(
                    [
                        select_field(
                            "Centro de gestión",
                            "centro",
                            [],
                            placeholder="Todos",
                            options_var=state.center_options,
                            default_value=form["centro"],
                            on_change=state.choose_center,
                        ),
                        select_field(
                            "Dependencia destino",
                            "dependencia",
                            [],
                            placeholder="Todas",
                            options_var=state.department_options,
                            default_value=form["dependencia"],
                        ),
                    ]
                    if show_destination
                    else []
                ),
            ),
            style={"border": "none", "padding": "0", "margin": "0"},
        ),
        _invoice_filters(state),
        rx.hstack(
            rx.button("Buscar", rx.icon("search"), type="submit"),
            rx.button("Limpiar", type="button", variant="outline", on_click=state.clear),
            spacing="3",
            margin_top="12px",
        ),
        key=state.form_key,
        on_submit=state.search,
        role="search",
        aria_label="Buscar correspondencia",
        width="100%",
    )


def results_table(state: Any, *, link_label: str = "Ver detalle") -> rx.Component:
    order_label = rx.cond(state.newest_first, "más recientes primero", "más antiguas primero")
    sort_button = rx.button(
        "Fecha de envío",
        rx.cond(state.newest_first, rx.icon("arrow-down", size=14), rx.icon("arrow-up", size=14)),
        rx.el.span(" (orden: ", order_label, "; cambiar)", class_name="sr-only"),
        variant="ghost",
        size="1",
        on_click=state.toggle_order,
    )
    # The columns a reader needs first come first: on a phone the rest scroll into view.
    headers = ["Número", "Estado", "Asunto", sort_button, "Fecha de recepción", "Tipo", "Destino"]

    def row(item: rx.Var[FilingRow]) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(
                rx.link(
                    item.number,
                    rx.el.span(" — ", link_label, class_name="sr-only"),
                    href=item.href,
                    weight="medium",
                ),
                white_space="nowrap",
            ),
            rx.table.cell(status_badge(item.status, item.status_code)),
            rx.table.cell(item.subject, min_width="180px"),
            rx.table.cell(item.submitted, white_space="nowrap"),
            rx.table.cell(item.received, white_space="nowrap"),
            rx.table.cell(item.type),
            rx.table.cell(item.destination, min_width="160px"),
        )

    return scroll_box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *[
                        rx.table.column_header_cell(h)
                        if isinstance(h, str)
                        else rx.table.column_header_cell(
                            h, aria_sort=rx.cond(state.newest_first, "descending", "ascending")
                        )
                        for h in headers
                    ]
                )
            ),
            rx.table.body(rx.foreach(state.rows, row)),
            variant="surface",
            width="100%",
        ),
        "Resultados",
    )


def pager(state: Any) -> rx.Component:
    return rx.hstack(
        rx.button(
            "Anterior",
            variant="outline",
            disabled=state.page <= 1,
            on_click=state.go_to_page(state.page - 1),
        ),
        rx.text(
            "Página ", state.page, " de ", state.pages, " · ", state.total_text, aria_live="polite"
        ),
        rx.button(
            "Siguiente",
            variant="outline",
            disabled=state.page >= state.pages,
            on_click=state.go_to_page(state.page + 1),
        ),
        align="center",
        spacing="3",
        wrap="wrap",
        aria_label="Paginación",
    )


def search_results(
    state: Any, *, empty: rx.Component, table: Callable[[Any], rx.Component] | None = None
) -> rx.Component:
    """The table and pager, or the empty state (which differs when filters are on).

    ``table`` draws the rows (the staff inboxes bring their own); default ``results_table``."""
    no_match = rx.vstack(
        rx.text("No se encontró correspondencia con esos filtros."),
        rx.button("Limpiar filtros", variant="outline", on_click=state.clear),
        role="status",
    )
    return rx.cond(
        state.rows.length() > 0,
        rx.vstack((table or results_table)(state), pager(state), spacing="3", width="100%"),
        rx.cond(state.filtered, no_match, empty),
    )
