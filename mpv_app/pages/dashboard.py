"""Panel: how much correspondence is in each state, where, and what waits too long."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.dashboard_charts import (
    daily_chart,
    daily_table,
    department_chart,
    overdue_chart,
    overdue_departments_table,
)
from mpv_app.components.filing_search import status_badge
from mpv_app.components.forms import form_alert
from mpv_app.components.tables import scroll_box
from mpv_app.domain.enums import Status
from mpv_app.domain.rows import OverdueRow, StatusCard
from mpv_app.pages.common import shell
from mpv_app.state.dashboard import DashboardState


def _card(card: rx.Var[StatusCard]) -> rx.Component:
    return rx.card(
        rx.vstack(
            status_badge(card["label"], card["code"]),
            rx.text(card["count"], size="8", weight="bold", class_name="status-count"),
            spacing="2",
        ),
        id="card-" + card["code"],
        aria_label=card["label"],
    )


def _departments() -> rx.Component:
    headers = ["Dependencia", *[s.label for s in Status], "Total"]

    def row(item: rx.Var[dict[str, Any]]) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(item["name"], min_width="220px"),
            *[rx.table.cell(item[s.value], text_align="right") for s in Status],
            rx.table.cell(rx.text(item["total"], weight="bold"), text_align="right"),
        )

    table = rx.table.root(
        rx.el.caption("Correspondencia por dependencia y estado", class_name="sr-only"),
        rx.table.header(
            rx.table.row(*[rx.table.column_header_cell(h, white_space="nowrap") for h in headers])
        ),
        rx.table.body(rx.foreach(DashboardState.departments, row)),
        variant="surface",
        width="100%",
    )
    return rx.cond(
        DashboardState.departments.length() > 0,
        rx.vstack(
            department_chart(
                DashboardState.departments, DashboardState.chart_heights["departments"]
            ),
            scroll_box(
                table, "Correspondencia por dependencia", max_width="100%", id="department-table"
            ),
            spacing="3",
            width="100%",
        ),
        rx.text("No hay correspondencia registrada.", role="status"),
    )


def _overdue() -> rx.Component:
    headers = [
        "Número",
        "Asunto",
        "Dependencia",
        "Fecha de recepción",
        "Días hábiles transcurridos",
        "Estado",
    ]

    def row(item: rx.Var[OverdueRow]) -> rx.Component:
        return rx.table.row(
            rx.table.row_header_cell(
                rx.link(item["number"], href=item["href"]), white_space="nowrap"
            ),
            rx.table.cell(item["subject"], min_width="180px"),
            rx.table.cell(item["department"], min_width="180px"),
            rx.table.cell(item["received"], white_space="nowrap"),
            rx.table.cell(item["days"], text_align="right"),
            rx.table.cell(status_badge(item["status"], item["status_code"])),
        )

    table = rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
        rx.table.body(rx.foreach(DashboardState.overdue, row)),
        variant="surface",
        width="100%",
    )
    return rx.cond(
        DashboardState.overdue_total > 0,
        rx.vstack(
            rx.text(DashboardState.overdue_summary, id="overdue-summary"),
            overdue_chart(
                DashboardState.overdue_departments, DashboardState.chart_heights["overdue"]
            ),
            overdue_departments_table(DashboardState.overdue_departments),
            scroll_box(table, "Correspondencia sin atender", max_width="100%", id="overdue-table"),
            spacing="2",
            width="100%",
        ),
        rx.text("No hay correspondencia pendiente fuera de plazo.", role="status"),
    )


def dashboard_page() -> rx.Component:
    content = rx.vstack(
        rx.heading("Totales por estado", as_="h2", size="5"),
        rx.grid(
            rx.foreach(DashboardState.cards, _card),
            columns=rx.breakpoints(initial="2", md="4"),
            spacing="3",
            width="100%",
        ),
        rx.heading("Últimos 30 días", as_="h2", size="5", margin_top="12px"),
        rx.text(
            "Correspondencia por fecha de recepción, según el estado en que está hoy.",
            color="#5d6b82",
        ),
        daily_chart(DashboardState.daily),
        daily_table(DashboardState.daily),
        rx.heading("Por dependencia", as_="h2", size="5", margin_top="12px"),
        _departments(),
        rx.heading(DashboardState.overdue_title, as_="h2", size="5", margin_top="12px"),
        _overdue(),
        spacing="3",
        width="100%",
        min_width="0",
    )
    return shell(
        gate(
            DashboardState.access,
            rx.vstack(
                rx.heading("Panel", as_="h1", size="7"),
                rx.text(DashboardState.scope, color="#5d6b82", id="dashboard-scope"),
                form_alert(DashboardState.notice, color_scheme="amber"),
                rx.cond(DashboardState.notice != "", rx.fragment(), content),
                spacing="4",
                width="100%",
                min_width="0",
            ),
        )
    )
