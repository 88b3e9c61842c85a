"""Mis trámites."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.access import gate
from mpv_app.pages.common import shell
from mpv_app.state.my_filings import MyFilingsState


def _row(row: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row["number"]),
        rx.table.cell(row["submitted"]),
        rx.table.cell(row["received"]),
        rx.table.cell(row["subject"]),
        rx.table.cell(rx.badge(row["status"], variant="soft")),
        rx.table.cell(
            rx.button(
                "Descargar cargo",
                rx.el.span(" ", row["number"], class_name="sr-only"),
                size="1",
                variant="soft",
                on_click=MyFilingsState.download(row["number"]),
            )
        ),
    )


def my_filings_page() -> rx.Component:
    table = rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *[
                        rx.table.column_header_cell(h)
                        for h in (
                            "Número",
                            "Fecha de envío",
                            "Fecha de recepción",
                            "Asunto",
                            "Estado",
                            "",
                        )
                    ]
                )
            ),
            rx.table.body(rx.foreach(MyFilingsState.rows, _row)),
            variant="surface",
            width="100%",
        ),
        overflow_x="auto",
        width="100%",
    )
    empty = rx.vstack(
        rx.text("Aún no ha presentado correspondencia."),
        rx.link("Registrar una nueva correspondencia", href=routes.NEW_FILING),
    )
    return shell(
        gate(
            MyFilingsState.access,
            rx.vstack(
                rx.hstack(
                    rx.heading("Mis trámites", as_="h1", size="7"),
                    rx.link(
                        rx.button("Nueva correspondencia", rx.icon("file-plus")),
                        href=routes.NEW_FILING,
                    ),
                    justify="between",
                    width="100%",
                    wrap="wrap",
                ),
                rx.cond(MyFilingsState.rows.length() > 0, table, empty),
                spacing="4",
                width="100%",
            ),
        )
    )
