"""The staff inboxes' results: a compact table on a desk, cards on a phone.

A clerk scans a whole day's list, so each row stays one or two lines whatever the data: the
table has fixed column widths and every free-text cell is clamped to two lines, with the full
text in the cell (screen readers read it whole) and in a ``title`` (a pointer shows it). Below
768 px the same rows become cards, so a phone never scrolls sideways. Pure functions of a state
class that mixes in ``FilingSearchMixin`` and the inbox's ``choose_order``.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.components.filing_search import status_badge
from mpv_app.domain.attention import Waiting
from mpv_app.domain.rows import FilingRow

ORDER_OPTIONS = [
    ("", "Primero lo que requiere atención"),
    ("recientes", "Fecha de envío: más recientes primero"),
    ("antiguos", "Fecha de envío: más antiguas primero"),
]
# (header, width): Asunto takes what is left (about 320 px of a 1068 px content box).
COLUMNS = [
    ("Número", "132px"),
    ("Recepción", "92px"),
    ("Días hábiles en espera", "104px"),
    ("Remitente", "140px"),
    ("Asunto", "auto"),
    ("Destino", "168px"),
    ("Estado", "116px"),
]
WAIT_COLORS = {Waiting.OVERDUE.value: "red", Waiting.ON_TIME.value: "gray"}
_CELL = {"padding": "6px 8px", "vertical_align": "middle", "font_size": "13px"}
_TABLE_FROM = "48em"  # Reflex's md breakpoint: 768 px


def clamped(text: rx.Var[str], lines: int = 2, **props: Any) -> rx.Component:
    """At most ``lines`` lines; a long unbroken word breaks anywhere instead of widening."""
    return rx.el.span(
        text,
        title=text,
        style={
            "display": "-webkit-box",
            "-webkit-line-clamp": str(lines),
            "-webkit-box-orient": "vertical",
            "overflow": "hidden",
            "overflow-wrap": "anywhere",
            "word-break": "break-word",
            "line-height": "18px",
        },
        **props,
    )


def waiting_cell(row: rx.Var[FilingRow]) -> rx.Component:
    """Red past the term, and the words "fuera de plazo" say so without the colour."""
    return rx.cond(
        row.waiting == Waiting.NOT_WAITING.value,
        rx.el.span(
            "—",
            rx.el.span(" (", Waiting.NOT_WAITING.label, ")", class_name="sr-only"),
            title=Waiting.NOT_WAITING.label,
            color="#5d6b82",
        ),
        rx.badge(
            row.waiting_text,
            color_scheme=rx.match(row.waiting, *WAIT_COLORS.items(), "gray"),  # type: ignore[arg-type]
            variant=rx.cond(row.waiting == Waiting.OVERDUE.value, "solid", "soft"),
            high_contrast=True,
            size="1",
            style={"white_space": "normal", "text_align": "left"},
            class_name="wait-" + row.waiting,
        ),
    )


def order_select(state: Any) -> rx.Component:
    return rx.hstack(
        rx.el.label("Orden", html_for="f-orden", class_name="field-label"),
        rx.el.select(
            *[rx.el.option(text, value=value) for value, text in ORDER_OPTIONS],
            id="f-orden",
            value=state.order_param,
            on_change=state.choose_order,
            class_name="native-select",
            style={"max_width": "340px"},
        ),
        align="center",
        spacing="2",
        wrap="wrap",
    )


def _row(item: rx.Var[FilingRow]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(
                item.number,
                rx.el.span(" — Abrir", class_name="sr-only"),
                href=item.href,
                weight="medium",
            ),
            white_space="nowrap",
            style=_CELL,
        ),
        rx.table.cell(item.received, white_space="nowrap", style=_CELL),
        rx.table.cell(waiting_cell(item), style=_CELL),
        rx.table.cell(clamped(item.sender), style=_CELL),
        rx.table.cell(clamped(item.subject, class_name="inbox-subject"), style=_CELL),
        rx.table.cell(clamped(item.destination), style=_CELL),
        rx.table.cell(status_badge(item.status, item.status_code), style=_CELL),
        class_name="inbox-row",
    )


def _table(state: Any) -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.el.colgroup(*[rx.el.col(style={"width": width}) for _, width in COLUMNS]),
            rx.table.header(
                rx.table.row(
                    *[
                        rx.table.column_header_cell(header, style={**_CELL, "line_height": "16px"})
                        for header, _ in COLUMNS
                    ]
                )
            ),
            rx.table.body(rx.foreach(state.rows, _row)),
            variant="surface",
            width="100%",
            style={"table_layout": "fixed"},
        ),
        width="100%",
        aria_label="Resultados",
        id="inbox-table",
        display="none",
        style={f"@media (min-width: {_TABLE_FROM})": {"display": "block"}},
    )


def _card(item: rx.Var[FilingRow]) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.link(item.number, href=item.href, weight="bold"),
                    status_badge(item.status, item.status_code),
                    justify="between",
                    align="center",
                    width="100%",
                    wrap="wrap",
                ),
                rx.hstack(
                    rx.text("Recepción: ", item.received, size="2"),
                    waiting_cell(item),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                ),
                rx.text(clamped(item.subject, 3), size="2"),
                spacing="1",
                width="100%",
                min_width="0",
            ),
            width="100%",
        ),
        style={"list_style": "none", "margin": "0 0 8px 0"},
    )


def _cards(state: Any) -> rx.Component:
    return rx.el.ul(
        rx.foreach(state.rows, _card),
        aria_label="Resultados",
        id="inbox-cards",
        style={
            "padding": "0",
            "margin": "0",
            "width": "100%",
            "display": "block",
            f"@media (min-width: {_TABLE_FROM})": {"display": "none"},
        },
    )


def inbox_results(state: Any) -> rx.Component:
    """The order chooser, then the rows as a table (desk) or cards (phone)."""
    return rx.vstack(order_select(state), _table(state), _cards(state), spacing="2", width="100%")
